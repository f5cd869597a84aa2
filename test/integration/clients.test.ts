/**
 * Generated client configs in real clients, against the rig's SASL/SCRAM broker:
 * - a kafkajs producer and consumer built (createProducer/createConsumer) from a `client-config --format kafkajs`
 *   file round-trip messages;
 * - Kafka's own console producer and consumer (the rig's 3.9 jars) work with a generated `.properties`, the
 *   password coming from the environment through the config provider the file declares;
 * - keyed messages from the helper land in the partition Kafka's own producer chooses for the same keys;
 * - keyless messages from the helper are stored in fewer record batches than with kafkajs's default partitioner
 *   (the full comparison is `npm run bench -- clients`).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Consumer, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { createConsumer, createProducer, loadKafkajsClientConfig } from '../../lib/clients/kafkajs';
import type { Kafka as SetupKafka } from '../../tools/kafka';
import { describeWithRig, kafkaClient, RigEnv, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';

jest.setTimeout(240_000);

interface JavaRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function runJava(env: RigEnv, args: string[], input: string | undefined, extraEnv: NodeJS.ProcessEnv): { done: Promise<JavaRun> } {
  const child = spawn('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', env.classpath, ...args], {
    env: { ...process.env, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  if (input !== undefined) child.stdin.end(input, 'utf8');
  else child.stdin.end();
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err }))) };
}

describeWithRig('client configs in real clients (SASL/SCRAM broker)', (env) => {
  const dir = tmpDir('clients');
  const secretEnv = { ALIKAFKA_SASL_PASSWORD: env.saslPassword };
  let admin: Kafka;
  /** Test set-up (topics, group state) through tools/kafka; the kafkajs clients are the subject. */
  let setup: SetupKafka;

  async function generate(name: string, args: string[]): Promise<string> {
    const file = path.join(dir, name);
    const r = await runCli(['client-config', '--bootstrap', env.kafkaSasl, '--auth', 'sasl-scram', '--user', env.saslUser, '--out', file, ...args]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(env.saslPassword);
    return file;
  }

  async function createTopic(topic: string, partitions: number): Promise<void> {
    await withAdmin(setup, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] }));
  }

  /** Every message of a topic, read from the beginning by a plain kafkajs consumer of its own group. */
  async function readAll(topic: string, count: number): Promise<Array<{ partition: number; message: KafkaMessage }>> {
    const consumer = admin.consumer({ groupId: unique('it-read') });
    const got: Array<{ partition: number; message: KafkaMessage }> = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          got.push({ partition, message });
        },
      });
      await waitFor(`${count} messages on ${topic}`, async () => got.length >= count);
    } finally {
      await consumer.disconnect();
    }
    return got;
  }

  beforeAll(() => {
    admin = new Kafka({
      clientId: 'it-setup',
      brokers: [env.kafkaSasl],
      sasl: { mechanism: 'scram-sha-256', username: env.saslUser, password: env.saslPassword },
      logLevel: logLevel.NOTHING,
    });
    setup = kafkaClient(env.kafkaSasl, { sasl: { mechanism: 'scram-sha-256', username: env.saslUser, password: env.saslPassword } });
  });

  test('a kafkajs producer and consumer built from generated configs round-trip messages', async () => {
    const topic = unique('cc-kafkajs');
    const group = unique('cc-kafkajs-g');
    await createTopic(topic, 3);
    const pcfg = loadKafkajsClientConfig(await generate('producer.json', ['--format', 'kafkajs']), secretEnv);
    const ccfg = loadKafkajsClientConfig(await generate('consumer.json', ['--format', 'kafkajs', '--role', 'consumer', '--group', group]), secretEnv);
    expect(ccfg.consumer?.fromBeginning).toBe(false);

    const consumer: Consumer = createConsumer(ccfg);
    const producer = createProducer(pcfg);
    const seen: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic });
      let joined = false;
      consumer.on(consumer.events.GROUP_JOIN, () => {
        joined = true;
      });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(String(message.value));
        },
      });
      await waitFor('the consumer to join its group', async () => joined);
      await producer.connect();
      const sent = Array.from({ length: 30 }, (_, i) => `m-${i}`);
      // keyed and keyless, several send() calls
      await producer.send({ topic, messages: sent.slice(0, 10).map((value, i) => ({ key: `k${i}`, value })) });
      await producer.send({ topic, messages: sent.slice(10).map((value) => ({ value })) });
      await waitFor('30 messages back', async () => seen.length >= 30);
      expect([...seen].sort()).toEqual([...sent].sort());
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });

  test("Kafka's console producer and consumer work with generated .properties (password from the environment)", async () => {
    const topic = unique('cc-console');
    const group = unique('cc-console-g');
    await createTopic(topic, 2);
    const pfile = await generate('producer.properties', []);
    const cfile = await generate('consumer.properties', ['--role', 'consumer', '--group', group]);
    expect(fs.readFileSync(pfile, 'utf8')).toContain('password="${env:ALIKAFKA_SASL_PASSWORD}"');

    // auto.offset.reset=latest (the practice): start the consumer, wait until it owns the partitions, then produce
    const consumer = runJava(
      env,
      [
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        env.kafkaSasl,
        '--topic',
        topic,
        '--consumer.config',
        cfile,
        '--max-messages',
        '5',
        '--timeout-ms',
        '120000',
        '--property',
        'print.key=true',
      ],
      undefined,
      secretEnv,
    );
    await waitFor('the console consumer to join', async () =>
      withAdmin(setup, async (a) => {
        const { groups } = await a.describeGroups([group]);
        return groups[0]?.state === 'Stable' && groups[0].members.length === 1;
      }),
    );
    const lines = Array.from({ length: 5 }, (_, i) => `key${i}:value-${i}`);
    const producer = await runJava(
      env,
      [
        'kafka.tools.ConsoleProducer',
        '--bootstrap-server',
        env.kafkaSasl,
        '--topic',
        topic,
        '--producer.config',
        pfile,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=:',
      ],
      `${lines.join('\n')}\n`,
      secretEnv,
    ).done;
    expect(producer.code).toBe(0);
    const c = await consumer.done;
    expect(c.code).toBe(0);
    const got = c.out
      .trim()
      .split('\n')
      .map((l) => l.replace('\t', ':'))
      .sort();
    expect(got).toEqual([...lines].sort());
    expect(c.err).toContain('Processed a total of 5 messages');
  });

  test("keyless messages from the helper make fewer record batches on the broker than kafkajs's default partitioner", async () => {
    const batches = async (producer: Producer, topic: string): Promise<number> => {
      await createTopic(topic, 6);
      await producer.connect();
      try {
        for (let i = 0; i < 100; i++) await producer.send({ topic, messages: Array.from({ length: 10 }, () => ({ value: 'v'.repeat(100) })) });
      } finally {
        await producer.disconnect();
      }
      // every record carries its batch's base offset: distinct (partition, base offset) = record batches on the broker
      const all = await readAll(topic, 1000);
      return new Set(
        all.map(
          ({ partition, message }) => `${partition}:${(message as KafkaMessage & { batchContext?: { firstOffset?: string } }).batchContext?.firstOffset}`,
        ),
      ).size;
    };
    const cfg = loadKafkajsClientConfig(await generate('batch-producer.json', ['--format', 'kafkajs']), secretEnv);
    const sticky = await batches(createProducer(cfg), unique('cc-sticky'));
    const roundRobin = await batches(admin.producer({ createPartitioner: Partitioners.DefaultPartitioner }), unique('cc-default'));
    // 10 keyless messages per send on 6 partitions: round-robin writes a batch to every partition (6 per send),
    // sticky about one per send (plus one at each switch, every ~16 KiB)
    expect(roundRobin).toBe(600);
    expect(sticky).toBeLessThanOrEqual(150);
  });

  test("keyed messages from the helper land in the partition Kafka's own producer chooses for the same keys", async () => {
    const topic = unique('cc-keys');
    await createTopic(topic, 7);
    // ASCII keys of every length mod 4, and multi-byte UTF-8 keys
    const keys = [
      ...Array.from({ length: 120 }, (_, i) => `user-${i}${'z'.repeat(i % 4)}`),
      ...Array.from({ length: 20 }, (_, i) => `clé-${i}`),
      ...Array.from({ length: 20 }, (_, i) => `键${i}值`),
    ];
    const pfile = await generate('keys-producer.properties', []);
    const java = await runJava(
      env,
      [
        'kafka.tools.ConsoleProducer',
        '--bootstrap-server',
        env.kafkaSasl,
        '--topic',
        topic,
        '--producer.config',
        pfile,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=\t',
      ],
      `${keys.map((k) => `${k}\tjava`).join('\n')}\n`,
      secretEnv,
    ).done;
    expect(java.code).toBe(0);

    const producer = createProducer(loadKafkajsClientConfig(await generate('keys-producer.json', ['--format', 'kafkajs']), secretEnv));
    await producer.connect();
    try {
      await producer.send({ topic, messages: keys.map((key) => ({ key, value: 'node' })) });
    } finally {
      await producer.disconnect();
    }
    const all = await readAll(topic, keys.length * 2);
    const where = { java: new Map<string, number>(), node: new Map<string, number>() };
    for (const { partition, message } of all) where[String(message.value) as 'java' | 'node'].set(String(message.key), partition);
    expect(where.java.size).toBe(keys.length);
    expect(new Set(where.java.values()).size).toBe(7); // the keys cover every partition
    for (const k of keys) expect([k, where.node.get(k)]).toEqual([k, where.java.get(k)]);
  });
});
