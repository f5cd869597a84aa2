/**
 * `verify --snapshot FILE`: the end offsets to check, recorded once, so that N machines verify one estate up to the
 * same point (shard.ts) and their results combine (merge.ts). Per planned topic that is on both clusters: every
 * partition's first and end offsets on the source and on the target; per planned topic: the partition counts; per
 * planned group: whether the target has it. Tied to the plan file by its SHA-256. Deterministic: the same clusters
 * and plan give the same bytes (no clock, topics in plan order, partitions in number order).
 *
 * The JSON Schema is `verify-snapshot.schema.json` beside this file.
 */
import { copiedTopics, MigrationPlan, notCopiedTopics } from '../plan';
import { ClusterEndpoint, ClusterReader, OffsetsByTopic, openBoth } from '../sources/cluster-reader';
import type { NotCopied, VerifyTopicFrame } from './compare';
import { readDocument } from './document';
import schema from './verify-snapshot.schema.json';

export const SNAPSHOT_VERSION = 1;

/** Offsets of one partition on one side, as decimal strings (64-bit). */
export interface SnapshotRange {
  readonly start: string;
  readonly end: string;
}

export interface SnapshotPartition {
  readonly partition: number;
  /** Absent when the partition is not on that side. */
  readonly source?: SnapshotRange;
  readonly target?: SnapshotRange;
  /** Bytes the source stores for the partition (its largest replica), when every broker told (DescribeLogDirs). */
  readonly sourceBytes?: number;
}

export interface SnapshotTopic extends VerifyTopicFrame {
  /** Compared by the latest record per key (the plan's `cleanup.policy=compact` topics). */
  readonly compacted: boolean;
  /** The partitions to compare: every partition of either side, when the topic is on both; none otherwise. */
  readonly partitions: readonly SnapshotPartition[];
}

export interface SnapshotGroup {
  readonly sourceId: string;
  readonly targetName: string;
  readonly onTarget: boolean;
}

export interface VerifySnapshot {
  readonly snapshotVersion: typeof SNAPSHOT_VERSION;
  /** The plan file the snapshot was taken for. */
  readonly plan: { readonly sha256: string };
  readonly topics: readonly SnapshotTopic[];
  readonly groups: readonly SnapshotGroup[];
  /** Planned topics the plan does not copy, with the reason: not compared. */
  readonly notCopied: readonly NotCopied[];
}

/** What one cluster showed: partition counts of the topics on it, and their offsets. */
export interface SideFacts {
  readonly counts: ReadonlyMap<string, number>;
  readonly offsets: OffsetsByTopic;
  /** `topic NUL partition` → bytes stored, when the cluster told. */
  readonly bytes?: ReadonlyMap<string, number>;
}

/** The snapshot from what was read of both clusters (pure). */
export function snapshotFromFacts(
  plan: MigrationPlan,
  planSha256: string,
  source: SideFacts,
  target: SideFacts,
  targetGroups: ReadonlySet<string>,
): VerifySnapshot {
  const range = (o: { start: bigint; end: bigint } | undefined): SnapshotRange | undefined => (o ? { start: String(o.start), end: String(o.end) } : undefined);
  const topics = copiedTopics(plan).map((pt): SnapshotTopic => {
    const sourcePartitions = source.counts.get(pt.sourceName);
    const targetPartitions = target.counts.get(pt.name);
    const partitions: SnapshotPartition[] = [];
    if (sourcePartitions !== undefined && targetPartitions !== undefined) {
      for (let p = 0; p < Math.max(sourcePartitions, targetPartitions); p++) {
        const s = range(source.offsets.get(pt.sourceName)?.get(p));
        const t = range(target.offsets.get(pt.name)?.get(p));
        const bytes = s ? source.bytes?.get(`${pt.sourceName}\u0000${p}`) : undefined;
        partitions.push({ partition: p, ...(s ? { source: s } : {}), ...(t ? { target: t } : {}), ...(bytes === undefined ? {} : { sourceBytes: bytes }) });
      }
    }
    return {
      sourceName: pt.sourceName,
      targetName: pt.name,
      plannedPartitions: pt.partitions,
      sourcePartitions: sourcePartitions ?? 0,
      ...(targetPartitions === undefined ? {} : { targetPartitions }),
      onSource: sourcePartitions !== undefined,
      compacted: pt.compact,
      partitions,
    };
  });
  return {
    snapshotVersion: SNAPSHOT_VERSION,
    plan: { sha256: planSha256 },
    topics,
    groups: plan.groups.map((g) => ({ sourceId: g.sourceId, targetName: g.name, onTarget: targetGroups.has(g.name) })),
    notCopied: notCopiedTopics(plan).map((x) => ({ topic: x.sourceName, reason: x.reason })),
  };
}

/** Reads the planned topics' partition counts and offsets on both clusters, and the target's groups, once. Read-only. */
export async function takeSnapshot(
  plan: MigrationPlan,
  planSha256: string,
  opts: { readonly source: ClusterEndpoint; readonly target: ClusterEndpoint; readonly timeoutMs?: number },
): Promise<VerifySnapshot> {
  const [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  try {
    return await snapshotOfClusters(plan, planSha256, src, tgt);
  } finally {
    await Promise.all([src.close(), tgt.close()]);
  }
}

/** The snapshot through readers already open. */
export async function snapshotOfClusters(
  plan: MigrationPlan,
  planSha256: string,
  src: ClusterReader,
  tgt: ClusterReader,
  withBytes = true,
): Promise<VerifySnapshot> {
  const planned = copiedTopics(plan);
  const side = async (r: ClusterReader, names: readonly string[], withBytes: boolean): Promise<SideFacts> => {
    const all = await r.partitionCounts();
    const counts = new Map(names.filter((n) => all.has(n)).map((n) => [n, all.get(n) as number]));
    const offsets = await r.offsets(counts);
    // the source's stored bytes balance the shares where it gives them (records otherwise)
    const bytes = withBytes ? await r.partitionBytes(new Set(counts.keys())) : undefined;
    return { counts, offsets, ...(bytes ? { bytes } : {}) };
  };
  const [s, t, groups] = await Promise.all([
    side(
      src,
      planned.map((x) => x.sourceName),
      withBytes,
    ),
    side(
      tgt,
      planned.map((x) => x.name),
      false,
    ),
    tgt.groupIds(),
  ]);
  return snapshotFromFacts(plan, planSha256, s, t, groups);
}

/** The snapshot file's text: two-space JSON and a final newline. */
export function snapshotText(s: VerifySnapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Reads and checks a snapshot file; gives its SHA-256 too. */
export function readSnapshot(file: string): { snapshot: VerifySnapshot; sha256: string } {
  const { doc, sha256 } = readDocument<VerifySnapshot>(schema, file, 'verify snapshot', { field: 'snapshotVersion', supported: SNAPSHOT_VERSION });
  return { snapshot: doc, sha256 };
}

/** The number of partitions a snapshot has to compare, and their records (end − start, both sides). */
export function snapshotSize(s: VerifySnapshot): { partitions: number; records: bigint } {
  let partitions = 0;
  let records = 0n;
  for (const t of s.topics)
    for (const p of t.partitions) {
      partitions++;
      records += rangeRecords(p.source) + rangeRecords(p.target);
    }
  return { partitions, records };
}

/** Records in a range (0 for a side the partition is not on). */
export function rangeRecords(r: SnapshotRange | undefined): bigint {
  if (!r) return 0n;
  const n = BigInt(r.end) - BigInt(r.start);
  return n > 0n ? n : 0n;
}
