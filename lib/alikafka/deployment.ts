import type { EndpointAttribute } from './endpoints';

/**
 * Instance deployment values of `alicloud_alikafka_instance` (reserved instances).
 *
 * @see provider-1.289.0: `deploy_type` 5 = VPC, 4 = Internet and VPC (needs `eip_max`); `disk_type` 0 = ultra
 *   cloud disk, 1 = SSD (an unset value sends 0); `paid_type` PostPaid (default) or PrePaid; `instance_type`
 *   alikafka; `service_version` 2.2.0 or 2.6.2 for reserved instances; multi-zone `selected_zones`, the last is
 *   the standby zone
 */
export const DEPLOY_TYPES = { vpc: 5, public: 4 } as const;
export type DeployType = keyof typeof DEPLOY_TYPES;
export const DEPLOY_TYPE_NAMES = Object.keys(DEPLOY_TYPES) as readonly DeployType[];

export const DISK_TYPES = { cloud: 0, ssd: 1 } as const;
export type DiskType = keyof typeof DISK_TYPES;
export const DISK_TYPE_NAMES = Object.keys(DISK_TYPES) as readonly DiskType[];

export const PAID_TYPES = ['PostPaid', 'PrePaid'] as const;
export type PaidType = (typeof PAID_TYPES)[number];
export function isPaidType(v: string): v is PaidType {
  return (PAID_TYPES as readonly string[]).includes(v);
}

export const INSTANCE_TYPE = 'alikafka';

/** Versions of reserved instances, oldest first. */
export const SERVICE_VERSIONS = ['2.2.0', '2.6.2'] as const;
export type ServiceVersion = (typeof SERVICE_VERSIONS)[number];

/** SASL user types of reserved instances: `scram` is SCRAM-SHA-256. */
export const SASL_USER_TYPES = ['scram', 'plain'] as const;
export type SaslUserType = (typeof SASL_USER_TYPES)[number];
export const SCRAM_MECHANISM = 'SCRAM-SHA-256';

/** The default `paid_type`: pay-as-you-go. */
export const DEFAULT_PAID_TYPE: PaidType = 'PostPaid';

/**
 * Zone IDs are the region ID and a letter (`cn-hangzhou-k` in `cn-hangzhou`); an instance's zones must be in its
 * region. @see provider-1.289.0 `zone_id` (doc: `cn-hangzhou-k` format)
 */
export function zoneInRegion(zoneId: string, regionId: string): boolean {
  return zoneId.startsWith(`${regionId}-`) && zoneId.length > regionId.length + 1;
}

/**
 * Ports of the IP allowlist (`alicloud_alikafka_instance_allowed_ip_attachment.port_range`): 9092 VPC
 * (PLAINTEXT), 9093 Internet (SASL_SSL), 9094 VPC SASL, 9095 VPC SSL.
 * @see provider-1.289.0 `port_range` StringInSlice, `allowed_type` vpc/internet
 */
export const ALLOWED_IP_PORT_RANGES = {
  vpc: '9092/9092',
  internet: '9093/9093',
  vpcSasl: '9094/9094',
  vpcSsl: '9095/9095',
} as const;
export type AllowedIpType = 'vpc' | 'internet';

/** The endpoint attributes of `alicloud_alikafka_instance` (all computed). @see provider-1.289.0 */
export const INSTANCE_ENDPOINTS: ReadonlyArray<{ readonly attribute: EndpointAttribute; readonly description: string }> = [
  { attribute: 'end_point', description: 'default VPC endpoint (PLAINTEXT, port 9092)' },
  { attribute: 'domain_endpoint', description: 'default VPC endpoint as domain names (PLAINTEXT, port 9092)' },
  { attribute: 'sasl_domain_endpoint', description: 'VPC SASL endpoint as domain names (port 9094; with ACLs enabled)' },
  { attribute: 'vpc_sasl_domain_endpoint', description: 'VPC SASL endpoint as domain names (provider 1.283.0+)' },
  { attribute: 'ssl_endpoint', description: 'Internet SASL_SSL endpoint (port 9093; Internet-and-VPC instances)' },
  { attribute: 'ssl_domain_endpoint', description: 'Internet SASL_SSL endpoint as domain names (port 9093; Internet-and-VPC instances)' },
];

/**
 * Resource tags: at most 20 per resource, keys 1-128 and values 0-128 characters; keys starting with `aliyun`,
 * `acs:`, `http://` or `https://` are reserved. @see provider-1.289.0 `tagsSchema` (reserved prefixes ignored on
 * read); the counts are Alibaba Cloud's tag limits (not in the provider: `confirmed: false`)
 */
export const TAG_LIMITS = { maxTags: 20, keyMax: 128, valueMax: 128 } as const;
export const RESERVED_TAG_KEY = /^(aliyun|acs:|https?:\/\/)/i;

/** VPC and vSwitch CIDR masks Alibaba Cloud accepts. @see provider-1.289.0 `alicloud_vpc.cidr_block` (doc: mask 8-28) */
export const VPC_CIDR_MASK = { min: 8, max: 28 } as const;
