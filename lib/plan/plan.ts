import {
  ADOPTED_IGNORE_CHANGES,
  EDITIONS,
  findIoSpec,
  HOUR_MS,
  importId,
  INSTANCE_CONFIG_KEYS,
  INSTANCE_RETENTION_HOURS,
  MESSAGE_MAX_BYTES,
  PARTITIONS_PER_TOPIC,
  quotasFor,
  GROUPS_PER_QUOTA_PARTITION,
  RECOMMENDED_PARTITIONS,
} from '../alikafka';
import { ClusterMetadata, ConsumerGroupMetadata, ExistingObjects, TopicMetadata } from '../model';
import { optionProblem, PlanError, PlanProblem } from './errors';
import { formatBytes } from './format';
import { mergePrevious } from './incremental';
import { InstanceNeeds, planExistingInstance, planNewInstance, TargetCapabilities, targetCapabilities } from './instance';
import { NamedKind, nameProblem, nameRule, remarkFor, sanitizeName, terraformName } from './names';
import { planAcl, planUser, scramWarning } from './security';
import { evaluateSizing, SizingEvaluation, sizingInputFromMetadata } from './sizing';
import { shapeTopic, topicSelection } from './topics';
import {
  ConfigDecision,
  MigrationPlan,
  PlannedAcl,
  PlannedExistingInstance,
  PlannedGroup,
  PlannedNewInstance,
  PlannedTopic,
  PlannedUser,
  PlanOptions,
  PlanWarning,
  QuotaCheck,
  RemovedObject,
  Rename,
  SinglePartitionPolicy,
  Skipped,
  TargetDifference,
} from './types';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Share of the partition quota above which the plan warns about headroom. */
export const QUOTA_HEADROOM_WARNING = 0.8;

const FEW_PARTITIONS = RECOMMENDED_PARTITIONS.min;
const MANY_PARTITIONS = RECOMMENDED_PARTITIONS.max;

/** The state the planning steps share: what they read, and the lists they fill. */
interface PlanContext {
  readonly meta: ClusterMetadata;
  readonly options: PlanOptions;
  readonly noDots: boolean;
  readonly caps: TargetCapabilities;
  readonly singlePartition: SinglePartitionPolicy;
  readonly removed: RemovedObject[];
  readonly previousInstance?: PlannedNewInstance;
  /** The evaluation of a new instance whose settings are not all given. */
  readonly sizing?: SizingEvaluation;
  readonly problems: PlanProblem[];
  readonly warnings: PlanWarning[];
  readonly renames: Rename[];
  readonly skipped: Skipped[];
  readonly configDecisions: ConfigDecision[];
  readonly topics: PlannedTopic[];
  readonly groups: PlannedGroup[];
  readonly users: PlannedUser[];
  /** Source name → target name of the planned objects. */
  readonly topicTargets: Map<string, string>;
  readonly groupTargets: Map<string, string>;
  readonly userTargets: Map<string, string>;
}

/**
 * Turns validated metadata and options into a `MigrationPlan`. Pure: no I/O.
 * Throws `PlanError` listing every problem (name collisions, partitions out of range, quota exceeded, ...).
 */
export function planMigration(current: ClusterMetadata, options: PlanOptions): MigrationPlan {
  const ctx = createContext(current, options);
  planTopics(ctx);
  planGroups(ctx);
  planUsers(ctx);
  const acls = planAcls(ctx);
  const instance = planInstance(ctx, acls.length > 0);
  const quota = checkQuota(ctx, instance);
  const targetDifferences = options.existing && options.target.mode === 'existing' ? adoptExisting(ctx, options.existing, options.target.instanceId) : [];
  if (ctx.problems.length > 0) throw new PlanError(ctx.problems);
  return assemble(ctx, instance, acls, quota, targetDifferences);
}

/**
 * Evaluates the estate (lib/plan/sizing.ts) for a new instance when any of its sizing settings is not given: the
 * plan then takes each of those from the evaluation. An estate no spec can carry is a problem naming the dimension
 * and a split into instances that each fit.
 */
function evaluateNewInstance(meta: ClusterMetadata, options: PlanOptions, problems: PlanProblem[]): SizingEvaluation | undefined {
  const t = options.target;
  if (t.mode !== 'new') return undefined;
  if (t.specType !== undefined && t.ioMaxSpec !== undefined && t.diskSize !== undefined && t.partitionNum !== undefined) return undefined;
  let evaluation: SizingEvaluation;
  try {
    evaluation = evaluateSizing(sizingInputFromMetadata(meta, { include: options.include, exclude: options.exclude, multiZone: t.zoneIds.length > 1 ? true : undefined }));
  } catch (e) {
    if (e instanceof PlanError) {
      problems.push(...e.problems);
      return undefined;
    }
    throw e;
  }
  if (!evaluation.fits) {
    const split = evaluation.split?.sets.map((s, i) => `instance ${i + 1} (${s.ioMaxSpec}): ${s.include.map((g) => `--include ${g}`).join(' ')}`).join('; ');
    for (const p of evaluation.problems) {
      problems.push({ subject: `sizing ${p.dimension}`, message: `${p.message}${split ? `; split the estate into instances that each fit: ${split}` : ''}` });
    }
  }
  return evaluation;
}

function createContext(current: ClusterMetadata, options: PlanOptions): PlanContext {
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
        const prev = planMigration(options.previous, { ...options, previous: undefined, allowDestroy: undefined, existing: undefined });
        if (prev.instance.mode === 'new') previousInstance = prev.instance;
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
        problems.push(optionProblem('previous', `the previous export does not plan with these options (${e.problems.map((p) => p.message).join('; ')})`));
      }
    }
  } else if (options.allowDestroy) {
    problems.push(optionProblem('allowDestroy', 'only applies with a previous export (it lets objects gone from the source since then be destroyed)'));
  }
  if (options.existing && options.target.mode !== 'existing') {
    problems.push(optionProblem('existing', 'adopting objects needs the existing instance: give its instance ID'));
  }
  const sizing = evaluateNewInstance(meta, options, problems);
  const caps = targetCapabilities(options.target, previousInstance?.specType ?? sizing?.instance?.specType);
  problems.push(...caps.problems);
  if (options.singlePartition !== undefined && !['local', 'grow'].includes(options.singlePartition)) {
    problems.push(optionProblem('singlePartition', `must be local or grow, got ${JSON.stringify(options.singlePartition)}`));
  }
  return {
    meta,
    options,
    noDots: Boolean(options.noDots),
    caps,
    singlePartition: options.singlePartition ?? (caps.localStorage ? 'local' : 'grow'),
    removed,
    previousInstance,
    sizing,
    problems,
    warnings: [...caps.warnings, ...(sizing?.warnings ?? []).map((w): PlanWarning => ({ code: 'sizing', subject: w.subject, message: w.message }))],
    renames: [],
    skipped: [],
    configDecisions: [],
    topics: [],
    groups: [],
    users: [],
    topicTargets: new Map(),
    groupTargets: new Map(),
    userTargets: new Map(),
  };
}

/** The target name of one object: its rename-map entry, its own name, or the documented rename rule. */
function resolveName(ctx: PlanContext, kind: NamedKind, source: string): string {
  const rule = nameRule(kind, ctx.noDots);
  const section = kind === 'topic' ? 'topics' : kind === 'group' ? 'groups' : 'users';
  const mapped = ctx.options.renameMap?.[section]?.[source];
  if (mapped !== undefined) {
    const problem = nameProblem(mapped, rule, ctx.noDots);
    if (problem !== undefined) {
      ctx.problems.push(optionProblem('renameMap', `target ${JSON.stringify(mapped)} ${kind === 'user' ? `must be ${rule.min}-${rule.max} characters of [${rule.chars}]` : problem}`, `.${section}[${JSON.stringify(source)}]`));
    }
    if (mapped !== source) ctx.renames.push({ kind, from: source, to: mapped, reason: 'rename map' });
    return mapped;
  }
  const problem = nameProblem(source, rule, ctx.noDots);
  if (problem === undefined) return source;
  const target = sanitizeName(source, rule);
  const why = kind === 'user' ? `user names must be ${rule.min}-${rule.max} characters of [${rule.chars}]` : `the name ${problem}`;
  ctx.renames.push({ kind, from: source, to: target, reason: `${why}; renamed by the documented rule` });
  return target;
}

function collisions(ctx: PlanContext, kind: NamedKind, pairs: ReadonlyArray<{ source: string; target: string }>): void {
  const byTarget = new Map<string, string[]>();
  for (const p of pairs) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p.source]);
  for (const [target, sources] of [...byTarget.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    if (sources.length > 1) {
      ctx.problems.push({
        subject: `${kind} ${target}`,
        message: `source ${kind}s ${sources.map((s) => JSON.stringify(s)).join(' and ')} all map to ${JSON.stringify(target)}; give them distinct names in the rename map`,
      });
    }
  }
}

function topicWarnings(ctx: PlanContext, t: TopicMetadata, p: PlannedTopic): void {
  const subject = `topic ${p.name}`;
  if (p.partitions < FEW_PARTITIONS) {
    ctx.warnings.push({ code: 'few-partitions', subject, message: `${p.partitions} partition(s): fewer than ${FEW_PARTITIONS} limits consumer parallelism and throughput on AliKafka` });
  } else if (p.partitions > MANY_PARTITIONS) {
    ctx.warnings.push({ code: 'many-partitions', subject, message: `${p.partitions} partitions: more than ${MANY_PARTITIONS} risks frequent rebalances` });
  }
  if (t.partitions < p.partitions) {
    ctx.warnings.push({ code: 'single-partition', subject, message: `grown from ${t.partitions} to ${p.partitions} partitions: consumers relying on total order across the topic must be checked` });
  }
  const retention = t.configs?.['retention.ms'];
  const instanceDefaultMs = INSTANCE_RETENTION_HOURS.default * HOUR_MS;
  if (retention !== undefined && p.storage === 'cloud' && (retention.trim() === '-1' || Number(retention) > instanceDefaultMs)) {
    const r = INSTANCE_RETENTION_HOURS;
    ctx.warnings.push({
      code: 'retention',
      subject,
      message: `source keeps messages ${retention.trim() === '-1' ? 'forever' : `${(Number(retention) / HOUR_MS).toFixed(0)} h`}; cloud-storage topics follow the instance retention (${INSTANCE_CONFIG_KEYS.retentionHours}, ${r.default} h by default, ${r.min}-${r.max} h)`,
    });
  }
  const mmb = t.configs?.['max.message.bytes'];
  if (mmb !== undefined && Number(mmb) > MESSAGE_MAX_BYTES.max) {
    ctx.warnings.push({ code: 'message-size', subject, message: `source allows ${mmb}-byte messages; AliKafka's limit is ${formatBytes(MESSAGE_MAX_BYTES.max)}, larger messages will be rejected` });
  }
}

function planTopics(ctx: PlanContext): void {
  for (const t of ctx.meta.topics) {
    const sel = topicSelection(t, ctx.options.include, ctx.options.exclude);
    if (!sel.selected) {
      ctx.skipped.push({ kind: 'topic', name: t.name, reason: sel.reason });
      continue;
    }
    if (t.partitions > PARTITIONS_PER_TOPIC.max) {
      ctx.problems.push({ subject: `topic ${t.name}`, message: `has ${t.partitions} partitions; AliKafka accepts ${PARTITIONS_PER_TOPIC.min}-${PARTITIONS_PER_TOPIC.max} per topic (more needs a support ticket), so exclude it or split it` });
      continue;
    }
    const name = resolveName(ctx, 'topic', t.name);
    const shape = shapeTopic(t, ctx.caps.localStorage, ctx.singlePartition);
    if (shape.storage === 'local' && !ctx.caps.localStorage) {
      ctx.problems.push({
        subject: `topic ${t.name}`,
        message: `needs local storage (${shape.compact ? 'cleanup.policy=compact' : '1 partition'}), which edition ${ctx.caps.specType} does not offer; use edition professional or exclude the topic`,
      });
    }
    ctx.configDecisions.push(...shape.decisions);
    ctx.topicTargets.set(t.name, name);
    const planned: PlannedTopic = {
      sourceName: t.name,
      name,
      terraformName: terraformName('topic', name),
      partitions: shape.partitions,
      sourcePartitions: t.partitions,
      storage: shape.storage,
      compact: shape.compact,
      configs: shape.configs,
      remark: remarkFor('topic', t.name),
      notes: shape.notes,
      preventDestroy: true,
    };
    ctx.topics.push(planned);
    topicWarnings(ctx, t, planned);
  }
  collisions(ctx, 'topic', ctx.topics.map((t) => ({ source: t.sourceName, target: t.name })));
}

function groupTopics(g: ConsumerGroupMetadata): string[] {
  const s = new Set<string>(g.topics ?? []);
  for (const o of g.offsets ?? []) s.add(o.topic);
  return [...s].sort(cmp);
}

function groupSkipReason(g: ConsumerGroupMetadata, migratedTopics: ReadonlyMap<string, string>): string | undefined {
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

function planGroups(ctx: PlanContext): void {
  const partitionsByTarget = new Map(ctx.topics.map((t) => [t.name, t.partitions]));
  for (const g of ctx.meta.consumerGroups ?? []) {
    const reason = groupSkipReason(g, ctx.topicTargets);
    if (reason) {
      ctx.skipped.push({ kind: 'group', name: g.groupId, reason });
      continue;
    }
    const name = resolveName(ctx, 'group', g.groupId);
    ctx.groupTargets.set(g.groupId, name);
    const targets = groupTopics(g).map((t) => ctx.topicTargets.get(t)).filter((t): t is string => t !== undefined);
    ctx.groups.push({ sourceId: g.groupId, name, terraformName: terraformName('group', name), remark: remarkFor('group', g.groupId), topics: targets, members: g.members });
    if (g.members !== undefined && targets.length > 0) {
      const maxPartitions = Math.max(...targets.map((t) => partitionsByTarget.get(t) ?? 0));
      if (g.members > maxPartitions) {
        ctx.warnings.push({
          code: 'idle-consumers',
          subject: `group ${name}`,
          message: `${g.members} consumers but at most ${maxPartitions} partitions in its topics: ${g.members - maxPartitions} will sit idle`,
        });
      }
    }
  }
  collisions(ctx, 'group', ctx.groups.map((g) => ({ source: g.sourceId, target: g.name })));
}

function planUsers(ctx: PlanContext): void {
  for (const u of ctx.meta.users ?? []) {
    const name = resolveName(ctx, 'user', u.name);
    ctx.userTargets.set(u.name, name);
    ctx.users.push(planUser(u, name));
    const w = scramWarning(u, name);
    if (w) ctx.warnings.push(w);
  }
  collisions(ctx, 'user', ctx.users.map((u) => ({ source: u.sourceName, target: u.name })));
}

function planAcls(ctx: PlanContext): PlannedAcl[] {
  const byName = new Map<string, PlannedAcl>();
  const renamedTopics = ctx.renames.filter((r) => r.kind === 'topic').map((r) => r.from);
  const renamedGroups = ctx.renames.filter((r) => r.kind === 'group').map((r) => r.from);
  for (const a of ctx.meta.acls ?? []) {
    const r = planAcl(a, {
      users: ctx.userTargets,
      topicName: (s) => ctx.topicTargets.get(s),
      groupName: (s) => ctx.groupTargets.get(s),
      renamedTopics,
      renamedGroups,
      usersUnavailable: ctx.meta.source.usersUnavailable,
    });
    if (r.skipped) ctx.skipped.push(r.skipped);
    ctx.warnings.push(...r.warnings);
    for (const acl of r.acls) if (!byName.has(acl.terraformName)) byName.set(acl.terraformName, acl);
  }
  const acls = [...byName.values()];
  const edition = EDITIONS[ctx.caps.specType];
  if (acls.length > 0 && !edition.acl) {
    ctx.problems.push({ subject: 'acls', message: `${acls.length} ACL(s) planned, but ${edition.title} (${edition.specType}) has no ACLs; use edition professional or drop the users' ACLs from the metadata` });
  }
  return acls;
}

function planInstance(ctx: PlanContext, aclsPlanned: boolean): PlannedNewInstance | PlannedExistingInstance {
  const target = ctx.options.target;
  if (target.mode === 'existing') return planExistingInstance(target, ctx.caps.specType, ctx.problems);
  const largest = ctx.topics.reduce((m, t) => Math.max(m, Number(t.configs['max.message.bytes'] ?? 0)), 0);
  const needs: InstanceNeeds = {
    partitions: ctx.topics.reduce((s, t) => s + t.partitions, 0),
    topics: ctx.topics.length,
    acls: aclsPlanned,
    maxMessageBytes: largest || undefined,
  };
  return planNewInstance(ctx.meta, target, ctx.caps.specType, needs, ctx.problems, ctx.previousInstance, ctx.sizing);
}

function partitionQuotaOf(ctx: PlanContext, instance: PlannedNewInstance | PlannedExistingInstance): number | undefined {
  if (instance.mode === 'new') {
    const spec = findIoSpec(instance.ioMaxSpec);
    return spec ? spec.included + instance.partitionNum : undefined;
  }
  if (instance.ioMaxSpec !== undefined) {
    const spec = findIoSpec(instance.ioMaxSpec);
    if (!spec) ctx.problems.push(optionProblem('target.ioMaxSpec', `unknown traffic spec ${JSON.stringify(instance.ioMaxSpec)}`));
    return spec ? spec.included + (instance.partitionNum ?? 0) : undefined;
  }
  ctx.warnings.push({
    code: 'quota-unchecked',
    subject: `instance ${instance.instanceId}`,
    message: 'partition and group quota not checked: give the existing instance\'s traffic spec (and purchased partitions) to check them',
  });
  return undefined;
}

function checkQuota(ctx: PlanContext, instance: PlannedNewInstance | PlannedExistingInstance): QuotaCheck {
  const partitionQuota = partitionQuotaOf(ctx, instance);
  const partitions = ctx.topics.reduce((s, t) => s + t.partitions, 0);
  const quotas = partitionQuota === undefined ? undefined : quotasFor(partitionQuota);
  const quota: QuotaCheck = { partitionQuota, groupQuota: quotas?.groups, topics: ctx.topics.length, partitions, groups: ctx.groups.length };
  if (quotas === undefined) return quota;
  const fix = instance.mode === 'new' ? 'buy more partitions or choose a larger traffic spec' : 'buy more partitions for the instance or migrate fewer topics';
  if (ctx.topics.length > quotas.topics) {
    ctx.problems.push({ subject: 'partition quota', message: `${ctx.topics.length} topics exceed the instance's ${quotas.topics} topic quota (= partition quota); ${fix}` });
  }
  if (partitions > quotas.partitions) {
    ctx.problems.push({ subject: 'partition quota', message: `${partitions} partitions planned exceed the instance's partition quota of ${quotas.partitions}; ${fix}` });
  } else if (partitions > QUOTA_HEADROOM_WARNING * quotas.partitions) {
    ctx.warnings.push({
      code: 'quota-headroom',
      subject: 'partition quota',
      message: `${partitions} of ${quotas.partitions} partitions used (${Math.round((100 * partitions) / quotas.partitions)}%): little room to add partitions later`,
    });
  }
  if (ctx.groups.length > quotas.groups) {
    ctx.problems.push({ subject: 'group quota', message: `${ctx.groups.length} consumer groups exceed the instance's group quota of ${quotas.groups} (${GROUPS_PER_QUOTA_PARTITION} x partitions); ${fix}` });
  }
  return quota;
}

const REPLACE_REASON = 'kept as on the target (ignore_changes): changing it would replace (delete and recreate) the topic';

/**
 * Marks planned objects that already exist on the target as adopted, and resolves differences so that the plan
 * never shrinks or replaces an existing topic: a higher partition count on the target is kept, and storage and
 * compaction (both replace the topic when they change) are kept as they are on the target.
 */
function adoptExisting(ctx: PlanContext, existing: ExistingObjects, instanceId: string): TargetDifference[] {
  const diffs: TargetDifference[] = [];
  ctx.topics.forEach((t, i) => {
    const found = existing.topics.get(t.name);
    if (!found) return;
    let next: PlannedTopic = {
      ...t,
      adopted: { importId: importId(instanceId, t.name), ignoreChanges: ADOPTED_IGNORE_CHANGES.topic, reason: 'storage and compaction are kept as on the target: changing them would replace (delete and recreate) the topic' },
    };
    const diff = (field: string, planned: string, target: string, resolution: string): void => {
      diffs.push({ kind: 'topic', name: t.name, field, planned, target, resolution });
    };
    if (found.partitions > t.partitions) {
      diff('partitions', String(t.partitions), String(found.partitions), 'kept the target\'s higher count: partitions are never planned downwards');
      next = { ...next, partitions: found.partitions };
    } else if (found.partitions < t.partitions) {
      diff('partitions', String(t.partitions), String(found.partitions), `terraform will add ${t.partitions - found.partitions} partition(s) to the existing topic`);
    }
    if (found.compact !== undefined && found.compact !== t.compact) {
      diff('compact_topic', String(t.compact), String(found.compact), REPLACE_REASON);
      next = { ...next, compact: found.compact };
    }
    const local = found.local ?? (found.compact ? true : undefined);
    if (local !== undefined && local !== (next.storage === 'local')) {
      diff('local_topic', String(next.storage === 'local'), String(local), REPLACE_REASON);
      next = { ...next, storage: local ? 'local' : 'cloud', configs: local ? next.configs : {} };
    }
    ctx.topics[i] = next;
  });
  ctx.groups.forEach((g, i) => {
    if (!existing.groups.has(g.name)) return;
    ctx.groups[i] = { ...g, adopted: { importId: importId(instanceId, g.name), ignoreChanges: ADOPTED_IGNORE_CHANGES.group, reason: 'the remark is kept as on the target: a change would recreate the group and lose its offsets' } };
  });
  ctx.users.forEach((u, i) => {
    if (!existing.users.has(u.name)) return;
    ctx.users[i] = { ...u, adopted: { importId: importId(instanceId, u.name), ignoreChanges: ADOPTED_IGNORE_CHANGES.user, reason: 'the user keeps its current password' } };
    ctx.warnings.push({ code: 'adopted-user', subject: `user ${u.name}`, message: 'already on the target: imported with its current password (changes to the password variable are ignored for it)' });
  });
  return diffs;
}

function assemble(
  ctx: PlanContext,
  instance: PlannedNewInstance | PlannedExistingInstance,
  acls: PlannedAcl[],
  quota: QuotaCheck,
  targetDifferences: TargetDifference[],
): MigrationPlan {
  const src = ctx.meta.source;
  return {
    planVersion: 1,
    source: { kind: src.kind, clusterId: src.clusterId, kafkaVersion: src.kafkaVersion, endpoint: src.endpoint, collectedAt: src.collectedAt },
    instance,
    topics: ctx.topics.sort((a, b) => cmp(a.name, b.name)),
    groups: ctx.groups.sort((a, b) => cmp(a.name, b.name)),
    users: ctx.users.sort((a, b) => cmp(a.name, b.name)),
    acls: acls.sort((a, b) => cmp(a.terraformName, b.terraformName)),
    renames: ctx.renames.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.from, b.from)),
    skipped: ctx.skipped.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name)),
    configDecisions: ctx.configDecisions.sort((a, b) => cmp(a.topic, b.topic) || cmp(a.key, b.key)),
    warnings: ctx.warnings.sort((a, b) => cmp(a.code, b.code) || cmp(a.subject, b.subject) || cmp(a.message, b.message)),
    quota,
    removed: ctx.removed.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name)),
    targetDifferences: targetDifferences.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name) || cmp(a.field, b.field)),
  };
}
