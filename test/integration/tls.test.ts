/**
 * TLS the way Alibaba's guide sets clients up, against the rig's real SASL_SSL listener (the SASL broker's second
 * listener; its CA and certificate are made by keytool when the rig starts): export, cutover and verify with a
 * JKS, a PKCS12 and a PEM truststore, the login from a JAAS file named in KAFKA_OPTS, the failures a user meets
 * (wrong store password, a CA that did not sign the broker, a JAAS file without KafkaClient), a generated client
 * config in Kafka's own console producer and consumer, and MirrorMaker 2 copying from the TLS listener with the
 * configuration `mirror` writes.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka, KafkaConfig } from '../../tools/kafka';
import { loadMetadataFile } from '../../lib/model';
import { parseProperties } from '../../lib/sources/properties';
import type { VerifyResult } from '../../lib/verify/compare';
import { describeWithRig, kafkaClient, RigEnv, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';
import { synthPlanFile } from '../helpers/plan-file';
import { kafka39Lib, Proc, startMirrorMaker } from './mirror-procs';

jest.setTimeout(300_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'tls');

function runJava(env: RigEnv, args: string[], input: string | undefined, extraEnv: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const child = spawn('java', ['-Xmx192m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', env.classpath, ...args], {
    env: { ...process.env, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.stdin.end(input ?? '', 'utf8');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err })));
}

describeWithRig('TLS the guide way (SASL_SSL listener of the rig, PLAIN login)', (env) => {
  const ssl = env.ssl;
  if (!ssl) {
    test('the rig has a SASL_SSL listener (RIG_KAFKA_SSL)', () => {
      throw new Error('RIG_KAFKA_SSL is not set: restart the rig with this version of scripts/rig/rig.sh');
    });
    return;
  }
  const p = unique('tls');
  const orders = `${p}.orders`;
  const mirrored = `${p}.mirrored`; // on the source with data, empty on the target: MirrorMaker 2 fills it
  const group = `${p}-app`;
  const dir = tmpDir('tls');
  const N = 30;
  const plainLogin = `org.apache.kafka.common.security.plain.PlainLoginModule required username="${env.saslUser}" password="${env.saslPassword}";`;
  let source: Kafka;
  let target: Kafka;

  /** A client properties file for the SASL_SSL listener with the given truststore settings. */
  function props(name: string, truststore: Record<string, string>, extra: Record<string, string> = { 'sasl.jaas.config': plainLogin }): string {
    const file = path.join(dir, name);
    const all = { 'bootstrap.servers': ssl?.bootstrap ?? '', 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'PLAIN', ...truststore, ...extra };
    fs.writeFileSync(
      file,
      `${Object.entries(all)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
    );
    return file;
  }
  const jks = { 'ssl.truststore.location': ssl.truststoreJks, 'ssl.truststore.password': ssl.truststorePassword };
  const p12 = { 'ssl.truststore.location': ssl.truststoreP12, 'ssl.truststore.type': 'PKCS12', 'ssl.truststore.password': ssl.truststorePassword };
  const pem = { 'ssl.truststore.location': ssl.caPem, 'ssl.truststore.type': 'PEM' };
  const FORMATS: Array<[string, Record<string, string>]> = [
    ['JKS', jks],
    ['PKCS12', p12],
    ['PEM', pem],
  ];

  async function withKafkaOpts<T>(opts: string, f: () => Promise<T>): Promise<T> {
    const before = process.env.KAFKA_OPTS;
    process.env.KAFKA_OPTS = opts;
    try {
      return await f();
    } finally {
      if (before === undefined) delete process.env.KAFKA_OPTS;
      else process.env.KAFKA_OPTS = before;
    }
  }

  beforeAll(async () => {
    // set-up goes through the SASL_PLAINTEXT listener of the same broker
    const sasl: Partial<KafkaConfig> = { sasl: { mechanism: 'scram-sha-256', username: env.saslUser, password: env.saslPassword } };
    source = kafkaClient(env.kafkaSasl, sasl);
    target = kafkaClient(env.kafkaKraft);
    const t0 = Date.now() - 60_000;
    const msgs = Array.from({ length: N }, (_, i) => ({ key: `k${i % 7}`, value: `order-${i}`, partition: i % 3, timestamp: String(t0 + i) }));
    for (const k of [source, target]) {
      await withAdmin(k, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: orders, numPartitions: 3, replicationFactor: 1 }] }));
      const producer = k.producer();
      await producer.connect();
      await producer.send({ topic: orders, messages: msgs });
      await producer.disconnect();
      await withAdmin(k, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: mirrored, numPartitions: 3, replicationFactor: 1 }] }));
      if (k === source) {
        const mp = k.producer();
        await mp.connect();
        await mp.send({ topic: mirrored, messages: msgs });
        await mp.disconnect();
      }
      await withAdmin(k, (a) =>
        a.setOffsets({
          groupId: group,
          topic: orders,
          partitions: [0, 1, 2].map((partition) => ({ partition, offset: '10' })),
        }),
      );
    }
  });

  let metadata: string;
  test.each(FORMATS)('export over SASL_SSL with a %s truststore', async (format, truststore) => {
    const out = path.join(dir, `export-${format}`);
    const r = await runCli(['export', '--properties', props(`${format}.properties`, truststore), '--target-directory', out]);
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const meta = loadMetadataFile(path.join(out, 'kafka-metadata-export.json'));
    expect(meta.topics.find((t) => t.name === orders)?.partitions).toBe(3);
    expect(meta.consumerGroups?.find((g) => g.groupId === group)?.offsets?.length).toBe(3);
    metadata = path.join(out, 'kafka-metadata-export.json');
  });

  test("export with the login from the JAAS file in KAFKA_OPTS (the guide's way), no sasl.jaas.config", async () => {
    const jaas = path.join(dir, 'kafka_client_jaas.conf');
    fs.writeFileSync(jaas, `KafkaClient {\n  ${plainLogin}\n};\n`);
    const file = props('jaas.properties', jks, {});
    const out = path.join(dir, 'export-jaas');
    const r = await withKafkaOpts(`-Djava.security.auth.login.config=${jaas}`, () => runCli(['export', '--properties', file, '--target-directory', out]));
    expect(r.code).toBe(0);
    expect(loadMetadataFile(path.join(out, 'kafka-metadata-export.json')).topics.map((t) => t.name)).toContain(orders);
  });

  test.each<[string, () => string, () => string, RegExp]>([
    [
      'a wrong truststore password',
      () => props('wrong-password.properties', { ...jks, 'ssl.truststore.password': 'not-the-password' }),
      () => '',
      /wrong-password\.properties: ssl\.truststore\.location .*truststore\.jks: the store password \(ssl\.truststore\.password\) is wrong/,
    ],
    [
      'a truststore whose CA did not sign the broker',
      () => props('untrusted.properties', { 'ssl.truststore.location': path.join(FIXTURES, 'truststore.jks'), 'ssl.truststore.password': 'fixture-secret' }),
      () => '',
      /the broker's certificate is not trusted: it is not signed by a CA in the truststore .*fixtures\/tls\/truststore\.jks \(JKS\) \(.*untrusted\.properties\)/,
    ],
    [
      'a JAAS file without a KafkaClient section',
      () => props('server-jaas.properties', jks, {}),
      () => {
        const f = path.join(dir, 'server_jaas.conf');
        fs.writeFileSync(f, `KafkaServer {\n  ${plainLogin}\n};\n`);
        return `-Djava.security.auth.login.config=${f}`;
      },
      /server_jaas\.conf: the JAAS file has no KafkaClient section \(it has KafkaServer\)/,
    ],
  ])('export fails on %s: exit 1, naming the file, nothing written', async (_name, file, opts, message) => {
    const out = path.join(dir, `fail-${unique('x')}`);
    const f = file();
    const r = await withKafkaOpts(opts(), () => runCli(['export', '--properties', f, '--target-directory', out, '--timeout', '60']));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toContain(env.saslPassword);
    expect(fs.existsSync(path.join(out, 'kafka-metadata-export.json'))).toBe(false);
  });

  describe('cutover and verify with the source over SASL_SSL', () => {
    let plan: string;
    beforeAll(() => {
      plan = synthPlanFile(path.join(dir, 'synth'), { metadata, instanceId: 'alikafka_post-cn-tls', include: [orders] });
    });

    test.each(FORMATS)('verify (%s truststore): the copy matches', async (format, truststore) => {
      const r = await runCli([
        'verify',
        '--plan',
        plan,
        '--source-properties',
        props(`verify-${format}.properties`, truststore),
        '--target-bootstrap',
        env.kafkaKraft,
        '--json',
      ]);
      expect(r.err).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const v = JSON.parse(r.out) as VerifyResult;
      expect(JSON.stringify(v)).toContain(orders);
    });

    test.each(FORMATS)('cutover (%s truststore): the group reads both clusters', async (format, truststore) => {
      const r = await runCli([
        'cutover',
        '--plan',
        plan,
        '--source-properties',
        props(`cutover-${format}.properties`, truststore),
        '--target-bootstrap',
        env.kafkaKraft,
        '--group',
        group,
        '--json',
      ]);
      expect(r.err).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(r.out).toContain(group);
    });

    test('verify with the login from the JAAS file in KAFKA_OPTS', async () => {
      const jaas = path.join(dir, 'kafka_client_jaas.conf');
      const r = await withKafkaOpts(`-Xmx64m -Djava.security.auth.login.config=${jaas}`, () =>
        runCli(['verify', '--plan', plan, '--source-properties', props('verify-jaas.properties', p12, {}), '--target-bootstrap', env.kafkaKraft, '--json']),
      );
      expect(r.code).toBe(0);
    });
  });

  test("a generated client config (SASL_SSL, JKS truststore and password as references) works in Kafka's console producer and consumer", async () => {
    const plan = synthPlanFile(path.join(dir, 'synth-new'), { metadata, include: [orders] });
    const topic = `${p}.console`;
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] }));
    const gen = async (name: string, extra: string[]): Promise<string> => {
      const file = path.join(dir, name);
      const r = await runCli([
        'client-config',
        '--bootstrap',
        ssl.bootstrap,
        '--network',
        'public',
        '--auth',
        'sasl-plain',
        '--user',
        env.saslUser,
        '--plan',
        plan,
        '--out',
        file,
        ...extra,
      ]);
      expect(r.code).toBe(0);
      return file;
    };
    const pfile = await gen('console-producer.properties', []);
    const cfile = await gen('console-consumer.properties', ['--role', 'consumer', '--group', `${p}-console`]);
    const text = fs.readFileSync(pfile, 'utf8');
    expect(text).toMatch(/^ssl\.endpoint\.identification\.algorithm=$/m); // a real setting for a 2.x instance
    expect(text).toContain('ssl.truststore.password=${env:ALIKAFKA_TRUSTSTORE_PASSWORD}');
    expect(text).not.toContain(ssl.truststorePassword);
    expect(text).not.toContain(env.saslPassword);
    const secrets = {
      ALIKAFKA_SASL_PASSWORD: env.saslPassword,
      ALIKAFKA_TRUSTSTORE_LOCATION: ssl.truststoreJks,
      ALIKAFKA_TRUSTSTORE_PASSWORD: ssl.truststorePassword,
    };
    const lines = Array.from({ length: 5 }, (_, i) => `line-${i}`);
    const produced = await runJava(
      env,
      ['kafka.tools.ConsoleProducer', '--bootstrap-server', ssl.bootstrap, '--topic', topic, '--producer.config', pfile],
      `${lines.join('\n')}\n`,
      secrets,
    );
    expect(produced.err).not.toMatch(/ERROR|Exception/);
    expect(produced.code).toBe(0);
    const consumed = await runJava(
      env,
      [
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        ssl.bootstrap,
        '--topic',
        topic,
        '--consumer.config',
        cfile,
        // the generated auto.offset.reset=latest would wait for new messages: read what was produced
        '--consumer-property',
        'auto.offset.reset=earliest',
        '--max-messages',
        '5',
        '--timeout-ms',
        '120000',
      ],
      undefined,
      secrets,
    );
    expect(consumed.err).not.toMatch(/ERROR|Exception/);
    expect(consumed.code).toBe(0);
    expect(consumed.out.trim().split('\n').sort()).toEqual(lines);

    // the same file, references and all, is what the tool itself takes (config.providers resolved as Java does)
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    try {
      const out = path.join(dir, 'export-generated');
      const r = await runCli(['export', '--properties', cfile, '--target-directory', out]);
      expect(r.code).toBe(0);
      expect(loadMetadataFile(path.join(out, 'kafka-metadata-export.json')).topics.map((t) => t.name)).toContain(topic);
    } finally {
      for (const k of Object.keys(secrets)) if (saved[k] === undefined) delete process.env[k];
    }
  });

  describe('MirrorMaker 2 from the SASL_SSL listener', () => {
    let mm2: Proc | undefined;
    afterAll(async () => {
      await mm2?.stop();
    });

    test('mirror writes store passwords as references, and MirrorMaker 2 copies every message over TLS', async () => {
      const plan = synthPlanFile(path.join(dir, 'synth-mm2'), {
        metadata,
        include: [mirrored],
        specType: 'professional',
        mirror: 'dedicated',
        replicationFactor: '1', // MirrorMaker's own topics on the one-broker target
        checkpointInterval: '5',
      });
      const srcProps = props('mm2-source.properties', p12);
      const out = path.join(dir, 'mirror');
      const r = await runCli(['mirror', '--plan', plan, '--source-properties', srcProps, '--target-bootstrap', env.kafkaKraft, '--out', out]);
      expect(r.code).toBe(0);
      const mm = fs.readFileSync(path.join(out, 'mm2.properties'), 'utf8');
      const mmProps = parseProperties(mm);
      expect(mmProps.get('src.ssl.truststore.password')).toBe(`\${file:${srcProps}:ssl.truststore.password}`);
      expect(mmProps.get('src.ssl.truststore.location')).toBe(ssl.truststoreP12);
      expect(mm).not.toContain(ssl.truststorePassword);
      expect(mm).not.toContain(env.saslPassword);
      mm2 = startMirrorMaker(kafka39Lib(env.classpath), path.join(out, 'mm2.properties'), 'ali', path.join(dir, 'mm2'));
      await waitFor(
        'MirrorMaker 2 to copy every message',
        async () => {
          const offsets = await withAdmin(target, (a) => a.fetchTopicOffsets(mirrored));
          return offsets.reduce((s, o) => s + Number(o.high), 0) === N;
        },
        240_000,
      );
    });
  });
});
