/**
 * `verify --sample-every R`: a quick pre-check that reads every Rth block of records of each partition, plus its
 * first and last records, and says what it did not read (the run is then not complete: exit 3 without a
 * difference). Blocks are counted back from each side's end offset over the compared range (the last
 * min(source count, target count) records, as a full run compares), so both sides read the same records when
 * their offsets are dense; the per-partition checksum covers what was read, counts come from the offsets.
 *
 * Compacted topics are compared by the latest record per key, which needs every record: they are not read here,
 * and the result says so.
 */
import { largestMessageLimit, MigrationPlan } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, RangeRequest } from '../sources/cluster-reader';
import { compareTopicParts, finishCompare, keyId, KeyPlace, messageHash, PartitionRead, TopicParts, TopicRead, UnreadPart, VerifyResult } from './compare';
import { rangeRecords, snapshotOfClusters, SnapshotRange, SnapshotTopic } from './snapshot';

/** Records in a block. */
export const SAMPLE_BLOCK = 1000;

/** Room beyond the largest message for the batch and record headers. */
const FETCH_MARGIN = 64 * 1024;

export interface OffsetRange {
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * The offsets each side reads of one partition: blocks 0, R, 2R, ... of `block` records counted back from the end
 * over the compared range (block 0 holds the last record), and the compared range's first record. Pure.
 */
export function sampleRanges(
  source: SnapshotRange,
  target: SnapshotRange,
  every: number,
  block = SAMPLE_BLOCK,
): { readonly source: OffsetRange[]; readonly target: OffsetRange[]; readonly compared: bigint } {
  const k = ((a: bigint, b: bigint) => (a < b ? a : b))(rangeRecords(source), rangeRecords(target));
  const rel: Array<[bigint, bigint]> = []; // [from, to) counted back from the end: [0, n) are the last n records
  const w = BigInt(block);
  const r = BigInt(every);
  for (let j = 0n; j * w < k; j += r) rel.push([j * w, (j + 1n) * w < k ? (j + 1n) * w : k]);
  // the first record of the compared range, when its block is not read
  if (k > 0n && ((k - 1n) / w) % r !== 0n) rel.push([k - 1n, k]);
  const abs = (end: string): OffsetRange[] =>
    rel.map(([a, b]) => ({ from: BigInt(end) - b, to: BigInt(end) - a })).sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  return { source: abs(source.end), target: abs(target.end), compared: k };
}

/** What one side read of one partition: its planned offsets and the ranges to read. */
interface PartPlan {
  readonly topic: string;
  readonly partition: number;
  readonly range: SnapshotRange;
  readonly read: readonly OffsetRange[];
}

/**
 * Reads the ranges of one side (all topics at once): per topic its partitions (hashes of the records read, in
 * offset order; counts from the offsets), the first place of each key read, and the ranges left unread.
 */
async function readSample(r: ClusterReader, plan: readonly PartPlan[], maxBytes: number): Promise<Map<string, TopicRead>> {
  const out = new Map<string, { partitions: Map<number, PartitionRead & { hashes: bigint[] }>; keys: Map<string, KeyPlace>; unread: UnreadPart[] }>();
  const topicOf = (topic: string): NonNullable<ReturnType<typeof out.get>> => {
    let t = out.get(topic);
    if (!t) out.set(topic, (t = { partitions: new Map(), keys: new Map(), unread: [] }));
    return t;
  };
  for (const p of plan)
    topicOf(p.topic).partitions.set(p.partition, { start: BigInt(p.range.start), end: BigInt(p.range.end), count: Number(rangeRecords(p.range)), hashes: [] });
  // the hashes of each range apart, put in offset order afterwards
  const byRange = new Map<RangeRequest, bigint[]>();
  const ranges: RangeRequest[] = plan.flatMap((p) => p.read.map((o) => ({ topic: p.topic, partition: p.partition, from: o.from, to: o.to })));
  await r.readRanges(
    ranges,
    (rq, msgs) => {
      let hs = byRange.get(rq);
      if (!hs) byRange.set(rq, (hs = []));
      const keys = topicOf(rq.topic).keys;
      for (const m of msgs) {
        hs.push(messageHash(m.key, m.value, m.headers));
        if (m.key === null) continue;
        // the lowest partition, then offset, a key was read at: the same whatever order the responses came in
        const id = keyId(m.key);
        const had = keys.get(id);
        if (!had || rq.partition < had.partition || (rq.partition === had.partition && m.offset < had.offset))
          keys.set(id, { partition: rq.partition, offset: m.offset });
      }
    },
    maxBytes,
    (rq, u) => topicOf(rq.topic).unread.push({ partition: rq.partition, from: u.from, to: u.to, reason: u.reason }),
  );
  for (const rq of ranges)
    topicOf(rq.topic)
      .partitions.get(rq.partition)
      ?.hashes.push(...(byRange.get(rq) ?? []));
  return out;
}

/** How the result names the sampled pre-check. */
export function sampleEveryText(every: number, block = SAMPLE_BLOCK): string {
  return `${every === 1 ? 'every block' : `1 block in ${every}`} of ${block} records, and the first and last record, per partition`;
}

/** The quick pre-check of the planned topics: every `every`th block of each partition, its first and last records. */
export async function sampleEveryMigration(
  plan: MigrationPlan,
  opts: { readonly source: ClusterEndpoint; readonly target: ClusterEndpoint; readonly timeoutMs?: number; readonly every: number },
): Promise<VerifyResult> {
  const maxBytes = largestMessageLimit(plan).bytes + FETCH_MARGIN;
  const [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  try {
    const snap = await snapshotOfClusters(plan, '0'.repeat(64), src, tgt, false);
    const notRead: string[] = [];
    const total = { source: 0n, target: 0n };
    const read = { source: 0n, target: 0n };
    const s: PartPlan[] = [];
    const g: PartPlan[] = [];
    const sampled: SnapshotTopic[] = [];
    for (const t of snap.topics) {
      if (t.partitions.length === 0) continue;
      if (t.compacted) {
        notRead.push(`compacted topic ${t.sourceName}: compared by the latest record per key, which needs every record; not read by a sampled pre-check`);
        continue;
      }
      sampled.push(t);
      for (const p of t.partitions) {
        const none = { start: '0', end: '0' };
        const rs = sampleRanges(p.source ?? none, p.target ?? none, opts.every);
        const n = (x: readonly OffsetRange[]): bigint => x.reduce((a, o) => a + (o.to - o.from), 0n);
        if (p.source) {
          s.push({ topic: t.sourceName, partition: p.partition, range: p.source, read: rs.source });
          total.source += rangeRecords(p.source);
          read.source += n(rs.source);
        }
        if (p.target) {
          g.push({ topic: t.targetName, partition: p.partition, range: p.target, read: rs.target });
          total.target += rangeRecords(p.target);
          read.target += n(rs.target);
        }
      }
    }
    const [a, b] = await Promise.all([readSample(src, s, maxBytes), readSample(tgt, g, maxBytes)]);
    const empty: TopicRead = { partitions: new Map(), keys: new Map() };
    const parts = new Map<string, TopicParts>();
    for (const t of sampled) {
      const input = {
        sourceName: t.sourceName,
        targetName: t.targetName,
        plannedPartitions: t.plannedPartitions,
        sourcePartitions: t.sourcePartitions,
        targetPartitions: t.targetPartitions,
        source: a.get(t.sourceName) ?? empty,
        target: b.get(t.targetName) ?? empty,
      };
      parts.set(t.targetName, compareTopicParts(input, true));
    }
    const skipped = { source: total.source - read.source, target: total.target - read.target };
    if (skipped.source > 0n || skipped.target > 0n)
      notRead.unshift(
        `a sampled pre-check (${sampleEveryText(opts.every)}): ${skipped.source} of ${total.source} record offsets on the source and ${skipped.target} of ${total.target} on the target were not read`,
      );
    return finishCompare(
      {
        topics: snap.topics.map(({ partitions: _p, compacted: _c, ...f }) => f),
        groups: snap.groups,
        notCopied: snap.notCopied,
        sampleEvery: { every: opts.every, block: SAMPLE_BLOCK },
        notRead,
      },
      parts,
    );
  } finally {
    await Promise.all([src.close(), tgt.close()]);
  }
}
