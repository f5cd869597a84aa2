/**
 * Data helpers of the MirrorMaker 2 end-to-end tests: produce numbered records, read a topic back whole,
 * an order-independent checksum, and a group that consumes up to given offsets and commits (test setup only:
 * the tool itself never writes to or joins a group on the source).
 */
import { createHash } from 'crypto';
import { Kafka } from '../../tools/kafka';
import { withAdmin } from './rig';

export interface Msg {
  readonly key: string | null;
  readonly value: string;
  readonly partition: number;
  readonly offset: number;
}

/** Produces `n` records `<topic>:<i>:xxx...` (keys `k-<i>` unless keyless), in batches of 500. */
export async function produceNumbered(kafka: Kafka, topic: string, n: number, keyed: boolean, from = 0): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let i = from; i < from + n; i += 500) {
      const batch = Array.from({ length: Math.min(500, from + n - i) }, (_, j) => ({
        key: keyed ? `k-${i + j}` : null,
        value: `${topic}:${i + j}:${'x'.repeat(64)}`,
      }));
      await producer.send({ topic, messages: batch });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Reads every record of `topic` from its start to the end offsets known now (a throwaway group, no commits). */
export async function readAll(kafka: Kafka, topic: string, groupId: string): Promise<Msg[]> {
  const ends = await withAdmin(kafka, (a) => a.fetchTopicOffsets(topic));
  const want = new Map(ends.map((e) => [e.partition, Number(e.high)]));
  const starts = new Map(ends.map((e) => [e.partition, Number(e.low)]));
  const total = [...want.entries()].reduce((a, [p, hi]) => a + hi - (starts.get(p) ?? 0), 0);
  const out: Msg[] = [];
  if (total === 0) return out;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((r) => {
    done = r;
  });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      if (Number(message.offset) >= (want.get(partition) ?? 0)) return;
      out.push({
        key: message.key ? message.key.toString() : null,
        value: message.value ? message.value.toString() : '',
        partition,
        offset: Number(message.offset),
      });
      if (out.length >= total) done();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      finished,
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`reading ${topic}: ${out.length}/${total} after 600 s`)), 600000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return out;
}

/** SHA-256 over the sorted (key, value) pairs: equal for the same multiset of records in any order. */
export function checksum(ms: readonly Msg[]): string {
  const lines = ms.map((m) => `${m.key ?? '<null>'}\u0000${m.value}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Sum of the partitions' end offsets. */
export async function endOffsets(kafka: Kafka, topic: string): Promise<number> {
  const o = await withAdmin(kafka, (a) => a.fetchTopicOffsets(topic));
  return o.reduce((n, p) => n + Number(p.high), 0);
}

/**
 * A consumer of `groupId` reads `topics` until every partition reaches its offset in `stopAt` (topic -> partition
 * -> offset), committing after each record, and returns what it read. Test setup of the source's group.
 */
export async function consumeUntil(kafka: Kafka, groupId: string, stopAt: ReadonlyMap<string, ReadonlyMap<number, number>>): Promise<Map<string, Msg[]>> {
  const read = new Map<string, Msg[]>([...stopAt.keys()].map((t) => [t, []]));
  const committed = await withAdmin(kafka, (a) => a.fetchOffsets({ groupId, topics: [...stopAt.keys()] }));
  const at = (t: string, p: number): number =>
    Math.max(0, Number(committed.find((c) => c.topic === t)?.partitions.find((x) => x.partition === p)?.offset ?? 0));
  let remaining = 0;
  for (const [t, byP] of stopAt) for (const [p, stop] of byP) remaining += Math.max(0, stop - at(t, p));
  if (remaining === 0) return read;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...stopAt.keys()], fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((r) => {
    done = r;
  });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const stop = stopAt.get(topic)?.get(partition) ?? 0;
      const off = Number(message.offset);
      if (off >= stop) {
        consumer.pause([{ topic, partitions: [partition] }]);
        return;
      }
      read.get(topic)?.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', partition, offset: off });
      await consumer.commitOffsets([{ topic, partition, offset: String(off + 1) }]);
      if (--remaining <= 0) done();
    },
  });
  await finished;
  await consumer.disconnect();
  return read;
}

/** topic -> partition -> a fraction of the partition's end offset (floor). */
export async function offsetsAt(kafka: Kafka, topics: readonly string[], fraction: number): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  for (const t of topics) {
    const o = await withAdmin(kafka, (a) => a.fetchTopicOffsets(t));
    out.set(t, new Map(o.map((x) => [x.partition, Math.floor(Number(x.high) * fraction)])));
  }
  return out;
}
