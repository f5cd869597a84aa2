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
import { EDITIONS, SpecType } from '../alikafka';
import { identityRenames, mirrorMakerSkips } from '../kafka';
import type { MigrationPlan, PlannedGroup, PlannedTopic } from '../plan';
import type { ClusterConnection } from './secrets';
import { holdsNoClearSecret } from './secrets';
import { Compression, DEFAULT_MAX_TASKS } from './practices';
import { ClientSetting, flowClientSettings } from './client-settings';
import type { MessageLimit } from '../plan';
import { displayText, htmlText, propertiesKey, propertiesValue } from '../util/escape';
import { IDENTITY_POLICY_CLASS, POLICY_CLASS, POLICY_FILE, POLICY_JAR, POLICY_RENAMES_KEY, POLICY_SOURCE } from './policy';

export type MirrorMode = 'dedicated' | 'connect';

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

export interface MirrorOptions {
  readonly mode: MirrorMode;
  /** Mirror target → source (rollback) instead of source → target. */
  readonly reverse?: boolean;
  readonly sourceBootstrap: readonly string[];
  readonly targetBootstrap: readonly string[];
  readonly source: ClusterConnection;
  readonly target: ClusterConnection;
  /** Upper bound on tasks.max. @default DEFAULT_MAX_TASKS */
  readonly maxTasks?: number;
  /** Replication factor of the topics MirrorMaker and the Connect worker create. @default 3 */
  readonly replicationFactor?: number;
  /** Checkpoint and group-offset sync interval in seconds. @default 30 */
  readonly checkpointIntervalSeconds?: number;
  /** Compression of the records MirrorMaker writes. @default 'none' */
  readonly compression?: Compression;
  /** With `reverse`: the source's committed offsets per group, written to the rollback file. */
  readonly rollbackOffsets?: RollbackOffsets;
}

export interface MirrorFile {
  readonly path: string;
  readonly content: string;
}

/** How one planned topic is copied. */
export type TopicCopy = 'identity' | 'renamed-by-policy' | 'name-kept-by-policy' | 'not-copied';

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
  readonly how: string;
}

export interface InternalTopic {
  readonly name: string;
  readonly cluster: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'compact' | 'compact or delete';
  readonly createdBy: string;
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

/** Cluster aliases: frozen, because they are part of MirrorMaker's internal topic names (§6 #17). */
export const SOURCE_ALIAS = 'src';
export const TARGET_ALIAS = 'ali';
export const MIRRORMAKER_VERSION = '3.9.x';
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
const WORKER_OFFSET_PARTITIONS = 5;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An exact-match Java regex for a name (filters are lists of regexes that must match the whole name). */
export function exactRegex(name: string): string {
  if (name.includes(',')) throw new Error(`${JSON.stringify(name)}: MirrorMaker splits filters on commas, so a name with a comma cannot be listed`);
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

function planTopics(plan: MigrationPlan, reverse: boolean): MirrorTopic[] {
  const out: MirrorTopic[] = [];
  const sorted = [...plan.topics].sort((a, b) => cmp(a.sourceName, b.sourceName));
  for (const t of sorted as PlannedTopic[]) {
    const from = reverse ? t.name : t.sourceName;
    const to = reverse ? t.sourceName : t.name;
    const partitions = reverse ? t.partitions : t.sourcePartitions;
    const targetPartitions = reverse ? t.sourcePartitions : t.partitions;
    let copy: TopicCopy;
    let how: string;
    if (mirrorMakerSkips(from) || mirrorMakerSkips(to)) {
      copy = 'not-copied';
      how =
        'MirrorMaker 2 treats names starting with "__" or "." or ending in ".internal"/"-internal" as internal and never copies them; copy this topic another way or rename it in the plan';
    } else if (from !== to) {
      copy = 'renamed-by-policy';
      how = `renamed by ${POLICY_CLASS} (${from} -> ${to}): records keep their partition, key, headers and timestamp, and checkpoints and group offset sync use the new name, so offset translation works as for the other topics`;
    } else if (identityRenames(from)) {
      copy = 'name-kept-by-policy';
      how = `IdentityReplicationPolicy would write names ending in "heartbeats" as ${SOURCE_ALIAS}.${from}; ${POLICY_CLASS} keeps the name`;
    } else {
      copy = 'identity';
      how = 'same name (IdentityReplicationPolicy), same partition for every record';
    }
    if (copy !== 'not-copied' && targetPartitions > partitions) {
      how += `; the target has ${targetPartitions} partitions, the copy fills the first ${partitions} (same partition numbers), the rest stay empty until producers move`;
    }
    out.push({ from, to, partitions, targetPartitions, copy, how });
  }
  return out;
}

function planGroups(plan: MigrationPlan, reverse: boolean, copied: ReadonlySet<string>): MirrorGroup[] {
  return [...plan.groups]
    .sort((a, b) => cmp(a.sourceId, b.sourceId))
    .map((g: PlannedGroup) => {
      const from = reverse ? g.name : g.sourceId;
      const to = reverse ? g.sourceId : g.name;
      if (from !== to) {
        return {
          from,
          to,
          synced: false,
          how: 'MirrorMaker 2 cannot rename groups: its offsets are not synced; once the group has stopped on the source, `cutover` gives the offsets to commit under the new id (each checked against the copied messages) and the kafka-consumer-groups command',
        };
      }
      if (from.includes(',')) return { from, to, synced: false, how: 'the id contains a comma, which MirrorMaker filters cannot express' };
      const topics = (g.topics ?? []).filter((t) => copied.has(t));
      if (reverse)
        return {
          from,
          to,
          synced: false,
          how: 'checkpointed (translations in the checkpoints topic) but not written into the source: a rollback resumes from the source offsets kept in this report',
        };
      return {
        from,
        to,
        synced: true,
        how: topics.length
          ? 'checkpoints and sync.group.offsets: translated offsets are committed on the target while the group is inactive there'
          : 'listed, but it has no offsets on copied topics, so MirrorMaker makes no checkpoint for it',
      };
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
    if (p !== 'file' && p !== 'env') throw new Error(`config provider ${JSON.stringify(p)} is used in a properties file; only file and env are generated`);
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

function internalTopics(flow: Flow): InternalTopic[] {
  return [
    {
      name: `mm2-configs.${flow.from}.internal`,
      cluster: flow.to,
      partitions: 1,
      cleanupPolicy: 'compact',
      createdBy: 'Connect worker (config.storage.topic); must be compacted, else the worker refuses to start',
    },
    {
      name: `mm2-offsets.${flow.from}.internal`,
      cluster: flow.to,
      partitions: WORKER_OFFSET_PARTITIONS,
      cleanupPolicy: 'compact',
      createdBy: "Connect worker (offset.storage.topic): MirrorMaker's positions in the source; must be compacted",
    },
    {
      name: `mm2-status.${flow.from}.internal`,
      cluster: flow.to,
      partitions: 5,
      cleanupPolicy: 'compact',
      createdBy: 'Connect worker (status.storage.topic); must be compacted',
    },
    {
      name: `mm2-offset-syncs.${flow.from}.internal`,
      cluster: flow.to,
      partitions: 1,
      cleanupPolicy: 'compact or delete',
      createdBy: 'MirrorSourceConnector (offset-syncs.topic.location=target)',
    },
    { name: `${flow.from}.checkpoints.internal`, cluster: flow.to, partitions: 1, cleanupPolicy: 'compact or delete', createdBy: 'MirrorCheckpointConnector' },
  ];
}

/** Generates the MirrorMaker 2 configuration and its report. Same plan and options: byte-identical files. */
export function generateMirror(plan: MigrationPlan, o: MirrorOptions): MirrorSetup {
  const reverse = o.reverse === true;
  const rf = o.replicationFactor ?? 3;
  const maxTasks = o.maxTasks ?? DEFAULT_MAX_TASKS;
  const interval = o.checkpointIntervalSeconds ?? 30;
  if (!Number.isInteger(rf) || rf < 1) throw new Error(`replication factor must be a whole number >= 1, got ${rf}`);
  if (!Number.isInteger(maxTasks) || maxTasks < 1) throw new Error(`max tasks must be a whole number >= 1, got ${maxTasks}`);
  if (!o.sourceBootstrap.length) throw new Error('no source bootstrap servers');
  if (!o.targetBootstrap.length) throw new Error('no target bootstrap servers');
  const flow: Flow = reverse
    ? { from: TARGET_ALIAS, to: SOURCE_ALIAS, fromBootstrap: o.targetBootstrap, toBootstrap: o.sourceBootstrap, fromConn: o.target, toConn: o.source }
    : { from: SOURCE_ALIAS, to: TARGET_ALIAS, fromBootstrap: o.sourceBootstrap, toBootstrap: o.targetBootstrap, fromConn: o.source, toConn: o.target };

  const topics = planTopics(plan, reverse);
  const copied = topics.filter((t) => t.copy !== 'not-copied');
  const copiedSources = new Set(plan.topics.filter((t) => copied.some((c) => c.from === (reverse ? t.name : t.sourceName))).map((t) => t.sourceName));
  const groups = planGroups(plan, reverse, copiedSources);
  const listedGroups = groups.filter((g) => g.synced || (reverse && g.from === g.to && !g.from.includes(',')));
  const policyPairs = copied.filter((t) => t.copy === 'renamed-by-policy' || t.copy === 'name-kept-by-policy').map((t) => `${t.from}:${t.to}`);
  const usePolicy = policyPairs.length > 0;
  const policyClass = usePolicy ? POLICY_CLASS : IDENTITY_POLICY_CLASS;
  const partitions = copied.reduce((n, t) => n + t.partitions, 0);
  const tasksMax = Math.max(1, Math.min(partitions, maxTasks));
  const warnings: string[] = [];
  if (!copied.length) warnings.push('no planned topic can be copied by MirrorMaker 2: the generated configuration copies nothing');

  // A regex that matches no topic or group name: MirrorMaker would otherwise fall back to ".*".
  const topicsList = copied.length ? copied.map((t) => exactRegex(t.from)).join(',') : '__alikafka-migrate-nothing__';
  const groupsList = listedGroups.length ? listedGroups.map((g) => exactRegex(g.from)).join(',') : '__alikafka-migrate-nothing__';

  const compression = o.compression ?? 'none';
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
      if (!holdsNoClearSecret(k, v)) throw new Error(`internal: ${name}.${k} would be written in clear`);
    }
  }
  const providers = providerLines([flow.fromConn, flow.toConn]);
  const policyKeys: Array<[string, string]> = [['replication.policy.class', policyClass]];
  if (usePolicy) policyKeys.push([POLICY_RENAMES_KEY, policyPairs.join(',')]);

  const files: MirrorFile[] = [];
  const steps: string[] = [];
  const intTopics = internalTopics(flow);
  if (o.mode === 'dedicated') {
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
      '# exactly the planned topics and groups (exact-name regexes; the excludes are emptied so only the plan decides)',
      `${f}->${t}.topics = ${propertiesValue(topicsList)}`,
      `${f}->${t}.topics.exclude = `,
      `${f}->${t}.groups = ${propertiesValue(groupsList)}`,
      `${f}->${t}.groups.exclude = `,
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
      `# parallelism: one task per partition (${partitions}), at most ${maxTasks}`,
      `${f}->${t}.tasks.max = ${tasksMax}`,
      '',
      `# topics MirrorMaker and its worker create on ${t} (pre-create them where the Admin API cannot create topics)`,
      `replication.factor = ${rf}`,
      `offset-syncs.topic.replication.factor = ${rf}`,
      `checkpoints.topic.replication.factor = ${rf}`,
      `heartbeats.topic.replication.factor = ${rf}`,
      `config.storage.topic = mm2-configs.${f}.internal`,
      `offset.storage.topic = mm2-offsets.${f}.internal`,
      `status.storage.topic = mm2-status.${f}.internal`,
      `config.storage.replication.factor = ${rf}`,
      `offset.storage.replication.factor = ${rf}`,
      `status.storage.replication.factor = ${rf}`,
      `offset.storage.partitions = ${WORKER_OFFSET_PARTITIONS}`,
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
      'groups.exclude': '',
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
    const W: string[] = [
      '# Settings the Kafka Connect workers that run the mirror connectors need (merge into the worker properties).',
      "# The workers' own bootstrap.servers and internal topics may be on any cluster that can compact topics;",
      `# the connectors send records to ${flow.to} through producer.override.* whatever that cluster is.`,
      `key.converter = ${CONVERTER}`,
      `value.converter = ${CONVERTER}`,
      `header.converter = ${CONVERTER}`,
      'connector.client.config.override.policy = All',
    ];
    pushSettings(W, '', providers);
    files.push({ path: 'connect-worker.properties', content: `${W.join('\n')}\n` });
    if (usePolicy) {
      steps.push(
        `Build the renaming policy (javac --release 8 -cp "$KAFKA_HOME/libs/*" -d policy-classes ${POLICY_FILE} && jar cf ${POLICY_JAR} -C policy-classes .) and put ${POLICY_JAR} on the classpath of every Connect worker (next to connect-mirror), then restart them.`,
      );
    }
    steps.push('Merge connect-worker.properties into every Connect worker (Kafka 3.9.x) and restart them.');
    for (const n of [CONNECTOR_NAMES.source, CONNECTOR_NAMES.checkpoint, CONNECTOR_NAMES.heartbeat]) {
      steps.push(`curl -sf -X PUT -H 'Content-Type: application/json' --data @connectors/${n}.json http://CONNECT:8083/connectors/${n}/config`);
    }
  }
  if (usePolicy) files.push({ path: POLICY_FILE, content: POLICY_SOURCE });

  // prerequisites and warnings that depend on the target
  const ownsTarget = !reverse;
  if (ownsTarget && o.mode === 'dedicated') {
    const spec = plan.instance.specType;
    if (spec !== undefined && !EDITIONS[spec as SpecType].localStorage) {
      warnings.push(
        "the plan's instance is the Standard edition, which has no compacted (local-storage) topics: the Connect worker's mm2-configs/offsets/status topics cannot live on it. Use --mode connect with a Connect cluster whose internal topics are on a cluster that compacts (§6 #6).",
      );
    } else if (spec === undefined) {
      warnings.push(
        "the target's edition is unknown: the Connect worker's mm2-configs/offsets/status topics need compaction, which AliKafka offers only for local-storage topics on the Professional edition; check it, or use --mode connect with the worker topics elsewhere.",
      );
    }
  }
  if (ownsTarget) {
    steps.unshift(
      `Create the internal topics listed below on ${flow.to} (AliKafka does not let clients create topics by default: add them in the console or Terraform; the Connect worker topics compacted, on local storage), and make sure no consumer of a planned group connects to ${flow.to} before cutover.`,
    );
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
  for (const g of groups.filter((x) => !x.synced && !reverse)) warnings.push(`group ${g.from}: ${g.how}`);

  const settings = clientSettings.report;
  const secrets = [
    ...o.source.referenced.map((k) => ({ cluster: SOURCE_ALIAS, key: k, reference: o.source.settings.find(([x]) => x === k)?.[1] ?? '' })),
    ...o.target.referenced.map((k) => ({ cluster: TARGET_ALIAS, key: k, reference: o.target.settings.find(([x]) => x === k)?.[1] ?? '' })),
  ];
  const report: MirrorReport = {
    mode: o.mode,
    direction: reverse ? 'reverse' : 'forward',
    sourceAlias: flow.from,
    targetAlias: flow.to,
    mirrorMakerVersion: MIRRORMAKER_VERSION,
    replicationPolicy: policyClass,
    tasksMax,
    messageLimit: clientSettings.messageLimit,
    topics,
    groups,
    internalTopics: intTopics.filter(
      (t) => o.mode === 'dedicated' || (!t.name.startsWith('mm2-configs') && !t.name.startsWith('mm2-offsets.') && !t.name.startsWith('mm2-status')),
    ),
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
  L.push('', `## Internal topics on ${r.targetAlias}`, '', '| topic | partitions | cleanup.policy | created by |', '|---|---|---|---|');
  for (const t of r.internalTopics) L.push(`| ${md(t.name)} | ${t.partitions} | ${t.cleanupPolicy} | ${md(t.createdBy)} |`);
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
