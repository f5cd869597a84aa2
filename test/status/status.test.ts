import { decideDrain, decideProducers } from '../../lib/cutover/flow';
import { decideCutover } from '../../lib/cutover/verdict';
import { planMigration } from '../../lib/plan';
import type { ClusterMetadata } from '../../lib/model';
import { migrationStatus, renderStatus } from '../../lib/status';
import { runCli, synthPlanFile, tmpDir } from '../helpers';
import * as path from 'path';

const META: ClusterMetadata = {
  formatVersion: 1,
  source: { kind: 'manual', clusterId: 'unit' },
  topics: [
    { name: 'orders', partitions: 1 },
    { name: 'events', partitions: 1 },
  ],
  consumerGroups: [{ groupId: 'app', topics: ['orders'], offsets: [{ topic: 'orders', partition: 0, offset: 5 }] }],
};
const target = { mode: 'existing' as const, instanceId: 'alikafka_post-cn-t', specType: 'professional' as const };
const offs = (m: Record<string, [number, number]>) =>
  new Map(Object.entries(m).map(([t, [s, e]]) => [t, new Map([[0, { start: BigInt(s), end: BigInt(e) }]])]));
const window = [
  { at: 0, sourceOffsets: offs({ orders: [0, 10], events: [0, 4] }), targetOffsets: offs({ orders: [0, 10] }) },
  { at: 5000, sourceOffsets: offs({ orders: [0, 10], events: [0, 6] }), targetOffsets: offs({ orders: [0, 15] }) },
];

describe('migrationStatus: the migration at a glance', () => {
  test('copy-free: topics on the target, producers switched, groups by drain state, nothing copied', () => {
    const plan = planMigration(META, { target, noCopy: true });
    const producers = decideProducers(
      plan.topics.map((t) => ({ sourceName: t.sourceName, targetName: t.name, copied: false })),
      window,
      5,
    );
    const drain = decideDrain(
      [{ sourceId: 'app', targetName: 'app' }],
      ['orders', 'events'],
      window.map((w) => ({ ...w, sourceGroups: new Map(), sourceCommitted: new Map() })),
      5,
    );
    const s = migrationStatus(plan, producers, undefined, drain);
    expect(s).toMatchObject({
      path: 'copy-free',
      topics: { planned: 2, onTarget: 1, missing: ['events'] },
      producersSwitched: 1,
      groups: { drained: 1, draining: 0 },
    });
    expect(renderStatus(s)).toBe(
      [
        'topics: 2 planned, 1 on the target (missing: events)',
        'producers: 1 of 2 topic(s) switched (target-only), 1 source-only, 0 split-order, 0 idle',
        'groups (drain on the source): 0 draining, 1 drained',
        'data: nothing copied (the copy-free path)',
        '',
      ].join('\n'),
    );
  });

  test('MirrorMaker path: groups by cutover verdict and the data table per copied topic', () => {
    const plan = planMigration(META, { target });
    const producers = decideProducers(
      plan.topics.map((t) => ({ sourceName: t.sourceName, targetName: t.name, copied: true })),
      window,
      5,
    );
    const cutover = decideCutover({
      topics: [{ sourceName: 'orders', targetName: 'orders' }],
      groups: [{ sourceId: 'app', targetName: 'app' }],
      samples: window.map((w) => ({ ...w, sourceGroups: new Map(), sourceCommitted: new Map() })),
      targetCommitted: new Map(),
      targetGroups: new Map(),
      anchors: new Map(),
      oldestUncopied: new Map(),
      maxLag: 0,
      stableSeconds: 5,
    });
    const s = migrationStatus(plan, producers, cutover);
    expect(s.groups).toEqual({ 'ready-to-switch': 1, draining: 0, 'consumers-still-running': 0, 'target-behind': 0, switched: 0 });
    const text = renderStatus(s);
    expect(text).toMatch(/^groups \(cutover verdicts\): 1 ready-to-switch, 0 draining/m);
    expect(text).toMatch(/^ {2}orders +10 +15 +0 +0 +caught up$/m);
  });
});

describe('status: usage', () => {
  test.each([
    [['--stable-seconds', '0'], /--stable-seconds must be 1-3600/],
    [['--watch', '0'], /--watch must be 1-86400/],
    [['--watch', '5', '--json'], /--watch refreshes a table for people; --json prints one result/],
    [['--include', 'x'], /--include is a plan flag/],
  ])('%j exits 2', async (extra, message) => {
    const plan = synthPlanFile(path.join(tmpDir('status'), 'out'));
    const r = await runCli(['status', '--plan', plan, '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:1', '--timeout', '1', ...extra]);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
  });

  test('a cluster that cannot be read exits 1, naming it', async () => {
    const plan = synthPlanFile(path.join(tmpDir('status'), 'out'));
    const r = await runCli([
      'status',
      '--plan',
      plan,
      '--source-bootstrap',
      '127.0.0.1:1',
      '--target-bootstrap',
      '127.0.0.1:1',
      '--timeout',
      '1',
      '--stable-seconds',
      '1',
    ]);
    expect(r.err).toMatch(/Kafka (source|target) 127\.0\.0\.1:1: no bootstrap server reachable/);
    expect(r.code).toBe(1);
  });
});
