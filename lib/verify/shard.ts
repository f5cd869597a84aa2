/**
 * `verify --shard K/N --snapshot FILE --result OUT`: one machine's share of a snapshot's partitions, compared up to
 * the snapshot's end offsets, written as a result that adds up with the others (merge.ts).
 *
 * The shares are deterministic and balanced: the snapshot's partitions by weight (records on both sides, end −
 * start), largest first, each onto the shard with the least weight so far; ties go by topic name, then partition
 * number (items), and to the lower shard number (shards). Greedy largest-first keeps every shard within the
 * largest partition's weight of the others.
 *
 * The JSON Schema of a result is `verify-result.schema.json` beside this file.
 */
import { AlikafkaMigrateError } from '../errors';
import { MigrationPlan } from '../plan';
import { ClusterEndpoint } from '../sources/cluster-reader';
import { compareTopicParts, CompactedParts, Difference, HashSum, hex64, KeyList, NotCopied, PartitionResult, TopicParts, VerifyTopicFrame } from './compare';
import { readDocument } from './document';
import { readMigration, ReadShare, VerifyProgress } from './read';
import { rangeRecords, VerifySnapshot } from './snapshot';
import schema from './verify-result.schema.json';

export const RESULT_VERSION = 1;

/** One partition to place on a shard. */
export interface ShareItem {
  /** Target name of the topic. */
  readonly topic: string;
  readonly partition: number;
  readonly weight: bigint;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Places `items` on `n` shards (index 0 to n − 1), greedy largest first onto the lightest shard; deterministic. */
export function assignShares(items: readonly ShareItem[], n: number): ShareItem[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`shard count must be a whole number >= 1, got ${n}`);
  const order = [...items].sort((a, b) => (a.weight > b.weight ? -1 : a.weight < b.weight ? 1 : cmpStr(a.topic, b.topic) || a.partition - b.partition));
  const shards: ShareItem[][] = Array.from({ length: n }, () => []);
  const load: bigint[] = new Array<bigint>(n).fill(0n);
  for (const it of order) {
    let best = 0;
    for (let i = 1; i < n; i++) if (load[i] < load[best]) best = i;
    shards[best].push(it);
    load[best] += it.weight;
  }
  for (const s of shards) s.sort((a, b) => cmpStr(a.topic, b.topic) || a.partition - b.partition);
  return shards;
}

/**
 * The snapshot's partitions, each weighing the bytes the source stores for it when the snapshot has them for every
 * partition, the records of both sides (end − start) otherwise.
 */
export function snapshotItems(s: VerifySnapshot): ShareItem[] {
  const all = s.topics.flatMap((t) => t.partitions);
  const bytes = all.length > 0 && all.every((p) => p.sourceBytes !== undefined);
  return s.topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topic: t.targetName,
      partition: p.partition,
      weight: bytes ? BigInt(p.sourceBytes as number) : rangeRecords(p.source) + rangeRecords(p.target),
    })),
  );
}

/** Shard `k` of `n` (1-based) of a snapshot. */
export function shareOf(s: VerifySnapshot, k: number, n: number): ShareItem[] {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`shard ${k} is not within 1-${n}`);
  return assignShares(snapshotItems(s), n)[k - 1];
}

/** A topic of the snapshot as the result carries it: its frame and the partitions to compare. */
export interface FrameTopic extends VerifyTopicFrame {
  readonly partitions: readonly number[];
}

/** `CompactedParts` with its sums as hex (JSON has no 64-bit integers). */
export interface CompactedPartsJson extends Omit<CompactedParts, 'keyless'> {
  readonly keyless: { readonly source: { count: number; sum: string }; readonly target: { count: number; sum: string } };
}

export interface TopicPartsJson {
  /** Target name. */
  readonly topic: string;
  readonly partitionResults: readonly PartitionResult[];
  readonly differences: readonly Difference[];
  readonly messagesCompared: number;
  readonly keysCompared: number;
  readonly moved: KeyList;
  readonly compacted?: CompactedPartsJson;
}

/** What one shard wrote (`--result OUT`). */
export interface ShardResult {
  readonly resultVersion: typeof RESULT_VERSION;
  readonly plan: { readonly sha256: string };
  readonly snapshot: { readonly sha256: string };
  readonly shard: { readonly index: number; readonly count: number };
  /** Compare only the last N messages of each partition. */
  readonly sample?: number;
  /** Record offsets before a sample, not read (decimal strings). */
  readonly sampleSkipped?: { readonly source: string; readonly target: string };
  readonly notRead: readonly string[];
  /** The partitions this shard compared, by target topic name. */
  readonly share: ReadonlyArray<{ readonly topic: string; readonly partitions: readonly number[] }>;
  /** The snapshot's topics, partitions and groups: the same in every result of one snapshot. */
  readonly frame: {
    readonly topics: readonly FrameTopic[];
    readonly groups: ReadonlyArray<{ readonly sourceId: string; readonly targetName: string; readonly onTarget: boolean }>;
    readonly notCopied: readonly NotCopied[];
  };
  readonly parts: readonly TopicPartsJson[];
}

const sumJson = (x: HashSum): { count: number; sum: string } => ({ count: x.count, sum: hex64(x.sum) });
const sumOf = (x: { count: number; sum: string }): HashSum => ({ count: x.count, sum: BigInt(`0x${x.sum}`) });

export function partsToJson(topic: string, p: TopicParts): TopicPartsJson {
  return {
    topic,
    partitionResults: p.partitionResults,
    differences: p.differences,
    messagesCompared: p.messagesCompared,
    keysCompared: p.keysCompared,
    moved: p.moved,
    ...(p.compacted
      ? { compacted: { ...p.compacted, keyless: { source: sumJson(p.compacted.keyless.source), target: sumJson(p.compacted.keyless.target) } } }
      : {}),
  };
}

export function partsFromJson(j: TopicPartsJson): TopicParts {
  return {
    partitionResults: j.partitionResults,
    differences: j.differences,
    messagesCompared: j.messagesCompared,
    keysCompared: j.keysCompared,
    moved: j.moved,
    ...(j.compacted
      ? { compacted: { ...j.compacted, keyless: { source: sumOf(j.compacted.keyless.source), target: sumOf(j.compacted.keyless.target) } } }
      : {}),
  };
}

/** The frame every result of a snapshot carries. */
export function frameOf(s: VerifySnapshot): ShardResult['frame'] {
  return {
    topics: s.topics.map((t) => ({
      sourceName: t.sourceName,
      targetName: t.targetName,
      plannedPartitions: t.plannedPartitions,
      sourcePartitions: t.sourcePartitions,
      ...(t.targetPartitions === undefined ? {} : { targetPartitions: t.targetPartitions }),
      onSource: t.onSource,
      partitions: t.partitions.map((p) => p.partition),
    })),
    groups: s.groups,
    notCopied: s.notCopied,
  };
}

export interface ShardOptions {
  readonly source: ClusterEndpoint;
  readonly target: ClusterEndpoint;
  readonly timeoutMs?: number;
  readonly sample?: number;
  /** Told how far the reading of the share is (record offsets of both sides). */
  readonly progress?: VerifyProgress;
}

/**
 * Compares shard `k` of `n` of the snapshot (taken for `plan`, whose file has `planSha256`) up to the snapshot's
 * end offsets. A partition of the share that is no longer on a cluster is an error (take a new snapshot).
 */
export async function runShard(
  plan: MigrationPlan,
  planSha256: string,
  snapshot: VerifySnapshot,
  snapshotSha256: string,
  k: number,
  n: number,
  opts: ShardOptions,
): Promise<ShardResult> {
  if (snapshot.plan.sha256 !== planSha256)
    throw new AlikafkaMigrateError(
      'input',
      `the snapshot was taken for another plan file (SHA-256 ${snapshot.plan.sha256.slice(0, 12)}…, this plan ${planSha256.slice(0, 12)}…): take the snapshot again with this plan, or give the plan it was taken for`,
    );
  const share = shareOf(snapshot, k, n);
  const byTopic = new Map<string, Set<number>>();
  for (const it of share) {
    let s = byTopic.get(it.topic);
    if (!s) byTopic.set(it.topic, (s = new Set()));
    s.add(it.partition);
  }
  const source = new Map<string, Map<number, bigint>>();
  const target = new Map<string, Map<number, bigint>>();
  for (const t of snapshot.topics) {
    const only = byTopic.get(t.targetName);
    if (!only) continue;
    for (const p of t.partitions) {
      if (!only.has(p.partition)) continue;
      if (p.source) (source.get(t.sourceName) ?? source.set(t.sourceName, new Map()).get(t.sourceName))?.set(p.partition, BigInt(p.source.end));
      if (p.target) (target.get(t.targetName) ?? target.set(t.targetName, new Map()).get(t.targetName))?.set(p.partition, BigInt(p.target.end));
    }
  }
  const input = await readMigration(plan, { ...opts, share: { source: source as ReadShare, target: target as ReadShare } });
  const sampled = opts.sample !== undefined;
  const parts: TopicPartsJson[] = [];
  for (const t of input.topics) {
    const only = byTopic.get(t.targetName);
    if (!only) continue;
    for (const [side, name, wanted, read] of [
      ['source', t.sourceName, source.get(t.sourceName), t.source],
      ['target', t.targetName, target.get(t.targetName), t.target],
    ] as const) {
      for (const p of wanted?.keys() ?? []) {
        if (!read?.partitions.has(p))
          throw new AlikafkaMigrateError('source', `${name}[${p}] is in the snapshot but no longer on the ${side}: take the snapshot again`);
      }
    }
    if (!t.source || !t.target) continue;
    parts.push(partsToJson(t.targetName, compareTopicParts({ ...t, source: t.source, target: t.target }, sampled, only)));
  }
  return {
    resultVersion: RESULT_VERSION,
    plan: { sha256: planSha256 },
    snapshot: { sha256: snapshotSha256 },
    shard: { index: k, count: n },
    ...(opts.sample === undefined ? {} : { sample: opts.sample }),
    ...(input.sampleSkipped ? { sampleSkipped: { source: String(input.sampleSkipped.source), target: String(input.sampleSkipped.target) } } : {}),
    notRead: [],
    share: [...byTopic].sort(([a], [b]) => cmpStr(a, b)).map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) })),
    frame: frameOf(snapshot),
    parts: parts.sort((a, b) => cmpStr(a.topic, b.topic)),
  };
}

/** The result file's text: two-space JSON and a final newline. */
export function shardResultText(r: ShardResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Reads and checks a shard result file. */
export function readShardResult(file: string): ShardResult {
  return readDocument<ShardResult>(schema, file, 'verify shard result', { field: 'resultVersion', supported: RESULT_VERSION }).doc;
}
