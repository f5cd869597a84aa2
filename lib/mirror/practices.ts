/**
 * Client settings MirrorMaker 2 gets in generated configs, with the reason for each.
 *
 * The producer values follow the client best practices in mission.md ("Client best practices the tool should
 * encode"): retries with `retry.backoff.ms` 1000 because AliKafka closes idle connections after 30 s, `acks=all`
 * for important data (a migration copies all of it), batching with `linger.ms` in the 100–1000 range,
 * `buffer.memory` 32 MB per producer. They are defined here because lib/alikafka/client-practices.ts (owned by
 * the clients work) did not exist when this module was written; when it lands, these should be read from it.
 *
 * MirrorMaker-specific values (not application practices) come from shared/reference/mirrormaker2.md §6–§7:
 * a finite `max.block.ms` so a missing target topic is logged instead of stalling silently (§6 #5),
 * `read_committed` so aborted transactional data is not copied (§5.1), larger fetches for a bulk copy (§7).
 */

export interface Setting {
  readonly key: string;
  readonly value: string;
  readonly reason: string;
}

/** Settings of the producer that writes the copied records into the target (the Connect worker producer). */
export const MM2_PRODUCER_SETTINGS: readonly Setting[] = [
  { key: 'acks', value: 'all', reason: 'mission.md: acks=all for important data; every copied record is' },
  { key: 'retry.backoff.ms', value: '1000', reason: 'mission.md: AliKafka closes idle connections after 30 s; back off 1 s between retries' },
  { key: 'linger.ms', value: '100', reason: 'mission.md: batch with linger.ms 100-1000 (MM2 sends continuously, so the low end)' },
  { key: 'batch.size', value: '262144', reason: 'mission.md batches with 16384 for applications; a bulk copy fills batches at once, so 256 KiB per partition (mirrormaker2.md §7)' },
  { key: 'buffer.memory', value: '33554432', reason: 'mission.md: 32 MB per producer' },
  { key: 'max.block.ms', value: '300000', reason: 'a missing or under-partitioned target topic then fails loudly after 5 min instead of stalling forever (mirrormaker2.md §6 #5)' },
];

/** Settings of the consumer that reads the source (the replication consumer; it never joins a group). */
export const MM2_CONSUMER_SETTINGS: readonly Setting[] = [
  { key: 'isolation.level', value: 'read_committed', reason: 'do not copy aborted transactional records (mirrormaker2.md §5.1)' },
  { key: 'max.poll.records', value: '2000', reason: 'bulk copy: larger polls (mirrormaker2.md §7)' },
  { key: 'fetch.min.bytes', value: '65536', reason: 'bulk copy: fewer, larger fetches (mirrormaker2.md §7)' },
  { key: 'max.partition.fetch.bytes', value: '4194304', reason: 'bulk copy: 4 MiB per partition per fetch (mirrormaker2.md §7)' },
];

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4';
export const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4'];

/** Why the producer compresses as it does (MirrorMaker re-compresses every record it copies, mirrormaker2.md §5.1). */
export function compressionReason(c: Compression): string {
  return c === 'none'
    ? 'default: what MirrorMaker writes every target consumer must decode, and Node.js clients (kafkajs, this tool\'s checks) decode only gzip without extra codecs; pass --compression lz4 on a slow link when every consumer is a Java or librdkafka client'
    : `chosen with --compression; AliKafka accepts gzip, snappy and lz4 (mirrormaker2.md §7); every consumer of the target must decode ${c}`;
}

/** The upper bound on tasks.max when the caller gives none: one task per partition up to this many. */
export const DEFAULT_MAX_TASKS = 8;
