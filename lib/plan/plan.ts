import { ClusterMetadata, ConsumerGroupMetadata } from '../model';
import { PlanError, PlanProblem } from './errors';
import { planExistingInstance, planNewInstance, targetCapabilities } from './instance';
import { isValidName, isValidUsername, nameProblem, remarkFor, sanitizeName, terraformName } from './names';
import { planAcl, planUser, scramWarning } from './security';
import { findIoSpec, MAX_PARTITIONS_PER_TOPIC } from './specs';
import { shapeTopic, topicSelection } from './topics';
import { mergePrevious } from './incremental';
import { TargetInventory } from './adopt';
import {
  ConfigDecision,
  MigrationPlan,
  PlannedAcl,
  PlannedGroup,
  PlannedTopic,
  PlannedNewInstance,
  PlannedUser,
  PlanOptions,
  RemovedObject,
  TargetDifference,
  PlanWarning,
  QuotaCheck,
  Rename,
  Skipped,
} from './types';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** AliKafka's default instance retention (`kafka.log.retention.hours` = 72). */
const DEFAULT_INSTANCE_RETENTION_MS = 72 * 3_600_000;

/** Share of the partition quota above which the plan warns about headroom. */
export const QUOTA_HEADROOM_WARNING = 0.8;

interface NameResolution {
  readonly target: string;
  readonly rename?: Rename;
}

function resolveName(
  kind: 'topic' | 'group' | 'user',
  source: string,
  mapped: string | undefined,
  noDots: boolean,
  problems: PlanProblem[],
): NameResolution {
  const valid = kind === 'user' ? isValidUsername : (n: string): boolean => isValidName(n, noDots);
  if (mapped !== undefined) {
    if (!valid(mapped)) {
      problems.push({
        subject: `--rename-map ${kind}s[${JSON.stringify(source)}]`,
        message: `target ${JSON.stringify(mapped)} ${kind === 'user' ? 'must be 1-64 characters of [A-Za-z0-9_-]' : nameProblem(mapped, noDots) ?? 'is not a valid name'}`,
      });
    }
    return mapped === source ? { target: mapped } : { target: mapped, rename: { kind, from: source, to: mapped, reason: 'rename map' } };
  }
  if (valid(source)) return { target: source };
  const target = kind === 'user' ? sanitizeName(source, { noDots: true, min: 1 }) : sanitizeName(source, { noDots });
  const why = kind === 'user' ? 'user names must be 1-64 characters of [A-Za-z0-9_-]' : `the name ${nameProblem(source, noDots)}`;
  return { target, rename: { kind, from: source, to: target, reason: `${why}; renamed by the documented rule` } };
}

function collisions(kind: string, pairs: ReadonlyArray<{ source: string; target: string }>, problems: PlanProblem[]): void {
  const byTarget = new Map<string, string[]>();
  for (const p of pairs) {
    const list = byTarget.get(p.target) ?? [];
    list.push(p.source);
    byTarget.set(p.target, list);
  }
  for (const [target, sources] of [...byTarget.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    if (sources.length > 1) {
      problems.push({
        subject: `${kind} ${target}`,
        message: `source ${kind}s ${sources.map((s) => JSON.stringify(s)).join(' and ')} all map to ${JSON.stringify(target)}; give them distinct names with --rename-map`,
      });
    }
  }
}

function groupSkipReason(g: ConsumerGroupMetadata, migratedTopics: ReadonlySet<string>): string | undefined {
  if (g.groupId.startsWith('__') || g.groupId.startsWith('_confluent')) return 'internal group (Kafka or Confluent Platform)';
  if (g.groupId.startsWith('console-consumer-')) return 'ad-hoc group of kafka-console-consumer';
  // (groups of the new consumer protocol, KIP-848, can read as Dead through older clients yet have offsets: keep those)
  if (g.state === 'Dead' && (g.offsets ?? []).length === 0 && (g.members ?? 0) === 0) return 'group is Dead: no members and no committed offsets';
  const topics = groupTopics(g);
  if ((g.members ?? 0) === 0 && (g.offsets ?? []).length === 0 && topics.length === 0) {
    return 'empty: no members, no committed offsets and no subscriptions';
  }
  if (topics.length > 0 && !topics.some((t) => migratedTopics.has(t))) {
    return `reads only topics that are not migrated (${topics.slice(0, 3).join(', ')}${topics.length > 3 ? ', ...' : ''})`;
  }
  return undefined;
}

function groupTopics(g: ConsumerGroupMetadata): string[] {
  const s = new Set<string>(g.topics ?? []);
  for (const o of g.offsets ?? []) s.add(o.topic);
  return [...s].sort(cmp);
}

/**
 * Turns validated metadata and options into a `MigrationPlan`. Pure: no I/O.
 * Throws `PlanError` listing every problem (name collisions, partitions out of range, quota exceeded, ...).
 */
export function planMigration(current: ClusterMetadata, options: PlanOptions): MigrationPlan {
  const problems: PlanProblem[] = [];
  let meta = current;
  let removed: RemovedObject[] = [];
  let previousInstance: PlannedNewInstance | undefined;
  if (options.previous) {
    const merged = mergePrevious(current, options.previous, Boolean(options.allowDestroy));
    meta = merged.meta;
    removed = merged.removed;
    if (options.target.mode === 'new') {
      try {
        const prev = planMigration(options.previous, { ...options, previous: undefined, allowDestroy: undefined, existingTarget: undefined });
        if (prev.instance.mode === 'new') previousInstance = prev.instance;
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
        problems.push({ subject: '--previous-metadata', message: `the previous export does not plan with these options (${e.problems.map((p) => p.message).join('; ')})` });
      }
    }
  } else if (options.allowDestroy) {
    problems.push({ subject: '--allow-destroy', message: 'only applies with --previous-metadata (it lets objects gone from the source since then be destroyed)' });
  }
  if (options.existingTarget && options.target.mode !== 'existing') {
    problems.push({ subject: '--existing-target', message: 'adopting objects needs the existing instance: give --instance-id' });
  }
  const warnings: PlanWarning[] = [];
  const renames: Rename[] = [];
  const skipped: Skipped[] = [];
  const configDecisions: ConfigDecision[] = [];
  const noDots = Boolean(options.noDots);
  const caps = targetCapabilities(options.target);
  problems.push(...caps.problems);
  warnings.push(...caps.warnings);
  const singlePartition = options.singlePartition ?? (caps.localStorage ? 'local' : 'grow');

  // Topics.
  const topics: PlannedTopic[] = [];
  const topicTargets = new Map<string, string>();
  for (const t of meta.topics) {
    const sel = topicSelection(t, options.include, options.exclude);
    if (!sel.selected) {
      skipped.push({ kind: 'topic', name: t.name, reason: sel.reason });
      continue;
    }
    if (t.partitions > MAX_PARTITIONS_PER_TOPIC) {
      problems.push({ subject: `topic ${t.name}`, message: `has ${t.partitions} partitions; AliKafka accepts 1-${MAX_PARTITIONS_PER_TOPIC} per topic (more needs a support ticket), so exclude it or split it` });
      continue;
    }
    const res = resolveName('topic', t.name, options.renameMap?.topics?.[t.name], noDots, problems);
    if (res.rename) renames.push(res.rename);
    const shape = shapeTopic(t, caps.localStorage, singlePartition);
    if (shape.storage === 'local' && !caps.localStorage) {
      problems.push({
        subject: `topic ${t.name}`,
        message: `needs local storage (${shape.compact ? 'cleanup.policy=compact' : '1 partition'}), which edition ${caps.specType} does not offer; use --spec-type professional or --exclude it`,
      });
    }
    configDecisions.push(...shape.decisions);
    topicTargets.set(t.name, res.target);
    topics.push({
      sourceName: t.name,
      name: res.target,
      address: terraformName('topic', res.target),
      partitions: shape.partitions,
      sourcePartitions: t.partitions,
      storage: shape.storage,
      compact: shape.compact,
      configs: shape.configs,
      remark: remarkFor('topic', t.name),
      notes: shape.notes,
      imported: false,
    });
    if (shape.partitions < 12) {
      warnings.push({ code: 'few-partitions', subject: `topic ${res.target}`, message: `${shape.partitions} partition(s): fewer than 12 limits consumer parallelism and throughput on AliKafka` });
    } else if (shape.partitions > 100) {
      warnings.push({ code: 'many-partitions', subject: `topic ${res.target}`, message: `${shape.partitions} partitions: more than 100 risks frequent rebalances` });
    }
    if (t.partitions === 1 && shape.partitions === 2) {
      warnings.push({ code: 'single-partition', subject: `topic ${res.target}`, message: 'grown from 1 to 2 partitions: consumers relying on total order across the topic must be checked' });
    }
    const retention = t.configs?.['retention.ms'];
    if (retention !== undefined && shape.storage === 'cloud' && (retention.trim() === '-1' || Number(retention) > DEFAULT_INSTANCE_RETENTION_MS)) {
      warnings.push({
        code: 'retention',
        subject: `topic ${res.target}`,
        message: `source keeps messages ${retention.trim() === '-1' ? 'forever' : `${(Number(retention) / 3_600_000).toFixed(0)} h`}; cloud-storage topics follow the instance retention (kafka.log.retention.hours, 72 h by default, 24-480 h)`,
      });
    }
    const mmb = t.configs?.['max.message.bytes'];
    if (mmb !== undefined && Number(mmb) > 10_485_760) {
      warnings.push({ code: 'message-size', subject: `topic ${res.target}`, message: `source allows ${mmb}-byte messages; AliKafka's limit is 10 MiB, larger messages will be rejected` });
    }
  }
  collisions('topic', topics.map((t) => ({ source: t.sourceName, target: t.name })), problems);

  // Consumer groups.
  const migrated = new Set(topicTargets.keys());
  const groups: PlannedGroup[] = [];
  const groupTargets = new Map<string, string>();
  const partitionsByTarget = new Map(topics.map((t) => [t.name, t.partitions]));
  for (const g of meta.consumerGroups ?? []) {
    const reason = groupSkipReason(g, migrated);
    if (reason) {
      skipped.push({ kind: 'group', name: g.groupId, reason });
      continue;
    }
    const res = resolveName('group', g.groupId, options.renameMap?.groups?.[g.groupId], noDots, problems);
    if (res.rename) renames.push(res.rename);
    groupTargets.set(g.groupId, res.target);
    const targets = groupTopics(g).map((t) => topicTargets.get(t)).filter((t): t is string => t !== undefined);
    groups.push({
      sourceId: g.groupId,
      name: res.target,
      address: terraformName('group', res.target),
      remark: remarkFor('group', g.groupId),
      topics: targets,
      members: g.members,
      imported: false,
    });
    if (g.members !== undefined && targets.length > 0) {
      const maxPartitions = Math.max(...targets.map((t) => partitionsByTarget.get(t) ?? 0));
      if (g.members > maxPartitions) {
        warnings.push({
          code: 'idle-consumers',
          subject: `group ${res.target}`,
          message: `${g.members} consumers but at most ${maxPartitions} partitions in its topics: ${g.members - maxPartitions} will sit idle`,
        });
      }
    }
  }
  collisions('group', groups.map((g) => ({ source: g.sourceId, target: g.name })), problems);

  // Users.
  const users: PlannedUser[] = [];
  const userTargets = new Map<string, string>();
  for (const u of meta.users ?? []) {
    const res = resolveName('user', u.name, options.renameMap?.users?.[u.name], noDots, problems);
    if (res.rename) renames.push(res.rename);
    userTargets.set(u.name, res.target);
    users.push(planUser(u, res.target));
    const w = scramWarning(u, res.target);
    if (w) warnings.push(w);
  }
  collisions('user', users.map((u) => ({ source: u.sourceName, target: u.name })), problems);

  // ACLs.
  const aclByAddress = new Map<string, PlannedAcl>();
  const renamedTopics = renames.filter((r) => r.kind === 'topic').map((r) => r.from);
  const renamedGroups = renames.filter((r) => r.kind === 'group').map((r) => r.from);
  for (const a of meta.acls ?? []) {
    const r = planAcl(a, {
      users: userTargets,
      topicName: (s) => topicTargets.get(s),
      groupName: (s) => groupTargets.get(s),
      renamedTopics,
      renamedGroups,
      usersUnavailable: meta.source.usersUnavailable,
    });
    if (r.skipped) skipped.push(r.skipped);
    warnings.push(...r.warnings);
    for (const acl of r.acls) if (!aclByAddress.has(acl.address)) aclByAddress.set(acl.address, acl);
  }
  const acls = [...aclByAddress.values()];
  if (acls.length > 0 && caps.specType === 'normal') {
    problems.push({ subject: 'acls', message: `${acls.length} ACL(s) planned, but Standard edition (normal) has no ACLs; use --spec-type professional or drop the users' ACLs from the metadata` });
  }

  // Instance and quota.
  const partitionsPlanned = topics.reduce((s, t) => s + t.partitions, 0);
  const maxMessageBytes = topics.reduce((m, t) => Math.max(m, Number(t.configs['max.message.bytes'] ?? 0)), 0);
  const instance = options.target.mode === 'new'
    ? planNewInstance(meta, options.target, caps.specType, partitionsPlanned, topics.length, acls.length > 0, maxMessageBytes || undefined, problems, previousInstance)
    : planExistingInstance(options.target, caps.specType);

  let partitionQuota: number | undefined;
  if (instance.mode === 'new') {
    const spec = findIoSpec(instance.ioMaxSpec);
    partitionQuota = spec ? spec.included + instance.partitionNum : undefined;
  } else if (instance.ioMaxSpec !== undefined) {
    const spec = findIoSpec(instance.ioMaxSpec);
    if (!spec) problems.push({ subject: '--io-max-spec', message: `unknown traffic spec ${JSON.stringify(instance.ioMaxSpec)}` });
    else partitionQuota = spec.included + (instance.partitionNum ?? 0);
  } else {
    warnings.push({
      code: 'quota-unchecked',
      subject: `instance ${instance.instanceId}`,
      message: 'partition and group quota not checked: pass --io-max-spec (and --partition-num) of the existing instance to check them',
    });
  }
  const quota: QuotaCheck = {
    partitionQuota,
    groupQuota: partitionQuota === undefined ? undefined : 2 * partitionQuota,
    topics: topics.length,
    partitions: partitionsPlanned,
    groups: groups.length,
  };
  if (partitionQuota !== undefined) {
    const fix = instance.mode === 'new' ? 'raise --partition-num or choose a larger --io-max-spec' : 'buy more partitions for the instance or migrate fewer topics';
    if (topics.length > partitionQuota) {
      problems.push({ subject: 'partition quota', message: `${topics.length} topics exceed the instance's ${partitionQuota} topic quota (= partition quota); ${fix}` });
    }
    if (partitionsPlanned > partitionQuota) {
      problems.push({ subject: 'partition quota', message: `${partitionsPlanned} partitions planned exceed the instance's partition quota of ${partitionQuota}; ${fix}` });
    } else if (partitionsPlanned > QUOTA_HEADROOM_WARNING * partitionQuota) {
      warnings.push({
        code: 'quota-headroom',
        subject: 'partition quota',
        message: `${partitionsPlanned} of ${partitionQuota} partitions used (${Math.round((100 * partitionsPlanned) / partitionQuota)}%): little room to add partitions later`,
      });
    }
    if (groups.length > 2 * partitionQuota) {
      problems.push({ subject: 'group quota', message: `${groups.length} consumer groups exceed the instance's group quota of ${2 * partitionQuota} (2 x partitions); ${fix}` });
    }
  }

  const targetDifferences = options.existingTarget && options.target.mode === 'existing'
    ? adoptExisting(options.existingTarget, topics, groups, users, warnings)
    : [];

  if (problems.length > 0) throw new PlanError(problems);

  return {
    planVersion: 1,
    source: {
      kind: meta.source.kind,
      clusterId: meta.source.clusterId,
      kafkaVersion: meta.source.kafkaVersion,
      endpoint: meta.source.endpoint,
      collectedAt: meta.source.collectedAt,
    },
    instance,
    topics: topics.sort((a, b) => cmp(a.name, b.name)),
    groups: groups.sort((a, b) => cmp(a.name, b.name)),
    users: users.sort((a, b) => cmp(a.name, b.name)),
    acls: acls.sort((a, b) => cmp(a.address, b.address)),
    renames: renames.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.from, b.from)),
    skipped: skipped.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name)),
    configDecisions: configDecisions.sort((a, b) => cmp(a.topic, b.topic) || cmp(a.key, b.key)),
    warnings: warnings.sort((a, b) => cmp(a.code, b.code) || cmp(a.subject, b.subject) || cmp(a.message, b.message)),
    quota,
    removed: removed.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name)),
    targetDifferences: targetDifferences.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name) || cmp(a.field, b.field)),
  };
}

/**
 * Marks planned objects that already exist on the target as imported, and resolves differences so that
 * the plan never shrinks or replaces an existing topic: a higher partition count on the target is kept,
 * and storage and compaction (both ForceNew) are kept as they are on the target. Mutates the planned lists.
 */
function adoptExisting(
  inv: TargetInventory,
  topics: PlannedTopic[],
  groups: PlannedGroup[],
  users: PlannedUser[],
  warnings: PlanWarning[],
): TargetDifference[] {
  const diffs: TargetDifference[] = [];
  topics.forEach((t, i) => {
    const existing = inv.topics.get(t.name);
    if (!existing) return;
    let next: PlannedTopic = { ...t, imported: true };
    if (existing.partitions > t.partitions) {
      diffs.push({ kind: 'topic', name: t.name, field: 'partitions', planned: String(t.partitions), target: String(existing.partitions), resolution: 'kept the target\'s higher count: partitions are never planned downwards' });
      next = { ...next, partitions: existing.partitions };
    } else if (existing.partitions < t.partitions) {
      diffs.push({ kind: 'topic', name: t.name, field: 'partitions', planned: String(t.partitions), target: String(existing.partitions), resolution: `terraform will add ${t.partitions - existing.partitions} partition(s) to the existing topic` });
    }
    if (existing.compact !== undefined && existing.compact !== t.compact) {
      diffs.push({ kind: 'topic', name: t.name, field: 'compact_topic', planned: String(t.compact), target: String(existing.compact), resolution: 'kept as on the target (ignore_changes): changing it would replace (delete and recreate) the topic' });
      next = { ...next, compact: existing.compact };
    }
    const local = existing.local ?? (existing.compact ? true : undefined);
    if (local !== undefined && local !== (next.storage === 'local')) {
      diffs.push({ kind: 'topic', name: t.name, field: 'local_topic', planned: String(next.storage === 'local'), target: String(local), resolution: 'kept as on the target (ignore_changes): changing it would replace (delete and recreate) the topic' });
      next = { ...next, storage: local ? 'local' : 'cloud', configs: local ? next.configs : {} };
    }
    topics[i] = next;
  });
  groups.forEach((g, i) => {
    if (inv.groups.has(g.name)) groups[i] = { ...g, imported: true };
  });
  users.forEach((u, i) => {
    if (!inv.users.has(u.name)) return;
    users[i] = { ...u, imported: true };
    warnings.push({ code: 'adopted-user', subject: `user ${u.name}`, message: 'already on the target: imported with its current password (changes to the password variable are ignored for it)' });
  });
  return diffs;
}
