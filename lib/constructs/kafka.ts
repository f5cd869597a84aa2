import { Annotations, TerraformResource, TerraformResourceLifecycle, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlikafkaConsumerGroup } from './gen/providers/alicloud/alikafka-consumer-group';
import { AlikafkaInstance } from './gen/providers/alicloud/alikafka-instance';
import { AlikafkaSaslAcl } from './gen/providers/alicloud/alikafka-sasl-acl';
import { AlikafkaSaslUser } from './gen/providers/alicloud/alikafka-sasl-user';
import { AlikafkaTopic } from './gen/providers/alicloud/alikafka-topic';

/** An AliKafka edition (`spec_type`). */
export class KafkaEdition {
  /** Standard (High Write): shared, single-zone, cloud storage only, no ACLs. */
  public static readonly STANDARD = new KafkaEdition('normal');
  /** Professional (High Write): dedicated, multi-zone, local storage, compaction, ACLs. */
  public static readonly PROFESSIONAL = new KafkaEdition('professional');
  /** Professional (High Read). */
  public static readonly PROFESSIONAL_HIGH_READ = new KafkaEdition('professionalForHighRead');
  /** Any other edition string, for values this build does not know yet. */
  public static of(specType: string): KafkaEdition {
    return new KafkaEdition(specType);
  }
  private constructor(public readonly specType: string) {}
}

/** How the instance is reached (`deploy_type`). */
export class KafkaDeployType {
  /** VPC only (`deploy_type = 5`). */
  public static readonly VPC = new KafkaDeployType(5);
  /** Internet and VPC (`deploy_type = 4`); needs `eipMax`. */
  public static readonly PUBLIC = new KafkaDeployType(4);
  private constructor(public readonly value: 4 | 5) {}
}

/** Disk type (`disk_type`): always emitted, since an unset value silently means ultra disk. */
export class KafkaDiskType {
  /** Ultra (efficient) cloud disk, `disk_type = 0`. */
  public static readonly CLOUD = new KafkaDiskType(0);
  /** SSD, `disk_type = 1`. */
  public static readonly SSD = new KafkaDiskType(1);
  private constructor(public readonly value: 0 | 1) {}
}

/**
 * Gives a resource its Terraform name (before anything reads its attributes, which fixes the address) and,
 * for an adopted object, its `import` block.
 */
function place(resource: TerraformResource, props: { readonly address?: string; readonly importFromId?: string }): void {
  if (props.address !== undefined) resource.overrideLogicalId(props.address);
  if (props.importFromId !== undefined) resource.importFrom(props.importFromId);
}

const NAME_RE = /^[A-Za-z0-9_.-]{3,64}$/;
const REMARK_RE = /^[A-Za-z0-9_-]{3,64}$/;

function checkName(what: string, value: string, re: RegExp, rule: string): void {
  if (!Token.isUnresolved(value) && !re.test(value)) {
    throw new Error(`${what} ${JSON.stringify(value)} is invalid: it must be ${rule}`);
  }
}

export interface KafkaInstanceProps {
  /** Instance name, 3-64 characters. @default the instance ID */
  readonly name?: string;
  readonly edition: KafkaEdition;
  /** Traffic spec, e.g. `alikafka.hw.2xlarge`. */
  readonly ioMaxSpec: string;
  readonly diskType: KafkaDiskType;
  /** Disk size in GB. */
  readonly diskSize: number;
  /** Partitions bought on top of those included in the spec. @default 0 */
  readonly partitionNum?: number;
  /** @default KafkaDeployType.VPC */
  readonly deployType?: KafkaDeployType;
  /** Public bandwidth (MB/s); required for, and only emitted with, `KafkaDeployType.PUBLIC`. */
  readonly eipMax?: number;
  /** `2.2.0` or `2.6.2`. @default the service's default */
  readonly serviceVersion?: string;
  readonly vpcId: string;
  /** One vSwitch per zone; the first is the instance's main vSwitch. */
  readonly vswitchIds: readonly string[];
  /** Zones; more than one deploys across zones (the last is the standby zone). */
  readonly zoneIds: readonly string[];
  /** @default the service creates one */
  readonly securityGroupId?: string;
  /** Instance settings, emitted as a JSON object of strings (`{"enable.acl":"true"}`). @default none */
  readonly config?: Readonly<Record<string, string>>;
  /** @default PostPaid */
  readonly paidType?: 'PostPaid' | 'PrePaid';
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktf's path-based name */
  readonly address?: string;
}

/** An AliKafka reserved (non-serverless) instance. */
export class KafkaInstance extends Construct {
  public readonly resource: AlikafkaInstance;
  /** The instance ID, for topics, groups and users. */
  public readonly instanceId: string;
  /** The default VPC endpoint (`host:9092,...`). */
  public readonly endpoint: string;
  /** The SASL endpoint (when SASL is enabled). */
  public readonly saslEndpoint: string;

  constructor(scope: Construct, id: string, props: KafkaInstanceProps) {
    super(scope, id);
    const deployType = props.deployType ?? KafkaDeployType.VPC;
    if (props.vswitchIds.length === 0) throw new Error('vswitchIds must name at least one vSwitch');
    if (props.zoneIds.length === 0) throw new Error('zoneIds must name at least one zone');
    if (deployType === KafkaDeployType.PUBLIC && props.eipMax === undefined) {
      throw new Error('a public instance needs eipMax (public bandwidth in MB/s)');
    }
    if (!Token.isUnresolved(props.diskSize) && (props.diskSize < 500 || props.diskSize % 100 !== 0)) {
      Annotations.of(this).addWarning(`disk size ${props.diskSize} GB: AliKafka sells disks from 500 GB in steps of 100 GB`);
    }
    if (props.zoneIds.length > 1 && props.edition === KafkaEdition.STANDARD) {
      throw new Error('the standard edition is single-zone only; use KafkaEdition.PROFESSIONAL for multi-zone');
    }
    const config = props.config && Object.keys(props.config).length > 0
      ? JSON.stringify(Object.fromEntries(Object.keys(props.config).sort().map((k) => [k, String(props.config?.[k])])))
      : undefined;
    this.resource = new AlikafkaInstance(this, 'Resource', {
      name: props.name,
      instanceType: 'alikafka',
      paidType: props.paidType ?? 'PostPaid',
      specType: props.edition.specType,
      ioMaxSpec: props.ioMaxSpec,
      diskType: props.diskType.value,
      diskSize: props.diskSize,
      partitionNum: props.partitionNum ?? 0,
      deployType: deployType.value,
      eipMax: deployType === KafkaDeployType.PUBLIC ? props.eipMax : undefined,
      serviceVersion: props.serviceVersion,
      vpcId: props.vpcId,
      vswitchId: props.vswitchIds[0],
      vswitchIds: props.vswitchIds.length > 1 ? [...props.vswitchIds] : undefined,
      zoneId: props.zoneIds[0],
      selectedZones: props.zoneIds.length > 1 ? [...props.zoneIds] : undefined,
      securityGroup: props.securityGroupId,
      config,
    });
    place(this.resource, props);
    this.instanceId = this.resource.id;
    this.endpoint = this.resource.endPoint;
    this.saslEndpoint = this.resource.saslDomainEndpoint;
  }
}

/**
 * Topics are protected from destroy by default; an adopted topic also ignores changes to its storage and
 * compaction flags, which would otherwise replace (delete and recreate) it.
 */
function topicLifecycle(preventDestroy: boolean, adopted: boolean): TerraformResourceLifecycle | undefined {
  if (!preventDestroy && !adopted) return undefined;
  return {
    ...(preventDestroy ? { preventDestroy: true } : {}),
    ...(adopted ? { ignoreChanges: ['local_topic', 'compact_topic'] } : {}),
  };
}

export interface KafkaTopicProps {
  readonly instanceId: string;
  /** Topic name: 3-64 characters of `[A-Za-z0-9_.-]`. */
  readonly topic: string;
  /** 1-360; cloud-storage topics need at least 2. Partitions can only grow. */
  readonly partitions: number;
  /** Local storage (native Kafka ISR); needed for compaction and per-topic configs. @default false */
  readonly localStorage?: boolean;
  /** Log compaction; implies local storage. @default false */
  readonly compact?: boolean;
  /** Per-topic configs (local-storage topics only), emitted as a JSON object of strings. @default none */
  readonly configs?: Readonly<Record<string, string>>;
  /** Required by AliKafka: 3-64 characters of `[A-Za-z0-9_-]`. */
  readonly remark: string;
  /** Emit `lifecycle { prevent_destroy = true }`. @default true */
  readonly preventDestroy?: boolean;
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktf's path-based name */
  readonly address?: string;
  /** Adopt an object that already exists: emits an `import` block with this ID (`instance_id:NAME`). @default none */
  readonly importFromId?: string;
}

/** One AliKafka topic, protected from destroy by default. */
export class KafkaTopic extends Construct {
  public readonly resource: AlikafkaTopic;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    checkName('topic name', props.topic, NAME_RE, '3-64 characters of [A-Za-z0-9_.-]');
    checkName('topic remark', props.remark, REMARK_RE, '3-64 characters of [A-Za-z0-9_-]');
    const local = Boolean(props.localStorage || props.compact);
    if (props.compact && props.localStorage === false) {
      throw new Error(`topic ${props.topic}: compaction needs local storage; leave localStorage unset or true`);
    }
    if (!Token.isUnresolved(props.partitions)) {
      if (!Number.isInteger(props.partitions) || props.partitions < 1) {
        throw new Error(`topic ${props.topic}: partitions must be a whole number >= 1, got ${props.partitions}`);
      }
      if (props.partitions < 2 && !local) {
        throw new Error(`topic ${props.topic}: cloud-storage topics need at least 2 partitions; use 2 or localStorage: true`);
      }
      if (props.partitions > 360) {
        Annotations.of(this).addWarning(`topic ${props.topic}: ${props.partitions} partitions exceed the 360 AliKafka accepts without a support ticket`);
      }
    }
    const configs = props.configs && Object.keys(props.configs).length > 0 ? props.configs : undefined;
    if (configs && !local) {
      throw new Error(`topic ${props.topic}: per-topic configs need local storage; set localStorage: true or drop configs`);
    }
    this.resource = new AlikafkaTopic(this, 'Resource', {
      instanceId: props.instanceId,
      topic: props.topic,
      remark: props.remark,
      partitionNum: props.partitions,
      localTopic: local,
      compactTopic: Boolean(props.compact),
      configs: configs ? JSON.stringify(Object.fromEntries(Object.keys(configs).sort().map((k) => [k, configs[k]]))) : undefined,
      lifecycle: topicLifecycle(props.preventDestroy !== false, props.importFromId !== undefined),
    });
    place(this.resource, props);
  }
}

export interface KafkaConsumerGroupProps {
  readonly instanceId: string;
  /** Group ID: 3-64 characters of `[A-Za-z0-9_.-]`. */
  readonly consumerId: string;
  /** 3-64 characters of `[A-Za-z0-9_-]`. Changing it recreates the group. */
  readonly remark: string;
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktf's path-based name */
  readonly address?: string;
  /** Adopt an object that already exists: emits an `import` block with this ID (`instance_id:NAME`). @default none */
  readonly importFromId?: string;
}

export class KafkaConsumerGroup extends Construct {
  public readonly resource: AlikafkaConsumerGroup;

  constructor(scope: Construct, id: string, props: KafkaConsumerGroupProps) {
    super(scope, id);
    checkName('group id', props.consumerId, NAME_RE, '3-64 characters of [A-Za-z0-9_.-]');
    checkName('group remark', props.remark, REMARK_RE, '3-64 characters of [A-Za-z0-9_-]');
    this.resource = new AlikafkaConsumerGroup(this, 'Resource', {
      instanceId: props.instanceId,
      consumerId: props.consumerId,
      remark: props.remark,
      // an adopted group keeps its remark: a change would recreate the group and lose its offsets
      lifecycle: props.importFromId !== undefined ? { ignoreChanges: ['remark'] } : undefined,
    });
    place(this.resource, props);
  }
}

export interface KafkaSaslUserProps {
  readonly instanceId: string;
  /** 1-64 characters of `[A-Za-z0-9_-]`. */
  readonly username: string;
  /** The password; pass a sensitive variable's value, never a literal. */
  readonly password: string;
  /** `scram` (SCRAM-SHA-256) or `plain`. @default 'scram' */
  readonly type?: 'scram' | 'plain';
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktf's path-based name */
  readonly address?: string;
  /** Adopt an object that already exists: emits an `import` block with this ID (`instance_id:NAME`). @default none */
  readonly importFromId?: string;
}

export class KafkaSaslUser extends Construct {
  public readonly resource: AlikafkaSaslUser;
  public readonly username: string;

  constructor(scope: Construct, id: string, props: KafkaSaslUserProps) {
    super(scope, id);
    checkName('user name', props.username, /^[A-Za-z0-9_-]{1,64}$/, '1-64 characters of [A-Za-z0-9_-]');
    if (!Token.isUnresolved(props.password)) {
      Annotations.of(this).addWarning(`user ${props.username}: the password is a literal and will be stored in the synthesized JSON; pass a sensitive variable instead`);
    }
    this.resource = new AlikafkaSaslUser(this, 'Resource', {
      instanceId: props.instanceId,
      username: props.username,
      password: props.password,
      type: props.type ?? 'scram',
      // an adopted user keeps its current password
      lifecycle: props.importFromId !== undefined ? { ignoreChanges: ['password'] } : undefined,
    });
    place(this.resource, props);
    this.username = props.username;
  }
}

export interface KafkaAclProps {
  readonly instanceId: string;
  readonly username: string;
  readonly resourceType: 'Topic' | 'Group' | 'Cluster' | 'TransactionalId';
  /** Resource name or prefix; `*` means all. */
  readonly resourceName: string;
  readonly patternType: 'LITERAL' | 'PREFIXED';
  readonly operation: 'Read' | 'Write' | 'Describe' | 'IdempotentWrite';
  /** Resources the ACL must be created after (the SASL user, the topic). @default none */
  readonly dependsOn?: ReadonlyArray<KafkaSaslUser | KafkaTopic | KafkaConsumerGroup>;
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktf's path-based name */
  readonly address?: string;
}

export class KafkaAcl extends Construct {
  public readonly resource: AlikafkaSaslAcl;

  constructor(scope: Construct, id: string, props: KafkaAclProps) {
    super(scope, id);
    this.resource = new AlikafkaSaslAcl(this, 'Resource', {
      instanceId: props.instanceId,
      username: props.username,
      aclResourceType: props.resourceType,
      aclResourceName: props.resourceName,
      aclResourcePatternType: props.patternType,
      // The provider reads AclOperationType back as Kafka spells it and maps only WRITE/READ/DESCRIBE to its own
      // names: "IdempotentWrite" would read back as IDEMPOTENT_WRITE and be replaced on every plan (rehearsal).
      aclOperationType: props.operation === 'IdempotentWrite' ? 'IDEMPOTENT_WRITE' : props.operation,
      dependsOn: props.dependsOn?.map((d) => d.resource),
    });
    place(this.resource, props);
  }
}
