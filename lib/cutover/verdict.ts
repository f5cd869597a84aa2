/**
 * `cutover`'s decisions, pure: samples of the two clusters' state go in, a verdict per group and the copy's
 * progress per topic come out. Nothing here reads a cluster; ./read takes the samples.
 *
 * Verdicts, in this order:
 * - `draining`: the source group still has lag above --max-lag on some partition during the window
 *   (with members, or with committed offsets moving: consumers are working through it);
 * - `consumers-still-running`: the lag is within --max-lag but consumers are still connected to the source
 *   group (members), or its committed offsets moved during the window with no members (consumers using
 *   `assign()` do not show as members);
 * - `draining` also when nobody consumes but the lag is above --max-lag (the backlog does not shrink);
 * - `target-behind`: on some partition the target group's offset is missing, or is not shown to point at the
 *   record after the source group's last one: the last record before each committed offset is read on both
 *   sides and compared by key, value and timestamp (MirrorMaker 2 keeps all three); where it differs or cannot
 *   be read, the partition is not ready whatever --max-lag says (--max-lag is the source group's remaining lag
 *   only). The distance (re-read or skipped records) is estimated from the messages left on each side.
 *   The way out: renamed groups, offsets ahead of the source's (MirrorMaker 2 moves a target group's offsets
 *   only forward) and partitions MirrorMaker 2 left untranslated for {@link UNTRANSLATED_AFTER_INTERVALS}
 *   checkpoint intervals get offsets to commit, each shown safe by the same record check, or, where none is,
 *   the choices with the records each re-reads or skips;
 * - `switched`: nobody consumes on the source (no members, committed offsets still) and the target group has
 *   members: the consumers run on the target. The next step names the MirrorMaker 2 setting that stops syncing the
 *   group's offsets (its checkpoint connector's group filter), so MirrorMaker cannot overwrite the new commits;
 * - `ready-to-switch`: none of the above, on every sample of the --stable-seconds window.
 *
 * When the consumer type is unknown (neither subscribe() nor assign() can be told from the group), the advice is
 * the cautious one of Alibaba's migration guide: stop on the source first, then start on the target.
 *
 * Replication lag per partition is the difference of the message counts (end − log start offset) of the two
 * sides: MirrorMaker 2 copies a partition from the source's earliest message into an empty target topic.
 * Retention deleting messages on one side during the copy skews it. Compacted topics get no lag (each side
 * compacts at its own time, so offsets and counts never line up): their progress says to compare with verify.
 */
import { AlikafkaMigrateError } from '../errors';

import { groupFilterExcludeKey, MirrorMode } from '../kafka/mirrormaker';
import { alignColumns } from '../util/columns';

/** Checkpoint intervals without a translation after which cutover gives the offsets to commit itself. */
export const UNTRANSLATED_AFTER_INTERVALS = 3;
/** MirrorMaker 2's checkpoint and group offset sync interval when none is given (the `mirror` command's default). */
export const DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 30;

export type Verdict = 'ready-to-switch' | 'draining' | 'consumers-still-running' | 'target-behind' | 'switched';
/** Every verdict, in the order the summary counts them. */
export const VERDICTS: readonly Verdict[] = ['ready-to-switch', 'draining', 'consumers-still-running', 'target-behind', 'switched'];
/** How the group's consumers get their partitions: `subscribe()` (group management) or `assign()`. */
export type ConsumerMode = 'subscribe' | 'assign' | 'unknown';

export interface Offsets {
  readonly start: bigint;
  readonly end: bigint;
}
export type TopicOffsets = ReadonlyMap<string, ReadonlyMap<number, Offsets>>;
/** topic → partition → committed offset. */
export type Committed = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

export interface Member {
  readonly clientId: string;
  readonly clientHost: string;
}

export interface GroupState {
  readonly state: string;
  readonly protocolType: string;
  readonly members: readonly Member[];
  readonly subscribed: readonly string[];
}

/** One look at the source (and the target's end offsets) at time `at`. */
export interface Sample {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly sourceOffsets: TopicOffsets;
  readonly targetOffsets: TopicOffsets;
  /** Source group id → state; absent when the group is not on the source. */
  readonly sourceGroups: ReadonlyMap<string, GroupState>;
  readonly sourceCommitted: ReadonlyMap<string, Committed>;
  /** Target group name → committed offsets (target topic names) at this sample; read at the first sample only. */
  readonly targetCommitted?: ReadonlyMap<string, Committed>;
}

export interface PlannedTopicRef {
  readonly sourceName: string;
  readonly targetName: string;
  /** cleanup.policy includes compact: offsets and counts of the two sides do not line up. */
  readonly compact?: boolean;
}

export interface PlannedGroupRef {
  readonly sourceId: string;
  readonly targetName: string;
  /** The plan has MirrorMaker 2 sync this group's offsets (transfer: `synced`). @default false */
  readonly offsetsSynced?: boolean;
}

/** How MirrorMaker 2 runs, to name its settings in next steps (the plan's transfer.mirrorMaker). */
export interface MirrorRef {
  readonly mode: MirrorMode;
  readonly sourceAlias: string;
  readonly targetAlias: string;
}

export interface OffsetAnchor {
  readonly source?: string;
  readonly target?: string;
}

/** An offset to commit for a group on the target (target topic name), checked against the copy. */
export interface OffsetToCommit {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** One offset a partition could be reset to without a safe one, and what it costs the group, in records. */
export interface OffsetChoice {
  /** `earliest`, `latest`, or `translated` (the offset the target group has now). */
  readonly name: 'earliest' | 'latest' | 'translated';
  readonly offset: string;
  /** Records the group already read on the source that it would read again. */
  readonly reread: number;
  /** Records the group has not read that it would never read. */
  readonly skipped: number;
}

/** A partition where no offset could be shown safe, with the reason and the choices left. */
export interface UnplacedPartition {
  readonly topic: string;
  readonly partition: number;
  readonly reason: string;
  readonly choices: readonly OffsetChoice[];
}

/**
 * Where a group's source offsets fall on the target, for the partitions whose target offset is missing or not
 * shown right. `offsets`: each placed where the last record before it is the same record on both sides (or at
 * the start of both); `unplaced`: partitions where that could not be shown (copy behind, compaction, other
 * records), with what each remaining choice costs.
 */
export interface Placement {
  readonly offsets: readonly OffsetToCommit[];
  readonly unplaced: readonly UnplacedPartition[];
}

export interface CutoverInput {
  readonly topics: readonly PlannedTopicRef[];
  readonly groups: readonly PlannedGroupRef[];
  /** In time order; at least one. */
  readonly samples: readonly Sample[];
  /** Target group name → committed offsets (target topic names), read after the last sample. */
  readonly targetCommitted: ReadonlyMap<string, Committed>;
  readonly targetGroups: ReadonlyMap<string, GroupState>;
  /**
   * Per group and source partition with offsets on both sides: the identity (hash of key, value and timestamp)
   * of the last record before the committed offset on each side, when it could be read. Equal identities mean
   * the target's offset points at the same place; see {@link anchorKey}.
   */
  readonly anchors: ReadonlyMap<string, OffsetAnchor>;
  /** `topic\0partition` (source names) → timestamp (ms) of the oldest source message not yet on the target. */
  readonly oldestUncopied: ReadonlyMap<string, number>;
  /** Source group id → placement of its offsets on the partitions whose target offset is missing or not shown right. */
  readonly placements?: ReadonlyMap<string, Placement>;
  /** MirrorMaker 2's emit.checkpoints.interval.seconds; default {@link DEFAULT_CHECKPOINT_INTERVAL_SECONDS}. */
  readonly checkpointIntervalSeconds?: number;
  /** Remaining lag (records) allowed per partition of the source group; never waives a target offset check. */
  readonly maxLag: number;
  readonly stableSeconds: number;
  /** Planned topics the plan does not copy, with the reason: named in the result, never waited for. @default none */
  readonly notCopied?: ReadonlyArray<{ readonly topic: string; readonly reason: string }>;
  /** MirrorMaker 2 as planned; absent for a plan without it. */
  readonly mirror?: MirrorRef;
}

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly committed?: string;
  readonly end: string;
  readonly lag: number;
}

/**
 * Why a partition's target offset is not ready: `missing` (no offset on the target), `behind` / `ahead` (the
 * record before it differs, and fewer / more records are left after it than on the source), `other-record`
 * (same count left, another record before it), `unverified` (the record before it could not be read on a side).
 */
export type TargetIssueKind = 'missing' | 'behind' | 'ahead' | 'other-record' | 'unverified';

export interface TargetOffsetIssue {
  readonly topic: string;
  readonly partition: number;
  readonly kind: TargetIssueKind;
  readonly source: string;
  /** Absent when the target has no committed offset there. */
  readonly target?: string;
  /** Messages the target position is behind the source's (negative: ahead, consumers on the target would skip). */
  readonly behind?: number;
}

export interface GroupVerdict {
  readonly group: string;
  readonly targetGroup: string;
  readonly verdict: Verdict;
  readonly mode: ConsumerMode;
  readonly state: string;
  readonly members: number;
  readonly clientHosts: readonly string[];
  readonly targetMembers: number;
  /** Total lag on the source, first and last sample. */
  readonly lag: number;
  readonly lagFirst: number;
  readonly maxPartitionLag: number;
  /** Change of the total lag per second over the window (negative: draining); undefined with one sample. */
  readonly lagTrendPerSecond?: number;
  readonly committedMoved: boolean;
  readonly partitions: readonly PartitionLag[];
  readonly targetIssues: readonly TargetOffsetIssue[];
  /** What to commit on the target for the partitions that need it (kafka-consumer-groups --from-file lines). */
  readonly commitOffsets?: readonly OffsetToCommit[];
  /** Partitions with no offset shown safe: the choices left and their cost. */
  readonly unplaced?: readonly UnplacedPartition[];
  readonly reason: string;
  readonly nextStep: string;
}

export interface TopicProgress {
  readonly topic: string;
  readonly targetTopic: string;
  readonly sourceEnd: string;
  readonly targetEnd: string;
  readonly sourceMessages: string;
  readonly targetMessages: string;
  readonly onTarget: boolean;
  /** A compacted topic: counts and offsets of the two sides do not line up, so no lag is given (verify compares). */
  readonly compacted?: boolean;
  /** Messages on the source not yet on the target; absent for compacted topics. */
  readonly lagMessages?: number;
  /** Age of the oldest message not yet copied, in seconds; 0 when caught up; absent when unknown or compacted. */
  readonly lagSeconds?: number;
  /** Messages per second in over the window, on each side. */
  readonly sourceRate?: number;
  readonly copyRate?: number;
  /** Seconds until the copy catches up at the measured rates; 0 when caught up; undefined when unknown. */
  readonly catchUpSeconds?: number;
  readonly catchUp: string;
}

export interface CutoverResult {
  readonly maxLag: number;
  readonly stableSeconds: number;
  readonly samples: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly groups: readonly GroupVerdict[];
  readonly topics: readonly TopicProgress[];
  /** Planned topics the plan does not copy (its transfer section), with the reason: not waited for. */
  readonly notCopied: ReadonlyArray<{ readonly topic: string; readonly reason: string }>;
}

const key = (t: string, p: number): string => `${t}\u0000${p}`;
const toNum = (x: bigint): number => Number(x);
const pos = (x: bigint): bigint => (x > 0n ? x : 0n);
const round2 = (x: number): number => Math.round(x * 100) / 100;

export function consumerMode(g: GroupState | undefined): ConsumerMode {
  if (!g) return 'unknown';
  if (g.protocolType === 'consumer') return 'subscribe';
  if (g.protocolType === '' && g.members.length === 0) return 'assign';
  return 'unknown';
}

export function duration(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${round2(s / 3600)} h`;
  return `${round2(s / 86400)} d`;
}

/** Source partitions a group reads: committed ones plus every partition of subscribed planned topics. */
function groupPartitions(sample: Sample, groupId: string, planned: ReadonlyMap<string, string>): Array<[string, number]> {
  const out = new Map<string, [string, number]>();
  const committed = sample.sourceCommitted.get(groupId);
  for (const [t, ps] of committed ?? []) {
    if (!planned.has(t)) continue;
    for (const p of ps.keys()) out.set(key(t, p), [t, p]);
  }
  for (const t of sample.sourceGroups.get(groupId)?.subscribed ?? []) {
    if (!planned.has(t)) continue;
    for (const p of sample.sourceOffsets.get(t)?.keys() ?? []) out.set(key(t, p), [t, p]);
  }
  return [...out.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

/** A group's lag per source partition at one sample, over the planned topics (`planned`: source name → target name). */
export function groupLags(sample: Sample, groupId: string, planned: ReadonlyMap<string, string>): PartitionLag[] {
  const committed = sample.sourceCommitted.get(groupId);
  return groupPartitions(sample, groupId, planned).map(([t, p]) => {
    const o = sample.sourceOffsets.get(t)?.get(p);
    const c = committed?.get(t)?.get(p);
    const end = o?.end ?? 0n;
    const from = c ?? o?.start ?? 0n;
    return { topic: t, partition: p, committed: c?.toString(), end: end.toString(), lag: toNum(pos(end - from)) };
  });
}

function committedEqual(a: Committed | undefined, b: Committed | undefined, planned: ReadonlyMap<string, string>): boolean {
  const flat = (c: Committed | undefined): string =>
    [...(c ?? new Map())]
      .filter(([t]) => planned.has(t))
      .flatMap(([t, ps]) => [...ps].map(([p, o]) => `${t}:${p}=${o}`))
      .sort()
      .join(',');
  return flat(a) === flat(b);
}

/** `group\0topic\0partition` (source names) of an offset anchor. */
export function anchorKey(group: string, topic: string, partition: number): string {
  return `${group}\u0000${topic}\u0000${partition}`;
}

/**
 * A partition's target offset is ready only when it is shown to point at the record after the source group's
 * last one: both at the start of their logs, or the last record before each offset the same record (key, value,
 * timestamp). --max-lag plays no part here: a target offset that is ahead, behind or unproven is never ready.
 */
function targetIssues(input: CutoverInput, last: Sample, groupId: string, targetGroup: string, planned: ReadonlyMap<string, string>): TargetOffsetIssue[] {
  const issues: TargetOffsetIssue[] = [];
  const committed = last.sourceCommitted.get(groupId);
  const onTarget = input.targetCommitted.get(targetGroup);
  for (const [t, ps] of [...(committed ?? new Map<string, ReadonlyMap<number, bigint>>())].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const tt = planned.get(t);
    if (tt === undefined) continue;
    for (const [p, c] of [...ps].sort((a, b) => a[0] - b[0])) {
      const tc = onTarget?.get(tt)?.get(p);
      if (tc === undefined) {
        issues.push({ topic: tt, partition: p, kind: 'missing', source: c.toString() });
        continue;
      }
      const so = last.sourceOffsets.get(t)?.get(p);
      const to = last.targetOffsets.get(tt)?.get(p);
      // messages left to read after the committed offset, on each side
      const behind = toNum(pos((to?.end ?? 0n) - tc) - pos((so?.end ?? 0n) - c));
      if (c <= (so?.start ?? 0n) && tc <= (to?.start ?? 0n)) continue;
      const anchor = input.anchors.get(anchorKey(groupId, t, p));
      const readable = anchor?.source !== undefined && anchor.target !== undefined;
      if (readable && anchor.source === anchor.target) continue;
      const kind: TargetIssueKind = !readable ? 'unverified' : behind > 0 ? 'behind' : behind < 0 ? 'ahead' : 'other-record';
      issues.push({ topic: tt, partition: p, kind, source: c.toString(), target: tc.toString(), behind });
    }
  }
  return issues;
}

/**
 * The offsets a partition can be reset to when none is shown safe, with what each costs, counted from the
 * position the message counts give: as many records left after it on the target as the source group has left
 * (exact once the copy has caught up, as at a switch). The earliest re-reads what the group read before that
 * position, the latest skips what is on the target after it, and the offset the target group has now (if any)
 * re-reads or skips the difference.
 */
export function offsetChoices(committed: bigint, source: Offsets, target: Offsets, translated?: bigint): OffsetChoice[] {
  const clamp = (x: bigint): bigint => (x < target.start ? target.start : x > target.end ? target.end : x);
  const at = committed < source.start ? source.start : committed > source.end ? source.end : committed;
  const est = clamp(target.end - (source.end - at));
  const choice = (name: OffsetChoice['name'], o: bigint): OffsetChoice => ({
    name,
    offset: o.toString(),
    reread: toNum(pos(est - o)),
    skipped: toNum(pos(o - est)),
  });
  const out = [choice('earliest', target.start), choice('latest', target.end)];
  if (translated !== undefined) out.push(choice('translated', translated));
  return out;
}

function describeChoices(u: UnplacedPartition): string {
  const cost = (c: OffsetChoice): string => (c.reread ? `re-reads ${c.reread}` : c.skipped ? `skips ${c.skipped}` : 're-reads and skips nothing by the counts');
  return `${u.topic}[${u.partition}] (${u.reason}): ${u.choices.map((c) => `${c.name} ${c.offset} ${cost(c)}`).join(', ')}`;
}

/**
 * The target group's offset on an issue's partition was the same at the first sample as after the last (and in
 * every sample read in between): nothing arrived during the window.
 */
function targetOffsetStable(samples: readonly Sample[], after: ReadonlyMap<string, Committed>, targetGroup: string, i: TargetOffsetIssue): boolean {
  const at = (c: ReadonlyMap<string, Committed>): string => c.get(targetGroup)?.get(i.topic)?.get(i.partition)?.toString() ?? 'none';
  const now = at(after);
  if (samples[0].targetCommitted === undefined) return false;
  return samples.every((s) => s.targetCommitted === undefined || at(s.targetCommitted) === now);
}

/** Why the consumer type cannot be told from the group. */
function unknownModeWhy(g: GroupState | undefined): string {
  if (!g) return 'the group is not described on the source';
  if (g.protocolType === '') return `the group has ${g.members.length} member(s) but no protocol type`;
  return `its protocol type is ${JSON.stringify(g.protocolType)}, not "consumer"`;
}

/** The MirrorMaker 2 setting that stops syncing a group's offsets, named for the plan's mode. */
function excludeSetting(input: CutoverInput): string {
  const m = input.mirror;
  return m ? groupFilterExcludeKey(m.mode, m.sourceAlias, m.targetAlias) : 'groups.exclude';
}

/** Once the consumers run on the target: keep MirrorMaker 2 from syncing over their commits (synced groups only). */
function afterSwitch(input: CutoverInput, pg: PlannedGroupRef): string {
  if (!pg.offsetsSynced) return '';
  return ` Once they run there, leave the group out of MirrorMaker 2's offset sync: mirror --switched ${pg.sourceId} (${excludeSetting(input)}).`;
}

/** The next step of a switched group. */
function switchedStep(input: CutoverInput, pg: PlannedGroupRef): string {
  const retire = `Retire the source group ${pg.sourceId} once its consumers are gone for good (cutover --drain shows when it is drained).`;
  if (!pg.offsetsSynced)
    return `MirrorMaker 2 does not sync this group's offsets (the plan's transfer), so nothing can overwrite the target group's commits. ${retire}`;
  const setting = excludeSetting(input);
  const apply =
    input.mirror?.mode === 'connect'
      ? "update the checkpoint connector's configuration (PUT /connectors/<checkpoint connector>/config with the re-rendered JSON)"
      : 'restart MirrorMaker 2 with the re-rendered mm2.properties';
  return (
    `Stop MirrorMaker 2 syncing this group's offsets, so it cannot overwrite what the consumers commit on the target: it skips a group with members, but writes again whenever ${pg.targetName} is empty there (a restart, a deploy) and the source group's translated offset is ahead. ` +
    `Re-render the configuration with mirror --switched ${pg.sourceId} (it leaves the group out of the checkpoint connector's groups and lists it in ${setting}), then ${apply}. ${retire}`
  );
}

function hostsOf(g: GroupState | undefined): string[] {
  return [...new Set((g?.members ?? []).map((m) => m.clientHost || m.clientId))].sort();
}

function decide(input: CutoverInput, pg: PlannedGroupRef, planned: ReadonlyMap<string, string>): GroupVerdict {
  const samples = input.samples;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const g = last.sourceGroups.get(pg.sourceId);
  const lags = samples.map((s) => groupLags(s, pg.sourceId, planned));
  const total = (ls: PartitionLag[]): number => ls.reduce((n, l) => n + l.lag, 0);
  const maxOf = (ls: PartitionLag[]): number => ls.reduce((n, l) => Math.max(n, l.lag), 0);
  const lagNow = total(lags[lags.length - 1]);
  const lagFirst = total(lags[0]);
  const maxPartitionLag = Math.max(...lags.map(maxOf));
  const over = lags.some((ls) => maxOf(ls) > input.maxLag);
  const dt = (last.at - first.at) / 1000;
  const trend = samples.length > 1 && dt > 0 ? round2((lagNow - lagFirst) / dt) : undefined;
  const members = samples.reduce((n, s) => Math.max(n, s.sourceGroups.get(pg.sourceId)?.members.length ?? 0), 0);
  const moved = !samples.every((s) => committedEqual(s.sourceCommitted.get(pg.sourceId), first.sourceCommitted.get(pg.sourceId), planned));
  const mode = consumerMode(g ?? first.sourceGroups.get(pg.sourceId));
  const hosts = hostsOf(g);
  const issues = targetIssues(input, last, pg.sourceId, pg.targetName, planned);
  const targetMembers = input.targetGroups.get(pg.targetName)?.members.length ?? 0;
  const running = members > 0 || moved;
  const windowText = samples.length > 1 ? ` over ${input.stableSeconds} s` : '';
  const who =
    members > 0
      ? `${members} member(s) on the source (${hosts.join(', ') || 'hosts unknown'})`
      : 'no members, but its committed offsets moved (consumers using assign())';

  let verdict: Verdict;
  let reason: string;
  let next: string;
  let commitOffsets: readonly OffsetToCommit[] | undefined;
  let unplaced: readonly UnplacedPartition[] | undefined;
  if (over && running) {
    verdict = 'draining';
    const trendText =
      trend === undefined
        ? 'trend unknown (one sample: use --stable-seconds)'
        : trend < 0
          ? `falling ${-trend}/s, ~${duration(lagNow / -trend)} to drain`
          : trend > 0
            ? `growing ${trend}/s: the consumers do not keep up`
            : 'not falling';
    reason = `lag ${lagNow} (max ${maxPartitionLag} on a partition, allowed ${input.maxLag}), ${trendText}; ${who}`;
    next = 'Let the source consumers finish the backlog (or stop the producers on the source first), then re-run cutover.';
  } else if (running) {
    verdict = 'consumers-still-running';
    reason = `lag within ${input.maxLag}${windowText}, but ${who}`;
    next =
      mode === 'assign'
        ? 'These consumers use assign(): stop them on the source first, re-run cutover until ready-to-switch, then start them on the target reading the offsets committed for the target group.'
        : mode === 'unknown'
          ? `cutover cannot tell whether these consumers use subscribe() or assign() (${unknownModeWhy(g ?? first.sourceGroups.get(pg.sourceId))}), so take the safe order of Alibaba's migration guide: stop them on the source first${hosts.length ? ` (${hosts.join(', ')})` : ''}, re-run cutover until ready-to-switch, then start them on the target (group ${pg.targetName}). Started on the target first, assign() consumers would read the same partitions on both clusters at once (each side committing its own offsets), and MirrorMaker 2 cannot sync offsets into a target group that has members; stopped first, they only pause.`
          : `These consumers use subscribe(): start them on the target first (group ${pg.targetName}; they wait for their partitions there, or resume from the translated offsets), then stop them on the source${hosts.length ? ` (${hosts.join(', ')})` : ''} and re-run cutover.`;
  } else if (targetMembers > 0) {
    verdict = 'switched';
    reason = `${targetMembers} member(s) on the target group ${pg.targetName}, none on the source and its committed offsets still${windowText}`;
    next = switchedStep(input, pg);
  } else if (over) {
    verdict = 'draining';
    reason = `lag ${lagNow} (max ${maxPartitionLag} on a partition, allowed ${input.maxLag}) and nobody is consuming on the source: the backlog does not shrink`;
    next = `Start the source consumers to finish the backlog, or switch with it: consumers on the target resume from the translated offsets, which the copy covers (re-run with --max-lag ${maxPartitionLag}).`;
  } else if (issues.length > 0) {
    verdict = 'target-behind';
    const of = (k: TargetIssueKind): TargetOffsetIssue[] => issues.filter((i) => i.kind === k);
    const most = (is: TargetOffsetIssue[]): number => Math.max(...is.map((i) => Math.abs(i.behind ?? 0)));
    const [missing, behind, ahead, other, unverified] = (['missing', 'behind', 'ahead', 'other-record', 'unverified'] as const).map(of);
    const parts = [
      missing.length ? `${missing.length} partition(s) without a translated offset on the target group ${pg.targetName}` : '',
      behind.length
        ? `${behind.length} partition(s) behind the source by up to ${most(behind)} message(s) (consumers on the target would read them again)`
        : '',
      ahead.length ? `${ahead.length} partition(s) ahead of the source by up to ${most(ahead)} message(s) (consumers on the target would skip them)` : '',
      other.length ? `${other.length} partition(s) where the target's offset points after another record than the source's` : '',
      unverified.length
        ? `${unverified.length} partition(s) where the record before the offset could not be read on both sides (compacted away, or outside the log), so the offset is not shown right`
        : '',
    ].filter(Boolean);
    reason = parts.join('; ');
    const renamed = pg.targetName !== pg.sourceId;
    const interval = input.checkpointIntervalSeconds ?? DEFAULT_CHECKPOINT_INTERVAL_SECONDS;
    const bound = UNTRANSLATED_AFTER_INTERVALS * interval;
    const observed = Math.floor(dt);
    // MirrorMaker 2 had its chances: the source group stood still and the target offsets did not change for N intervals
    const stuck = !moved && dt >= bound && issues.every((i) => targetOffsetStable(samples, input.targetCommitted, pg.targetName, i));
    const placement = input.placements?.get(pg.sourceId);
    if (placement && (renamed || stuck || ahead.length > 0 || other.length > 0)) {
      commitOffsets = placement.offsets;
      unplaced = placement.unplaced;
      const why = renamed
        ? `MirrorMaker 2 does not rename groups: it syncs offsets only under ${pg.sourceId}, so none arrive for ${pg.targetName}.`
        : stuck
          ? `MirrorMaker 2 did not translate these offsets during ${observed} s (${UNTRANSLATED_AFTER_INTERVALS} checkpoint intervals of ${interval} s) while the source group stood still: waiting does not help.`
          : "MirrorMaker 2 moves a target group's offsets only forward: it never corrects one that is ahead or points after other records.";
      const commit = placement.offsets.length
        ? ` Commit them on the target yourself, with no consumer of ${pg.targetName} running: put the ${placement.offsets.length} line(s) of commitOffsets (topic,partition,offset; each checked against the last record before it on both sides) into ${pg.targetName}.csv and run ` +
          `kafka-consumer-groups --bootstrap-server <target> --group ${pg.targetName} --reset-offsets --from-file ${pg.targetName}.csv --execute, then re-run cutover.`
        : '';
      const left = placement.unplaced.length
        ? ` No offset is shown safe for ${placement.unplaced.map(describeChoices).join('; ')}. Wait for the copy and re-run, or choose one of these knowing what it costs (records counted from the message counts), with the same command.`
        : '';
      next = `${why}${commit}${left}`;
    } else {
      next =
        `Wait for MirrorMaker 2's next checkpoint and offset sync (MirrorCheckpointConnector with sync.group.offsets.enabled=true and ${pg.sourceId} in groups; emit.checkpoints.interval.seconds, sync.group.offsets.interval.seconds), then re-run cutover. ` +
        `If none arrives within ${UNTRANSLATED_AFTER_INTERVALS} checkpoint intervals (${bound} s at ${interval} s), cutover gives the offsets to commit: re-run it with --stable-seconds ${bound} (and --checkpoint-interval if MirrorMaker 2 runs with another interval).`;
    }
  } else {
    verdict = 'ready-to-switch';
    const c = last.sourceCommitted.get(pg.sourceId);
    const none = !c || [...c].every(([t, ps]) => !planned.has(t) || ps.size === 0);
    const rest = lagNow > 0 ? `; the ${lagNow} record(s) the source group has not read come next on the target` : '';
    reason = `no members on the source, lag ≤ ${input.maxLag} on every partition${windowText}, ${
      none
        ? 'no committed offsets on the source (nothing to translate)'
        : `every target offset points at the record after the source group's last one (the same record before it on both sides): nothing is skipped or read again${rest}`
    }`;
    next =
      (mode === 'assign'
        ? `Start the consumers on the target, seeking to the offsets committed for group ${pg.targetName} (assign() does not fetch them by itself unless the code calls committed()).`
        : mode === 'unknown'
          ? `Start the consumers on the target with group ${pg.targetName}; they resume from the translated offsets (consumers using assign() must seek to the offsets committed for it: assign() does not fetch them by itself).`
          : `Start the consumers on the target with group ${pg.targetName}; they resume from the translated offsets.`) + afterSwitch(input, pg);
  }
  return {
    group: pg.sourceId,
    targetGroup: pg.targetName,
    verdict,
    mode,
    state: g?.state ?? 'absent',
    members,
    clientHosts: hosts,
    targetMembers,
    lag: lagNow,
    lagFirst,
    maxPartitionLag,
    lagTrendPerSecond: trend,
    committedMoved: moved,
    partitions: lags[lags.length - 1],
    targetIssues: issues,
    commitOffsets,
    unplaced,
    reason,
    nextStep: next,
  };
}

function progress(input: CutoverInput, t: PlannedTopicRef): TopicProgress {
  const first = input.samples[0];
  const last = input.samples[input.samples.length - 1];
  const sum = (m: ReadonlyMap<number, Offsets> | undefined, f: (o: Offsets) => bigint): bigint =>
    [...(m ?? new Map<number, Offsets>()).values()].reduce((n, o) => n + f(o), 0n);
  const src = last.sourceOffsets.get(t.sourceName);
  const tgt = last.targetOffsets.get(t.targetName);
  let lag = 0n;
  let oldest: number | undefined;
  for (const [p, o] of src ?? []) {
    const to = tgt?.get(p);
    const l = pos(o.end - o.start - (to ? to.end - to.start : 0n));
    lag += l;
    if (l > 0n) {
      const ts = input.oldestUncopied.get(key(t.sourceName, p));
      if (ts !== undefined && ts >= 0) oldest = oldest === undefined ? ts : Math.min(oldest, ts);
    }
  }
  const dt = (last.at - first.at) / 1000;
  const rate = (a: ReadonlyMap<number, Offsets> | undefined, b: ReadonlyMap<number, Offsets> | undefined): number | undefined =>
    input.samples.length > 1 && dt > 0 ? round2(toNum(sum(b, (o) => o.end) - sum(a, (o) => o.end)) / dt) : undefined;
  const sourceRate = rate(first.sourceOffsets.get(t.sourceName), src);
  const copyRate = rate(first.targetOffsets.get(t.targetName), tgt);
  const lagMessages = toNum(lag);
  let catchUpSeconds: number | undefined;
  let catchUp: string;
  if (!tgt) catchUp = 'topic not on the target';
  else if (t.compact) catchUp = 'compacted: compare with verify';
  else if (lagMessages === 0) {
    catchUpSeconds = 0;
    catchUp = 'caught up';
  } else if (sourceRate === undefined || copyRate === undefined) catchUp = 'unknown (one sample: use --stable-seconds to measure rates)';
  else if (copyRate > sourceRate) {
    catchUpSeconds = Math.ceil(lagMessages / (copyRate - sourceRate));
    catchUp = `~${duration(catchUpSeconds)} at ${copyRate}/s copied, ${sourceRate}/s produced`;
  } else
    catchUp =
      copyRate === 0 ? 'not copying (no messages arrived on the target during the window)' : `not catching up (${copyRate}/s copied, ${sourceRate}/s produced)`;
  return {
    topic: t.sourceName,
    targetTopic: t.targetName,
    sourceEnd: sum(src, (o) => o.end).toString(),
    targetEnd: sum(tgt, (o) => o.end).toString(),
    sourceMessages: sum(src, (o) => o.end - o.start).toString(),
    targetMessages: sum(tgt, (o) => o.end - o.start).toString(),
    onTarget: tgt !== undefined,
    ...(t.compact
      ? { compacted: true }
      : {
          lagMessages,
          lagSeconds: lagMessages === 0 ? 0 : oldest === undefined ? undefined : Math.max(0, round2((last.at - oldest) / 1000)),
        }),
    sourceRate,
    copyRate,
    catchUpSeconds,
    catchUp,
  };
}

export function decideCutover(input: CutoverInput): CutoverResult {
  if (input.samples.length === 0) throw new AlikafkaMigrateError('usage', 'decideCutover needs at least one sample', { field: 'samples' });
  const planned = new Map(input.topics.map((t) => [t.sourceName, t.targetName]));
  const groups = [...input.groups].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1)).map((g) => decide(input, g, planned));
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const g of groups) counts[g.verdict]++;
  return {
    maxLag: input.maxLag,
    stableSeconds: input.stableSeconds,
    samples: input.samples.length,
    counts,
    groups,
    topics: [...input.topics].sort((a, b) => (a.sourceName < b.sourceName ? -1 : 1)).map((t) => progress(input, t)),
    notCopied: input.notCopied ?? [],
  };
}

/** Plain-text rendering: one line per group with its next step, then the per-topic progress table. */
export function renderCutover(r: CutoverResult): string {
  const lines: string[] = [];
  lines.push(
    `cutover: ${r.groups.length} group(s): ${r.counts['ready-to-switch']} ready-to-switch, ${r.counts.draining} draining, ${r.counts['consumers-still-running']} consumers-still-running, ${r.counts['target-behind']} target-behind, ${r.counts.switched} switched (max lag ${r.maxLag}, window ${r.stableSeconds} s, ${r.samples} sample(s))`,
  );
  for (const g of r.groups) {
    lines.push(`${g.verdict.padEnd(23)} ${g.group}${g.targetGroup !== g.group ? ` -> ${g.targetGroup}` : ''} [${g.mode}]: ${g.reason}`);
    lines.push(`${''.padEnd(23)}   next: ${g.nextStep}`);
    // a switched group's target offsets are its own consumers' commits now: nothing to compare
    const issues = g.verdict === 'switched' ? [] : g.targetIssues;
    for (const i of issues.slice(0, 5)) {
      lines.push(
        `${''.padEnd(23)}   ${i.topic}[${i.partition}]: source committed ${i.source}, target ${i.target ?? 'none'}${i.kind === 'missing' ? '' : ` (${i.kind === 'behind' ? `${i.behind ?? 0} behind` : i.kind === 'ahead' ? `${-(i.behind ?? 0)} ahead` : i.kind === 'other-record' ? 'after another record' : 'record before it not readable'})`}`,
      );
    }
    if (issues.length > 5) lines.push(`${''.padEnd(23)}   and ${issues.length - 5} more partition(s)`);
    if (g.commitOffsets?.length) {
      lines.push(`${''.padEnd(23)}   ${g.targetGroup}.csv:`);
      for (const o of g.commitOffsets) lines.push(`${''.padEnd(23)}   ${o.topic},${o.partition},${o.offset}`);
    }
  }
  if (r.topics.length) {
    lines.push('');
    const rows = [['topic', 'target topic', 'source end', 'target end', 'lag msgs', 'lag s', 'catch-up']];
    for (const t of r.topics) {
      rows.push([
        t.topic,
        t.targetTopic,
        t.sourceEnd,
        t.onTarget ? t.targetEnd : 'missing',
        t.compacted ? '-' : String(t.lagMessages),
        t.compacted ? '-' : t.lagSeconds === undefined ? '?' : String(t.lagSeconds),
        t.catchUp,
      ]);
    }
    lines.push(...alignColumns(rows));
  }
  for (const n of r.notCopied) lines.push(`not waited for: topic ${n.topic}: the plan does not copy it (${n.reason})`);
  return `${lines.join('\n')}\n`;
}
