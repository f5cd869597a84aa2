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
/** What the provider sends when `paid_type` is not set. */
export const DEFAULT_PAID_TYPE: PaidType = 'PostPaid';

export const INSTANCE_TYPE = 'alikafka';

/** Versions of reserved instances, oldest first. */
export const SERVICE_VERSIONS = ['2.2.0', '2.6.2'] as const;
export type ServiceVersion = (typeof SERVICE_VERSIONS)[number];

/** SASL user types of reserved instances: `scram` is SCRAM-SHA-256. */
export const SASL_USER_TYPES = ['scram', 'plain'] as const;
export type SaslUserType = (typeof SASL_USER_TYPES)[number];
export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
