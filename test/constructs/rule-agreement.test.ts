/**
 * Each test here failed before the rule book: the constructs and the plan used to carry their own copies of
 * AliKafka's rules, and the copies disagreed.
 */
import 'cdktn/lib/testing/adapters/jest';
import { Testing, TerraformStack } from 'cdktn';
import { KafkaEdition, KafkaDiskType, KafkaInstance, KafkaMigration } from '../../lib/constructs';
import { AlikafkaTopic } from '../../lib/constructs/gen/providers/alicloud/alikafka-topic';
import { validateMetadata } from '../../lib/model';
import { MigrationPlan, planMigration } from '../../lib/plan';

const base = {
  ioMaxSpec: 'alikafka.hw.2xlarge',
  diskType: KafkaDiskType.CLOUD,
  diskSize: 500,
  vpcId: 'vpc-1',
  vswitchIds: ['vsw-a', 'vsw-b'],
  zoneIds: ['za', 'zb'],
};

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('constructs and plan apply the same rules', () => {
  test('fails if a Standard edition built with KafkaEdition.of spans zones, as the plan does', () => {
    expect(() => new KafkaInstance(stack(), 'i', { ...base, edition: KafkaEdition.of('normal') })).toThrow(/single-zone only/);
  });

  test("warns when the disk is below the minimum of its traffic spec (the plan's rule), not only below 500 GB", () => {
    const i = new KafkaInstance(stack(), 'i', {
      ...base,
      vswitchIds: ['vsw-a'],
      zoneIds: ['za'],
      edition: KafkaEdition.PROFESSIONAL,
      ioMaxSpec: 'alikafka.hw.6xlarge',
      diskSize: 800,
    });
    expect(i.node.metadata.map((m) => String(m.data))).toEqual([
      expect.stringMatching(/disk size 800 GB: AliKafka sells disks from 1400 GB for alikafka.hw.6xlarge/),
    ]);
  });

  test("an adopted topic gets the plan's ignore_changes and import ID, not ones the construct derives", () => {
    const meta = validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 12 }] });
    const planned = planMigration(meta, { target: { mode: 'existing', instanceId: 'alikafka_post-cn-1', specType: 'professional' } });
    const plan: MigrationPlan = {
      ...planned,
      topics: planned.topics.map((t) => ({ ...t, adopted: { importId: 'alikafka_post-cn-1:orders', ignoreChanges: ['compact_topic'], reason: 'test' } })),
    };
    const s = stack();
    new KafkaMigration(s, 'm', { plan });
    const json = Testing.synth(s);
    expect(json).toHaveResourceWithProperties(AlikafkaTopic, { topic: 'orders', lifecycle: { prevent_destroy: true, ignore_changes: ['compact_topic'] } });
    expect(JSON.parse(json).import).toEqual([{ id: 'alikafka_post-cn-1:orders', to: 'alicloud_alikafka_topic.topic_orders' }]);
  });

  test('the plan defaults the traffic spec to the smallest one sold for the edition (High Read included)', () => {
    const meta = validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 12 }] });
    const p = planMigration(meta, { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], specType: 'professionalForHighRead' } });
    expect(p.instance.mode === 'new' && p.instance.ioMaxSpec).toBe('alikafka.hr.2xlarge');
  });

  test('the plan, not the caller, chooses the default network, with its reason', () => {
    const meta = validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 12 }] });
    const p = planMigration(meta, { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-j', 'cn-hangzhou-k'] } });
    expect(p.instance.mode === 'new' && p.instance.network).toEqual({
      mode: 'new',
      vpcCidr: '172.16.0.0/12',
      vswitches: [
        { zoneId: 'cn-hangzhou-j', cidr: '172.16.0.0/24' },
        { zoneId: 'cn-hangzhou-k', cidr: '172.16.1.0/24' },
      ],
      reason: expect.stringMatching(/^default/),
    });
  });
});
