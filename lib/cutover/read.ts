/**
 * Takes `cutover`'s samples from the two clusters, read-only (ListOffsets, ListGroups, DescribeGroups,
 * OffsetFetch, and one small Fetch per lagging partition for the age of the oldest message not yet copied).
 * The verdicts are decided in ./verdict.
 */
import { copiedTopics, MigrationPlan, notCopiedTopics, offsetSyncedGroups } from '../plan';
import { ClusterEndpoint, ClusterReader, openBoth, GroupDescription, RangeRequest } from '../sources/cluster-reader';
import { decideDrain, decideProducers, DrainResult, OffsetsSample, ProducersResult } from './flow';
import { hex64, messageHash } from '../verify/compare';
import {
  anchorKey,
  Committed,
  CutoverResult,
  decideCutover,
  GroupState,
  OffsetAnchor,
  offsetChoices,
  Offsets,
  OffsetToCommit,
  Placement,
  PlannedGroupRef,
  PlannedTopicRef,
  Sample,
  TopicOffsets,
  UnplacedPartition,
} from './verdict';

export interface CutoverOptions {
  readonly source: ClusterEndpoint;
  readonly target: ClusterEndpoint;
  readonly timeoutMs?: number;
  /** Source group ids to decide (default: every planned group). */
  readonly groups?: readonly string[];
  readonly maxLag: number;
  readonly stableSeconds: number;
  /** MirrorMaker 2's checkpoint interval in seconds (for the bound after which untranslated offsets get a way out). */
  readonly checkpointIntervalSeconds?: number;
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
  const synced = offsetSyncedGroups(plan);
  const groups: PlannedGroupRef[] = plan.groups
    .filter((g) => !wanted || wanted.has(g.sourceId))
    .map((g) => ({ sourceId: g.sourceId, targetName: g.name, ...(synced.has(g.sourceId) ? { offsetsSynced: true } : {}) }));
  const mm = plan.transfer?.mirrorMaker;
  // topics the plan does not copy have nothing to wait for: left out, and named with the reason in the result
  const topics: PlannedTopicRef[] = copiedTopics(plan).map((t) => ({ sourceName: t.sourceName, targetName: t.name, ...(t.compact ? { compact: true } : {}) }));
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
    const targetNames = groups.map((g) => g.targetName);
    const times = sampleTimes(opts.stableSeconds);
    const samples: Sample[] = [];
    for (let i = 0; i < times.length; i++) {
      // later samples are timed from the first one's clock reading, so the window measured is the window asked for
      const wait = i === 0 ? 0 : samples[0].at + times[i] - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      opts.onSample?.(i + 1, times.length);
      const at = Date.now();
      // the target groups' offsets at the start of the window (and again after it, below): whether MirrorMaker 2
      // changed them during the window
      const [sourceOffsets, targetOffsets, described, committed, targetCommittedNow] = await Promise.all([
        src.offsets(srcTopics),
        tgt.offsets(tgtTopics),
        src.describeGroups(ids),
        src.committedOffsets(ids),
        i === 0 ? tgt.committedOffsets(targetNames) : undefined,
      ]);
      const sourceGroups = new Map<string, GroupState>();
      for (const [id, d] of described) {
        const s = toState(d);
        // a group the coordinator does not know reads as Dead with no members and no protocol
        if (s && !(s.state === 'Dead' && s.members.length === 0 && !committed.get(id)?.size)) sourceGroups.set(id, s);
      }
      samples.push({
        at,
        sourceOffsets,
        targetOffsets,
        sourceGroups,
        sourceCommitted: committed as Map<string, Committed>,
        ...(targetCommittedNow ? { targetCommitted: targetCommittedNow as Map<string, Committed> } : {}),
      });
    }
    const [targetCommitted, targetDescribed] = await Promise.all([tgt.committedOffsets(targetNames), tgt.describeGroups(targetNames)]);
    const targetGroups = new Map<string, GroupState>();
    for (const [id, d] of targetDescribed) {
      const s = toState(d);
      if (s) targetGroups.set(id, s);
    }
    const last = samples[samples.length - 1];
    const [oldestUncopied, anchors] = await Promise.all([
      oldestNotCopied(
        src,
        topics.filter((t) => !t.compact),
        last.sourceOffsets,
        last.targetOffsets,
      ),
      readAnchors(src, tgt, groups, topics, last, targetCommitted),
    ]);
    const placements = await placeOffsets(src, tgt, groups, topics, last, targetCommitted, anchors);
    return decideCutover({
      topics,
      groups,
      samples,
      targetCommitted: targetCommitted as Map<string, Committed>,
      targetGroups,
      oldestUncopied,
      anchors,
      placements,
      checkpointIntervalSeconds: opts.checkpointIntervalSeconds,
      maxLag: opts.maxLag,
      stableSeconds: opts.stableSeconds,
      notCopied: notCopiedTopics(plan).map((t) => ({ topic: t.sourceName, reason: t.reason })),
      ...(mm ? { mirror: { mode: mm.mode, sourceAlias: mm.sourceAlias, targetAlias: mm.targetAlias } } : {}),
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

/** How far back from an offset the last record before it is looked for (transaction markers, compaction). */
const ANCHOR_WINDOW = 16n;

/** The range whose last record is the last record before `offset`, or undefined at the start of the log. */
function before(topic: string, partition: number, offset: bigint, o: Offsets | undefined): RangeRequest | undefined {
  if (!o || offset <= o.start || offset > o.end) return undefined;
  const from = offset - ANCHOR_WINDOW > o.start ? offset - ANCHOR_WINDOW : o.start;
  return { topic, partition, from, to: offset };
}

/** Identities of the last record of ranges read on one side, by range (see {@link identityOf}). */
type Identities = ReadonlyMap<string, string>;

/**
 * The identity (hash of key and value, and timestamp) of the last record of each requested range, read on its
 * side (one map per side: a topic may have the same name on both); a range with no record (compacted away, only
 * transaction markers) has none.
 */
async function readIdentities(
  src: ClusterReader,
  tgt: ClusterReader,
  sourceReqs: readonly RangeRequest[],
  targetReqs: readonly RangeRequest[],
): Promise<{ readonly source: Identities; readonly target: Identities }> {
  const read = async (r: ClusterReader, reqs: readonly RangeRequest[]): Promise<Identities> => {
    const seen = new Map<string, string>();
    const unique = [...new Map(reqs.map((q) => [rangeKey(q), q])).values()];
    await r.readRanges(
      unique,
      (q, msgs) => {
        const m = msgs.filter((x) => x.offset < q.to).pop();
        if (m) seen.set(rangeKey(q), `${hex64(messageHash(m.key, m.value))}@${m.timestamp}`);
        return true;
      },
      64 * 1024,
    );
    return seen;
  };
  const [source, target] = await Promise.all([read(src, sourceReqs), read(tgt, targetReqs)]);
  return { source, target };
}

const rangeKey = (r: RangeRequest): string => `${r.topic}\u0000${r.partition}\u0000${r.from}\u0000${r.to}`;
function identityOf(seen: Identities, r: RangeRequest | undefined): string | undefined {
  return r && seen.get(rangeKey(r));
}

/** The last record before each committed offset, on both sides, for every group partition with offsets on both. */
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
  for (const g of groups) {
    for (const [t, ps] of last.sourceCommitted.get(g.sourceId) ?? []) {
      const tt = rename.get(t);
      if (tt === undefined) continue;
      for (const [p, c] of ps) {
        const tc = targetCommitted.get(g.targetName)?.get(tt)?.get(p);
        if (tc === undefined) continue;
        want.set(anchorKey(g.sourceId, t, p), {
          s: before(t, p, c, last.sourceOffsets.get(t)?.get(p)),
          t: before(tt, p, tc, last.targetOffsets.get(tt)?.get(p)),
        });
      }
    }
  }
  const seen = await readIdentities(
    src,
    tgt,
    [...want.values()].flatMap((w) => (w.s ? [w.s] : [])),
    [...want.values()].flatMap((w) => (w.t ? [w.t] : [])),
  );
  const out = new Map<string, OffsetAnchor>();
  for (const [k, w] of want) out.set(k, { source: identityOf(seen.source, w.s), target: identityOf(seen.target, w.t) });
  return out;
}

/**
 * For every group partition whose target offset is missing or not shown right (renamed groups, which
 * MirrorMaker 2 never syncs; offsets it did not translate; offsets ahead or after other records): the target
 * offset to commit, tried at the same distance from the start of the log and from its end as on the source, kept
 * only where the last record before it is the same record on both sides (hash of key and value, and
 * timestamp), or where the group is at the start. Where none is kept, the choices left with their cost.
 * Read-only: a few records per side per partition.
 */
async function placeOffsets(
  src: ClusterReader,
  tgt: ClusterReader,
  groups: readonly PlannedGroupRef[],
  topics: readonly PlannedTopicRef[],
  last: Sample,
  targetCommitted: ReadonlyMap<string, Committed>,
  anchors: ReadonlyMap<string, OffsetAnchor>,
): Promise<Map<string, Placement>> {
  const rename = new Map(topics.map((t) => [t.sourceName, t.targetName]));
  interface Want {
    readonly group: string;
    readonly topic: string;
    readonly partition: number;
    readonly committed: bigint;
    readonly source: Offsets;
    readonly target: Offsets;
    readonly translated?: bigint;
    /** Offset placed without a check (the group is at the start of both logs). */
    readonly atStart?: bigint;
    readonly s?: RangeRequest;
    readonly candidates: readonly { offset: bigint; t?: RangeRequest }[];
  }
  const wants: Want[] = [];
  const unplaced = new Map<string, UnplacedPartition[]>();
  const notPlaced = (group: string, u: UnplacedPartition): void => {
    unplaced.set(group, [...(unplaced.get(group) ?? []), u]);
  };
  for (const g of groups) {
    for (const [t, ps] of [...(last.sourceCommitted.get(g.sourceId) ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const tt = rename.get(t);
      if (tt === undefined) continue;
      for (const [p, c] of [...ps].sort((a, b) => a[0] - b[0])) {
        const tc = targetCommitted.get(g.targetName)?.get(tt)?.get(p);
        const so = last.sourceOffsets.get(t)?.get(p);
        const to = last.targetOffsets.get(tt)?.get(p);
        if (tc !== undefined) {
          // already shown right: nothing to place
          if (so && to && c <= so.start && tc <= to.start) continue;
          const a = anchors.get(anchorKey(g.sourceId, t, p));
          if (a?.source !== undefined && a.source === a.target) continue;
        }
        if (!so || !to) {
          notPlaced(g.sourceId, { topic: tt, partition: p, reason: `the partition is not on the ${so ? 'target' : 'source'}`, choices: [] });
          continue;
        }
        const at = c < so.start ? so.start : c > so.end ? so.end : c;
        const base = { group: g.sourceId, topic: tt, partition: p, committed: c, source: so, target: to, translated: tc };
        if (at === so.start) {
          wants.push({ ...base, atStart: to.start, candidates: [] });
          continue;
        }
        const offsets = [...new Set([to.start + (at - so.start), to.end - (so.end - at)])].filter((o) => o > to.start && o <= to.end);
        wants.push({
          ...base,
          s: before(t, p, at, so),
          candidates: offsets.map((o) => ({ offset: o, t: before(tt, p, o, to) })),
        });
      }
    }
  }
  const seen = await readIdentities(
    src,
    tgt,
    wants.flatMap((w) => (w.s ? [w.s] : [])),
    wants.flatMap((w) => w.candidates.flatMap((x) => (x.t ? [x.t] : []))),
  );
  const out = new Map<string, Placement>();
  const placed = new Map<string, OffsetToCommit[]>();
  for (const w of wants) {
    const sid = identityOf(seen.source, w.s);
    const hit = w.atStart ?? (sid === undefined ? undefined : w.candidates.find((x) => identityOf(seen.target, x.t) === sid)?.offset);
    if (hit !== undefined) {
      placed.set(w.group, [...(placed.get(w.group) ?? []), { topic: w.topic, partition: w.partition, offset: hit.toString() }]);
      continue;
    }
    const copyBehind = w.target.end - w.target.start < w.source.end - w.source.start;
    const reason =
      sid === undefined
        ? 'the record before the committed offset could not be read on the source'
        : w.candidates.length === 0
          ? 'the copy has not reached the committed offset'
          : `the record before the committed offset is not at the same place on the target${copyBehind ? ' (the copy is behind)' : ''}`;
    notPlaced(w.group, { topic: w.topic, partition: w.partition, reason, choices: offsetChoices(w.committed, w.source, w.target, w.translated) });
  }
  for (const id of new Set([...placed.keys(), ...unplaced.keys()])) out.set(id, { offsets: placed.get(id) ?? [], unplaced: unplaced.get(id) ?? [] });
  return out;
}

export interface FlowOptions {
  readonly source: ClusterEndpoint;
  /** Needed for the producer check (the target's end offsets). */
  readonly target?: ClusterEndpoint;
  readonly timeoutMs?: number;
  readonly stableSeconds: number;
  /** Who writes each planned topic: both clusters' end offsets over the window. */
  readonly producers: boolean;
  /** How far each planned group has drained the source: the source alone. */
  readonly drain: boolean;
  /** Source group ids for the drain check (default: every planned group). */
  readonly groups?: readonly string[];
  readonly onSample?: (index: number, total: number) => void;
}

export interface FlowResult {
  readonly producers?: ProducersResult;
  readonly drain?: DrainResult;
}

/** Waits until `ms` after `start` (the window is timed from the first sample's clock reading). */
async function until(start: number, ms: number): Promise<void> {
  const wait = start + ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * The producer and drain checks over one window, read-only: end offsets of every planned topic (ListOffsets) on
 * the source, and on the target for the producer check; the planned groups' state and committed offsets
 * (DescribeGroups, OffsetFetch) on the source for the drain check. The target is never opened for the drain check alone.
 */
export async function readFlow(plan: MigrationPlan, opts: FlowOptions): Promise<FlowResult> {
  if (opts.producers && !opts.target) throw new Error('the producer check needs the target cluster');
  const copied = new Set(copiedTopics(plan).map((t) => t.sourceName));
  const topics = [...plan.topics].sort((a, b) => (a.sourceName < b.sourceName ? -1 : a.sourceName > b.sourceName ? 1 : 0));
  const wanted = opts.groups ? new Set(opts.groups) : undefined;
  const groups = plan.groups.filter((g) => !wanted || wanted.has(g.sourceId)).map((g) => ({ sourceId: g.sourceId, targetName: g.name }));
  const ids = opts.drain ? groups.map((g) => g.sourceId) : [];
  let src: ClusterReader;
  let tgt: ClusterReader | undefined;
  if (opts.producers && opts.target) [src, tgt] = await openBoth(opts.source, opts.target, opts.timeoutMs);
  else src = await ClusterReader.open(opts.source, opts.timeoutMs);
  try {
    const [srcTopics, tgtTopics] = await Promise.all([
      present(
        src,
        topics.map((t) => t.sourceName),
      ),
      tgt
        ? present(
            tgt,
            topics.map((t) => t.name),
          )
        : new Map<string, number>(),
    ]);
    const times = sampleTimes(opts.stableSeconds);
    const samples: Sample[] = [];
    for (let i = 0; i < times.length; i++) {
      if (i > 0) await until(samples[0].at, times[i]);
      opts.onSample?.(i + 1, times.length);
      const at = Date.now();
      const [sourceOffsets, targetOffsets, described, committed] = await Promise.all([
        src.offsets(srcTopics),
        tgt ? tgt.offsets(tgtTopics) : new Map(),
        ids.length ? src.describeGroups(ids) : new Map<string, GroupDescription>(),
        ids.length ? src.committedOffsets(ids) : new Map<string, Committed>(),
      ]);
      const sourceGroups = new Map<string, GroupState>();
      for (const [id, d] of described) {
        const st = toState(d);
        if (st) sourceGroups.set(id, st);
      }
      samples.push({ at, sourceOffsets, targetOffsets, sourceGroups, sourceCommitted: committed as Map<string, Committed> });
    }
    const windowed: OffsetsSample[] = samples;
    return {
      ...(opts.producers
        ? {
            producers: decideProducers(
              topics.map((t) => ({ sourceName: t.sourceName, targetName: t.name, copied: copied.has(t.sourceName) })),
              windowed,
              opts.stableSeconds,
            ),
          }
        : {}),
      ...(opts.drain
        ? {
            drain: decideDrain(
              groups,
              topics.map((t) => t.sourceName),
              samples,
              opts.stableSeconds,
            ),
          }
        : {}),
    };
  } finally {
    await Promise.all([src.close(), tgt?.close()]);
  }
}
