/**
 * Takes `cutover`'s samples from the two clusters, read-only (ListOffsets, ListGroups, DescribeGroups,
 * OffsetFetch, and one small Fetch per lagging partition for the age of the oldest message not yet copied).
 * The verdicts are decided in ./verdict.
 */
import { MigrationPlan } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, GroupDescription, RangeRequest, ReadMessage } from '../sources/cluster-reader';
import { hex64, messageHash } from '../verify/compare';
import {
  anchorKey,
  Committed,
  CutoverResult,
  decideCutover,
  GroupState,
  OffsetAnchor,
  PlannedGroupRef,
  PlannedTopicRef,
  RenamedPlacement,
  OffsetToCommit,
  Sample,
  TopicOffsets,
} from './verdict';

export interface CutoverOptions {
  readonly source: ClusterEndpoint;
  readonly target: ClusterEndpoint;
  readonly timeoutMs?: number;
  /** Source group ids to decide (default: every planned group). */
  readonly groups?: readonly string[];
  readonly maxLag: number;
  readonly stableSeconds: number;
  /** Called before each sample (progress). */
  readonly onSample?: (index: number, total: number) => void;
}

/** How many samples the window takes: one without a window, else one at the start and up to five more. */
export function sampleTimes(stableSeconds: number): number[] {
  if (stableSeconds <= 0) return [0];
  const n = Math.min(5, stableSeconds);
  return Array.from({ length: n + 1 }, (_, i) => Math.round((i * stableSeconds * 1000) / n));
}

function toState(d: GroupDescription | undefined): GroupState | undefined {
  return d && { state: d.state, protocolType: d.protocolType, members: d.members, subscribed: d.subscribed };
}

async function present(r: ClusterReader, names: readonly string[]): Promise<Map<string, number>> {
  const all = await r.partitionCounts();
  return new Map(names.filter((n) => all.has(n)).map((n) => [n, all.get(n) as number]));
}

export async function readCutover(plan: MigrationPlan, opts: CutoverOptions): Promise<CutoverResult> {
  const wanted = opts.groups ? new Set(opts.groups) : undefined;
  const groups: PlannedGroupRef[] = plan.groups.filter((g) => !wanted || wanted.has(g.sourceId)).map((g) => ({ sourceId: g.sourceId, targetName: g.name }));
  const topics: PlannedTopicRef[] = plan.topics.map((t) => ({ sourceName: t.sourceName, targetName: t.name }));
  const [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  try {
    const [srcTopics, tgtTopics] = await Promise.all([
      present(
        src,
        topics.map((t) => t.sourceName),
      ),
      present(
        tgt,
        topics.map((t) => t.targetName),
      ),
    ]);
    const ids = groups.map((g) => g.sourceId);
    const times = sampleTimes(opts.stableSeconds);
    const t0 = Date.now();
    const samples: Sample[] = [];
    for (let i = 0; i < times.length; i++) {
      const wait = t0 + times[i] - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      opts.onSample?.(i + 1, times.length);
      const at = Date.now();
      const [sourceOffsets, targetOffsets, described, committed] = await Promise.all([
        src.offsets(srcTopics),
        tgt.offsets(tgtTopics),
        src.describeGroups(ids),
        src.committedOffsets(ids),
      ]);
      const sourceGroups = new Map<string, GroupState>();
      for (const [id, d] of described) {
        const s = toState(d);
        // a group the coordinator does not know reads as Dead with no members and no protocol
        if (s && !(s.state === 'Dead' && s.members.length === 0 && !committed.get(id)?.size)) sourceGroups.set(id, s);
      }
      samples.push({ at, sourceOffsets, targetOffsets, sourceGroups, sourceCommitted: committed as Map<string, Committed> });
    }
    const targetNames = groups.map((g) => g.targetName);
    const [targetCommitted, targetDescribed] = await Promise.all([tgt.committedOffsets(targetNames), tgt.describeGroups(targetNames)]);
    const targetGroups = new Map<string, GroupState>();
    for (const [id, d] of targetDescribed) {
      const s = toState(d);
      if (s) targetGroups.set(id, s);
    }
    const last = samples[samples.length - 1];
    const [oldestUncopied, anchors, renamedPlacements] = await Promise.all([
      oldestNotCopied(src, topics, last.sourceOffsets, last.targetOffsets),
      readAnchors(src, tgt, groups, topics, last, targetCommitted),
      placeRenamed(src, tgt, groups, topics, last, targetCommitted),
    ]);
    return decideCutover({
      topics,
      groups,
      samples,
      targetCommitted: targetCommitted as Map<string, Committed>,
      targetGroups,
      oldestUncopied,
      anchors,
      renamedPlacements,
      maxLag: opts.maxLag,
      stableSeconds: opts.stableSeconds,
    });
  } finally {
    await Promise.all([src.close(), tgt.close()]);
  }
}

/** Timestamp of the first source message the target does not have yet, per lagging partition (one message read each). */
async function oldestNotCopied(src: ClusterReader, topics: readonly PlannedTopicRef[], s: TopicOffsets, t: TopicOffsets): Promise<Map<string, number>> {
  const ranges: RangeRequest[] = [];
  for (const pt of topics) {
    for (const [p, o] of s.get(pt.sourceName) ?? []) {
      const to = t.get(pt.targetName)?.get(p);
      const copied = to ? to.end - to.start : 0n;
      const from = o.start + copied;
      if (from < o.end) ranges.push({ topic: pt.sourceName, partition: p, from, to: o.end });
    }
  }
  const out = new Map<string, number>();
  await src.readRanges(
    ranges,
    (r, msgs) => {
      out.set(`${r.topic}\u0000${r.partition}`, msgs[0].timestamp);
      return false;
    },
    64 * 1024,
  );
  return out;
}

/** The identity (hash of key and value, and timestamp) of the one message each request names, read on its side. */
async function readIdentities(
  src: ClusterReader,
  tgt: ClusterReader,
  sourceReqs: readonly RangeRequest[],
  targetReqs: readonly RangeRequest[],
): Promise<Map<RangeRequest, string>> {
  const seen = new Map<RangeRequest, string>();
  const collect = (r: RangeRequest, msgs: ReadMessage[]): boolean => {
    const m = msgs.find((x) => x.offset === r.from);
    if (m) seen.set(r, `${hex64(messageHash(m.key, m.value))}@${m.timestamp}`);
    return false;
  };
  await Promise.all([src.readRanges(sourceReqs, collect, 64 * 1024), tgt.readRanges(targetReqs, collect, 64 * 1024)]);
  return seen;
}

/** The message before each committed offset, on both sides, for every group partition with offsets on both. */
async function readAnchors(
  src: ClusterReader,
  tgt: ClusterReader,
  groups: readonly PlannedGroupRef[],
  topics: readonly PlannedTopicRef[],
  last: Sample,
  targetCommitted: ReadonlyMap<string, Committed>,
): Promise<Map<string, OffsetAnchor>> {
  const rename = new Map(topics.map((t) => [t.sourceName, t.targetName]));
  const want = new Map<string, { s?: RangeRequest; t?: RangeRequest }>();
  const sourceReqs = new Map<string, RangeRequest>();
  const targetReqs = new Map<string, RangeRequest>();
  const req = (m: Map<string, RangeRequest>, topic: string, partition: number, offset: bigint): RangeRequest => {
    const k = `${topic}\u0000${partition}\u0000${offset}`;
    let r = m.get(k);
    if (!r) m.set(k, (r = { topic, partition, from: offset, to: offset + 1n }));
    return r;
  };
  for (const g of groups) {
    for (const [t, ps] of last.sourceCommitted.get(g.sourceId) ?? []) {
      const tt = rename.get(t);
      if (tt === undefined) continue;
      for (const [p, c] of ps) {
        const tc = targetCommitted.get(g.targetName)?.get(tt)?.get(p);
        if (tc === undefined) continue;
        const so = last.sourceOffsets.get(t)?.get(p);
        const to = last.targetOffsets.get(tt)?.get(p);
        want.set(anchorKey(g.sourceId, t, p), {
          s: so && c > so.start && c <= so.end ? req(sourceReqs, t, p, c - 1n) : undefined,
          t: to && tc > to.start && tc <= to.end ? req(targetReqs, tt, p, tc - 1n) : undefined,
        });
      }
    }
  }
  const seen = await readIdentities(src, tgt, [...sourceReqs.values()], [...targetReqs.values()]);
  const out = new Map<string, OffsetAnchor>();
  for (const [k, w] of want) out.set(k, { source: w.s && seen.get(w.s), target: w.t && seen.get(w.t) });
  return out;
}

/**
 * For renamed groups (MirrorMaker 2 syncs offsets only under the source group's name) with no offset on the
 * target: the target offset of each source committed offset, at the same distance from the start of the copy,
 * kept only where the message before it is the same message on both sides (hash of key and value, and
 * timestamp), or where the group is at the start. Read-only: one message per side per partition.
 */
async function placeRenamed(
  src: ClusterReader,
  tgt: ClusterReader,
  groups: readonly PlannedGroupRef[],
  topics: readonly PlannedTopicRef[],
  last: Sample,
  targetCommitted: ReadonlyMap<string, Committed>,
): Promise<Map<string, RenamedPlacement>> {
  const rename = new Map(topics.map((t) => [t.sourceName, t.targetName]));
  interface Want {
    readonly group: string;
    readonly topic: string;
    readonly partition: number;
    readonly offset: bigint;
    readonly s?: RangeRequest;
    readonly t?: RangeRequest;
  }
  const wants: Want[] = [];
  const unplaced = new Map<string, { topic: string; partition: number }[]>();
  const notPlaced = (group: string, topic: string, partition: number): void => {
    unplaced.set(group, [...(unplaced.get(group) ?? []), { topic, partition }]);
  };
  for (const g of groups) {
    if (g.targetName === g.sourceId) continue;
    for (const [t, ps] of [...(last.sourceCommitted.get(g.sourceId) ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const tt = rename.get(t);
      if (tt === undefined) continue;
      for (const [p, c] of [...ps].sort((a, b) => a[0] - b[0])) {
        if (targetCommitted.get(g.targetName)?.get(tt)?.get(p) !== undefined) continue;
        const so = last.sourceOffsets.get(t)?.get(p);
        const to = last.targetOffsets.get(tt)?.get(p);
        if (!so || !to) {
          notPlaced(g.sourceId, tt, p);
          continue;
        }
        const at = c < so.start ? so.start : c > so.end ? so.end : c;
        const est = to.start + (at - so.start);
        if (at === so.start) wants.push({ group: g.sourceId, topic: tt, partition: p, offset: to.start });
        else if (est > to.end) notPlaced(g.sourceId, tt, p);
        else
          wants.push({
            group: g.sourceId,
            topic: tt,
            partition: p,
            offset: est,
            s: { topic: t, partition: p, from: at - 1n, to: at },
            t: { topic: tt, partition: p, from: est - 1n, to: est },
          });
      }
    }
  }
  const seen = await readIdentities(
    src,
    tgt,
    wants.flatMap((w) => (w.s ? [w.s] : [])),
    wants.flatMap((w) => (w.t ? [w.t] : [])),
  );
  const out = new Map<string, RenamedPlacement>();
  const placed = new Map<string, OffsetToCommit[]>();
  for (const w of wants) {
    const same = !w.s || (w.t !== undefined && seen.get(w.s) !== undefined && seen.get(w.s) === seen.get(w.t));
    if (same) placed.set(w.group, [...(placed.get(w.group) ?? []), { topic: w.topic, partition: w.partition, offset: w.offset.toString() }]);
    else notPlaced(w.group, w.topic, w.partition);
  }
  for (const id of new Set([...placed.keys(), ...unplaced.keys()])) out.set(id, { offsets: placed.get(id) ?? [], unplaced: unplaced.get(id) ?? [] });
  return out;
}
