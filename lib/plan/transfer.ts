/**
 * The transfer plan: how each planned topic is copied by MirrorMaker 2 (same name, renamed through the generated
 * replication policy, or not copied), how each planned group's offsets reach the target (synced by MirrorMaker,
 * committed by the user after the group stops, or not moved), and, with the mirror option, the topics and group
 * MirrorMaker itself needs on the target, as Terraform objects. Pure: every decision is made here once, with its
 * reason; `mirror`, `cutover`, `verify` and the report render it. MirrorMaker's own facts are in lib/kafka.
 */
import { ADOPTED_IGNORE_CHANGES, importId, MIN_PARTITIONS, REMARK, SpecType, TopicStorage } from '../alikafka';
import {
  COMPRESSIONS,
  dedicatedWorkerGroup,
  DEFAULT_SEPARATOR,
  identityRenames,
  MIRROR_MODES,
  MIRRORMAKER_VERSION,
  mirrorMakerTopicFacts,
  MirrorMakerTopicFact,
  mirrorMakerSkips,
  WORKER_TOPIC_ROLES,
} from '../kafka';
import type { ExistingObjects } from '../model';
import { optionProblem, PlanProblem } from './errors';
import { nameProblem, nameRule, sanitizeName, terraformName } from './names';
import type {
  GroupTransfer,
  MirrorMakerPlan,
  MirrorPlanOptions,
  OffsetsMove,
  PlannedGroup,
  PlannedMirrorMakerGroup,
  PlannedMirrorMakerTopic,
  PlannedTopic,
  TopicCopy,
  TopicTransfer,
  TransferPlan,
  WorkerTopicsPlacement,
} from './types';

/** Cluster aliases: frozen, because they are part of MirrorMaker's topic names (mirrormaker2.md §6 #17). */
export const MIRROR_ALIASES = { source: 'src', target: 'ali' } as const;

/** Defaults of the mirror settings the user does not give. */
export const MIRROR_DEFAULTS = { replicationFactor: 3, checkpointIntervalSeconds: 30, maxTasks: 8, compression: 'none' } as const;

/** The separator of MirrorMaker's internal topic names when dots are forbidden (KIP-690: they follow it). */
export const NO_DOTS_SEPARATOR = '-';

/**
 * Partitions of the Connect worker's offset topic: its default is 25, but one flow's source positions need few, and
 * every partition counts against the instance's quota (the configuration sets `offset.storage.partitions` to match).
 */
export const WORKER_OFFSET_PARTITIONS = 5;

/** The group of the Connect cluster the plan puts on the target in Connect mode. */
export function connectWorkerGroup(sourceAlias: string): string {
  return `${sourceAlias}-mm2-connect`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How one planned topic is copied, from its source and target names. */
export function decideTopicCopy(sourceName: string, name: string): { copy: TopicCopy; reason: string } {
  if (mirrorMakerSkips(sourceName) || mirrorMakerSkips(name)) {
    const which = mirrorMakerSkips(sourceName) ? `the source name ${sourceName}` : `the target name ${name}`;
    return {
      copy: 'not-copied',
      reason: `MirrorMaker 2 treats names starting with "__" or "." or ending in ".internal" or "-internal" as internal and never copies them (${which}); copy this topic another way, or give it another target name in the rename map`,
    };
  }
  if (sourceName !== name) {
    return {
      copy: 'renamed-by-policy',
      reason: `renamed by the generated replication policy (${sourceName} -> ${name}): records keep their partition, key, headers and timestamp, and checkpoints and group offset sync use the new name, so offset translation works as for the other topics`,
    };
  }
  if (identityRenames(sourceName)) {
    return {
      copy: 'name-kept-by-policy',
      reason: `IdentityReplicationPolicy would write names ending in "heartbeats" as ${MIRROR_ALIASES.source}.${sourceName}; the generated replication policy keeps the name`,
    };
  }
  return { copy: 'identity', reason: 'same name (IdentityReplicationPolicy), same partition for every record' };
}

/** How one planned group's offsets reach the target; `copied` holds the target names of the copied topics. */
export function decideGroupOffsets(
  g: Pick<PlannedGroup, 'sourceId' | 'name' | 'topics'>,
  copied: ReadonlySet<string>,
): { offsets: OffsetsMove; reason: string } {
  if (g.sourceId !== g.name) {
    return {
      offsets: 'committed-after-stop',
      reason:
        'MirrorMaker 2 syncs offsets only under the same group id, and this group is renamed: once it has stopped on the source, `cutover` gives the offsets to commit under the new id (each checked against the copied messages) and the kafka-consumer-groups command',
    };
  }
  if (g.sourceId.includes(',')) {
    return { offsets: 'not-moved', reason: "the id contains a comma, which MirrorMaker's group filter cannot express (it splits the list on commas)" };
  }
  const reads = g.topics.filter((t) => copied.has(t));
  if (g.topics.length > 0 && reads.length === 0) {
    return {
      offsets: 'not-moved',
      reason: `it reads only topics MirrorMaker does not copy (${g.topics.slice(0, 3).join(', ')}${g.topics.length > 3 ? ', ...' : ''}): there is nothing to translate`,
    };
  }
  return {
    offsets: 'synced',
    reason:
      reads.length > 0
        ? 'checkpoints and sync.group.offsets: the translated offsets are committed on the target while the group is inactive there'
        : 'listed for checkpoints and sync.group.offsets; no topic it reads is known, so MirrorMaker checkpoints it once it has committed offsets on copied topics',
  };
}

export interface MirrorMakerInput {
  readonly options: MirrorPlanOptions;
  readonly specType: SpecType;
  readonly localStorage: boolean;
  readonly noDots: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** Target names of the planned topics and groups: MirrorMaker's own must not collide with them. */
  readonly topicNames: ReadonlySet<string>;
  readonly groupNames: ReadonlySet<string>;
  /** Objects already on an existing target: MirrorMaker's are adopted (an earlier apply made them). */
  readonly existing?: { readonly objects: ExistingObjects; readonly instanceId: string };
}

function wholeSetting(
  problems: PlanProblem[],
  path: 'mirror.replicationFactor' | 'mirror.checkpointIntervalSeconds' | 'mirror.maxTasks',
  v: number | undefined,
  dflt: number,
): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) {
    problems.push(optionProblem(path, `must be a whole number >= 1, got ${v}`));
    return dflt;
  }
  return v;
}

/** Where the worker's topics go, or a problem when the mode cannot run on this edition. */
function placeWorkerTopics(i: MirrorMakerInput, problems: PlanProblem[]): WorkerTopicsPlacement {
  if (i.localStorage) {
    return {
      location: 'target',
      reason:
        i.options.mode === 'dedicated'
          ? "the dedicated driver's Connect worker keeps its config, offset and status topics on the cluster it writes to; they must be compacted, which local storage offers"
          : 'the plan puts a Connect cluster for the migration on the target: its config, offset and status topics, compacted, on local storage',
    };
  }
  const why = `edition ${i.specType} has no local storage, so no compacted topics, and the Connect worker refuses to start without compacted config, offset and status topics`;
  if (i.options.mode === 'dedicated') {
    problems.push(
      optionProblem(
        'mirror',
        `dedicated MirrorMaker keeps its worker's topics on the target: ${why}; plan the mirror mode connect (a Connect cluster whose worker topics stay on a cluster that compacts, for example the source) or the edition professional`,
      ),
    );
  }
  return {
    location: 'connect-cluster',
    reason: `${why}: they stay on the cluster the Connect workers use (for example a Connect cluster beside the source), and the connectors send the records to the target through producer.override.*`,
  };
}

function mirrorTopic(i: MirrorMakerInput, fact: MirrorMakerTopicFact): PlannedMirrorMakerTopic {
  const local = i.localStorage;
  let partitions = fact.role === 'offset-storage' ? WORKER_OFFSET_PARTITIONS : fact.partitions;
  let storage: TopicStorage = local ? 'local' : 'cloud';
  let reason: string;
  if (local) {
    reason = `${fact.writer}; compacted (${fact.compaction === 'required' ? 'the worker refuses to start otherwise' : 'as MirrorMaker creates it'}), which needs local storage`;
    if (fact.role === 'offset-storage')
      reason += `; ${WORKER_OFFSET_PARTITIONS} partitions instead of Connect's ${fact.partitions}: one flow's positions need few, and each counts against the partition quota`;
  } else {
    partitions = Math.max(fact.partitions, MIN_PARTITIONS.cloud);
    reason = `${fact.writer}; cloud storage with ${partitions} partitions (the edition has no local storage, so no compaction: old records expire with the instance retention, which MirrorMaker tolerates for this topic)`;
  }
  let compact = local;
  let adopted: PlannedMirrorMakerTopic['adopted'];
  const found = i.existing?.objects.topics.get(fact.name);
  if (i.existing && found) {
    adopted = {
      importId: importId(i.existing.instanceId, fact.name),
      ignoreChanges: ADOPTED_IGNORE_CHANGES.topic,
      reason: 'already on the target (an earlier apply): storage and compaction are kept as they are there',
    };
    partitions = Math.max(partitions, found.partitions);
    if (found.compact !== undefined) compact = found.compact;
    if (found.local !== undefined) storage = found.local ? 'local' : 'cloud';
  }
  return {
    role: fact.role,
    name: fact.name,
    terraformName: terraformName('topic', fact.name),
    partitions,
    storage,
    compact,
    remark: sanitizeName(`MirrorMaker_2_${fact.role}`, REMARK),
    reason,
    preventDestroy: true,
    adopted,
    tags: i.tags,
  };
}

/** MirrorMaker's settings and its own topics and group on the target. Problems go to `problems`. */
export function planMirrorMaker(i: MirrorMakerInput, problems: PlanProblem[]): MirrorMakerPlan | undefined {
  const o = i.options;
  if (!(MIRROR_MODES as readonly string[]).includes(o.mode)) {
    problems.push(optionProblem('mirror', `must be ${MIRROR_MODES.join(' or ')}, got ${JSON.stringify(o.mode)}`));
    return undefined;
  }
  const compression = o.compression ?? MIRROR_DEFAULTS.compression;
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) {
    problems.push(optionProblem('mirror.compression', `must be one of ${COMPRESSIONS.join(', ')}, got ${JSON.stringify(compression)}`));
  }
  const replicationFactor = wholeSetting(problems, 'mirror.replicationFactor', o.replicationFactor, MIRROR_DEFAULTS.replicationFactor);
  const checkpointIntervalSeconds = wholeSetting(
    problems,
    'mirror.checkpointIntervalSeconds',
    o.checkpointIntervalSeconds,
    MIRROR_DEFAULTS.checkpointIntervalSeconds,
  );
  const maxTasks = wholeSetting(problems, 'mirror.maxTasks', o.maxTasks, MIRROR_DEFAULTS.maxTasks);
  const separator = i.noDots ? NO_DOTS_SEPARATOR : DEFAULT_SEPARATOR;
  const alias = MIRROR_ALIASES.source;
  const workerTopics = placeWorkerTopics(i, problems);
  const facts = mirrorMakerTopicFacts(alias, separator).filter((f) => workerTopics.location === 'target' || !WORKER_TOPIC_ROLES.includes(f.role));
  const topics = facts.map((f) => mirrorTopic(i, f)).sort((a, b) => cmp(a.name, b.name));
  const topicRule = nameRule('topic', i.noDots);
  for (const t of topics) {
    const bad = nameProblem(t.name, topicRule, i.noDots);
    if (bad !== undefined) problems.push(optionProblem('mirror', `MirrorMaker's ${t.role} topic ${JSON.stringify(t.name)} ${bad}`));
    if (i.topicNames.has(t.name)) {
      problems.push({
        subject: `topic ${t.name}`,
        message: `a planned topic has the name of MirrorMaker's ${t.role} topic, which MirrorMaker writes on the target; give it another target name in the rename map`,
      });
    }
  }
  let workerGroup: string | undefined;
  const groups: PlannedMirrorMakerGroup[] = [];
  if (workerTopics.location === 'target') {
    workerGroup = o.mode === 'dedicated' ? dedicatedWorkerGroup(alias) : connectWorkerGroup(alias);
    const found = i.existing?.objects.groups.has(workerGroup);
    groups.push({
      name: workerGroup,
      terraformName: terraformName('group', workerGroup),
      remark: sanitizeName('MirrorMaker_2_worker', REMARK),
      reason: `the group of the Connect worker${o.mode === 'dedicated' ? ' inside dedicated MirrorMaker (<source alias>-mm2)' : 's the plan puts on the target'}: AliKafka does not let clients create groups by default, so Terraform creates it`,
      adopted:
        i.existing && found
          ? {
              importId: importId(i.existing.instanceId, workerGroup),
              ignoreChanges: ADOPTED_IGNORE_CHANGES.group,
              reason: 'already on the target (an earlier apply): its remark is kept',
            }
          : undefined,
    });
    if (i.groupNames.has(workerGroup)) {
      problems.push({
        subject: `group ${workerGroup}`,
        message: "a planned group has the id of MirrorMaker's worker group; give it another target name in the rename map",
      });
    }
  }
  return {
    mode: o.mode,
    version: MIRRORMAKER_VERSION,
    sourceAlias: alias,
    targetAlias: MIRROR_ALIASES.target,
    separator,
    replicationFactor,
    checkpointIntervalSeconds,
    maxTasks,
    compression,
    workerTopics,
    workerGroup,
    topics,
    groups,
  };
}

/** Why a topic is not copied on the copy-free path. */
export const COPY_FREE_TOPIC_REASON =
  'not copied: producers switch, old groups drain the source (the copy-free path: the target gets only what the switched producers write)';

/** How a group moves on the copy-free path. */
export const COPY_FREE_GROUP_REASON =
  'not moved (the copy-free path): start its consumers on the target before the producers switch, so they read everything written there (even with auto.offset.reset=latest); the old consumers drain the source until cutover with the drain option says drained, then retire the group there';

/** The copy-free plan: every topic not copied, every group not moved, with the path's reasons. */
function copyFreeTransfer(topics: readonly PlannedTopic[], groups: readonly PlannedGroup[]): TransferPlan {
  return {
    path: 'copy-free',
    topics: [...topics]
      .sort((a, b) => cmp(a.sourceName, b.sourceName))
      .map((t) => ({ sourceName: t.sourceName, name: t.name, copy: 'not-copied' as const, reason: COPY_FREE_TOPIC_REASON })),
    groups: [...groups]
      .sort((a, b) => cmp(a.sourceId, b.sourceId))
      .map((g) => ({ sourceId: g.sourceId, name: g.name, offsets: 'not-moved' as const, reason: COPY_FREE_GROUP_REASON })),
  };
}

/** The plan was made for the copy-free path (no-copy): nothing to copy, producers switch, old groups drain. */
export function isCopyFree(plan: { readonly transfer?: TransferPlan }): boolean {
  return plan.transfer?.path === 'copy-free';
}

/**
 * The transfer of the planned topics and groups; MirrorMaker's own objects when `mirror` is given; with `noCopy`,
 * the copy-free path (which excludes `mirror`).
 */
export function planTransfer(
  topics: readonly PlannedTopic[],
  groups: readonly PlannedGroup[],
  mirror: Omit<MirrorMakerInput, 'topicNames' | 'groupNames'> | undefined,
  problems: PlanProblem[],
  noCopy = false,
): TransferPlan {
  if (noCopy) {
    if (mirror)
      problems.push(
        optionProblem(
          'noCopy',
          'the copy-free path copies nothing, so MirrorMaker has nothing to do: plan either the mirror mode (the MirrorMaker path) or no-copy (producers switch, old groups drain the source), not both',
        ),
      );
    return copyFreeTransfer(topics, groups);
  }
  const topicTransfers: TopicTransfer[] = [...topics]
    .sort((a, b) => cmp(a.sourceName, b.sourceName))
    .map((t) => ({ sourceName: t.sourceName, name: t.name, ...decideTopicCopy(t.sourceName, t.name) }));
  const copied = new Set(topicTransfers.filter((t) => t.copy !== 'not-copied').map((t) => t.name));
  const groupTransfers: GroupTransfer[] = [...groups]
    .sort((a, b) => cmp(a.sourceId, b.sourceId))
    .map((g) => ({ sourceId: g.sourceId, name: g.name, ...decideGroupOffsets(g, copied) }));
  const mirrorMaker = mirror
    ? planMirrorMaker({ ...mirror, topicNames: new Set(topics.map((t) => t.name)), groupNames: new Set(groups.map((g) => g.name)) }, problems)
    : undefined;
  return { topics: topicTransfers, groups: groupTransfers, mirrorMaker };
}

/** The planned topics MirrorMaker copies (all of them for a plan written before the transfer section). */
export function copiedTopics(plan: { readonly topics: readonly PlannedTopic[]; readonly transfer?: TransferPlan }): PlannedTopic[] {
  const notCopied = new Set((plan.transfer?.topics ?? []).filter((t) => t.copy === 'not-copied').map((t) => t.sourceName));
  return plan.topics.filter((t) => !notCopied.has(t.sourceName));
}

/** The planned topics MirrorMaker does not copy, with the reason. */
export function notCopiedTopics(plan: { readonly transfer?: TransferPlan }): TopicTransfer[] {
  return (plan.transfer?.topics ?? []).filter((t) => t.copy === 'not-copied');
}

/** The transfer section of a plan; a plan written before it gets the same decisions from the same function. */
export function transferOf(plan: {
  readonly topics: readonly PlannedTopic[];
  readonly groups: readonly PlannedGroup[];
  readonly transfer?: TransferPlan;
}): TransferPlan {
  return plan.transfer ?? planTransfer(plan.topics, plan.groups, undefined, []);
}

/** Source ids of the planned groups whose offsets MirrorMaker 2 syncs. */
export function offsetSyncedGroups(plan: Parameters<typeof transferOf>[0]): Set<string> {
  return new Set(
    transferOf(plan)
      .groups.filter((g) => g.offsets === 'synced')
      .map((g) => g.sourceId),
  );
}
