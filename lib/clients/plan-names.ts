/**
 * The names a migration changes, as client owners need them: topic and group renames, taken from the reviewed
 * plan (the plan file synth wrote). Nothing here re-derives a rename; a name the plan does not rename is kept.
 */
import type { MigrationPlan, MigrationPlanFile, PlanFileBroker, TopicStorage } from '../plan';

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
  /** The storage the plan gives each migrated topic, by target name and by source name. @default empty */
  readonly topicStorage?: ReadonlyMap<string, TopicStorage>;
}

/** Renames of a plan, keyed by source name; the source servers from the plan file's brokers (or `brokers`). */
export function namesFromPlan(plan: MigrationPlan | MigrationPlanFile, brokers?: readonly PlanFileBroker[]): PlanNames {
  const topics = new Map<string, NameChange>();
  const groups = new Map<string, NameChange>();
  for (const r of plan.renames) {
    if (r.kind === 'topic') topics.set(r.from, { from: r.from, to: r.to, reason: r.reason });
    else if (r.kind === 'group') groups.set(r.from, { from: r.from, to: r.to, reason: r.reason });
  }
  const topicStorage = new Map<string, TopicStorage>();
  for (const t of plan.topics) {
    topicStorage.set(t.sourceName, t.storage);
    topicStorage.set(t.name, t.storage);
  }
  const skippedTopics = new Map<string, string>();
  for (const s of plan.skipped) if (s.kind === 'topic') skippedTopics.set(s.name, s.reason);
  const servers = new Set<string>();
  const known = brokers ?? ('brokers' in plan.source ? plan.source.brokers : []);
  for (const b of known) if (b.host && b.port) servers.add(`${b.host}:${b.port}`);
  if (plan.source.kind === 'kafka-admin' && plan.source.endpoint) {
    for (const s of plan.source.endpoint.split(',')) if (/:\d+$/.test(s.trim())) servers.add(s.trim());
  }
  return { topics, groups, skippedTopics, sourceServers: [...servers].sort(), topicStorage };
}
