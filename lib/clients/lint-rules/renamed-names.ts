import { namedTopics } from './topic-keys';
import type { LintContext, LintFinding, LintRule } from './types';

/** A group or topic name that the migration plan renames (or does not migrate) will not exist on the target. */
export const rule: LintRule = {
  id: 'renamed-names',
  description: 'group and topic names must be the names the plan gives them on the target',
  check(ctx: LintContext): LintFinding[] {
    const names = ctx.names;
    if (!names) return [];
    const out: LintFinding[] = [];
    const origin = (k: string): string => (ctx.file.origin.get(k) ? `${k} (${ctx.file.origin.get(k)})` : k);
    const group = ctx.file.settings.get('group.id')?.trim();
    const g = group ? names.groups.get(group) : undefined;
    if (g) {
      out.push({
        rule: 'renamed-names',
        severity: 'error',
        key: origin('group.id'),
        current: g.from,
        recommended: g.to,
        reason: `the plan renames the group: ${g.reason}`,
      });
    }
    for (const { key, topic: t } of namedTopics(ctx.file)) {
      const r = names.topics.get(t);
      if (r)
        out.push({
          rule: 'renamed-names',
          severity: 'error',
          key: origin(key),
          current: r.from,
          recommended: r.to,
          reason: `the plan renames the topic: ${r.reason}`,
        });
      const skipped = names.skippedTopics.get(t);
      if (skipped)
        out.push({
          rule: 'renamed-names',
          severity: 'warning',
          key: origin(key),
          current: t,
          recommended: 'a migrated topic',
          reason: `the plan does not migrate this topic: ${skipped}`,
        });
    }
    return out;
  },
};
