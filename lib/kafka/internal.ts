/**
 * Topics and groups that belong to Kafka or its ecosystem (Connect, Schema Registry, Confluent Platform,
 * MirrorMaker 2) rather than to applications. Globs use `*` and `?` (lib/plan compiles them).
 */

/** Kafka's own internal topics (Topic.isInternal plus the 4.x share-group state topic). */
export const KAFKA_INTERNAL_TOPICS: readonly string[] = ['__consumer_offsets', '__transaction_state', '__share_group_state'];

/** Kafka Connect's distributed-mode default config, offset and status topics. */
export const CONNECT_DEFAULT_TOPICS: readonly string[] = ['connect-configs', 'connect-offsets', 'connect-status'];

/** MirrorMaker 2's internal topics (any source alias). */
export const MIRRORMAKER_INTERNAL_TOPIC_GLOBS: readonly string[] = [
  '*.checkpoints.internal',
  'mm2-offset-syncs.*.internal',
  'mm2-configs.*.internal',
  'mm2-offsets.*.internal',
  'mm2-status.*.internal',
];

/**
 * Topics that belong to Kafka or its ecosystem. The plan leaves them out unless an include glob that does not
 * start with a wildcard names them (for example `_schemas`).
 */
export const DEFAULT_INTERNAL_TOPIC_GLOBS: readonly string[] = [
  '__*', // __consumer_offsets, __transaction_state, __cluster_metadata, ...
  '_schemas', // Confluent Schema Registry
  '_confluent-*', // Confluent Platform
  ...CONNECT_DEFAULT_TOPICS, // Kafka Connect (distributed-mode defaults)
  ...MIRRORMAKER_INTERNAL_TOPIC_GLOBS, // MirrorMaker 2 (and `heartbeats`, with evidence of MirrorMaker: see MIRRORMAKER_HEARTBEATS)
];

/** MirrorMaker 2's heartbeat topic: internal only when the source shows MirrorMaker at work. */
export const MIRRORMAKER_HEARTBEATS = 'heartbeats';

/** Topics that only MirrorMaker 2 writes: their presence is evidence that `heartbeats` is MirrorMaker's. */
export const MIRRORMAKER_EVIDENCE_TOPIC_GLOBS: readonly string[] = [...MIRRORMAKER_INTERNAL_TOPIC_GLOBS, '*.heartbeats'];

/** Group IDs of MirrorMaker (1 or 2) workers. */
export const MIRRORMAKER_GROUP = /mirror-?maker|^mm2-/i;

/** Group-ID prefixes of Kafka's and Confluent Platform's own groups. */
export const INTERNAL_GROUP_PREFIXES: readonly string[] = ['__', '_confluent'];

/** Group-ID prefix of the ad-hoc groups kafka-console-consumer creates. */
export const CONSOLE_CONSUMER_GROUP_PREFIX = 'console-consumer-';
