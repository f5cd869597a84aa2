import { Construct } from 'constructs';
import { MigrationPlan } from '../plan';
import { KafkaAcl, KafkaConsumerGroup, KafkaDeployType, KafkaDiskType, KafkaEdition, KafkaInstance, KafkaSaslUser, KafkaTopic } from './kafka';
import { KafkaNetwork } from './network';

export interface KafkaMigrationProps {
  /** The plan to build (from `planMigration`). */
  readonly plan: MigrationPlan;
  /**
   * The password of each planned SASL user, by target user name. Pass sensitive variables' values
   * (`new TerraformVariable(..., { sensitive: true }).stringValue`); constructs never create variables.
   * Required for every user in the plan.
   */
  readonly userPasswords?: Readonly<Record<string, string>>;
  /**
   * Use this instance instead of the plan's: the ID of an instance the stack already has
   * (for example `myInstance.instanceId`). @default the plan's instance (new or existing ID)
   */
  readonly instanceId?: string;
  /** Protect topics with `lifecycle { prevent_destroy = true }`. @default true */
  readonly preventDestroy?: boolean;
  /**
   * Prefix for every Terraform resource name, for more than one migration in one stack.
   * @default '' (topic `orders` is `alicloud_alikafka_topic.topic_orders`)
   */
  readonly addressPrefix?: string;
}

/**
 * Everything a migration plan creates: the instance (and its network) when the plan asks for a new one,
 * then topics, consumer groups, SASL users and ACLs. Terraform addresses come from the plan, which derives
 * each from the object's own name, so adding or removing one object never changes another's address.
 */
export class KafkaMigration extends Construct {
  public readonly instanceId: string;
  public readonly instance?: KafkaInstance;
  public readonly network?: KafkaNetwork;
  public readonly topics: ReadonlyMap<string, KafkaTopic>;
  public readonly groups: ReadonlyMap<string, KafkaConsumerGroup>;
  public readonly users: ReadonlyMap<string, KafkaSaslUser>;

  constructor(scope: Construct, id: string, props: KafkaMigrationProps) {
    super(scope, id);
    const { plan } = props;
    const prefix = props.addressPrefix ?? '';
    const address = (a: string): string => `${prefix}${a}`;

    if (props.instanceId !== undefined) {
      this.instanceId = props.instanceId;
    } else if (plan.instance.mode === 'existing') {
      this.instanceId = plan.instance.instanceId;
    } else {
      const inst = plan.instance;
      let vpcId: string;
      let vswitchIds: readonly string[];
      let securityGroupId: string | undefined;
      if (inst.network.mode === 'new') {
        const network = new KafkaNetwork(this, 'Network', {
          name: inst.name,
          vpcCidr: inst.network.vpcCidr,
          vswitches: inst.network.vswitches,
          addressPrefix: address('network_'),
        });
        vpcId = network.vpcId;
        vswitchIds = network.vswitchIds;
        securityGroupId = network.securityGroupId;
        this.network = network;
      } else {
        vpcId = inst.network.vpcId;
        vswitchIds = inst.network.vswitchIds;
      }
      this.instance = new KafkaInstance(this, 'Instance', {
        name: inst.name,
        edition: KafkaEdition.of(inst.specType),
        ioMaxSpec: inst.ioMaxSpec,
        diskType: inst.diskType === 'ssd' ? KafkaDiskType.SSD : KafkaDiskType.CLOUD,
        diskSize: inst.diskSize,
        partitionNum: inst.partitionNum,
        deployType: inst.deployType === 'public' ? KafkaDeployType.PUBLIC : KafkaDeployType.VPC,
        eipMax: inst.eipMax,
        serviceVersion: inst.serviceVersion,
        vpcId,
        vswitchIds,
        zoneIds: inst.zoneIds,
        securityGroupId,
        config: inst.config,
        address: address('instance'),
      });
      this.instanceId = this.instance.instanceId;
    }

    const topics = new Map<string, KafkaTopic>();
    for (const t of plan.topics) {
      const topic = new KafkaTopic(this, t.address, {
        instanceId: this.instanceId,
        topic: t.name,
        partitions: t.partitions,
        localStorage: t.storage === 'local',
        compact: t.compact,
        configs: t.configs,
        remark: t.remark,
        preventDestroy: props.preventDestroy,
        address: address(t.address),
        importFromId: t.imported ? `${this.instanceId}:${t.name}` : undefined,
      });
      topics.set(t.name, topic);
    }
    this.topics = topics;

    const groups = new Map<string, KafkaConsumerGroup>();
    for (const g of plan.groups) {
      const group = new KafkaConsumerGroup(this, g.address, {
        instanceId: this.instanceId,
        consumerId: g.name,
        remark: g.remark,
        address: address(g.address),
        importFromId: g.imported ? `${this.instanceId}:${g.name}` : undefined,
      });
      groups.set(g.name, group);
    }
    this.groups = groups;

    const users = new Map<string, KafkaSaslUser>();
    const missing = plan.users.filter((u) => props.userPasswords?.[u.name] === undefined).map((u) => u.name);
    if (missing.length > 0) {
      throw new Error(`userPasswords has no password for user(s) ${missing.join(', ')}; pass a sensitive variable's value for each`);
    }
    for (const u of plan.users) {
      const user = new KafkaSaslUser(this, u.address, {
        instanceId: this.instanceId,
        username: u.name,
        password: props.userPasswords?.[u.name] ?? '',
        type: u.type,
        address: address(u.address),
        importFromId: u.imported ? `${this.instanceId}:${u.name}` : undefined,
      });
      users.set(u.name, user);
    }
    this.users = users;

    for (const a of plan.acls) {
      const deps: Array<KafkaSaslUser | KafkaTopic | KafkaConsumerGroup> = [];
      const user = users.get(a.username);
      if (user) deps.push(user);
      if (a.patternType === 'LITERAL' && a.resourceType === 'Topic' && topics.has(a.resourceName)) deps.push(topics.get(a.resourceName) as KafkaTopic);
      if (a.patternType === 'LITERAL' && a.resourceType === 'Group' && groups.has(a.resourceName)) deps.push(groups.get(a.resourceName) as KafkaConsumerGroup);
      new KafkaAcl(this, a.address, {
        instanceId: this.instanceId,
        username: a.username,
        resourceType: a.resourceType,
        resourceName: a.resourceName,
        patternType: a.patternType,
        operation: a.operation,
        dependsOn: deps,
        address: address(a.address),
      });
    }
  }
}
