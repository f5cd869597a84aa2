/**
 * Connect mode, all real: the connector bodies `alikafka-migrate mirror` writes for a `synth --mirror connect` plan are PUT to a
 * one-node Kafka Connect cluster (distributed mode, Kafka 3.9 jars, the generated worker settings and the
 * renaming policy compiled from the generated source); source = the rig's ZooKeeper-mode Kafka 3.9 broker,
 * target = a plain Kafka 2.6 broker. The Connect workers keep their own topics on the target here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Kafka } from '../../tools/kafka';
import { describeWithRig, runCli, tmpDir, unique, kafkaClient, withAdmin, waitFor } from './rig';
import { buildPolicyJar, kafka26Lib, kafka39Lib, PlainBroker, Proc, startConnect, startZkBroker } from './mirror-procs';
import { CONNECTOR_NAMES } from '../../lib/mirror';

const N = 1000;

async function endOffsets(kafka: Kafka, topic: string): Promise<number> {
  const o = await withAdmin(kafka, (a) => a.fetchTopicOffsets(topic));
  return o.reduce((n, p) => n + Number(p.high), 0);
}

describeWithRig('mirror of a --mirror connect plan: the generated worker file and connector bodies on a real Kafka Connect cluster', (env) => {
  const p = unique('mc');
  const dir = tmpDir('mirror-connect');
  const T = { plain: `${p}-plain`, old: `${p}-old`, renamed: `${p}-new` };
  const GROUP = `${p}-drained`;
  const src = kafkaClient(env.kafkaZk);
  let target: PlainBroker | undefined;
  let connect: (Proc & { rest: string }) | undefined;
  let tgt: Kafka;
  let out: string;

  beforeAll(async () => {
    target = await startZkBroker(kafka26Lib(), env.zookeeper, `/${p}-kafka26`, path.join(dir, 'kafka26'));
    tgt = kafkaClient(target.bootstrap);
    await withAdmin(src, (a) =>
      a.createTopics({ waitForLeaders: true, topics: [T.plain, T.old].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })) }),
    );
    const producer = src.producer();
    await producer.connect();
    for (const topic of [T.plain, T.old]) {
      await producer.send({ topic, messages: Array.from({ length: N }, (_, i) => ({ key: `k-${i}`, value: `${topic}:${i}` })) });
    }
    await producer.disconnect();
    // a group that read everything of the renamed topic
    const c = src.consumer({ groupId: GROUP, maxWaitTimeInMs: 200 });
    await c.connect();
    await c.subscribe({ topics: [T.old], fromBeginning: true });
    let n = 0;
    let done!: () => void;
    const all = new Promise<void>((r) => {
      done = r;
    });
    await c.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        await c.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        if (++n >= N) done();
      },
    });
    await all;
    await c.disconnect();

    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta.json']);
    expect(exp.code).toBe(0);
    fs.writeFileSync(path.join(dir, 'renames.json'), JSON.stringify({ topics: { [T.old]: T.renamed } }));
    out = path.join(dir, 'mirror');
    // synth plans MirrorMaker (Connect mode) with the selection; mirror renders the plan file
    const synthOut = path.join(dir, 'synth');
    const planned = await runCli([
      'synth',
      '--metadata',
      path.join(dir, 'meta.json'),
      '--instance-id',
      'alikafka_post-cn-e2e',
      '--spec-type',
      'professional',
      '--include',
      `${p}-*`,
      '--rename-map',
      path.join(dir, 'renames.json'),
      '--mirror',
      'connect',
      '--replication-factor',
      '1',
      '--checkpoint-interval',
      '5',
      '--out',
      synthOut,
    ]);
    expect(planned.err).not.toMatch(/^error/m);
    const gen = await runCli([
      'mirror',
      '--plan',
      path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json'),
      '--source-bootstrap',
      env.kafkaZk,
      '--target-bootstrap',
      target.bootstrap,
      '--out',
      out,
    ]);
    expect(gen.err).not.toMatch(/^error/m);
    expect(gen.code).toBe(0);
    await withAdmin(tgt, (a) =>
      a.createTopics({ waitForLeaders: true, topics: [T.plain, T.renamed].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })) }),
    );

    // the Connect cluster: the generated worker file as it is (the plan put its group and topics on the target), a shorter flush for the test
    const worker = path.join(dir, 'worker.properties');
    fs.writeFileSync(worker, [fs.readFileSync(path.join(out, 'connect-worker.properties'), 'utf8'), 'offset.flush.interval.ms=5000', ''].join('\n'));
    const lib = kafka39Lib(env.classpath);
    const jar = buildPolicyJar(path.join(out, 'RenamingReplicationPolicy.java'), lib, path.join(dir, 'policy'));
    connect = await startConnect(lib, worker, path.join(dir, 'connect'), [jar]);
  }, 600000);

  afterAll(async () => {
    await connect?.stop();
    await target?.stop();
  }, 120000);

  test('the three connectors start from the PUT bodies, copy every record under the planned names and translate the group', async () => {
    const rest = (connect as Proc & { rest: string }).rest;
    for (const name of Object.values(CONNECTOR_NAMES)) {
      const body = fs.readFileSync(path.join(out, 'connectors', `${name}.json`), 'utf8');
      const r = await fetch(`${rest}/connectors/${name}/config`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body });
      expect([name, r.status, r.ok ? '' : await r.text()]).toEqual([name, 201, '']);
    }
    await waitFor(
      'all connectors and tasks RUNNING',
      async () => {
        for (const name of Object.values(CONNECTOR_NAMES)) {
          const s = (await (await fetch(`${rest}/connectors/${name}/status`)).json()) as {
            connector: { state: string };
            tasks: Array<{ state: string; trace?: string }>;
          };
          const failed = s.tasks.find((t) => t.state === 'FAILED');
          if (failed) throw new Error(`${name} task failed: ${failed.trace}`);
          if (s.connector.state !== 'RUNNING' || !s.tasks.length || s.tasks.some((t) => t.state !== 'RUNNING')) return false;
        }
        return true;
      },
      300000,
    );
    await waitFor('every record on the target', async () => (await endOffsets(tgt, T.plain)) >= N && (await endOffsets(tgt, T.renamed)) >= N, 300000);
    expect(await endOffsets(tgt, T.plain)).toBe(N);
    expect(await endOffsets(tgt, T.renamed)).toBe(N);
    expect(await withAdmin(tgt, (a) => a.listTopics())).not.toContain(T.old);
    const ends = (await withAdmin(tgt, (a) => a.fetchTopicOffsets(T.renamed))).map((e) => `${e.partition}=${e.high}`).sort();
    const groupAt = (): Promise<string[]> =>
      withAdmin(tgt, async (a) =>
        (await a.fetchOffsets({ groupId: GROUP, topics: [T.renamed] })).flatMap((t) => t.partitions.map((x) => `${x.partition}=${x.offset}`)).sort(),
      );
    await waitFor(
      'the drained group at the end of the renamed topic on the target',
      async () => JSON.stringify(await groupAt()) === JSON.stringify(ends),
      300000,
    ).catch(() => undefined);
    expect(await groupAt()).toEqual(ends);
    // the heartbeat connector writes heartbeats to the target
    await waitFor(
      'heartbeats on the target',
      async () => (await withAdmin(tgt, (a) => a.listTopics())).includes('heartbeats') && (await endOffsets(tgt, 'heartbeats')) > 0,
      300000,
    );
  }, 1200000);
});
