/**
 * The names a migration changes, as client owners need them: topic and group renames, taken from the plan
 * (planMigration with an existing-instance target, as an embedding stack does). Nothing here re-derives a
 * rename; a name the plan does not rename is kept.
 */
import type { ClusterMetadata } from '../model';
import { planMigration } from '../plan';
import type { MigrationPlan, RenameMap } from '../plan';

export interface NameChange {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface PlanNames {
  readonly topics: ReadonlyMap<string, NameChange>;
  readonly groups: ReadonlyMap<string, NameChange>;
  /** Source topics the plan does not migrate (skipped), with the reason. */
  readonly skippedTopics: ReadonlyMap<string, string>;
  /** host:port of the source cluster's brokers (and its bootstrap endpoint for Admin exports). */
  readonly sourceServers: readonly string[];
}

export interface PlanNamesOptions {
  readonly renameMap?: RenameMap;
  readonly noDots?: boolean;
  readonly instanceId?: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** Renames of a plan, keyed by source name. */
export function namesFromPlan(plan: MigrationPlan, meta?: ClusterMetadata): PlanNames {
  const topics = new Map<string, NameChange>();
  const groups = new Map<string, NameChange>();
  for (const r of plan.renames) {
    if (r.kind === 'topic') topics.set(r.from, { from: r.from, to: r.to, reason: r.reason });
    else if (r.kind === 'group') groups.set(r.from, { from: r.from, to: r.to, reason: r.reason });
  }
  const skippedTopics = new Map<string, string>();
  for (const s of plan.skipped) if (s.kind === 'topic') skippedTopics.set(s.name, s.reason);
  const servers = new Set<string>();
  for (const b of meta?.brokers ?? []) if (b.host && b.port) servers.add(`${b.host}:${b.port}`);
  if (plan.source.kind === 'kafka-admin' && plan.source.endpoint) {
    for (const s of plan.source.endpoint.split(',')) if (/:\d+$/.test(s.trim())) servers.add(s.trim());
  }
  return { topics, groups, skippedTopics, sourceServers: [...servers].sort() };
}

/** Plans the migration of `meta` onto an existing instance and returns its renames. */
export function planNames(meta: ClusterMetadata, opts: PlanNamesOptions = {}): PlanNames {
  const plan = planMigration(meta, {
    target: { mode: 'existing', instanceId: opts.instanceId ?? 'target-instance' },
    renameMap: opts.renameMap,
    noDots: opts.noDots,
    include: opts.include && opts.include.length ? opts.include : undefined,
    exclude: opts.exclude && opts.exclude.length ? opts.exclude : undefined,
  });
  return namesFromPlan(plan, meta);
}
