import type { ClusterMetadata } from '../../lib/model';
import {
  decideGroupOffsets,
  decideTopicCopy,
  MigrationPlan,
  PlanError,
  planMigration,
  PlanOptions,
  copiedTopics,
  isCopyFree,
  notCopiedTopics,
} from '../../lib/plan';
import { synthesizeFiles } from '../../lib/stack';
import { buildReport, renderMarkdownReport } from '../../lib/report/report';

function meta(topics: ClusterMetadata['topics'], groups: ClusterMetadata['consumerGroups'] = []): ClusterMetadata {
  return { formatVersion: 1, source: { kind: 'manual', clusterId: 'unit' }, topics, consumerGroups: groups };
}

const PRO: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-t', specType: 'professional' };
const STD: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-t', specType: 'normal' };

const META = meta(
  [
    { name: 'orders', partitions: 6 },
    { name: 'jobs-internal', partitions: 2 },
    { name: 'old.name', partitions: 2 },
  ],
  [
    { groupId: 'billing', topics: ['orders'], offsets: [{ topic: 'orders', partition: 0, offset: 5 }] },
    { groupId: 'old.group', topics: ['orders'], offsets: [{ topic: 'orders', partition: 0, offset: 3 }] },
    { groupId: 'jobs', topics: ['jobs-internal'], offsets: [{ topic: 'jobs-internal', partition: 0, offset: 1 }] },
  ],
);

function plan(extra: Partial<PlanOptions> = {}, m: ClusterMetadata = META): MigrationPlan {
  return planMigration(m, { target: PRO, renameMap: { topics: { 'old.name': 'new-name' }, groups: { 'old.group': 'new-group' } }, ...extra });
}

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e.problems.map((p) => `${p.subject}: ${p.message}`);
    throw e;
  }
  throw new Error('planned without a problem');
}

describe('how each topic is copied', () => {
  test.each([
    ['orders', 'orders', 'identity'],
    ['old.name', 'new-name', 'renamed-by-policy'],
    ['device-heartbeats', 'device-heartbeats', 'name-kept-by-policy'],
    ['jobs-internal', 'jobs-internal', 'not-copied'],
    ['jobs.internal', 'jobs.internal', 'not-copied'],
    ['__private', '__private', 'not-copied'],
    ['.hidden', '.hidden', 'not-copied'],
    ['ok-name', 'renamed-internal', 'not-copied'],
    ['x-internal', 'x-kept', 'not-copied'],
  ])('%s -> %s: %s', (source, target, copy) => {
    const d = decideTopicCopy(source, target);
    expect(d.copy).toBe(copy);
    expect(d.reason.length).toBeGreaterThan(20);
  });

  test('a not-copied topic says why and what to do', () => {
    expect(decideTopicCopy('jobs-internal', 'jobs-internal').reason).toMatch(/never copies them \(the source name jobs-internal\); .* rename map/);
    expect(decideTopicCopy('ok-name', 'renamed-internal').reason).toMatch(/the target name renamed-internal/);
  });
});

describe("how each group's offsets move", () => {
  const copied = new Set(['orders', 'new-name']);
  test.each([
    ['billing', 'billing', ['orders'], 'synced', /translated offsets are committed on the target/],
    ['billing', 'billing', ['orders', 'jobs-internal'], 'synced', /translated offsets/],
    ['unknown', 'unknown', [], 'synced', /no topic it reads is known/],
    ['old.group', 'new-group', ['orders'], 'committed-after-stop', /`cutover` gives the offsets to commit under the new id/],
    ['jobs', 'jobs', ['jobs-internal'], 'not-moved', /reads only topics MirrorMaker does not copy \(jobs-internal\)/],
    ['a,b', 'a,b', ['orders'], 'not-moved', /comma/],
  ])('%s -> %s reading %j: %s', (sourceId, name, topics, offsets, why) => {
    const d = decideGroupOffsets({ sourceId, name, topics }, copied);
    expect(d.offsets).toBe(offsets);
    expect(d.reason).toMatch(why);
  });
});

describe('the transfer section of the plan', () => {
  const p = plan();

  test('is decided for every planned topic and group, with or without MirrorMaker', () => {
    expect(p.transfer?.topics.map((t) => [t.sourceName, t.name, t.copy])).toEqual([
      ['jobs-internal', 'jobs-internal', 'not-copied'],
      ['old.name', 'new-name', 'renamed-by-policy'],
      ['orders', 'orders', 'identity'],
    ]);
    expect(p.transfer?.groups.map((g) => [g.sourceId, g.offsets])).toEqual([
      ['billing', 'synced'],
      ['jobs', 'not-moved'],
      ['old.group', 'committed-after-stop'],
    ]);
    expect(p.transfer?.mirrorMaker).toBeUndefined();
    expect(p.quota.mirrorMaker).toBeUndefined();
  });

  test('copiedTopics and notCopiedTopics split the planned topics by that decision', () => {
    expect(copiedTopics(p).map((t) => t.name)).toEqual(['new-name', 'orders']);
    expect(notCopiedTopics(p).map((t) => t.sourceName)).toEqual(['jobs-internal']);
    // a plan written before the transfer section: every topic counts as copied
    expect(copiedTopics({ topics: p.topics }).length).toBe(3);
  });
});

describe("MirrorMaker's own topics and group", () => {
  const cases: ReadonlyArray<[string, 'dedicated' | 'connect', PlanOptions['target'], string[], string | undefined, string]> = [
    [
      'dedicated on Professional: the six topics compacted on local storage, and the worker group',
      'dedicated',
      PRO,
      [
        'heartbeats/1/local/compact',
        'mm2-configs.src.internal/1/local/compact',
        'mm2-offset-syncs.src.internal/1/local/compact',
        'mm2-offsets.src.internal/5/local/compact',
        'mm2-status.src.internal/5/local/compact',
        'src.checkpoints.internal/1/local/compact',
      ],
      'src-mm2',
      'target',
    ],
    [
      'connect on Professional: the same topics, and the group of the Connect cluster on the target',
      'connect',
      PRO,
      [
        'heartbeats/1/local/compact',
        'mm2-configs.src.internal/1/local/compact',
        'mm2-offset-syncs.src.internal/1/local/compact',
        'mm2-offsets.src.internal/5/local/compact',
        'mm2-status.src.internal/5/local/compact',
        'src.checkpoints.internal/1/local/compact',
      ],
      'src-mm2-connect',
      'target',
    ],
    [
      'connect on Standard: no worker topics on the target (they stay with the Connect cluster), the others on cloud storage',
      'connect',
      STD,
      ['heartbeats/2/cloud/delete', 'mm2-offset-syncs.src.internal/2/cloud/delete', 'src.checkpoints.internal/2/cloud/delete'],
      undefined,
      'connect-cluster',
    ],
  ];
  test.each(cases)('%s', (_title, mode, target, topics, group, location) => {
    const mm = plan({ target, mirror: { mode } }).transfer?.mirrorMaker;
    expect(mm?.topics.map((t) => `${t.name}/${t.partitions}/${t.storage}/${t.compact ? 'compact' : 'delete'}`)).toEqual(topics);
    expect(mm?.groups.map((g) => g.name)).toEqual(group ? [group] : []);
    expect(mm?.workerTopics.location).toBe(location);
    for (const t of mm?.topics ?? []) expect(t.reason.length).toBeGreaterThan(20);
  });

  test('Connect mode on an edition without local storage says where the worker topics live instead, and why', () => {
    const mm = plan({ target: STD, mirror: { mode: 'connect' } }).transfer?.mirrorMaker;
    expect(mm?.workerTopics.reason).toMatch(
      /edition normal has no local storage.*refuses to start without compacted .* stay on the cluster the Connect workers use/,
    );
  });

  test('dedicated mode on an edition without local storage is refused, naming the mirror option and the way out', () => {
    expect(problems(() => plan({ target: STD, mirror: { mode: 'dedicated' } }))).toEqual([
      expect.stringMatching(
        /^mirror: dedicated MirrorMaker keeps its worker's topics on the target: edition normal has no local storage.*mirror mode connect.*edition professional/,
      ),
    ]);
  });

  test('they count against the partition quota: a plan that fits without them fails with them, naming them', () => {
    // alikafka.hw.2xlarge includes 1000 partitions; 990 planned + 14 of MirrorMaker's exceed it
    const target: PlanOptions['target'] = { ...PRO, ioMaxSpec: 'alikafka.hw.2xlarge', partitionNum: 0 } as PlanOptions['target'];
    const big = meta(Array.from({ length: 11 }, (_, i) => ({ name: `t${String(i).padStart(2, '0')}-data`, partitions: 90 })));
    const without = planMigration(big, { target });
    expect(without.quota.partitions).toBe(990);
    const quota = without.quota.partitionQuota ?? 0;
    expect(quota).toBeLessThan(990 + 14);
    expect(problems(() => planMigration(big, { target, mirror: { mode: 'dedicated' } }))).toEqual([
      expect.stringMatching(/^partition quota: 1004 partitions planned \(14 of them MirrorMaker's own topics\) exceed the instance's partition quota/),
    ]);
  });

  test("they are counted in the quota check and in a new instance's partitions", () => {
    const p = planMigration(META, {
      target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], specType: 'professional' },
      mirror: { mode: 'dedicated' },
    });
    const base = planMigration(META, { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], specType: 'professional' } });
    expect(p.quota.mirrorMaker).toEqual({ topics: 6, partitions: 14, groups: 1 });
    expect(p.quota.partitions).toBe(base.quota.partitions + 14);
    expect(p.quota.topics).toBe(base.quota.topics + 6);
    expect(p.quota.groups).toBe(base.quota.groups + 1);
    expect(p.quota.partitionQuota ?? 0).toBeGreaterThanOrEqual(p.quota.partitions);
  });

  test('Terraform creates them: the synthesized stack has a topic resource per MirrorMaker topic and the worker group', () => {
    const p = plan({ mirror: { mode: 'dedicated' } });
    const stack = JSON.parse(synthesizeFiles(p, 'st').find((f) => f.path.endsWith('cdk.tf.json'))?.content ?? '{}') as {
      resource: Record<
        string,
        Record<string, { topic?: string; consumer_id?: string; local_topic?: boolean; compact_topic?: boolean; partition_num?: number }>
      >;
    };
    const topics = Object.values(stack.resource.alicloud_alikafka_topic);
    for (const t of p.transfer?.mirrorMaker?.topics ?? []) {
      expect(topics).toContainEqual(expect.objectContaining({ topic: t.name, partition_num: t.partitions, local_topic: true, compact_topic: true }));
    }
    expect(Object.values(stack.resource.alicloud_alikafka_consumer_group).map((g) => g.consumer_id)).toContain('src-mm2');
    const none = JSON.parse(synthesizeFiles(plan(), 'st').find((f) => f.path.endsWith('cdk.tf.json'))?.content ?? '{}') as typeof stack;
    expect(Object.values(none.resource.alicloud_alikafka_topic).map((t) => t.topic)).not.toContain('heartbeats');
  });

  test('without dots the internal topic names use "-" as separator and pass the name rule', () => {
    const mm = plan({ noDots: true, mirror: { mode: 'dedicated' } }).transfer?.mirrorMaker;
    expect(mm?.separator).toBe('-');
    expect(mm?.topics.map((t) => t.name)).toEqual([
      'heartbeats',
      'mm2-configs-src-internal',
      'mm2-offset-syncs-src-internal',
      'mm2-offsets-src-internal',
      'mm2-status-src-internal',
      'src-checkpoints-internal',
    ]);
  });

  test("a planned topic with the name of one of MirrorMaker's is refused, naming the rename map", () => {
    expect(problems(() => planMigration(meta([{ name: 'heartbeats', partitions: 2 }]), { target: PRO, mirror: { mode: 'dedicated' } }))).toEqual([
      expect.stringMatching(/^topic heartbeats: a planned topic has the name of MirrorMaker's heartbeats topic.*rename map/),
    ]);
  });

  test.each([
    [{ mode: 'sideways' }, /^mirror: must be dedicated or connect/],
    [{ mode: 'dedicated', maxTasks: 0 }, /^mirror.maxTasks: must be a whole number >= 1/],
    [{ mode: 'dedicated', replicationFactor: 1.5 }, /^mirror.replicationFactor: must be a whole number >= 1/],
    [{ mode: 'dedicated', checkpointIntervalSeconds: -1 }, /^mirror.checkpointIntervalSeconds: must be a whole number >= 1/],
    [{ mode: 'dedicated', compression: 'zstd' }, /^mirror.compression: must be one of none, gzip, snappy, lz4/],
  ])('bad settings %j are problems naming the option', (mirror, re) => {
    expect(problems(() => plan({ mirror: mirror as PlanOptions['mirror'] }))).toEqual([expect.stringMatching(re)]);
  });

  test('the settings given are kept, the others take their defaults', () => {
    expect(plan({ mirror: { mode: 'dedicated', maxTasks: 4, compression: 'lz4' } }).transfer?.mirrorMaker).toMatchObject({
      mode: 'dedicated',
      maxTasks: 4,
      compression: 'lz4',
      replicationFactor: 3,
      checkpointIntervalSeconds: 30,
      sourceAlias: 'src',
      targetAlias: 'ali',
      version: '3.9.x',
    });
  });

  test('on an existing instance that already has them (an earlier apply), they are adopted with import blocks', () => {
    const existing = {
      topics: new Map([['mm2-offsets.src.internal', { partitions: 5, compact: true, local: true }]]),
      groups: new Set(['src-mm2']),
      users: new Set<string>(),
    };
    const mm = plan({ mirror: { mode: 'dedicated' }, existing }).transfer?.mirrorMaker;
    expect(mm?.topics.find((t) => t.name === 'mm2-offsets.src.internal')?.adopted?.importId).toBe('alikafka_post-cn-t:mm2-offsets.src.internal');
    expect(mm?.topics.find((t) => t.name === 'heartbeats')?.adopted).toBeUndefined();
    expect(mm?.groups[0].adopted?.importId).toBe('alikafka_post-cn-t:src-mm2');
  });
});

describe('the report shows the transfer', () => {
  test("with MirrorMaker: its topics and group (created by the stack) with their reasons, and the quota says how much is MirrorMaker's", () => {
    const p = plan({ mirror: { mode: 'dedicated' } });
    const md = renderMarkdownReport(buildReport(p, 'st'));
    for (const t of p.transfer?.mirrorMaker?.topics ?? []) expect(md).toContain(`| \`${t.name}\` | topic (${t.role}) | ${t.partitions} | local | yes |`);
    expect(md).toContain('| `src-mm2` | group |');
    expect(md).toMatch(/Of these, MirrorMaker's own \(synth --mirror\): 6 topics, 14 partitions, 1 group\(s\)\./);
    expect(md).toMatch(/\| topic \| `jobs-internal` \| same \| not-copied \| MirrorMaker 2 treats names/);
    expect(md).toMatch(/\| group \| `old\.group` \| `new-group` \| committed-after-stop \|/);
  });
});

describe('the copy-free path (noCopy)', () => {
  test('every planned topic is not copied and every group not moved, with the path recorded; copiedTopics is empty', () => {
    const p = plan({ noCopy: true });
    expect(p.transfer?.path).toBe('copy-free');
    expect(isCopyFree(p)).toBe(true);
    expect(p.transfer?.topics.map((t) => [t.sourceName, t.copy])).toEqual([
      ['jobs-internal', 'not-copied'],
      ['old.name', 'not-copied'],
      ['orders', 'not-copied'],
    ]);
    expect(p.transfer?.topics.every((t) => t.reason.startsWith('not copied: producers switch, old groups drain the source'))).toBe(true);
    expect(p.transfer?.groups.every((g) => g.offsets === 'not-moved' && /start its consumers on the target before the producers switch/.test(g.reason))).toBe(
      true,
    );
    expect(copiedTopics(p)).toEqual([]);
    expect(notCopiedTopics(p)).toHaveLength(3);
    expect(p.transfer?.mirrorMaker).toBeUndefined();
  });

  test('the MirrorMaker path records no path (plans written before it read the same)', () => {
    expect(plan().transfer?.path).toBeUndefined();
    expect(isCopyFree(plan())).toBe(false);
  });

  test('with the mirror option it is refused, naming both', () => {
    expect(problems(() => plan({ noCopy: true, mirror: { mode: 'dedicated' } }))).toEqual([
      'noCopy: the copy-free path copies nothing, so MirrorMaker has nothing to do: plan either the mirror mode (the MirrorMaker path) or no-copy (producers switch, old groups drain the source), not both',
    ]);
  });
});
