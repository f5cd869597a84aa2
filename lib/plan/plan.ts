import {
  ADOPTED_IGNORE_CHANGES,
  EDITIONS,
  findIoSpec,
  importId,
  INSTANCE_CONFIG_KEYS,
  INSTANCE_RETENTION_HOURS,
  MESSAGE_MAX_BYTES,
  PARTITIONS_PER_TOPIC,
  quotasFor,
  GROUPS_PER_QUOTA_PARTITION,
  RECOMMENDED_PARTITIONS,
  ALLOWED_IP_PORT_RANGES,
  INSTANCE_ENDPOINTS,
  RESERVED_TAG_KEY,
  TAG_LIMITS,
  isAllowedChar,
  IO_SPECS,
  REMARK,
  describeNameRule,
} from '../alikafka';
import { ClusterMetadata, ConsumerGroupMetadata, ExistingObjects, TopicMetadata } from '../model';
import { estateProblem, optionProblem, PlanError, PlanOptionPath, PlanProblem } from './errors';
import { formatBytes } from './format';
import { mergePrevious } from './incremental';
import { InstanceNeeds, planExistingInstance, planNewInstance, TargetCapabilities, targetCapabilities } from './instance';
import { compileGlob, NamedKind, nameProblem, nameRule, remarkFor, sanitizeName, terraformName } from './names';
import { planAcls as mapAcls, usersTouching } from './acls';
import { sourceChanges } from './changes';
import { isPrivateCidr, parseCidr } from './cidr';
import { ConnectCluster, findConnectClusters } from './connect';
import { CONSOLE_CONSUMER_GROUP_PREFIX, INTERNAL_GROUP_PREFIXES, isCompacted } from '../kafka';
import { brokerSetting as brokersSetting, longestRetention, SourceRetention, sourceRetention as topicSourceRetention } from './retention';
import { planUser, scramWarning } from './security';
import { estimateApply, planShape } from './apply-estimate';
import { evaluateSizing, SizingEstate, SizingEvaluation, SizingFlags, SizingGroup, SizingInput, sizingInput, sourceRacks } from './sizing';
import { localStateWarning, planState } from './state';
import { planTransfer } from './transfer';
import { chainedPacing, planPacing } from './pacing';
import { mirrorMakerEvidence, shapeTopic, topicSelection } from './topics';
import {
  ConfigDecision,
  MigrationPlan,
  NewInstanceOptions,
  PlannedAcl,
  PlannedAllowedIp,
  PlannedEndpoint,
  PlannedExistingInstance,
  PlannedGroup,
  PlannedNewInstance,
  PlannedTopic,
  PlannedUser,
  PlanOptions,
  PlanWarning,
  QuotaCheck,
  RemovedObject,
  TransferPlan,
  Rename,
  SinglePartitionPolicy,
  Skipped,
  SourceChange,
  TargetDifference,
} from './types';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Share of the partition quota above which the plan warns about headroom. */
export const QUOTA_HEADROOM_WARNING = 0.8;

const FEW_PARTITIONS = RECOMMENDED_PARTITIONS.min;
const MANY_PARTITIONS = RECOMMENDED_PARTITIONS.max;

/** A topic the selection keeps, before the target's edition shapes it. */
interface SelectedTopic {
  /** The source topic (a Connect unit's topic with cleanup.policy compact). */
  readonly topic: TopicMetadata;
  readonly name: string;
  readonly connectCluster?: string;
  /** Why the topic goes on local storage when nothing else puts it there (a local-storage pattern). */
  readonly localReason?: string;
}

/** The state the planning steps share: what they read, and the lists they fill. */
interface PlanContext {
  readonly meta: ClusterMetadata;
  readonly options: PlanOptions;
  readonly noDots: boolean;
  /** The target's edition and what it offers: known once the estate is selected and sized. */
  caps: TargetCapabilities;
  singlePartition: SinglePartitionPolicy;
  readonly removed: RemovedObject[];
  readonly previousInstance?: PlannedNewInstance;
  /** The sizing input of the selected estate (a new instance). */
  sizingInput?: SizingInput;
  /** The evaluation of a new instance whose settings are not all given. */
  sizing?: SizingEvaluation;
  readonly problems: PlanProblem[];
  readonly warnings: PlanWarning[];
  readonly renames: Rename[];
  readonly skipped: Skipped[];
  readonly configDecisions: ConfigDecision[];
  /** The selected topics (Connect units' topics with their compaction), with their target names, before shaping. */
  readonly selected: SelectedTopic[];
  readonly topics: PlannedTopic[];
  readonly groups: PlannedGroup[];
  /** The planned groups with the selected topics each reads (source names), for sizing. */
  readonly groupReads: SizingGroup[];
  /** ACLs the selection plans. */
  aclCount: number;
  readonly users: PlannedUser[];
  /** Source name → target name of the planned objects. */
  readonly topicTargets: Map<string, string>;
  readonly groupTargets: Map<string, string>;
  readonly userTargets: Map<string, string>;
  /** Include or exclude patterns are given: groups, users and ACLs follow the selected topics. */
  readonly selectionActive: boolean;
  readonly mirrorMaker: boolean;
  readonly connect: readonly ConnectCluster[];
  /** Group IDs of the Kafka Connect clusters that are migrated. */
  readonly connectMigrated: Set<string>;
  readonly tags: Readonly<Record<string, string>>;
  readonly changes: SourceChange[];
  /** The source topics by name. */
  readonly sourceTopics: ReadonlyMap<string, TopicMetadata>;
}

/**
 * Turns validated metadata and options into a `MigrationPlan`. Pure: no I/O.
 * Throws `PlanError` listing every problem (name collisions, partitions out of range, quota exceeded, ...).
 */
export function planMigration(current: ClusterMetadata, options: PlanOptions): MigrationPlan {
  const ctx = createContext(current, options);
  const acls = selectEstate(ctx);
  sizeTarget(ctx);
  shapeTopics(ctx);
  groupWarnings(ctx);
  checkAclEdition(ctx, acls);
  const transfer = planTransferOf(ctx);
  const instance = planInstance(ctx, acls.length > 0, transfer);
  retentionWarnings(ctx, instance);
  const quota = checkQuota(ctx, instance, transfer);
  const targetDifferences = options.existing && options.target.mode === 'existing' ? adoptExisting(ctx, options.existing, options.target.instanceId) : [];
  const allowedIps = planAllowedIps(ctx, instance);
  const state = planState(options.backend, ctx.problems);
  const creating = [...ctx.topics, ...(transfer.mirrorMaker?.topics ?? [])].filter((t) => t.adopted === undefined).length;
  const slowState = localStateWarning(state, creating);
  if (slowState) ctx.warnings.push(slowState);
  if (ctx.problems.length > 0) throw new PlanError(ctx.problems);
  const plan = { ...assemble(ctx, instance, acls, quota, targetDifferences, allowedIps, state), transfer };
  const created = [...plan.topics, ...(transfer.mirrorMaker?.topics ?? [])].filter((t) => t.adopted === undefined).map((t) => t.terraformName);
  const chained = chainedPacing(state.backend);
  const pacing = planPacing(created, chained);
  return { ...plan, applyEstimate: estimateApply(created.length, planShape(created.length, chained)), ...(pacing ? { pacing } : {}) };
}

/** The transfer plan (lib/plan/transfer.ts) of the planned topics and groups, with MirrorMaker's own objects when asked. */
function planTransferOf(ctx: PlanContext): TransferPlan {
  const o = ctx.options;
  const mirror = o.mirror
    ? {
        options: o.mirror,
        specType: ctx.caps.specType,
        localStorage: ctx.caps.localStorage,
        noDots: ctx.noDots,
        tags: ctx.tags,
        existing: o.existing && o.target.mode === 'existing' ? { objects: o.existing, instanceId: o.target.instanceId } : undefined,
      }
    : undefined;
  return planTransfer(ctx.topics, ctx.groups, mirror, ctx.problems, o.noCopy === true);
}

/**
 * Selects the estate once: the topics (with Kafka Connect units), their target names, the groups, users and ACLs
 * that go with them. Nothing here depends on the target's edition, so sizing can read the selection. Returns the
 * planned ACLs.
 */
function selectEstate(ctx: PlanContext): PlannedAcl[] {
  selectTopics(ctx);
  planGroups(ctx);
  planUsers(ctx);
  return planAcls(ctx);
}

/** The selected estate as sizing reads it. */
function estateOf(ctx: PlanContext, acls: number): SizingEstate {
  return {
    topics: ctx.selected.map((s) => s.topic),
    groups: ctx.groupReads,
    acls,
    singlePartition: ctx.options.singlePartition,
    narrowed: ctx.selectionActive,
  };
}

/** The sizing flags the plan options give (the instance retention, the zones). */
function sizingFlagsOf(options: PlanOptions): SizingFlags {
  const t = options.target;
  return {
    include: options.include,
    exclude: options.exclude,
    retentionHours: t.mode === 'new' ? t.retentionHours : undefined,
    localReplicas: t.mode === 'new' ? t.localReplicas : undefined,
    diskType: t.mode === 'new' ? t.diskType : undefined,
    multiZone: t.mode !== 'new' || t.zoneIds.length === 0 ? undefined : t.zoneIds.length > 1,
    zoneDetail:
      t.mode !== 'new' || t.zoneIds.length === 0
        ? undefined
        : t.zoneIds.length > 1
          ? `${t.zoneIds.length} zones given: multi-zone`
          : t.singleZone
            ? 'one zone given, and the single-zone option accepts it'
            : 'one zone given',
  };
}

/**
 * Sizes the target from the selected estate: the sizing input (always, for a new instance: the disk check reads
 * it), the evaluation when any sizing setting is not given, and then the target's edition and capabilities.
 */
function sizeTarget(ctx: PlanContext): void {
  const t = ctx.options.target;
  if (t.mode === 'new') {
    checkZoneRedundancy(ctx, t);
    try {
      ctx.sizingInput = sizingInput(ctx.meta, estateOf(ctx, ctx.aclCount), sizingFlagsOf(ctx.options));
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      ctx.problems.push(...e.problems);
    }
    if (ctx.sizingInput && !(t.specType !== undefined && t.ioMaxSpec !== undefined && t.diskSize !== undefined && t.partitionNum !== undefined)) {
      ctx.sizing = evaluateNewInstance(ctx.sizingInput, ctx.problems);
    }
    const floor = ctx.sizingInput?.specFloor;
    const given = t.ioMaxSpec !== undefined ? findIoSpec(t.ioMaxSpec) : undefined;
    if (floor && given && (given.writeMBps < floor.writeMBps || given.readMBps < floor.readMBps)) {
      ctx.warnings.push({
        code: 'sizing',
        subject: 'target.ioMaxSpec',
        option: 'target.ioMaxSpec',
        message: `${given.name} is smaller than the source instance's ${floor.ioMaxSpec} and no traffic was measured: check that it carries the source's load`,
      });
    }
  }
  const caps = targetCapabilities(t, ctx.previousInstance?.specType ?? ctx.sizing?.instance?.specType);
  ctx.caps = caps;
  ctx.singlePartition = ctx.options.singlePartition ?? (caps.localStorage ? 'local' : 'grow');
  ctx.problems.push(...caps.problems);
  ctx.warnings.push(...caps.warnings, ...(ctx.sizing?.warnings ?? []).map((w): PlanWarning => ({ code: 'sizing', subject: w.subject, message: w.message })));
}

/**
 * A source whose brokers span several racks keeps zone redundancy: one zone is refused unless the single-zone option
 * accepts it, and then the plan says the redundancy is dropped.
 */
function checkZoneRedundancy(ctx: PlanContext, t: NewInstanceOptions): void {
  const racks = sourceRacks(ctx.meta);
  if (t.singleZone && t.zoneIds.length > 1) {
    ctx.problems.push(
      optionProblem('target.singleZone', `accepts one zone, but ${t.zoneIds.length} zones are given: give one zone, or drop the single-zone option`),
    );
    return;
  }
  if (racks.length < 2 || t.zoneIds.length !== 1) return;
  const spread = `the source's brokers span ${racks.length} racks (${racks.join(', ')})`;
  if (t.singleZone) {
    ctx.warnings.push({
      code: 'single-zone',
      subject: 'target.singleZone',
      option: 'target.singleZone',
      message: `${spread}, but the instance is planned in one zone (${t.zoneIds[0]}) as asked: the source's zone redundancy is dropped, and a zone outage stops the target`,
    });
    return;
  }
  ctx.problems.push(
    estateProblem(
      'target.zoneIds',
      `${spread}, and one zone (${t.zoneIds[0]}) is given: give a second zone of the region for a multi-zone instance (the last zone is the standby), or accept one zone with the single-zone option`,
    ),
  );
}

/**
 * Evaluates the selected estate (lib/plan/sizing) for a new instance whose sizing settings are not all given: the
 * plan then takes each of those from the evaluation. An estate no spec can carry is a problem naming the dimension
 * and a split into instances that each fit.
 */
function evaluateNewInstance(input: SizingInput, problems: PlanProblem[]): SizingEvaluation {
  const evaluation = evaluateSizing(input);
  if (!evaluation.fits) {
    const split = evaluation.split?.sets.map((s, i) => `instance ${i + 1} (${s.ioMaxSpec}): ${s.include.map((g) => `\`include\` ${g}`).join(' ')}`).join('; ');
    for (const p of evaluation.problems) {
      problems.push({ subject: `sizing ${p.dimension}`, message: `${p.message}${split ? `; split the estate into instances that each fit: ${split}` : ''}` });
    }
  }
  return evaluation;
}

/**
 * The evaluation of the estate the plan would migrate with these options: the same selection and the same sizing as
 * `planMigration`, for `evaluate` (which adds its own traffic and headroom flags). Problems of the selection that do
 * not change what is sized (names, tags) are left to the plan.
 */
export function sizingInputForPlan(meta: ClusterMetadata, options: PlanOptions, flags: SizingFlags = {}): SizingInput {
  const ctx = createContext(meta, { ...options, previous: undefined, allowDestroy: undefined, existing: undefined });
  selectEstate(ctx);
  return sizingInput(ctx.meta, estateOf(ctx, ctx.aclCount), { ...sizingFlagsOf(options), ...flags });
}

/** The sizing input of the estate `include`/`exclude` select (every other plan option at its default). */
export function sizingInputFromMetadata(meta: ClusterMetadata, flags: SizingFlags = {}): SizingInput {
  return sizingInputForPlan(meta, { target: { mode: 'new', region: '', zoneIds: [] }, include: flags.include, exclude: flags.exclude }, flags);
}

function createContext(current: ClusterMetadata, options: PlanOptions): PlanContext {
  const problems: PlanProblem[] = [];
  let meta = current;
  let removed: RemovedObject[] = [];
  let previousInstance: PlannedNewInstance | undefined;
  let changes: SourceChange[] = [];
  if (options.previous) {
    let prev: MigrationPlan | undefined;
    try {
      prev = planMigration(options.previous, { ...options, previous: undefined, allowDestroy: undefined, existing: undefined });
      if (prev.instance.mode === 'new') previousInstance = prev.instance;
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      problems.push(optionProblem('previous', `the previous export does not plan with these options (${e.problems.map((p) => p.message).join('; ')})`));
    }
    const merged = mergePrevious(current, options.previous, Boolean(options.allowDestroy), prev);
    meta = merged.meta;
    removed = merged.removed;
    changes = sourceChanges(options.previous, current, prev);
  } else if (options.allowDestroy) {
    problems.push(optionProblem('allowDestroy', 'only applies with a previous export (it lets objects gone from the source since then be destroyed)'));
  }
  if (options.existing && options.target.mode !== 'existing') {
    problems.push(optionProblem('existing', 'adopting objects needs the existing instance: give its instance ID'));
  }
  // provisional until the estate is selected and sized (sizeTarget): selection does not depend on the edition
  const caps = targetCapabilities(options.target, previousInstance?.specType);
  if (options.singlePartition !== undefined && !['local', 'grow'].includes(options.singlePartition)) {
    problems.push(optionProblem('singlePartition', `must be local or grow, got ${JSON.stringify(options.singlePartition)}`));
  }
  if (options.denyAcls !== undefined && !['narrow', 'fail'].includes(options.denyAcls)) {
    problems.push(optionProblem('denyAcls', `must be narrow or fail, got ${JSON.stringify(options.denyAcls)}`));
  }
  if (options.connect !== undefined && !['skip', 'migrate'].includes(options.connect)) {
    problems.push(optionProblem('connect', `must be skip or migrate, got ${JSON.stringify(options.connect)}`));
  }
  const tags = checkTags(options.tags ?? {}, problems);
  const groupIds = (meta.consumerGroups ?? []).map((g) => g.groupId);
  return {
    meta,
    options,
    noDots: Boolean(options.noDots),
    caps,
    singlePartition: options.singlePartition ?? (caps.localStorage ? 'local' : 'grow'),
    removed,
    previousInstance,
    problems,
    warnings: [],
    renames: [],
    skipped: [],
    configDecisions: [],
    selected: [],
    topics: [],
    groups: [],
    groupReads: [],
    aclCount: 0,
    users: [],
    topicTargets: new Map(),
    groupTargets: new Map(),
    userTargets: new Map(),
    selectionActive: (options.include ?? []).length > 0 || (options.exclude ?? []).length > 0,
    mirrorMaker: mirrorMakerEvidence(meta.topics, groupIds),
    connect: findConnectClusters(meta),
    connectMigrated: new Set(),
    tags,
    changes,
    sourceTopics: new Map(meta.topics.map((t) => [t.name, t])),
  };
}

function checkTags(tags: Readonly<Record<string, string>>, problems: PlanProblem[]): Record<string, string> {
  const keys = Object.keys(tags).sort(cmp);
  if (keys.length > TAG_LIMITS.maxTags) problems.push(optionProblem('tags', `at most ${TAG_LIMITS.maxTags} tags per resource, got ${keys.length}`));
  for (const k of keys) {
    if (k.length === 0 || k.length > TAG_LIMITS.keyMax)
      problems.push(optionProblem('tags', `tag key ${JSON.stringify(k)} must be 1-${TAG_LIMITS.keyMax} characters`));
    else if (RESERVED_TAG_KEY.test(k))
      problems.push(optionProblem('tags', `tag key ${JSON.stringify(k)} starts with a reserved prefix (aliyun, acs:, http://, https://)`));
    if (tags[k].length > TAG_LIMITS.valueMax)
      problems.push(optionProblem('tags', `the value of tag ${JSON.stringify(k)} is longer than ${TAG_LIMITS.valueMax} characters`));
  }
  return Object.fromEntries(keys.map((k) => [k, tags[k]]));
}

/** The target name of one object: its rename-map entry, its own name, or the documented rename rule. */
function resolveName(ctx: PlanContext, kind: NamedKind, source: string): string {
  const rule = nameRule(kind, ctx.noDots);
  const section = kind === 'topic' ? 'topics' : kind === 'group' ? 'groups' : 'users';
  const mapped = ctx.options.renameMap?.[section]?.[source];
  if (mapped !== undefined) {
    const problem = nameProblem(mapped, rule, ctx.noDots);
    if (problem !== undefined) {
      ctx.problems.push(
        optionProblem(
          'renameMap',
          `target ${JSON.stringify(mapped)} ${kind === 'user' ? `must be ${rule.min}-${rule.max} characters of [${rule.chars}]` : problem}`,
          `.${section}[${JSON.stringify(source)}]`,
        ),
      );
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
    ctx.warnings.push({
      code: 'few-partitions',
      subject,
      message: `${p.partitions} partition(s): fewer than ${FEW_PARTITIONS} limits consumer parallelism and throughput on AliKafka`,
    });
  } else if (p.partitions > MANY_PARTITIONS) {
    ctx.warnings.push({ code: 'many-partitions', subject, message: `${p.partitions} partitions: more than ${MANY_PARTITIONS} risks frequent rebalances` });
  }
  if (t.partitions < p.partitions) {
    const asked = ctx.options.singlePartition;
    ctx.warnings.push({
      code: 'single-partition',
      subject,
      message:
        asked === 'local'
          ? `grown from ${t.partitions} to ${p.partitions} partitions although the single-partition policy is local: this edition has no local storage; consumers relying on total order across the topic must be checked`
          : `grown from ${t.partitions} to ${p.partitions} partitions: consumers relying on total order across the topic must be checked`,
      ...(asked !== undefined ? { option: 'singlePartition' as const } : {}),
    });
  }
  if (t.configs?.['message.timestamp.type'] === 'LogAppendTime' && p.storage === 'cloud') {
    ctx.warnings.push({
      code: 'timestamp-type',
      subject,
      message:
        "source stamps messages with the broker's append time (LogAppendTime); cloud-storage topics have no per-topic timestamp type, so messages keep the producer's timestamp (CreateTime): consumers that rely on append time must be checked",
    });
  }
  const mmb = t.configs?.['max.message.bytes'];
  if (mmb !== undefined && Number(mmb) > MESSAGE_MAX_BYTES.max) {
    ctx.warnings.push({
      code: 'message-size',
      subject,
      message: `source allows ${mmb}-byte messages; AliKafka's limit is ${formatBytes(MESSAGE_MAX_BYTES.max)}, larger messages will be rejected`,
    });
  }
}

function unmatchedPatterns(ctx: PlanContext): void {
  for (const [which, globs] of [
    ['include', ctx.options.include ?? []],
    ['exclude', ctx.options.exclude ?? []],
  ] as const) {
    for (const g of globs) {
      const re = compileGlob(g);
      if (!ctx.meta.topics.some((t) => re.test(t.name))) {
        ctx.warnings.push({
          code: 'selection-unmatched',
          subject: `${which} ${JSON.stringify(g)}`,
          message: `matches no topic of the source (${ctx.meta.topics.length} topics): check the pattern`,
          option: which,
        });
      }
    }
  }
}

/**
 * Rename-map entries that name no topic, group or user of the source (a typo, or an object gone from it): the
 * rename the user asked for cannot happen, so say so instead of planning the other names silently. Entries for
 * objects the selection leaves out are fine (one rename map can serve every instance of a split).
 */
function unmatchedRenames(ctx: PlanContext): void {
  const sections: ReadonlyArray<readonly ['topics' | 'groups' | 'users', string, ReadonlySet<string>]> = [
    ['topics', 'topic', new Set(ctx.meta.topics.map((t) => t.name))],
    ['groups', 'group', new Set((ctx.meta.consumerGroups ?? []).map((g) => g.groupId))],
    ['users', 'user', new Set((ctx.meta.users ?? []).map((u) => u.name))],
  ];
  for (const [section, kind, names] of sections) {
    for (const from of Object.keys(ctx.options.renameMap?.[section] ?? {}).sort(cmp)) {
      if (names.has(from)) continue;
      ctx.warnings.push({
        code: 'rename-unmatched',
        subject: `renameMap.${section}[${JSON.stringify(from)}]`,
        message: `names no ${kind} of the source (${names.size} ${kind}s): nothing is renamed by this entry; check the spelling`,
        option: 'renameMap',
      });
    }
  }
}

/** Decides once per Kafka Connect cluster whether it moves: its group and its topics, together. */
function decideConnect(ctx: PlanContext): Map<string, { cluster: ConnectCluster; reason?: string }> {
  const byTopic = new Map<string, { cluster: ConnectCluster; reason?: string }>();
  for (const c of ctx.connect) {
    let reason: string | undefined;
    let option: PlanOptionPath | undefined;
    const unit = `Kafka Connect cluster ${c.groupId} (its workers' group and ${c.topics.length > 0 ? `config/offset/status topics ${c.topics.join(', ')}` : 'no internal topics found'})`;
    if ((ctx.options.connect ?? 'skip') === 'skip') {
      reason = `${unit}: skipped as a unit; point the Connect workers at the target to recreate them, or plan with the connect policy migrate`;
    } else {
      const excl = (ctx.options.exclude ?? []).find((g) => [c.groupId, ...c.topics].some((n) => compileGlob(g).test(n)));
      const inc = ctx.options.include ?? [];
      if (excl !== undefined) {
        reason = `${unit}: skipped as a unit, exclude pattern ${JSON.stringify(excl)} matches part of it`;
        option = 'exclude';
      } else if (inc.length > 0 && !c.topics.some((t) => inc.some((g) => compileGlob(g).test(t)))) {
        reason = `${unit}: skipped as a unit, no include pattern matches its topics`;
        option = 'include';
      }
    }
    if (reason === undefined) ctx.connectMigrated.add(c.groupId);
    else
      ctx.warnings.push({
        code: 'connect',
        subject: `connect ${c.groupId}`,
        message: `Kafka Connect cluster not migrated: its connectors' configs and source offsets stay on the source cluster${option !== undefined ? ` (${reason})` : ''}`,
        ...(option !== undefined ? { option } : {}),
      });
    for (const t of c.topics) byTopic.set(t, { cluster: c, reason });
  }
  return byTopic;
}

/** Options given that change nothing in this plan: said, so the user does not believe they applied. */
function ignoredOptions(ctx: PlanContext): void {
  if (ctx.options.keepAllUsers && !ctx.selectionActive) {
    ctx.warnings.push({
      code: 'option-ignored',
      subject: 'keepAllUsers',
      message: 'has no effect without include or exclude patterns: every SASL user is planned anyway',
      option: 'keepAllUsers',
    });
  }
}

/** Selects the topics (Connect units decided once, include/exclude, internal topics) and resolves their names. */
function selectTopics(ctx: PlanContext): void {
  unmatchedPatterns(ctx);
  unmatchedLocalPatterns(ctx);
  unmatchedRenames(ctx);
  ignoredOptions(ctx);
  const connectTopics = decideConnect(ctx);
  for (const source of ctx.meta.topics) {
    const unit = connectTopics.get(source.name);
    let t = source;
    if (unit !== undefined) {
      if (unit.reason !== undefined) {
        ctx.skipped.push({ kind: 'topic', name: t.name, reason: unit.reason });
        continue;
      }
      // Connect's internal topics must be compacted: they move as compacted local-storage topics
      if (!isCompacted(t.configs)) t = { ...t, configs: { ...t.configs, 'cleanup.policy': 'compact' } };
    } else {
      const sel = topicSelection(t, ctx.options.include, ctx.options.exclude, ctx.mirrorMaker);
      if (!sel.selected) {
        ctx.skipped.push({ kind: 'topic', name: t.name, reason: sel.reason });
        continue;
      }
    }
    if (t.partitions > PARTITIONS_PER_TOPIC.max) {
      ctx.problems.push({
        subject: `topic ${t.name}`,
        message: `has ${t.partitions} partitions; AliKafka accepts ${PARTITIONS_PER_TOPIC.min}-${PARTITIONS_PER_TOPIC.max} per topic (more needs a support ticket), so exclude it or split it`,
      });
      continue;
    }
    const name = resolveName(ctx, 'topic', t.name);
    ctx.topicTargets.set(t.name, name);
    const local = localPattern(ctx, t);
    if (local !== undefined) t = { ...t, storageEngine: 'local' };
    ctx.selected.push({ topic: t, name, connectCluster: unit?.cluster.groupId, localReason: local?.reason });
  }
  collisions(
    ctx,
    'topic',
    ctx.selected.map((s) => ({ source: s.topic.name, target: s.name })),
  );
}

/**
 * The local-storage pattern that puts a non-compacted topic on local storage (compacted topics are local anyway,
 * and a topic the source keeps local stays local without one), with the reason the plan gives.
 */
function localPattern(ctx: PlanContext, t: TopicMetadata): { glob: string; reason: string } | undefined {
  if (isCompacted(t.configs) || t.storageEngine === 'local') return undefined;
  const glob = (ctx.options.localStorage ?? []).find((g) => compileGlob(g).test(t.name));
  if (glob === undefined) return undefined;
  return {
    glob,
    reason: `matches the local-storage pattern ${JSON.stringify(glob)}: on local storage as asked (native storage keeps the per-partition order, and the topic keeps its own retention and configs)`,
  };
}

/** Local-storage patterns that match no topic of the source. */
function unmatchedLocalPatterns(ctx: PlanContext): void {
  for (const g of ctx.options.localStorage ?? []) {
    const re = compileGlob(g);
    if (!ctx.meta.topics.some((t) => re.test(t.name))) {
      ctx.warnings.push({
        code: 'selection-unmatched',
        subject: `localStorage ${JSON.stringify(g)}`,
        message: `matches no topic of the source (${ctx.meta.topics.length} topics): check the pattern`,
        option: 'localStorage',
      });
    }
  }
}

/** Why a shaped topic is on local storage, for the problem when the edition has none. */
function localStorageCause(t: TopicMetadata, compact: boolean, localReason: string | undefined): string {
  if (compact) return 'cleanup.policy=compact';
  if (localReason !== undefined) return 'a local-storage pattern matches it';
  if (t.storageEngine === 'local') return 'it is on local storage on the source instance';
  return '1 partition';
}

/**
 * The remark a topic or group gets: the source's own remark (an AliKafka source) when it has one, in AliKafka's
 * remark rule, else one derived from the source name.
 */
function plannedRemark(kind: 'topic' | 'group', sourceName: string, remark: string | undefined, notes: string[]): string {
  if (remark === undefined || remark.trim() === '') return remarkFor(kind, sourceName);
  const carried = sanitizeName(remark, REMARK);
  if (carried !== remark) notes.push(`remark ${JSON.stringify(remark)} carried as ${JSON.stringify(carried)} (remarks are ${describeNameRule(REMARK)})`);
  return carried;
}

/**
 * The tags of a topic or group: the source's own tags (an AliKafka source), with the plan's tags on top. Keys AliKafka
 * reserves (`acs:`, `aliyun`: system tags) are not carried; tags beyond AliKafka's limit are a problem.
 */
function plannedTags(ctx: PlanContext, subject: string, source: Readonly<Record<string, string>> | undefined, notes: string[]): Record<string, string> {
  if (source === undefined || Object.keys(source).length === 0) return ctx.tags;
  const out: Record<string, string> = {};
  const reserved: string[] = [];
  for (const k of Object.keys(source).sort(cmp)) {
    if (RESERVED_TAG_KEY.test(k)) reserved.push(k);
    else if (k.length <= TAG_LIMITS.keyMax && source[k].length <= TAG_LIMITS.valueMax) out[k] = source[k];
  }
  if (reserved.length > 0) notes.push(`source tags ${reserved.map((k) => JSON.stringify(k)).join(', ')} not carried: system tags AliKafka sets itself`);
  const merged = { ...out, ...ctx.tags };
  const keys = Object.keys(merged).sort(cmp);
  if (keys.length > TAG_LIMITS.maxTags) {
    ctx.problems.push({
      subject,
      message: `${keys.length} tags (its own from the source plus the plan's): AliKafka allows at most ${TAG_LIMITS.maxTags} per resource; give fewer tags`,
    });
  }
  return Object.fromEntries(keys.map((k) => [k, merged[k]]));
}

/** Shapes the selected topics for the target's edition: storage, partitions, configs. */
function shapeTopics(ctx: PlanContext): void {
  for (const { topic: t, name, connectCluster, localReason } of ctx.selected) {
    const shape = shapeTopic(t, ctx.caps.localStorage, ctx.singlePartition, ctx.options.target.mode === 'new', localReason);
    if (shape.storage === 'local' && !ctx.caps.localStorage) {
      const cause = localStorageCause(t, shape.compact, localReason);
      const message = `needs local storage (${cause}), which edition ${ctx.caps.specType} does not offer; use edition professional or exclude the topic`;
      ctx.problems.push(
        localReason !== undefined && !shape.compact ? optionProblem('localStorage', `topic ${t.name} ${message}`) : { subject: `topic ${t.name}`, message },
      );
    }
    ctx.configDecisions.push(...shape.decisions);
    const notes =
      connectCluster !== undefined ? [`internal topic of Kafka Connect cluster ${connectCluster}: moves with its group`, ...shape.notes] : [...shape.notes];
    const remark = plannedRemark('topic', t.name, t.remark, notes);
    const tags = plannedTags(ctx, `topic ${t.name}`, t.tags, notes);
    const planned: PlannedTopic = {
      sourceName: t.name,
      name,
      terraformName: terraformName('topic', name),
      partitions: shape.partitions,
      sourcePartitions: t.partitions,
      storage: shape.storage,
      compact: shape.compact,
      configs: shape.configs,
      remark,
      notes,
      preventDestroy: true,
      tags,
    };
    ctx.topics.push(planned);
    topicWarnings(ctx, t, planned);
  }
}

function groupTopics(g: ConsumerGroupMetadata): string[] {
  const s = new Set<string>(g.topics ?? []);
  for (const o of g.offsets ?? []) s.add(o.topic);
  return [...s].sort(cmp);
}

/**
 * A group an AliKafka source lists in its control plane (GetConsumerList) with nothing from the Kafka protocol (no
 * state, members or offsets: exported without the bootstrap servers): a registered group, not an empty one.
 */
function registeredOnly(meta: ClusterMetadata, g: ConsumerGroupMetadata): boolean {
  return meta.source.kind === 'alikafka' && g.state === undefined && g.members === undefined && g.offsets === undefined && g.topics === undefined;
}

function groupSkipReason(g: ConsumerGroupMetadata, migratedTopics: ReadonlyMap<string, string>, registered = false): string | undefined {
  if (INTERNAL_GROUP_PREFIXES.some((p) => g.groupId.startsWith(p))) return 'internal group (Kafka or Confluent Platform)';
  if (g.groupId.startsWith(CONSOLE_CONSUMER_GROUP_PREFIX)) return 'ad-hoc group of kafka-console-consumer';
  // (groups of the new consumer protocol, KIP-848, can read as Dead through older clients yet have offsets: keep those)
  if (g.state === 'Dead' && (g.offsets ?? []).length === 0 && (g.members ?? 0) === 0) return 'group is Dead: no members and no committed offsets';
  const topics = groupTopics(g);
  if (!registered && (g.members ?? 0) === 0 && (g.offsets ?? []).length === 0 && topics.length === 0) {
    return 'empty: no members, no committed offsets and no subscriptions';
  }
  if (topics.length > 0 && !topics.some((t) => migratedTopics.has(t))) {
    return `reads only topics that are not migrated (${topics.slice(0, 3).join(', ')}${topics.length > 3 ? ', ...' : ''})`;
  }
  return undefined;
}

function planGroups(ctx: PlanContext): void {
  for (const g of ctx.meta.consumerGroups ?? []) {
    const cluster = ctx.connect.find((c) => c.groupId === g.groupId);
    let reason = cluster ? undefined : groupSkipReason(g, ctx.topicTargets, registeredOnly(ctx.meta, g));
    if (cluster && !ctx.connectMigrated.has(g.groupId)) {
      reason =
        ctx.skipped.find((k) => k.kind === 'topic' && cluster.topics.includes(k.name))?.reason ??
        `Kafka Connect cluster ${g.groupId}: skipped as a unit (point the Connect workers at the target to recreate it, or plan with the connect policy migrate)`;
    }
    if (!reason && !cluster && ctx.selectionActive && groupTopics(g).length === 0) {
      reason = 'no committed offsets or subscriptions tie it to the selected topics (the selection scopes groups)';
    }
    if (reason) {
      ctx.skipped.push({ kind: 'group', name: g.groupId, reason });
      continue;
    }
    const name = resolveName(ctx, 'group', g.groupId);
    ctx.groupTargets.set(g.groupId, name);
    const reads = [...new Set([...groupTopics(g), ...(cluster?.topics ?? [])])].sort(cmp).filter((t) => ctx.topicTargets.has(t));
    const targets = reads.map((t) => ctx.topicTargets.get(t) as string);
    ctx.groupReads.push({ groupId: g.groupId, topics: reads });
    const groupNotes: string[] = [];
    const remark = plannedRemark('group', g.groupId, g.remark, groupNotes);
    const tags = g.tags !== undefined && Object.keys(g.tags).length > 0 ? plannedTags(ctx, `group ${g.groupId}`, g.tags, groupNotes) : undefined;
    ctx.groups.push({
      sourceId: g.groupId,
      name,
      terraformName: terraformName('group', name),
      remark,
      topics: targets,
      members: g.members,
      ...(tags !== undefined ? { tags } : {}),
      ...(groupNotes.length > 0 ? { notes: groupNotes } : {}),
    });
  }
  collisions(
    ctx,
    'group',
    ctx.groups.map((g) => ({ source: g.sourceId, target: g.name })),
  );
}

/** Groups with more consumers than partitions in their topics (once the topics are shaped). */
function groupWarnings(ctx: PlanContext): void {
  const partitionsByTarget = new Map(ctx.topics.map((t) => [t.name, t.partitions]));
  for (const g of ctx.groups) {
    if (g.members === undefined || g.topics.length === 0) continue;
    const maxPartitions = Math.max(...g.topics.map((t) => partitionsByTarget.get(t) ?? 0));
    if (g.members > maxPartitions) {
      ctx.warnings.push({
        code: 'idle-consumers',
        subject: `group ${g.name}`,
        message: `${g.members} consumers but at most ${maxPartitions} partitions in its topics: ${g.members - maxPartitions} will sit idle`,
      });
    }
  }
}

function planUsers(ctx: PlanContext): void {
  const scoped = ctx.selectionActive && !ctx.options.keepAllUsers;
  const touched = scoped ? usersTouching(ctx.meta.acls ?? [], new Set(ctx.topicTargets.keys()), new Set(ctx.groupTargets.keys())) : undefined;
  for (const u of ctx.meta.users ?? []) {
    if (touched && !touched.has(u.name)) {
      ctx.skipped.push({
        kind: 'user',
        name: u.name,
        reason: 'no Allow ACL on a selected topic or group: left out with the selection (the keep-all-users option keeps every user)',
      });
      continue;
    }
    const name = resolveName(ctx, 'user', u.name);
    ctx.userTargets.set(u.name, name);
    ctx.users.push(planUser(u, name));
    const w = scramWarning(u, name);
    if (w) ctx.warnings.push(w);
  }
  collisions(
    ctx,
    'user',
    ctx.users.map((u) => ({ source: u.sourceName, target: u.name })),
  );
}

function planAcls(ctx: PlanContext): PlannedAcl[] {
  const groupRule = nameRule('group', ctx.noDots);
  const r = mapAcls({
    acls: ctx.meta.acls ?? [],
    usersUnavailable: ctx.meta.source.usersUnavailable,
    users: ctx.userTargets,
    topics: ctx.topicTargets,
    groups: ctx.groupTargets,
    groupName: (source) =>
      ctx.options.renameMap?.groups?.[source] ?? (nameProblem(source, groupRule, ctx.noDots) === undefined ? source : sanitizeName(source, groupRule)),
    prefixName: (kind, prefix) => {
      const rule = nameRule(kind === 'Topic' ? 'topic' : 'group', ctx.noDots);
      return Array.from(prefix)
        .map((ch) => (isAllowedChar(rule, ch) ? ch : '_'))
        .join('');
    },
    denyPolicy: ctx.options.denyAcls ?? 'narrow',
    selectionActive: ctx.selectionActive,
  });
  ctx.skipped.push(...r.skipped);
  ctx.warnings.push(...r.warnings);
  ctx.problems.push(...r.problems);
  ctx.renames.push(...r.renames);
  ctx.aclCount = r.acls.length;
  return r.acls;
}

function checkAclEdition(ctx: PlanContext, acls: readonly PlannedAcl[]): void {
  const edition = EDITIONS[ctx.caps.specType];
  if (acls.length > 0 && !edition.acl) {
    ctx.problems.push({
      subject: 'acls',
      message: `${acls.length} ACL(s) planned, but ${edition.title} (${edition.specType}) has no ACLs; use edition professional or drop the users' ACLs from the metadata`,
    });
  }
}

/** The largest value of a broker setting among the source brokers that state it. */
function brokerSetting(ctx: PlanContext, read: (configs: Readonly<Record<string, string>>) => number | undefined): number | undefined {
  return brokersSetting(ctx.meta.brokers, read);
}

const intConfig =
  (key: string) =>
  (c: Readonly<Record<string, string>>): number | undefined => {
    const v = c[key];
    return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  };

/** The source retention of a planned topic, in hours (Infinity: forever), and where it comes from. */
function sourceRetention(ctx: PlanContext, sourceName: string): SourceRetention {
  return topicSourceRetention(ctx.sourceTopics.get(sourceName) ?? { name: sourceName }, ctx.meta.brokers);
}

function largestMessage(ctx: PlanContext): { bytes: number; from: string } | undefined {
  let best: { bytes: number; from: string } | undefined;
  const broker = brokerSetting(ctx, intConfig('message.max.bytes'));
  for (const p of ctx.topics) {
    const raw = ctx.sourceTopics.get(p.sourceName)?.configs?.['max.message.bytes'];
    const bytes = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : broker;
    const from = raw !== undefined ? `topic ${p.sourceName}` : `topic ${p.sourceName} (the source brokers' message.max.bytes)`;
    if (bytes !== undefined && (best === undefined || bytes > best.bytes)) best = { bytes, from };
  }
  return best;
}

function planInstance(ctx: PlanContext, aclsPlanned: boolean, transfer: TransferPlan): PlannedNewInstance | PlannedExistingInstance {
  const target = ctx.options.target;
  if (target.mode === 'existing') return planExistingInstance(target, ctx.caps.specType, ctx.problems);
  const longest = longestRetention(ctx.topics.filter((x) => x.storage === 'cloud').map((t) => sourceRetention(ctx, t.sourceName)));
  const mm = mirrorMakerCounts(transfer);
  const needs: InstanceNeeds = {
    partitions: ctx.topics.reduce((s, t) => s + t.partitions, 0) + mm.partitions,
    topics: ctx.topics.length + mm.topics,
    groups: ctx.groups.length + mm.groups,
    acls: aclsPlanned,
    largestMessage: largestMessage(ctx),
    longestCloudRetention: longest,
    sourceOffsetsRetentionMinutes: brokerSetting(ctx, intConfig('offsets.retention.minutes')),
    warnings: ctx.warnings,
  };
  return planNewInstance({
    meta: ctx.meta,
    opts: target,
    specType: ctx.caps.specType,
    needs,
    previous: ctx.previousInstance,
    tags: ctx.tags,
    sizing: ctx.sizing,
    sizingInput: ctx.sizingInput,
    problems: ctx.problems,
  });
}

/** Topics whose messages the target keeps for less time than the source did, and messages the target refuses. */
function retentionWarnings(ctx: PlanContext, instance: PlannedNewInstance | PlannedExistingInstance): void {
  const key = INSTANCE_CONFIG_KEYS.retentionHours;
  const hours = instance.mode === 'new' ? Number(instance.config[key] ?? INSTANCE_RETENTION_HOURS.default) : undefined;
  for (const t of ctx.topics) {
    if (t.storage !== 'cloud') continue;
    const r = sourceRetention(ctx, t.sourceName);
    const limit = hours ?? INSTANCE_RETENTION_HOURS.default;
    if (r.hours <= limit) continue;
    const src = Number.isFinite(r.hours) ? `${r.hours % 1 === 0 ? r.hours : r.hours.toFixed(1)} h` : 'forever';
    ctx.warnings.push({
      code: 'retention',
      subject: `topic ${t.name}`,
      ...(ctx.options.target.mode === 'new' && ctx.options.target.retentionHours !== undefined ? { option: 'target.retentionHours' as const } : {}),
      message:
        hours !== undefined
          ? `retention shortens: the source keeps messages ${src}${r.from === `topic ${t.sourceName}` ? '' : ' (broker default)'}, this cloud-storage topic follows the instance retention of ${hours} h (${key})`
          : `the source keeps messages ${src}; this cloud-storage topic follows the existing instance's retention (${key}, ${INSTANCE_RETENTION_HOURS.default} h unless changed): check it`,
    });
  }
  if (instance.mode === 'existing') {
    const m = largestMessage(ctx);
    if (m !== undefined && m.bytes > MESSAGE_MAX_BYTES.default) {
      ctx.warnings.push({
        code: 'message-size',
        subject: `instance ${instance.instanceId}`,
        message: `${m.from} allows ${m.bytes}-byte messages: check that the existing instance's ${INSTANCE_CONFIG_KEYS.messageMaxBytes} is at least ${Math.min(m.bytes, MESSAGE_MAX_BYTES.max)}`,
      });
    }
  }
}

/** IP allowlist entries: private CIDRs on the VPC ports of the deployment, public ones on the Internet port. */
function planAllowedIps(ctx: PlanContext, instance: PlannedNewInstance | PlannedExistingInstance): PlannedAllowedIp[] {
  const out: PlannedAllowedIp[] = [];
  const sasl = ctx.users.length > 0;
  const isPublic = instance.mode === 'new' ? instance.deployType === 'public' : true;
  for (const cidr of ctx.options.allowCidrs ?? []) {
    const c = parseCidr(cidr);
    if (!c) {
      ctx.problems.push(optionProblem('allowCidrs', `${JSON.stringify(cidr)} is not an IPv4 address or CIDR (like 10.0.0.0/8)`));
      continue;
    }
    const entries: Array<[PlannedAllowedIp['allowedType'], string, string]> = [];
    if (isPrivateCidr(c)) {
      entries.push(['vpc', ALLOWED_IP_PORT_RANGES.vpc, 'private range: the VPC endpoint (PLAINTEXT)']);
      if (sasl) entries.push(['vpc', ALLOWED_IP_PORT_RANGES.vpcSasl, 'private range: the VPC SASL endpoint (the plan has SASL users)']);
    } else if (isPublic) {
      entries.push([
        'internet',
        ALLOWED_IP_PORT_RANGES.internet,
        `public range: the Internet SASL_SSL endpoint${instance.mode === 'existing' ? ' (assumes the existing instance has one)' : ''}`,
      ]);
    } else {
      ctx.problems.push(optionProblem('allowCidrs', `${cidr} is a public range, but the instance has no Internet endpoint (deploy type vpc)`));
    }
    for (const [allowedType, portRange, reason] of entries) {
      out.push({
        terraformName: terraformName('allowed_ip', `${allowedType}_${portRange.split('/')[0]}_${c.text}`),
        cidr: c.text,
        allowedType,
        portRange,
        reason,
      });
    }
  }
  return out;
}

function endpointsOf(instance: PlannedNewInstance | PlannedExistingInstance): PlannedEndpoint[] {
  if (instance.mode !== 'new') return [];
  return INSTANCE_ENDPOINTS.map((e) => ({
    output: e.attribute === 'end_point' ? 'endpoint' : e.attribute,
    attribute: e.attribute,
    description: e.description,
  }));
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
    message: "partition and group quota not checked: give the existing instance's traffic spec (and purchased partitions) to check them",
  });
  return undefined;
}

/** MirrorMaker's own topics, partitions and groups on the target: they count against the quotas like the migrated ones. */
function mirrorMakerCounts(transfer: TransferPlan): { topics: number; partitions: number; groups: number } {
  const mm = transfer.mirrorMaker;
  return { topics: mm?.topics.length ?? 0, partitions: (mm?.topics ?? []).reduce((s, t) => s + t.partitions, 0), groups: mm?.groups.length ?? 0 };
}

function checkQuota(ctx: PlanContext, instance: PlannedNewInstance | PlannedExistingInstance, transfer: TransferPlan): QuotaCheck {
  const partitionQuota = partitionQuotaOf(ctx, instance);
  const mm = mirrorMakerCounts(transfer);
  const partitions = ctx.topics.reduce((s, t) => s + t.partitions, 0) + mm.partitions;
  const topics = ctx.topics.length + mm.topics;
  const groups = ctx.groups.length + mm.groups;
  const quotas = partitionQuota === undefined ? undefined : quotasFor(partitionQuota);
  const quota: QuotaCheck = {
    partitionQuota,
    groupQuota: quotas?.groups,
    topics,
    partitions,
    groups,
    ...(transfer.mirrorMaker ? { mirrorMaker: mm } : {}),
  };
  if (quotas === undefined) return quota;
  const ofWhich = transfer.mirrorMaker ? ` (${mm.partitions} of them MirrorMaker's own topics)` : '';
  const fix = instance.mode === 'new' ? 'buy more partitions or choose a larger traffic spec' : 'buy more partitions for the instance or migrate fewer topics';
  if (topics > quotas.topics) {
    ctx.problems.push({
      subject: 'partition quota',
      message: `${topics} topics exceed the instance's ${quotas.topics} topic quota (= partition quota); ${fix}`,
    });
  }
  if (partitions > quotas.partitions) {
    ctx.problems.push({
      subject: 'partition quota',
      message: `${partitions} partitions planned${ofWhich} exceed the instance's partition quota of ${quotas.partitions}; ${fix}`,
    });
  } else if (partitions > QUOTA_HEADROOM_WARNING * quotas.partitions) {
    ctx.warnings.push({
      code: 'quota-headroom',
      subject: 'partition quota',
      message: `${partitions} of ${quotas.partitions} partitions used (${Math.round((100 * partitions) / quotas.partitions)}%): little room to add partitions later`,
    });
  }
  if (groups > quotas.groups) {
    ctx.problems.push({
      subject: 'group quota',
      message: `${groups} consumer groups exceed the instance's group quota of ${quotas.groups} (${GROUPS_PER_QUOTA_PARTITION} x partitions); ${fix}`,
    });
  }
  return quota;
}

/** The largest partition count an AliKafka instance can hold (the biggest spec's maximum): the bound of any one topic. */
const MOST_PARTITIONS_OF_ANY_INSTANCE = IO_SPECS.reduce((most, spec) => Math.max(most, spec.max), 0);

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
      adopted: {
        importId: importId(instanceId, t.name),
        ignoreChanges: ADOPTED_IGNORE_CHANGES.topic,
        reason: 'storage and compaction are kept as on the target: changing them would replace (delete and recreate) the topic',
      },
    };
    const diff = (field: string, planned: string, target: string, resolution: string): void => {
      diffs.push({ kind: 'topic', name: t.name, field, planned, target, resolution });
    };
    if (!Number.isInteger(found.partitions) || found.partitions < 1 || found.partitions > MOST_PARTITIONS_OF_ANY_INSTANCE) {
      ctx.problems.push(
        optionProblem(
          'existing',
          `topic ${t.name}: ${found.partitions} partitions on the target is outside 1-${MOST_PARTITIONS_OF_ANY_INSTANCE} (the most partitions any AliKafka instance holds); is it the target's export?`,
        ),
      );
      return;
    }
    if (found.partitions > t.partitions) {
      diff('partitions', String(t.partitions), String(found.partitions), "kept the target's higher count: partitions are never planned downwards");
      next = { ...next, partitions: found.partitions };
    } else if (found.partitions < t.partitions) {
      diff(
        'partitions',
        String(t.partitions),
        String(found.partitions),
        `terraform will add ${t.partitions - found.partitions} partition(s) to the existing topic`,
      );
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
    ctx.groups[i] = {
      ...g,
      adopted: {
        importId: importId(instanceId, g.name),
        ignoreChanges: ADOPTED_IGNORE_CHANGES.group,
        reason: 'the remark is kept as on the target: a change would recreate the group and lose its offsets',
      },
    };
  });
  ctx.users.forEach((u, i) => {
    if (!existing.users.has(u.name)) return;
    ctx.users[i] = {
      ...u,
      adopted: { importId: importId(instanceId, u.name), ignoreChanges: ADOPTED_IGNORE_CHANGES.user, reason: 'the user keeps its current password' },
    };
    ctx.warnings.push({
      code: 'adopted-user',
      subject: `user ${u.name}`,
      message: 'already on the target: imported with its current password (changes to the password variable are ignored for it)',
      option: 'existing',
    });
  });
  return diffs;
}

function assemble(
  ctx: PlanContext,
  instance: PlannedNewInstance | PlannedExistingInstance,
  acls: PlannedAcl[],
  quota: QuotaCheck,
  targetDifferences: TargetDifference[],
  allowedIps: PlannedAllowedIp[],
  state: MigrationPlan['state'],
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
    applyEstimate: estimateApply(ctx.topics.filter((t) => t.adopted === undefined).length),
    changes: ctx.changes,
    endpoints: endpointsOf(instance),
    allowedIps: allowedIps.sort((a, b) => cmp(a.terraformName, b.terraformName)),
    state,
  };
}
