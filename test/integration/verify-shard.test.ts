/**
 * `verify` spread over machines against real clusters (source: the rig's ZooKeeper-mode Kafka 3.9 broker, target:
 * the KRaft broker): a snapshot, three shards and their merge give the verdict of one run, read up to the
 * snapshot's offsets (not the live end), and a record that differs on the target side of one partition is found
 * by exactly one shard. Test setup writes the same messages into both clusters (no MirrorMaker needed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeWithRig, kafkaClient, runCli, tmpDir, unique, withAdmin } from './rig';
import { captureIo } from '../helpers';
import type { VerifyResult } from '../../lib/verify/compare';
import type { ShardResult } from '../../lib/verify/shard';
import type { VerifySnapshot } from '../../lib/verify/snapshot';
import { synthPlanFile } from '../helpers/plan-file';

jest.setTimeout(240_000);

type Client = ReturnType<typeof kafkaClient>;
type Out = { key?: string; value: string; partition: number; timestamp?: string };

describeWithRig('verify --snapshot, --shard K/N and --merge (source: ZooKeeper-mode Kafka 3.9, target: KRaft)', (env) => {
  const p = unique('vs');
  const orders = `${p}.orders`; // keyed, 4 partitions
  const events = `${p}.events`; // keyless, 3 partitions
  const state = `${p}.state`; // compacted, 2 partitions
  const dir = tmpDir('vs');
  const snap = path.join(dir, 'snapshot.json');
  const clusters = ['--source-bootstrap', env.kafkaZk, '--target-bootstrap', env.kafkaKraft];
  let plan: string;
  let source: Client;
  let target: Client;
  let single: { code: number; json: VerifyResult; text: string };

  const t0 = Date.now() - 60_000;
  const orderMsgs: Out[] = Array.from({ length: 240 }, (_, i) => ({
    key: `c-${i % 31}`,
    value: `order-${i}`,
    partition: (i % 31) % 4,
    timestamp: String(t0 + i),
  }));
  // uneven partitions, so the shares are balanced by records, not by partition count
  const eventMsgs: Out[] = Array.from({ length: 150 }, (_, i) => ({
    value: `event-${i}`,
    partition: i < 100 ? 0 : i % 2 === 0 ? 1 : 2,
    timestamp: String(t0 + i),
  }));
  const stateMsgs: Out[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 8}`, value: `v${i}`, partition: (i % 8) % 2, timestamp: String(t0 + i) }));

  async function produce(k: Client, topic: string, messages: Out[]): Promise<void> {
    const producer = k.producer();
    await producer.connect();
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  const verify = (...args: string[]): Promise<{ code: number; out: string; err: string }> => runCli(['verify', '--plan', plan, ...clusters, ...args]);

  async function singleRun(): Promise<{ code: number; json: VerifyResult; text: string }> {
    const [j, t] = [await verify('--json'), await verify()];
    expect(j.err).toBe('');
    return { code: j.code, json: JSON.parse(j.out) as VerifyResult, text: t.out };
  }

  /** Three shards of `snapshot`: their exit codes, results and what each printed. */
  async function shards(snapshot: string, tag: string): Promise<Array<{ code: number; out: string; file: string; result: ShardResult }>> {
    const runs = [];
    for (const k of [1, 2, 3]) {
      const file = path.join(dir, `${tag}-${k}.json`);
      const r = await verify('--shard', `${k}/3`, '--snapshot', snapshot, '--result', file);
      expect(r.err).toBe('');
      runs.push({ code: r.code, out: r.out, file, result: JSON.parse(fs.readFileSync(file, 'utf8')) as ShardResult });
    }
    return runs;
  }

  beforeAll(async () => {
    source = kafkaClient(env.kafkaZk);
    target = kafkaClient(env.kafkaKraft);
    const topics = [
      { topic: orders, numPartitions: 4, replicationFactor: 1 },
      { topic: events, numPartitions: 3, replicationFactor: 1 },
      { topic: state, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ];
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics }));
    await withAdmin(target, (a) => a.createTopics({ waitForLeaders: true, topics }));
    for (const k of [source, target]) {
      await produce(k, orders, orderMsgs);
      await produce(k, events, eventMsgs);
      await produce(k, state, stateMsgs);
    }
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta.json']);
    expect(exp.code).toBe(0);
    plan = synthPlanFile(path.join(dir, 'synth'), { metadata: path.join(dir, 'meta.json'), instanceId: 'alikafka_post-cn-it', include: [`${p}.*`] });
  });

  test('3 shards of a snapshot give the verdict of one run, up to the snapshot’s offsets', async () => {
    single = await singleRun();
    expect(single.code).toBe(0);
    expect(single.json.partitions).toBe(7);
    expect(single.json.compactedResults).toHaveLength(1);

    const s = await verify('--snapshot', snap);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/^verify: snapshot of 9 partitions of 3 topics \(860 records on both sides\) written to /);
    const taken = JSON.parse(fs.readFileSync(snap, 'utf8')) as VerifySnapshot;
    expect(taken.topics.find((t) => t.targetName === events)?.partitions[0]).toEqual({
      partition: 0,
      source: { start: '0', end: '100' },
      target: { start: '0', end: '100' },
      // the source's stored bytes (DescribeLogDirs): the shares are balanced by them
      sourceBytes: expect.any(Number),
    });
    expect(taken.topics.every((t) => t.partitions.every((q) => (q.sourceBytes ?? 0) > 0))).toBe(true);
    // taken again, the same bytes
    const again = path.join(dir, 'snapshot-again.json');
    expect((await verify('--snapshot', again)).code).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(snap, 'utf8'));

    // a record written to the source after the snapshot: a live run sees it, the shards read up to the snapshot
    await produce(source, events, [{ value: 'late', partition: 1 }]);
    const live = await singleRun();
    expect(live.code).toBe(1);
    expect(live.json.differences.map((d) => [d.kind, d.object, d.partition])).toEqual([
      ['count', events, 1],
      ['checksum', events, 1],
    ]);

    const runs = await shards(snap, 'ok');
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    // every partition in exactly one share, none empty
    const shares = runs.map((r) => r.result.share.flatMap((x) => x.partitions.map((q) => `${x.topic}[${q}]`)));
    expect(shares.every((x) => x.length > 0)).toBe(true);
    expect(new Set(shares.flat()).size).toBe(9);
    expect(shares.flat()).toHaveLength(9);
    expect(runs[0].out).toMatch(
      /^verify: shard 1\/3: \d+ of 9 partitions, \d+ messages compared per side \(all messages\); no difference in this share; result written to /,
    );

    const files = runs.map((r) => r.file);
    const merged = await runCli(['verify', '--merge', ...files, '--json']);
    expect(merged.code).toBe(single.code);
    expect(JSON.parse(merged.out)).toEqual(single.json);
    const text = await runCli(['verify', '--merge', ...files, '--plan', plan]);
    expect(text.code).toBe(0);
    expect(text.out).toBe(single.text);
    // the same late record on the target: the clusters match again
    await produce(target, events, [{ value: 'late', partition: 1 }]);
  });

  test('a record that differs on the target side of one partition is found by exactly one shard; the merge is the single run’s verdict', async () => {
    await produce(target, orders, [{ key: 'c-2', value: 'not the source’s', partition: 2 }]);
    const after = await singleRun();
    expect(after.code).toBe(1);
    expect(after.json.differences.map((d) => [d.kind, d.object, d.partition])).toEqual([
      ['count', orders, 2],
      ['checksum', orders, 2],
    ]);

    const snap2 = path.join(dir, 'snapshot-2.json');
    expect((await verify('--snapshot', snap2)).code).toBe(0);
    const runs = await shards(snap2, 'bad');
    expect(runs.map((r) => r.code).sort()).toEqual([0, 0, 1]);
    const finder = runs.find((r) => r.code === 1) as (typeof runs)[number];
    expect(finder.result.share.find((x) => x.topic === orders)?.partitions).toContain(2);
    expect(finder.out).toMatch(/difference\(s\) in this share:\n.*\ncount +\S+ +2 /);
    for (const r of runs.filter((x) => x !== finder)) expect(r.result.parts.every((x) => x.differences.length === 0)).toBe(true);

    const merged = await runCli(['verify', '--merge', ...runs.map((r) => r.file), '--json']);
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.out)).toEqual(after.json);
    const text = await runCli(['verify', '--merge', ...runs.map((r) => r.file)]);
    expect(text.out).toBe(after.text);

    // results of another snapshot, or a missing share, are refused naming the files
    const mixed = await runCli(['verify', '--merge', path.join(dir, 'ok-1.json'), runs[1].file, runs[2].file]);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/different snapshots: .*ok-1\.json .*bad-2\.json, .*bad-3\.json/);
    const short = await runCli(['verify', '--merge', runs[0].file, runs[1].file]);
    expect(short.code).toBe(1);
    expect(short.err).toContain('missing shares: no result for shard 3/3');
  });
  test('--sample N per shard merges to the verdict of one sampled run', async () => {
    const snap2 = path.join(dir, 'snapshot-2.json');
    const one = await verify('--sample', '5', '--json');
    const files: string[] = [];
    for (const k of [1, 2, 3]) {
      const file = path.join(dir, `sample-${k}.json`);
      expect([0, 1]).toContain((await verify('--sample', '5', '--shard', `${k}/3`, '--snapshot', snap2, '--result', file)).code);
      files.push(file);
    }
    const merged = await runCli(['verify', '--merge', ...files, '--json']);
    expect(merged.code).toBe(one.code);
    const result = JSON.parse(merged.out) as VerifyResult;
    expect(result).toEqual(JSON.parse(one.out));
    expect(result.notRead[0]).toMatch(/^a sample of the last 5 records per partition: \d+ earlier record offsets on the source/);
  });
  test('--sample-every R reads every Rth block and each partition’s first and last records, says what it did not read, and finds a difference in a block it read', async () => {
    const q = unique('vse');
    const big = `${q}.big`;
    const topics = [{ topic: big, numPartitions: 3, replicationFactor: 1 }];
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics }));
    await withAdmin(target, (a) => a.createTopics({ waitForLeaders: true, topics }));
    const msgs: Out[] = [0, 1, 2].flatMap((partition) => Array.from({ length: 2500 }, (_, i) => ({ value: `r-${partition}-${i}`, partition })));
    // the target differs at offset 1000 of partition 1 (a block R = 2 does not read) and 1600 of partition 2 (one it reads)
    const changed = msgs.map((m, i) => (i === 2500 + 1000 || i === 5000 + 1600 ? { ...m, value: 'not the source’s' } : m));
    await produce(source, big, msgs);
    await produce(target, big, changed);
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta-big.json']);
    expect(exp.code).toBe(0);
    const plan2 = synthPlanFile(path.join(dir, 'synth-big'), {
      metadata: path.join(dir, 'meta-big.json'),
      instanceId: 'alikafka_post-cn-it',
      include: [`${q}.*`],
    });

    const quick = await runCli(['verify', '--plan', plan2, ...clusters, '--sample-every', '2', '--json']);
    expect(quick.code).toBe(1);
    const r = JSON.parse(quick.out) as VerifyResult;
    expect(r.mode).toBe('sample-every');
    expect(r.differences.map((d) => [d.kind, d.object, d.partition])).toEqual([['checksum', big, 2]]);
    // per partition: offsets 0-499 and 1500-2499 (blocks 0 and 2 back from the end; the first record is in block 2)
    expect(r.messagesCompared).toBe(3 * 1500);
    expect(r.notRead).toEqual([
      'a sampled pre-check (1 block in 2 of 1000 records, and the first and last record, per partition): 3000 of 7500 record offsets on the source and 3000 of 7500 on the target were not read',
    ]);
    const text = await runCli(['verify', '--plan', plan2, ...clusters, '--sample-every', '2']);
    expect(text.out).toMatch(
      /^verify: 1 difference\(s\): .*4500 messages compared per side \(1 block in 2 of 1000 records, and the first and last record, per partition\)/,
    );
    expect(text.out).toContain('\nnot read: a sampled pre-check');

    const full = await runCli(['verify', '--plan', plan2, ...clusters, '--json']);
    expect(full.code).toBe(1);
    expect((JSON.parse(full.out) as VerifyResult).differences.map((d) => [d.kind, d.partition])).toEqual([
      ['checksum', 1],
      ['checksum', 2],
    ]);
  });
  test('a shard shows the progress of its share on stderr (plain lines off a terminal, ending at 100%)', async () => {
    const io = { ...captureIo(), progressEveryMs: 0 };
    const r = await runCli(['verify', '--plan', plan, ...clusters, '--shard', '1/3', '--snapshot', snap, '--result', path.join(dir, 'progress-1.json')], io);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^verify: [\d,]+ of [\d,]+ records \(\d+%\)(, .+)?$/);
    expect(lines[lines.length - 1]).toMatch(/^verify: ([\d,]+) of \1 records \(100%\)/);
  });
});
