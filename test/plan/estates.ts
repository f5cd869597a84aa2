/** Builders of synthetic estates (metadata v1) for the sizing tests. */
import type { AclMetadata, BrokerInfo, ClusterMetadata, ConsumerGroupMetadata, TopicMetadata } from '../../lib/model';

export interface EstateSpec {
  /** Topic names are `${prefix}${i}` per family: `families` prefixes, `topicsPerFamily` topics each. */
  readonly families?: readonly string[];
  readonly topicsPerFamily?: number;
  readonly partitions?: number;
  /** Compacted topics: the first `compact` topics of each family. */
  readonly compact?: number;
  /** Mean (and peak, when `peak`) ingress of the whole estate, bytes/s, spread over topics evenly per topic. */
  readonly bytesInPerSec?: number;
  readonly peakBytesInPerSec?: number;
  /** Groups reading each topic (each group reads one topic). */
  readonly readersPerTopic?: number;
  /** Stored bytes of the whole estate, spread evenly over topics. */
  readonly storedBytes?: number;
  readonly acls?: number;
  readonly racks?: readonly string[];
  /** The source brokers' log.retention.hours (the instance retention follows it). @default 72 */
  readonly brokerRetentionHours?: number;
  readonly kafkaVersion?: string;
  /** Extra groups reading several topics at once. */
  readonly crossGroups?: ReadonlyArray<readonly string[]>;
}

export function estate(s: EstateSpec): ClusterMetadata {
  const families = s.families ?? ['app'];
  const per = s.topicsPerFamily ?? 3;
  const topics: TopicMetadata[] = [];
  for (const f of families) {
    for (let i = 0; i < per; i++) {
      const compact = i < (s.compact ?? 0);
      topics.push({
        name: `${f}.t${String(i).padStart(4, '0')}`,
        partitions: s.partitions ?? 6,
        replicationFactor: 3,
        ...(compact ? { configs: { 'cleanup.policy': 'compact' } } : {}),
      });
    }
  }
  const groups: ConsumerGroupMetadata[] = [];
  for (const t of topics) {
    for (let r = 0; r < (s.readersPerTopic ?? 1); r++) groups.push({ groupId: `g-${t.name}-${r}`, state: 'Stable', members: 1, topics: [t.name] });
  }
  (s.crossGroups ?? []).forEach((ts, i) => groups.push({ groupId: `cross-${i}`, state: 'Stable', members: 1, topics: [...ts] }));
  const n = topics.length;
  const traffic =
    s.bytesInPerSec === undefined
      ? undefined
      : {
          windowSeconds: 60,
          bytesInPerSec: s.bytesInPerSec,
          ...(s.peakBytesInPerSec !== undefined ? { peakBytesInPerSec: s.peakBytesInPerSec } : {}),
          perTopic: Object.fromEntries(
            topics.map((t) => [
              t.name,
              {
                bytesInPerSec: (s.bytesInPerSec as number) / n,
                ...(s.peakBytesInPerSec !== undefined ? { peakBytesInPerSec: s.peakBytesInPerSec / n } : {}),
              },
            ]),
          ),
        };
  const storage =
    s.storedBytes === undefined
      ? undefined
      : {
          usedBytes: s.storedBytes,
          perTopic: Object.fromEntries(topics.map((t) => [t.name, (s.storedBytes as number) / n])),
        };
  const acls: AclMetadata[] = [];
  for (let i = 0; i < (s.acls ?? 0); i++) {
    acls.push({
      principal: 'User:app',
      resourceType: 'Topic',
      resourceName: topics[i % n].name,
      patternType: 'LITERAL',
      operation: 'Read',
      permission: 'Allow',
    });
  }
  const configs = { 'log.retention.hours': String(s.brokerRetentionHours ?? 72) };
  const brokers: BrokerInfo[] = (s.racks ?? [undefined]).map((rack, i) => ({ id: i + 1, ...(rack ? { rack } : {}), configs }));
  return {
    formatVersion: 1,
    source: { kind: 'manual', clusterId: 'grid', ...(s.kafkaVersion ? { kafkaVersion: s.kafkaVersion } : {}) },
    brokers,
    topics,
    consumerGroups: groups,
    acls,
    ...(acls.length > 0 ? { users: [{ name: 'app' }] } : {}),
    ...(traffic ? { traffic } : {}),
    ...(storage ? { storage } : {}),
  } as ClusterMetadata;
}

export const MB = 1_000_000;
export const GB = 1_000_000_000;

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
