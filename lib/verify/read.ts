/**
 * Reads what `verify` compares from the two clusters, read-only: partition counts, offsets, the messages of the
 * compared range (group-less Fetch) and group ids. The comparison itself is in ./compare.
 */
import { MigrationPlan } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, OffsetsByTopic, RangeRequest } from '../sources/cluster-reader';
import { compareMigration, keyId, KeyPlace, messageHash, PartitionRead, TopicRead, VerifyResult, VerifyTopicInput } from './compare';

export interface VerifyOptions {
  readonly source: ClusterEndpoint;
  readonly target: ClusterEndpoint;
  readonly timeoutMs?: number;
  /** Compare only the last N messages of each partition. */
  readonly sample?: number;
}

interface SideRead {
  readonly counts: Map<string, number>;
  readonly topics: Map<string, TopicRead>;
}

async function readSide(r: ClusterReader, names: readonly string[], sample: number | undefined): Promise<SideRead & { offsets: OffsetsByTopic }> {
  const all = await r.partitionCounts();
  const present = new Map(names.filter((n) => all.has(n)).map((n) => [n, all.get(n) as number]));
  const offsets = await r.offsets(present);
  const parts = new Map<string, Map<number, { start: bigint; end: bigint; hashes: bigint[] }>>();
  const keys = new Map<string, Map<string, KeyPlace>>();
  const ranges: RangeRequest[] = [];
  for (const [topic, byP] of offsets) {
    const pm = new Map<number, { start: bigint; end: bigint; hashes: bigint[] }>();
    parts.set(topic, pm);
    keys.set(topic, new Map());
    for (const [partition, o] of byP) {
      const from = sample === undefined ? o.start : o.end - BigInt(sample) > o.start ? o.end - BigInt(sample) : o.start;
      pm.set(partition, { start: o.start, end: o.end, hashes: [] });
      ranges.push({ topic, partition, from, to: o.end });
    }
  }
  await r.readRanges(ranges, (rq, msgs) => {
    const p = parts.get(rq.topic)?.get(rq.partition);
    const km = keys.get(rq.topic) as Map<string, KeyPlace>;
    if (!p) return;
    for (const m of msgs) {
      p.hashes.push(messageHash(m.key, m.value));
      if (m.key !== null) {
        const id = keyId(m.key);
        if (!km.has(id)) km.set(id, { partition: rq.partition, offset: m.offset });
      }
    }
  });
  const topics = new Map<string, TopicRead>();
  for (const [topic, pm] of parts) {
    const partitions = new Map<number, PartitionRead>();
    for (const [p, v] of pm)
      partitions.set(p, { start: v.start, end: v.end, hashes: v.hashes, count: sample === undefined ? v.hashes.length : Number(v.end - v.start) });
    topics.set(topic, { partitions, keys: keys.get(topic) as Map<string, KeyPlace> });
  }
  return { counts: present, topics, offsets };
}

/** Reads both clusters and compares them with the plan. */
export async function verifyMigration(plan: MigrationPlan, opts: VerifyOptions): Promise<VerifyResult> {
  const [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  try {
    const [s, t, targetGroups] = await Promise.all([
      readSide(
        src,
        plan.topics.map((x) => x.sourceName),
        opts.sample,
      ),
      readSide(
        tgt,
        plan.topics.map((x) => x.name),
        opts.sample,
      ),
      tgt.groupIds(),
    ]);
    const topics: VerifyTopicInput[] = plan.topics.map((pt) => ({
      sourceName: pt.sourceName,
      targetName: pt.name,
      plannedPartitions: pt.partitions,
      sourcePartitions: s.counts.get(pt.sourceName) ?? 0,
      targetPartitions: t.counts.get(pt.name),
      source: s.topics.get(pt.sourceName),
      target: t.topics.get(pt.name),
    }));
    return compareMigration({
      topics,
      groups: plan.groups.map((g) => ({ sourceId: g.sourceId, targetName: g.name, onTarget: targetGroups.has(g.name) })),
      sample: opts.sample,
    });
  } finally {
    await Promise.all([src.close(), tgt.close()]);
  }
}
