import * as fs from 'fs';
import * as path from 'path';
import { ClusterMetadata, validateMetadata } from '../../lib/model';
import { existingObjectsFromMetadata, existingObjectsFromTerraformShow } from '../../lib/model';
import { planMigration, PlanOptions } from '../../lib/plan';
import { synthesizeFiles } from '../../lib/stack';
import { CliRun, runCli, tmpDir } from '../helpers';

const NEW: PlanOptions['target'] = {
  mode: 'new',
  region: 'cn-hangzhou',
  zoneIds: ['cn-hangzhou-k'],
  network: { mode: 'new', vpcCidr: '172.16.0.0/12', vswitchCidrs: ['172.16.0.0/24'] },
};
const EXISTING: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-1', specType: 'professional' };

function meta(topics: Array<[string, number, Record<string, string>?]>, extra: Record<string, unknown> = {}): ClusterMetadata {
  return validateMetadata({
    formatVersion: 1,
    source: { kind: 'manual', kafkaVersion: '3.9.0' },
    topics: topics.map(([name, partitions, configs]) => (configs ? { name, partitions, configs } : { name, partitions })),
    storage: { usedBytes: 100 * 1024 ** 3 },
    ...extra,
  });
}

type Resources = Record<string, Record<string, unknown>>;
function resources(m: ClusterMetadata, options: PlanOptions): Resources & { import?: unknown } {
  const files = synthesizeFiles(planMigration(m, options), 'stack');
  const tf = JSON.parse(files[0].content) as { resource: Resources };
  return tf.resource;
}

function diff(a: Resources, b: Resources): string[] {
  const changed: string[] = [];
  for (const type of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const name of new Set([...Object.keys(a[type] ?? {}), ...Object.keys(b[type] ?? {})])) {
      const before = a[type]?.[name];
      const after = b[type]?.[name];
      if (JSON.stringify(before) !== JSON.stringify(after)) changed.push(`${before === undefined ? '+' : after === undefined ? '-' : '~'}${type}.${name}`);
    }
  }
  return changed.sort();
}

describe('incremental re-planning (--previous-metadata)', () => {
  const v1 = meta(Array.from({ length: 8 }, (_, i): [string, number] => [`topic-${i}`, 120]));

  test('a topic added to the source is the only change, even when it pushes the sizing rule past the old quota headroom', () => {
    // 8 x 120 = 960 partitions: sized as 1200 (25% headroom) = 1000 included + 200 bought.
    const v2 = meta([...v1.topics.map((t): [string, number] => [t.name, t.partitions]), ['topic-new', 120]], { storage: { usedBytes: 100 * 1024 ** 3 } });
    const before = resources(v1, { target: NEW });
    const after = resources(v2, { target: NEW, previous: v1 });
    expect(diff(before, after)).toEqual(['+alicloud_alikafka_topic.topic_topic-new']);
    // without the previous export, the instance would be re-sized: an update, not only an add
    expect(diff(before, resources(v2, { target: NEW }))).toContain('~alicloud_alikafka_instance.instance');
  });

  test('sizing is recomputed when the previous partition quota no longer covers the plan', () => {
    // 125 GiB on Standard (replicas inside the disk): 600 GB advised, and the previous 500 GB still holds it (below 85%)
    const big = meta(
      [...v1.topics.map((t): [string, number] => [t.name, t.partitions]), ...Array.from({ length: 3 }, (_, i): [string, number] => [`more-${i}`, 120])],
      { storage: { usedBytes: 125 * 1024 ** 3 } },
    );
    const p = planMigration(big, { target: NEW, previous: v1 });
    if (p.instance.mode !== 'new') throw new Error('expected a new instance');
    expect(p.instance.partitionNum).toBe(716); // 1320 partitions * 1.3 (the evaluation's headroom) = 1716 - 1000 included
    expect(p.instance.decisions.find((d) => d.field === 'disk_size')?.reason).toMatch(/kept from the previous plan/);
    expect(p.warnings.find((w) => w.code === 'disk-usage')?.message).toMatch(
      /the previous plan's 500 GB holds .* above the 70% AliKafka advises \(600 GB keeps it below\)/,
    );
  });

  test('a topic gone from the source is kept and reported; --allow-destroy lets it go', () => {
    const v2 = meta(v1.topics.slice(1).map((t): [string, number] => [t.name, t.partitions]));
    const kept = planMigration(v2, { target: NEW, previous: v1 });
    expect(kept.topics.map((t) => t.name)).toContain('topic-0');
    expect(kept.removed).toEqual([{ kind: 'topic', name: 'topic-0', action: 'kept' }]);
    expect(diff(resources(v1, { target: NEW }), resources(v2, { target: NEW, previous: v1 }))).toEqual([]);

    const destroyed = planMigration(v2, { target: NEW, previous: v1, allowDestroy: true });
    expect(destroyed.topics.map((t) => t.name)).not.toContain('topic-0');
    expect(destroyed.removed).toEqual([{ kind: 'topic', name: 'topic-0', action: 'destroy' }]);
    expect(diff(resources(v1, { target: NEW }), resources(v2, { target: NEW, previous: v1, allowDestroy: true }))).toEqual([
      '-alicloud_alikafka_topic.topic_topic-0',
    ]);
  });

  test('groups, users and ACLs gone from the source are kept too', () => {
    const extra = {
      consumerGroups: [{ groupId: 'billing', members: 1, topics: ['topic-1'] }],
      users: [{ name: 'alice' }],
      acls: [{ principal: 'User:alice', resourceType: 'Topic', resourceName: 'topic-1', patternType: 'LITERAL', operation: 'Read', permission: 'Allow' }],
    };
    const old = meta([['topic-1', 12]], extra);
    const p = planMigration(meta([['topic-1', 12]]), { target: EXISTING, previous: old });
    expect(p.groups.map((g) => g.name)).toEqual(['billing']);
    expect(p.users.map((u) => u.name)).toEqual(['alice']);
    expect(p.acls).toHaveLength(1);
    expect(p.removed.map((r) => `${r.kind}:${r.action}`)).toEqual(['acl:kept', 'group:kept', 'user:kept']);
  });

  test('fails if --allow-destroy is given without a previous export', () => {
    expect(() => planMigration(v1, { target: NEW, allowDestroy: true })).toThrow(/allowDestroy: only applies with a previous export/);
  });
});

describe('adopt mode (--existing-target)', () => {
  const source = meta(
    [
      ['orders', 12],
      ['profiles', 6, { 'cleanup.policy': 'compact' }],
      ['events', 24],
      ['fresh', 12],
    ],
    {
      consumerGroups: [
        { groupId: 'billing', members: 1, topics: ['orders'] },
        { groupId: 'new-group', members: 1, topics: ['orders'] },
      ],
      users: [{ name: 'alice' }],
    },
  );
  const target = meta(
    [
      ['orders', 24],
      ['profiles', 6],
      ['events', 12],
    ],
    {
      consumerGroups: [{ groupId: 'billing' }],
      users: [{ name: 'alice' }],
    },
  );

  test('existing objects are imported; differences are resolved without shrinking or replacing', () => {
    const p = planMigration(source, { target: EXISTING, existing: existingObjectsFromMetadata(target) });
    const byName = Object.fromEntries(p.topics.map((t) => [t.name, t]));
    expect(byName.orders).toMatchObject({ adopted: expect.objectContaining({ importId: 'alikafka_post-cn-1:orders' }), partitions: 24 });
    expect(byName.events).toMatchObject({ adopted: expect.objectContaining({ importId: 'alikafka_post-cn-1:events' }), partitions: 24 });
    expect(byName.profiles).toMatchObject({ adopted: expect.objectContaining({ ignoreChanges: ['local_topic', 'compact_topic'] }), compact: false });
    expect(byName.fresh.adopted).toBeUndefined();
    expect(p.targetDifferences.map((d) => `${d.name}.${d.field}: ${d.resolution}`)).toEqual([
      expect.stringMatching(/^events\.partitions: terraform will add 12 partition\(s\)/),
      expect.stringMatching(/^orders\.partitions: kept the target's higher count/),
      expect.stringMatching(/^profiles\.compact_topic: kept as on the target \(ignore_changes\): changing it would replace/),
    ]);
    expect(p.groups.map((g) => [g.name, g.adopted?.importId])).toEqual([
      ['billing', 'alikafka_post-cn-1:billing'],
      ['new-group', undefined],
    ]);
    expect(p.users[0].adopted).toEqual({ importId: 'alikafka_post-cn-1:alice', ignoreChanges: ['password'], reason: expect.any(String) });
  });

  test("the synthesized JSON has import blocks with the provider's ID formats, and protects adopted groups and users", () => {
    const files = synthesizeFiles(planMigration(source, { target: EXISTING, existing: existingObjectsFromMetadata(target) }), 'stack');
    const tf = JSON.parse(files[0].content) as { import: Array<{ to: string; id: string }>; resource: Record<string, Record<string, { lifecycle?: unknown }>> };
    expect(tf.import.map((i) => `${i.to} <- ${i.id}`).sort()).toEqual([
      'alicloud_alikafka_consumer_group.group_billing <- alikafka_post-cn-1:billing',
      'alicloud_alikafka_sasl_user.user_alice <- alikafka_post-cn-1:alice',
      'alicloud_alikafka_topic.topic_events <- alikafka_post-cn-1:events',
      'alicloud_alikafka_topic.topic_orders <- alikafka_post-cn-1:orders',
      'alicloud_alikafka_topic.topic_profiles <- alikafka_post-cn-1:profiles',
    ]);
    expect(tf.resource.alicloud_alikafka_topic.topic_orders.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['local_topic', 'compact_topic'] });
    expect(tf.resource.alicloud_alikafka_topic.topic_fresh.lifecycle).toEqual({ prevent_destroy: true });
    expect(tf.resource.alicloud_alikafka_consumer_group.group_billing.lifecycle).toEqual({ ignore_changes: ['remark'] });
    expect(tf.resource.alicloud_alikafka_consumer_group['group_new-group'].lifecycle).toBeUndefined();
    expect(tf.resource.alicloud_alikafka_sasl_user.user_alice.lifecycle).toEqual({ ignore_changes: ['password'] });
    const md = files.find((f) => f.path === 'migration-report.md')?.content ?? '';
    expect(md).toContain('## Already on the target');
    expect(md).toContain('### Differences with the target');
  });

  test('reads the inventory from terraform show -json of a state, in any module', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { mode: 'managed', type: 'alicloud_alikafka_topic', values: { topic: 'orders', partition_num: 36, local_topic: false, compact_topic: false } },
          ],
          child_modules: [
            {
              resources: [
                { mode: 'managed', type: 'alicloud_alikafka_consumer_group', values: { consumer_id: 'billing' } },
                { mode: 'managed', type: 'alicloud_alikafka_sasl_user', values: { username: 'alice', password: 'never-read' } },
                { mode: 'data', type: 'alicloud_alikafka_topic', values: { topic: 'ignored' } },
              ],
            },
          ],
        },
      },
    };
    const inv = existingObjectsFromTerraformShow(state, 'state.json');
    expect([...inv.topics.entries()]).toEqual([['orders', { partitions: 36, local: false, compact: false }]]);
    expect([...inv.groups]).toEqual(['billing']);
    expect([...inv.users]).toEqual(['alice']);
  });

  test('fails if adopting onto a new instance', () => {
    expect(() => planMigration(source, { target: NEW, existing: existingObjectsFromMetadata(target) })).toThrow(
      /existing: adopting objects needs the existing instance/,
    );
  });
});

describe('CLI flags', () => {
  const dir = tmpDir('inc');
  const file = (name: string, value: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
    return p;
  };
  const m = { formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 12 }] };

  const run = (args: string[]): Promise<CliRun> => runCli(['synth', ...args]);

  test('--previous-metadata reports what was kept', async () => {
    const old = file('old.json', { ...m, topics: [...m.topics, { name: 'gone', partitions: 12 }] });
    const r = await run(['--metadata', file('m.json', m), '--previous-metadata', old, '--instance-id', 'i-1', '--out', path.join(dir, 'o1')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 gone from the source since the previous export: kept/);
  });

  test('--existing-target takes terraform show -json', async () => {
    const state = file('state.json', {
      format_version: '1.0',
      values: { root_module: { resources: [{ mode: 'managed', type: 'alicloud_alikafka_topic', values: { topic: 'orders', partition_num: 12 } }] } },
    });
    const r = await run(['--metadata', file('m.json', m), '--existing-target', state, '--instance-id', 'i-1', '--out', path.join(dir, 'o2')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 already on the target: imported, not created/);
  });

  test.each<[string, () => string[], number, RegExp]>([
    ['--allow-destroy alone', () => ['--allow-destroy', '--instance-id', 'i-1'], 2, /--allow-destroy: only applies with a previous export/],
    [
      '--existing-target without --instance-id',
      () => ['--existing-target', file('t.json', m), '--region', 'r', '--zone-id', 'z'],
      2,
      /--existing-target: adopting objects needs the existing instance: give its instance ID/,
    ],
    [
      'an unreadable existing target',
      () => ['--existing-target', path.join(dir, 'missing.json'), '--instance-id', 'i-1'],
      1,
      /--existing-target .*missing\.json: no such file/,
    ],
    [
      'an existing target that is neither',
      () => ['--existing-target', file('bad.json', { hello: 1 }), '--instance-id', 'i-1'],
      1,
      /neither terraform show -json output nor valid metadata/,
    ],
    [
      'an invalid previous export',
      () => ['--previous-metadata', file('badprev.json', '{"formatVersion": 1'), '--instance-id', 'i-1'],
      1,
      /badprev\.json: invalid metadata/,
    ],
  ])('fails if %s', async (_n, args, code, message) => {
    const out = path.join(dir, `fail-${code}-${Math.random()}`);
    const r = await run(['--metadata', file('m.json', m), ...args(), '--out', out]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
