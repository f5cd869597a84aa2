/**
 * Records over 1 MiB and compacted topics, all real: the source is the rig's ZooKeeper-mode Kafka 3.9 broker, the
 * target the rig's SASL broker (SCRAM, so the target's client properties carry a secret MirrorMaker resolves
 * through its file provider). MirrorMaker 2 (Kafka 3.9 jars) runs with the configuration `mirror` generates from
 * the plan; Kafka's own GetOffsetShell reads the end offsets of both sides; `verify` reads every record.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka } from '../../tools/kafka';
import { describeWithRig, kafkaClient, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';
import { kafka39Lib, Proc, startMirrorMaker } from './mirror-procs';
import { parseProperties } from '../../lib/sources/properties';
import type { VerifyResult } from '../../lib/verify/compare';
import { ClusterReader } from '../../lib/sources/cluster-reader';
import { synthPlanFile } from '../helpers/plan-file';

const MIB = 1024 * 1024;
const LIMIT = 5 * MIB;

/** A 2 MiB value, different per `tag`. */
const big = (tag: number): Buffer => Buffer.alloc(2 * MIB, tag);

describeWithRig('records over 1 MiB and compacted topics: MirrorMaker 2 with the generated config, and verify', (env) => {
  const p = unique('big');
  const dir = tmpDir('large-records');
  const BLOBS = `${p}-blobs`;
  const CMP = `${p}-compact`;
  const lib39 = kafka39Lib(env.classpath);
  const src = kafkaClient(env.kafkaZk);
  const tgt: Kafka = kafkaClient(env.kafkaSasl, { sasl: { mechanism: 'scram-sha-256', username: env.saslUser, password: env.saslPassword } });
  const tgtProps = path.join(dir, 'target.properties');
  const mmDir = path.join(dir, 'mirror');
  let mm2: Proc | undefined;
  const started = Date.now();
  const took: string[] = [];
  const lap = (what: string, t0: number): void => void took.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // the blobs: partition 0 starts with a 2 MiB record (removed on the target later), partition 1 ends with one
  const blobs: Array<{ partition: number; key: string; value: Buffer }> = [
    { partition: 0, key: 'a', value: big(1) },
    { partition: 0, key: 'b', value: Buffer.from('small-b') },
    { partition: 0, key: 'c', value: big(2) },
    { partition: 0, key: 'd', value: Buffer.from('small-d') },
    { partition: 1, key: 'e', value: Buffer.from('small-e') },
    { partition: 1, key: 'f', value: Buffer.from('small-f') },
    { partition: 1, key: 'g', value: big(3) },
  ];

  let planFile: string | undefined;
  async function verify(): Promise<{ code: number; result: VerifyResult }> {
    // the same plan, from synth's migration-plan.json
    planFile ??= synthPlanFile(path.join(dir, 'synth'), { metadata: path.join(dir, 'meta.json'), include: [`${p}-*`], specType: 'professional' });
    const r = await runCli([
      'verify',
      '--plan',
      planFile,
      '--source-bootstrap',
      env.kafkaZk,
      '--target-bootstrap',
      env.kafkaSasl,
      '--target-properties',
      tgtProps,
      '--json',
    ]);
    if (r.code !== 0 && r.code !== 1 && r.code !== 3) throw new Error(`verify exited ${r.code}: ${r.err}`);
    return { code: r.code, result: JSON.parse(r.out) as VerifyResult };
  }

  /** Kafka's GetOffsetShell: `topic:partition:offset` per line, the latest offsets. */
  function getOffsetShell(bootstrap: string, topic: string, commandConfig?: string): string[] {
    const out = execFileSync(
      'java',
      [
        '-cp',
        `${lib39}/*`,
        'org.apache.kafka.tools.GetOffsetShell',
        '--bootstrap-server',
        bootstrap,
        '--topic',
        topic,
        ...(commandConfig ? ['--command-config', commandConfig] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return out.trim().split('\n').sort();
  }

  async function produce(
    kafka: Kafka,
    topic: string,
    msgs: ReadonlyArray<{ partition: number; key: string; value: Buffer | null; headers?: Record<string, string> }>,
  ): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (const m of msgs) await producer.send({ topic, messages: [m] });
    } finally {
      await producer.disconnect();
    }
  }

  /** The record count of a compacted source topic (a throwaway consumer-less read through verify is overkill). */
  async function countRecords(kafka: Kafka, topic: string): Promise<number> {
    const offsets = await withAdmin(kafka, (a) => a.fetchTopicOffsets(topic));
    const end = offsets.reduce((n, o) => n + Number(o.high), 0);
    const consumer = kafka.consumer({ groupId: unique(`${p}-count`), maxWaitTimeInMs: 100 });
    let n = 0;
    let last = -1;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        n++;
        last = Number(message.offset);
      },
    });
    await waitFor('the compacted topic read to its end', async () => last >= end - 1, 30_000).finally(() => consumer.disconnect());
    return n;
  }

  beforeAll(async () => {
    const t0 = Date.now();
    fs.writeFileSync(
      tgtProps,
      [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-256',
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${env.saslUser}" password="${env.saslPassword}";`,
        '',
      ].join('\n'),
    );
    const compactConfig = [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'segment.ms', value: '200' },
      { name: 'min.cleanable.dirty.ratio', value: '0.01' },
      { name: 'delete.retention.ms', value: '100' },
      { name: 'min.compaction.lag.ms', value: '0' },
    ];
    await withAdmin(src, (a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: BLOBS, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(LIMIT) }] },
          { topic: CMP, numPartitions: 1, replicationFactor: 1, configEntries: compactConfig },
        ],
      }),
    );
    // the target topics as Terraform makes them (the target keeps its compacted topic uncompacted during the test)
    await withAdmin(tgt, (a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: BLOBS, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(LIMIT) }] },
          { topic: CMP, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        ],
      }),
    );
    await produce(src, BLOBS, blobs);
    // compacted source: three versions of k0..k5 with a header, k5 deleted; segments roll every 200 ms
    for (let round = 0; round < 3; round++) {
      await produce(
        src,
        CMP,
        Array.from({ length: 6 }, (_, k) => ({ partition: 0, key: `k${k}`, value: Buffer.from(`v${round}-${k}`), headers: { h: `r${round}` } })),
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    await produce(src, CMP, [{ partition: 0, key: 'k5', value: null }]);
    await new Promise((r) => setTimeout(r, 300));
    await produce(src, CMP, [{ partition: 0, key: 'k0', value: Buffer.from('v2-0'), headers: { h: 'r2' } }]); // rolls the segment
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta.json']);
    if (exp.code !== 0) throw new Error(`export exited ${exp.code}: ${exp.err}`);
    lap('setup', t0);
  }, 180_000);

  afterAll(async () => {
    await mm2?.stop();
    console.log(`large-records: ${took.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);

  test('the generated config sizes the producer and the consumer from the plan (5 MiB), and verify sees the 2 MiB records missing before the copy', async () => {
    const t0 = Date.now();
    // synth plans MirrorMaker with the selection; mirror renders that plan file
    const mirrorPlan = synthPlanFile(path.join(dir, 'synth-mirror'), {
      metadata: path.join(dir, 'meta.json'),
      include: [`${p}-*`],
      exclude: [CMP], // the compacted topic's target side is written by the test below, not copied
      specType: 'professional',
      mirror: 'dedicated',
      replicationFactor: '1',
      checkpointInterval: '5',
      maxTasks: '2',
    });
    const gen = await runCli([
      'mirror',
      '--plan',
      mirrorPlan,
      '--source-bootstrap',
      env.kafkaZk,
      '--target-bootstrap',
      env.kafkaSasl,
      '--target-properties',
      tgtProps,
      '--out',
      mmDir,
    ]);
    expect(gen.code).toBe(0);
    const props = parseProperties(fs.readFileSync(path.join(mmDir, 'mm2.properties'), 'utf8'));
    expect(props.get('ali.producer.max.request.size')).toBe(String(LIMIT + 64 * 1024));
    expect(props.get('src.consumer.max.partition.fetch.bytes')).toBe(String(LIMIT + 64 * 1024));

    const before = await verify();
    expect(before.code).toBe(1);
    const counts = before.result.differences.filter((d) => d.object === BLOBS && d.kind === 'count').map((d) => [d.partition, d.source, d.target]);
    expect(counts).toEqual([
      [0, '4', '0'],
      [1, '3', '0'],
    ]);
    lap('mirror + verify before the copy', t0);
  }, 120_000);

  test('MirrorMaker 2 copies every 2 MiB record: end offsets equal on both sides (GetOffsetShell), and verify reads and matches every record', async () => {
    const t0 = Date.now();
    mm2 = startMirrorMaker(lib39, path.join(mmDir, 'mm2.properties'), 'ali', path.join(dir, 'mm2'));
    const want = getOffsetShell(env.kafkaZk, BLOBS);
    expect(want).toEqual([`${BLOBS}:0:4`, `${BLOBS}:1:3`]);
    await waitFor(
      'MirrorMaker to copy the blobs',
      async () => {
        if (mm2 && mm2.proc.exitCode !== null) throw new Error('MirrorMaker exited');
        const o = await withAdmin(tgt, (a) => a.fetchTopicOffsets(BLOBS));
        return o.reduce((n, x) => n + Number(x.high), 0) >= blobs.length;
      },
      120_000,
    ).catch((e: Error) => {
      const log = mm2 ? fs.readFileSync(mm2.log, 'utf8') : '';
      throw new Error(
        `${e.message}\n--- MirrorMaker log (errors):\n${log
          .split('\n')
          .filter((l) => / (ERROR|WARN) /.test(l))
          .slice(-15)
          .join('\n')}`,
      );
    });
    lap('copy', t0);
    await mm2.stop();
    mm2 = undefined;
    expect(getOffsetShell(env.kafkaSasl, BLOBS, tgtProps)).toEqual(want);
    const after = await verify();
    expect(after.result.differences.filter((d) => d.object === BLOBS)).toEqual([]);
    const parts = after.result.partitionResults.filter((r) => r.topic === BLOBS);
    expect(parts.map((r) => [r.partition, r.sourceCount, r.targetCount, r.compared, r.match])).toEqual([
      [0, 4, 4, 4, true],
      [1, 3, 3, 3, true],
    ]);
    // the same counts on a second run
    const again = await verify();
    expect(again.result.partitionResults).toEqual(after.result.partitionResults);
    // a fetch size far below the records: the reader grows it and still reads every record, none left unread
    const reader = await ClusterReader.open({ role: 'source', brokers: [env.kafkaZk] });
    const seen: string[] = [];
    const unread: string[] = [];
    try {
      await reader.readRanges(
        [0, 1].map((partition) => ({ topic: BLOBS, partition, from: 0n, to: partition === 0 ? 4n : 3n })),
        (r, msgs) => void seen.push(...msgs.map((m) => `${r.partition}@${m.offset}:${m.value?.length}`)),
        64 * 1024,
        (r, u) => unread.push(`${r.partition}:${u.from}-${u.to}`),
      );
    } finally {
      await reader.close();
    }
    expect(unread).toEqual([]);
    expect(seen.sort()).toEqual(['0@0:2097152', '0@1:7', '0@2:2097152', '0@3:7', '1@0:7', '1@1:7', '1@2:2097152']);
    lap('copy + GetOffsetShell + 2 verify runs', t0);
  }, 240_000);

  test('one 2 MiB record removed and one added on the target: verify names both partitions', async () => {
    const t0 = Date.now();
    await withAdmin(tgt, async (a) => {
      await a.fetchTopicMetadata({ topics: [BLOBS] });
      await a.deleteTopicRecords({ topic: BLOBS, partitions: [{ partition: 0, offset: '1' }] });
    });
    await produce(tgt, BLOBS, [{ partition: 1, key: 'h', value: big(4) }]);
    const r = await verify();
    expect(r.code).toBe(1);
    const d = r.result.differences.filter((x) => x.object === BLOBS).map((x) => [x.kind, x.partition, x.source, x.target]);
    expect(d).toEqual([
      ['count', 0, '4', '3'],
      ['count', 1, '3', '4'],
      ['checksum', 1, expect.any(String), expect.any(String)],
    ]);
    lap('remove/add + verify', t0);
  }, 120_000);

  test('a compacted topic after compaction: the same latest records per key on both sides is OK; a changed value is a difference', async () => {
    const t0 = Date.now();
    // wait for the source's log cleaner: fewer records than the 20 written
    await waitFor('the source to compact', async () => (await countRecords(src, CMP)) < 20, 90_000);
    lap('compaction on the source', t0);
    // the target holds the latest record of each live key only, as a copy made after compaction would
    await produce(
      tgt,
      CMP,
      Array.from({ length: 5 }, (_, k) => ({ partition: 0, key: `k${k}`, value: Buffer.from(`v2-${k}`), headers: { h: 'r2' } })),
    );
    const ok = await verify();
    expect(ok.result.differences.filter((x) => x.object === CMP)).toEqual([]);
    expect(ok.result.compactedResults).toEqual([{ topic: CMP, sourceKeys: 5, targetKeys: 5, match: true }]);
    await produce(tgt, CMP, [{ partition: 0, key: 'k3', value: Buffer.from('changed'), headers: { h: 'r2' } }]);
    const changed = await verify();
    expect(changed.code).toBe(1);
    expect(changed.result.differences.filter((x) => x.object === CMP).map((x) => [x.kind, x.detail.split(':')[0]])).toEqual([
      ['key-value', '1 key(s) have another latest value or headers on the target'],
    ]);
    lap('compacted', t0);
  }, 180_000);
});
