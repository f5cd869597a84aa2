import { ClusterMetadata, TopicMetadata, validateMetadata } from '../../lib/model';
import { isValidName, TOPIC_NAME, withoutDots } from '../../lib/alikafka';
import { MigrationPlan, planMigration, PlanError, PlanOptions, remarkFor, sanitizeName, terraformName } from '../../lib/plan';

const NEW: PlanOptions['target'] = {
  mode: 'new',
  region: 'cn-hangzhou',
  zoneIds: ['cn-hangzhou-k'],
  network: { mode: 'new', vpcCidr: '172.16.0.0/12', vswitchCidrs: ['172.16.0.0/24'] },
};
const EXISTING: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-abc', specType: 'professional' };

function meta(partial: Partial<ClusterMetadata> = {}): ClusterMetadata {
  return validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [], ...partial });
}

function plan(partial: Partial<ClusterMetadata>, options: Partial<PlanOptions> = {}): MigrationPlan {
  return planMigration(meta(partial), { target: EXISTING, ...options });
}

function planError(partial: Partial<ClusterMetadata>, options: Partial<PlanOptions> = {}): string {
  try {
    plan(partial, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return (e as PlanError).message;
  }
  throw new Error('expected a plan error');
}

function topic(name: string, partitions = 12, configs?: Record<string, string>): TopicMetadata {
  return configs ? { name, partitions, configs } : { name, partitions };
}

describe('topic selection', () => {
  test.each<[string, string[] | undefined, boolean, RegExp | undefined]>([
    ['__consumer_offsets', undefined, false, /internal topic/],
    ['__transaction_state', ['*'], false, /internal topic/],
    ['_schemas', undefined, false, /internal topic/],
    ['_schemas', ['_schemas'], true, undefined],
    ['connect-offsets', undefined, false, /internal topic/],
    ['connect-offsets', ['connect-*'], true, undefined],
    ['heartbeats', undefined, true, undefined],
    ['dc1.checkpoints.internal', undefined, false, /internal topic/],
    ['mm2-offset-syncs.dc2.internal', undefined, false, /internal topic/],
    ['orders', undefined, true, undefined],
    ['orders', ['pay*'], false, /not matched by any --include/],
    ['payments', ['pay*'], true, undefined],
  ])('%s with --include %j: selected %s', (name, include, selected, reason) => {
    const p = plan({ topics: [topic(name)] }, { include });
    expect(p.topics.map((t) => t.sourceName)).toEqual(selected ? [name] : []);
    if (reason) expect(p.skipped).toEqual([{ kind: 'topic', name, reason: expect.stringMatching(reason) }]);
  });

  test('a topic marked internal in the metadata is skipped', () => {
    const p = plan({ topics: [{ name: 'my-internal', partitions: 3, internal: true }] });
    expect(p.skipped[0]).toMatchObject({ name: 'my-internal', reason: expect.stringMatching(/internal/) });
  });

  test('--exclude wins over --include and names the glob', () => {
    const p = plan({ topics: [topic('orders.v1'), topic('orders.v2')] }, { include: ['orders.*'], exclude: ['*.v2'] });
    expect(p.topics.map((t) => t.name)).toEqual(['orders.v1']);
    expect(p.skipped).toEqual([{ kind: 'topic', name: 'orders.v2', reason: 'excluded by --exclude "*.v2"' }]);
  });
});

describe('partitions and storage', () => {
  test.each<[string, number, Record<string, string> | undefined, 'professional' | 'normal', 'local' | 'grow' | undefined, number, 'local' | 'cloud', boolean]>([
    ['plain topic', 12, undefined, 'professional', undefined, 12, 'cloud', false],
    ['1 partition on professional keeps 1 on local storage', 1, undefined, 'professional', undefined, 1, 'local', false],
    ['1 partition with --single-partition grow', 1, undefined, 'professional', 'grow', 2, 'cloud', false],
    ['1 partition on standard grows to 2', 1, undefined, 'normal', undefined, 2, 'cloud', false],
    ['compact topic is local + compact', 6, { 'cleanup.policy': 'compact' }, 'professional', undefined, 6, 'local', true],
    ['compact,delete is compact', 6, { 'cleanup.policy': 'compact,delete' }, 'professional', undefined, 6, 'local', true],
    ['1-partition compact topic stays 1', 1, { 'cleanup.policy': 'compact' }, 'professional', 'grow', 1, 'local', true],
    ['360 partitions accepted', 360, undefined, 'professional', undefined, 360, 'cloud', false],
  ])('%s', (_n, partitions, configs, specType, singlePartition, expPartitions, storage, compact) => {
    const p = plan({ topics: [topic('events', partitions, configs)] }, { target: { ...EXISTING, specType } as PlanOptions['target'], singlePartition });
    expect(p.topics[0]).toMatchObject({ partitions: expPartitions, sourcePartitions: partitions, storage, compact });
    if (expPartitions !== partitions || storage === 'local') expect(p.topics[0].notes.length).toBeGreaterThan(0);
  });

  test('a topic grown from 1 to 2 says why, with a warning about ordering', () => {
    const p = plan({ topics: [topic('ledger', 1)] }, { singlePartition: 'grow' });
    expect(p.topics[0].notes.join()).toMatch(/cloud-storage topics need at least 2; total order across the topic is lost/);
    expect(p.warnings.map((w) => w.code)).toContain('single-partition');
  });

  test('fails if a topic has 361 partitions, naming it', () => {
    expect(planError({ topics: [topic('huge', 361)] })).toMatch(/topic huge: has 361 partitions; AliKafka accepts 1-360/);
  });

  test('fails if a compact topic targets the standard edition', () => {
    expect(
      planError({ topics: [topic('profiles', 6, { 'cleanup.policy': 'compact' })] }, { target: { ...EXISTING, specType: 'normal' } as PlanOptions['target'] }),
    ).toMatch(/topic profiles: needs local storage \(cleanup.policy=compact\), which edition normal does not offer/);
  });

  test.each<[number, string | undefined]>([
    [3, 'few-partitions'],
    [11, 'few-partitions'],
    [12, undefined],
    [100, undefined],
    [101, 'many-partitions'],
  ])('%i partitions gives warning %s', (partitions, code) => {
    const p = plan({ topics: [topic('events', partitions)] });
    expect(p.warnings.filter((w) => w.code === 'few-partitions' || w.code === 'many-partitions').map((w) => w.code)).toEqual(code ? [code] : []);
  });
});

describe('topic configs', () => {
  test.each<[string, string, string, 'carried' | 'coerced' | 'dropped', string | undefined]>([
    ['retention.ms', '604800000', 'local', 'carried', '604800000'],
    ['retention.ms', '600000', 'local', 'coerced', '3600000'],
    ['retention.ms', '63072000000', 'local', 'coerced', '31536000000'],
    ['retention.ms', '-1', 'local', 'coerced', '31536000000'],
    ['retention.ms', 'forever', 'local', 'dropped', undefined],
    ['retention.ms', '604800000', 'cloud', 'dropped', undefined],
    ['max.message.bytes', '1000012', 'local', 'coerced', '1048576'],
    ['max.message.bytes', '2097152', 'local', 'carried', '2097152'],
    ['max.message.bytes', '20971520', 'local', 'coerced', '10485760'],
    ['message.timestamp.type', 'LogAppendTime', 'local', 'carried', 'LogAppendTime'],
    ['message.timestamp.type', 'Whenever', 'local', 'dropped', undefined],
    ['min.insync.replicas', '2', 'local', 'dropped', undefined],
    ['segment.bytes', '104857600', 'cloud', 'dropped', undefined],
  ])('%s=%s on a %s topic is %s as %s', (key, value, storage, action, to) => {
    const configs: Record<string, string> = { [key]: value };
    if (storage === 'local') configs['cleanup.policy'] = 'compact';
    const p = plan({ topics: [topic('events', 6, configs)] });
    const d = p.configDecisions.find((c) => c.key === key);
    expect(d).toMatchObject({ topic: 'events', key, action, from: value });
    expect(d?.to).toBe(to);
    expect(d?.reason.length).toBeGreaterThan(5);
    if (action === 'dropped') expect(p.topics[0].configs[key]).toBeUndefined();
    else expect(p.topics[0].configs[key]).toBe(to);
  });

  test.each<[string, boolean]>([
    ['-1', true],
    ['604800000', true],
    ['259200000', false],
    ['3600000', false],
  ])('retention.ms=%s on a cloud topic warns: %s', (value, warns) => {
    const p = plan({ topics: [topic('events', 6, { 'retention.ms': value })] });
    expect(p.warnings.some((w) => w.code === 'retention' && w.subject === 'topic events')).toBe(warns);
  });

  test('credential-like configs are dropped and their values never appear in the plan', () => {
    const p = plan({ topics: [topic('events', 6, { 'cleanup.policy': 'compact', 'sasl.jaas.config': 'password="hunter2"' })] });
    expect(JSON.stringify(p)).not.toContain('hunter2');
    expect(p.configDecisions.find((c) => c.key === 'sasl.jaas.config')).toMatchObject({ action: 'dropped', from: '(redacted)' });
  });
});

describe('names', () => {
  test.each<[string, boolean, string]>([
    ['orders', false, 'orders'],
    ['orders.v1', false, 'orders.v1'],
    ['orders.v1', true, 'orders_v1'],
    ['a', false, 'a__'],
    ['ab', false, 'ab_'],
    ['订单', false, '___'],
    ['订单-events', false, '__-events'],
    ['café_topic', false, 'caf__topic'],
    ['x'.repeat(250), false, `${'x'.repeat(55)}_`],
    ['y'.repeat(65), false, `${'y'.repeat(55)}_`],
  ])('%s (no dots: %s) becomes %s', (source, noDots, expected) => {
    const rule = noDots ? withoutDots(TOPIC_NAME) : TOPIC_NAME;
    const out = sanitizeName(source, rule);
    if (source.length > 64) {
      expect(out.startsWith(expected)).toBe(true);
      expect(out).toHaveLength(64);
      expect(out).toMatch(/_[0-9a-f]{8}$/);
    } else {
      expect(out).toBe(expected);
    }
    expect(isValidName(rule, out)).toBe(true);
  });

  test('long names that share a prefix stay distinct', () => {
    expect(sanitizeName(`${'p'.repeat(70)}-a`, TOPIC_NAME)).not.toBe(sanitizeName(`${'p'.repeat(70)}-b`, TOPIC_NAME));
  });

  test('renames are recorded with the reason', () => {
    const p = plan({ topics: [topic('ab'), topic('订单')] });
    expect(p.renames).toEqual([
      { kind: 'topic', from: 'ab', to: 'ab_', reason: expect.stringMatching(/shorter than 3 characters/) },
      { kind: 'topic', from: '订单', to: '___', reason: expect.stringMatching(/contains "订", "单" and is shorter than 3/) },
    ]);
  });

  test('--no-dots renames dotted topics and groups', () => {
    const p = plan({ topics: [topic('orders.v1')], consumerGroups: [{ groupId: 'svc.orders', members: 1, topics: ['orders.v1'] }] }, { noDots: true });
    expect(p.topics[0].name).toBe('orders_v1');
    expect(p.groups[0].name).toBe('svc_orders');
    expect(p.groups[0].topics).toEqual(['orders_v1']);
  });

  test('fails if two source topics map to one name, naming both', () => {
    expect(planError({ topics: [topic('orders.v1'), topic('orders_v1')] }, { noDots: true })).toMatch(
      /topic orders_v1: source topics "orders.v1" and "orders_v1" all map to "orders_v1"; give them distinct names in the rename map/,
    );
  });

  test('a rename map resolves a collision', () => {
    const p = plan({ topics: [topic('orders.v1'), topic('orders_v1')] }, { noDots: true, renameMap: { topics: { 'orders.v1': 'orders-dot-v1' } } });
    expect(p.topics.map((t) => [t.sourceName, t.name])).toEqual([
      ['orders.v1', 'orders-dot-v1'],
      ['orders_v1', 'orders_v1'],
    ]);
    expect(p.renames).toEqual([{ kind: 'topic', from: 'orders.v1', to: 'orders-dot-v1', reason: 'rename map' }]);
  });

  test('fails if the rename map gives an invalid name', () => {
    expect(planError({ topics: [topic('orders')] }, { renameMap: { topics: { orders: 'a b' } } })).toMatch(
      /renameMap\.topics\["orders"\]: target "a b" contains " "$/m,
    );
  });

  test('fails if two groups collide', () => {
    expect(
      planError(
        {
          topics: [topic('orders')],
          consumerGroups: [
            { groupId: 'g.1', members: 1, topics: ['orders'] },
            { groupId: 'g_1', members: 1, topics: ['orders'] },
          ],
        },
        { noDots: true },
      ),
    ).toMatch(/group g_1: source groups "g.1" and "g_1" all map to "g_1"/);
  });

  test.each(['orders', 'a', 'x'.repeat(300), '订单', 'a.b.c', 'weird name!'])('the remark for %s is valid', (name) => {
    for (const kind of ['topic', 'group'] as const) expect(remarkFor(kind, name)).toMatch(/^[A-Za-z0-9_-]{3,64}$/);
  });

  test.each([
    ['orders', 'topic_orders'],
    ['orders.v1', 'topic_orders_v1_'],
    ['Orders-1', 'topic_Orders-1'],
  ])('address of %s starts with %s', (name, prefix) => {
    const a = terraformName('topic', name);
    expect(a.startsWith(prefix)).toBe(true);
    expect(a).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });

  test('addresses depend only on the name: adding topics does not change others', () => {
    const one = plan({ topics: [topic('orders'), topic('payments.v1')] });
    const two = plan({ topics: [topic('aaa-first'), topic('orders'), topic('payments.v1'), topic('zzz')] });
    const addr = (p: MigrationPlan): Record<string, string> => Object.fromEntries(p.topics.map((t) => [t.name, t.terraformName]));
    expect(addr(two)).toMatchObject(addr(one));
    expect(new Set(Object.values(addr(two))).size).toBe(4);
  });
});

describe('consumer groups', () => {
  test.each<[string, Record<string, unknown>, RegExp | undefined]>([
    ['a stable group', { groupId: 'billing', state: 'Stable', members: 2, topics: ['orders'] }, undefined],
    ['an empty group with offsets', { groupId: 'billing', state: 'Empty', members: 0, offsets: [{ topic: 'orders', partition: 0, offset: 5 }] }, undefined],
    ['a dead group', { groupId: 'old', state: 'Dead' }, /Dead/],
    ['a Dead group that still has offsets', { groupId: 'kip848', state: 'Dead', offsets: [{ topic: 'orders', partition: 0, offset: 7 }] }, undefined],
    ['an internal group', { groupId: '__amazon_msk_canary', members: 1, topics: ['orders'] }, /internal group/],
    ['a console consumer', { groupId: 'console-consumer-123', members: 1, topics: ['orders'] }, /kafka-console-consumer/],
    ['a group with nothing', { groupId: 'nothing' }, /empty: no members, no committed offsets and no subscriptions/],
    [
      'a group reading only excluded topics',
      { groupId: 'x-reader', members: 1, topics: ['excluded-topic'] },
      /reads only topics that are not migrated \(excluded-topic\)/,
    ],
  ])('%s', (_n, group, reason) => {
    const p = plan({ topics: [topic('orders'), topic('excluded-topic')], consumerGroups: [group as never] }, { exclude: ['excluded-*'] });
    if (reason) {
      expect(p.groups).toEqual([]);
      expect(p.skipped.filter((s) => s.kind === 'group')).toEqual([{ kind: 'group', name: group.groupId, reason: expect.stringMatching(reason) }]);
    } else {
      expect(p.groups.map((g) => g.name)).toEqual([group.groupId]);
      expect(p.groups[0].remark).toMatch(/^[A-Za-z0-9_-]{3,64}$/);
    }
  });

  test('warns when a group has more consumers than partitions', () => {
    const p = plan({ topics: [topic('orders', 12)], consumerGroups: [{ groupId: 'big', members: 20, topics: ['orders'] }] });
    expect(p.warnings).toContainEqual({
      code: 'idle-consumers',
      subject: 'group big',
      message: '20 consumers but at most 12 partitions in its topics: 8 will sit idle',
    });
  });
});

describe('users and ACLs', () => {
  const users = [
    { name: 'alice', mechanism: 'SCRAM-SHA-256' as const },
    { name: 'bob.svc', mechanism: 'SCRAM-SHA-512' as const },
    { name: 'legacy', mechanism: 'PLAIN' as const },
  ];

  test('users get a type, a sensitive variable name, and renames where needed', () => {
    const p = plan({ topics: [topic('orders')], users });
    expect(p.users.map((u) => [u.sourceName, u.name, u.type, u.passwordVariable])).toEqual([
      ['alice', 'alice', 'scram', 'sasl_password_alice'],
      ['bob.svc', 'bob_svc', 'scram', 'sasl_password_bob_svc'],
      ['legacy', 'legacy', 'plain', 'sasl_password_legacy'],
    ]);
    expect(p.warnings.find((w) => w.code === 'scram-mechanism')?.subject).toBe('user bob_svc');
  });

  const acl = (over: Record<string, unknown>): Record<string, unknown> => ({
    principal: 'User:alice',
    resourceType: 'Topic',
    resourceName: 'orders',
    patternType: 'LITERAL',
    operation: 'Read',
    permission: 'Allow',
    host: '*',
    ...over,
  });

  test.each<[string, Record<string, unknown>, string[] | RegExp]>([
    ['a literal read', {}, ['alice Topic LITERAL orders Read']],
    ['a prefixed write', { patternType: 'PREFIXED', resourceName: 'ord', operation: 'Write' }, ['alice Topic PREFIXED ord Write']],
    ['a group read', { resourceType: 'Group', resourceName: 'billing', operation: 'Read' }, ['alice Group LITERAL billing Read']],
    [
      'idempotent write on the cluster',
      { resourceType: 'Cluster', resourceName: 'kafka-cluster', operation: 'IdempotentWrite' },
      ['alice Cluster LITERAL kafka-cluster IdempotentWrite'],
    ],
    ['All on a topic', { operation: 'All' }, ['alice Topic LITERAL orders Describe', 'alice Topic LITERAL orders Read', 'alice Topic LITERAL orders Write']],
    ['a topic renamed by --no-dots', { resourceName: 'orders.v1' }, ['alice Topic LITERAL orders_v1 Read']],
    ['a wildcard topic', { resourceName: '*' }, ['alice Topic LITERAL * Read']],
    ['a Deny rule that overrides no Allow', { permission: 'Deny' }, /overrides no Allow rule of the plan: nothing to enforce/],
    ['a host-specific rule (carried with its host)', { host: '10.0.0.1' }, ['alice Topic LITERAL orders Read']],
    ['an operation AliKafka lacks', { operation: 'Alter' }, /operation Alter is not offered/],
    ['a non-user principal', { principal: 'Group:ops' }, /principal Group:ops is not a user/],
    ['a user not in the metadata', { principal: 'User:mallory' }, /user mallory has no SASL user in the plan/],
    ['a topic not in the plan', { resourceName: 'gone' }, /topic gone is not in the plan/],
  ])('%s', (_n, over, expected) => {
    const p = plan({ topics: [topic('orders'), topic('orders.v1')], users, acls: [acl(over) as never] }, { noDots: true });
    if (Array.isArray(expected)) {
      expect(p.acls.map((a) => `${a.username} ${a.resourceType} ${a.patternType} ${a.resourceName} ${a.operation}`).sort()).toEqual(expected);
      for (const a of p.acls) expect(a.terraformName).toMatch(/^acl_[A-Za-z0-9_-]+$/);
    } else {
      expect(p.acls).toEqual([]);
      expect(p.skipped.filter((s) => s.kind === 'acl')).toEqual([{ kind: 'acl', name: expect.any(String), reason: expect.stringMatching(expected) }]);
    }
  });

  test('fails if ACLs target the standard edition', () => {
    expect(
      planError({ topics: [topic('orders')], users, acls: [acl({}) as never] }, { target: { ...EXISTING, specType: 'normal' } as PlanOptions['target'] }),
    ).toMatch(/acls: 1 ACL\(s\) planned, but Standard \(High Write\) \(normal\) has no ACLs/);
  });
});

describe('instance and quota', () => {
  test('a new instance is sized with the reason for each number', () => {
    const p = planMigration(
      meta({
        topics: [topic('a-topic', 600), topic('b-topic', 300)].map((t) => ({ ...t, partitions: Math.min(t.partitions, 360) })),
        storage: { usedBytes: 800 * 1024 ** 3 },
      }),
      { target: NEW },
    );
    if (p.instance.mode !== 'new') throw new Error('expected a new instance');
    // no compaction, ACLs or multi-zone need: Standard; 859 GB stored / (1/3 usable) / 0.7 = 3,681 GB -> 3,700
    expect(p.instance).toMatchObject({
      specType: 'normal',
      ioMaxSpec: 'alikafka.hw.2xlarge',
      diskType: 'cloud',
      deployType: 'vpc',
      partitionNum: 0,
      diskSize: 3700,
    });
    expect(p.instance.decisions.find((d) => d.field === 'disk_size')?.reason).toMatch(/^evaluated: 859 GB of data \(stored bytes governs\)/);
    const fields = p.instance.decisions.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['spec_type', 'io_max_spec', 'disk_type', 'disk_size', 'partition_num', 'deploy_type', 'service_version']));
    expect(p.quota).toEqual({ partitionQuota: 1000, groupQuota: 2000, topics: 2, partitions: 660, groups: 0 });
  });

  test('partition_num covers the planned partitions with headroom', () => {
    const topics = Array.from({ length: 10 }, (_, i) => topic(`topic-${i}`, 120));
    const p = planMigration(meta({ topics }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('expected a new instance');
    expect(p.instance.partitionNum).toBe(560); // 1200 * 1.3 (the evaluation's headroom) = 1560, minus 1000 included
    expect(p.quota.partitionQuota).toBe(1560);
  });

  test('partition_num covers the group quota when groups need more than the partitions (a traffic spec given, not the evaluated one)', () => {
    const topics = [topic('a-topic', 12)];
    const consumerGroups = Array.from({ length: 3000 }, (_, i) => ({ groupId: `g-${i}`, topics: ['a-topic'] }));
    const p = planMigration(meta({ topics, consumerGroups }), { target: { ...NEW, ioMaxSpec: 'alikafka.hw.3xlarge' } });
    if (p.instance.mode !== 'new') throw new Error('expected a new instance');
    // 3000 groups / 2 per partition of quota = 1500, +25% = 1875 -> 1900, minus 1000 included
    expect(p.instance.partitionNum).toBe(900);
    expect(p.instance.decisions.find((d) => d.field === 'partition_num')?.reason).toMatch(/^3000 groups planned \(2 per partition of quota\) need 1500/);
    expect(p.quota.groupQuota).toBeGreaterThanOrEqual(3000);
  });

  test.each<[string, Partial<ClusterMetadata>, Record<string, unknown>, RegExp]>([
    [
      'too many partitions for an explicit partition_num',
      { topics: [topic('a-topic', 360), topic('b-topic', 360), topic('c-topic', 360)] },
      { partitionNum: 0 },
      /1080 partitions planned exceed the instance's partition quota of 1000; buy more partitions or choose a larger traffic spec/,
    ],
    [
      'an unknown traffic spec',
      { topics: [topic('a-topic')] },
      { ioMaxSpec: 'alikafka.hw.7xlarge' },
      /target\.ioMaxSpec: unknown traffic spec "alikafka.hw.7xlarge"/,
    ],
    [
      'a spec the edition does not sell',
      { topics: [topic('a-topic')] },
      { specType: 'normal', ioMaxSpec: 'alikafka.hw.16xlarge' },
      /alikafka.hw.16xlarge is not sold for edition normal/,
    ],
    [
      'a disk below the spec minimum',
      { topics: [topic('a-topic')] },
      { ioMaxSpec: 'alikafka.hw.6xlarge', diskSize: 500 },
      /target\.diskSize: must be a multiple of 100 GB from 1400/,
    ],
    [
      'a public instance without eip_max',
      { topics: [topic('a-topic')] },
      { deployType: 'public' },
      /target\.eipMax: a public instance needs the public bandwidth/,
    ],
    [
      'multi-zone standard',
      { topics: [topic('a-topic')] },
      { specType: 'normal', zoneIds: ['z1', 'z2'], network: { mode: 'new', vpcCidr: '10.0.0.0/8', vswitchCidrs: ['10.0.0.0/24', '10.0.1.0/24'] } },
      /single-zone only/,
    ],
    ['vSwitch count different from zones', { topics: [topic('a-topic')] }, { zoneIds: ['z1', 'z2'] }, /one vSwitch CIDR per zone \(2 zone\(s\), 1 CIDR\(s\)\)/],
  ])('fails if %s', (_n, partial, target, expected) => {
    expect(() => planMigration(meta(partial), { target: { ...NEW, ...target } as PlanOptions['target'] })).toThrow(expected);
  });

  test('fails if an existing instance with known quota cannot hold the groups', () => {
    const groups = Array.from({ length: 2001 }, (_, i) => ({ groupId: `group-${i}`, members: 1, topics: ['a-topic'] }));
    expect(
      planError(
        { topics: [topic('a-topic')], consumerGroups: groups },
        { target: { ...EXISTING, ioMaxSpec: 'alikafka.hw.2xlarge', partitionNum: 0 } as PlanOptions['target'] },
      ),
    ).toMatch(/2001 consumer groups exceed the instance's group quota of 2000/);
  });

  test('warns about quota headroom above 80%', () => {
    const p = plan(
      { topics: [topic('a-topic', 360), topic('b-topic', 360), topic('c-topic', 120)] },
      { target: { ...EXISTING, ioMaxSpec: 'alikafka.hw.2xlarge', partitionNum: 0 } as PlanOptions['target'] },
    );
    expect(p.warnings.find((w) => w.code === 'quota-headroom')?.message).toMatch(/840 of 1000 partitions used \(84%\)/);
  });

  test('an existing instance without a spec says the quota was not checked', () => {
    const p = plan({ topics: [topic('a-topic')] });
    expect(p.quota.partitionQuota).toBeUndefined();
    expect(p.warnings.map((w) => w.code)).toContain('quota-unchecked');
  });

  test('an existing instance without an edition is planned as professional, with a warning', () => {
    const p = planMigration(meta({ topics: [topic('a-topic')] }), { target: { mode: 'existing', instanceId: 'i-1' } });
    expect(p.warnings.map((w) => w.code)).toContain('assumed-edition');
  });

  test('ACLs switch enable.acl on, and large messages raise the instance limit', () => {
    const p = planMigration(
      meta({
        topics: [topic('a-topic', 12, { 'cleanup.policy': 'compact', 'max.message.bytes': '4194304' })],
        users: [{ name: 'alice' }],
        acls: [{ principal: 'User:alice', resourceType: 'Topic', resourceName: 'a-topic', patternType: 'LITERAL', operation: 'Read', permission: 'Allow' }],
      }),
      { target: NEW },
    );
    if (p.instance.mode !== 'new') throw new Error('expected a new instance');
    expect(p.instance.config).toEqual({ 'enable.acl': 'true', 'kafka.message.max.bytes': '4194304' });
  });

  test('service version follows the source Kafka version', () => {
    const v = (kafkaVersion: string): string => {
      const p = planMigration(meta({ source: { kind: 'manual', kafkaVersion }, topics: [topic('a-topic')] }), { target: NEW });
      return p.instance.mode === 'new' ? p.instance.serviceVersion : '';
    };
    expect(v('2.1.1')).toBe('2.2.0');
    expect(v('2.8.0')).toBe('2.6.2');
    expect(v('3.9.0')).toBe('2.6.2');
  });
});

describe('determinism', () => {
  test('the same metadata in a different order gives the same plan', () => {
    const topics = [topic('b-topic', 3), topic('a-topic', 6), topic('c.topic', 12)];
    const one = plan({ topics });
    const two = plan({ topics: [...topics].reverse() });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.topics.map((t) => t.name)).toEqual(['a-topic', 'b-topic', 'c.topic']);
  });
});
