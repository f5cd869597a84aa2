import { Construct } from 'constructs';
import { AllowedIpType } from '../alikafka';
import { AlikafkaInstanceAllowedIpAttachment } from './gen/providers/alicloud/alikafka-instance-allowed-ip-attachment';
import { KafkaResourceProps, place } from './common';

export interface KafkaAllowedIpProps extends KafkaResourceProps {
  readonly instanceId: string;
  /** An IP address or CIDR. */
  readonly cidr: string;
  readonly allowedType: AllowedIpType;
  /** `9092/9092` (VPC), `9093/9093` (Internet), `9094/9094` (VPC SASL) or `9095/9095` (VPC SSL). */
  readonly portRange: string;
}

/** One entry of an instance's IP allowlist. */
export class KafkaAllowedIp extends Construct {
  public readonly resource: AlikafkaInstanceAllowedIpAttachment;

  constructor(scope: Construct, id: string, props: KafkaAllowedIpProps) {
    super(scope, id);
    this.resource = new AlikafkaInstanceAllowedIpAttachment(this, 'Resource', {
      instanceId: props.instanceId,
      allowedIp: props.cidr,
      allowedType: props.allowedType,
      portRange: props.portRange,
    });
    place(this.resource, props.terraformName, undefined);
  }
}
