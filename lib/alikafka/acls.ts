/**
 * AliKafka's ACL model on reserved instances.
 *
 * @see provider-1.289.0 `alicloud_alikafka_sasl_acl`: resource types Topic, Group, Cluster, TransactionalId;
 *   patterns LITERAL, PREFIXED; operations Write, Read, Describe, IdempotentWrite (IDEMPOTENT_WRITE and
 *   DESCRIBE_CONFIGS are serverless only); `acl_permission_type` (Deny) serverless only; `host` settable since 1.270.0
 */
import { isIP } from 'net';

export const ACL_RESOURCE_TYPES = ['Topic', 'Group', 'Cluster', 'TransactionalId'] as const;
export type AclResourceType = (typeof ACL_RESOURCE_TYPES)[number];

export const ACL_PATTERN_TYPES = ['LITERAL', 'PREFIXED'] as const;
export type AclPatternType = (typeof ACL_PATTERN_TYPES)[number];

/** Operations AliKafka ACLs accept on reserved instances. */
export const ACL_OPERATIONS = ['Read', 'Write', 'Describe', 'IdempotentWrite'] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number];

/** What Kafka's `All` covers per resource type, limited to the operations AliKafka offers. */
export const ACL_ALL_EXPANSION: Readonly<Record<AclResourceType, readonly AclOperation[]>> = {
  Topic: ['Read', 'Write', 'Describe'],
  Group: ['Read', 'Describe'],
  Cluster: ['IdempotentWrite', 'Describe'],
  TransactionalId: ['Write', 'Describe'],
};

/** Rules can name one client host (`host`, settable since provider 1.270.0). */
export const ACL_HOST_SUPPORTED = true;

/**
 * Kafka compares an ACL's host with the client's IP address as a string (`AclAuthorizer`/`StandardAuthorizer`
 * match `host` against `session.clientAddress.getHostAddress`), so a rule names `*` or one IP address; a host
 * name or anything else never matched a client.
 */
export function isAclHost(host: string): boolean {
  return host === '*' || isIP(host) !== 0;
}

/**
 * `acl_resource_name`: 1-64 characters (provider `StringLenBetween(1,64)`, counted in UTF-8 bytes as Go's `len`),
 * and no `:`, since the provider's resource ID joins six fields with `:` and reads them back by splitting on it.
 * @see provider-1.289.0 `resource_alicloud_alikafka_sasl_acl.go`
 */
export const ACL_RESOURCE_NAME = { min: 1, max: 64 } as const;

/** Why the provider cannot manage an ACL with this resource name, or undefined. */
export function aclResourceNameProblem(name: string): string | undefined {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes < ACL_RESOURCE_NAME.min || bytes > ACL_RESOURCE_NAME.max)
    return `the resource name is ${bytes} bytes long; the provider accepts ${ACL_RESOURCE_NAME.min}-${ACL_RESOURCE_NAME.max}`;
  if (name.includes(':')) return "the resource name contains ':', which the provider's ACL ID (six fields joined with ':') cannot hold";
  return undefined;
}

/** Reserved instances have Allow rules only (Deny is a Serverless feature). */
export const ACL_DENY_SUPPORTED = false;

/**
 * How each operation is sent to the provider. The provider reads operations back as Kafka spells them and maps only
 * WRITE/READ/DESCRIBE to its own names, so `IdempotentWrite` would read back as `IDEMPOTENT_WRITE` and be replaced on
 * every plan; it accepts `IDEMPOTENT_WRITE` on create. Found by the rehearsal against the real provider.
 * @see provider-1.289.0 `resource_alicloud_alikafka_sasl_acl.go`
 */
export const ACL_OPERATION_SENT: Readonly<Record<AclOperation, string>> = {
  Read: 'Read',
  Write: 'Write',
  Describe: 'Describe',
  IdempotentWrite: 'IDEMPOTENT_WRITE',
};

export function isAclOperation(op: string): op is AclOperation {
  return (ACL_OPERATIONS as readonly string[]).includes(op);
}
