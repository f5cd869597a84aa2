import { Annotations, Token } from 'cdktn';
import { Construct } from 'constructs';
import { DEFAULT_PAID_TYPE, DISK_SIZE_GB, findIoSpec, INSTANCE_TYPE, isSellableDiskSize, PaidType } from '../alikafka';
import type { ExistingInstanceOptions } from '../plan';
import { ValidationError } from '../errors';
import { AlikafkaInstance } from './gen/providers/alicloud/alikafka-instance';
import { jsonOfStrings, KafkaDeployType, KafkaDiskType, KafkaEdition, KafkaResourceProps, place } from './common';
import { KafkaEndpoint, KafkaEndpointAttribute } from './endpoint';

export interface KafkaInstanceProps extends KafkaResourceProps {
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
  /** Public bandwidth (`eip_max`, Mbit/s: PUBLIC_BANDWIDTH); required for, and only emitted with, `KafkaDeployType.PUBLIC`. */
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
  /** @default 'PostPaid' */
  readonly paidType?: PaidType;
  /** Emit `lifecycle { prevent_destroy = true }`. @default true */
  readonly preventDestroy?: boolean;
  /** Resource tags. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** A custom instance password: pass a sensitive variable's value. @default none */
  readonly password?: string;
}

/** An AliKafka reserved (non-serverless) instance. */
export class KafkaInstance extends Construct {
  /** The L1 resource (`alicloud_alikafka_instance`), the escape hatch for anything this construct does not offer. */
  public readonly resource: AlikafkaInstance;
  /** The instance ID, for topics, groups and users. */
  public readonly instanceId: string;
  /** The default VPC endpoint as IP addresses (`end_point`, `host:9092,...`). */
  public readonly endpoint: string;
  /** The VPC SASL endpoint as domain names (`sasl_domain_endpoint`, port 9094; with ACLs enabled). */
  public readonly saslEndpoint: string;
  private readonly props: KafkaInstanceProps;

  constructor(scope: Construct, id: string, props: KafkaInstanceProps) {
    super(scope, id);
    this.props = props;
    const deployType = props.deployType ?? KafkaDeployType.VPC;
    if (props.vswitchIds.length === 0) throw new ValidationError('vswitchIds must name at least one vSwitch', this, { field: 'vswitchIds' });
    if (props.zoneIds.length === 0) throw new ValidationError('zoneIds must name at least one zone', this, { field: 'zoneIds' });
    const isPublic = deployType.name === KafkaDeployType.PUBLIC.name;
    if (isPublic && props.eipMax === undefined) {
      throw new ValidationError('a public instance needs eipMax (public bandwidth in Mbit/s)', this, { field: 'eipMax' });
    }
    const edition = props.edition.rules;
    if (edition === undefined) {
      Annotations.of(this).addWarning(`edition ${props.edition.specType} is not known to this build; it is sent as given`);
    } else if (props.zoneIds.length > 1 && !edition.multiZone) {
      throw new ValidationError(`the ${edition.title} edition is single-zone only; use KafkaEdition.PROFESSIONAL for multi-zone`, this, { field: 'zoneIds' });
    }
    const spec = Token.isUnresolved(props.ioMaxSpec) ? undefined : findIoSpec(props.ioMaxSpec);
    if (!Token.isUnresolved(props.diskSize) && !isSellableDiskSize(props.diskSize, spec)) {
      Annotations.of(this).addWarning(
        `disk size ${props.diskSize} GB: AliKafka sells disks from ${spec?.minDiskGb ?? DISK_SIZE_GB.min} GB${spec ? ` for ${spec.name}` : ''} to ${DISK_SIZE_GB.max} GB in steps of ${DISK_SIZE_GB.step} GB`,
      );
    }
    this.resource = new AlikafkaInstance(this, 'Resource', {
      name: props.name,
      instanceType: INSTANCE_TYPE,
      paidType: props.paidType ?? DEFAULT_PAID_TYPE,
      specType: props.edition.specType,
      ioMaxSpec: props.ioMaxSpec,
      diskType: props.diskType.value,
      diskSize: props.diskSize,
      partitionNum: props.partitionNum ?? 0,
      deployType: deployType.value,
      eipMax: isPublic ? props.eipMax : undefined,
      serviceVersion: props.serviceVersion,
      vpcId: props.vpcId,
      vswitchId: props.vswitchIds[0],
      vswitchIds: props.vswitchIds.length > 1 ? [...props.vswitchIds] : undefined,
      zoneId: props.zoneIds[0],
      selectedZones: props.zoneIds.length > 1 ? [...props.zoneIds] : undefined,
      securityGroup: props.securityGroupId,
      config: jsonOfStrings(props.config),
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
      password: props.password,
      lifecycle: props.preventDestroy === false ? undefined : { preventDestroy: true },
    });
    place(this.resource, props.terraformName, undefined);
    this.instanceId = this.resource.id;
    this.endpoint = this.resource.endPoint;
    this.saslEndpoint = this.resource.saslDomainEndpoint;
  }

  /** An endpoint attribute of the instance (`KafkaEndpointAttribute.SSL_DOMAIN_ENDPOINT`), as a token. */
  public endpointAttribute(attribute: KafkaEndpointAttribute): string {
    return this.resource.getStringAttribute(attribute.name);
  }

  /** An endpoint of the instance (`KafkaEndpoint.VPC_SASL`) in its domain-name form, as a token. */
  public endpointOf(endpoint: KafkaEndpoint): string {
    return this.endpointAttribute(endpoint.attributes[0]);
  }

  /**
   * The instance ID the plan uses for this construct (`construct-<node.addr>`), known before apply. A
   * `KafkaMigration` of the same app given a plan with this ID writes the construct's real ID (a reference) in its
   * resources and import IDs.
   */
  public get planTargetId(): string {
    return `construct-${this.node.addr}`;
  }

  /** The instance construct of `scope`'s app whose `planTargetId` is `id`, if any. */
  public static findByPlanTargetId(scope: Construct, id: string): KafkaInstance | undefined {
    if (!id.startsWith('construct-')) return undefined;
    return scope.node.root.node.findAll().find((c): c is KafkaInstance => c instanceof KafkaInstance && c.planTargetId === id);
  }

  /**
   * This instance as the target of `planMigration` (`{ target: instance.asPlanTarget() }`): its edition, traffic
   * spec and purchased partitions, stated once here, and `planTargetId` as its ID. A `KafkaMigration` built from that
   * plan puts every topic, group, user, ACL and import ID on this instance: it takes no instance ID of its own, so
   * nothing can diverge.
   */
  public asPlanTarget(): ExistingInstanceOptions {
    return {
      mode: 'existing',
      instanceId: this.planTargetId,
      ...(this.props.edition.rules ? { specType: this.props.edition.rules.specType } : {}),
      ioMaxSpec: this.props.ioMaxSpec,
      partitionNum: this.props.partitionNum ?? 0,
    };
  }
}
