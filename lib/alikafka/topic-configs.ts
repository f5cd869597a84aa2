import { MESSAGE_MAX_BYTES } from './limits';

/**
 * Per-topic configs AliKafka accepts on reserved instances, and on which storage.
 *
 * @see sdk-createtopic: topic `Config` (and compaction) only with `LocalTopic=true`; keys `retention.ms`
 *   3,600,000-31,536,000,000, `max.message.bytes` 1,048,576-10,485,760, `message.timestamp.type`
 *   CreateTime/LogAppendTime
 */
export type TopicStorage = 'local' | 'cloud';

export interface IntegerConfigRule {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
}

export interface EnumConfigRule {
  readonly kind: 'enum';
  readonly values: readonly string[];
}

export const TOPIC_CONFIG_RULES = {
  'retention.ms': { kind: 'integer', min: 3_600_000, max: 31_536_000_000 } as IntegerConfigRule,
  'max.message.bytes': { kind: 'integer', min: MESSAGE_MAX_BYTES.min, max: MESSAGE_MAX_BYTES.max } as IntegerConfigRule,
  'message.timestamp.type': { kind: 'enum', values: ['CreateTime', 'LogAppendTime'] } as EnumConfigRule,
} as const;

export type TopicConfigKey = keyof typeof TOPIC_CONFIG_RULES;

export const TOPIC_CONFIG_KEYS = Object.keys(TOPIC_CONFIG_RULES) as readonly TopicConfigKey[];

export function isTopicConfigKey(key: string): key is TopicConfigKey {
  return Object.prototype.hasOwnProperty.call(TOPIC_CONFIG_RULES, key);
}

/** Storage engines that accept per-topic configs. */
export const CONFIG_STORAGE: readonly TopicStorage[] = ['local'];

/** Compaction is offered only on local storage. */
export const COMPACTION_STORAGE: TopicStorage = 'local';

/** Instance-level `config` keys the plan sets (JSON strings in the provider's `config`). @see message-config */
export const INSTANCE_CONFIG_KEYS = {
  acl: 'enable.acl',
  messageMaxBytes: 'kafka.message.max.bytes',
  retentionHours: 'kafka.log.retention.hours',
  offsetsRetentionMinutes: 'offsets.retention.minutes',
} as const;

/**
 * Storage engines on which AliKafka accepts idempotent and transactional producers (`enable.idempotence=true`,
 * a `transactional.id`): local storage only; a cloud-storage topic refuses them.
 * @see storage-engines (idempotence and transactions on local storage)
 */
export const IDEMPOTENCE_STORAGE: readonly TopicStorage[] = ['local'];
