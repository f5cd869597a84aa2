/**
 * The copy-free path of Alibaba's migration guide against real brokers: the rig's ZooKeeper-mode Kafka 3.9 broker
 * is the source, the KRaft broker the target; the plan is `synth --no-copy`. Producers and consumers run and stop
 * while `cutover --producers` and `cutover --drain` watch, and the commands only read (the groups and committed
 * offsets of both clusters are unchanged by a run with nothing else running).
 */
import * as path from 'path';
import { KafkaConsumer as Consumer, Kafka, KafkaProducer as Producer } from '../../tools/kafka';
import { groupsAndOffsets, kafkaClient, describeWithRig, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';
import type { FlowResult } from '../../lib/cutover/read';
import type { MigrationStatus } from '../../lib/status';
import { synthPlanFile } from '../helpers/plan-file';

jest.setTimeout(180_000);

describeWithRig('the copy-free path: cutover --producers and --drain (source: ZooKeeper-mode Kafka 3.9, target: KRaft)', (env) => {
  const p = unique('gf');
  const orders = `${p}.orders`;
  const events = `${p}.events`;
  const quiet = `${p}.quiet`;
  const reader = `${p}-reader`; // consumes orders on the source, then stops
  const backlog = `${p}-backlog`; // committed offsets behind, nobody consuming
  const dir = tmpDir('gf');
  let source: Kafka;
  let target: Kafka;
  let plan: string;
  const running: Array<() => Promise<void>> = [];

  const clusters = ['--source-bootstrap', env.kafkaZk, '--target-bootstrap', env.kafkaKraft];

  /** A producer writing one message to `topic` every 100 ms until the returned function stops it. */
  async function keepWriting(k: Kafka, topic: string): Promise<() => Promise<void>> {
    const producer: Producer = k.producer();
    await producer.connect();
    let n = 0;
    let sending = Promise.resolve();
    const timer = setInterval(() => {
      sending = sending.then(() => producer.send({ topic, messages: [{ key: `k${n % 7}`, value: `m${n++}` }] }).then(() => undefined));
    }, 100);
    const stop = async (): Promise<void> => {
      clearInterval(timer);
      await sending.catch(() => undefined);
      await producer.disconnect();
    };
    running.push(stop);
    return stop;
  }

  async function flow(flag: '--producers' | '--drain', seconds = 3, extra: string[] = []): Promise<FlowResult> {
    const r = await runCli(['cutover', '--plan', plan, ...clusters, flag, '--stable-seconds', String(seconds), '--json', ...extra]);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as FlowResult;
  }

  beforeAll(async () => {
    source = kafkaClient(env.kafkaZk);
    target = kafkaClient(env.kafkaKraft);
    const topics = [
      { topic: orders, numPartitions: 2, replicationFactor: 1 },
      { topic: events, numPartitions: 1, replicationFactor: 1 },
      { topic: quiet, numPartitions: 1, replicationFactor: 1 },
    ];
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics }));
    // terraform apply would create them on AliKafka
    await withAdmin(target, (a) => a.createTopics({ waitForLeaders: true, topics }));
    const producer = source.producer();
    await producer.connect();
    await producer.send({ topic: orders, messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `o${i}` })) });
    await producer.send({ topic: events, messages: Array.from({ length: 10 }, (_, i) => ({ value: `e${i}` })) });
    await producer.disconnect();
    // test setup writes to the source (the tool never does): a group that read 4 of the 10 events and left
    await withAdmin(source, (a) => a.setOffsets({ groupId: backlog, topic: events, partitions: [{ partition: 0, offset: '4' }] }));
    await withAdmin(source, (a) => a.setOffsets({ groupId: reader, topic: orders, partitions: [0, 1].map((partition) => ({ partition, offset: '0' })) }));
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta.json']);
    expect(exp.code).toBe(0);
    plan = synthPlanFile(path.join(dir, 'synth'), {
      metadata: path.join(dir, 'meta.json'),
      instanceId: 'alikafka_post-cn-it',
      include: [`${p}.*`],
      copy: false,
    });
  });

  afterAll(async () => {
    for (const stop of running) await stop().catch(() => undefined);
  });

  test('synth --no-copy plans every topic not copied; mirror has nothing to copy; cutover without --producers/--drain says what to run', async () => {
    const m = await runCli(['mirror', '--plan', plan, '--target-bootstrap', env.kafkaKraft, '--out', path.join(dir, 'mirror')]);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^nothing to copy: the plan .* is copy-free \(synth --no-copy\): 3 topic\(s\) not copied/);
    const c = await runCli(['cutover', '--plan', plan, ...clusters]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/the plan is copy-free .* run cutover --producers .* and cutover --drain/);
  });

  test('--producers: source-only while producers write there, split order when both sides are written, target-only once switched', async () => {
    const before = await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)]);
    const stopSourceOrders = await keepWriting(source, orders);
    const stopSourceEvents = await keepWriting(source, events);
    const stopTargetEvents = await keepWriting(target, events);
    let r = await flow('--producers');
    const state = (res: FlowResult, topic: string): string | undefined => res.producers?.topics.find((t) => t.topic === topic)?.state;
    expect(state(r, orders)).toBe('source-only');
    expect(state(r, events)).toBe('split-order');
    expect(state(r, quiet)).toBe('idle');
    const split = r.producers?.topics.find((t) => t.topic === events);
    expect(split?.sourceWrites).toBeGreaterThan(0);
    expect(split?.targetWrites).toBeGreaterThan(0);
    expect(split?.nextStep).toMatch(/^Written on both clusters/);
    // the switch: the source producers stop, one starts on the target
    await stopSourceOrders();
    await stopSourceEvents();
    const stopTargetOrders = await keepWriting(target, orders);
    r = await flow('--producers');
    expect(state(r, orders)).toBe('target-only');
    expect(state(r, events)).toBe('target-only');
    expect(r.producers?.counts).toEqual({ 'target-only': 2, 'source-only': 0, 'split-order': 0, idle: 1 });
    await stopTargetOrders();
    await stopTargetEvents();
    // plain text names the states per topic
    const text = await runCli(['cutover', '--plan', plan, ...clusters, '--producers', '--stable-seconds', '1']);
    expect(text.out).toMatch(/^producers: 3 topic\(s\): /);
    expect(text.out).toMatch(new RegExp(`\\nidle +${quiet.replace(/\./g, '\\.')}: source \\+0 message`));
    const after = await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)]);
    expect(after).toEqual(before);
  });

  test('status: topics on the target, producers switched while a producer writes the target, groups by drain state; read-only', async () => {
    const stop = await keepWriting(target, quiet);
    const before = await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)]);
    const r = await runCli(['status', '--plan', plan, ...clusters, '--stable-seconds', '2', '--json']);
    await stop();
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as MigrationStatus;
    expect(s).toMatchObject({ path: 'copy-free', topics: { planned: 3, onTarget: 3, missing: [] }, data: [] });
    expect(s.producersSwitched).toBeGreaterThanOrEqual(1);
    expect(s.groups.draining + s.groups.drained).toBe(2);
    expect(await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)])).toEqual(before);
    const text = await runCli(['status', '--plan', plan, ...clusters, '--stable-seconds', '1']);
    expect(text.out).toMatch(/^topics: 3 planned, 3 on the target\nproducers: \d of 3 topic\(s\) switched/);
  });

  test('--drain: draining while the old consumer works or a backlog waits; drained once it has read everything and left', async () => {
    let consumer: Consumer | undefined = source.consumer({ groupId: reader, sessionTimeout: 30_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [orders], fromBeginning: true });
    let seen = 0;
    await consumer.run({
      eachMessage: async () => {
        seen++;
      },
    });
    running.push(async () => {
      await consumer?.disconnect();
    });
    await waitFor('the old consumer to read the backlog', async () => seen >= 40, 60_000);
    // the target-side drain is source-only: no target bootstrap needed
    let r = await (async (): Promise<FlowResult> => {
      const run = await runCli(['cutover', '--plan', plan, '--source-bootstrap', env.kafkaZk, '--drain', '--stable-seconds', '2', '--json']);
      expect(run.code).toBe(0);
      return JSON.parse(run.out) as FlowResult;
    })();
    const g = (res: FlowResult, id: string) => res.drain?.groups.find((x) => x.group === id);
    expect(g(r, reader)).toMatchObject({ state: 'draining', lag: 0 });
    expect(g(r, reader)?.members).toBeGreaterThan(0);
    expect(g(r, reader)?.nextStep).toMatch(/^Caught up, but consumers are still connected: stop them on the source/);
    // 6 of the first 10 events, plus what the producer test wrote there
    const end = await withAdmin(source, (a) => a.fetchTopicOffsets(events));
    const lag = Number(end[0].high) - 4;
    expect(lag).toBeGreaterThanOrEqual(6);
    expect(g(r, backlog)).toMatchObject({ state: 'draining', lag, members: 0, lagTrendPerSecond: 0 });
    expect(g(r, backlog)?.nextStep).toMatch(new RegExp(`^Nobody reads the backlog of ${lag} message\\(s\\)`));
    await consumer.disconnect();
    consumer = undefined;
    await waitFor(
      'the group to be empty on the source',
      async () => (await withAdmin(source, (a) => a.describeGroups([reader]))).groups[0].members.length === 0,
      60_000,
    );
    const before = await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)]);
    r = await flow('--drain', 2, ['--group', reader]);
    expect(r.drain?.groups.map((x) => x.group)).toEqual([reader]);
    expect(g(r, reader)).toMatchObject({ state: 'drained', lag: 0, members: 0 });
    expect(g(r, reader)?.nextStep).toMatch(/^Drained: .*retire the group/);
    expect(r.drain?.sourceWritten).toEqual([]);
    expect(await Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)])).toEqual(before);
  });
});
