import { Construct } from 'constructs';
import { ADOPTED_IGNORE_CHANGES, GROUP_NAME, REMARK } from '../alikafka';
import { AlikafkaConsumerGroup } from './gen/providers/alicloud/alikafka-consumer-group';
import { checkName, KafkaAdoption, KafkaResourceProps, lifecycle, place } from './common';

export interface KafkaConsumerGroupProps extends KafkaResourceProps {
  readonly instanceId: string;
  /** Group ID: 3-64 characters of `[A-Za-z0-9_.-]`. */
  readonly consumerId: string;
  /** 3-64 characters of `[A-Za-z0-9_-]`. Changing it recreates the group. */
  readonly remark: string;
  /** Adopt a group that already exists (an `import` block; its remark is kept). @default none: the group is created */
  readonly adopt?: KafkaAdoption;
  /** Resource tags. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One AliKafka consumer group. */
export class KafkaConsumerGroup extends Construct {
  /** The L1 resource (`alicloud_alikafka_consumer_group`), the escape hatch for anything this construct does not offer. */
  public readonly resource: AlikafkaConsumerGroup;
  /** The group ID clients use (`group.id`; the `consumer_id` attribute), as a token that makes dependents wait for the group. */
  public readonly groupId: string;

  constructor(scope: Construct, id: string, props: KafkaConsumerGroupProps) {
    super(scope, id);
    checkName(this, 'consumerId', GROUP_NAME, props.consumerId);
    checkName(this, 'remark', { ...REMARK, what: 'group remark' }, props.remark);
    this.resource = new AlikafkaConsumerGroup(this, 'Resource', {
      instanceId: props.instanceId,
      consumerId: props.consumerId,
      remark: props.remark,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
      lifecycle: lifecycle(false, props.adopt, ADOPTED_IGNORE_CHANGES.group),
    });
    place(this.resource, props.terraformName, props.adopt);
    this.groupId = this.resource.consumerId;
  }
}
