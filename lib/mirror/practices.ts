/**
 * Client settings MirrorMaker 2 gets in generated configs, with the reason for each.
 *
 * The producer values come from the client best practices (lib/alikafka/client-practices.ts, a copy of the
 * clients work's rule module, from mission.md's "Client best practices the tool should encode"): the general
 * producer practices, resolved there, with the departures a copying engine needs, each with its reason:
 * `acks=all` (the practices allow 1 or all, all for important data: a migration copies all of it), `retries` left at
 * Connect's unbounded default (which meets the practice's minimum of 3: a Connect task that gives up stops
 * copying), and no `partitioner.class` (MirrorMaker names every record's partition).
 *
 * MirrorMaker-specific values come from shared/reference/mirrormaker2.md §6–§7: a finite `max.block.ms` so a
 * missing target topic is logged instead of stalling silently (§6 #5), `read_committed` so aborted transactional
 * data is not copied (§5.1), larger fetches for a bulk copy (§7).
 *
 * `batch.size` and `linger.ms` depart from the practice for a bulk copy (§7); `npm run bench -- mirror` compares
 * the result with MirrorMaker's defaults and with the producer ceiling.
 */
import { resolvePractices } from '../alikafka/client-practices';
import type { Compression } from '../kafka';

export interface Setting {
  readonly key: string;
  readonly value: string;
  readonly reason: string;
}

/** Where MirrorMaker's producer departs from the general practice, and why. */
const PRODUCER_DEPARTURES: Readonly<Record<string, { readonly value?: string; readonly reason: string }>> = {
  acks: { value: 'all', reason: 'the practice allows acks=1 or all, all for important data: a migration copies all of it' },
  retries: { reason: "left at Connect's unbounded default, which meets the practice's minimum of 3: a Connect task that gives up stops the copy" },
  'partitioner.class': { reason: 'MirrorMaker names the partition of every record (the source partition)' },
  'batch.size': {
    value: '262144',
    reason:
      "bulk copy: Connect's producer keeps one request in flight per connection, so each request carries at most one batch per partition; 256 KiB batches instead of the practice's 16 KiB (mirrormaker2.md §7 suggests 256 KiB to 1 MiB)",
  },
  'linger.ms': {
    value: '20',
    reason:
      "bulk copy: a backlog fills batches without waiting, and the practice's 100 ms would hold every request that is not full once the copy catches up (mirrormaker2.md §7: 10-50)",
  },
};

function producerSettings(): Setting[] {
  const out: Setting[] = [];
  for (const r of resolvePractices('producer', [])) {
    const d = PRODUCER_DEPARTURES[r.practice.key];
    if (d && d.value === undefined) continue;
    const value = d?.value ?? r.value;
    if (value === undefined) continue;
    out.push({ key: r.practice.key, value, reason: d ? `${d.reason}` : `client practice ${r.practice.id}: ${r.practice.reason}` });
  }
  out.push({
    key: 'max.block.ms',
    value: '300000',
    reason: 'a missing or under-partitioned target topic then fails loudly after 5 min instead of stalling forever (mirrormaker2.md §6 #5)',
  });
  return out;
}

/** Settings of the producer that writes the copied records into the target (the Connect worker producer). */
export const MM2_PRODUCER_SETTINGS: readonly Setting[] = producerSettings();

/** Practices MirrorMaker's producer leaves at the client's default, with the reason (for the report). */
export const MM2_PRODUCER_LEFT_AT_DEFAULT: readonly Setting[] = Object.entries(PRODUCER_DEPARTURES)
  .filter(([, d]) => d.value === undefined)
  .map(([key, d]) => ({ key, value: '(client default)', reason: d.reason }));

/** Settings of the consumer that reads the source (the replication consumer; it never joins a group). */
export const MM2_CONSUMER_SETTINGS: readonly Setting[] = [
  { key: 'isolation.level', value: 'read_committed', reason: 'do not copy aborted transactional records (mirrormaker2.md §5.1)' },
  { key: 'max.poll.records', value: '2000', reason: 'bulk copy: larger polls (mirrormaker2.md §7)' },
  { key: 'fetch.min.bytes', value: '65536', reason: 'bulk copy: fewer, larger fetches (mirrormaker2.md §7)' },
  { key: 'max.partition.fetch.bytes', value: '4194304', reason: 'bulk copy: 4 MiB per partition per fetch (mirrormaker2.md §7)' },
];

export type { Compression } from '../kafka';
export { COMPRESSIONS } from '../kafka';

/** Why the producer compresses as it does (MirrorMaker re-compresses every record it copies, mirrormaker2.md §5.1). */
export function compressionReason(c: Compression): string {
  return c === 'none'
    ? "default: what MirrorMaker writes every target consumer must decode, and Node.js clients (kafkajs, this tool's checks) decode only gzip without extra codecs; plan the compression lz4 on a slow link when every consumer is a Java or librdkafka client"
    : `chosen in the plan (compression option); AliKafka accepts gzip, snappy and lz4 (mirrormaker2.md §7); every consumer of the target must decode ${c}`;
}
