/**
 * Apache Kafka MirrorMaker 2's facts (Kafka 3.9.x): the topics and the group it needs on the cluster it writes to,
 * how its replication policies (`ReplicationPolicy`) treat topic names, and its defaults. These are Kafka's rules, not AliKafka's
 * (those are in lib/alikafka) and not decisions (those are in lib/plan/transfer.ts). Source:
 * shared/reference/mirrormaker2.md, section numbers in the comments.
 * @see https://github.com/apache/kafka/blob/trunk/connect/mirror-client/src/main/java/org/apache/kafka/connect/mirror/ReplicationPolicy.java
 */

/** The MirrorMaker 2 release the generated configuration is written for (§0: 4.x cannot talk to pre-2.1 sources). */
export const MIRRORMAKER_VERSION = '3.9.x';

/** How MirrorMaker 2 runs: its own driver (`connect-mirror-maker.sh`) or connectors on a Kafka Connect cluster. */
export type MirrorMode = 'dedicated' | 'connect';
export const MIRROR_MODES: readonly MirrorMode[] = ['dedicated', 'connect'];

/** Codecs of the records MirrorMaker writes that AliKafka accepts (§7: gzip, snappy, lz4; no zstd). */
export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4';
export const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4'];

/** The largest replication factor Kafka can carry: CreateTopics sends it as an int16. */
export const KAFKA_MAX_REPLICATION_FACTOR = 32767;

/** The largest `tasks.max` a Connect worker parses: a Java int. */
export const KAFKA_MAX_TASKS = 2147483647;

/**
 * Copied partitions per MirrorMaker source task (`tasks.max` = partitions / this, rounded up, within the plan's
 * maximum). Kafka Connect gives every task its own producer with one request in flight
 * (`max.in.flight.requests.per.connection=1`, which keeps each partition's order on retries without idempotence,
 * `Worker.baseProducerConfigs`), and a request carries at most one batch per partition of that task, up to
 * `max.request.size` (at least 1 MiB + 64 KiB, ./client-settings): four 256 KiB batches fill one. The bytes in flight
 * (partitions × batch) are the same for any number of tasks, so more tasks than that add threads, producers and
 * fetch sessions without adding throughput; on the 2-core rig (both brokers and MirrorMaker), 2 tasks for 8
 * partitions copied about 1.7 times what 8 tasks did (`npm run bench -- mirror`).
 */
export const PARTITIONS_PER_TASK = 4;

/**
 * This tool's bound on `emit.checkpoints.interval.seconds` (MirrorMaker takes any positive long): `cutover` waits a
 * few checkpoint intervals before it computes offsets itself, so an interval above a day only delays the switch.
 */
export const MAX_CHECKPOINT_INTERVAL_SECONDS = 86400;

export const IDENTITY_POLICY_CLASS = 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';

/** `replication.policy.separator`'s default (§1.4). */
export const DEFAULT_SEPARATOR = '.';

/** MirrorMaker never copies these, whatever the filters say (`ReplicationPolicy.isInternalTopic`, §1.6). */
export function mirrorMakerSkips(topic: string): boolean {
  return topic.startsWith('__') || topic.startsWith('.') || topic.endsWith('.internal') || topic.endsWith('-internal');
}

/** `IdentityReplicationPolicy` prefixes these with the source alias (it treats them as heartbeat topics, §1.4). */
export function identityRenames(topic: string): boolean {
  return topic.endsWith('heartbeats');
}

/** What one of MirrorMaker's own topics is for. */
export type MirrorMakerTopicRole = 'offset-syncs' | 'checkpoints' | 'heartbeats' | 'config-storage' | 'offset-storage' | 'status-storage';

/** One topic MirrorMaker 2 (or the Connect worker that runs it) reads and writes on the cluster it writes to. */
export interface MirrorMakerTopicFact {
  readonly role: MirrorMakerTopicRole;
  readonly name: string;
  /** The partitions MirrorMaker creates it with. */
  readonly partitions: number;
  /** True when the partition count is enforced (the worker refuses to start otherwise). */
  readonly partitionsEnforced: boolean;
  /** `required`: the worker refuses to start without `cleanup.policy=compact` (KAFKA-9216); `preferred`: created compacted, not checked. */
  readonly compaction: 'required' | 'preferred';
  /** Who writes it, and the setting that names it. */
  readonly writer: string;
}

/**
 * The topics MirrorMaker 2 needs on the cluster it writes to, for one flow from `sourceAlias` with the offset syncs
 * kept on that cluster (`offset-syncs.topic.location=target`) (§1.5). Connect's worker topics are the dedicated
 * driver's default names (`mm2-configs.<alias>.internal`, ...); Connect mode names them in the worker's settings.
 * The internal topic names follow the separator (KIP-690; `.internal` / `-internal` mark them internal).
 */
export function mirrorMakerTopicFacts(sourceAlias: string, separator: string = DEFAULT_SEPARATOR): MirrorMakerTopicFact[] {
  const s = separator;
  return [
    {
      role: 'offset-syncs',
      name: `mm2-offset-syncs${s}${sourceAlias}${s}internal`,
      partitions: 1,
      partitionsEnforced: false,
      compaction: 'preferred',
      writer: 'MirrorSourceConnector (offset-syncs.topic.location=target); it writes and reads partition 0 only',
    },
    {
      role: 'checkpoints',
      name: `${sourceAlias}${s}checkpoints${s}internal`,
      partitions: 1,
      partitionsEnforced: false,
      compaction: 'preferred',
      writer: 'MirrorCheckpointConnector: the translated group offsets; read back at task start since 3.8 (KAFKA-15905)',
    },
    {
      role: 'heartbeats',
      name: 'heartbeats',
      partitions: 1,
      partitionsEnforced: false,
      compaction: 'preferred',
      writer: 'MirrorHeartbeatConnector: creates it at start even when heartbeats are not emitted',
    },
    {
      role: 'config-storage',
      name: `mm2-configs${s}${sourceAlias}${s}internal`,
      partitions: 1,
      partitionsEnforced: true,
      compaction: 'required',
      writer: 'the Connect worker (config.storage.topic): the connector configurations; exactly 1 partition',
    },
    {
      role: 'offset-storage',
      name: `mm2-offsets${s}${sourceAlias}${s}internal`,
      partitions: 25,
      partitionsEnforced: false,
      compaction: 'required',
      writer: "the Connect worker (offset.storage.topic): MirrorMaker's positions in the source; losing it means copying again from the start",
    },
    {
      role: 'status-storage',
      name: `mm2-status${s}${sourceAlias}${s}internal`,
      partitions: 5,
      partitionsEnforced: false,
      compaction: 'required',
      writer: 'the Connect worker (status.storage.topic): connector and task states',
    },
  ];
}

/** The roles of the Connect worker's own topics (config, offset and status storage). */
export const WORKER_TOPIC_ROLES: readonly MirrorMakerTopicRole[] = ['config-storage', 'offset-storage', 'status-storage'];

/** The group of the dedicated driver's Connect worker, on the cluster it writes to (`<source alias>-mm2`, §1.1). */
export function dedicatedWorkerGroup(sourceAlias: string): string {
  return `${sourceAlias}-mm2`;
}

/**
 * The setting that keeps a group out of MirrorMaker 2's checkpoints and `sync.group.offsets`: the checkpoint
 * connector's group filter (`DefaultGroupFilter`: a group is checkpointed and synced when it matches `groups` and
 * does not match `groups.exclude`; the exclude wins). There is no per-group switch for the offset sync alone
 * (§1.4, §3.4). In dedicated mode the keys carry the flow prefix (`src->ali.groups.exclude`); on a Connect cluster
 * they are keys of the checkpoint connector's configuration.
 */
export function groupFilterExcludeKey(mode: MirrorMode, sourceAlias: string, targetAlias: string): string {
  return mode === 'dedicated' ? `${sourceAlias}->${targetAlias}.groups.exclude` : 'groups.exclude';
}
