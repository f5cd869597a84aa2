/**
 * `cutover`'s producer and drain checks, pure: samples of the clusters' end offsets and the source groups go in,
 * a state per planned topic (who still writes where) and per group (how far it has drained the source) come out.
 * ./read takes the samples.
 *
 * Producers (per planned topic, over the --stable-seconds window):
 * - the source receives writes when its end offsets moved;
 * - the target receives writes from producers when its end offsets moved by more than the copy can explain: a
 *   copied topic's target grows by what MirrorMaker 2 copies, at most the source's growth plus the copy's lag at
 *   the start of the window (message counts), so only growth beyond that is counted as produced there;
 * - written on both sides is `split-order`: consumers of either cluster see only part of the stream, and the
 *   order of one key's records across the two is lost.
 *
 * Drain (per planned group, on the source only): `drained` when the lag is 0 on every sample of the window and no
 * member is connected (the group can be retired); else `draining`, with the lag, its trend and the time to zero.
 */
import { duration, groupLags, PlannedGroupRef, Sample, TopicOffsets } from './verdict';

/** Who writes a topic during the window. */
export type ProducerState = 'source-only' | 'target-only' | 'split-order' | 'idle';
export const PRODUCER_STATES: readonly ProducerState[] = ['source-only', 'target-only', 'split-order', 'idle'];

export interface ProducerTopicRef {
  readonly sourceName: string;
  readonly targetName: string;
  /** MirrorMaker 2 copies it (the plan's transfer): target growth up to the copy's share is not counted as produced. */
  readonly copied: boolean;
}

export interface ProducerTopic {
  readonly topic: string;
  readonly targetTopic: string;
  readonly copied: boolean;
  readonly state: ProducerState;
  /** Messages appended on the source during the window. */
  readonly sourceWrites: number;
  /** Messages appended on the target during the window that the copy does not explain (produced there). */
  readonly targetWrites: number;
  /** All messages appended on the target during the window (copied and produced). */
  readonly targetGrowth: number;
  readonly sourceRate: number;
  readonly targetRate: number;
  readonly onSource: boolean;
  readonly onTarget: boolean;
  readonly reason: string;
  readonly nextStep: string;
}

export interface ProducersResult {
  readonly stableSeconds: number;
  readonly samples: number;
  readonly counts: Readonly<Record<ProducerState, number>>;
  readonly topics: readonly ProducerTopic[];
}

/** End offsets of both clusters at time `at` (epoch ms). */
export interface OffsetsSample {
  readonly at: number;
  readonly sourceOffsets: TopicOffsets;
  readonly targetOffsets: TopicOffsets;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const num = (x: bigint): number => Number(x);

function sum(o: TopicOffsets, topic: string, f: (x: { start: bigint; end: bigint }) => bigint): bigint | undefined {
  const m = o.get(topic);
  if (!m) return undefined;
  let n = 0n;
  for (const x of m.values()) n += f(x);
  return n;
}

/** Who writes each planned topic over the window (first and last sample). */
export function decideProducers(topics: readonly ProducerTopicRef[], samples: readonly OffsetsSample[], stableSeconds: number): ProducersResult {
  if (samples.length < 2) throw new Error('decideProducers needs a window: at least two samples');
  const first = samples[0];
  const last = samples[samples.length - 1];
  const dt = Math.max(0.001, (last.at - first.at) / 1000);
  const out = [...topics]
    .sort((a, b) => (a.sourceName < b.sourceName ? -1 : a.sourceName > b.sourceName ? 1 : 0))
    .map((t): ProducerTopic => {
      const end = (o: TopicOffsets, n: string): bigint | undefined => sum(o, n, (x) => x.end);
      const count = (o: TopicOffsets, n: string): bigint => sum(o, n, (x) => x.end - x.start) ?? 0n;
      const s0 = end(first.sourceOffsets, t.sourceName);
      const s1 = end(last.sourceOffsets, t.sourceName);
      const t0 = end(first.targetOffsets, t.targetName);
      const t1 = end(last.targetOffsets, t.targetName);
      const onSource = s0 !== undefined && s1 !== undefined;
      const onTarget = t0 !== undefined && t1 !== undefined;
      const sourceWrites = onSource ? Math.max(0, num(s1 - s0)) : 0;
      const targetGrowth = onTarget ? Math.max(0, num(t1 - t0)) : 0;
      // the copy brings at most what the source gained plus what it lacked at the start (message counts)
      const lagAtStart =
        t.copied && onSource && onTarget ? Math.max(0, num(count(first.sourceOffsets, t.sourceName) - count(first.targetOffsets, t.targetName))) : 0;
      const copyShare = t.copied ? sourceWrites + lagAtStart : 0;
      const targetWrites = Math.max(0, targetGrowth - copyShare);
      const src = sourceWrites > 0;
      const tgt = targetWrites > 0;
      const state: ProducerState = src && tgt ? 'split-order' : src ? 'source-only' : tgt ? 'target-only' : 'idle';
      const window = `over ${stableSeconds} s`;
      const srcText = onSource ? `source +${sourceWrites} message(s) ${window}` : 'not on the source';
      const tgtText = !onTarget
        ? 'not on the target'
        : t.copied
          ? `target +${targetGrowth} (${targetWrites} beyond what the copy can bring)`
          : `target +${targetGrowth}`;
      const reason = `${srcText}; ${tgtText}`;
      let next: string;
      if (state === 'split-order') {
        next =
          `Written on both clusters: consumers of either one see only part of the stream, and records of one key written on both sides lose their order${t.copied ? ' (the copy appends the source records after those produced on the target)' : ''}. ` +
          'Finish the producer switch: find the producers still writing to the source (their hosts are in your deployment; the broker does not tell), move them to the target, and re-run cutover with the producers option until no topic is written on the source.';
      } else if (state === 'source-only') {
        next = onTarget
          ? 'The producers still write to the source: switch them to the target (client-config writes their configuration), then re-run cutover with the producers option.'
          : `The topic is not on the target (${t.targetName}): apply the plan first, then switch the producers.`;
      } else if (state === 'target-only') {
        next = 'Switched: the producers write to the target only.';
      } else {
        next = `No writes on either side ${window}: nothing shows whether its producers have moved; re-run with a longer window (stable seconds) if the topic is written rarely.`;
      }
      return {
        topic: t.sourceName,
        targetTopic: t.targetName,
        copied: t.copied,
        state,
        sourceWrites,
        targetWrites,
        targetGrowth,
        sourceRate: round2(sourceWrites / dt),
        targetRate: round2(targetWrites / dt),
        onSource,
        onTarget,
        reason,
        nextStep: next,
      };
    });
  const counts = Object.fromEntries(PRODUCER_STATES.map((s) => [s, 0])) as Record<ProducerState, number>;
  for (const t of out) counts[t.state]++;
  return { stableSeconds, samples: samples.length, counts, topics: out };
}

/** How far a group has drained the source. */
export type DrainState = 'draining' | 'drained';

export interface DrainGroup {
  readonly group: string;
  readonly state: DrainState;
  /** Total lag on the source at the last sample, and at the first. */
  readonly lag: number;
  readonly lagFirst: number;
  /** Change of the lag per second over the window (negative: draining); undefined with one sample. */
  readonly lagTrendPerSecond?: number;
  /** Seconds until the lag reaches 0 at the measured trend; 0 when drained; undefined when it does not fall. */
  readonly secondsToZero?: number;
  readonly members: number;
  readonly clientHosts: readonly string[];
  readonly reason: string;
  readonly nextStep: string;
}

export interface DrainResult {
  readonly stableSeconds: number;
  readonly samples: number;
  readonly counts: Readonly<Record<DrainState, number>>;
  readonly groups: readonly DrainGroup[];
  /** Planned source topics whose end offsets moved during the window: the source still receives writes. */
  readonly sourceWritten: readonly string[];
}

/**
 * Per planned group, from samples of the source alone (the target offsets of the samples are not read): the
 * lag over every planned topic the group committed or subscribes to.
 */
export function decideDrain(groups: readonly PlannedGroupRef[], topics: readonly string[], samples: readonly Sample[], stableSeconds: number): DrainResult {
  if (samples.length === 0) throw new Error('decideDrain needs at least one sample');
  const planned = new Map(topics.map((t) => [t, t]));
  const first = samples[0];
  const last = samples[samples.length - 1];
  const dt = (last.at - first.at) / 1000;
  const sourceWritten = topics
    .filter((t) => {
      const a = sum(first.sourceOffsets, t, (x) => x.end);
      const b = sum(last.sourceOffsets, t, (x) => x.end);
      return a !== undefined && b !== undefined && b > a;
    })
    .sort();
  const out = [...groups]
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
    .map((g): DrainGroup => {
      const lags = samples.map((s) => groupLags(s, g.sourceId, planned).reduce((n, l) => n + l.lag, 0));
      const lag = lags[lags.length - 1];
      const lagFirst = lags[0];
      const members = samples.reduce((n, s) => Math.max(n, s.sourceGroups.get(g.sourceId)?.members.length ?? 0), 0);
      const desc = last.sourceGroups.get(g.sourceId) ?? first.sourceGroups.get(g.sourceId);
      const clientHosts = [...new Set((desc?.members ?? []).map((m) => m.clientHost || m.clientId))].sort();
      const trend = samples.length > 1 && dt > 0 ? round2((lag - lagFirst) / dt) : undefined;
      const windowText = samples.length > 1 ? ` over ${stableSeconds} s` : '';
      const writes = sourceWritten.length
        ? ` The source still receives writes (${sourceWritten.slice(0, 3).join(', ')}${sourceWritten.length > 3 ? ', ...' : ''}): switch those producers first (cutover with the producers option), or the group never drains for good.`
        : '';
      if (lags.every((l) => l === 0) && members === 0) {
        return {
          group: g.sourceId,
          state: 'drained',
          lag,
          lagFirst,
          lagTrendPerSecond: trend,
          secondsToZero: 0,
          members,
          clientHosts,
          reason: `lag 0 on every sample${windowText}, no members on the source`,
          nextStep:
            samples.length > 1
              ? `Drained: the group has read everything on the source. Stop its old consumers for good and retire the group ${g.sourceId} on the source; its consumers read on the target (group ${g.targetName}).${writes}`
              : `Lag 0 and no members in one look: re-run with a window (stable seconds) to see that it stays drained before retiring ${g.sourceId}.${writes}`,
        };
      }
      let secondsToZero: number | undefined;
      let trendText: string;
      if (trend === undefined) trendText = 'trend unknown (one sample: use a window, stable seconds)';
      else if (trend < 0 && lag === 0) {
        secondsToZero = 0;
        trendText = 'fell to 0 during the window';
      } else if (trend < 0) {
        secondsToZero = Math.ceil(lag / -trend);
        trendText = `falling ${-trend}/s, ~${duration(secondsToZero)} to zero`;
      } else if (trend > 0) trendText = `growing ${trend}/s: the consumers do not keep up`;
      else trendText = lag > 0 ? 'not falling' : 'steady at 0';
      const who = members > 0 ? `${members} member(s) on the source (${clientHosts.join(', ') || 'hosts unknown'})` : 'no members on the source';
      let next: string;
      if (lag === 0 && members === 0) next = 'The lag reached 0 during the window: re-run to see that it stays there, then retire the group.';
      else if (lag === 0 && members > 0)
        next = `Caught up, but consumers are still connected: stop them on the source (${clientHosts.join(', ') || 'hosts unknown'}), then re-run to see it drained.`;
      else if (members === 0 && !(trend !== undefined && trend < 0))
        next = `Nobody reads the backlog of ${lag} message(s) on the source: start the old consumers again until it is drained, or accept that those messages are not read.`;
      else next = 'Let the old consumers finish the backlog on the source, then re-run.';
      return {
        group: g.sourceId,
        state: 'draining',
        lag,
        lagFirst,
        lagTrendPerSecond: trend,
        secondsToZero,
        members,
        clientHosts,
        reason: `lag ${lag}${samples.length > 1 ? ` (was ${lagFirst})` : ''}, ${trendText}; ${who}`,
        nextStep: `${next}${writes}`,
      };
    });
  const counts: Record<DrainState, number> = { draining: 0, drained: 0 };
  for (const g of out) counts[g.state]++;
  return { stableSeconds, samples: samples.length, counts, groups: out, sourceWritten };
}

/** Plain-text rendering of the producer check. */
export function renderProducers(r: ProducersResult): string {
  const lines = [
    `producers: ${r.topics.length} topic(s): ${r.counts['target-only']} target-only, ${r.counts['source-only']} source-only, ${r.counts['split-order']} split-order, ${r.counts.idle} idle (window ${r.stableSeconds} s, ${r.samples} samples)`,
  ];
  for (const t of r.topics) {
    lines.push(`${t.state.padEnd(12)} ${t.topic}${t.targetTopic !== t.topic ? ` -> ${t.targetTopic}` : ''}: ${t.reason}`);
    if (t.state !== 'target-only') lines.push(`${''.padEnd(12)}   next: ${t.nextStep}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Plain-text rendering of the drain check. */
export function renderDrain(r: DrainResult): string {
  const lines = [
    `drain: ${r.groups.length} group(s) on the source: ${r.counts.drained} drained, ${r.counts.draining} draining (window ${r.stableSeconds} s, ${r.samples} sample(s))`,
  ];
  for (const g of r.groups) {
    lines.push(`${g.state.padEnd(9)} ${g.group}: ${g.reason}`);
    lines.push(`${''.padEnd(9)}   next: ${g.nextStep}`);
  }
  return `${lines.join('\n')}\n`;
}
