/**
 * Which broker settings an export keeps in `brokers[].configs`: those that are the defaults of every topic
 * without an override, or change what clients and consumer groups see, so the plan can carry them over (a
 * source broker's `message.max.bytes` of 10 MiB, say, is what its topics accept). Host-specific settings
 * (listeners, log.dirs, ...) and secrets are never read: only the names below are kept, and never a value the
 * broker marks sensitive.
 */
export const BROKER_CONFIGS_KEPT: ReadonlySet<string> = new Set([
  'auto.create.topics.enable',
  'compression.type',
  'default.replication.factor',
  'delete.topic.enable',
  'group.max.session.timeout.ms',
  'group.min.session.timeout.ms',
  'log.cleanup.policy',
  'log.message.timestamp.difference.max.ms',
  'log.message.timestamp.type',
  'log.retention.bytes',
  'log.retention.hours',
  'log.retention.minutes',
  'log.retention.ms',
  'log.segment.bytes',
  'message.max.bytes',
  'min.insync.replicas',
  'num.partitions',
  'offsets.retention.minutes',
  'replica.fetch.max.bytes',
  'transactional.id.expiration.ms',
  'unclean.leader.election.enable',
]);

/** The kept entries of `entries`, sorted by name; undefined when none is left. */
export function keptBrokerConfigs(entries: Iterable<readonly [string, string]>): Record<string, string> | undefined {
  const kept = [...entries].filter(([k]) => BROKER_CONFIGS_KEPT.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
