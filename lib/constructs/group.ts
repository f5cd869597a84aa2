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

export class KafkaConsumerGroup extends Construct {
  public readonly resource: AlikafkaConsumerGroup;

  constructor(scope: Construct, id: string, props: KafkaConsumerGroupProps) {
    super(scope, id);
    checkName(GROUP_NAME, props.consumerId);
    checkName({ ...REMARK, what: 'group remark' }, props.remark);
    this.resource = new AlikafkaConsumerGroup(this, 'Resource', {
      instanceId: props.instanceId,
      consumerId: props.consumerId,
      remark: props.remark,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
      lifecycle: lifecycle(false, props.adopt, ADOPTED_IGNORE_CHANGES.group),
    });
    place(this.resource, props.terraformName, props.adopt);
  }
}
