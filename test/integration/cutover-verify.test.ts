/**
 * `cutover` and `verify` against real clusters: the rig's ZooKeeper-mode Kafka 3.9 broker is the source, the
 * KRaft broker the target. Test setup writes the same messages into both (no MirrorMaker needed), and commits the
 * target group's offsets with the Admin API where a test needs them; the commands themselves only read, which is
 * checked: group lists and committed offsets of both clusters are unchanged by every run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KafkaConsumer as Consumer, Kafka } from '../../tools/kafka';
import { groupsAndOffsets, kafkaClient, describeWithRig, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';
import type { CutoverResult, GroupVerdict } from '../../lib/cutover/verdict';
import { ClusterReader } from '../../lib/sources/cluster-reader';
import type { VerifyResult } from '../../lib/verify/compare';
import { synthPlanFile } from '../helpers/plan-file';

jest.setTimeout(180_000);

describeWithRig('cutover and verify (source: ZooKeeper-mode Kafka 3.9, target: KRaft)', (env) => {
  const p = unique('cv');
  const orders = `${p}.orders`; // keyed, 3 partitions
  const events = `${p}.events`; // keyless, 2 partitions
  const legacy = `${p}.legacy`; // renamed on the target
  const legacyTarget = `${p}_legacy_new`;
  const moved = `${p}.moved`; // keys in other partitions on the target
  const group = `${p}-app`;
  const groupTarget = `${p}_app_target`;
  const shifted = `${p}-shift`; // target offsets ahead of and behind the source's
  const stuck = `${p}-stuck`; // offsets MirrorMaker 2 never translated
  const compacted = `${p}.compact`; // compacted on the source after the copy
  const dir = tmpDir('cv');
  const renameMap = path.join(dir, 'renames.json');
  let source: Kafka;
  let target: Kafka;
  let metadata: string;
  let metadataMore: string;
  let consumer: Consumer | undefined;
  let release: () => void = () => undefined;

  const ORDERS = 60;
  const EVENTS = 20;
  const LEGACY = 10;

  // the same timestamps on both sides, as MirrorMaker 2 keeps them
  const t0 = Date.now() - 60_000;
  const orderMsgs = Array.from({ length: ORDERS }, (_, i) => ({
    key: `customer-${i % 17}`,
    value: `order-${i}`,
    partition: (i % 17) % 3,
    timestamp: String(t0 + i),
  }));
  const eventMsgs = Array.from({ length: EVENTS }, (_, i) => ({ value: `event-${i}`, partition: i % 2, timestamp: String(t0 + i) }));
  const legacyMsgs = Array.from({ length: LEGACY }, (_, i) => ({ key: `l${i}`, value: `legacy-${i}`, partition: i % 2, timestamp: String(t0 + i) }));

  async function produce(
    k: Kafka,
    batches: Array<{ topic: string; messages: Array<{ key?: string; value: string; partition: number; timestamp?: string }> }>,
  ): Promise<void> {
    const producer = k.producer();
    await producer.connect();
    for (const b of batches) await producer.send({ topic: b.topic, messages: b.messages });
    await producer.disconnect();
  }

  // the plan file synth writes for these flags (one per metadata file and selection), as the commands take it
  const plans = new Map<string, string>();
  const planFlags = (exclude: string[] = [], meta = metadata): string[] => {
    const key = `${meta}\u0000${exclude.join(',')}`;
    if (!plans.has(key)) {
      const out = path.join(dir, `synth-${plans.size}`);
      plans.set(key, synthPlanFile(out, { metadata: meta, instanceId: 'alikafka_post-cn-it', renameMap, include: [`${p}.*`], exclude }));
    }
    return ['--plan', plans.get(key) as string];
  };
  const clusters = ['--source-bootstrap', env.kafkaZk, '--target-bootstrap', env.kafkaKraft];

  async function bothClusters(): Promise<[Record<string, string>, Record<string, string>]> {
    return Promise.all([groupsAndOffsets(source), groupsAndOffsets(target)]);
  }

  /** Runs the CLI and checks that neither cluster's groups or committed offsets changed. */
  async function readOnlyRun(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const before = await bothClusters();
    const r = await runCli(argv);
    const after = await bothClusters();
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    return r;
  }

  async function cutover(extra: string[] = [], id = group, meta = metadata): Promise<{ result: CutoverResult; g: GroupVerdict; out: string }> {
    const r = await runCli(['cutover', ...planFlags([], meta), ...clusters, '--group', id, '--json', ...extra]);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as CutoverResult;
    return { result, g: result.groups.find((x) => x.group === id) as GroupVerdict, out: r.out };
  }

  beforeAll(async () => {
    source = kafkaClient(env.kafkaZk);
    target = kafkaClient(env.kafkaKraft);
    fs.writeFileSync(renameMap, JSON.stringify({ topics: { [legacy]: legacyTarget }, groups: { [group]: groupTarget } }));
    const topics = (names: [string, string, string]) => [
      { topic: names[0], numPartitions: 3, replicationFactor: 1 },
      { topic: names[1], numPartitions: 2, replicationFactor: 1 },
      { topic: names[2], numPartitions: 2, replicationFactor: 1 },
      { topic: moved, numPartitions: 2, replicationFactor: 1 },
    ];
    // compacted: segments roll at the next record after 100 ms, so the cleaner can compact all but the last record
    const compactTopic = {
      topic: compacted,
      numPartitions: 1,
      replicationFactor: 1,
      configEntries: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'segment.ms', value: '100' },
        { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        { name: 'delete.retention.ms', value: '100' },
      ],
    };
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics: topics([orders, events, legacy]) }));
    await withAdmin(target, (a) => a.createTopics({ waitForLeaders: true, topics: topics([orders, events, legacyTarget]) }));
    await produce(source, [
      { topic: orders, messages: orderMsgs },
      { topic: events, messages: eventMsgs },
      { topic: legacy, messages: legacyMsgs },
      {
        topic: moved,
        messages: [
          { key: 'a', value: '1', partition: 0 },
          { key: 'b', value: '2', partition: 1 },
        ],
      },
    ]);
    await produce(target, [
      { topic: orders, messages: orderMsgs },
      { topic: events, messages: eventMsgs },
      { topic: legacyTarget, messages: legacyMsgs },
      // same messages, each key in the other partition
      {
        topic: moved,
        messages: [
          { key: 'a', value: '1', partition: 1 },
          { key: 'b', value: '2', partition: 0 },
        ],
      },
    ]);
    // the source group has consumed nothing yet: committed at 0 (test setup writes to the source, the tool never does)
    await withAdmin(source, async (a) => {
      await a.setOffsets({ groupId: group, topic: orders, partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })) });
      await a.setOffsets({ groupId: group, topic: legacy, partitions: [0, 1].map((partition) => ({ partition, offset: '0' })) });
    });
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta.json']);
    expect(exp.code).toBe(0);
    metadata = path.join(dir, 'meta.json');

    // the target-offset and compaction tests plan two more groups and a compacted topic (a second export, so
    // verify's tests above see the estate they expect)
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics: [compactTopic] }));
    await withAdmin(target, (a) => a.createTopics({ waitForLeaders: true, topics: [compactTopic] }));
    await withAdmin(source, async (a) => {
      await a.setOffsets({ groupId: shifted, topic: orders, partitions: [0, 1, 2].map((partition) => ({ partition, offset: '10' })) });
      await a.setOffsets({ groupId: stuck, topic: orders, partitions: ['21', '5', '0'].map((offset, partition) => ({ partition, offset })) });
      await a.setOffsets({ groupId: stuck, topic: moved, partitions: [{ partition: 0, offset: '1' }] });
    });
    // 4 rounds of 5 keys, then one more record that rolls the segment; the target holds
    // the latest record of each key, as a copy made after compaction would
    const rounds = Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}`, partition: 0, timestamp: String(t0 + i) }));
    await produce(source, [{ topic: compacted, messages: rounds }]);
    await new Promise((r) => setTimeout(r, 300));
    // a segment rolls on record timestamps: this one is a minute after the first
    const roll = { key: 'k0', value: 'v20', partition: 0, timestamp: String(Date.now()) };
    await produce(source, [{ topic: compacted, messages: [roll] }]);
    await produce(target, [{ topic: compacted, messages: [...rounds.slice(16), roll] }]);
    const exp2 = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta-more.json']);
    expect(exp2.code).toBe(0);
    metadataMore = path.join(dir, 'meta-more.json');
  });

  afterAll(async () => {
    release();
    await consumer?.disconnect().catch(() => undefined);
  });

  test('cutover: draining with lag and members, consumers-still-running when caught up, target-behind, then ready-to-switch', async () => {
    // a consumer that reads one message and then waits: the group has a member and lag
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let seen = 0;
    consumer = source.consumer({ groupId: group, sessionTimeout: 30_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [orders, legacy] });
    await consumer.run({
      eachMessage: async () => {
        seen++;
        await gate;
      },
    });
    await waitFor('the consumer to hold its first message', async () => seen > 0, 60_000);
    // one message the copy does not have yet
    await produce(source, [{ topic: moved, messages: [{ key: 'c', value: '3', partition: 0 }] }]);

    const d = await cutover(['--stable-seconds', '2']);
    expect(d.g.verdict).toBe('draining');
    expect(d.g.targetGroup).toBe(groupTarget);
    expect(d.g.members).toBe(1);
    expect(d.g.mode).toBe('subscribe');
    expect(d.g.lag).toBeGreaterThanOrEqual(ORDERS + LEGACY - 1);
    expect(d.result.samples).toBe(3);
    const legacyProgress = d.result.topics.find((t) => t.topic === legacy);
    expect(legacyProgress).toMatchObject({ targetTopic: legacyTarget, lagMessages: 0, catchUp: 'caught up' });
    expect(d.result.topics.find((t) => t.topic === orders)).toMatchObject({ lagMessages: 0, catchUp: 'caught up' });
    const movedProgress = d.result.topics.find((t) => t.topic === moved);
    expect(movedProgress).toMatchObject({ lagMessages: 1, sourceEnd: '3', targetEnd: '2', copyRate: 0 });
    expect(movedProgress?.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(movedProgress?.lagSeconds).toBeLessThan(600);
    expect(movedProgress?.catchUp).toMatch(/^not copying/);

    release();
    await waitFor(
      'the consumer to commit everything',
      async () => {
        const offs = await withAdmin(source, (a) => a.fetchOffsets({ groupId: group, topics: [orders, legacy] }));
        const total = offs.flatMap((t) => t.partitions).reduce((n, x) => n + Math.max(0, Number(x.offset)), 0);
        return total === ORDERS + LEGACY;
      },
      60_000,
    );
    const running = await cutover(['--stable-seconds', '0']);
    expect(running.g.verdict).toBe('consumers-still-running');
    expect(running.g.clientHosts.length).toBe(1);
    expect(running.g.nextStep).toMatch(/subscribe\(\): start them on the target first/);

    await consumer.disconnect();
    consumer = undefined;
    await waitFor(
      'the group to have no members',
      async () => {
        const g = await withAdmin(source, (a) => a.describeGroups([group]));
        return g.groups[0].members.length === 0;
      },
      60_000,
    );

    const before = await bothClusters();
    const behind = await cutover(['--stable-seconds', '1']);
    expect(behind.g.verdict).toBe('target-behind');
    expect(behind.g.targetIssues.length).toBe(5);
    expect(behind.g.reason).toMatch(/5 partition\(s\) without a translated offset on the target group/);
    // the group is renamed, so MirrorMaker 2 would never sync its offsets: cutover says what to commit instead,
    // each offset checked against the message before it on both sides (the copies here hold the same messages)
    const committed = await withAdmin(source, (a) => a.fetchOffsets({ groupId: group, topics: [orders, legacy] }));
    const expected = committed.flatMap((t) => t.partitions.map((x) => `${t.topic === legacy ? legacyTarget : t.topic},${x.partition},${x.offset}`)).sort();
    expect((behind.g.commitOffsets ?? []).map((o) => `${o.topic},${o.partition},${o.offset}`).sort()).toEqual(expected);
    expect(behind.g.nextStep).toContain(`--group ${groupTarget} --reset-offsets --from-file ${groupTarget}.csv --execute`);
    expect(behind.g.nextStep).not.toMatch(/Not placed/);

    // test setup commits them on the target, as the user would with kafka-consumer-groups
    await withAdmin(target, async (a) => {
      for (const t of committed) {
        await a.setOffsets({
          groupId: groupTarget,
          topic: t.topic === legacy ? legacyTarget : t.topic,
          partitions: t.partitions.map((x) => ({ partition: x.partition, offset: x.offset })),
        });
      }
    });
    const ready = await cutover(['--stable-seconds', '1']);
    expect(ready.g.verdict).toBe('ready-to-switch');
    expect(ready.g.lag).toBe(0);
    expect(ready.g.nextStep).toContain(`group ${groupTarget}`);

    const text = await runCli(['cutover', ...planFlags(), ...clusters, '--group', group, '--stable-seconds', '0']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(new RegExp(`^ready-to-switch +${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -> ${groupTarget} \\[subscribe\\]`, 'm'));
    expect(text.out).toMatch(/catch-up/);

    // nothing the commands did changed either cluster (the one change is the test's own commit on the target)
    const after = await bothClusters();
    expect(after[0]).toEqual(before[0]);
    expect(Object.keys(after[1]).sort()).toEqual([...Object.keys(before[1]), groupTarget].sort());
  });

  test('cutover: a target group ahead of and behind the source group is target-behind at --max-lag 0, at the lag the advice names and above; the offsets it gives make it ready', async () => {
    // orders holds 21, 21 and 18 records per partition on both sides; the source group committed 10 on each
    await withAdmin(target, (a) =>
      a.setOffsets({ groupId: shifted, topic: orders, partitions: ['13', '7', '10'].map((offset, partition) => ({ partition, offset })) }),
    );
    const zero = await cutover(['--stable-seconds', '0'], shifted, metadataMore);
    expect(zero.g.verdict).toBe('draining');
    expect(zero.g.maxPartitionLag).toBe(11);
    expect(zero.g.nextStep).toContain('--max-lag 11');
    for (const maxLag of ['11', '100']) {
      const { g } = await cutover(['--stable-seconds', '0', '--max-lag', maxLag], shifted, metadataMore);
      expect(g.verdict).toBe('target-behind');
      expect(g.targetIssues).toEqual([
        { topic: orders, partition: 0, kind: 'ahead', source: '10', target: '13', behind: -3 },
        { topic: orders, partition: 1, kind: 'behind', source: '10', target: '7', behind: 3 },
      ]);
      // MirrorMaker 2 never moves an offset back: the way out is given at once, each offset checked on both sides
      expect(g.commitOffsets).toEqual([
        { topic: orders, partition: 0, offset: '10' },
        { topic: orders, partition: 1, offset: '10' },
      ]);
      expect(g.unplaced).toEqual([]);
    }
    await withAdmin(target, (a) => a.setOffsets({ groupId: shifted, topic: orders, partitions: [0, 1].map((partition) => ({ partition, offset: '10' })) }));
    const ready = await cutover(['--stable-seconds', '0', '--max-lag', '11'], shifted, metadataMore);
    expect(ready.g.verdict).toBe('ready-to-switch');
    expect(ready.g.reason).toMatch(/the 30 record\(s\) the source group has not read come next on the target$/);
  });

  test('cutover: offsets MirrorMaker 2 does not translate get offsets to commit after 3 checkpoint intervals, and the cost where none is safe', async () => {
    const waiting = await readOnlyRun([
      'cutover',
      ...planFlags([], metadataMore),
      ...clusters,
      '--group',
      stuck,
      '--json',
      '--max-lag',
      '100',
      '--stable-seconds',
      '0',
    ]);
    const w = (JSON.parse(waiting.out) as CutoverResult).groups[0];
    expect(w.verdict).toBe('target-behind');
    expect(w.commitOffsets).toBeUndefined();
    expect(w.nextStep).toMatch(/within 3 checkpoint intervals \(90 s at 30 s\), cutover gives the offsets to commit: re-run it with --stable-seconds 90/);

    const out = await readOnlyRun([
      'cutover',
      ...planFlags([], metadataMore),
      ...clusters,
      '--group',
      stuck,
      '--json',
      '--max-lag',
      '100',
      '--stable-seconds',
      '3',
      '--checkpoint-interval',
      '1',
    ]);
    expect(out.code).toBe(0);
    const g = (JSON.parse(out.out) as CutoverResult).groups[0];
    expect(g.verdict).toBe('target-behind');
    expect(g.nextStep).toMatch(/^MirrorMaker 2 did not translate these offsets during 3 s \(3 checkpoint intervals of 1 s\)/);
    expect(g.nextStep).toContain(`--group ${stuck} --reset-offsets --from-file ${stuck}.csv --execute`);
    expect(g.commitOffsets).toEqual(['21', '5', '0'].map((offset, partition) => ({ topic: orders, partition, offset })));
    // moved[0]: the record before offset 1 is key a on the source and key b on the target: no offset is safe
    const [u] = g.unplaced ?? [];
    expect(u).toMatchObject({ topic: moved, partition: 0, reason: expect.stringMatching(/is not at the same place on the target/) });
    expect(u.choices.map((c) => c.name)).toEqual(['earliest', 'latest']);
    const [earliest, latest] = u.choices;
    expect(earliest).toMatchObject({ offset: '0', skipped: 0 });
    expect(latest).toMatchObject({ offset: '1', reread: 0 });
    expect(earliest.reread + latest.skipped).toBe(1); // the one record on the target is either read again or skipped
    expect(g.nextStep).toContain(`No offset is shown safe for ${moved}[0]`);
  });

  test('cutover: a compacted topic after compaction shows no lag that never closes, but "compacted: compare with verify"', async () => {
    const reader = await ClusterReader.open({ role: 'source', brokers: [env.kafkaZk] });
    try {
      await waitFor(
        'the source to compact the topic',
        async () => {
          let n = 0;
          await reader.readRanges([{ topic: compacted, partition: 0, from: 0n, to: 21n }], (_, msgs) => {
            n += msgs.length;
          });
          return n < 21;
        },
        90_000,
      );
    } finally {
      await reader.close();
    }
    const { result, out } = await cutover(['--stable-seconds', '1'], group, metadataMore);
    const t = result.topics.find((x) => x.topic === compacted);
    expect(t).toMatchObject({ compacted: true, catchUp: 'compacted: compare with verify', sourceEnd: '21', targetEnd: '5' });
    expect(t?.lagMessages).toBeUndefined();
    expect(t?.lagSeconds).toBeUndefined();
    expect(out).not.toMatch(/"lagMessages": 16/);
  });

  test('verify passes on identical copies (renamed topic included), all messages and a sample, and changes neither cluster', async () => {
    const r = await readOnlyRun(['verify', ...planFlags([moved]), ...clusters, '--json']);
    expect(r.err).toBe('');
    const v = JSON.parse(r.out) as VerifyResult;
    expect(v.differences).toEqual([]);
    expect(r.code).toBe(0);
    expect(v.ok).toBe(true);
    expect(v.topics).toBe(3);
    expect(v.partitions).toBe(7);
    expect(v.messagesCompared).toBe(ORDERS + EVENTS + LEGACY);
    expect(v.keysCompared).toBe(17 + LEGACY);
    expect(v.partitionResults.find((x) => x.topic === legacyTarget && x.partition === 1)).toMatchObject({ sourceCount: 5, targetCount: 5, match: true });

    // a sample without differences is not OK: exit 3, saying what it did not read
    const s = await runCli(['verify', ...planFlags([moved]), ...clusters, '--sample', '3', '--json']);
    expect(s.code).toBe(3);
    const sv = JSON.parse(s.out) as VerifyResult;
    expect(sv.mode).toBe('sample');
    expect(sv.differences).toEqual([]);
    expect(sv.complete).toBe(false);
    expect(sv.notRead).toEqual([
      expect.stringMatching(/^a sample of the last 3 records per partition: \d+ earlier record offsets on the source and \d+ on the target were not read$/),
    ]);
    expect(sv.messagesCompared).toBe(7 * 3);

    const text = await runCli(['verify', ...planFlags([moved]), ...clusters]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^verify: OK: 3 topics, 7 partitions, 1 groups; 90 messages compared/);
  });

  test('verify fails on keys in other partitions, and names the partition when one message is missing on the target', async () => {
    const r = await readOnlyRun(['verify', ...planFlags(), ...clusters, '--json']);
    expect(r.code).toBe(1);
    const m = JSON.parse(r.out) as VerifyResult;
    // moved: keys a and b swapped partitions on the target; c (source partition 0) was never copied
    expect(m.differences.map((d) => [d.kind, d.object, d.partition, d.source, d.target])).toEqual(
      [
        ['count', moved, 0, '2', '1'],
        ['checksum', moved, 0, expect.any(String), expect.any(String)],
        ['checksum', moved, 1, expect.any(String), expect.any(String)],
        ['key-partition', moved, undefined, 'same partition per key', '2 key(s) in another partition'],
      ].sort((a, b) => ((a[2] ?? -1) as number) - ((b[2] ?? -1) as number)),
    );

    // remove the first message of orders[1] on the target
    await withAdmin(target, async (a) => {
      await a.fetchTopicMetadata({ topics: [orders] });
      await a.deleteTopicRecords({ topic: orders, partitions: [{ partition: 1, offset: '1' }] });
    });
    const j = await readOnlyRun(['verify', ...planFlags([moved]), ...clusters, '--json']);
    expect(j.code).toBe(1);
    const v = JSON.parse(j.out) as VerifyResult;
    const perPartition1 = orderMsgs.filter((m) => m.partition === 1).length;
    expect(v.differences).toEqual([
      {
        kind: 'count',
        object: orders,
        partition: 1,
        source: String(perPartition1),
        target: String(perPartition1 - 1),
        detail: '1 message(s) missing on the target',
      },
    ]);
    const t = await runCli(['verify', ...planFlags([moved]), ...clusters]);
    expect(t.code).toBe(1);
    expect(t.out).toContain(`count  ${orders}  1          ${perPartition1}`);
  });

  test('verify reports a planned group and topic missing on the target', async () => {
    const extraTopic = `${p}.late`;
    await withAdmin(source, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: extraTopic, numPartitions: 2, replicationFactor: 1 }] }));
    await withAdmin(source, (a) => a.setOffsets({ groupId: `${p}-late`, topic: extraTopic, partitions: [{ partition: 0, offset: '0' }] }));
    const exp = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'meta-late.json']);
    expect(exp.code).toBe(0);
    const late = synthPlanFile(path.join(dir, 'synth-late'), {
      metadata: path.join(dir, 'meta-late.json'),
      instanceId: 'alikafka_post-cn-it',
      include: [extraTopic],
    });
    const r = await runCli(['verify', '--plan', late, ...clusters, '--json']);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as VerifyResult;
    expect(v.differences.map((d) => [d.kind, d.object])).toEqual(
      [
        ['group-missing', `${p}-late`],
        ['topic-missing', extraTopic],
      ].sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    );
  });

  test('usage errors: an unplanned --group, a bad --max-lag, a missing target', async () => {
    const g = await runCli(['cutover', ...planFlags(), ...clusters, '--group', 'nope']);
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/--group nope is not a planned group/);
    const m = await runCli(['cutover', ...planFlags(), ...clusters, '--max-lag', 'x']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/--max-lag must be a whole number/);
    const t = await runCli(['verify', ...planFlags(), '--source-bootstrap', env.kafkaZk]);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/--target-bootstrap/);
    const down = await runCli(['verify', ...planFlags(), '--source-bootstrap', env.kafkaZk, '--target-bootstrap', '127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/target 127\.0\.0\.1:1: no bootstrap server reachable/);
  });
});
