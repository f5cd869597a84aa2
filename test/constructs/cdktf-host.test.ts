// cdktf 0.21 users keep working: a cdktf 0.21 app (archived by HashiCorp, a dev dependency here) hosts the constructs,
// which are built on CDK Terrain (cdktn), and synthesizes the same resources as a cdktn app. References cross
// the two frameworks both ways: a cdktf variable feeds a construct's props, a construct's attribute feeds a cdktf
// output and a cdktf resource.
import * as fs from 'fs';
import * as path from 'path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { Construct } from 'constructs';
import { AlicloudProvider, KafkaDiskType, KafkaEdition, KafkaInstance, KafkaMigration } from '../../lib';
import { loadMetadataFile } from '../../lib/model';
import { planMigration } from '../../lib/plan';
import { EXAMPLE_METADATA } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON
type Json = Record<string, any>;

const metadata = loadMetadataFile(EXAMPLE_METADATA);

/** The constructs of the host program, the same on both frameworks: the instance takes the host's network IDs. */
function addKafka(stack: Construct, vpcId: string, vswitchId: string): KafkaInstance {
  new AlicloudProvider(stack, 'alicloud', { region: 'cn-hangzhou' });
  const kafka = new KafkaInstance(stack, 'Kafka', {
    edition: KafkaEdition.PROFESSIONAL,
    ioMaxSpec: 'alikafka.hw.2xlarge',
    diskType: KafkaDiskType.SSD,
    diskSize: 500,
    vpcId,
    vswitchIds: [vswitchId],
    zoneIds: ['cn-hangzhou-k'],
    terraformName: 'kafka',
  });
  const plan = planMigration({ ...metadata, users: [], acls: [] }, { target: kafka.asPlanTarget(), include: ['orders.*'] });
  new KafkaMigration(stack, 'Migration', { plan });
  return kafka;
}

/** The host program on cdktf 0.21: its stack, variables (into the constructs), an output and a resource (from them). */
function hostOnCdktf(): cdktf.TerraformStack {
  const stack = new cdktf.TerraformStack(cdktf.Testing.app(), 'host');
  const vpcId = new cdktf.TerraformVariable(stack, 'vpc_id', { type: 'string' }).stringValue;
  const vswitchId = new cdktf.TerraformVariable(stack, 'vswitch_id', { type: 'string' }).stringValue;
  const kafka = addKafka(stack, vpcId, vswitchId);
  new cdktf.TerraformOutput(stack, 'endpoint', { value: kafka.endpoint });
  new cdktf.TerraformResource(stack, 'note', { terraformResourceType: 'terraform_data' }).addOverride('input', { instance: kafka.instanceId });
  return stack;
}

/** The same program on cdktn 0.24. */
function hostOnCdktn(): cdktn.TerraformStack {
  const stack = new cdktn.TerraformStack(cdktn.Testing.app(), 'host');
  const vpcId = new cdktn.TerraformVariable(stack, 'vpc_id', { type: 'string' }).stringValue;
  const vswitchId = new cdktn.TerraformVariable(stack, 'vswitch_id', { type: 'string' }).stringValue;
  const kafka = addKafka(stack, vpcId, vswitchId);
  new cdktn.TerraformOutput(stack, 'endpoint', { value: kafka.endpoint });
  new cdktn.TerraformResource(stack, 'note', { terraformResourceType: 'terraform_data' }).addOverride('input', { instance: kafka.instanceId });
  return stack;
}

describe('a cdktf 0.21 app hosting the constructs', () => {
  const onCdktf = JSON.parse(cdktf.Testing.synth(hostOnCdktf(), true)) as Json;
  const onCdktn = JSON.parse(cdktn.Testing.synth(hostOnCdktn(), true)) as Json;

  test('the two frameworks are separate copies (the test would prove nothing otherwise)', () => {
    expect(cdktf.TerraformStack).not.toBe(cdktn.TerraformStack);
    expect(require('cdktf/package.json').version).toBe('0.21.0'); // eslint-disable-line @typescript-eslint/no-require-imports
    expect(require('cdktn/package.json').version).toBe('0.24.0'); // eslint-disable-line @typescript-eslint/no-require-imports
  });

  test('synthesizes the same resources, variables, outputs and provider requirements as the cdktn app', () => {
    expect(Object.keys(onCdktf.resource).sort()).toEqual(
      expect.arrayContaining(['alicloud_alikafka_consumer_group', 'alicloud_alikafka_instance', 'alicloud_alikafka_topic', 'terraform_data']),
    );
    expect(onCdktf.resource).toEqual(onCdktn.resource);
    expect(onCdktf.import ?? []).toEqual(onCdktn.import ?? []);
    expect(onCdktf.variable).toEqual(onCdktn.variable);
    expect(onCdktf.output).toEqual(onCdktn.output);
    expect(onCdktf.provider).toEqual(onCdktn.provider);
    expect(onCdktf.terraform.required_providers).toEqual({ alicloud: { source: 'aliyun/alicloud', version: '1.289.0' } });
    expect(onCdktf.terraform.required_providers).toEqual(onCdktn.terraform.required_providers);
  });

  test('tokens cross both ways: cdktf variables into the instance, the instance into cdktf outputs and resources', () => {
    const instance = onCdktf.resource.alicloud_alikafka_instance.kafka;
    expect(instance.vpc_id).toBe('${var.vpc_id}');
    expect(instance.vswitch_id).toBe('${var.vswitch_id}');
    expect(onCdktf.output.endpoint.value).toBe('${alicloud_alikafka_instance.kafka.end_point}');
    expect(onCdktf.resource.terraform_data.note.input).toEqual({ instance: '${alicloud_alikafka_instance.kafka.id}' });
    const topics = Object.values(onCdktf.resource.alicloud_alikafka_topic as Json);
    expect(topics.length).toBeGreaterThan(0);
    for (const t of topics) expect(t.instance_id).toBe('${alicloud_alikafka_instance.kafka.id}');
  });

  test('the cdktf app writes the same resources into the cdktf.out layout (stacks/<stack>/cdk.tf.json), construct paths included', () => {
    const written = (outdir: string): Json => {
      try {
        return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'host', 'cdk.tf.json'), 'utf8')) as Json;
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    };
    const fromCdktf = written(cdktf.Testing.fullSynth(hostOnCdktf()));
    const fromCdktn = written(cdktn.Testing.fullSynth(hostOnCdktn()));
    expect(fromCdktf.resource.alicloud_alikafka_instance.kafka['//'].metadata.path).toBe('host/Kafka/Resource');
    expect(fromCdktf.resource).toEqual(fromCdktn.resource);
  });
});
