/**
 * `mirror --reverse` (rollback) keeps the source's committed offsets per planned group. With `--offsets-from source`
 * (the default) it reads them from the source cluster when it runs, through the tool's Kafka client (OffsetFetch,
 * read-only: no group joined, nothing committed). Test setup (not the tool) writes to the rig's Kafka 3.9 broker:
 * a topic with messages, two groups' commits. The plan is made from an export taken before the commits moved,
 * so offsets equal to the commits made after the export can only have come from the cluster.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Admin } from '@platformatic/kafka';
import { kafkaModule } from '../../lib/sources/client';
import { NEW_INSTANCE } from '../helpers';
import { describeWithRig, runCli, tmpDir, unique } from './rig';

jest.setTimeout(300_000);

interface RollbackFile {
  readonly origin: string;
  readonly readAt: string;
  readonly groups: ReadonlyArray<{ group: string; offsets: ReadonlyArray<{ topic: string; partition: number; offset: number }> }>;
}

describeWithRig('mirror --reverse reads the committed offsets from the source cluster', (env) => {
  const dir = tmpDir('mirror-offsets');
  const topic = unique('rollback-orders');
  const other = unique('rollback-other');
  const group = unique('rollback-billing');
  const partial = unique('rollback-audit');
  let admin: Admin;
  let plan: string;

  const commit = (groupId: string, name: string, offsets: readonly number[]): Promise<void> =>
    admin.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name, partitionOffsets: offsets.map((offset, partition) => ({ partition, offset: BigInt(offset) })) }],
    });
  const committed = async (groupId: string): Promise<string[]> =>
    (await admin.listConsumerGroupOffsets({ groups: [groupId] }))
      .flatMap((g) => g.topics)
      .flatMap((t) => t.partitions.map((p) => `${t.name}/${p.partitionIndex}=${p.committedOffset}`))
      .sort();

  beforeAll(async () => {
    // the ESM package, loaded as the tool loads it (require of an ES module, Node >= 22.12)
    const { Admin, Producer } = kafkaModule();
    admin = new Admin({ clientId: 'test-setup', bootstrapBrokers: [env.kafkaZk] });
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    await admin.createTopics({ topics: [other], partitions: 1, replicas: 1 });
    const producer = new Producer({ clientId: 'test-setup', bootstrapBrokers: [env.kafkaZk] });
    try {
      const messages = [0, 1, 2].flatMap((partition) => Array.from({ length: 20 }, (_, i) => ({ topic, partition, value: Buffer.from(`m${i}`) })));
      await producer.send({ messages: [...messages, { topic: other, partition: 0, value: Buffer.from('x') }] });
    } finally {
      await producer.close();
    }
    await commit(group, topic, [1, 1, 1]);
    await commit(partial, topic, [4]);
    await commit(partial, other, [1]);

    const exported = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'source.json']);
    expect([exported.code, exported.err]).toEqual([0, expect.any(String)]);
    const out = path.join(dir, 'synth');
    const synth = await runCli([
      'synth',
      '--metadata',
      path.join(dir, 'source.json'),
      ...NEW_INSTANCE,
      '--include',
      topic,
      '--mirror',
      'dedicated',
      '--out',
      out,
    ]);
    expect([synth.code, synth.err]).toEqual([0, expect.any(String)]);
    plan = path.join(out, 'stacks', 'alikafka-migration', 'migration-plan.json');

    // the consumers move on after the export
    await commit(group, topic, [17, 20, 9]);
  });

  afterAll(async () => {
    await admin?.close();
  });

  test("rollback-offsets.json holds each planned group's offsets committed now on the planned topics, and the source is unchanged", async () => {
    const before = [await committed(group), await committed(partial)];
    const out = path.join(dir, 'reverse');
    const r = await runCli(['mirror', '--plan', plan, '--reverse', '--source-bootstrap', env.kafkaZk, '--target-bootstrap', env.kafkaKraft, '--out', out]);
    expect([r.code, r.err]).toEqual([0, expect.any(String)]);
    const rb = JSON.parse(fs.readFileSync(path.join(out, 'rollback-offsets.json'), 'utf8')) as RollbackFile;
    expect(rb.origin).toBe('source-cluster');
    const mine = rb.groups.filter((g) => g.group === group || g.group === partial).sort((a, b) => (a.group < b.group ? -1 : 1));
    expect(mine).toEqual(
      [
        {
          group,
          offsets: [
            { topic, partition: 0, offset: 17 },
            { topic, partition: 1, offset: 20 },
            { topic, partition: 2, offset: 9 },
          ],
        },
        // the commit on the topic outside the plan is left out
        { group: partial, offsets: [{ topic, partition: 0, offset: 4 }] },
      ].sort((a, b) => (a.group < b.group ? -1 : 1)),
    );
    expect([await committed(group), await committed(partial)]).toEqual(before);
  });

  test('an unreachable source: exit 1 naming the source and --offsets-from FILE, nothing written', async () => {
    const out = path.join(dir, 'unreachable');
    const r = await runCli(['mirror', '--plan', plan, '--reverse', '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', env.kafkaKraft, '--out', out]);
    expect([r.code, r.err]).toEqual([
      1,
      expect.stringMatching(/reading the committed offsets of the planned groups from the source 127\.0\.0\.1:1 failed: .*--offsets-from FILE/),
    ]);
    expect(fs.existsSync(out)).toBe(false);
  });
});
