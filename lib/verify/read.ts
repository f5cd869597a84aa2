/**
 * Reads what `verify` compares from the two clusters, read-only: partition counts, offsets, the messages of the
 * compared range (group-less Fetch) and group ids. The comparison itself is in ./compare.
 *
 * Fetch sizes start at the largest message the plan allows (lib/plan message-limit) and grow when a batch does
 * not fit (ClusterReader.readRanges); what stays unread is handed to the comparison as a difference. Compacted
 * topics keep the latest record per key in memory (a map of key ids), so memory grows with their keys only.
 */
import { copiedTopics, largestMessageLimit, MigrationPlan, notCopiedTopics } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, OffsetsByTopic, RangeRequest } from '../sources/cluster-reader';
import {
  compareMigration,
  keyId,
  KeyPlace,
  LatestRecord,
  messageHash,
  PartitionRead,
  TopicRead,
  UnreadPart,
  VerifyInput,
  VerifyResult,
  VerifyTopicInput,
} from './compare';

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
}

/** Topic name → partition → the end offset to read up to. */
export type ReadShare = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

/** Room beyond the largest message for the batch and record headers. */
const FETCH_MARGIN = 64 * 1024;

interface SideRead {
  readonly counts: Map<string, number>;
  readonly topics: Map<string, TopicRead>;
  /** Record offsets before the sample, not read. */
  readonly skipped: bigint;
}

async function readSide(
  r: ClusterReader,
  names: readonly string[],
  compacted: ReadonlySet<string>,
  sample: number | undefined,
  maxBytes: number,
  share: ReadShare | undefined,
): Promise<SideRead & { offsets: OffsetsByTopic }> {
  const all = await r.partitionCounts();
  const present = new Map(names.filter((n) => all.has(n)).map((n) => [n, all.get(n) as number]));
  const offsets = await r.offsets(present);
  const parts = new Map<string, Map<number, { start: bigint; end: bigint; hashes: bigint[] }>>();
  const keys = new Map<string, Map<string, KeyPlace>>();
  const latest = new Map<string, Map<string, LatestRecord>>();
  const keyless = new Map<string, bigint[]>();
  const unread = new Map<string, UnreadPart[]>();
  const ranges: RangeRequest[] = [];
  let skipped = 0n;
  for (const [topic, byP] of offsets) {
    const pm = new Map<number, { start: bigint; end: bigint; hashes: bigint[] }>();
    parts.set(topic, pm);
    keys.set(topic, new Map());
    unread.set(topic, []);
    if (compacted.has(topic)) {
      latest.set(topic, new Map());
      keyless.set(topic, []);
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
      pm.set(partition, { start: o.start, end: o.end, hashes: [] });
      ranges.push({ topic, partition, from, to: o.end });
    }
  }
  await r.readRanges(
    ranges,
    (rq, msgs) => {
      const p = parts.get(rq.topic)?.get(rq.partition);
      if (!p) return;
      const lm = latest.get(rq.topic);
      if (lm) {
        // compacted: the latest record per key wins (records arrive in offset order per partition)
        for (const m of msgs) {
          if (m.key === null) {
            (keyless.get(rq.topic) as bigint[]).push(messageHash(null, m.value, m.headers));
            continue;
          }
          const id = `${rq.partition}/${keyId(m.key)}`;
          if (m.value === null) lm.delete(id);
          else lm.set(id, { partition: rq.partition, offset: m.offset, hash: messageHash(m.key, m.value, m.headers) });
        }
        return;
      }
      const km = keys.get(rq.topic) as Map<string, KeyPlace>;
      for (const m of msgs) {
        p.hashes.push(messageHash(m.key, m.value, m.headers));
        if (m.key !== null) {
          const id = keyId(m.key);
          if (!km.has(id)) km.set(id, { partition: rq.partition, offset: m.offset });
        }
      }
    },
    maxBytes,
    (rq, u) => unread.get(rq.topic)?.push({ partition: rq.partition, from: u.from, to: u.to, reason: u.reason }),
  );
  const topics = new Map<string, TopicRead>();
  for (const [topic, pm] of parts) {
    const partitions = new Map<number, PartitionRead>();
    for (const [p, v] of pm)
      partitions.set(p, { start: v.start, end: v.end, hashes: v.hashes, count: sample === undefined ? v.hashes.length : Number(v.end - v.start) });
    topics.set(topic, {
      partitions,
      keys: keys.get(topic) as Map<string, KeyPlace>,
      latest: latest.get(topic),
      keyless: keyless.get(topic),
      unread: unread.get(topic),
    });
  }
  return { counts: present, topics, offsets, skipped };
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
      ),
      readSide(
        tgt,
        planned.map((x) => x.name),
        new Set(planned.filter((x) => x.compact).map((x) => x.name)),
        opts.sample,
        maxBytes,
        share?.target,
      ),
      tgt.groupIds(),
    ]);
    const topics: VerifyTopicInput[] = planned.map((pt) => ({
      sourceName: pt.sourceName,
      targetName: pt.name,
      plannedPartitions: pt.partitions,
      sourcePartitions: s.counts.get(pt.sourceName) ?? 0,
      targetPartitions: t.counts.get(pt.name),
      source: s.topics.get(pt.sourceName),
      target: t.topics.get(pt.name),
    }));
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
