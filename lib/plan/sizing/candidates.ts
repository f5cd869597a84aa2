/**
 * The candidates: the load of a set of topics per edition, and each (edition, traffic spec) sized for it, with the
 * reasons it falls short. Shared by the evaluation and the split suggestion.
 */
import {
  DISK_SIZE_GB,
  EDITIONS,
  GROUPS_PER_QUOTA_PARTITION,
  HOUR_MS,
  INSTANCE_RETENTION_HOURS,
  IoSpec,
  SIZING_GUIDANCE,
  SIZING_UNITS,
  SPEC_TYPES,
  SpecType,
  specsByCost,
  TOPICS_PER_QUOTA_PARTITION,
} from '../../alikafka';
import { defaultInstanceRetention, longestRetention } from '../retention';
import { shapeTopic, TopicShape } from '../topics';
import type { SinglePartitionPolicy } from '../types';
import type { SizingDimensionName, SizingInput, SizingRejection, SizingTopic, SpecFloor } from './types';
import { fmt, plural } from './format';

const MB = SIZING_UNITS.trafficMBBytes;
const GB = SIZING_UNITS.diskGBBytes;

export interface Load {
  readonly topics: number;
  readonly groups: number;
  readonly writeMBps: number;
  readonly readMBps: number;
  readonly compactTopics: number;
  readonly perEdition: Readonly<Record<SpecType, EditionLoad>>;
}

export interface EditionLoad {
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

export function emptyEditionLoad(): EditionLoad {
  return { partitions: 0, cloudBytes: 0, localBytes: 0, localTopics: 0, storedShare: 0, retentionShare: 0 };
}

/** The topic's shape on an edition, as the plan would give it (storage, partitions, configs). */
export function shapeOn(
  t: Pick<SizingTopic, 'name' | 'partitions' | 'configs' | 'storageEngine'>,
  e: SpecType,
  singlePartition: SinglePartitionPolicy | undefined,
): TopicShape {
  const local = EDITIONS[e].localStorage;
  return shapeTopic(
    { name: t.name, partitions: t.partitions, configs: t.configs, storageEngine: t.storageEngine },
    local,
    singlePartition ?? (local ? 'local' : 'grow'),
  );
}

export function topicLoad(
  t: SizingTopic,
  retention: Readonly<Record<SpecType, InstanceRetentionChoice>>,
  singlePartition?: SinglePartitionPolicy,
): { compact: boolean; perEdition: Record<SpecType, EditionLoad> } {
  const perEdition = {} as Record<SpecType, EditionLoad>;
  let compact = false;
  for (const e of SPEC_TYPES) {
    const shape = shapeOn(t, e, singlePartition);
    compact = shape.compact;
    const topicRetention =
      shape.storage === 'local' && shape.configs['retention.ms'] !== undefined ? Number(shape.configs['retention.ms']) / HOUR_MS : retention[e].hours;
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

export function addEdition(a: EditionLoad, b: EditionLoad): EditionLoad {
  return {
    partitions: a.partitions + b.partitions,
    cloudBytes: a.cloudBytes + b.cloudBytes,
    localBytes: a.localBytes + b.localBytes,
    localTopics: a.localTopics + b.localTopics,
    storedShare: a.storedShare + b.storedShare,
    retentionShare: a.retentionShare + b.retentionShare,
  };
}

export interface TopicLoadEntry {
  readonly topic: SizingTopic;
  readonly compact: boolean;
  readonly perEdition: Readonly<Record<SpecType, EditionLoad>>;
}

export function sumLoad(entries: readonly TopicLoadEntry[], groups: number): Load {
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

/** The instance retention on one edition: given, or the longest retention of the edition's cloud-storage topics. */
export interface InstanceRetentionChoice {
  readonly hours: number;
  readonly given: boolean;
  /** What the topics ask for (whole hours; Infinity: forever), when not given and a cloud-storage topic is planned. */
  readonly wanted?: number;
  readonly reason: string;
}

/** Settings that hold for the whole estate (and every set of a split). */
export interface Globals {
  readonly h: number;
  /** The instance retention per edition (the cloud-storage topics differ by edition: local storage, grown topics). */
  readonly retention: Readonly<Record<SpecType, InstanceRetentionChoice>>;
  readonly publicMBps: number;
  readonly multiZone: boolean;
  readonly acls: number;
  readonly serviceVersion: string;
  readonly versionReason: string;
  /** No spec below this (the source instance's, when no traffic was measured). */
  readonly floor?: SpecFloor;
  /** Replicas of each local-storage topic on the purchased disk. */
  readonly localReplicas: number;
}

export interface Sized {
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

export function versionParts(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function chooseVersion(source: string | undefined, offered: readonly string[]): { version: string; reason: string } {
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

export function sizeCandidate(load: Load, g: Globals, specType: SpecType, spec: IoSpec, rank: number, explain = true): Sized {
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
  } else if (el.localTopics > 0 && !edition.localStorage) {
    reject(
      'compaction',
      () =>
        `${plural(el.localTopics, 'topic')} need local storage (kept local from the source, a local-storage pattern, or the single-partition policy local), which ${edition.title} does not offer`,
    );
  }
  if (g.acls > 0 && !edition.acl) reject('acl', () => `${plural(g.acls, 'ACL')} need ACL support, which ${edition.title} does not offer`);
  if (g.multiZone && !edition.multiZone) reject('multi-zone', () => `multi-zone is wanted and ${edition.title} is single-zone only`);
  const retention = g.retention[specType];
  if (retention.hours > edition.maxRetentionHours) {
    reject(
      'retention',
      () => `retention ${retention.hours} h (${retention.given ? 'given' : retention.reason}) is above ${edition.title}'s ${edition.maxRetentionHours} h`,
    );
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
  const floor = g.floor;
  if (floor !== undefined && (spec.writeMBps < floor.writeMBps || spec.readMBps < floor.readMBps)) {
    reject(
      spec.writeMBps < floor.writeMBps ? 'write' : 'read',
      () =>
        `${fmt(spec.writeMBps, 0)}/${fmt(spec.readMBps, 0)} MB/s write/read is below the source instance's ${floor.ioMaxSpec} (${fmt(floor.writeMBps, 0)}/${fmt(floor.readMBps, 0)} MB/s): with no traffic measured, the source's spec is the floor`,
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
  const usableBytes = el.cloudBytes + el.localBytes * (edition.localStorage ? g.localReplicas : 1);
  const diskRequiredGb = (usableBytes / GB / edition.usableDiskShare) * Math.max(f, 1 / SIZING_GUIDANCE.diskTargetUsage);
  const min = Math.max(DISK_SIZE_GB.min, spec.minDiskGb);
  const rounded = Math.ceil(diskRequiredGb / DISK_SIZE_GB.step) * DISK_SIZE_GB.step;
  const diskSize = Math.max(min, rounded);
  if (diskSize > DISK_SIZE_GB.max) {
    reject('disk', () => `${fmt(diskRequiredGb, 0)} GB of disk needed, above the largest disk of ${fmt(DISK_SIZE_GB.max, 0)} GB`);
  }
  return { specType, spec, rank, reasons, quotaNeed, quotaRequired, partitionNum, usableBytes, diskRequiredGb, diskSize, diskAtMinimum: rounded < min };
}

export function isFeature(r: SizingRejection): boolean {
  return r.dimension === 'compaction' || r.dimension === 'acl' || r.dimension === 'multi-zone' || r.dimension === 'retention' || r.dimension === 'version';
}

export function globalsFor(input: SizingInput): Globals {
  const offered = [...new Set(SPEC_TYPES.flatMap((e) => EDITIONS[e].serviceVersions))].sort((a, b) => {
    const pa = versionParts(a) ?? [0, 0];
    const pb = versionParts(b) ?? [0, 0];
    return pa[0] - pb[0] || pa[1] - pb[1];
  });
  const v = chooseVersion(input.sourceKafkaVersion.value, offered);
  const given = input.retentionHours.value;
  const retention = {} as Record<SpecType, InstanceRetentionChoice>;
  for (const e of SPEC_TYPES) {
    if (given !== undefined) {
      retention[e] = { hours: given, given: true, reason: input.retentionHours.detail };
      continue;
    }
    const cloud = input.topics.filter((t) => shapeOn(t, e, input.singlePartition).storage === 'cloud').map((t) => t.retention);
    // AliKafka's range, not the edition's: an edition that keeps less than the estate asks for is rejected for it
    const d = defaultInstanceRetention(longestRetention(cloud), INSTANCE_RETENTION_HOURS.max, EDITIONS[e].title);
    retention[e] = { hours: d.hours, given: false, wanted: d.wanted, reason: d.reason };
  }
  return {
    h: input.headroomPct.value / 100,
    retention,
    publicMBps: input.publicMBps.value,
    multiZone: input.multiZone.value,
    acls: input.acls.value,
    serviceVersion: v.version,
    versionReason: v.reason,
    floor: input.specFloor,
    localReplicas: input.localReplicas.value,
  };
}

export const BY_COST = specsByCost();

export function candidates(load: Load, g: Globals, explain = true): Sized[] {
  return BY_COST.map((c) => sizeCandidate(load, g, c.edition, c.spec, c.rank, explain));
}

/** The first (cheapest) candidate that meets every need, or undefined. */
export function cheapestFit(all: readonly Sized[]): Sized | undefined {
  return all.find((c) => c.reasons.length === 0);
}

export function loadEntries(input: SizingInput, g: Globals): TopicLoadEntry[] {
  return input.topics.map((t) => ({ topic: t, ...topicLoad(t, g.retention, input.singlePartition) }));
}
