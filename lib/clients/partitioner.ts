/**
 * A sticky partitioner for kafkajs, after Java's built-in partitioner (KIP-480, client 2.4; KIP-794, 3.3):
 *
 * - a message with a partition goes there;
 * - a keyed message goes where Java's client puts it: toPositive(murmur2(key bytes)) % partitions, as kafkajs's
 *   own DefaultPartitioner (formerly JavaCompatiblePartitioner) does too;
 * - keyless messages stick to one available partition until about `batchSize` bytes went there, then move to
 *   the next one of a round over the available partitions in random order (a new order each round), so no
 *   partition gets more than one batch ahead of another. kafkajs's DefaultPartitioner sends keyless messages
 *   round-robin, so one send() of N messages becomes up to one record batch per partition; sticking fills one
 *   batch at a time, and the rounds spread the load evenly over a long run.
 *
 * It uses kafkajs's types only: nothing from kafkajs is loaded, so `alikafka-migrate/clients` loads without it.
 */
import { AlikafkaMigrateError } from '../errors';
import type { ICustomPartitioner, Message, PartitionerArgs } from 'kafkajs';

export interface StickyPartitionerOptions {
  /** Bytes sent to one partition before switching (Java's `batch.size`). @default 16384 */
  readonly batchSize?: number;
  /** Random numbers in [0, 1), for tests. @default Math.random */
  readonly random?: () => number;
}

/** Java's `Utils.murmur2` (32-bit, seed 0x9747b28c) over the key's bytes. */
export function murmur2(data: Buffer): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const whole = length >> 2;
  for (let i = 0; i < whole; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length & 3;
  const base = length & ~3;
  if (rest === 3) h ^= data[base + 2] << 16;
  if (rest >= 2) h ^= data[base + 1] << 8;
  if (rest >= 1) {
    h ^= data[base];
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Java's producer chooses for a key (UTF-8 bytes of a string key). */
export function javaKeyPartition(key: Buffer | string, numPartitions: number): number {
  const bytes = Buffer.isBuffer(key) ? key : Buffer.from(key, 'utf8');
  return (murmur2(bytes) & 0x7fffffff) % numPartitions;
}

const byteLength = (v: Buffer | string | null | undefined): number =>
  v === null || v === undefined ? 0 : Buffer.isBuffer(v) ? v.length : Buffer.byteLength(v);

/** About what a record takes in a batch: key, value, headers and a small fixed overhead. */
export function recordSize(message: Message): number {
  let n = 20 + byteLength(message.key) + byteLength(message.value);
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    n += Buffer.byteLength(k);
    for (const x of Array.isArray(v) ? v : [v]) n += byteLength(x as Buffer | string | undefined);
  }
  return n;
}

function shuffle<T>(a: T[], random: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The kafkajs `createPartitioner` factory for the sticky partitioner. */
export function createStickyPartitioner(options: StickyPartitionerOptions = {}): ICustomPartitioner {
  const batchSize = options.batchSize ?? 16384;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AlikafkaMigrateError('usage', `batchSize must be a whole number of bytes >= 1, got ${batchSize}`, { field: 'batchSize' });
  const random = options.random ?? Math.random;
  return () => {
    const sticky = new Map<string, { partition: number; bytes: number; round: number[] }>();
    /** The next partition: rounds over the choices in a fresh random order, so every partition gets one batch per round. */
    const next = (choices: readonly number[], previous: number | undefined, round: number[]): number => {
      let live = round.filter((p) => choices.includes(p));
      if (live.length === 0) {
        live = shuffle([...choices], random);
        // do not stay on the same partition across the round boundary
        if (live.length > 1 && live[0] === previous) [live[0], live[1]] = [live[1], live[0]];
      }
      const partition = live.shift() as number;
      round.splice(0, round.length, ...live);
      return partition;
    };
    return (args: PartitionerArgs): number => {
      const { topic, partitionMetadata, message } = args;
      if (message.partition !== null && message.partition !== undefined) return message.partition;
      // over all partitions, with or without a leader, as Java's client and kafkajs's DefaultPartitioner do
      if (message.key !== null && message.key !== undefined) return javaKeyPartition(message.key, partitionMetadata.length);
      const available = partitionMetadata.filter((p) => p.leader >= 0).map((p) => p.partitionId);
      const choices = available.length > 0 ? available : partitionMetadata.map((p) => p.partitionId);
      let s = sticky.get(topic);
      if (!s || s.bytes >= batchSize || !choices.includes(s.partition)) {
        const round = s?.round ?? [];
        s = { partition: next(choices, s?.partition, round), bytes: 0, round };
        sticky.set(topic, s);
      }
      s.bytes += recordSize(message);
      return s.partition;
    };
  };
}
