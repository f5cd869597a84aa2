/**
 * `status`: the whole migration's progress in one view, pure: the plan, and what `cutover`'s readers saw on the
 * two clusters, go in; topics planned and on the target, data copied per topic, groups by verdict and producers
 * switched come out. Nothing here reads a cluster (lib/cutover/read does).
 */
import type { DrainResult, ProducersResult } from '../cutover/flow';
import type { CutoverResult, TopicProgress, Verdict } from '../cutover/verdict';
import { isCopyFree, MigrationPlan } from '../plan';
import { alignColumns } from '../util/columns';

export interface MigrationStatus {
  readonly path: 'mirrormaker' | 'copy-free';
  readonly topics: { readonly planned: number; readonly onTarget: number; readonly missing: readonly string[] };
  /** Per copied topic: end offsets, lag in messages and seconds, rates, time to catch up (the MirrorMaker path). */
  readonly data: readonly TopicProgress[];
  /** Groups by verdict (MirrorMaker path) or by drain state (copy-free path). */
  readonly groups: Readonly<Record<string, number>>;
  /** Topics by who writes them: target-only means the producers switched. */
  readonly producers: ProducersResult['counts'];
  readonly producersSwitched: number;
}

export function migrationStatus(plan: MigrationPlan, producers: ProducersResult, cutover?: CutoverResult, drain?: DrainResult): MigrationStatus {
  const missing = producers.topics.filter((t) => !t.onTarget).map((t) => t.targetTopic);
  const groups: Record<string, number> = cutover ? { ...(cutover.counts as Record<Verdict, number>) } : { ...(drain?.counts ?? {}) };
  return {
    path: isCopyFree(plan) ? 'copy-free' : 'mirrormaker',
    topics: { planned: plan.topics.length, onTarget: plan.topics.length - missing.length, missing },
    data: cutover?.topics ?? [],
    groups,
    producers: producers.counts,
    producersSwitched: producers.counts['target-only'],
  };
}

/** Plain lines (also the body of the refreshing table on a terminal). */
export function renderStatus(s: MigrationStatus): string {
  const lines = [
    `topics: ${s.topics.planned} planned, ${s.topics.onTarget} on the target${s.topics.missing.length ? ` (missing: ${s.topics.missing.slice(0, 5).join(', ')}${s.topics.missing.length > 5 ? ', ...' : ''})` : ''}`,
    `producers: ${s.producersSwitched} of ${s.topics.planned} topic(s) switched (target-only), ${s.producers['source-only']} source-only, ${s.producers['split-order']} split-order, ${s.producers.idle} idle`,
    `groups (${s.path === 'copy-free' ? 'drain on the source' : 'cutover verdicts'}): ${
      Object.entries(s.groups)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none planned'
    }`,
  ];
  if (s.path === 'copy-free') lines.push('data: nothing copied (the copy-free path)');
  else {
    const rows = [['topic', 'source end', 'target end', 'lag msgs', 'lag s', 'catch-up']];
    for (const t of s.data)
      rows.push([
        t.topic,
        t.sourceEnd,
        t.onTarget ? t.targetEnd : 'missing',
        t.compacted ? '-' : String(t.lagMessages),
        t.compacted ? '-' : t.lagSeconds === undefined ? '?' : String(t.lagSeconds),
        t.catchUp,
      ]);
    lines.push('data:', ...alignColumns(rows).map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
