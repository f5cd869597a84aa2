import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { terraformName } from '../util/terraform-name';
import { SecurityGroup } from './gen/providers/alicloud/security-group';
import { Vpc } from './gen/providers/alicloud/vpc';
import { Vswitch } from './gen/providers/alicloud/vswitch';

export interface KafkaNetworkProps {
  /** Name prefix for the VPC, vSwitches and security group. */
  readonly name: string;
  /** The VPC CIDR, e.g. `172.16.0.0/12`. */
  readonly vpcCidr: string;
  /** One vSwitch per zone. */
  readonly vswitches: ReadonlyArray<{ readonly zoneId: string; readonly cidr: string }>;
  /**
   * Prefix of the Terraform resource names: `PREFIXvpc`, `PREFIXsecurity_group`, `PREFIXvswitch_ZONE`.
   * @default cdktn's path-based names
   */
  readonly terraformNamePrefix?: string;
}

/** A new VPC, one vSwitch per zone and a security group for an AliKafka instance. */
export class KafkaNetwork extends Construct {
  public readonly vpcId: string;
  public readonly vswitchIds: readonly string[];
  public readonly zoneIds: readonly string[];
  public readonly securityGroupId: string;
  public readonly vpc: Vpc;
  public readonly vswitches: readonly Vswitch[];
  public readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: KafkaNetworkProps) {
    super(scope, id);
    if (props.vswitches.length === 0) throw new ValidationError('a network needs at least one vSwitch', this, { field: 'vswitches' });
    const prefix = props.terraformNamePrefix;
    const vpc = new Vpc(this, 'Vpc', { vpcName: `${props.name}-vpc`, cidrBlock: props.vpcCidr });
    if (prefix !== undefined) vpc.overrideLogicalId(`${prefix}vpc`);
    const vswitches = props.vswitches.map((v) => {
      const vsw = new Vswitch(this, `Vswitch-${v.zoneId}`, { vpcId: vpc.id, cidrBlock: v.cidr, zoneId: v.zoneId, vswitchName: `${props.name}-${v.zoneId}` });
      if (prefix !== undefined) vsw.overrideLogicalId(terraformName(`${prefix}vswitch`, v.zoneId));
      return vsw;
    });
    const sg = new SecurityGroup(this, 'SecurityGroup', {
      vpcId: vpc.id,
      securityGroupName: `${props.name}-sg`,
      description: 'AliKafka instance (alikafka-migrate)',
    });
    if (prefix !== undefined) sg.overrideLogicalId(`${prefix}security_group`);
    this.vpc = vpc;
    this.vswitches = vswitches;
    this.securityGroup = sg;
    this.vpcId = vpc.id;
    this.vswitchIds = vswitches.map((v) => v.id);
    this.zoneIds = props.vswitches.map((v) => v.zoneId);
    this.securityGroupId = sg.id;
  }
}
