/**
 * Issue 11 (fidelity): the target enforces what the source enforced, or the plan says exactly why not.
 * Each describe block is one item of the issue.
 */
import { EDITIONS } from '../../lib/alikafka';
import { AclMetadata, ClusterMetadata, loadMetadataFile, TopicMetadata, validateMetadata } from '../../lib/model';
import { MigrationPlan, planMigration, PlanError, PlanOptions } from '../../lib/plan';
import * as path from 'path';

const NEW: PlanOptions['target'] = { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'] };
/** The bundled example's brokers span 3 racks: it is planned multi-zone. */
const NEW_EXAMPLE: PlanOptions['target'] = { ...NEW, zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'] };
const EXISTING: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-abc', specType: 'professional' };

function meta(partial: Partial<ClusterMetadata> = {}): ClusterMetadata {
  return validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [], ...partial });
}

function plan(partial: Partial<ClusterMetadata>, options: Partial<PlanOptions> = {}): MigrationPlan {
  return planMigration(meta(partial), { target: EXISTING, ...options });
}

function problems(partial: Partial<ClusterMetadata>, options: Partial<PlanOptions> = {}): PlanError {
  try {
    plan(partial, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return e as PlanError;
  }
  throw new Error('expected a plan error');
}

const topic = (name: string, partitions = 12, configs?: Record<string, string>): TopicMetadata =>
  configs ? { name, partitions, configs } : { name, partitions };
const acl = (over: Partial<AclMetadata>): AclMetadata => ({
  principal: 'User:analytics',
  resourceType: 'Topic',
  resourceName: '*',
  patternType: 'LITERAL',
  operation: 'Read',
  permission: 'Allow',
  host: '*',
  ...over,
});
const aclText = (p: MigrationPlan): string[] =>
  p.acls.map((a) => `${a.username} ${a.resourceType} ${a.patternType} ${a.resourceName} ${a.operation}${a.host ? ` @${a.host}` : ''}`).sort();

describe('1. Deny ACLs never widen access', () => {
  const topics = [topic('audit-log'), topic('orders'), topic('payments')];
  const users = [{ name: 'analytics' }];
  const acls = [acl({}), acl({ resourceName: 'audit-log', permission: 'Deny' })];

  test('a wildcard Allow overridden by a Deny is narrowed to literal Allows for the topics the Deny does not cover', () => {
    const p = plan({ topics, users, acls });
    expect(aclText(p)).toEqual(['analytics Topic LITERAL orders Read', 'analytics Topic LITERAL payments Read']);
    expect(p.warnings).toContainEqual({
      code: 'acl-narrowed',
      subject: 'Allow User:analytics Read Topic:LITERAL:*',
      message: expect.stringMatching(/narrowed to 2 LITERAL Allow\(s\).*topics created later are not covered/),
    });
    expect(p.skipped).toContainEqual({
      kind: 'acl',
      name: 'Deny User:analytics Read Topic:LITERAL:audit-log',
      reason: expect.stringMatching(/enforced by narrowing/),
    });
  });

  test('a prefixed Deny removes every topic it covers from a prefixed Allow, and a Deny of All covers Read', () => {
    const p = plan({
      topics: [topic('audit-log'), topic('audit-trail'), topic('audit-x')],
      users,
      acls: [
        acl({ patternType: 'PREFIXED', resourceName: 'audit' }),
        acl({ patternType: 'PREFIXED', resourceName: 'audit-t', operation: 'All', permission: 'Deny' }),
      ],
    });
    expect(aclText(p)).toEqual(['analytics Topic LITERAL audit-log Read', 'analytics Topic LITERAL audit-x Read']);
  });

  test('a literal Allow that its Deny covers entirely is left out, with the reason', () => {
    const p = plan({ topics, users, acls: [acl({ resourceName: 'audit-log' }), acl({ resourceName: 'audit-log', permission: 'Deny' })] });
    expect(p.acls).toEqual([]);
    expect(p.skipped).toContainEqual({
      kind: 'acl',
      name: 'Allow User:analytics Read Topic:LITERAL:audit-log (Read)',
      reason: expect.stringMatching(/overrides it for every planned topic/),
    });
  });

  test('a Deny of another user, operation or topic leaves the Allow as it is', () => {
    const p = plan({
      topics,
      users,
      acls: [
        acl({}),
        acl({ principal: 'User:other', resourceName: 'audit-log', permission: 'Deny' }),
        acl({ operation: 'Write', resourceName: 'audit-log', permission: 'Deny' }),
      ],
    });
    expect(aclText(p)).toEqual(['analytics Topic LITERAL * Read']);
  });

  test('the fail policy refuses to plan an Allow a Deny overrides, naming both rules', () => {
    const e = problems({ topics, users, acls }, { denyAcls: 'fail' });
    expect(e.problems).toEqual([
      {
        subject: 'acl Allow User:analytics Read Topic:LITERAL:*',
        message: expect.stringMatching(/overridden by Deny User:analytics Read Topic:LITERAL:audit-log/),
      },
    ]);
    expect(e.onlyOptions).toBe(false);
  });

  test('an unknown Deny policy is an option problem', () => {
    const e = problems({ topics }, { denyAcls: 'ignore' as never });
    expect(e.problems).toEqual([{ subject: 'denyAcls', option: 'denyAcls', message: 'must be narrow or fail, got "ignore"' }]);
  });

  test('a host-specific rule keeps its host, in the plan and in its Terraform name', () => {
    const p = plan({ topics, users, acls: [acl({ resourceName: 'orders', host: '10.20.0.15' })] });
    expect(aclText(p)).toEqual(['analytics Topic LITERAL orders Read @10.20.0.15']);
    expect(p.acls[0].terraformName).toMatch(/_10_20_0_15/);
  });

  test('the bundled example: analytics cannot read audit-log on the target', () => {
    const m = loadMetadataFile(path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json'));
    const p = planMigration(m, { target: NEW_EXAMPLE });
    const reads = p.acls.filter((a) => a.username === 'analytics' && a.resourceType === 'Topic' && a.operation === 'Read');
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.map((a) => a.resourceName)).not.toContain('audit-log');
    expect(reads.map((a) => a.resourceName)).not.toContain('*');
  });
});

describe('2. ACL names and prefixes are renamed with the objects they match', () => {
  const users = [{ name: 'order-service' }];

  test('--no-dots renames the prefix orders. to orders_ with the topics it matches', () => {
    const p = plan(
      {
        topics: [topic('orders.created'), topic('orders.paid'), topic('payments')],
        users,
        acls: [acl({ principal: 'User:order-service', patternType: 'PREFIXED', resourceName: 'orders.' })],
      },
      { noDots: true },
    );
    expect(aclText(p)).toEqual(['order-service Topic PREFIXED orders_ Read']);
    expect(p.renames).toContainEqual({ kind: 'acl', from: 'Topic:PREFIXED:orders.', to: 'Topic:PREFIXED:orders_', reason: expect.any(String) });
  });

  test('a literal group ACL follows the group rename rule', () => {
    const p = plan(
      {
        topics: [topic('orders')],
        users,
        consumerGroups: [{ groupId: 'order.svc', members: 1, topics: ['orders'] }],
        acls: [acl({ principal: 'User:order-service', resourceType: 'Group', resourceName: 'order.svc' })],
      },
      { noDots: true },
    );
    expect(aclText(p)).toEqual(['order-service Group LITERAL order_svc Read']);
  });

  test('a prefix whose topics the rename map scatters fails, naming the ACL', () => {
    const e = problems(
      {
        topics: [topic('orders.created'), topic('orders.paid')],
        users,
        acls: [acl({ principal: 'User:order-service', patternType: 'PREFIXED', resourceName: 'orders.' })],
      },
      { renameMap: { topics: { 'orders.paid': 'payments-done' } } },
    );
    expect(e.problems).toEqual([
      {
        subject: 'acl Allow User:order-service Read Topic:PREFIXED:orders.',
        message: expect.stringMatching(/orders\.paid → payments-done no longer start with "orders\."/),
      },
    ]);
  });

  test('a renamed prefix that would also match another topic fails instead of widening', () => {
    const e = problems(
      {
        topics: [topic('orders.created'), topic('orders_legacy')],
        users,
        acls: [acl({ principal: 'User:order-service', patternType: 'PREFIXED', resourceName: 'orders.' })],
      },
      { noDots: true },
    );
    expect(e.problems[0]).toMatchObject({
      subject: 'acl Allow User:order-service Read Topic:PREFIXED:orders.',
      message: expect.stringMatching(/"orders_" would also match topic\(s\) orders_legacy/),
    });
  });
});

describe('3. the selection scopes groups, users and ACLs', () => {
  const m: Partial<ClusterMetadata> = {
    topics: [topic('orders.created'), topic('payments')],
    consumerGroups: [
      { groupId: 'order-reader', members: 1, topics: ['orders.created'] },
      { groupId: 'pay-reader', members: 1, topics: ['payments'] },
      { groupId: 'idle', members: 1 },
    ],
    users: [{ name: 'order-service' }, { name: 'payment-service' }],
    acls: [
      acl({ principal: 'User:order-service', resourceName: 'orders.', patternType: 'PREFIXED' }),
      acl({ principal: 'User:payment-service', resourceName: 'payments' }),
      acl({ principal: 'User:payment-service', resourceType: 'Group', resourceName: 'pay-reader' }),
    ],
  };

  test("--include orders.* plans only the orders service's group, user and ACLs", () => {
    const p = plan(m, { include: ['orders.*'] });
    expect(p.groups.map((g) => g.name)).toEqual(['order-reader']);
    expect(p.users.map((u) => u.name)).toEqual(['order-service']);
    expect(aclText(p)).toEqual(['order-service Topic PREFIXED orders. Read']);
    expect(p.skipped).toContainEqual({ kind: 'user', name: 'payment-service', reason: expect.stringMatching(/keep-all-users/) });
    expect(p.skipped).toContainEqual({ kind: 'group', name: 'idle', reason: expect.stringMatching(/selection scopes groups/) });
  });

  test('keepAllUsers keeps every user (their ACLs on unselected topics stay out)', () => {
    const p = plan(m, { include: ['orders.*'], keepAllUsers: true });
    expect(p.users.map((u) => u.name)).toEqual(['order-service', 'payment-service']);
    expect(aclText(p)).toEqual(['order-service Topic PREFIXED orders. Read']);
  });

  test('an include or exclude pattern that matches no topic is a warning', () => {
    const p = plan(m, { include: ['orderz.*', 'orders.*'], exclude: ['nothing-*'] });
    expect(p.warnings.filter((w) => w.code === 'selection-unmatched').map((w) => w.subject)).toEqual(['exclude "nothing-*"', 'include "orderz.*"']);
  });
});

describe('5. instance message size', () => {
  test('cloud-storage topics raise the instance maximum message size to the largest planned topic', () => {
    const p = planMigration(meta({ topics: [topic('small', 12, { 'max.message.bytes': '2097152' }), topic('big', 12, { 'max.message.bytes': '5242880' })] }), {
      target: NEW,
    });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.message.max.bytes']).toBe('5242880');
    expect(p.instance.decisions).toContainEqual({
      field: 'config.kafka.message.max.bytes',
      value: '5242880',
      reason: expect.stringMatching(/topic big allows 5 MiB/),
    });
    const dropped = p.configDecisions.find((d) => d.topic === 'big' && d.key === 'max.message.bytes');
    expect(dropped?.reason).toMatch(/instance's kafka.message.max.bytes applies, which the plan sets from the largest planned topic/);
  });

  test("a topic above AliKafka's limit caps the instance at the limit and is named in a warning", () => {
    const p = planMigration(meta({ topics: [topic('huge', 12, { 'max.message.bytes': '20971520' })] }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.message.max.bytes']).toBe('10485760');
    expect(p.warnings).toContainEqual({ code: 'message-size', subject: 'topic huge', message: expect.stringMatching(/AliKafka's limit is 10 MiB/) });
  });

  test('the bundled example plans the instance message size', () => {
    const m = loadMetadataFile(path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json'));
    const p = planMigration(m, { target: NEW_EXAMPLE });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.message.max.bytes']).toBe('10485760');
  });
});

describe('6. instance retention', () => {
  const topics = [topic('week', 12, { 'retention.ms': String(7 * 24 * 3_600_000) }), topic('day', 12, { 'retention.ms': String(24 * 3_600_000) })];

  test("planned from the longest cloud-storage retention, within the edition's limit", () => {
    const p = planMigration(meta({ topics }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.log.retention.hours']).toBe('168');
    expect(p.warnings.filter((w) => w.code === 'retention')).toEqual([]);
  });

  test('a given retention overrides it, and topics whose retention shortens are listed', () => {
    const p = planMigration(meta({ topics }), { target: { ...NEW, retentionHours: 48 } as PlanOptions['target'] });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.log.retention.hours']).toBe('48');
    expect(p.warnings.filter((w) => w.code === 'retention')).toEqual([
      {
        code: 'retention',
        subject: 'topic week',
        message: expect.stringMatching(/retention shortens: the source keeps messages 168 h.*48 h/),
        option: 'target.retentionHours',
      },
    ]);
  });

  test("forever is capped at the edition's maximum and warned about; a retention out of range is an option problem", () => {
    const p = planMigration(meta({ topics: [topic('forever', 12, { 'retention.ms': '-1' })] }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.log.retention.hours']).toBe(String(EDITIONS[p.instance.specType].maxRetentionHours));
    expect(p.warnings).toContainEqual({ code: 'retention', subject: 'topic forever', message: expect.stringMatching(/source keeps messages forever/) });
    expect(() => planMigration(meta({ topics }), { target: { ...NEW, retentionHours: 1000 } as PlanOptions['target'] })).toThrow(
      /target.retentionHours: must be a whole number of hours from 24 to (168|480)/,
    );
  });

  test("topics without retention.ms follow the source brokers' retention when the metadata has it", () => {
    const p = planMigration(meta({ brokers: [{ id: 1, configs: { 'log.retention.hours': '96' } }], topics: [topic('plain')] }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['kafka.log.retention.hours']).toBe('96');
  });

  test('LogAppendTime on a cloud-storage topic is dropped with a warning', () => {
    const p = planMigration(meta({ topics: [topic('stamped', 12, { 'message.timestamp.type': 'LogAppendTime' })] }), { target: NEW });
    expect(p.configDecisions).toContainEqual(expect.objectContaining({ topic: 'stamped', key: 'message.timestamp.type', action: 'dropped' }));
    expect(p.warnings).toContainEqual({ code: 'timestamp-type', subject: 'topic stamped', message: expect.stringMatching(/LogAppendTime/) });
  });
});

describe('7. Kafka Connect clusters and heartbeats', () => {
  const connectMeta: Partial<ClusterMetadata> = {
    topics: [
      topic('orders'),
      topic('connect-configs', 1, { 'cleanup.policy': 'compact' }),
      topic('connect-offsets', 25, { 'cleanup.policy': 'compact' }),
      topic('connect-status', 5, { 'cleanup.policy': 'compact' }),
    ],
    consumerGroups: [{ groupId: 'connect-cluster', protocolType: 'connect', state: 'Stable', members: 3 }],
  };

  test('by default the Connect group and its topics are skipped together, with one reason', () => {
    const p = plan(connectMeta);
    expect(p.groups).toEqual([]);
    const reasons = new Set(
      p.skipped.filter((s) => ['connect-cluster', 'connect-configs', 'connect-offsets', 'connect-status'].includes(s.name)).map((s) => s.reason),
    );
    expect(p.skipped.filter((s) => s.name.startsWith('connect-'))).toHaveLength(4);
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toMatch(/Kafka Connect cluster connect-cluster/);
  });

  test('with the migrate policy the group and its topics move together, on local compacted storage', () => {
    const p = plan(connectMeta, { connect: 'migrate' });
    expect(p.groups.map((g) => [g.name, g.topics])).toEqual([['connect-cluster', ['connect-configs', 'connect-offsets', 'connect-status']]]);
    const internal = p.topics.filter((t) => t.name.startsWith('connect-'));
    expect(internal.map((t) => [t.name, t.storage, t.compact])).toEqual([
      ['connect-configs', 'local', true],
      ['connect-offsets', 'local', true],
      ['connect-status', 'local', true],
    ]);
  });

  test('a user topic named heartbeats is migrated unless the source shows MirrorMaker', () => {
    expect(plan({ topics: [topic('heartbeats')] }).topics.map((t) => t.name)).toEqual(['heartbeats']);
    const p = plan({ topics: [topic('heartbeats'), topic('dc1.checkpoints.internal')] });
    expect(p.topics).toEqual([]);
    expect(p.skipped).toContainEqual({ kind: 'topic', name: 'heartbeats', reason: expect.stringMatching(/MirrorMaker 2's heartbeat topic/) });
  });
});

describe('8. network and deployment options the cloud would reject', () => {
  const m = meta({ topics: [topic('orders')] });
  const fails = (target: Partial<PlanOptions['target']>): PlanError => {
    try {
      planMigration(m, { target: { ...NEW, ...target } as PlanOptions['target'] });
    } catch (e) {
      return e as PlanError;
    }
    throw new Error('expected a plan error');
  };

  test.each<[string, Partial<PlanOptions['target']>, string, RegExp]>([
    ['a zone of another region', { region: 'cn-hangzhou', zoneIds: ['cn-beijing-a'] }, 'target.zoneIds', /zone cn-beijing-a is not in region cn-hangzhou/],
    [
      'a vSwitch outside its VPC',
      { network: { mode: 'new', vpcCidr: '10.0.0.0/8', vswitchCidrs: ['192.168.1.0/24'] } },
      'target.network.vswitchCidrs',
      /vSwitch CIDR 192.168.1.0\/24 is not inside the VPC CIDR 10.0.0.0\/8/,
    ],
    [
      'overlapping vSwitches',
      { zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'], network: { mode: 'new', vpcCidr: '10.0.0.0/8', vswitchCidrs: ['10.0.0.0/16', '10.0.1.0/24'] } },
      'target.network.vswitchCidrs',
      /10.0.0.0\/16 and 10.0.1.0\/24 overlap/,
    ],
    ['eip-max without a public deployment', { eipMax: 5 }, 'target.eipMax', /only applies to an Internet-and-VPC instance/],
  ])('%s is an option problem', (_n, target, option, message) => {
    const e = fails(target);
    expect(e.problems).toContainEqual({ subject: option, option, message: expect.stringMatching(message) });
    expect(e.onlyOptions).toBe(true);
  });
});

describe("10. the instance's deployment settings", () => {
  const m = meta({ topics: [topic('orders')], users: [{ name: 'alice' }], acls: [acl({ principal: 'User:alice', resourceName: 'orders' })] });

  test('paid type, prevent_destroy, tags, endpoints, allowlist and a custom password are plan fields', () => {
    const p = planMigration(m, {
      target: { ...NEW, paidType: 'PrePaid', instancePassword: true } as PlanOptions['target'],
      tags: { team: 'payments', env: 'prod' },
      allowCidrs: ['10.20.0.0/16'],
    });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.paidType).toBe('PrePaid');
    expect(p.instance.decisions).toContainEqual({ field: 'paid_type', value: 'PrePaid', reason: 'given' });
    expect(p.instance.preventDestroy).toBe(true);
    expect(p.instance.tags).toEqual({ env: 'prod', team: 'payments' });
    expect(p.topics[0].tags).toEqual({ env: 'prod', team: 'payments' });
    expect(p.instance.passwordVariable).toBe('instance_password');
    expect(p.endpoints.map((e) => e.attribute)).toEqual([
      'end_point',
      'domain_endpoint',
      'sasl_domain_endpoint',
      'vpc_sasl_domain_endpoint',
      'ssl_endpoint',
      'ssl_domain_endpoint',
    ]);
    expect(p.allowedIps.map((a) => [a.cidr, a.allowedType, a.portRange])).toEqual([
      ['10.20.0.0/16', 'vpc', '9092/9092'],
      ['10.20.0.0/16', 'vpc', '9094/9094'],
    ]);
  });

  test('a public CIDR on a VPC-only instance, a reserved tag key and a bad paid type are option problems', () => {
    try {
      planMigration(m, { target: { ...NEW, paidType: 'Free' } as never, tags: { 'aliyun:x': '1' }, allowCidrs: ['8.8.8.0/24'] });
      throw new Error('expected a plan error');
    } catch (e) {
      expect((e as PlanError).problems.map((x) => x.option).sort()).toEqual(['allowCidrs', 'tags', 'target.paidType']);
    }
  });

  test('consumer-offset retention follows the source brokers, capped with a warning', () => {
    const p = planMigration(meta({ brokers: [{ id: 1, configs: { 'offsets.retention.minutes': '60000' } }], topics: [topic('orders')] }), { target: NEW });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.config['offsets.retention.minutes']).toBe('43200');
    expect(p.warnings).toContainEqual({ code: 'offsets-retention', subject: 'instance', message: expect.stringMatching(/60000 minutes/) });
  });
});

describe('9. Terraform state', () => {
  test('an OSS backend is a plan field with where the state lives; credentials in its settings are refused', () => {
    const p = plan({ topics: [topic('orders')] }, { backend: { type: 'oss', config: { bucket: 'tf-state', prefix: 'kafka', region: 'cn-hangzhou' } } });
    expect(p.state).toEqual({
      backend: 'oss',
      config: { bucket: 'tf-state', prefix: 'kafka', region: 'cn-hangzhou' },
      where: expect.stringMatching(/OSS bucket tf-state, prefix kafka/),
    });
    const e = problems({ topics: [topic('orders')] }, { backend: { type: 's3', config: { bucket: 'b', key: 'k', region: 'r', secret_key: 'x' } } });
    expect(e.problems).toEqual([
      { subject: 'backend.config', option: 'backend', message: expect.stringMatching(/secret_key would put a credential into cdk.tf.json/) },
    ]);
    expect(e.message).not.toContain('x"');
  });

  test('the local default says the state file is relative to the stack directory', () => {
    expect(plan({ topics: [topic('orders')] }).state).toEqual({
      backend: 'local',
      config: {},
      where: expect.stringMatching(/relative to the stack directory/),
    });
  });
});

describe('11. re-planning from a previous export', () => {
  const previous = meta({
    topics: [topic('orders', 12, { 'retention.ms': '86400000' }), topic('gone-topic')],
    consumerGroups: [
      { groupId: 'console-consumer-1', members: 0, topics: ['orders'] },
      { groupId: 'billing', members: 1, topics: ['orders'] },
    ],
  });
  const current = meta({ topics: [topic('orders', 24, { 'retention.ms': '172800000' }), topic('new-topic')], consumerGroups: [] });

  test('the plan lists partitions grown, configs changed and topics added or gone', () => {
    const p = planMigration(current, { target: EXISTING, previous });
    expect(p.changes.map((c) => `${c.kind} ${c.name} ${c.change}: ${c.detail}`)).toEqual([
      'group billing gone: no longer in the source',
      'topic gone-topic gone: no longer in the source',
      'topic new-topic added: new since the previous export (12 partitions)',
      'topic orders config: retention.ms: 86400000 → 172800000',
      'topic orders partitions: 12 → 24 partitions',
    ]);
  });

  test('an object the previous plan never planned (a console group) is never listed as kept', () => {
    const p = planMigration(current, { target: EXISTING, previous });
    expect(p.removed).toEqual([
      { kind: 'group', name: 'billing', action: 'kept' },
      { kind: 'topic', name: 'gone-topic', action: 'kept' },
    ]);
  });
});
