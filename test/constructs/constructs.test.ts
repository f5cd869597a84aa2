import 'cdktn/lib/testing/adapters/jest';
import { Testing, TerraformStack } from 'cdktn';
import { AlikafkaConsumerGroup } from '../../lib/constructs/gen/providers/alicloud/alikafka-consumer-group';
import { AlikafkaSaslAcl } from '../../lib/constructs/gen/providers/alicloud/alikafka-sasl-acl';
import { AlikafkaSaslUser } from '../../lib/constructs/gen/providers/alicloud/alikafka-sasl-user';
import { AlikafkaTopic } from '../../lib/constructs/gen/providers/alicloud/alikafka-topic';
import {
  KafkaAcl,
  KafkaConsumerGroup,
  KafkaDeployType,
  KafkaDiskType,
  KafkaEdition,
  KafkaInstance,
  KafkaMigration,
  KafkaNetwork,
  KafkaSaslUser,
  KafkaTopic,
} from '../../lib/constructs';
import { validateMetadata } from '../../lib/model';
import { planMigration } from '../../lib/plan';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** The synthesized stack as cdktn's matchers take it. */
function synthText(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return Testing.synth(stack);
}

function synth(build: (stack: TerraformStack) => void): Json {
  return JSON.parse(synthText(build)) as Json;
}

const instanceProps = {
  edition: KafkaEdition.PROFESSIONAL,
  ioMaxSpec: 'alikafka.hw.2xlarge',
  diskType: KafkaDiskType.CLOUD,
  diskSize: 500,
  vpcId: 'vpc-1',
  vswitchIds: ['vsw-1'],
  zoneIds: ['cn-hangzhou-k'],
};

describe('KafkaInstance', () => {
  test('always emits disk_type, omits eip_max for VPC-only, and sends config as a JSON object of strings', () => {
    const json = synth((s) => new KafkaInstance(s, 'i', { ...instanceProps, config: { 'enable.acl': 'true' }, terraformName: 'instance' }));
    const inst = json.resource.alicloud_alikafka_instance.instance;
    expect(inst).toMatchObject({
      disk_type: 0,
      disk_size: 500,
      deploy_type: 5,
      io_max_spec: 'alikafka.hw.2xlarge',
      spec_type: 'professional',
      partition_num: 0,
      vswitch_id: 'vsw-1',
      zone_id: 'cn-hangzhou-k',
      instance_type: 'alikafka',
      paid_type: 'PostPaid',
    });
    expect(inst).not.toHaveProperty('eip_max');
    expect(JSON.parse(inst.config as string)).toEqual({ 'enable.acl': 'true' });
    expect(inst).not.toHaveProperty('topic_quota');
    expect(inst).not.toHaveProperty('io_max');
  });

  test('a public instance emits deploy_type 4 and eip_max', () => {
    const json = synth(
      (s) =>
        new KafkaInstance(s, 'i', { ...instanceProps, deployType: KafkaDeployType.PUBLIC, eipMax: 3, diskType: KafkaDiskType.SSD, terraformName: 'instance' }),
    );
    expect(json.resource.alicloud_alikafka_instance.instance).toMatchObject({ deploy_type: 4, eip_max: 3, disk_type: 1 });
  });

  test('multi-zone sets selected_zones and vswitch_ids', () => {
    const json = synth(
      (s) => new KafkaInstance(s, 'i', { ...instanceProps, vswitchIds: ['vsw-a', 'vsw-b'], zoneIds: ['za', 'zb'], terraformName: 'instance' }),
    );
    expect(json.resource.alicloud_alikafka_instance.instance).toMatchObject({ selected_zones: ['za', 'zb'], vswitch_ids: ['vsw-a', 'vsw-b'], zone_id: 'za' });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['public without eipMax', { deployType: KafkaDeployType.PUBLIC }, /needs eipMax/],
    ['no vSwitch', { vswitchIds: [] }, /vswitchIds must name at least one vSwitch/],
    ['standard edition across zones', { edition: KafkaEdition.STANDARD, zoneIds: ['a', 'b'], vswitchIds: ['x', 'y'] }, /single-zone only/],
  ])('fails if %s', (_n, over, expected) => {
    expect(() => synth((s) => new KafkaInstance(s, 'i', { ...instanceProps, ...over }))).toThrow(expected);
  });
});

describe('KafkaTopic', () => {
  test('is protected from destroy by default and maps storage flags', () => {
    const text = synthText(
      (s) => new KafkaTopic(s, 't', { instanceId: 'i-1', topic: 'orders', partitions: 12, remark: 'orders_topic', terraformName: 'topic_orders' }),
    );
    expect(text).toHaveResourceWithProperties(AlikafkaTopic, {
      instance_id: 'i-1',
      topic: 'orders',
      partition_num: 12,
      local_topic: false,
      compact_topic: false,
      remark: 'orders_topic',
      lifecycle: { prevent_destroy: true },
    });
    expect((JSON.parse(text) as Json).resource.alicloud_alikafka_topic.topic_orders).not.toHaveProperty('configs');
  });

  test('compact implies local storage, configs are a JSON string, prevent_destroy can be lifted', () => {
    const json = synth(
      (s) =>
        new KafkaTopic(s, 't', {
          instanceId: 'i-1',
          topic: 'profiles',
          partitions: 6,
          compact: true,
          configs: { 'retention.ms': '3600000' },
          remark: 'profiles',
          preventDestroy: false,
          terraformName: 'topic_profiles',
        }),
    );
    const t = json.resource.alicloud_alikafka_topic.topic_profiles;
    expect(t).toMatchObject({ local_topic: true, compact_topic: true, configs: '{"retention.ms":"3600000"}' });
    expect(t).not.toHaveProperty('lifecycle');
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['the name has a space', { topic: 'my topic' }, /topic name "my topic" is invalid: it must be 3-64 characters/],
    ['the name is 2 characters', { topic: 'ab' }, /topic name "ab" is invalid/],
    ['the remark has a dot', { remark: 'a.b.c' }, /topic remark "a.b.c" is invalid: it must be 3-64 characters of \[A-Za-z0-9_-\]/],
    ['partitions are 0', { partitions: 0 }, /partitions must be a whole number >= 1, got 0/],
    ['partitions are 1.5', { partitions: 1.5 }, /partitions must be a whole number >= 1, got 1.5/],
    ['a cloud topic has 1 partition', { partitions: 1 }, /cloud-storage topics need at least 2 partitions/],
    ['compact without local storage', { compact: true, localStorage: false }, /compaction needs local storage/],
    ['configs on a cloud topic', { configs: { 'retention.ms': '3600000' } }, /per-topic configs need local storage/],
  ])('fails if %s', (_n, over, expected) => {
    expect(() => synth((s) => new KafkaTopic(s, 't', { instanceId: 'i-1', topic: 'orders', partitions: 12, remark: 'orders_topic', ...over }))).toThrow(
      expected,
    );
  });

  test('warns (does not throw) above 360 partitions, a limit Alibaba may lift', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    const t = new KafkaTopic(stack, 't', { instanceId: 'i-1', topic: 'orders', partitions: 400, remark: 'orders_topic' });
    expect(t.node.metadata.map((m) => String(m.data))).toEqual(expect.arrayContaining([expect.stringMatching(/400 partitions exceed the 360/)]));
  });
});

describe('groups, users, ACLs, network', () => {
  test('a group has consumer_id and remark; a user takes its password from a token; an ACL maps all fields', () => {
    const text = synthText((s) => {
      new KafkaConsumerGroup(s, 'g', { instanceId: 'i-1', consumerId: 'billing', remark: 'billing_group', terraformName: 'group_billing' });
      const user = new KafkaSaslUser(s, 'u', { instanceId: 'i-1', username: 'alice', password: '${var.pw}', terraformName: 'user_alice' });
      new KafkaAcl(s, 'a', {
        instanceId: 'i-1',
        username: 'alice',
        resourceType: 'Topic',
        resourceName: 'orders',
        patternType: 'LITERAL',
        operation: 'Read',
        dependsOn: [user],
        terraformName: 'acl_1',
      });
    });
    expect(text).toHaveResourceWithProperties(AlikafkaConsumerGroup, { consumer_id: 'billing', remark: 'billing_group' });
    expect(text).toHaveResourceWithProperties(AlikafkaSaslUser, { username: 'alice', type: 'scram' });
    expect(text).toHaveResourceWithProperties(AlikafkaSaslAcl, {
      username: 'alice',
      acl_resource_type: 'Topic',
      acl_resource_name: 'orders',
      acl_resource_pattern_type: 'LITERAL',
      acl_operation_type: 'Read',
      depends_on: ['alicloud_alikafka_sasl_user.user_alice'],
    });
  });

  test('the network uses vpc_name, vswitch_name + zone_id and security_group_name, not the deprecated fields', () => {
    const json = synth(
      (s) =>
        new KafkaNetwork(s, 'n', { name: 'kafka', vpcCidr: '10.0.0.0/8', vswitches: [{ zoneId: 'za', cidr: '10.0.0.0/24' }], terraformNamePrefix: 'net_' }),
    );
    expect(json.resource.alicloud_vpc.net_vpc).toEqual({ vpc_name: 'kafka-vpc', cidr_block: '10.0.0.0/8' });
    expect(json.resource.alicloud_vswitch.net_vswitch_za).toMatchObject({
      vswitch_name: 'kafka-za',
      zone_id: 'za',
      cidr_block: '10.0.0.0/24',
      vpc_id: '${alicloud_vpc.net_vpc.id}',
    });
    expect(json.resource.alicloud_vswitch.net_vswitch_za).not.toHaveProperty('availability_zone');
    expect(json.resource.alicloud_security_group.net_security_group).toMatchObject({ security_group_name: 'kafka-sg', vpc_id: '${alicloud_vpc.net_vpc.id}' });
  });
});

describe('KafkaMigration', () => {
  const meta = validateMetadata({
    formatVersion: 1,
    source: { kind: 'manual' },
    topics: [
      { name: 'orders', partitions: 12 },
      { name: 'profiles', partitions: 3, configs: { 'cleanup.policy': 'compact' } },
    ],
    consumerGroups: [{ groupId: 'billing', members: 2, topics: ['orders'] }],
    users: [{ name: 'alice' }],
    acls: [{ principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Read', permission: 'Allow' }],
  });

  test('builds a new instance with its network, wired by reference, with stable addresses', () => {
    const plan = planMigration(meta, {
      target: {
        mode: 'new',
        region: 'cn-hangzhou',
        zoneIds: ['cn-hangzhou-k'],
        network: { mode: 'new', vpcCidr: '10.0.0.0/8', vswitchCidrs: ['10.0.0.0/24'] },
      },
    });
    const json = synth((s) => new KafkaMigration(s, 'm', { plan, userPasswords: { alice: '${var.pw}' } }));
    expect(Object.keys(json.resource).sort()).toEqual([
      'alicloud_alikafka_consumer_group',
      'alicloud_alikafka_instance',
      'alicloud_alikafka_sasl_acl',
      'alicloud_alikafka_sasl_user',
      'alicloud_alikafka_topic',
      'alicloud_security_group',
      'alicloud_vpc',
      'alicloud_vswitch',
    ]);
    expect(Object.keys(json.resource.alicloud_alikafka_topic).sort()).toEqual(['topic_orders', 'topic_profiles']);
    expect(json.resource.alicloud_alikafka_topic.topic_orders.instance_id).toBe('${alicloud_alikafka_instance.instance.id}');
    expect(json.resource.alicloud_alikafka_instance.instance).toMatchObject({
      vpc_id: '${alicloud_vpc.network_vpc.id}',
      vswitch_id: '${alicloud_vswitch.network_vswitch_cn-hangzhou-k.id}',
      security_group: '${alicloud_security_group.network_security_group.id}',
    });
  });

  test('embeds in a stack with an existing instance ID and an address prefix', () => {
    const plan = planMigration(meta, { target: { mode: 'existing', instanceId: 'alikafka-1', specType: 'professional' } });
    const json = synth((s) => new KafkaMigration(s, 'm', { plan, userPasswords: { alice: 'x' }, terraformNamePrefix: 'eu_' }));
    expect(json.resource).not.toHaveProperty('alicloud_alikafka_instance');
    expect(json.resource.alicloud_alikafka_topic.eu_topic_orders).toMatchObject({ instance_id: 'alikafka-1' });
  });

  test('fails if a user has no password', () => {
    const plan = planMigration(meta, { target: { mode: 'existing', instanceId: 'alikafka-1', specType: 'professional' } });
    expect(() => synth((s) => new KafkaMigration(s, 'm', { plan }))).toThrow(/userPasswords has no password for user\(s\) alice/);
  });
});
