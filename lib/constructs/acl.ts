import { Construct } from 'constructs';
import { ACL_OPERATION_SENT, AclOperation, AclPatternType, AclResourceType } from '../alikafka';
import { AlikafkaSaslAcl } from './gen/providers/alicloud/alikafka-sasl-acl';
import { KafkaResourceProps, place } from './common';
import type { KafkaConsumerGroup } from './group';
import type { KafkaTopic } from './topic';
import type { KafkaSaslUser } from './user';

export interface KafkaAclProps extends KafkaResourceProps {
  readonly instanceId: string;
  readonly username: string;
  readonly resourceType: AclResourceType;
  /** Resource name or prefix; `*` means all. */
  readonly resourceName: string;
  readonly patternType: AclPatternType;
  readonly operation: AclOperation;
  /** The one client host the rule is for. @default all hosts */
  readonly host?: string;
  /** Resources the ACL must be created after (the SASL user, the topic). @default none */
  readonly dependsOn?: ReadonlyArray<KafkaSaslUser | KafkaTopic | KafkaConsumerGroup>;
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
      aclOperationType: ACL_OPERATION_SENT[props.operation],
      host: props.host,
      dependsOn: props.dependsOn?.map((d) => d.resource),
    });
    place(this.resource, props.terraformName, undefined);
  }
}
