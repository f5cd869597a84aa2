/**
 * MirrorMaker 2 configuration from a MigrationPlan: a dedicated-mode `mm2.properties` or the JSON bodies of the
 * three mirror connectors for a Kafka Connect cluster, plus a report (Markdown and JSON) saying how each planned
 * topic and group is carried. Pure: the plan is the only source of selection and renames, the connection
 * settings come in already parsed (secrets as config-provider references), nothing is read or written here.
 *
 * Decisions follow shared/reference/mirrormaker2.md (section numbers in the comments):
 * MirrorMaker 2 from Kafka 3.9.x; identity names (§1.4) or the renaming policy (§4, ./policy.ts);
 * exact-name allowlists with empty excludes, so the plan alone decides (§1.6); topic-config and ACL sync off,
 * Terraform owns them (§5.3, §6 #1); heartbeats off and one herder (§1.1); offset syncs kept on the target, so
 * MirrorMaker never writes to the cluster it copies from (§1.4 `offset-syncs.topic.location`).
 */
import { AlikafkaMigrateError, InternalError } from '../errors';
import {
  DEFAULT_SEPARATOR,
  groupFilterExcludeKey,
  IDENTITY_POLICY_CLASS,
  MIRRORMAKER_VERSION,
  mirrorMakerTopicFacts,
  MirrorMakerTopicRole,
  MirrorMode,
  PARTITIONS_PER_TASK,
  WORKER_TOPIC_ROLES,
} from '../kafka';
import type { MessageLimit, MigrationPlan, MirrorMakerPlan, PlannedTopic, TopicTransfer, TransferPlan } from '../plan';
import { MIRROR_ALIASES, transferOf, WORKER_OFFSET_PARTITIONS } from '../plan/transfer';
import type { ClusterConnection } from './secrets';
import { holdsNoClearSecret } from './secrets';
import { ClientSetting, flowClientSettings } from './client-settings';
import { displayText, htmlText, propertiesKey, propertiesValue } from '../util/escape';
import { POLICY_CLASS, POLICY_FILE, POLICY_JAR, POLICY_RENAMES_KEY, POLICY_SOURCE } from './policy';

export type { MirrorMode } from '../kafka';

/** Committed offsets of one source group, kept for a rollback. */
export interface GroupOffsets {
  readonly group: string;
  readonly offsets: ReadonlyArray<{ readonly topic: string; readonly partition: number; readonly offset: number }>;
}

export interface RollbackOffsets {
  /** Where the offsets were read: the live source cluster (OffsetFetch, read-only) or the metadata export. */
  readonly origin: 'source-cluster' | 'metadata';
  /** When they were read (ISO 8601), if known. */
  readonly readAt?: string;
  readonly groups: readonly GroupOffsets[];
}

/**
 * What `mirror` adds to the plan: where the clusters are and how to reach them, and the direction. How MirrorMaker
 * runs and what it copies (mode, tasks, compression, checkpoint interval, its own topics) is the plan's
 * (`plan.transfer.mirrorMaker`, planned by `synth --mirror`).
 */
export interface MirrorOptions {
  /** Mirror target → source (rollback) instead of source → target. */
  readonly reverse?: boolean;
  readonly sourceBootstrap: readonly string[];
  readonly targetBootstrap: readonly string[];
  readonly source: ClusterConnection;
  readonly target: ClusterConnection;
  /** With `reverse`: the source's committed offsets per group, written to the rollback file. */
  readonly rollbackOffsets?: RollbackOffsets;
  /**
   * Source ids of planned groups whose consumers now run on the target: left out of the checkpoint connector's
   * groups and listed in its groups.exclude, so MirrorMaker no longer syncs their offsets over the new commits.
   * Forward flow only.
   */
  readonly switched?: readonly string[];
}

export interface MirrorFile {
  readonly path: string;
  readonly content: string;
}

/** How one planned topic is copied (the plan's decision). */
export type { TopicCopy } from '../plan';
import type { TopicCopy } from '../plan';

export interface MirrorTopic {
  /** The name MirrorMaker reads (the source name; the target name with --reverse). */
  readonly from: string;
  /** The name MirrorMaker writes. */
  readonly to: string;
  readonly partitions: number;
  readonly targetPartitions: number;
  readonly copy: TopicCopy;
  readonly how: string;
}

export interface MirrorGroup {
  readonly from: string;
  readonly to: string;
  readonly synced: boolean;
  /** The group switched to the target (`switched`): excluded from checkpoints and offset sync. */
  readonly switched?: boolean;
  readonly how: string;
}

/** One of the topics MirrorMaker and its Connect worker use on the cluster they write to. */
export interface InternalTopic {
  readonly name: string;
  readonly role: MirrorMakerTopicRole;
  readonly cluster: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'compact' | 'delete';
  /** Who creates it: Terraform (planned by synth --mirror) or MirrorMaker (a reverse flow, on the source). */
  readonly createdBy: 'terraform' | 'mirrormaker';
  readonly use: string;
}

export interface MirrorReport {
  readonly mode: MirrorMode;
  readonly direction: 'forward' | 'reverse';
  readonly sourceAlias: string;
  readonly targetAlias: string;
  readonly mirrorMakerVersion: string;
  readonly replicationPolicy: string;
  readonly tasksMax: number;
  readonly topics: readonly MirrorTopic[];
  readonly groups: readonly MirrorGroup[];
  readonly internalTopics: readonly InternalTopic[];
  /** The largest message the plan allows on the copied topics: it sizes the producer and the consumer. */
  readonly messageLimit: MessageLimit;
  readonly settings: readonly ClientSetting[];
  readonly secrets: ReadonlyArray<{ readonly cluster: string; readonly key: string; readonly reference: string }>;
  readonly warnings: readonly string[];
  readonly steps: readonly string[];
  readonly rollback?: RollbackOffsets;
}

export interface MirrorSetup {
  readonly files: readonly MirrorFile[];
  readonly report: MirrorReport;
}

/** Cluster aliases: frozen in the plan, because they are part of MirrorMaker's internal topic names (§6 #17). */
export const SOURCE_ALIAS = MIRROR_ALIASES.source;
export const TARGET_ALIAS = MIRROR_ALIASES.target;
export { MIRRORMAKER_VERSION } from '../kafka';
export const CONNECTOR_NAMES = {
  source: 'alikafka-migrate-source',
  checkpoint: 'alikafka-migrate-checkpoint',
  heartbeat: 'alikafka-migrate-heartbeat',
} as const;

const CONVERTER = 'org.apache.kafka.connect.converters.ByteArrayConverter';
const FILE_PROVIDER = 'org.apache.kafka.common.config.provider.FileConfigProvider';
const ENV_PROVIDER = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';
const OFFSET_FLUSH_MS = 10000;
const REFRESH_SECONDS = 60;
const OFFSET_LAG_MAX = 100;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An exact-match Java regex for a name (filters are lists of regexes that must match the whole name). */
export function exactRegex(name: string): string {
  if (name.includes(','))
    throw new AlikafkaMigrateError('plan', `${JSON.stringify(name)}: MirrorMaker splits filters on commas, so a name with a comma cannot be listed`);
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Flow {
  readonly from: string; // alias read
  readonly to: string; // alias written
  readonly fromBootstrap: readonly string[];
  readonly toBootstrap: readonly string[];
  readonly fromConn: ClusterConnection;
  readonly toConn: ClusterConnection;
}

/** The plan's topic decisions, in the direction of the flow. */
function flowTopics(plan: MigrationPlan, transfer: TransferPlan, reverse: boolean): MirrorTopic[] {
  const bySource = new Map<string, PlannedTopic>(plan.topics.map((t) => [t.sourceName, t]));
  return transfer.topics.flatMap((d: TopicTransfer): MirrorTopic[] => {
    const t = bySource.get(d.sourceName);
    if (!t) return [];
    const from = reverse ? t.name : t.sourceName;
    const to = reverse ? t.sourceName : t.name;
    const partitions = reverse ? t.partitions : t.sourcePartitions;
    const targetPartitions = reverse ? t.sourcePartitions : t.partitions;
    let how = d.copy === 'renamed-by-policy' && reverse ? `renamed back by the generated replication policy (${from} -> ${to})` : d.reason;
    if (d.copy !== 'not-copied' && targetPartitions > partitions) {
      how += `; the target has ${targetPartitions} partitions, the copy fills the first ${partitions} (same partition numbers), the rest stay empty until producers move`;
    }
    return [{ from, to, partitions, targetPartitions, copy: d.copy, how }];
  });
}

/** The plan's group decisions, in the direction of the flow: a reverse flow never writes the source's offsets. */
function flowGroups(transfer: TransferPlan, reverse: boolean, switched: ReadonlySet<string>, excludeKey: string): MirrorGroup[] {
  return transfer.groups.map((g) => {
    const from = reverse ? g.name : g.sourceId;
    const to = reverse ? g.sourceId : g.name;
    if (!reverse && switched.has(g.sourceId)) {
      return {
        from,
        to,
        synced: false,
        switched: true,
        how:
          g.offsets === 'synced'
            ? `switched to the target: left out of groups and listed in ${excludeKey}, so MirrorMaker no longer checkpoints it or syncs its offsets over what its consumers commit on the target`
            : `switched to the target; MirrorMaker never synced its offsets (${g.reason}), and it is listed in ${excludeKey} too`,
      };
    }
    if (reverse && g.offsets === 'synced') {
      return {
        from,
        to,
        synced: false,
        how: 'checkpointed (translations in the checkpoints topic) but not written into the source: a rollback resumes from the source offsets kept in this report',
      };
    }
    return { from, to, synced: !reverse && g.offsets === 'synced', how: g.reason };
  });
}

function pushSettings(lines: string[], prefix: string, entries: ReadonlyArray<readonly [string, string]>): void {
  for (const [k, v] of entries) lines.push(`${propertiesKey(`${prefix}${k}`)} = ${propertiesValue(v)}`);
}

function providerLines(conns: readonly ClusterConnection[]): Array<[string, string]> {
  const providers = [...new Set(conns.flatMap((c) => c.providers))].sort();
  const files = [...new Set(conns.flatMap((c) => c.files))].sort();
  const out: Array<[string, string]> = [];
  if (!providers.length) return out;
  for (const p of providers) {
    if (p !== 'file' && p !== 'env')
      throw new AlikafkaMigrateError('input', `config provider ${JSON.stringify(p)} is used in a properties file; only file and env are generated`);
  }
  out.push(['config.providers', providers.join(',')]);
  if (providers.includes('env')) out.push(['config.providers.env.class', ENV_PROVIDER]);
  if (providers.includes('file')) {
    out.push(['config.providers.file.class', FILE_PROVIDER]);
    // KIP-993: the file provider may read only these files
    out.push(['config.providers.file.param.allowed.paths', files.join(',')]);
  }
  return out;
}

/**
 * The topics MirrorMaker uses on the cluster it writes to: forward, the plan's (Terraform creates them); reverse, on
 * the source, which MirrorMaker creates itself there (a self-hosted cluster lets clients create topics).
 */
function internalTopics(flow: Flow, mm: MirrorMakerPlan, reverse: boolean, mode: MirrorMode): InternalTopic[] {
  if (!reverse) {
    return mm.topics.map((t) => ({
      name: t.name,
      role: t.role,
      cluster: flow.to,
      partitions: t.partitions,
      cleanupPolicy: t.compact ? 'compact' : 'delete',
      createdBy: 'terraform',
      use: t.reason,
    }));
  }
  return mirrorMakerTopicFacts(flow.from, mm.separator)
    .filter((f) => mode === 'dedicated' || !WORKER_TOPIC_ROLES.includes(f.role))
    .map((f) => ({
      name: f.name,
      role: f.role,
      cluster: flow.to,
      partitions: f.role === 'offset-storage' ? WORKER_OFFSET_PARTITIONS : f.partitions,
      cleanupPolicy: 'compact',
      createdBy: 'mirrormaker',
      use: f.writer,
    }));
}

/** The name of the internal topic with this role (the flow's topics are the plan's forward, the facts' reverse). */
function roleName(topics: readonly InternalTopic[], role: MirrorMakerTopicRole): string | undefined {
  return topics.find((t) => t.role === role)?.name;
}

/** Generates the MirrorMaker 2 configuration and its report. Same plan and options: byte-identical files. */
export function generateMirror(plan: MigrationPlan, o: MirrorOptions): MirrorSetup {
  const reverse = o.reverse === true;
  const mm = plan.transfer?.mirrorMaker;
  if (!mm)
    throw new AlikafkaMigrateError(
      'input',
      'the plan has no MirrorMaker settings: plan it with the mirror option (dedicated or connect), which also plans the topics MirrorMaker needs on the target',
    );
  const transfer = transferOf(plan);
  const rf = mm.replicationFactor;
  const maxTasks = mm.maxTasks;
  const interval = mm.checkpointIntervalSeconds;
  if (!o.sourceBootstrap.length) throw new AlikafkaMigrateError('usage', 'no source bootstrap servers', { field: 'sourceBootstrap' });
  if (!o.targetBootstrap.length) throw new AlikafkaMigrateError('usage', 'no target bootstrap servers', { field: 'targetBootstrap' });
  const flow: Flow = reverse
    ? { from: TARGET_ALIAS, to: SOURCE_ALIAS, fromBootstrap: o.targetBootstrap, toBootstrap: o.sourceBootstrap, fromConn: o.target, toConn: o.source }
    : { from: SOURCE_ALIAS, to: TARGET_ALIAS, fromBootstrap: o.sourceBootstrap, toBootstrap: o.targetBootstrap, fromConn: o.source, toConn: o.target };

  const topics = flowTopics(plan, transfer, reverse);
  const copied = topics.filter((t) => t.copy !== 'not-copied');
  const switched = new Set(o.switched ?? []);
  if (reverse && switched.size)
    throw new AlikafkaMigrateError('usage', 'switched groups apply to the forward flow only: the reverse flow syncs no offsets', { field: 'switched' });
  const planned = new Set(transfer.groups.map((g) => g.sourceId));
  const unknownSwitched = [...switched].filter((g) => !planned.has(g)).sort();
  if (unknownSwitched.length)
    throw new AlikafkaMigrateError(
      'usage',
      `switched group(s) ${unknownSwitched.map((g) => JSON.stringify(g)).join(', ')} not in the plan (it has ${planned.size} group(s))`,
      {
        field: 'switched',
      },
    );
  const excludeKey = groupFilterExcludeKey(mm.mode, flow.from, flow.to);
  const groups = flowGroups(transfer, reverse, switched, excludeKey);
  const listedGroups = reverse ? transfer.groups.filter((g) => g.offsets === 'synced').map((g) => ({ from: g.name })) : groups.filter((g) => g.synced);
  const policyPairs = copied.filter((t) => t.copy === 'renamed-by-policy' || t.copy === 'name-kept-by-policy').map((t) => `${t.from}:${t.to}`);
  const usePolicy = policyPairs.length > 0;
  const policyClass = usePolicy ? POLICY_CLASS : IDENTITY_POLICY_CLASS;
  const partitions = copied.reduce((n, t) => n + t.partitions, 0);
  // one task per PARTITIONS_PER_TASK copied partitions (their batches fill one producer request), at most maxTasks
  const tasksMax = Math.max(1, Math.min(Math.ceil(partitions / PARTITIONS_PER_TASK), maxTasks));
  const warnings: string[] = [];
  if (!copied.length) warnings.push('no planned topic can be copied by MirrorMaker 2: the generated configuration copies nothing');

  // A regex that matches no topic or group name: MirrorMaker would otherwise fall back to ".*".
  const topicsList = copied.length ? copied.map((t) => exactRegex(t.from)).join(',') : '__alikafka-migrate-nothing__';
  const groupsList = listedGroups.length ? listedGroups.map((g) => exactRegex(g.from)).join(',') : '__alikafka-migrate-nothing__';
  // switched groups: excluded by name too, so a wider groups list (edited by hand) still leaves them alone
  const excludedGroups = groups
    .filter((g) => g.switched)
    .map((g) => exactRegex(g.from))
    .sort(cmp)
    .join(',');

  const compression = mm.compression;
  const clientSettings = flowClientSettings(
    plan,
    { ...flow, fromRole: reverse ? 'target' : 'source', toRole: reverse ? 'source' : 'target' },
    new Set(copied.map((t) => (reverse ? t.from : t.to))),
    compression,
    reverse,
  );
  const producer = clientSettings.producer;
  const consumer = clientSettings.consumer;
  // MirrorMaker's own producers (offset syncs, checkpoints) are idempotent by default in 3.x clients; AliKafka
  // supports idempotence only on local storage and pre-2.8 brokers need the IdempotentWrite ACL (§6 #3).
  const ownProducer: Array<[string, string]> = [['enable.idempotence', 'false']];

  for (const [name, conn] of [
    [flow.from, flow.fromConn],
    [flow.to, flow.toConn],
  ] as const) {
    for (const [k, v] of conn.settings) {
      if (!holdsNoClearSecret(k, v)) throw new InternalError(`${name}.${k} would be written in clear`);
    }
  }
  const providers = providerLines([flow.fromConn, flow.toConn]);
  const policyKeys: Array<[string, string]> = [['replication.policy.class', policyClass]];
  if (usePolicy) policyKeys.push([POLICY_RENAMES_KEY, policyPairs.join(',')]);
  // MirrorMaker's internal topic names follow the separator (KIP-690): the plan's names, without dots when they are forbidden
  if (mm.separator !== DEFAULT_SEPARATOR) policyKeys.push(['replication.policy.separator', mm.separator]);

  const files: MirrorFile[] = [];
  const steps: string[] = [];
  const intTopics = internalTopics(flow, mm, reverse, mm.mode);
  const storage = (role: MirrorMakerTopicRole): string => roleName(intTopics, role) ?? '';
  const offsetPartitions = intTopics.find((x) => x.role === 'offset-storage')?.partitions ?? WORKER_OFFSET_PARTITIONS;
  if (mm.mode === 'dedicated') {
    const f = flow.from;
    const t = flow.to;
    const L: string[] = [
      '# MirrorMaker 2 (dedicated mode) configuration generated by alikafka-migrate mirror from the migration plan.',
      '# Re-run the command instead of editing; the report next to this file says how each topic and group is carried.',
      `# Run with Kafka ${MIRRORMAKER_VERSION}: bin/connect-mirror-maker.sh mm2.properties --clusters ${t}`,
      `# (--clusters ${t} starts only the herder that writes to ${t}.)`,
      '# Secrets are config-provider references (${file:...} / ${env:...}), resolved on the MirrorMaker node.',
      '',
      `clusters = ${SOURCE_ALIAS}, ${TARGET_ALIAS}`,
      `${SOURCE_ALIAS}.bootstrap.servers = ${propertiesValue(o.sourceBootstrap.join(','))}`,
      `${TARGET_ALIAS}.bootstrap.servers = ${propertiesValue(o.targetBootstrap.join(','))}`,
    ];
    pushSettings(L, `${SOURCE_ALIAS}.`, o.source.settings);
    pushSettings(L, `${TARGET_ALIAS}.`, o.target.settings);
    if (providers.length) {
      L.push('', '# config providers (KIP-297 file, KIP-887 env); passed to the worker since 3.8.1 (KAFKA-17192)');
      pushSettings(L, '', providers);
    }
    L.push(
      '',
      `# one flow: ${f} -> ${t}; heartbeats off, so no herder writes to ${f}`,
      `${f}->${t}.enabled = true`,
      `${t}->${f}.enabled = false`,
      'emit.heartbeats.enabled = false',
      '',
      usePolicy ? `# renamed topics: ${POLICY_CLASS} (build it from ${POLICY_FILE}, see the report)` : '# names are kept',
    );
    pushSettings(L, '', policyKeys);
    L.push(
      '',
      excludedGroups
        ? '# exactly the planned topics and groups (exact-name regexes; only the plan decides); groups switched to the target are excluded from checkpoints and offset sync'
        : '# exactly the planned topics and groups (exact-name regexes; the excludes are emptied so only the plan decides)',
      `${f}->${t}.topics = ${propertiesValue(topicsList)}`,
      `${f}->${t}.topics.exclude = `,
      `${f}->${t}.groups = ${propertiesValue(groupsList)}`,
      `${f}->${t}.groups.exclude = ${propertiesValue(excludedGroups)}`,
      '',
      '# Terraform owns topic configs and ACLs',
      'sync.topic.configs.enabled = false',
      'sync.topic.acls.enabled = false',
      '',
      '# offset translation',
      'emit.checkpoints.enabled = true',
      `emit.checkpoints.interval.seconds = ${interval}`,
      `sync.group.offsets.enabled = ${reverse ? 'false' : 'true'}`,
      `sync.group.offsets.interval.seconds = ${interval}`,
      `offset-syncs.topic.location = target`,
      `offset.lag.max = ${OFFSET_LAG_MAX}`,
      `refresh.topics.interval.seconds = ${REFRESH_SECONDS}`,
      `refresh.groups.interval.seconds = ${REFRESH_SECONDS}`,
      '',
      `# parallelism: one task per ${PARTITIONS_PER_TASK} partitions (${partitions}), at most ${maxTasks}: each task's producer has one`,
      `# request in flight and a request carries one batch per partition of the task, so fewer, fuller tasks copy as much with less CPU`,
      `${f}->${t}.tasks.max = ${tasksMax}`,
      '',
      reverse
        ? `# topics MirrorMaker and its worker create on ${t} (the replication factor is used when they create them)`
        : `# topics MirrorMaker and its worker use on ${t}: created by terraform apply of the synth --mirror stack (the replication factor only if one is missing)`,
      `replication.factor = ${rf}`,
      `offset-syncs.topic.replication.factor = ${rf}`,
      `checkpoints.topic.replication.factor = ${rf}`,
      `heartbeats.topic.replication.factor = ${rf}`,
      `config.storage.topic = ${propertiesValue(storage('config-storage'))}`,
      `offset.storage.topic = ${propertiesValue(storage('offset-storage'))}`,
      `status.storage.topic = ${propertiesValue(storage('status-storage'))}`,
      `config.storage.replication.factor = ${rf}`,
      `offset.storage.replication.factor = ${rf}`,
      `status.storage.replication.factor = ${rf}`,
      `offset.storage.partitions = ${offsetPartitions}`,
      `${t}.offset.flush.interval.ms = ${OFFSET_FLUSH_MS}`,
      '',
      `# producer into ${t} (the worker's data producer and MirrorMaker's own producers)`,
    );
    pushSettings(L, `${t}.producer.`, [...producer, ...ownProducer]);
    L.push('', `# replication consumer on ${f} (assign(), never joins a group)`);
    pushSettings(L, `${f}.consumer.`, consumer);
    if (clientSettings.other.length || clientSettings.everyClient.length) {
      L.push('', '# the other settings of the client properties files, under the prefix of the client that knows each');
      for (const [alias, key, value] of clientSettings.everyClient) L.push(`${propertiesKey(`${alias}.${key}`)} = ${propertiesValue(value)}`);
      for (const [alias, client, key, value] of clientSettings.other) L.push(`${propertiesKey(`${alias}.${client}.${key}`)} = ${propertiesValue(value)}`);
    }
    files.push({ path: 'mm2.properties', content: `${L.join('\n')}\n` });
    if (usePolicy) {
      steps.push(
        `Build the renaming policy: javac --release 8 -cp "$KAFKA_HOME/libs/*" -d policy-classes ${POLICY_FILE} && jar cf ${POLICY_JAR} -C policy-classes . ; copy ${POLICY_JAR} to $KAFKA_HOME/libs/ on the MirrorMaker node.`,
      );
    }
    steps.push(`Run MirrorMaker 2 (Kafka ${MIRRORMAKER_VERSION}) on one node near ${t}: bin/connect-mirror-maker.sh mm2.properties --clusters ${t}`);
  } else {
    const base = (cls: string, name: string): Record<string, string> => ({
      'connector.class': `org.apache.kafka.connect.mirror.${cls}`,
      name,
      'source.cluster.alias': flow.from,
      'target.cluster.alias': flow.to,
    });
    const cluster = (side: 'source' | 'target'): Record<string, string> => {
      const bs = side === 'source' ? flow.fromBootstrap : flow.toBootstrap;
      const conn = side === 'source' ? flow.fromConn : flow.toConn;
      const out: Record<string, string> = { [`${side}.cluster.bootstrap.servers`]: bs.join(',') };
      for (const [k, v] of conn.settings) out[`${side}.cluster.${k}`] = v;
      return out;
    };
    // Records are produced by the worker's producer: point it at the target whatever cluster the workers use (§2.1).
    const override = (): Record<string, string> => {
      const out: Record<string, string> = { 'producer.override.bootstrap.servers': flow.toBootstrap.join(',') };
      for (const [k, v] of flow.toConn.settings) out[`producer.override.${k}`] = v;
      for (const [k, v] of producer) out[`producer.override.${k}`] = v;
      return out;
    };
    const converters = { 'key.converter': CONVERTER, 'value.converter': CONVERTER, 'header.converter': CONVERTER };
    const policy = Object.fromEntries(policyKeys);
    const common = {
      ...policy,
      topics: topicsList,
      'topics.exclude': '',
      'offset-syncs.topic.location': 'target',
    };
    const ownTarget = Object.fromEntries(ownProducer.map(([k, v]) => [`target.producer.${k}`, v]));
    // the other settings of the client files: source.producer/admin, target.consumer/admin (Connect-mode prefixes)
    const otherClients = Object.fromEntries(
      clientSettings.other.map(([alias, client, k, v]) => [`${alias === flow.from ? 'source' : 'target'}.${client}.${k}`, v]),
    );
    const source = {
      ...base('MirrorSourceConnector', CONNECTOR_NAMES.source),
      'tasks.max': String(tasksMax),
      ...cluster('source'),
      ...cluster('target'),
      ...common,
      'sync.topic.configs.enabled': 'false',
      'sync.topic.acls.enabled': 'false',
      'refresh.topics.interval.seconds': String(REFRESH_SECONDS),
      'offset.lag.max': String(OFFSET_LAG_MAX),
      'replication.factor': String(rf),
      'offset-syncs.topic.replication.factor': String(rf),
      ...converters,
      ...Object.fromEntries(consumer.map(([k, v]) => [`source.consumer.${k}`, v])),
      ...otherClients,
      ...ownTarget,
      ...override(),
    };
    const checkpoint = {
      ...base('MirrorCheckpointConnector', CONNECTOR_NAMES.checkpoint),
      'tasks.max': String(Math.max(1, Math.min(listedGroups.length, maxTasks))),
      ...cluster('source'),
      ...cluster('target'),
      ...common,
      groups: groupsList,
      'groups.exclude': excludedGroups,
      'emit.checkpoints.enabled': 'true',
      'emit.checkpoints.interval.seconds': String(interval),
      'sync.group.offsets.enabled': reverse ? 'false' : 'true',
      'sync.group.offsets.interval.seconds': String(interval),
      'refresh.groups.interval.seconds': String(REFRESH_SECONDS),
      'checkpoints.topic.replication.factor': String(rf),
      ...converters,
      ...otherClients,
      ...ownTarget,
      ...override(),
    };
    const heartbeat = {
      ...base('MirrorHeartbeatConnector', CONNECTOR_NAMES.heartbeat),
      'tasks.max': '1',
      ...cluster('target'),
      ...policy,
      'emit.heartbeats.enabled': 'true',
      'emit.heartbeats.interval.seconds': '5',
      'heartbeats.topic.replication.factor': String(rf),
      ...converters,
      ...ownTarget,
      ...override(),
    };
    for (const [n, body] of [
      [CONNECTOR_NAMES.source, source],
      [CONNECTOR_NAMES.checkpoint, checkpoint],
      [CONNECTOR_NAMES.heartbeat, heartbeat],
    ] as const) {
      files.push({ path: `connectors/${n}.json`, content: `${JSON.stringify(body, null, 2)}\n` });
    }
    const ownCluster = !reverse && mm.workerTopics.location === 'target' && mm.workerGroup !== undefined;
    const W: string[] = ownCluster
      ? [
          `# The Kafka Connect cluster that runs the mirror connectors, on ${flow.to}: connect-distributed.sh connect-worker.properties (Kafka ${MIRRORMAKER_VERSION}).`,
          `# Its group and its config, offset and status topics (compacted) were created by terraform apply of the synth --mirror stack.`,
          `bootstrap.servers = ${propertiesValue(flow.toBootstrap.join(','))}`,
        ]
      : [
          '# Settings the Kafka Connect workers that run the mirror connectors need (merge into the worker properties).',
          `# ${reverse ? 'The workers keep their own bootstrap.servers and internal topics' : `Where the workers keep their own topics: ${mm.workerTopics.reason}`};`,
          `# the connectors send records to ${flow.to} through producer.override.* whatever that cluster is.`,
        ];
    if (ownCluster) {
      pushSettings(W, '', flow.toConn.settings);
      W.push(
        `group.id = ${propertiesValue(mm.workerGroup ?? '')}`,
        `config.storage.topic = ${propertiesValue(storage('config-storage'))}`,
        `offset.storage.topic = ${propertiesValue(storage('offset-storage'))}`,
        `status.storage.topic = ${propertiesValue(storage('status-storage'))}`,
        `config.storage.replication.factor = ${rf}`,
        `offset.storage.replication.factor = ${rf}`,
        `status.storage.replication.factor = ${rf}`,
        `offset.storage.partitions = ${offsetPartitions}`,
        `status.storage.partitions = ${intTopics.find((x) => x.role === 'status-storage')?.partitions ?? 1}`,
        `offset.flush.interval.ms = ${OFFSET_FLUSH_MS}`,
      );
    }
    W.push(
      `key.converter = ${CONVERTER}`,
      `value.converter = ${CONVERTER}`,
      `header.converter = ${CONVERTER}`,
      'connector.client.config.override.policy = All',
    );
    pushSettings(W, '', providers);
    files.push({ path: 'connect-worker.properties', content: `${W.join('\n')}\n` });
    if (usePolicy) {
      steps.push(
        `Build the renaming policy (javac --release 8 -cp "$KAFKA_HOME/libs/*" -d policy-classes ${POLICY_FILE} && jar cf ${POLICY_JAR} -C policy-classes .) and put ${POLICY_JAR} on the classpath of every Connect worker (next to connect-mirror), then restart them.`,
      );
    }
    steps.push(
      ownCluster
        ? `Start the Connect workers (Kafka ${MIRRORMAKER_VERSION}) with connect-worker.properties: connect-distributed.sh connect-worker.properties`
        : `Merge connect-worker.properties into every Connect worker (Kafka ${MIRRORMAKER_VERSION}) and restart them.`,
    );
    for (const n of [CONNECTOR_NAMES.source, CONNECTOR_NAMES.checkpoint, CONNECTOR_NAMES.heartbeat]) {
      steps.push(`curl -sf -X PUT -H 'Content-Type: application/json' --data @connectors/${n}.json http://CONNECT:8083/connectors/${n}/config`);
    }
  }
  if (usePolicy) files.push({ path: POLICY_FILE, content: POLICY_SOURCE });

  // prerequisites and warnings that depend on the target
  if (!reverse) {
    steps.unshift(
      `Apply the synth --mirror stack first: it creates MirrorMaker's topics${mm.groups.length ? ' and group' : ''} on ${flow.to} listed below (AliKafka does not let clients create them). Make sure no consumer of a planned group connects to ${flow.to} before cutover.`,
    );
    if (mm.mode === 'connect' && mm.workerTopics.location !== 'target')
      warnings.push(`the Connect workers' own topics are not on ${flow.to}: ${mm.workerTopics.reason}`);
  } else {
    steps.unshift(
      `Start this reverse MirrorMaker after the forward MirrorMaker has stopped (two MirrorMakers with identity names form a loop and copy records back and forth) and before any producer moves to ${TARGET_ALIAS}.`,
      `The reverse flow starts at the end of every ${TARGET_ALIAS} topic (auto.offset.reset=latest): only records produced on ${TARGET_ALIAS} after it starts are copied back.`,
      `On rollback, stop the consumers on ${TARGET_ALIAS}, then reset each source group to the offsets kept in rollback-offsets.json (kafka-consumer-groups --reset-offsets --from-file rollback/<group>.csv --execute) only if they changed, and restart the consumers on ${SOURCE_ALIAS}: they resume after the records copied back.`,
    );
  }
  for (const t of copied.filter((c) => c.copy === 'renamed-by-policy'))
    warnings.push(
      `topic ${t.from} is written as ${t.to} by the renaming policy: MirrorMaker must run with ${POLICY_JAR} on its classpath, or it fails at start (ClassNotFoundException), never copying under the old name`,
    );
  for (const t of topics.filter((c) => c.copy === 'not-copied')) warnings.push(`topic ${t.from} is not copied: ${t.how}`);
  for (const g of groups.filter((x) => !x.synced && !x.switched && !reverse)) warnings.push(`group ${g.from}: ${g.how}`);

  const settings = clientSettings.report;
  const secrets = [
    ...o.source.referenced.map((k) => ({ cluster: SOURCE_ALIAS, key: k, reference: o.source.settings.find(([x]) => x === k)?.[1] ?? '' })),
    ...o.target.referenced.map((k) => ({ cluster: TARGET_ALIAS, key: k, reference: o.target.settings.find(([x]) => x === k)?.[1] ?? '' })),
  ];
  const report: MirrorReport = {
    mode: mm.mode,
    direction: reverse ? 'reverse' : 'forward',
    sourceAlias: flow.from,
    targetAlias: flow.to,
    mirrorMakerVersion: MIRRORMAKER_VERSION,
    replicationPolicy: policyClass,
    tasksMax,
    messageLimit: clientSettings.messageLimit,
    topics,
    groups,
    internalTopics: intTopics,
    settings,
    secrets,
    warnings,
    steps,
    rollback: reverse ? o.rollbackOffsets : undefined,
  };
  const base = reverse ? 'mirror-reverse-report' : 'mirror-report';
  files.push({ path: `${base}.json`, content: `${JSON.stringify(report, null, 2)}\n` });
  files.push({ path: `${base}.md`, content: renderMarkdown(report) });
  if (reverse && o.rollbackOffsets) {
    files.push({ path: 'rollback-offsets.json', content: `${JSON.stringify(o.rollbackOffsets, null, 2)}\n` });
    for (const g of o.rollbackOffsets.groups) {
      // the CSV kafka-consumer-groups --reset-offsets --from-file reads: topic,partition,offset
      const rows = [...g.offsets].sort((a, b) => cmp(a.topic, b.topic) || a.partition - b.partition).map((x) => `${x.topic},${x.partition},${x.offset}`);
      files.push({ path: `rollback/${safeFileName(g.group)}.csv`, content: rows.length ? `${rows.join('\n')}\n` : '' });
    }
  }
  return { files: files.sort((a, b) => cmp(a.path, b.path)), report };
}

function safeFileName(group: string): string {
  const clean = group.replace(/[^A-Za-z0-9._-]/g, '_');
  return clean === group ? group : `${clean}-${Buffer.from(group).toString('hex').slice(0, 8)}`;
}

/** A table cell: names are data, so controls and bidirectional overrides are shown escaped and no HTML opens. */
function md(s: string | number): string {
  return htmlText(String(s)).replace(/\|/g, '\\|');
}

export function renderMarkdown(r: MirrorReport): string {
  const L: string[] = [];
  L.push(`# MirrorMaker 2 ${r.direction === 'reverse' ? 'rollback (reverse) ' : ''}configuration: ${r.sourceAlias} -> ${r.targetAlias}`, '');
  L.push(`Mode: ${r.mode}. MirrorMaker 2 from Kafka ${r.mirrorMakerVersion}. Replication policy: \`${r.replicationPolicy}\`. tasks.max: ${r.tasksMax}.`, '');
  L.push(
    'This report says what MirrorMaker 2 is configured to copy. Whether the records arrived is for `verify` to say (it reads both sides).',
    '',
    `Largest message the plan allows on the copied topics: ${r.messageLimit.bytes} bytes (${md(r.messageLimit.from)}); the producer's max.request.size and the consumer's fetch sizes follow it (see Client settings).`,
    '',
  );
  L.push('## Steps', '');
  r.steps.forEach((s, i) => L.push(`${i + 1}. ${displayText(s)}`));
  L.push('', '## Topics', '', '| from | to | partitions | target partitions | configured to copy | how |', '|---|---|---|---|---|---|');
  for (const t of r.topics) L.push(`| ${md(t.from)} | ${md(t.to)} | ${t.partitions} | ${t.targetPartitions} | ${t.copy} | ${md(t.how)} |`);
  L.push('', '## Groups', '', '| from | to | offsets synced by MirrorMaker | how |', '|---|---|---|---|');
  for (const g of r.groups) L.push(`| ${md(g.from)} | ${md(g.to)} | ${g.synced ? 'yes' : 'no'} | ${md(g.how)} |`);
  L.push('', `## MirrorMaker's topics on ${r.targetAlias}`, '', '| topic | partitions | cleanup.policy | created by | what for |', '|---|---|---|---|---|');
  for (const t of r.internalTopics) L.push(`| ${md(t.name)} | ${t.partitions} | ${t.cleanupPolicy} | ${md(t.createdBy)} | ${md(t.use)} |`);
  L.push('', '## Client settings', '', '| cluster | client | key | value | why |', '|---|---|---|---|---|');
  for (const s of r.settings) L.push(`| ${s.cluster} | ${s.client} | ${s.key} | ${md(s.value)} | ${md(s.reason)} |`);
  L.push('', '## Secrets', '');
  if (!r.secrets.length) L.push('No secret settings were given.');
  else {
    L.push(
      'Secrets are not copied: the generated files reference them, and MirrorMaker resolves them on its node.',
      '',
      '| cluster | key | reference |',
      '|---|---|---|',
    );
    for (const s of r.secrets) L.push(`| ${s.cluster} | ${s.key} | \`${md(s.reference)}\` |`);
  }
  if (r.warnings.length) {
    L.push('', '## Warnings', '');
    for (const w of r.warnings) L.push(`- ${htmlText(w)}`);
  }
  if (r.rollback) {
    L.push(
      '',
      '## Source offsets kept for a rollback',
      '',
      `Read from the ${r.rollback.origin === 'source-cluster' ? 'source cluster (OffsetFetch, read-only)' : 'metadata export'}${r.rollback.readAt ? ` at ${r.rollback.readAt}` : ''}.`,
      '',
    );
    L.push('| group | topic | partition | offset |', '|---|---|---|---|');
    for (const g of r.rollback.groups) for (const x of g.offsets) L.push(`| ${md(g.group)} | ${md(x.topic)} | ${x.partition} | ${x.offset} |`);
  }
  return `${L.join('\n')}\n`;
}
