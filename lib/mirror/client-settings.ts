/**
 * The client settings of one MirrorMaker 2 flow: the producer that writes the copied records, the replication
 * consumer that reads them, and every other setting of the two clusters' client properties files, each under the
 * prefix that reaches its client (./client-keys). Sizes come from the largest message the plan allows on the
 * copied topics (lib/plan message-limit), so a record the target accepts never stops the copy; a size from a
 * client file below that is refused by name.
 */
import { AlikafkaMigrateError } from '../errors';
import { largestMessageLimit, MessageLimit } from '../plan';
import { formatBytes } from '../plan/format';
import type { MigrationPlan } from '../plan';
import type { ClientKind } from './client-keys';
import { Compression, compressionReason, MM2_CONSUMER_SETTINGS, MM2_PRODUCER_LEFT_AT_DEFAULT, MM2_PRODUCER_SETTINGS } from './practices';
import type { ClusterConnection } from './secrets';

/** Room the producer counts beyond the record batch the broker checks (record and batch headers, upper bounds). */
export const REQUEST_SIZE_MARGIN = 64 * 1024;
/** The replication consumer's fetch sizes when the plan's limit is below them (mirrormaker2.md §7). */
const PARTITION_FETCH_FLOOR = 4 * 1024 * 1024;
/** Kafka's default `fetch.max.bytes`. */
const FETCH_FLOOR = 50 * 1024 * 1024;

export interface ClientSetting {
  readonly client: ClientKind;
  /** The cluster alias the client talks to. */
  readonly cluster: string;
  readonly key: string;
  readonly value: string;
  readonly reason: string;
}

export interface FlowClientSettings {
  /** The data producer (writes to the flow's target alias). */
  readonly producer: ReadonlyArray<readonly [string, string]>;
  /** The replication consumer (reads the flow's source alias). */
  readonly consumer: ReadonlyArray<readonly [string, string]>;
  /** Settings of the other clients: `[alias, client, key, value]`, from the client files. */
  readonly other: ReadonlyArray<readonly [string, ClientKind, string, string]>;
  /** Keys every client of a cluster knows (also written at cluster level, for the Connect worker): `[alias, key, value]`. */
  readonly everyClient: ReadonlyArray<readonly [string, string, string]>;
  /** The largest message the plan allows on the copied topics, and where it comes from. */
  readonly messageLimit: MessageLimit;
  /** Every setting written, with its reason, for the report. */
  readonly report: readonly ClientSetting[];
}

export interface FlowSides {
  readonly from: string;
  readonly to: string;
  readonly fromConn: ClusterConnection;
  readonly toConn: ClusterConnection;
  /** Who is who, for messages: `source`/`target` of the migration. */
  readonly fromRole: string;
  readonly toRole: string;
}

const MAX_REQUEST = 'max.request.size';
const PARTITION_FETCH = 'max.partition.fetch.bytes';
const FETCH = 'fetch.max.bytes';

/**
 * The settings of one flow. `targetTopics` are the target names of the copied topics (the plan's names), whose
 * largest allowed message sizes the clients.
 */
export function flowClientSettings(
  plan: MigrationPlan,
  flow: FlowSides,
  targetTopics: ReadonlySet<string>,
  compression: Compression,
  reverse: boolean,
): FlowClientSettings {
  const limit = largestMessageLimit(plan, targetTopics);
  const need = limit.bytes + REQUEST_SIZE_MARGIN;
  const why = reverse
    ? `records produced on the target may be as large as the plan allows there (${formatBytes(limit.bytes)}: ${limit.from})`
    : `the largest message the plan allows on the copied topics is ${formatBytes(limit.bytes)} (${limit.from})`;
  const report: ClientSetting[] = [];
  const producer = new Map<string, [string, string]>();
  const put = (m: Map<string, [string, string]>, key: string, value: string, reason: string): void => {
    m.set(key, [value, reason]);
  };
  for (const s of MM2_PRODUCER_SETTINGS) put(producer, s.key, s.value, s.reason);
  put(producer, 'compression.type', compression, compressionReason(compression));
  put(
    producer,
    MAX_REQUEST,
    String(need),
    `${why}, plus ${REQUEST_SIZE_MARGIN / 1024} KiB for the headers the producer counts: Kafka's default (1 MiB) stops the copy task for good at the first larger record`,
  );
  const consumer = new Map<string, [string, string]>();
  for (const s of MM2_CONSUMER_SETTINGS) if (s.key !== PARTITION_FETCH) put(consumer, s.key, s.value, s.reason);
  put(
    consumer,
    PARTITION_FETCH,
    String(Math.max(PARTITION_FETCH_FLOOR, need)),
    need > PARTITION_FETCH_FLOOR
      ? `${why}: a whole record per partition per fetch`
      : `bulk copy: 4 MiB per partition per fetch (mirrormaker2.md §7), above the largest message the plan allows (${formatBytes(limit.bytes)}: ${limit.from})`,
  );
  put(
    consumer,
    FETCH,
    String(Math.max(FETCH_FLOOR, need)),
    need > FETCH_FLOOR ? `${why}` : `Kafka's default (50 MiB), above the largest message the plan allows (${formatBytes(limit.bytes)})`,
  );
  put(
    consumer,
    'auto.offset.reset',
    reverse ? 'latest' : 'earliest',
    reverse ? 'rollback copies only what is produced on the target after it starts' : 'copy each topic from its first retained record',
  );

  // the client files: the flow's producer and consumer settings override the generated ones (sizes may not shrink)
  const refused: string[] = [];
  const fromFile = (role: string): string => `from the ${role}'s client properties`;
  for (const [k, v] of flow.toConn.clients.producer) {
    if (k === MAX_REQUEST && limit.known && Number(v) < need)
      refused.push(
        `${MAX_REQUEST} = ${v} in the ${flow.toRole}'s client properties is below ${need} (${why}): MirrorMaker would stop at the first larger record`,
      );
    producer.set(k, [v, fromFile(flow.toRole)]);
  }
  for (const [k, v] of flow.fromConn.clients.consumer) {
    if ((k === PARTITION_FETCH || k === FETCH) && limit.known && Number(v) < need)
      refused.push(`${k} = ${v} in the ${flow.fromRole}'s client properties is below ${need} (${why})`);
    consumer.set(k, [v, fromFile(flow.fromRole)]);
  }
  if (refused.length) throw new AlikafkaMigrateError('input', `${refused.join('; ')}; remove the setting or raise it`);

  for (const [key, v] of MM2_PRODUCER_LEFT_AT_DEFAULT.map((s) => [s.key, s] as const))
    if (!producer.has(key)) report.push({ client: 'producer', cluster: flow.to, key, value: v.value, reason: v.reason });
  for (const [key, [value, reason]] of producer) report.push({ client: 'producer', cluster: flow.to, key, value, reason });
  report.push({
    client: 'producer',
    cluster: flow.to,
    key: 'enable.idempotence',
    value: 'false',
    reason:
      "MirrorMaker's own producers (offset syncs, checkpoints): AliKafka has idempotence only on local storage, pre-2.8 brokers need IdempotentWrite (mirrormaker2.md §6 #3); the Connect data producer has it off anyway",
  });
  for (const [key, [value, reason]] of consumer) report.push({ client: 'consumer', cluster: flow.from, key, value, reason });

  // everything else the files hold, under the prefix of the client that knows it
  const other: Array<[string, ClientKind, string, string]> = [];
  const everyClient: Array<[string, string, string]> = [];
  for (const [alias, role, conn] of [
    [flow.from, flow.fromRole, flow.fromConn],
    [flow.to, flow.toRole, flow.toConn],
  ] as const) {
    const inAll = new Set(
      conn.clients.producer.map(([k]) => k).filter((k) => conn.clients.consumer.some(([c]) => c === k) && conn.clients.admin.some(([a]) => a === k)),
    );
    for (const [k, v] of conn.clients.producer) if (inAll.has(k)) everyClient.push([alias, k, v]);
    for (const client of ['producer', 'consumer', 'admin'] as const) {
      if ((client === 'producer' && alias === flow.to) || (client === 'consumer' && alias === flow.from)) continue; // merged above
      for (const [k, v] of conn.clients[client]) {
        other.push([alias, client, k, v]);
        report.push({ client, cluster: alias, key: k, value: v, reason: fromFile(role) });
      }
    }
  }
  return {
    producer: [...producer].map(([k, [v]]) => [k, v] as const),
    consumer: [...consumer].map(([k, [v]]) => [k, v] as const),
    other,
    everyClient,
    messageLimit: limit,
    report,
  };
}
