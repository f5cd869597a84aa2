import { Annotations, Token } from 'cdktn';
import { Construct } from 'constructs';
import { ADOPTED_IGNORE_CHANGES, CONFIG_STORAGE, MIN_PARTITIONS, PARTITIONS_PER_TOPIC, REMARK, TOPIC_NAME } from '../alikafka';
import { AlikafkaTopic } from './gen/providers/alicloud/alikafka-topic';
import { ValidationError } from '../errors';
import { checkName, jsonOfStrings, KafkaAdoption, KafkaResourceProps, lifecycle, place } from './common';

export interface KafkaTopicProps extends KafkaResourceProps {
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
  /** Adopt a topic that already exists (an `import` block). @default none: the topic is created */
  readonly adopt?: KafkaAdoption;
  /** Resource tags. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One AliKafka topic, protected from destroy by default. */
export class KafkaTopic extends Construct {
  /** The L1 resource (`alicloud_alikafka_topic`), the escape hatch for anything this construct does not offer. */
  public readonly resource: AlikafkaTopic;
  /** The topic's name on the instance (the `topic` attribute), as a token that makes dependents wait for the topic. */
  public readonly topicName: string;
  /** The topic's Terraform ID, `<instance_id>:<topic>` (also its import ID). */
  public readonly topicId: string;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    checkName(this, 'topic', TOPIC_NAME, props.topic);
    checkName(this, 'remark', { ...REMARK, what: 'topic remark' }, props.remark);
    const local = Boolean(props.localStorage || props.compact);
    if (props.compact && props.localStorage === false) {
      throw new ValidationError(`topic ${props.topic}: compaction needs local storage; leave localStorage unset or true`, this, { field: 'localStorage' });
    }
    if (!Token.isUnresolved(props.partitions)) {
      if (!Number.isInteger(props.partitions) || props.partitions < PARTITIONS_PER_TOPIC.min) {
        throw new ValidationError(`topic ${props.topic}: partitions must be a whole number >= ${PARTITIONS_PER_TOPIC.min}, got ${props.partitions}`, this, {
          field: 'partitions',
        });
      }
      if (props.partitions < MIN_PARTITIONS.cloud && !local) {
        throw new ValidationError(
          `topic ${props.topic}: cloud-storage topics need at least ${MIN_PARTITIONS.cloud} partitions; use ${MIN_PARTITIONS.cloud} or localStorage: true`,
          this,
          { field: 'partitions' },
        );
      }
      if (props.partitions > PARTITIONS_PER_TOPIC.max) {
        Annotations.of(this).addWarning(
          `topic ${props.topic}: ${props.partitions} partitions exceed the ${PARTITIONS_PER_TOPIC.max} AliKafka accepts without a support ticket`,
        );
      }
    }
    const configs = jsonOfStrings(props.configs);
    if (configs !== undefined && !CONFIG_STORAGE.includes(local ? 'local' : 'cloud')) {
      throw new ValidationError(`topic ${props.topic}: per-topic configs need local storage; set localStorage: true or drop configs`, this, {
        field: 'configs',
      });
    }
    this.resource = new AlikafkaTopic(this, 'Resource', {
      instanceId: props.instanceId,
      topic: props.topic,
      remark: props.remark,
      partitionNum: props.partitions,
      localTopic: local,
      compactTopic: Boolean(props.compact),
      configs,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
      lifecycle: lifecycle(props.preventDestroy !== false, props.adopt, ADOPTED_IGNORE_CHANGES.topic),
    });
    place(this.resource, props.terraformName, props.adopt);
    this.topicName = this.resource.topic;
    this.topicId = this.resource.id;
  }
}
