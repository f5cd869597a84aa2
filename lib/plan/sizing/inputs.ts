/**
 * Sizing inputs: `sizingInput(meta, estate, flags)` derives every input (peak write and read, public traffic,
 * retention, stored bytes, topics, partitions, groups, features) of the estate the plan selected, and says where
 * each came from. The metadata gives only measurements (traffic, storage, racks, version, broker settings).
 */
import type { ClusterMetadata, TopicMetadata, TopicTraffic, TrafficMetadata } from '../../model';
import { DISK_TYPES_BY_COST, findIoSpec, INSTANCE_RETENTION_HOURS, LOCAL_TOPIC_REPLICAS, SIZING_GUIDANCE, SIZING_UNITS } from '../../alikafka';
import { isCompacted } from '../../kafka';
import { PlanError, PlanProblem } from '../errors';
import { sourceRetention } from '../retention';
import { isInternalTopic } from '../topics';
import type { SizingEstate, SizingFlags, SizingInput, SizingTopic, SizingValue, SizingWarning, SpecFloor } from './types';
import { cmp, fmt, plural, round } from './format';

type PeakTopicTraffic = TopicTraffic & { readonly peakBytesInPerSec?: number };
type PeakTraffic = TrafficMetadata & {
  readonly peakBytesInPerSec?: number;
  readonly perTopic?: Readonly<Record<string, PeakTopicTraffic>>;
};

const MB = SIZING_UNITS.trafficMBBytes;
/**
 * Spreads `total` over `topics`: topics with a measured value keep it; what is left is shared by the other
 * non-internal topics in proportion to their partitions (all other topics when every one is internal).
 */
function spread(
  topics: readonly TopicMetadata[],
  measured: (t: TopicMetadata) => number | undefined,
  total: number,
): Map<string, { value: number; measured: boolean }> {
  const out = new Map<string, { value: number; measured: boolean }>();
  let attributed = 0;
  const rest: TopicMetadata[] = [];
  for (const t of topics) {
    const m = measured(t);
    if (m !== undefined) {
      out.set(t.name, { value: m, measured: true });
      attributed += m;
    } else {
      rest.push(t);
    }
  }
  const sharers = rest.some((t) => !isInternalTopic(t)) ? rest.filter((t) => !isInternalTopic(t)) : rest;
  const weight = sharers.reduce((s, t) => s + t.partitions, 0);
  const remainder = Math.max(0, total - attributed);
  for (const t of rest) {
    const share = sharers.includes(t) && weight > 0 ? (remainder * t.partitions) / weight : 0;
    out.set(t.name, { value: share, measured: false });
  }
  return out;
}

function finite(name: string, v: number | undefined, min: number, max: number, problems: PlanProblem[]): void {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v < min || v > max) {
    problems.push({ subject: name, message: `must be a number from ${min} to ${max}, got ${v}` });
  }
}

/** The distinct racks of the source's brokers, sorted. */
export function sourceRacks(meta: ClusterMetadata): string[] {
  return [...new Set((meta.brokers ?? []).map((b) => b.rack).filter((r): r is string => r !== undefined && r !== ''))].sort(cmp);
}

/**
 * Derives the sizing input of the selected estate from the metadata's measurements and flags. Every value says where
 * it came from. Throws `PlanError` for flags out of range.
 */
export function sizingInput(meta: ClusterMetadata, estate: SizingEstate, flags: SizingFlags = {}): SizingInput {
  const problems: PlanProblem[] = [];
  finite('peakMBps', flags.peakMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('readMBps', flags.readMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('publicMBps', flags.publicMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('retentionHours', flags.retentionHours, INSTANCE_RETENTION_HOURS.min, INSTANCE_RETENTION_HOURS.max, problems);
  finite('headroomPct', flags.headroomPct, 0, 1000, problems);
  finite('localReplicas', flags.localReplicas, LOCAL_TOPIC_REPLICAS.min, LOCAL_TOPIC_REPLICAS.max, problems);
  if (flags.localReplicas !== undefined && !Number.isInteger(flags.localReplicas))
    problems.push({ subject: 'localReplicas', message: `must be a whole number, got ${flags.localReplicas}` });
  if (flags.diskType !== undefined && !DISK_TYPES_BY_COST.includes(flags.diskType))
    problems.push({ subject: 'diskType', message: `must be one of ${DISK_TYPES_BY_COST.join(', ')}, got ${JSON.stringify(flags.diskType)}` });
  if (problems.length > 0) throw new PlanError(problems);

  const warnings: SizingWarning[] = [];
  let specFloor: SpecFloor | undefined;
  const selected = estate.topics;
  const scope = estate.narrowed ? 'the selected topics' : 'the migrated topics';
  const groups = estate.groups;
  const readers = new Map<string, number>();
  for (const g of groups) for (const t of g.topics) readers.set(t, (readers.get(t) ?? 0) + 1);

  // Write: per-topic peaks, or per-topic means scaled by the window's peak/mean, the rest shared by partitions.
  const traffic = meta.traffic as PeakTraffic | undefined;
  const peakTotal = traffic?.peakBytesInPerSec;
  const meanTotal = traffic?.bytesInPerSec;
  const scale = peakTotal !== undefined && meanTotal !== undefined && meanTotal > 0 ? peakTotal / meanTotal : 1;
  const writeBytes = spread(
    meta.topics,
    (t) => {
      const p = traffic?.perTopic?.[t.name];
      if (!p) return undefined;
      return p.peakBytesInPerSec ?? p.bytesInPerSec * scale;
    },
    peakTotal ?? meanTotal ?? 0,
  );
  let perTopicWrite = new Map(selected.map((t) => [t.name, (writeBytes.get(t.name)?.value ?? 0) / MB]));
  const measuredSum = [...perTopicWrite.values()].reduce((s, v) => s + v, 0);
  let write: SizingValue<number>;
  const measuredTopics = selected.filter((t) => writeBytes.get(t.name)?.measured).length;
  const how = `${measuredTopics} of ${selected.length} topics measured one by one, the rest share the remainder by partitions`;
  if (flags.peakMBps !== undefined) {
    const f = flags.peakMBps;
    const partitions = selected.reduce((s, t) => s + t.partitions, 0);
    perTopicWrite = new Map(
      selected.map((t) => [
        t.name,
        measuredSum > 0 ? ((perTopicWrite.get(t.name) ?? 0) * f) / measuredSum : partitions > 0 ? (f * t.partitions) / partitions : 0,
      ]),
    );
    write = {
      value: f,
      origin: 'flag',
      detail: `--peak-mbps ${f}${measuredSum > 0 ? ` (measured: ${fmt(measuredSum)} MB/s)` : ''}, spread over the topics ${measuredSum > 0 ? 'as measured' : 'by partitions'}`,
    };
  } else if (peakTotal !== undefined) {
    write = {
      value: measuredSum,
      origin: 'measured-peak',
      detail: `busiest second of a ${traffic?.windowSeconds ?? '?'} s window (export --sample-traffic), ${scope}; ${how}`,
    };
  } else if (meanTotal !== undefined) {
    write = {
      value: measuredSum,
      origin: 'measured-mean',
      detail: `mean over a ${traffic?.windowSeconds ?? '?'} s window (no peak in the metadata), ${scope}; ${how}`,
    };
    warnings.push({
      code: 'mean-as-peak',
      subject: 'write traffic',
      message:
        'the metadata has only the mean ingress over the sampling window, used as the peak: real peaks are higher. Re-export with --sample-traffic (newer exports record the busiest second) or pass --peak-mbps',
    });
  } else {
    write = { value: 0, origin: 'default', detail: 'no traffic in the metadata: 0 MB/s' };
    const source = meta.source.alikafka?.ioMaxSpec !== undefined ? findIoSpec(meta.source.alikafka.ioMaxSpec) : undefined;
    if (source) {
      specFloor = {
        ioMaxSpec: source.name,
        writeMBps: source.writeMBps,
        readMBps: source.readMBps,
        detail: `the source instance ${meta.source.alikafka?.instanceId ?? ''} runs ${source.name} (${fmt(source.writeMBps, 0)}/${fmt(source.readMBps, 0)} MB/s write/read) and no traffic was measured, so no smaller spec is chosen`,
      };
    }
    warnings.push({
      code: 'no-traffic',
      subject: 'write traffic',
      message: source
        ? `no traffic measured: the spec starts from the source instance's ${source.name} and is sized up for partitions, groups and disk. Export with --bootstrap-servers and --sample-traffic, or pass --peak-mbps, to size from the traffic`
        : 'no traffic measured: the spec is sized on partitions, groups and disk only. Export with --sample-traffic or pass --peak-mbps',
    });
  }

  // Read: each group reading a topic reads its whole ingress; topics no group reads are counted once.
  let perTopicRead = new Map(selected.map((t) => [t.name, (perTopicWrite.get(t.name) ?? 0) * Math.max(1, readers.get(t.name) ?? 0)]));
  const derivedRead = [...perTopicRead.values()].reduce((s, v) => s + v, 0);
  let read: SizingValue<number>;
  if (flags.readMBps !== undefined) {
    const f = flags.readMBps;
    const partitions = selected.reduce((s, t) => s + t.partitions, 0);
    perTopicRead = new Map(
      selected.map((t) => [
        t.name,
        derivedRead > 0 ? ((perTopicRead.get(t.name) ?? 0) * f) / derivedRead : partitions > 0 ? (f * t.partitions) / partitions : 0,
      ]),
    );
    read = { value: f, origin: 'flag', detail: `--read-mbps ${f}` };
  } else {
    read = {
      value: derivedRead,
      origin: 'derived',
      detail: `write of each topic x the consumer groups reading it (${plural(groups.length, 'group')}; a topic no group reads counts once)`,
    };
    if (derivedRead > 0) {
      warnings.push({
        code: 'derived-read',
        subject: 'read traffic',
        message: "read traffic is not measured: estimated as each topic's write times the groups reading it. Pass --read-mbps if consumers re-read or lag",
      });
    }
  }

  // Stored bytes.
  const storage = meta.storage;
  let stored: SizingValue<number | undefined>;
  let storedBytes: Map<string, { value: number; measured: boolean }> | undefined;
  if (storage) {
    storedBytes = spread(meta.topics, (t) => storage.perTopic?.[t.name], storage.usedBytes);
    const sum = selected.reduce((s, t) => s + (storedBytes?.get(t.name)?.value ?? 0), 0);
    const per = selected.filter((t) => storedBytes?.get(t.name)?.measured).length;
    stored = {
      value: sum,
      origin: 'stored-bytes',
      detail: `bytes on the source's brokers, one copy, ${scope} (${per} of ${selected.length} topics measured one by one, the rest share the remainder by partitions)`,
    };
  } else {
    stored = { value: undefined, origin: 'default', detail: 'no storage figures in the metadata: disk from retention x ingress only' };
    if (write.value === 0) {
      warnings.push({
        code: 'no-storage',
        subject: 'disk',
        message:
          "neither storage nor traffic in the metadata: the disk is the spec's minimum. Export from the brokers (storage) with --sample-traffic, or pass --peak-mbps",
      });
    }
  }

  const retentions = new Map(selected.map((t) => [t.name, sourceRetention(t, meta.brokers)]));
  const given = flags.retentionHours;
  const retention: SizingValue<number | undefined> =
    given !== undefined
      ? { value: given, origin: 'flag', detail: `--retention-hours ${given}` }
      : {
          value: undefined,
          origin: 'metadata',
          detail:
            "the longest retention among the cloud-storage topics (topic retention.ms, else the source brokers' log retention, else Kafka's 168 h), within AliKafka's and the edition's limits",
        };
  const longer = given === undefined ? [] : selected.filter((t) => !isCompacted(t.configs) && (retentions.get(t.name)?.hours ?? 0) > given);
  if (given !== undefined && longer.length > 0) {
    warnings.push({
      code: 'retention',
      subject: 'retention',
      message: `${plural(longer.length, 'cloud-storage topic')} keep messages longer than ${given} h on the source (${longer
        .slice(0, 3)
        .map((t) => t.name)
        .join(
          ', ',
        )}${longer.length > 3 ? ', ...' : ''}); on AliKafka they follow the instance retention, and the disk is sized for it. Pass --retention-hours to keep more`,
    });
  }

  const headroom: SizingValue<number> =
    flags.headroomPct !== undefined
      ? { value: flags.headroomPct, origin: 'flag', detail: `--headroom ${flags.headroomPct}` }
      : { value: SIZING_GUIDANCE.trafficHeadroom * 100, origin: 'default', detail: "AliKafka's guidance: buy about this much above the peak" };

  const publicMBps: SizingValue<number> =
    flags.publicMBps !== undefined
      ? { value: flags.publicMBps, origin: 'flag', detail: `--public-mbps ${flags.publicMBps}` }
      : { value: 0, origin: 'default', detail: 'no public traffic given: VPC access only' };

  const racks = sourceRacks(meta);
  const multiZone: SizingValue<boolean> =
    flags.multiZone !== undefined
      ? { value: flags.multiZone, origin: 'flag', detail: flags.zoneDetail ?? (flags.multiZone ? 'multi-zone asked for' : 'single zone asked for') }
      : racks.length > 1
        ? { value: true, origin: 'metadata', detail: `the source's brokers are spread over ${racks.length} racks (${racks.join(', ')}): keep zone redundancy` }
        : {
            value: false,
            origin: 'default',
            detail: racks.length === 1 ? `the source's brokers share one rack (${racks[0]})` : 'no broker racks in the metadata: one zone, the cheaper choice',
          };

  const aclCount = estate.acls;
  const topics: SizingTopic[] = selected.map((t) => ({
    name: t.name,
    partitions: t.partitions,
    configs: t.configs,
    storageEngine: t.storageEngine,
    writeMBps: perTopicWrite.get(t.name) ?? 0,
    readMBps: perTopicRead.get(t.name) ?? 0,
    storedBytes: storedBytes?.get(t.name)?.value,
    retention: retentions.get(t.name) ?? sourceRetention(t, meta.brokers),
  }));
  return {
    writeMBps: { ...write, value: round(write.value, 6) },
    readMBps: { ...read, value: round(read.value, 6) },
    publicMBps,
    retentionHours: retention,
    headroomPct: headroom,
    storedBytes: stored,
    multiZone,
    localReplicas:
      flags.localReplicas !== undefined
        ? { value: flags.localReplicas, origin: 'flag', detail: `--replicas ${flags.localReplicas}` }
        : {
            value: LOCAL_TOPIC_REPLICAS.value,
            origin: 'default',
            detail: `AliKafka's default for local-storage topics is not published; ${LOCAL_TOPIC_REPLICAS.value} assumed (give the replica count)`,
          },
    diskType:
      flags.diskType !== undefined && flags.diskType !== DISK_TYPES_BY_COST[0]
        ? { value: flags.diskType, origin: 'flag', detail: 'SSD asked for (--ssd)' }
        : flags.diskType !== undefined
          ? { value: flags.diskType, origin: 'flag', detail: 'ultra cloud disk asked for' }
          : { value: DISK_TYPES_BY_COST[0], origin: 'default', detail: 'ultra cloud disk, the cheaper type (--ssd for SSD)' },
    sourceKafkaVersion:
      meta.source.kafkaVersion !== undefined
        ? { value: meta.source.kafkaVersion, origin: 'metadata', detail: 'source.kafkaVersion' }
        : { value: undefined, origin: 'default', detail: 'not in the metadata' },
    acls: { value: aclCount, origin: 'metadata', detail: `${plural(aclCount, 'ACL')} the plan carries (of the migrated users, topics and groups)` },
    topics: topics.sort((a, b) => cmp(a.name, b.name)),
    groups: [...groups].sort((a, b) => cmp(a.groupId, b.groupId)),
    singlePartition: estate.singlePartition,
    allTopics: meta.topics,
    include: flags.include,
    exclude: flags.exclude,
    warnings,
    ...(specFloor !== undefined ? { specFloor } : {}),
  };
}
