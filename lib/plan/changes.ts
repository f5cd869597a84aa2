import { ClusterMetadata } from '../model';
import { MigrationPlan, SourceChange } from './types';
import { shownValue } from '../util/redact';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What changed in the source between the previous export and this one, for the objects a plan covers: topics
 * added or gone, partitions grown (or shrunk), topic configs changed, groups and users added or gone. Objects the
 * previous plan never planned (an ad-hoc console group, an internal topic) are not listed as gone.
 */
export function sourceChanges(previous: ClusterMetadata, current: ClusterMetadata, previousPlan: MigrationPlan | undefined): SourceChange[] {
  const out: SourceChange[] = [];
  const plannedTopics = previousPlan ? new Set(previousPlan.topics.map((t) => t.sourceName)) : undefined;
  const plannedGroups = previousPlan ? new Set(previousPlan.groups.map((g) => g.sourceId)) : undefined;
  const plannedUsers = previousPlan ? new Set(previousPlan.users.map((u) => u.sourceName)) : undefined;
  const prevTopics = new Map(previous.topics.map((t) => [t.name, t]));
  const curTopics = new Map(current.topics.map((t) => [t.name, t]));
  for (const t of current.topics) {
    const p = prevTopics.get(t.name);
    if (!p) {
      out.push({ kind: 'topic', name: t.name, change: 'added', detail: `new since the previous export (${t.partitions} partitions)` });
      continue;
    }
    if (p.partitions !== t.partitions) {
      out.push({
        kind: 'topic',
        name: t.name,
        change: 'partitions',
        detail: `${p.partitions} → ${t.partitions} partitions${t.partitions < p.partitions ? ' (fewer: AliKafka partitions only grow, the plan keeps the higher count)' : ''}`,
      });
    }
    const keys = [...new Set([...Object.keys(p.configs ?? {}), ...Object.keys(t.configs ?? {})])].sort(cmp);
    for (const k of keys) {
      const a = p.configs?.[k];
      const b = t.configs?.[k];
      if (a !== b)
        out.push({ kind: 'topic', name: t.name, change: 'config', detail: `${k}: ${shownValue(k, a) ?? '(unset)'} → ${shownValue(k, b) ?? '(unset)'}` });
    }
  }
  for (const p of previous.topics) {
    if (!curTopics.has(p.name) && (!plannedTopics || plannedTopics.has(p.name)))
      out.push({ kind: 'topic', name: p.name, change: 'gone', detail: 'no longer in the source' });
  }
  const prevGroups = new Set((previous.consumerGroups ?? []).map((g) => g.groupId));
  const curGroups = new Set((current.consumerGroups ?? []).map((g) => g.groupId));
  for (const g of curGroups) if (!prevGroups.has(g)) out.push({ kind: 'group', name: g, change: 'added', detail: 'new since the previous export' });
  for (const g of prevGroups)
    if (!curGroups.has(g) && (!plannedGroups || plannedGroups.has(g))) out.push({ kind: 'group', name: g, change: 'gone', detail: 'no longer in the source' });
  const prevUsers = new Set((previous.users ?? []).map((u) => u.name));
  const curUsers = new Set((current.users ?? []).map((u) => u.name));
  for (const u of curUsers) if (!prevUsers.has(u)) out.push({ kind: 'user', name: u, change: 'added', detail: 'new since the previous export' });
  for (const u of prevUsers)
    if (!curUsers.has(u) && (!plannedUsers || plannedUsers.has(u))) out.push({ kind: 'user', name: u, change: 'gone', detail: 'no longer in the source' });
  return out.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name) || cmp(a.change, b.change) || cmp(a.detail, b.detail));
}
