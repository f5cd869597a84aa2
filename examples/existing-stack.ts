/**
 * Embedding the constructs in a stack you already have: an existing VPC and vSwitch, an AliKafka
 * instance this stack already manages, and your own provider and variables. Only the topics and groups
 * of the `orders` and `payments` domains move in this wave; SASL users come in a later one.
 */
import { TerraformStack, TerraformVariable } from 'cdktn';
import { Construct } from 'constructs';
import { AlicloudProvider, KafkaDiskType, KafkaEdition, KafkaInstance, KafkaMigration } from '../lib/constructs';
import { ClusterMetadata } from '../lib/model';
import { planMigration } from '../lib/plan';

export interface ExistingPlatformStackProps {
  readonly metadata: ClusterMetadata;
}

export class ExistingPlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: ExistingPlatformStackProps) {
    super(scope, id);
    new AlicloudProvider(this, 'alicloud', { region: 'cn-shanghai' });

    // Your existing network, passed in as plain IDs.
    const vpcId = new TerraformVariable(this, 'vpc_id', { type: 'string', description: 'existing VPC' }).stringValue;
    const vswitchId = new TerraformVariable(this, 'vswitch_id', { type: 'string', description: 'existing vSwitch' }).stringValue;

    // The instance this stack already manages (unchanged address: alicloud_alikafka_instance.platform_kafka).
    const kafka = new KafkaInstance(this, 'PlatformKafka', {
      name: 'platform-kafka',
      edition: KafkaEdition.PROFESSIONAL,
      ioMaxSpec: 'alikafka.hw.6xlarge',
      diskType: KafkaDiskType.SSD,
      diskSize: 1400,
      partitionNum: 500,
      vpcId,
      vswitchIds: [vswitchId],
      zoneIds: ['cn-shanghai-b'],
      terraformName: 'platform_kafka',
    });

    // The migration plan for this wave, with that instance as its target: its ID, edition, traffic spec and
    // partitions come from the construct (stated once, above), so topics, groups and import IDs all use its ID.
    const plan = planMigration({ ...props.metadata, users: [], acls: [] }, { target: kafka.asPlanTarget(), include: ['orders.*', 'payments.*'] });
    new KafkaMigration(this, 'OrdersAndPayments', { plan, terraformNamePrefix: 'wave1_' });
  }
}
