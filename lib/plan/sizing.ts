/**
 * Sizing: the cheapest AliKafka instance that carries an estate, chosen from measured evidence.
 *
 * Two pure functions:
 * - `sizingInputFromMetadata(meta, flags)` derives every input (peak write and read, public traffic, retention,
 *   stored bytes, topics, partitions, groups, features) and says where each came from;
 * - `evaluateSizing(input)` walks AliKafka's (edition, traffic spec) pairs cheapest first and keeps the first
 *   that meets every need with headroom, then sizes disk and partitions for it. Each choice has a reason; an
 *   estate no spec carries gets errors naming the dimension and by how much, and a split suggestion.
 *
 * Every AliKafka value (specs, cost order, quotas, disk steps, guidance) comes from `lib/alikafka`; values the
 * references do not confirm raise an `unconfirmed` warning when the evaluation uses them.
 */
import type { ClusterMetadata, TopicMetadata, TopicTraffic, TrafficMetadata } from '../model';
import {
  COST_ORDER_CONFIRMED,
  DISK_SIZE_CONFIRMED,
  DISK_SIZE_GB,
  DISK_TYPES_BY_COST,
  EDITIONS,
  GROUPS_PER_QUOTA_PARTITION,
  HOUR_MS,
  INSTANCE_RETENTION_HOURS,
  IoSpec,
  LOCAL_TOPIC_REPLICAS,
  PUBLIC_BANDWIDTH,
  SIZING_GUIDANCE,
  SIZING_UNITS,
  SPEC_TYPES,
  SpecType,
  specsByCost,
  TOPICS_PER_QUOTA_PARTITION,
  type DeployType,
  type DiskType,
} from '../alikafka';
import { PlanError, PlanProblem } from './errors';
import { isInternalTopic, mirrorMakerEvidence, shapeTopic, topicSelection } from './topics';

// ---------------------------------------------------------------------------------------------------------
// Inputs

/** Where an input value came from. */
export type InputOrigin =
  | 'measured-peak' // export --sample-traffic: the busiest second of the window
  | 'measured-mean' // export --sample-traffic: the mean over the window (used as the peak, with a warning)
  | 'stored-bytes' // export: bytes stored on the source's brokers
  | 'retention-x-ingress' // ingress times the retention the target keeps
  | 'derived' // computed from other inputs (read from ingress and consumer groups, ...)
  | 'metadata' // read from the metadata (topics, groups, ACLs, racks, version)
  | 'flag' // given on the command line
  | 'default'; // nothing known: the stated default

export interface SizingValue<T> {
  readonly value: T;
  readonly origin: InputOrigin;
  /** How the value was obtained, for people. */
  readonly detail: string;
}

/** One topic as sizing sees it: its shape (for the plan's storage and partition rules) and its load. */
export interface SizingTopic {
  readonly name: string;
  readonly partitions: number;
  readonly configs?: Readonly<Record<string, string>>;
  /** Peak business write, MB/s (AliKafka's unit, `SIZING_UNITS`). */
  readonly writeMBps: number;
  /** Peak business read, MB/s. */
  readonly readMBps: number;
  /** Bytes the source stores for the topic (one copy); undefined when not known. */
  readonly storedBytes?: number;
}

export interface SizingGroup {
  readonly groupId: string;
  /** Selected topics the group reads. */
  readonly topics: readonly string[];
}

export interface SizingWarning {
  readonly code: 'mean-as-peak' | 'no-traffic' | 'no-storage' | 'derived-read' | 'version' | 'standard-disk' | 'unconfirmed' | 'public-traffic' | 'retention';
  readonly subject: string;
  readonly message: string;
}

export interface SizingInput {
  /** Peak business write of the selected topics, MB/s (the sum of the topics' `writeMBps`). */
  readonly writeMBps: SizingValue<number>;
  /** Peak business read, MB/s (the sum of the topics' `readMBps`). */
  readonly readMBps: SizingValue<number>;
  /** Peak public (Internet) traffic, the higher of read and write, MB/s; 0: VPC only. */
  readonly publicMBps: SizingValue<number>;
  /** Instance retention (`kafka.log.retention.hours`) the target keeps cloud-storage topics for. */
  readonly retentionHours: SizingValue<number>;
  /** Headroom above every need, percent. */
  readonly headroomPct: SizingValue<number>;
  /** Bytes stored on the source for the selected topics (one copy); undefined: no storage figures. */
  readonly storedBytes: SizingValue<number | undefined>;
  readonly multiZone: SizingValue<boolean>;
  readonly sourceKafkaVersion: SizingValue<string | undefined>;
  /** ACLs the plan carries (they need an edition with ACLs). */
  readonly acls: SizingValue<number>;
  readonly topics: readonly SizingTopic[];
  readonly groups: readonly SizingGroup[];
  /** Every topic of the metadata (with `internal`), so a split's `--include` globs can be checked against it. */
  readonly allTopics: readonly TopicMetadata[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Warnings found while deriving the inputs. */
  readonly warnings: readonly SizingWarning[];
}

/** Command-line style overrides; every field optional. */
export interface SizingFlags {
  /** Peak business write of the migrated topics, MB/s (overrides the measured traffic). */
  readonly peakMBps?: number;
  /** Peak business read, MB/s (overrides the estimate from ingress and consumer groups). */
  readonly readMBps?: number;
  readonly publicMBps?: number;
  readonly retentionHours?: number;
  readonly headroomPct?: number;
  readonly multiZone?: boolean;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** The plan's own choice of topics, when it has made one (source names); otherwise the include/exclude rule. */
  readonly selectedTopics?: ReadonlySet<string>;
}

// The metadata fields `export` writes with `--sample-traffic` peaks (optional; older files have the mean only).
type PeakTopicTraffic = TopicTraffic & { readonly peakBytesInPerSec?: number };
type PeakTraffic = TrafficMetadata & {
  readonly peakBytesInPerSec?: number;
  readonly perTopic?: Readonly<Record<string, PeakTopicTraffic>>;
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const MB = SIZING_UNITS.trafficMBBytes;
const GB = SIZING_UNITS.diskGBBytes;

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `1,234.5`: thousands separated, at most `digits` decimals (toLocaleString is too slow for the split's many trials). */
function fmt(n: number, digits = 1): string {
  const r = round(n, digits);
  const [int, frac] = Math.abs(r).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = frac === undefined ? '' : frac.replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${grouped}${tail ? `.${tail}` : ''}`;
}

function plural(n: number, word: string): string {
  return `${fmt(n, 0)} ${word}${n === 1 ? '' : 's'}`;
}

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

/**
 * Derives the sizing input from metadata and flags. Every value says where it came from. Throws `PlanError`
 * for flags out of range.
 */
export function sizingInputFromMetadata(meta: ClusterMetadata, flags: SizingFlags = {}): SizingInput {
  const problems: PlanProblem[] = [];
  finite('--peak-mbps', flags.peakMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('--read-mbps', flags.readMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('--public-mbps', flags.publicMBps, 0, Number.MAX_SAFE_INTEGER, problems);
  finite('--retention-hours', flags.retentionHours, INSTANCE_RETENTION_HOURS.min, INSTANCE_RETENTION_HOURS.max, problems);
  finite('--headroom', flags.headroomPct, 0, 1000, problems);
  if (problems.length > 0) throw new PlanError(problems);

  const warnings: SizingWarning[] = [];
  const mirrorMaker = mirrorMakerEvidence(
    meta.topics,
    (meta.consumerGroups ?? []).map((g) => g.groupId),
  );
  const selected = meta.topics.filter((t) =>
    flags.selectedTopics ? flags.selectedTopics.has(t.name) : topicSelection(t, flags.include, flags.exclude, mirrorMaker).selected,
  );
  const selectedNames = new Set(selected.map((t) => t.name));
  const scope = flags.include?.length || flags.exclude?.length ? 'the selected topics' : 'the migrated topics';

  // Groups: those reading a selected topic, and active ones whose topics are unknown.
  const groups: SizingGroup[] = [];
  for (const g of meta.consumerGroups ?? []) {
    const known = new Set<string>([...(g.topics ?? []), ...(g.offsets ?? []).map((o) => o.topic)]);
    const reads = [...known].filter((t) => selectedNames.has(t)).sort(cmp);
    if (reads.length > 0 || (known.size === 0 && (g.members ?? 0) > 0)) groups.push({ groupId: g.groupId, topics: reads });
  }
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
    warnings.push({
      code: 'no-traffic',
      subject: 'write traffic',
      message: 'no traffic measured: the spec is sized on partitions, groups and disk only. Export with --sample-traffic or pass --peak-mbps',
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

  const retention: SizingValue<number> =
    flags.retentionHours !== undefined
      ? { value: flags.retentionHours, origin: 'flag', detail: `--retention-hours ${flags.retentionHours}` }
      : {
          value: INSTANCE_RETENTION_HOURS.default,
          origin: 'default',
          detail: "AliKafka's default instance retention (kafka.log.retention.hours); the source brokers' own default is not in the metadata",
        };
  const longer = selected.filter((t) => {
    const r = t.configs?.['retention.ms']?.trim();
    return r !== undefined && !(t.configs?.['cleanup.policy'] ?? '').includes('compact') && (r === '-1' || Number(r) > retention.value * HOUR_MS);
  });
  if (longer.length > 0) {
    warnings.push({
      code: 'retention',
      subject: 'retention',
      message: `${plural(longer.length, 'cloud-storage topic')} keep messages longer than ${retention.value} h on the source (${longer
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

  const racks = [...new Set((meta.brokers ?? []).map((b) => b.rack).filter((r): r is string => r !== undefined && r !== ''))].sort(cmp);
  const multiZone: SizingValue<boolean> =
    flags.multiZone !== undefined
      ? { value: flags.multiZone, origin: 'flag', detail: flags.multiZone ? 'multi-zone asked for' : 'single zone asked for' }
      : racks.length > 1
        ? { value: true, origin: 'metadata', detail: `the source's brokers are spread over ${racks.length} racks (${racks.join(', ')}): keep zone redundancy` }
        : {
            value: false,
            origin: 'default',
            detail: racks.length === 1 ? `the source's brokers share one rack (${racks[0]})` : 'no broker racks in the metadata: one zone, the cheaper choice',
          };

  const aclCount = (meta.acls ?? []).filter((a) => a.permission === 'Allow').length;
  const topics: SizingTopic[] = selected.map((t) => ({
    name: t.name,
    partitions: t.partitions,
    configs: t.configs,
    writeMBps: perTopicWrite.get(t.name) ?? 0,
    readMBps: perTopicRead.get(t.name) ?? 0,
    storedBytes: storedBytes?.get(t.name)?.value,
  }));
  return {
    writeMBps: { ...write, value: round(write.value, 6) },
    readMBps: { ...read, value: round(read.value, 6) },
    publicMBps,
    retentionHours: retention,
    headroomPct: headroom,
    storedBytes: stored,
    multiZone,
    sourceKafkaVersion:
      meta.source.kafkaVersion !== undefined
        ? { value: meta.source.kafkaVersion, origin: 'metadata', detail: 'source.kafkaVersion' }
        : { value: undefined, origin: 'default', detail: 'not in the metadata' },
    acls: { value: aclCount, origin: 'metadata', detail: `${plural(aclCount, 'Allow ACL')} in the metadata` },
    topics: topics.sort((a, b) => cmp(a.name, b.name)),
    groups: groups.sort((a, b) => cmp(a.groupId, b.groupId)),
    allTopics: meta.topics,
    include: flags.include,
    exclude: flags.exclude,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

export type SizingDimensionName = 'write' | 'read' | 'partitions' | 'topics' | 'groups' | 'disk' | 'public';

/** One dimension of the chosen instance: what the estate needs, what is bought, and the spec's ceiling. */
export interface SizingDimension {
  readonly dimension: SizingDimensionName;
  readonly unit: string;
  /** The estate's need. */
  readonly need: number;
  /** The need with headroom (what the choice must cover). */
  readonly required: number;
  /** What the chosen instance provides (spec traffic, purchased quota, purchased usable disk, public bandwidth). */
  readonly capacity: number;
  /** The most this spec can be given (the spec's traffic, maximum partitions, the largest disk, the public maximum). */
  readonly limit: number;
  /** `capacity` above `need`, percent (undefined when the need is 0). */
  readonly headroomPct?: number;
}

/** A choice of the evaluation, in the shape of the plan's decisions. */
export interface SizingChoice {
  readonly field:
    | 'spec_type'
    | 'io_max_spec'
    | 'disk_type'
    | 'disk_size'
    | 'partition_num'
    | 'deploy_type'
    | 'eip_max'
    | 'service_version'
    | 'multi_zone'
    | 'config.kafka.log.retention.hours';
  readonly value: string;
  readonly reason: string;
}

export interface SizingRejection {
  readonly dimension: SizingDimensionName | 'compaction' | 'acl' | 'multi-zone' | 'retention' | 'version';
  readonly message: string;
}

/** An (edition, spec) the evaluation passed over, and why. */
export interface RejectedSpec {
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
  readonly reasons: readonly SizingRejection[];
}

export interface SizedInstance {
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
  readonly diskType: DiskType;
  readonly diskSize: number;
  readonly partitionNum: number;
  readonly deployType: DeployType;
  readonly eipMax?: number;
  readonly serviceVersion: string;
  readonly multiZone: boolean;
  readonly retentionHours: number;
}

/** An estate that does not fit: the dimension, the need, the largest spec's limit, and by how much it is over. */
export interface SizingProblem {
  readonly dimension: SizingDimensionName | 'combination';
  readonly need: number;
  readonly limit: number;
  readonly over: number;
  readonly message: string;
}

export interface SplitSet {
  /** `--include` globs that select exactly this set's topics. */
  readonly include: readonly string[];
  readonly topics: readonly string[];
  readonly groups: readonly string[];
  /** The spec this set's evaluation chooses. */
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
}

export interface SplitSuggestion {
  readonly sets: readonly SplitSet[];
  /** Topics that cannot be split off: one consumer group's topics together exceed the largest spec. */
  readonly unsplittable: readonly string[];
}

export interface SizingInputLine {
  readonly name: string;
  readonly value: string;
  readonly origin: InputOrigin;
  readonly detail: string;
}

export interface SizingEvaluation {
  readonly fits: boolean;
  readonly inputs: readonly SizingInputLine[];
  /** Undefined when nothing fits. */
  readonly instance?: SizedInstance;
  readonly choices: readonly SizingChoice[];
  readonly dimensions: readonly SizingDimension[];
  /** The (edition, spec) just below the chosen one in cost order, and why it was rejected. */
  readonly nextSmaller?: RejectedSpec;
  /** The next smaller spec of the chosen edition, when it differs from `nextSmaller`. */
  readonly nextSmallerSameEdition?: RejectedSpec;
  readonly problems: readonly SizingProblem[];
  readonly split?: SplitSuggestion;
  readonly warnings: readonly SizingWarning[];
}

/** The load of a set of topics, per edition where the plan's topic shapes differ (storage, grown partitions). */
interface Load {
  readonly topics: number;
  readonly groups: number;
  readonly writeMBps: number;
  readonly readMBps: number;
  readonly compactTopics: number;
  readonly perEdition: Readonly<Record<SpecType, EditionLoad>>;
}

interface EditionLoad {
  readonly partitions: number;
  /** Bytes kept on cloud-storage topics, one copy. */
  readonly cloudBytes: number;
  /** Bytes kept on local-storage topics, one copy. */
  readonly localBytes: number;
  /** Local-storage topics (compacted, or single-partition kept whole). */
  readonly localTopics: number;
  /** Which figure governs the data: stored bytes or retention x ingress (bytes, summed per topic). */
  readonly storedShare: number;
  readonly retentionShare: number;
}

function emptyEditionLoad(): EditionLoad {
  return { partitions: 0, cloudBytes: 0, localBytes: 0, localTopics: 0, storedShare: 0, retentionShare: 0 };
}

function topicLoad(t: SizingTopic, retentionHours: number): { compact: boolean; perEdition: Record<SpecType, EditionLoad> } {
  const perEdition = {} as Record<SpecType, EditionLoad>;
  let compact = false;
  for (const e of SPEC_TYPES) {
    const local = EDITIONS[e].localStorage;
    const shape = shapeTopic({ name: t.name, partitions: t.partitions, configs: t.configs }, local, local ? 'local' : 'grow');
    compact = shape.compact;
    const topicRetention =
      shape.storage === 'local' && shape.configs['retention.ms'] !== undefined ? Number(shape.configs['retention.ms']) / HOUR_MS : retentionHours;
    const byRetention = t.writeMBps * MB * topicRetention * 3600;
    const stored = t.storedBytes ?? 0;
    const data = Math.max(stored, byRetention);
    perEdition[e] = {
      partitions: shape.partitions,
      cloudBytes: shape.storage === 'cloud' ? data : 0,
      localBytes: shape.storage === 'local' ? data : 0,
      localTopics: shape.storage === 'local' ? 1 : 0,
      storedShare: stored >= byRetention ? data : 0,
      retentionShare: stored >= byRetention ? 0 : data,
    };
  }
  return { compact, perEdition };
}

function addEdition(a: EditionLoad, b: EditionLoad): EditionLoad {
  return {
    partitions: a.partitions + b.partitions,
    cloudBytes: a.cloudBytes + b.cloudBytes,
    localBytes: a.localBytes + b.localBytes,
    localTopics: a.localTopics + b.localTopics,
    storedShare: a.storedShare + b.storedShare,
    retentionShare: a.retentionShare + b.retentionShare,
  };
}

interface TopicLoadEntry {
  readonly topic: SizingTopic;
  readonly compact: boolean;
  readonly perEdition: Readonly<Record<SpecType, EditionLoad>>;
}

function sumLoad(entries: readonly TopicLoadEntry[], groups: number): Load {
  const perEdition = {} as Record<SpecType, EditionLoad>;
  for (const e of SPEC_TYPES) perEdition[e] = emptyEditionLoad();
  let writeMBps = 0;
  let readMBps = 0;
  let compactTopics = 0;
  for (const x of entries) {
    writeMBps += x.topic.writeMBps;
    readMBps += x.topic.readMBps;
    if (x.compact) compactTopics += 1;
    for (const e of SPEC_TYPES) perEdition[e] = addEdition(perEdition[e], x.perEdition[e]);
  }
  return { topics: entries.length, groups, writeMBps, readMBps, compactTopics, perEdition };
}

/** Settings that hold for the whole estate (and every set of a split). */
interface Globals {
  readonly h: number;
  readonly retentionHours: number;
  readonly publicMBps: number;
  readonly multiZone: boolean;
  readonly acls: number;
  readonly serviceVersion: string;
  readonly versionReason: string;
}

interface Sized {
  readonly specType: SpecType;
  readonly spec: IoSpec;
  readonly rank: number;
  readonly reasons: SizingRejection[];
  readonly quotaNeed: number;
  readonly quotaRequired: number;
  readonly partitionNum: number;
  readonly usableBytes: number;
  readonly diskRequiredGb: number;
  readonly diskSize: number;
  readonly diskAtMinimum: boolean;
}

function versionParts(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function chooseVersion(source: string | undefined, offered: readonly string[]): { version: string; reason: string } {
  const newest = offered[offered.length - 1];
  const sv = source === undefined ? undefined : versionParts(source);
  if (source === undefined || sv === undefined) {
    return {
      version: newest,
      reason: `source Kafka version ${source === undefined ? 'unknown' : `"${source}" not understood`}; ${newest} is the newest reserved-instance version`,
    };
  }
  const notNewer = offered.filter((o) => {
    const p = versionParts(o);
    return p !== undefined && (p[0] < sv[0] || (p[0] === sv[0] && p[1] <= sv[1]));
  });
  if (notNewer.length === 0) {
    return { version: offered[0], reason: `source runs Kafka ${source}, older than every reserved-instance version; ${offered[0]} is the oldest` };
  }
  const v = notNewer[notNewer.length - 1];
  return { version: v, reason: `source runs Kafka ${source}; ${v} is the newest reserved-instance version not newer than it` };
}

function sizeCandidate(load: Load, g: Globals, specType: SpecType, spec: IoSpec, rank: number, explain = true): Sized {
  const edition = EDITIONS[specType];
  const el = load.perEdition[specType];
  const reasons: SizingRejection[] = [];
  // (messages are built only when asked for: the split tries many sets and needs only the verdict)
  const reject = (dimension: SizingRejection['dimension'], message: () => string): void => {
    reasons.push({ dimension, message: explain ? message() : '' });
  };
  const f = 1 + g.h;
  // Features.
  if (load.compactTopics > 0 && !edition.localStorage) {
    reject('compaction', () => `${plural(load.compactTopics, 'compacted topic')} need local storage, which ${edition.title} does not offer`);
  }
  if (g.acls > 0 && !edition.acl) reject('acl', () => `${plural(g.acls, 'ACL')} need ACL support, which ${edition.title} does not offer`);
  if (g.multiZone && !edition.multiZone) reject('multi-zone', () => `multi-zone is wanted and ${edition.title} is single-zone only`);
  if (g.retentionHours > edition.maxRetentionHours) {
    reject('retention', () => `retention ${g.retentionHours} h is above ${edition.title}'s ${edition.maxRetentionHours} h`);
  }
  if (!(edition.serviceVersions as readonly string[]).includes(g.serviceVersion)) {
    reject('version', () => `service version ${g.serviceVersion} is not offered by ${edition.title}`);
  }
  // Throughput.
  if (load.writeMBps * f > spec.writeMBps) {
    reject(
      'write',
      () => `write ${fmt(load.writeMBps)} MB/s +${fmt(g.h * 100, 0)}% = ${fmt(load.writeMBps * f)} MB/s is above the spec's ${fmt(spec.writeMBps, 0)} MB/s`,
    );
  }
  if (load.readMBps * f > spec.readMBps) {
    reject(
      'read',
      () => `read ${fmt(load.readMBps)} MB/s +${fmt(g.h * 100, 0)}% = ${fmt(load.readMBps * f)} MB/s is above the spec's ${fmt(spec.readMBps, 0)} MB/s`,
    );
  }
  // Quota: topics and partitions are 1:1, groups 2 per partition.
  const byTopics = Math.ceil(load.topics / TOPICS_PER_QUOTA_PARTITION);
  const byGroups = Math.ceil(load.groups / GROUPS_PER_QUOTA_PARTITION);
  const quotaNeed = Math.max(el.partitions, byTopics, byGroups);
  const quotaRequired = Math.ceil(quotaNeed * f);
  if (quotaRequired > spec.max) {
    const what: SizingDimensionName = quotaNeed === el.partitions ? 'partitions' : quotaNeed === byTopics ? 'topics' : 'groups';
    const detail = (): string =>
      what === 'partitions'
        ? `${plural(el.partitions, 'partition')}`
        : what === 'topics'
          ? `${plural(load.topics, 'topic')} (1 partition of quota each)`
          : `${plural(load.groups, 'group')} (${GROUPS_PER_QUOTA_PARTITION} per partition of quota)`;
    reject(
      what,
      () => `${detail()} +${fmt(g.h * 100, 0)}% need a quota of ${fmt(quotaRequired, 0)} partitions, above the spec's maximum of ${fmt(spec.max, 0)}`,
    );
  }
  const partitionNum = Math.max(0, quotaRequired - spec.included);
  // Disk.
  const usableBytes = el.cloudBytes + el.localBytes * (edition.localStorage ? LOCAL_TOPIC_REPLICAS.value : 1);
  const diskRequiredGb = (usableBytes / GB / edition.usableDiskShare) * Math.max(f, 1 / SIZING_GUIDANCE.diskTargetUsage);
  const min = Math.max(DISK_SIZE_GB.min, spec.minDiskGb);
  const rounded = Math.ceil(diskRequiredGb / DISK_SIZE_GB.step) * DISK_SIZE_GB.step;
  const diskSize = Math.max(min, rounded);
  if (diskSize > DISK_SIZE_GB.max) {
    reject('disk', () => `${fmt(diskRequiredGb, 0)} GB of disk needed, above the largest disk of ${fmt(DISK_SIZE_GB.max, 0)} GB`);
  }
  return { specType, spec, rank, reasons, quotaNeed, quotaRequired, partitionNum, usableBytes, diskRequiredGb, diskSize, diskAtMinimum: rounded < min };
}

function isFeature(r: SizingRejection): boolean {
  return r.dimension === 'compaction' || r.dimension === 'acl' || r.dimension === 'multi-zone' || r.dimension === 'retention' || r.dimension === 'version';
}

function globalsFor(input: SizingInput): Globals {
  const offered = [...new Set(SPEC_TYPES.flatMap((e) => EDITIONS[e].serviceVersions))].sort((a, b) => {
    const pa = versionParts(a) ?? [0, 0];
    const pb = versionParts(b) ?? [0, 0];
    return pa[0] - pb[0] || pa[1] - pb[1];
  });
  const v = chooseVersion(input.sourceKafkaVersion.value, offered);
  return {
    h: input.headroomPct.value / 100,
    retentionHours: input.retentionHours.value,
    publicMBps: input.publicMBps.value,
    multiZone: input.multiZone.value,
    acls: input.acls.value,
    serviceVersion: v.version,
    versionReason: v.reason,
  };
}

const BY_COST = specsByCost();

function candidates(load: Load, g: Globals, explain = true): Sized[] {
  return BY_COST.map((c) => sizeCandidate(load, g, c.edition, c.spec, c.rank, explain));
}

/** The first (cheapest) candidate that meets every need, or undefined. */
function cheapestFit(all: readonly Sized[]): Sized | undefined {
  return all.find((c) => c.reasons.length === 0);
}

function loadEntries(input: SizingInput): TopicLoadEntry[] {
  return input.topics.map((t) => ({ topic: t, ...topicLoad(t, input.retentionHours.value) }));
}

function pct(capacity: number, need: number): number | undefined {
  return need > 0 ? round((capacity / need - 1) * 100, 0) : undefined;
}

function dimensionsFor(load: Load, g: Globals, c: Sized, eipMax: number | undefined): SizingDimension[] {
  const f = 1 + g.h;
  const el = load.perEdition[c.specType];
  const quota = c.spec.included + c.partitionNum;
  const edition = EDITIONS[c.specType];
  const usableGb = c.usableBytes / GB;
  const dims: SizingDimension[] = [
    {
      dimension: 'write',
      unit: 'MB/s',
      need: round(load.writeMBps),
      required: round(load.writeMBps * f),
      capacity: c.spec.writeMBps,
      limit: c.spec.writeMBps,
      headroomPct: pct(c.spec.writeMBps, load.writeMBps),
    },
    {
      dimension: 'read',
      unit: 'MB/s',
      need: round(load.readMBps),
      required: round(load.readMBps * f),
      capacity: c.spec.readMBps,
      limit: c.spec.readMBps,
      headroomPct: pct(c.spec.readMBps, load.readMBps),
    },
    {
      dimension: 'partitions',
      unit: 'partitions',
      need: el.partitions,
      required: Math.ceil(el.partitions * f),
      capacity: quota,
      limit: c.spec.max,
      headroomPct: pct(quota, el.partitions),
    },
    {
      dimension: 'topics',
      unit: 'topics',
      need: load.topics,
      required: Math.ceil(load.topics * f),
      capacity: quota * TOPICS_PER_QUOTA_PARTITION,
      limit: c.spec.max * TOPICS_PER_QUOTA_PARTITION,
      headroomPct: pct(quota * TOPICS_PER_QUOTA_PARTITION, load.topics),
    },
    {
      dimension: 'groups',
      unit: 'groups',
      need: load.groups,
      required: Math.ceil(load.groups * f),
      capacity: quota * GROUPS_PER_QUOTA_PARTITION,
      limit: c.spec.max * GROUPS_PER_QUOTA_PARTITION,
      headroomPct: pct(quota * GROUPS_PER_QUOTA_PARTITION, load.groups),
    },
    {
      dimension: 'disk',
      unit: 'GB usable',
      need: round(usableGb),
      required: round(c.diskRequiredGb * edition.usableDiskShare),
      capacity: round(c.diskSize * edition.usableDiskShare),
      limit: round(DISK_SIZE_GB.max * edition.usableDiskShare),
      headroomPct: pct(c.diskSize * edition.usableDiskShare, usableGb),
    },
  ];
  if (g.publicMBps > 0) {
    dims.push({
      dimension: 'public',
      unit: 'MB/s',
      need: g.publicMBps,
      required: round(g.publicMBps * f),
      capacity: eipMax ?? 0,
      limit: PUBLIC_BANDWIDTH.max,
      headroomPct: pct(eipMax ?? 0, g.publicMBps),
    });
  }
  return dims;
}

function rejection(c: Sized): RejectedSpec {
  return { specType: c.specType, ioMaxSpec: c.spec.name, reasons: c.reasons };
}

function reasonList(c: Sized): string {
  return c.reasons.map((r) => r.message).join('; ');
}

function fitProblems(load: Load, g: Globals, all: readonly Sized[]): SizingProblem[] {
  const problems: SizingProblem[] = [];
  const featureOk = all.filter((c) => !c.reasons.some(isFeature));
  if (featureOk.length === 0) {
    const seen = new Set<string>(all.flatMap((c) => c.reasons.filter(isFeature).map((r) => r.message)));
    problems.push({ dimension: 'combination', need: 0, limit: 0, over: 0, message: `no edition offers everything needed: ${[...seen].join('; ')}` });
    return problems;
  }
  const f = 1 + g.h;
  const largest = (pick: (c: Sized) => number): Sized => featureOk.reduce((best, c) => (pick(c) > pick(best) ? c : best));
  const check = (dimension: SizingDimensionName, need: number, unit: string, pick: (c: Sized) => number, what: string): void => {
    const best = largest(pick);
    const limit = pick(best);
    if (need > limit) {
      const over = need - limit;
      problems.push({
        dimension,
        need: round(need),
        limit,
        over: round(over),
        message: `${what}: needs ${fmt(need)} ${unit} with ${fmt(g.h * 100, 0)}% headroom; the largest spec (${best.spec.name}, ${best.specType}) allows ${fmt(limit)} ${unit}: ${fmt(over)} ${unit} (${fmt((over / limit) * 100, 0)}%) over`,
      });
    }
  };
  check('write', load.writeMBps * f, 'MB/s', (c) => c.spec.writeMBps, 'write throughput');
  check('read', load.readMBps * f, 'MB/s', (c) => c.spec.readMBps, 'read throughput');
  // Quota per dimension; partitions depend on the edition (grown single-partition topics on Standard).
  const minPartitions = Math.min(...featureOk.map((c) => load.perEdition[c.specType].partitions));
  check('partitions', Math.ceil(minPartitions * f), 'partitions', (c) => c.spec.max, 'partition quota');
  check('topics', Math.ceil(load.topics * f), 'topics', (c) => c.spec.max * TOPICS_PER_QUOTA_PARTITION, 'topic quota');
  check('groups', Math.ceil(load.groups * f), 'groups', (c) => c.spec.max * GROUPS_PER_QUOTA_PARTITION, 'group quota');
  const minDisk = Math.min(...featureOk.map((c) => c.diskRequiredGb));
  if (minDisk > DISK_SIZE_GB.max) {
    const over = minDisk - DISK_SIZE_GB.max;
    problems.push({
      dimension: 'disk',
      need: round(minDisk, 0),
      limit: DISK_SIZE_GB.max,
      over: round(over, 0),
      message: `disk: needs ${fmt(minDisk, 0)} GB; the largest disk is ${fmt(DISK_SIZE_GB.max, 0)} GB: ${fmt(over, 0)} GB (${fmt((over / DISK_SIZE_GB.max) * 100, 0)}%) over`,
    });
  }
  if (problems.length === 0) {
    const nearest = featureOk[featureOk.length - 1];
    problems.push({
      dimension: 'combination',
      need: 0,
      limit: 0,
      over: 0,
      message: `each need fits some spec, but no single spec meets them together (the largest, ${nearest.spec.name}: ${reasonList(nearest)})`,
    });
  }
  return problems;
}

function publicProblem(g: Globals): { eipMax?: number; problem?: SizingProblem } {
  if (g.publicMBps <= 0) return {};
  const required = Math.ceil(g.publicMBps * (1 + g.h));
  const eipMax = Math.max(PUBLIC_BANDWIDTH.min, required);
  if (eipMax > PUBLIC_BANDWIDTH.max) {
    const over = eipMax - PUBLIC_BANDWIDTH.max;
    return {
      eipMax,
      problem: {
        dimension: 'public',
        need: eipMax,
        limit: PUBLIC_BANDWIDTH.max,
        over,
        message: `public bandwidth: needs ${fmt(eipMax, 0)} MB/s with ${fmt(g.h * 100, 0)}% headroom; eip_max allows ${fmt(PUBLIC_BANDWIDTH.max, 0)}: ${fmt(over, 0)} (${fmt((over / PUBLIC_BANDWIDTH.max) * 100, 0)}%) over. Keep bulk traffic inside the VPC`,
      },
    };
  }
  return { eipMax };
}

function unconfirmedWarnings(load: Load, g: Globals, c: Sized, next: Sized | undefined): SizingWarning[] {
  const w: SizingWarning[] = [];
  const add = (subject: string, message: string): void => {
    w.push({ code: 'unconfirmed', subject, message: `${message} (not confirmed: alikafka-specs.md §8)` });
  };
  if (!COST_ORDER_CONFIRMED) add('cost order', 'specs are ranked by the 2021 price tables; current prices may order them differently');
  if (!c.spec.confirmed.throughput)
    add(c.spec.name, `its ${fmt(c.spec.writeMBps, 0)}/${fmt(c.spec.readMBps, 0)} MB/s write/read come only from a third-party console form`);
  const quotaUsed =
    c.partitionNum > 0 || (next?.reasons.some((r) => r.dimension === 'partitions' || r.dimension === 'topics' || r.dimension === 'groups') ?? false);
  if (quotaUsed && !c.spec.confirmed.maxPartitions)
    add('maximum partitions', `${c.spec.name}'s ${fmt(c.spec.max, 0)} "maximum partitions" is read as the total quota (included + purchased)`);
  if (c.diskAtMinimum && !c.spec.confirmed.minDisk)
    add(
      'minimum disk',
      `${c.spec.name}'s minimum disk of ${fmt(Math.max(DISK_SIZE_GB.min, c.spec.minDiskGb), 0)} GB is from the topic-era table; current minimums may be lower`,
    );
  if (!c.diskAtMinimum && !DISK_SIZE_CONFIRMED.step) add('disk step', `disk sizes are rounded up to ${DISK_SIZE_GB.step} GB steps`);
  if (!SIZING_UNITS.confirmed && (load.writeMBps > 0 || c.usableBytes > 0))
    add('units', `MB/s and GB are read as decimal (${fmt(SIZING_UNITS.trafficMBBytes, 0)} and ${fmt(SIZING_UNITS.diskGBBytes, 0)} bytes), the larger need`);
  const local = load.perEdition[c.specType];
  if (!LOCAL_TOPIC_REPLICAS.confirmed && EDITIONS[c.specType].localStorage && local.localBytes > 0) {
    add(
      'local storage',
      `${plural(local.localTopics, 'local-storage topic')} are counted ${LOCAL_TOPIC_REPLICAS.value} times on the disk (their replicas are not free)`,
    );
  }
  if (!PUBLIC_BANDWIDTH.confirmed && g.publicMBps > 0)
    add('public bandwidth', `eip_max is read as MB/s with a range of ${PUBLIC_BANDWIDTH.min}-${PUBLIC_BANDWIDTH.max} for every spec`);
  return w;
}

function inputLines(input: SizingInput): SizingInputLine[] {
  const line = (name: string, v: SizingValue<unknown>, value: string): SizingInputLine => ({ name, value, origin: v.origin, detail: v.detail });
  const partitions = input.topics.reduce((s, t) => s + t.partitions, 0);
  const compact = input.topics.filter((t) =>
    (t.configs?.['cleanup.policy'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .includes('compact'),
  ).length;
  return [
    line('peak write', input.writeMBps, `${fmt(input.writeMBps.value)} MB/s`),
    line('peak read', input.readMBps, `${fmt(input.readMBps.value)} MB/s`),
    line('public traffic', input.publicMBps, `${fmt(input.publicMBps.value)} MB/s`),
    line('stored bytes', input.storedBytes, input.storedBytes.value === undefined ? 'unknown' : `${fmt(input.storedBytes.value / GB)} GB`),
    line('retention', input.retentionHours, `${fmt(input.retentionHours.value, 0)} h`),
    line('headroom', input.headroomPct, `${fmt(input.headroomPct.value, 0)}%`),
    {
      name: 'topics',
      value: `${fmt(input.topics.length, 0)} (${fmt(partitions, 0)} partitions, ${compact} compacted)`,
      origin: 'metadata',
      detail:
        input.include?.length || input.exclude?.length
          ? `selected by ${[...(input.include ?? []).map((g) => `--include ${g}`), ...(input.exclude ?? []).map((g) => `--exclude ${g}`)].join(' ')}`
          : 'the topics the plan migrates (internal topics left out)',
    },
    {
      name: 'consumer groups',
      value: fmt(input.groups.length, 0),
      origin: 'metadata',
      detail: 'groups reading a migrated topic, and active groups with unknown topics',
    },
    line('ACLs', input.acls, fmt(input.acls.value, 0)),
    line('multi-zone', input.multiZone, input.multiZone.value ? 'yes' : 'no'),
    line('source Kafka version', input.sourceKafkaVersion, input.sourceKafkaVersion.value ?? 'unknown'),
  ];
}

function editionSummary(all: readonly Sized[], specType: SpecType): string {
  const ofEdition = all.filter((c) => c.specType === specType);
  const features = ofEdition[0]?.reasons.filter(isFeature) ?? [];
  if (features.length > 0) return features.map((r) => r.message).join('; ');
  const last = ofEdition[ofEdition.length - 1];
  return last ? `its cheaper specs fall short, up to ${last.spec.name}: ${reasonList(last)}` : 'not sold';
}

function choicesFor(
  input: SizingInput,
  load: Load,
  g: Globals,
  all: readonly Sized[],
  c: Sized,
  eipMax: number | undefined,
  next: Sized | undefined,
): SizingChoice[] {
  const edition = EDITIONS[c.specType];
  const h = fmt(g.h * 100, 0);
  const el = load.perEdition[c.specType];
  const cheaperEditions = SPEC_TYPES.filter((e) => e !== c.specType && all.findIndex((x) => x.specType === e) < all.indexOf(c));
  const editionReason =
    cheaperEditions.length === 0
      ? `${edition.title}: the cheapest edition that carries the estate`
      : `${edition.title}: ${cheaperEditions.map((e) => `${EDITIONS[e].title} rejected (${editionSummary(all.slice(0, all.indexOf(c)), e)})`).join('; ')}`;
  const specReason = `the cheapest traffic spec (AliKafka's cost order) meeting write ${fmt(load.writeMBps)} and read ${fmt(load.readMBps)} MB/s +${h}% (${fmt(c.spec.writeMBps, 0)}/${fmt(c.spec.readMBps, 0)} MB/s), a quota of ${fmt(c.quotaRequired, 0)} partitions (at most ${fmt(c.spec.max, 0)}) and ${fmt(c.diskSize, 0)} GB of disk${next ? `; the next cheaper, ${next.spec.name} (${next.specType}), was rejected: ${reasonList(next)}` : ''}`;
  const dataGb = c.usableBytes / GB;
  const governs = el.storedShare >= el.retentionShare ? 'stored bytes' : 'retention x ingress';
  const localNote = edition.localStorage && el.localBytes > 0 ? `, local-storage topics x${LOCAL_TOPIC_REPLICAS.value} for their replicas` : '';
  const shareNote = edition.usableDiskShare < 1 ? `, / ${fmt(edition.usableDiskShare, 2)} (${edition.title} keeps its replicas inside the disk)` : '';
  const factor = Math.max(1 + g.h, 1 / SIZING_GUIDANCE.diskTargetUsage);
  const factorNote =
    1 + g.h >= 1 / SIZING_GUIDANCE.diskTargetUsage
      ? `+${h}% headroom`
      : `/ ${SIZING_GUIDANCE.diskTargetUsage} (keep disk usage under ${fmt(SIZING_GUIDANCE.diskTargetUsage * 100, 0)}%, more than the ${h}% headroom)`;
  const diskReason =
    dataGb === 0
      ? `no data to size from; the minimum for ${c.spec.name}`
      : `${fmt(dataGb)} GB of data (${governs} governs${localNote})${shareNote}, ${factorNote} = ${fmt((dataGb / edition.usableDiskShare) * factor, 0)} GB, rounded up to ${DISK_SIZE_GB.step} GB${c.diskAtMinimum ? `; raised to ${c.spec.name}'s minimum of ${fmt(c.diskSize, 0)} GB` : ''}`;
  const quotaParts = [
    `${plural(el.partitions, 'partition')}`,
    `${plural(load.topics, 'topic')}`,
    `${plural(load.groups, 'group')} / ${GROUPS_PER_QUOTA_PARTITION}`,
  ];
  const partitionReason = `quota need ${fmt(c.quotaNeed, 0)} (the largest of ${quotaParts.join(', ')}) +${h}% = ${fmt(c.quotaRequired, 0)}; ${c.spec.name} includes ${fmt(c.spec.included, 0)}, so ${c.partitionNum > 0 ? `buy ${fmt(c.partitionNum, 0)}` : 'buy none'}`;
  const choices: SizingChoice[] = [
    { field: 'spec_type', value: c.specType, reason: editionReason },
    { field: 'io_max_spec', value: c.spec.name, reason: specReason },
    { field: 'disk_type', value: DISK_TYPES_BY_COST[0], reason: 'ultra cloud disk, the cheaper type; nothing in the metadata calls for SSD' },
    { field: 'disk_size', value: String(c.diskSize), reason: diskReason },
    { field: 'partition_num', value: String(c.partitionNum), reason: partitionReason },
    {
      field: 'deploy_type',
      value: g.publicMBps > 0 ? 'public' : 'vpc',
      reason:
        g.publicMBps > 0
          ? `${fmt(g.publicMBps)} MB/s of public traffic (${input.publicMBps.origin}): Internet and VPC`
          : 'no public traffic: VPC only, no public endpoint',
    },
  ];
  if (eipMax !== undefined) {
    choices.push({
      field: 'eip_max',
      value: String(eipMax),
      reason: `public peak ${fmt(g.publicMBps)} MB/s +${h}%, rounded up, at least ${PUBLIC_BANDWIDTH.min}`,
    });
  }
  choices.push(
    { field: 'service_version', value: g.serviceVersion, reason: g.versionReason },
    {
      field: 'multi_zone',
      value: g.multiZone ? 'true' : 'false',
      reason: g.multiZone ? `${input.multiZone.detail}; give two zones (--zone-id twice)` : `${input.multiZone.detail}; single zone`,
    },
    {
      field: 'config.kafka.log.retention.hours',
      value: String(g.retentionHours),
      reason: `${input.retentionHours.origin === 'flag' ? 'given' : 'the default'}: cloud-storage topics keep messages this long, and the disk is sized for it`,
    },
  );
  return choices;
}

function otherWarnings(input: SizingInput, load: Load, g: Globals, all: readonly Sized[], c: Sized): SizingWarning[] {
  const w: SizingWarning[] = [];
  const v = input.sourceKafkaVersion.value;
  const sv = v === undefined ? undefined : versionParts(v);
  const gv = versionParts(g.serviceVersion);
  if (sv && gv && (sv[0] > gv[0] || (sv[0] === gv[0] && sv[1] > gv[1]))) {
    w.push({
      code: 'version',
      subject: 'service_version',
      message: `the source runs Kafka ${v}, newer than ${g.serviceVersion}, the newest reserved-instance version: check that clients use no broker features newer than ${g.serviceVersion}`,
    });
  }
  if (c.specType === EDITIONS.normal.specType) {
    const pro = all.find((x) => x.specType !== EDITIONS.normal.specType && x.reasons.filter((r) => !isFeature(r)).length === 0 && x.reasons.length === 0);
    if (pro && c.diskSize > pro.diskSize) {
      w.push({
        code: 'standard-disk',
        subject: 'disk_size',
        message: `${EDITIONS.normal.title} buys ${fmt(c.diskSize, 0)} GB (replicas inside the disk) where ${pro.spec.name} (${pro.specType}) would buy ${fmt(pro.diskSize, 0)} GB; for storage-heavy estates Professional can cost less overall: compare current prices`,
      });
    }
  }
  if (g.publicMBps > load.writeMBps + load.readMBps && load.writeMBps + load.readMBps > 0) {
    w.push({
      code: 'public-traffic',
      subject: 'public traffic',
      message: `public traffic ${fmt(g.publicMBps)} MB/s is more than the business traffic measured (${fmt(load.writeMBps + load.readMBps)} MB/s read and write); public clients are part of the business traffic`,
    });
  }
  return w;
}

/** Splits the topics by name prefix at `depth` separators, keeping each group's topics together. */
function components(topics: readonly string[], groups: readonly SizingGroup[], depth: number): string[][] {
  const parent = new Map(topics.map((t) => [t, t]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const byPrefix = new Map<string, string>();
  for (const t of topics) {
    const p = prefixOf(t, depth);
    const first = byPrefix.get(p);
    if (first === undefined) byPrefix.set(p, t);
    else union(first, t);
  }
  const inSet = new Set(topics);
  for (const g of groups) {
    const ts = g.topics.filter((t) => inSet.has(t));
    for (let i = 1; i < ts.length; i++) union(ts[0], ts[i]);
  }
  const out = new Map<string, string[]>();
  for (const t of topics) {
    const r = find(t);
    const list = out.get(r) ?? [];
    list.push(t);
    out.set(r, list);
  }
  return [...out.values()].map((l) => l.sort(cmp)).sort((a, b) => cmp(a[0], b[0]));
}

/** The name up to (not including) its `depth`-th separator (`.`, `-`, `_`); the whole name if it has fewer. */
export function prefixOf(name: string, depth: number): string {
  let seen = 0;
  for (let i = 0; i < name.length; i++) {
    if ('.-_'.includes(name[i]) && i > 0) {
      seen += 1;
      if (seen === depth) return name.slice(0, i);
    }
  }
  return name;
}

function separators(name: string): number {
  return [...name.slice(1)].filter((c) => '.-_'.includes(c)).length;
}

/** `--include` globs selecting exactly `set` among the metadata's topics (prefix globs where they are exact, names otherwise). */
function includeGlobs(set: readonly string[], input: SizingInput, depthOf: ReadonlyMap<string, number>): string[] {
  const inSet = new Set(set);
  const selectedBy = (globs: readonly string[]): string[] => input.allTopics.filter((t) => topicSelection(t, globs, input.exclude).selected).map((t) => t.name);
  const globs: string[] = [];
  const covered = new Set<string>();
  for (const t of set) {
    if (covered.has(t)) continue;
    const depth = depthOf.get(t) ?? 1;
    const p = prefixOf(t, depth);
    if (p !== t) {
      const glob = `${p}${t[p.length]}*`;
      const hits = selectedBy([glob]);
      if (hits.length > 0 && hits.every((h) => inSet.has(h))) {
        globs.push(glob);
        for (const h of hits) covered.add(h);
        continue;
      }
    }
    globs.push(t);
    covered.add(t);
  }
  return globs;
}

function suggestSplit(input: SizingInput, entries: readonly TopicLoadEntry[], g: Globals): SplitSuggestion {
  const byName = new Map(entries.map((e) => [e.topic.name, e]));
  const groupsOf = (topics: readonly string[]): SizingGroup[] => {
    const s = new Set(topics);
    return input.groups.filter((x) => x.topics.some((t) => s.has(t)));
  };
  const loadOf = (topics: readonly string[], extraGroups = 0): Load =>
    sumLoad(
      topics.map((t) => byName.get(t) as TopicLoadEntry),
      groupsOf(topics).length + extraGroups,
    );
  const fitsAlone = (topics: readonly string[]): boolean => {
    const load = loadOf(topics);
    return BY_COST.some((c) => sizeCandidate(load, g, c.edition, c.spec, c.rank, false).reasons.length === 0);
  };

  // Units: prefix families (finer where a family alone is too big), joined by shared consumer groups.
  const units: string[][] = [];
  const unsplittable: string[] = [];
  const depthOf = new Map<string, number>();
  const refine = (topics: readonly string[], depth: number): void => {
    for (const comp of components(topics, input.groups, depth)) {
      if (fitsAlone(comp)) {
        for (const t of comp) depthOf.set(t, depth);
        units.push(comp);
      } else if (comp.length > 1 && depth <= Math.max(...comp.map(separators))) {
        refine(comp, depth + 1);
      } else {
        unsplittable.push(...comp);
      }
    }
  };
  refine(
    entries.map((e) => e.topic.name),
    1,
  );

  // First fit, biggest units first (by their largest share of the biggest spec's limits).
  const top = BY_COST[BY_COST.length - 1].spec;
  const size = (u: readonly string[]): number => {
    const l = loadOf(u);
    const el = l.perEdition.professional;
    return Math.max(
      l.writeMBps / top.writeMBps,
      l.readMBps / top.readMBps,
      el.partitions / top.max,
      l.groups / (GROUPS_PER_QUOTA_PARTITION * top.max),
      (el.cloudBytes + el.localBytes) / GB / DISK_SIZE_GB.max,
    );
  };
  const sorted = units.map((u) => ({ u, s: size(u) })).sort((a, b) => b.s - a.s || cmp(a.u[0], b.u[0]));
  const bins: string[][] = [];
  for (const { u } of sorted) {
    const bin = bins.find((b) => fitsAlone([...b, ...u]));
    if (bin) bin.push(...u);
    else bins.push([...u]);
  }
  // Groups that read no selected topic go with the first set.
  const idle = input.groups.filter((x) => x.topics.length === 0).map((x) => x.groupId);
  const sets: SplitSet[] = bins.map((b, i) => {
    const topics = [...b].sort(cmp);
    const chosen = cheapestFit(candidates(loadOf(topics, i === 0 ? idle.length : 0), g)) ?? cheapestFit(candidates(loadOf(topics), g));
    return {
      include: includeGlobs(topics, input, depthOf),
      topics,
      groups: [...groupsOf(topics).map((x) => x.groupId), ...(i === 0 ? idle : [])].sort(cmp),
      specType: chosen?.specType ?? EDITIONS.professional.specType,
      ioMaxSpec: chosen?.spec.name ?? '',
    };
  });
  sets.sort((a, b) => cmp(a.topics[0] ?? '', b.topics[0] ?? ''));
  return { sets, unsplittable: unsplittable.sort(cmp) };
}

export interface EvaluateOptions {
  /** Suggest a split when nothing fits. @default true */
  readonly split?: boolean;
}

/** Evaluates the cheapest instance for `input`. Pure and deterministic. */
export function evaluateSizing(input: SizingInput, options: EvaluateOptions = {}): SizingEvaluation {
  const g = globalsFor(input);
  const entries = loadEntries(input);
  const load = sumLoad(entries, input.groups.length);
  const all = candidates(load, g);
  const chosen = cheapestFit(all);
  const pub = publicProblem(g);
  const inputs = inputLines(input);
  const warnings: SizingWarning[] = [...input.warnings];
  if (!chosen || pub.problem) {
    const problems = [...(chosen ? [] : fitProblems(load, g, all)), ...(pub.problem ? [pub.problem] : [])];
    const splittable = problems.every((p) => p.dimension !== 'public' && !(p.dimension === 'combination' && p.message.startsWith('no edition')));
    return {
      fits: false,
      inputs,
      choices: [],
      dimensions: [],
      problems,
      split: options.split !== false && !chosen && splittable && entries.length > 1 ? suggestSplit(input, entries, g) : undefined,
      warnings,
    };
  }
  const i = all.indexOf(chosen);
  const next = i > 0 ? all[i - 1] : undefined;
  const sameEdition = all
    .slice(0, i)
    .filter((c) => c.specType === chosen.specType)
    .pop();
  const instance: SizedInstance = {
    specType: chosen.specType,
    ioMaxSpec: chosen.spec.name,
    diskType: DISK_TYPES_BY_COST[0],
    diskSize: chosen.diskSize,
    partitionNum: chosen.partitionNum,
    deployType: g.publicMBps > 0 ? 'public' : 'vpc',
    eipMax: pub.eipMax,
    serviceVersion: g.serviceVersion,
    multiZone: g.multiZone,
    retentionHours: g.retentionHours,
  };
  warnings.push(...otherWarnings(input, load, g, all, chosen), ...unconfirmedWarnings(load, g, chosen, next));
  return {
    fits: true,
    inputs,
    instance,
    choices: choicesFor(input, load, g, all, chosen, pub.eipMax, next),
    dimensions: dimensionsFor(load, g, chosen, pub.eipMax),
    nextSmaller: next ? rejection(next) : undefined,
    nextSmallerSameEdition: sameEdition && sameEdition !== next ? rejection(sameEdition) : undefined,
    problems: [],
    warnings,
  };
}

/** The (edition, spec) cost rank of an evaluation's choice, for comparisons (higher costs more). */
export function chosenCostRank(e: SizingEvaluation): number | undefined {
  if (!e.instance) return undefined;
  const list = specsByCost();
  const i = list.findIndex((c) => c.edition === e.instance?.specType && c.spec.name === e.instance.ioMaxSpec);
  return i < 0 ? undefined : list[i].rank;
}
