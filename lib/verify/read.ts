/**
 * Reads what `verify` compares from the two clusters, read-only: partition counts, offsets, the messages of the
 * compared range (group-less Fetch) and group ids. The comparison itself is in ./compare.
 *
 * Fetch sizes start at 4 MiB or the largest message the plan allows (lib/plan message-limit), whichever is larger,
 * and grow when a batch does not fit (ClusterReader.scanRanges); what stays unread is handed to the comparison as a
 * difference. Records are hashed in place in the Fetch responses and not kept: memory holds the first place of
 * each distinct key (a typed table, about 40 bytes a key) and, for compacted topics, the latest record per key.
 */
import { copiedTopics, largestMessageLimit, MigrationPlan, notCopiedTopics } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, RangeRequest, UnreadRange } from '../sources/cluster-reader';
import type { RecordView } from '../sources/record-batches';
import { compareMigration, LatestRecord, PartitionRead, TopicRead, UnreadPart, VerifyInput, VerifyResult, VerifyTopicInput } from './compare';
import { RunningSum, KeyTable, keyIdHex, RecordHasher } from './record-hash';

export interface VerifyOptions {
  readonly source: ClusterEndpoint;
  readonly target: ClusterEndpoint;
  readonly timeoutMs?: number;
  /** Compare only the last N messages of each partition. */
  readonly sample?: number;
  /**
   * Read only these partitions, each up to the given end offset (a snapshot's) instead of the live end: a shard's
   * share. Topic name → partition → end offset, per side; a partition not listed for a side is not read there.
   */
  readonly share?: { readonly source: ReadShare; readonly target: ReadShare };
  /** Told how many record offsets there are to read and how far the reading is (both sides together). */
  readonly progress?: VerifyProgress;
}

/** Progress of verify's reading, in record offsets and bytes. */
export interface VerifyProgress {
  /** Offsets one side will read (called once per side, before it reads). */
  addTotal(offsets: number): void;
  /** Offsets read, and the bytes of their record batches. */
  add(offsets: number, bytes: number): void;
}

/** Topic name → partition → the end offset to read up to. */
export type ReadShare = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

/** Room beyond the largest message for the batch and record headers. */
const FETCH_MARGIN = 64 * 1024;
/**
 * Bytes asked for per partition and Fetch at least: large fetches keep the broker sending while this side
 * hashes (a response holds at most 64 MiB, lib/sources/cluster-reader).
 */
const MIN_FETCH_BYTES = 4 * 1024 * 1024;
/** Fetch requests in flight per broker and side, each for its own share of the partitions. */
const LANES = 2;

/** One partition of one side, as it is read. */
interface PartState {
  readonly start: bigint;
  readonly end: bigint;
  /** First offset read. */
  readonly from: bigint;
  /** Offset of the first record read (-1: none yet). */
  first: bigint;
  readonly sum: RunningSum;
}

interface SideRead {
  readonly counts: Map<string, number>;
  readonly reader: ClusterReader;
  readonly parts: Map<string, Map<number, PartState>>;
  readonly keys: Map<string, KeyTable>;
  readonly latest: Map<string, Map<string, LatestRecord>>;
  readonly keyless: Map<string, RunningSum>;
  readonly unread: Map<string, UnreadPart[]>;
  /** Record offsets before the sample, not read. */
  readonly skipped: bigint;
  /** Only the last records of each partition were read (counts come from the offsets). */
  readonly sampled: boolean;
}

/**
 * Reads one side: per partition the count and the checksum of the records read, the first place of each key,
 * and for compacted topics the latest record per key. Records are hashed where they lie in the Fetch response
 * and nothing of them is kept: memory holds a table entry per distinct key (compacted topics: per live key),
 * not the records or their hashes.
 */
async function readSide(
  r: ClusterReader,
  names: readonly string[],
  compacted: ReadonlySet<string>,
  sample: number | undefined,
  maxBytes: number,
  share: ReadShare | undefined,
  progress: VerifyProgress | undefined,
): Promise<SideRead> {
  const all = await r.partitionCounts();
  const present = new Map(names.filter((n) => all.has(n)).map((n) => [n, all.get(n) as number]));
  const offsets = await r.offsets(present);
  const parts = new Map<string, Map<number, PartState>>();
  const keys = new Map<string, KeyTable>();
  const latest = new Map<string, Map<string, LatestRecord>>();
  const keyless = new Map<string, RunningSum>();
  const unread = new Map<string, UnreadPart[]>();
  const ranges: RangeRequest[] = [];
  let skipped = 0n;
  for (const [topic, byP] of offsets) {
    const pm = new Map<number, PartState>();
    parts.set(topic, pm);
    keys.set(topic, new KeyTable());
    unread.set(topic, []);
    if (compacted.has(topic)) {
      latest.set(topic, new Map());
      keyless.set(topic, new RunningSum());
    }
    for (const [partition, live] of [...byP.entries()].sort(([a], [b]) => a - b)) {
      let o = live;
      if (share) {
        // a share reads up to the snapshot's end, from what is still in the log
        const end = share.get(topic)?.get(partition);
        if (end === undefined) continue;
        o = { start: live.start < end ? live.start : end, end };
      }
      const from = sample === undefined ? o.start : o.end - BigInt(sample) > o.start ? o.end - BigInt(sample) : o.start;
      skipped += from - o.start;
      pm.set(partition, { start: o.start, end: o.end, from, first: -1n, sum: new RunningSum() });
      ranges.push({ topic, partition, from, to: o.end });
    }
  }
  progress?.addTotal(ranges.reduce((n, rq) => n + Number(rq.to - rq.from), 0));
  const h = new RecordHasher();
  // the state of the range being read, looked up once per range and response rather than per record
  let cur: RangeRequest | undefined;
  let p: PartState | undefined;
  let km: KeyTable | undefined;
  let lm: Map<string, LatestRecord> | undefined;
  let kl: RunningSum | undefined;
  const visit = (rq: RangeRequest, v: RecordView): void => {
    if (rq !== cur) {
      cur = rq;
      p = parts.get(rq.topic)?.get(rq.partition);
      km = keys.get(rq.topic);
      lm = latest.get(rq.topic);
      kl = keyless.get(rq.topic);
    }
    if (!p) return;
    if (p.first < 0n) p.first = v.baseOffset + BigInt(v.offsetDelta);
    if (lm) {
      // compacted: the latest record per key wins (records arrive in offset order per partition)
      h.record(v);
      if (v.keyLength < 0) {
        (kl as RunningSum).add(h.hi, h.lo);
        return;
      }
      const hash = (BigInt(h.hi) << 32n) | BigInt(h.lo);
      h.key(v);
      const id = `${rq.partition}/${keyIdHex(h.hi, h.lo)}`;
      if (v.valueLength < 0) lm.delete(id);
      else lm.set(id, { partition: rq.partition, offset: v.baseOffset + BigInt(v.offsetDelta), hash });
      return;
    }
    h.record(v);
    p.sum.add(h.hi, h.lo);
    if (v.keyLength >= 0) {
      h.key(v);
      const base = v.baseOffset;
      const delta = v.offsetDelta;
      (km as KeyTable).addFirst(h.hi, h.lo, rq.partition, () => base + BigInt(delta));
    }
  };
  await r.scanRanges(ranges, visit, {
    maxBytes: Math.max(maxBytes, MIN_FETCH_BYTES),
    onUnread: (rq, u) => unread.get(rq.topic)?.push({ partition: rq.partition, from: u.from, to: u.to, reason: u.reason }),
    lanes: LANES,
    onAdvance: progress && ((_rq, offsets, bytes) => progress.add(offsets, bytes)),
  });
  return { counts: present, reader: r, parts, keys, latest, keyless, unread, skipped, sampled: sample !== undefined };
}

/** A partition whose first `n` records are read again (see {@link headChecksums}). */
interface HeadRequest {
  readonly topic: string;
  readonly partition: number;
  readonly p: PartState;
  readonly n: number;
}

/**
 * The checksums of the first `n` records of partitions read before, read again from the same offsets, all of one
 * side in one scan. When the first of them is gone by now (retention), the range is reported unread instead.
 */
async function headChecksums(side: SideRead, heads: readonly HeadRequest[], maxBytes: number): Promise<Map<HeadRequest, RunningSum | undefined>> {
  const out = new Map<HeadRequest, RunningSum | undefined>();
  if (heads.length === 0) return out;
  const h = new RecordHasher();
  const state = new Map<RangeRequest, { head: HeadRequest; sum: RunningSum; first: bigint; gone?: UnreadRange }>();
  for (const head of heads)
    state.set({ topic: head.topic, partition: head.partition, from: head.p.from, to: head.p.end }, { head, sum: new RunningSum(), first: -1n });
  await side.reader.scanRanges(
    [...state.keys()],
    (rq, v) => {
      const st = state.get(rq);
      if (!st) return false;
      if (st.first < 0n) st.first = v.baseOffset + BigInt(v.offsetDelta);
      h.record(v);
      st.sum.add(h.hi, h.lo);
      return st.sum.count < st.head.n;
    },
    {
      maxBytes: Math.max(maxBytes, MIN_FETCH_BYTES),
      lanes: LANES,
      onUnread: (rq, u) => {
        const st = state.get(rq);
        if (st) st.gone = u;
      },
    },
  );
  for (const st of state.values()) {
    const { head } = st;
    if (st.gone || st.first !== head.p.first || st.sum.count < head.n) {
      side.unread.get(head.topic)?.push({
        partition: head.partition,
        from: head.p.from,
        to: head.p.end,
        reason: st.gone?.reason ?? 'the records changed while they were read (deleted by retention)',
      });
      out.set(head, undefined);
    } else out.set(head, st.sum);
  }
  return out;
}

/**
 * The comparison's view of both sides of the planned topics (by source and target name): per partition the
 * records read and the checksum of the last min(source read, target read) of each side. Where one side read
 * more, its first records are read again for the checksum of what comes before them (the whole partition is
 * never held in memory).
 */
async function topicReads(
  s: SideRead,
  t: SideRead,
  pairs: ReadonlyArray<{ readonly sourceName: string; readonly name: string }>,
  maxBytes: number,
): Promise<Array<[TopicRead, TopicRead]>> {
  const tails = (side: SideRead, topic: string, other: Map<number, PartState> | undefined, heads: HeadRequest[]): Array<() => [number, PartitionRead]> =>
    [...(side.parts.get(topic) ?? new Map<number, PartState>())].map(([n, p]) => {
      const read = p.sum.count;
      const k = Math.min(read, other?.get(n)?.sum.count ?? 0);
      const head: HeadRequest | undefined = k > 0 && k < read ? { topic, partition: n, p, n: read - k } : undefined;
      if (head) heads.push(head);
      return () => {
        let checksum = k === 0 ? 0n : p.sum.value;
        if (head) {
          const sum = done.get(side)?.get(head);
          checksum = sum ? p.sum.minus(sum) : 0n;
        }
        return [n, { start: p.start, end: p.end, count: side.sampled ? Number(p.end - p.start) : read, tail: { read, compared: k, checksum } }];
      };
    });
  const sHeads: HeadRequest[] = [];
  const tHeads: HeadRequest[] = [];
  const later = pairs.map((x) => [tails(s, x.sourceName, t.parts.get(x.name), sHeads), tails(t, x.name, s.parts.get(x.sourceName), tHeads)] as const);
  const [sDone, tDone] = await Promise.all([headChecksums(s, sHeads, maxBytes), headChecksums(t, tHeads, maxBytes)]);
  const done = new Map([
    [s, sDone],
    [t, tDone],
  ]);
  const read = (side: SideRead, topic: string, partitions: Map<number, PartitionRead>): TopicRead => {
    const kl = side.keyless.get(topic);
    return {
      partitions,
      keys: side.keys.get(topic) ?? new KeyTable(),
      latest: side.latest.get(topic),
      keyless: kl ? { count: kl.count, sum: kl.value } : undefined,
      unread: side.unread.get(topic),
    };
  };
  return pairs.map((x, i) => [read(s, x.sourceName, new Map(later[i][0].map((f) => f()))), read(t, x.name, new Map(later[i][1].map((f) => f())))]);
}

/** Reads both clusters and compares them with the plan. */
export async function verifyMigration(plan: MigrationPlan, opts: VerifyOptions): Promise<VerifyResult> {
  return compareMigration(await readMigration(plan, opts));
}

/** Reads what the comparison needs from both clusters (with a share: its partitions only, and the planned topics that have some). */
export async function readMigration(plan: MigrationPlan, opts: VerifyOptions): Promise<VerifyInput> {
  const maxBytes = largestMessageLimit(plan).bytes + FETCH_MARGIN;
  const share = opts.share;
  // topics the plan does not copy (names MirrorMaker never copies) are not compared: the result says why
  const planned = copiedTopics(plan).filter((t) => !share || share.source.has(t.sourceName) || share.target.has(t.name));
  const [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  try {
    const [s, t, targetGroups] = await Promise.all([
      readSide(
        src,
        planned.map((x) => x.sourceName),
        new Set(planned.filter((x) => x.compact).map((x) => x.sourceName)),
        opts.sample,
        maxBytes,
        share?.source,
        opts.progress,
      ),
      readSide(
        tgt,
        planned.map((x) => x.name),
        new Set(planned.filter((x) => x.compact).map((x) => x.name)),
        opts.sample,
        maxBytes,
        share?.target,
        opts.progress,
      ),
      tgt.groupIds(),
    ]);
    const reads = await topicReads(s, t, planned, maxBytes);
    const topics: VerifyTopicInput[] = [];
    for (const [i, pt] of planned.entries()) {
      const [source, target] = reads[i];
      topics.push({
        sourceName: pt.sourceName,
        targetName: pt.name,
        plannedPartitions: pt.partitions,
        sourcePartitions: s.counts.get(pt.sourceName) ?? 0,
        targetPartitions: t.counts.get(pt.name),
        source: s.parts.has(pt.sourceName) ? source : undefined,
        target: t.parts.has(pt.name) ? target : undefined,
      });
    }
    return {
      topics,
      groups: plan.groups.map((g) => ({ sourceId: g.sourceId, targetName: g.name, onTarget: targetGroups.has(g.name) })),
      sample: opts.sample,
      sampleSkipped: opts.sample === undefined ? undefined : { source: s.skipped, target: t.skipped },
      notCopied: notCopiedTopics(plan).map((x) => ({ topic: x.sourceName, reason: x.reason })),
    };
  } finally {
    await Promise.all([src.close(), tgt.close()]);
  }
}
