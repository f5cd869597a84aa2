/**
 * Client benchmark against the test rig (PLAINTEXT broker): record batches per 10 000 keyless messages, as the
 * broker stores them, for kafkajs's DefaultPartitioner (round-robin for keyless messages) and for the helper's
 * sticky partitioner (createProducer), measured in the same run on the same broker.
 *
 * Workload: 12-partition topics, 10 000 messages of 100 bytes, sent in send() calls of 10 and of 100 messages.
 * Batches are counted by reading the topic back: every record carries its batch's base offset, so the number
 * of distinct (partition, base offset) pairs is the number of record batches on the broker.
 *
 * `runClientsBench()` returns `name: value` lines; run standalone with `node dist/bench/clients.js`.
 */
import { Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { createProducer } from '../lib/clients/kafkajs';
import { need } from './util';

const MESSAGES = 10_000;
const PARTITIONS = 12;
const VALUE = 'v'.repeat(100);

async function produce(producer: Producer, topic: string, perSend: number): Promise<number> {
  await producer.connect();
  const t0 = process.hrtime.bigint();
  try {
    for (let sent = 0; sent < MESSAGES; sent += perSend) {
      await producer.send({ topic, acks: 1, messages: Array.from({ length: Math.min(perSend, MESSAGES - sent) }, () => ({ value: VALUE })) });
    }
  } finally {
    await producer.disconnect();
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Distinct record batches of a topic, from the batch base offset every record carries. */
async function countBatches(kafka: Kafka, topic: string): Promise<{ batches: number; perPartition: number[] }> {
  const consumer = kafka.consumer({ groupId: `bench-read-${topic}`, maxBytes: 64 * 1024 * 1024 });
  const seen = new Set<string>();
  const perPartition = new Array<number>(PARTITIONS).fill(0);
  let records = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages as Array<KafkaMessage & { batchContext?: { firstOffset?: string } }>) {
          seen.add(`${batch.partition}:${m.batchContext?.firstOffset ?? '?'}`);
          perPartition[batch.partition]++;
          records++;
        }
        if (records >= MESSAGES) done();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return { batches: seen.size, perPartition };
}

export async function runClientsBench(): Promise<string[]> {
  const broker = need('RIG_KAFKA_ZK');
  const kafka = new Kafka({ clientId: 'bench-clients', brokers: [broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const stamp = Date.now().toString(36);
  const lines: string[] = [];
  await admin.connect();
  try {
    for (const perSend of [10, 100]) {
      const result: Record<string, { batches: number; ms: number; spread: string }> = {};
      for (const which of ['kafkajs_default', 'sticky'] as const) {
        const topic = `bench-clients-${stamp}-${perSend}-${which}`;
        await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
        const producer =
          which === 'sticky'
            ? createProducer({ kafka: { brokers: [broker] } }, { kafka })
            : kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
        const ms = await produce(producer, topic, perSend);
        const { batches, perPartition } = await countBatches(kafka, topic);
        result[which] = { batches, ms, spread: `${Math.min(...perPartition)}-${Math.max(...perPartition)}` };
        await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      }
      const d = result.kafkajs_default;
      const s = result.sticky;
      lines.push(`clients_batches_per_10k_kafkajs_default_send${perSend}: ${d.batches}`);
      lines.push(`clients_batches_per_10k_sticky_send${perSend}: ${s.batches}`);
      lines.push(`clients_batches_ratio_default_over_sticky_send${perSend}: ${(d.batches / s.batches).toFixed(2)}`);
      lines.push(`clients_produce_ms_kafkajs_default_send${perSend}: ${d.ms.toFixed(0)}`);
      lines.push(`clients_produce_ms_sticky_send${perSend}: ${s.ms.toFixed(0)}`);
      lines.push(`clients_messages_per_partition_sticky_send${perSend}: ${s.spread}`);
    }
  } finally {
    await admin.disconnect();
  }
  return lines;
}

if (require.main === module) {
  runClientsBench().then(
    (lines) => {
      for (const l of lines) console.log(l);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(`clients bench failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
