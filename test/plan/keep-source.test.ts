import { ClusterMetadata, validateMetadata } from '../../lib/model';
import { MigrationPlan, planMigration, PlanError, PlanOptions } from '../../lib/plan';

const NEW: PlanOptions['target'] = { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'] };
const PRO: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-b', specType: 'professional' };
const STANDARD: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-b', specType: 'normal' };

/** An AliKafka source instance: a local-storage topic, a cloud one, a compacted one, remarks and tags. */
function aliSource(extra: Partial<ClusterMetadata> = {}): ClusterMetadata {
  return validateMetadata({
    formatVersion: 1,
    source: {
      kind: 'alikafka',
      alikafka: { instanceId: 'alikafka_post-cn-a', regionId: 'cn-hangzhou', specType: 'professional', ioMaxSpec: 'alikafka.hw.6xlarge' },
    },
    topics: [
      { name: 'orders', partitions: 6, storageEngine: 'local', remark: 'order-events', tags: { team: 'pay', 'acs:rm:rgId': 'rg-1' } },
      { name: 'clicks', partitions: 6, storageEngine: 'cloud', remark: 'click stream' },
      { name: 'state', partitions: 3, storageEngine: 'local', configs: { 'cleanup.policy': 'compact' } },
    ],
    consumerGroups: [{ groupId: 'billing', members: 1, topics: ['orders'], remark: 'billing-service', tags: { team: 'pay' } }],
    ...extra,
  });
}

function plan(meta: ClusterMetadata, options: Partial<PlanOptions>): MigrationPlan {
  return planMigration(meta, { target: PRO, ...options });
}

function problems(meta: ClusterMetadata, options: Partial<PlanOptions>): PlanError {
  try {
    plan(meta, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return e as PlanError;
  }
  throw new Error('expected a plan error');
}

describe('synth keeps what the source instance had', () => {
  test('a local-storage topic stays local, with the reason; a cloud one stays on cloud storage', () => {
    const p = plan(aliSource(), {});
    const t = Object.fromEntries(p.topics.map((x) => [x.name, x]));
    expect(t.orders.storage).toBe('local');
    expect(t.orders.notes.join(' ')).toMatch(/on local storage on the source instance: kept local/);
    expect(t.clicks.storage).toBe('cloud');
    expect(t.state).toMatchObject({ storage: 'local', compact: true });
  });

  test('remarks and tags are carried (remarks in the remark rule, system tags left out, the plan tags on top)', () => {
    const p = plan(aliSource(), { tags: { env: 'prod' } });
    const t = Object.fromEntries(p.topics.map((x) => [x.name, x]));
    expect(t.orders.remark).toBe('order-events');
    expect(t.orders.tags).toEqual({ env: 'prod', team: 'pay' });
    expect(t.orders.notes.join(' ')).toMatch(/"acs:rm:rgId" not carried/);
    expect(t.clicks.remark).toBe('click_stream');
    expect(t.clicks.notes.join(' ')).toMatch(/remark "click stream" carried as "click_stream"/);
    // no remark on the source: derived from the name, as before
    expect(t.state.remark).toBe('topic_from_state');
    expect(p.groups[0]).toMatchObject({ name: 'billing', remark: 'billing-service', tags: { env: 'prod', team: 'pay' } });
  });

  test('a group the source instance lists with nothing from Kafka (exported without the bootstrap servers) is kept, not skipped as empty', () => {
    const p = plan(aliSource({ consumerGroups: [{ groupId: 'audit-readers', remark: 'audit' }] }), {});
    expect(p.groups.map((g) => [g.name, g.remark])).toEqual([['audit-readers', 'audit']]);
    // from any other source such a group is empty, and skipped
    const manual = validateMetadata({
      formatVersion: 1,
      source: { kind: 'manual' },
      topics: [{ name: 'orders', partitions: 6 }],
      consumerGroups: [{ groupId: 'audit-readers' }],
    });
    expect(plan(manual, {}).groups).toEqual([]);
  });

  test('on an edition without local storage, a topic the source keeps local is refused, naming the topic and why', () => {
    const err = problems(aliSource({ topics: [{ name: 'orders', partitions: 6, storageEngine: 'local' }], consumerGroups: [] }), { target: STANDARD });
    expect(err.problems).toEqual([
      expect.objectContaining({
        subject: 'topic orders',
        message: expect.stringMatching(/needs local storage \(it is on local storage on the source instance\), which edition normal does not offer/),
      }),
    ]);
  });

  test('a new instance for an estate with local-storage topics is Professional (the edition choice says why Standard is out)', () => {
    const p = plan(aliSource({ topics: [{ name: 'orders', partitions: 6, storageEngine: 'local' }], consumerGroups: [] }), { target: NEW });
    expect(p.instance.mode === 'new' && p.instance.specType).toBe('professional');
  });
});

describe('--local-storage GLOB', () => {
  const manual = (): ClusterMetadata =>
    validateMetadata({
      formatVersion: 1,
      source: { kind: 'manual' },
      topics: [
        { name: 'ledger.eu', partitions: 12 },
        { name: 'ledger.us', partitions: 12, configs: { 'retention.ms': '86400000' } },
        { name: 'ledger.state', partitions: 3, configs: { 'cleanup.policy': 'compact' } },
        { name: 'clicks', partitions: 12, configs: { 'retention.ms': '86400000' } },
      ],
    });

  test('matching non-compacted topics go on local storage with the reason, and keep their per-topic configs', () => {
    const p = plan(manual(), { localStorage: ['ledger.*'] });
    const t = Object.fromEntries(p.topics.map((x) => [x.name, x]));
    expect(t['ledger.eu'].storage).toBe('local');
    expect(t['ledger.eu'].notes.join(' ')).toMatch(/matches the local-storage pattern "ledger\.\*": on local storage as asked/);
    expect(t['ledger.us']).toMatchObject({ storage: 'local', configs: { 'retention.ms': '86400000' } });
    // compacted topics are local anyway, without the pattern's reason
    expect(t['ledger.state'].notes.join(' ')).not.toMatch(/local-storage pattern/);
    // not matched: cloud storage, its retention.ms dropped as before
    expect(t.clicks).toMatchObject({ storage: 'cloud', configs: {} });
  });

  test('without it, the same topics are on cloud storage (what the option changes)', () => {
    const p = plan(manual(), {});
    expect(p.topics.filter((x) => x.storage === 'local').map((x) => x.name)).toEqual(['ledger.state']);
  });

  test('refused on an edition without local storage, naming the option and the topic', () => {
    const err = problems(validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'ledger.eu', partitions: 12 }] }), {
      target: STANDARD,
      localStorage: ['ledger.*'],
    });
    expect(err.problems).toEqual([
      expect.objectContaining({
        option: 'localStorage',
        message: expect.stringMatching(/topic ledger\.eu needs local storage \(a local-storage pattern matches it\), which edition normal does not offer/),
      }),
    ]);
    expect(err.onlyOptions).toBe(true);
  });

  test('a pattern that matches no topic is a warning naming the option', () => {
    const p = plan(manual(), { localStorage: ['ledgr*'] });
    expect(p.warnings).toContainEqual(expect.objectContaining({ option: 'localStorage', subject: 'localStorage "ledgr*"' }));
  });
});

describe('sizing from the source instance when no traffic was measured', () => {
  test('never a smaller spec than the source instance, and the next smaller one is rejected for that reason', () => {
    const p = plan(aliSource(), { target: NEW });
    expect(p.instance.mode).toBe('new');
    const inst = p.instance.mode === 'new' ? p.instance : undefined;
    expect(inst?.ioMaxSpec).toBe('alikafka.hw.6xlarge');
    const evaluation = inst?.sizing;
    expect(JSON.stringify(evaluation?.nextSmaller)).toMatch(/below the source instance's alikafka\.hw\.6xlarge/);
    expect(p.warnings.map((w) => w.message).join('\n')).toMatch(/starts from the source instance's alikafka\.hw\.6xlarge/);
  });

  test('a given --io-max-spec below the source instance is a warning naming the option', () => {
    const p = plan(aliSource(), { target: { ...NEW, ioMaxSpec: 'alikafka.hw.2xlarge' } });
    expect(p.warnings).toContainEqual(
      expect.objectContaining({ option: 'target.ioMaxSpec', message: expect.stringMatching(/smaller than the source instance's/) }),
    );
  });

  test('measured traffic sizes from the traffic instead (no floor)', () => {
    const p = plan(aliSource({ traffic: { windowSeconds: 60, bytesInPerSec: 1000, peakBytesInPerSec: 2000 } }), { target: NEW });
    expect(p.instance.mode === 'new' && p.instance.ioMaxSpec).toBe('alikafka.hw.2xlarge');
  });
});
