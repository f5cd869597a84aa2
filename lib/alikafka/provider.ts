/**
 * How the `aliyun/alicloud` provider (v1.289.0) names, imports and replaces the resources this package emits.
 *
 * @see provider-1.289.0: resource type names; import IDs `<instance_id>:<topic>`, `<instance_id>:<consumer_id>`,
 *   `<instance_id>:<username>` (exactly two parts); ForceNew attributes: topic `local_topic` and `compact_topic`,
 *   group `remark`, user `type`
 */
export const RESOURCE_TYPES = {
  instance: 'alicloud_alikafka_instance',
  topic: 'alicloud_alikafka_topic',
  group: 'alicloud_alikafka_consumer_group',
  user: 'alicloud_alikafka_sasl_user',
  acl: 'alicloud_alikafka_sasl_acl',
  allowedIp: 'alicloud_alikafka_instance_allowed_ip_attachment',
} as const;

export type AdoptableKind = 'topic' | 'group' | 'user';

/** The `import {}` ID of an object that already exists on an instance. */
export function importId(instanceId: string, name: string): string {
  return `${instanceId}:${name}`;
}

/**
 * Attributes that an adopted object keeps as it is on the target (`lifecycle.ignore_changes`): for topics and
 * groups those that would replace (delete and recreate) the object, for users the password, which the plan
 * never knows.
 */
export const ADOPTED_IGNORE_CHANGES: Readonly<Record<AdoptableKind, readonly string[]>> = {
  topic: ['local_topic', 'compact_topic'],
  group: ['remark'],
  user: ['password'],
};

/**
 * The provider's `account_type`. Set, the provider skips its account-type lookup (a BssOpenApi call it retries for
 * about 30 s where that endpoint cannot be reached). @see provider-1.289.0 `alicloud/connectivity/client.go`
 */
export const ACCOUNT_TYPES = ['Domestic', 'International'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
