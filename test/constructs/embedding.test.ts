// The embedder's API: typed endpoints, topicName/topicId/groupId, one factory style, ValidationError with the
// construct path, the plan targeting an instance construct, and a validating synth of the embedding example.
import 'cdktn/lib/testing/adapters/jest';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktn';
import {
  AlicloudProvider,
  KafkaConsumerGroup,
  KafkaDeployType,
  KafkaDiskType,
  KafkaEdition,
  KafkaEndpoint,
  KafkaEndpointAttribute,
  KafkaInstance,
  KafkaMigration,
  KafkaTopic,
  ValidationError,
} from '../../lib/constructs';
import { AlikafkaMigrateError } from '../../lib/errors';
import { AlikafkaInstance } from '../../lib/constructs/gen/providers/alicloud/alikafka-instance';
import { AlikafkaTopic } from '../../lib/constructs/gen/providers/alicloud/alikafka-topic';
import { existingObjectsFromMetadata, loadMetadataFile } from '../../lib/model';
import { planMigration } from '../../lib/plan';
import { EXAMPLE_METADATA } from '../helpers';
import { ExistingPlatformStack } from '../../examples/existing-stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON
type Json = Record<string, any>;

const instanceProps = {
  edition: KafkaEdition.PROFESSIONAL,
  ioMaxSpec: 'alikafka.hw.2xlarge',
  diskType: KafkaDiskType.SSD,
  diskSize: 500,
  vpcId: 'vpc-1',
  vswitchIds: ['vsw-1'],
  zoneIds: ['cn-hangzhou-k'],
  terraformName: 'kafka',
};

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'embed');
  new AlicloudProvider(s, 'alicloud', { region: 'cn-hangzhou' });
  return s;
}

function synth(s: TerraformStack): Json {
  return JSON.parse(Testing.synth(s, true)) as Json;
}

/** The error `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('KafkaInstance endpoints', () => {
  test('each KafkaEndpoint reads its domain-name attribute; each KafkaEndpointAttribute its own', () => {
    const s = stack();
    const kafka = new KafkaInstance(s, 'Kafka', instanceProps);
    const out = (id: string, value: string): TerraformOutput => new TerraformOutput(s, id, { value });
    out('vpc', kafka.endpointOf(KafkaEndpoint.VPC));
    out('vpc_sasl', kafka.endpointOf(KafkaEndpoint.VPC_SASL));
    out('vpc_ssl', kafka.endpointOf(KafkaEndpoint.VPC_SSL));
    out('public', kafka.endpointOf(KafkaEndpoint.PUBLIC));
    out('ip', kafka.endpointAttribute(KafkaEndpointAttribute.END_POINT));
    out('public_ip', kafka.endpointAttribute(KafkaEndpointAttribute.SSL_ENDPOINT));
    out('endpoint', kafka.endpoint);
    out('sasl', kafka.saslEndpoint);
    const o = synth(s).output as Json;
    const ref = (a: string): string => `\${alicloud_alikafka_instance.kafka.${a}}`;
    expect(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, (v as Json).value]))).toEqual({
      vpc: ref('domain_endpoint'),
      vpc_sasl: ref('sasl_domain_endpoint'),
      vpc_ssl: ref('vpc_sasl_domain_endpoint'),
      public: ref('ssl_domain_endpoint'),
      ip: ref('end_point'),
      public_ip: ref('ssl_endpoint'),
      endpoint: ref('end_point'),
      sasl: ref('sasl_domain_endpoint'),
    });
  });

  test.each([
    [KafkaEndpoint.VPC, 9092, 'PLAINTEXT'],
    [KafkaEndpoint.VPC_SASL, 9094, 'SASL_PLAINTEXT'],
    [KafkaEndpoint.VPC_SSL, 9095, 'SASL_SSL'],
    [KafkaEndpoint.PUBLIC, 9093, 'SASL_SSL'],
  ])('KafkaEndpoint %# carries the rule module port and protocol', (e, port, protocol) => {
    expect([e.port, e.spec.securityProtocol]).toEqual([port, protocol]);
    expect(KafkaEndpoint.of(e.kind)).toBe(e);
  });
});

describe('one factory style: named constants and of()', () => {
  test('of() returns the constant for a known value, and keeps an unknown edition as given', () => {
    expect(KafkaEdition.of('professional')).toBe(KafkaEdition.PROFESSIONAL);
    expect(KafkaEdition.of('normal')).toBe(KafkaEdition.STANDARD);
    expect(KafkaEdition.of('enterprise').specType).toBe('enterprise');
    expect(KafkaDeployType.of('public')).toBe(KafkaDeployType.PUBLIC);
    expect(KafkaDiskType.of('ssd')).toBe(KafkaDiskType.SSD);
    expect(KafkaEndpointAttribute.of('ssl_endpoint')).toBe(KafkaEndpointAttribute.SSL_ENDPOINT);
    for (const cls of [KafkaEdition, KafkaDeployType, KafkaDiskType, KafkaEndpoint, KafkaEndpointAttribute]) {
      expect([cls.name, typeof cls.of, 'fromName' in cls]).toEqual([cls.name, 'function', false]);
    }
  });
});

describe('KafkaTopic and KafkaConsumerGroup attributes', () => {
  test('topicName, topicId and groupId are references to the created objects', () => {
    const s = stack();
    const topic = new KafkaTopic(s, 'Orders', { instanceId: 'alikafka-1', topic: 'orders', partitions: 12, remark: 'orders_topic', terraformName: 'orders' });
    const group = new KafkaConsumerGroup(s, 'Billing', { instanceId: 'alikafka-1', consumerId: 'billing', remark: 'billing_group', terraformName: 'billing' });
    new TerraformOutput(s, 'topic_name', { value: topic.topicName });
    new TerraformOutput(s, 'topic_id', { value: topic.topicId });
    new TerraformOutput(s, 'group_id', { value: group.groupId });
    const o = synth(s).output as Json;
    expect([o.topic_name.value, o.topic_id.value, o.group_id.value]).toEqual([
      '${alicloud_alikafka_topic.orders.topic}',
      '${alicloud_alikafka_topic.orders.id}',
      '${alicloud_alikafka_consumer_group.billing.consumer_id}',
    ]);
  });
});

describe('ValidationError', () => {
  test.each<[string, () => void, string, string]>([
    [
      'a topic with 0 partitions',
      () => new KafkaTopic(stack(), 'Orders', { instanceId: 'i', topic: 'orders', partitions: 0, remark: 'orders_topic' }),
      'embed/Orders',
      'partitions',
    ],
    ['a group named "ab"', () => new KafkaConsumerGroup(stack(), 'G', { instanceId: 'i', consumerId: 'ab', remark: 'remark' }), 'embed/G', 'consumerId'],
    [
      'a public instance without eipMax',
      () => new KafkaInstance(stack(), 'Kafka', { ...instanceProps, deployType: KafkaDeployType.PUBLIC }),
      'embed/Kafka',
      'eipMax',
    ],
  ])('%s: a ValidationError of the error family, with the construct path and the prop', (_n, fn, constructPath, field) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(ValidationError);
    expect(AlikafkaMigrateError.isAlikafkaMigrateError(e)).toBe(true);
    const v = e as ValidationError;
    expect([v.kind, v.constructPath, v.field]).toEqual(['input', constructPath, field]);
    expect(v.message.startsWith(`${constructPath}: `)).toBe(true);
  });

  test('a migration missing a user password names the construct and userPasswords', () => {
    const meta = loadMetadataFile(EXAMPLE_METADATA);
    const plan = planMigration(meta, { target: { mode: 'existing', instanceId: 'alikafka-1', specType: 'professional' } });
    const e = thrown(() => new KafkaMigration(stack(), 'Wave', { plan })) as ValidationError;
    expect([e.name, e.constructPath, e.field]).toEqual(['ValidationError', 'embed/Wave', 'userPasswords']);
  });
});

describe('a plan targeting an instance construct', () => {
  test('topics, groups and import IDs all take the construct ID; nothing states the instance twice', () => {
    const meta = loadMetadataFile(EXAMPLE_METADATA);
    const s = stack();
    const kafka = new KafkaInstance(s, 'Kafka', { ...instanceProps, ioMaxSpec: 'alikafka.hw.6xlarge', partitionNum: 500 });
    const target = kafka.asPlanTarget();
    expect(target).toMatchObject({ mode: 'existing', specType: 'professional', ioMaxSpec: 'alikafka.hw.6xlarge', partitionNum: 500 });
    // the orders topics already exist on the instance: adopted with import blocks
    const existing = existingObjectsFromMetadata({ ...meta, topics: meta.topics.filter((t) => t.name.startsWith('orders')), consumerGroups: [] });
    const plan = planMigration({ ...meta, users: [], acls: [] }, { target, include: ['orders.*', 'payments.*'], existing });
    new KafkaMigration(s, 'Wave', { plan, terraformNamePrefix: 'wave1_' });
    const json = synth(s);
    const id = '${alicloud_alikafka_instance.kafka.id}';
    for (const t of Object.values(json.resource.alicloud_alikafka_topic as Json)) expect(t.instance_id).toBe(id);
    for (const g of Object.values(json.resource.alicloud_alikafka_consumer_group as Json)) expect(g.instance_id).toBe(id);
    const imports = json.import as Json[];
    expect(imports.length).toBe(meta.topics.filter((t) => t.name.startsWith('orders')).length);
    for (const i of imports) expect(i.id).toMatch(/^\$\{alicloud_alikafka_instance\.kafka\.id\}:orders/);
  });
});

describe('validating synth of the embedding example (examples/existing-stack.ts)', () => {
  const app = Testing.app();
  const example = new ExistingPlatformStack(app, 'existing-platform', { metadata: loadMetadataFile(EXAMPLE_METADATA) });
  const text = Testing.synth(example, true);

  test('runs the stack validations (provider presence) and has the instance, topics and groups', () => {
    expect(text).toHaveProvider(AlicloudProvider);
    expect(text).toHaveResourceWithProperties(AlikafkaInstance, { name: 'platform-kafka', io_max_spec: 'alikafka.hw.6xlarge', partition_num: 500 });
    expect(text).toHaveResourceWithProperties(AlikafkaTopic, {
      topic: 'orders.created.v1',
      partition_num: 24,
      instance_id: '${alicloud_alikafka_instance.platform_kafka.id}',
    });
    const json = JSON.parse(text) as Json;
    expect(Object.keys(json.resource.alicloud_alikafka_topic).every((k) => k.startsWith('wave1_'))).toBe(true);
  });

  test('the same constructs without a provider fail the validation', () => {
    const bare = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'bare');
    new KafkaInstance(bare, 'Kafka', instanceProps);
    expect(() => Testing.synth(bare, true)).toThrow(/without a matching provider/);
  });

  test('fullSynth writes the cdktf.out layout for it', () => {
    const outdir = Testing.fullSynth(example);
    expect(outdir).toBeTruthy();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const written = require(path.join(outdir, 'stacks', 'existing-platform', 'cdk.tf.json')) as Json;
    expect(written.resource.alicloud_alikafka_instance.platform_kafka).toBeDefined();
  });
});
