/**
 * The AliKafka rules the control plane enforces, read from the project's rule module (lib/alikafka), so the
 * stand-in and the plan can never disagree (test/alikafka/rules.test.ts scans tools/ for copies).
 */
import {
  DEPLOY_TYPES,
  DISK_SIZE_GB,
  DISK_TYPES,
  EDITIONS,
  GROUP_NAME,
  INSTANCE_CONFIG_KEYS,
  INSTANCE_RETENTION_HOURS,
  IO_SPECS,
  isValidName as matches,
  MESSAGE_MAX_BYTES,
  OFFSETS_RETENTION_MINUTES,
  PARTITIONS_PER_TOPIC,
  SERVICE_VERSIONS,
  TOPIC_CONFIG_RULES,
  TOPIC_NAME,
  USER_NAME,
  VPC_CIDR_MASK,
} from '../../lib/alikafka';

export { findIoSpec, SPEC_TYPES, EDITIONS, ALLOWED_IP_PORT_RANGES, INSTANCE_CONFIG_KEYS, SERVICE_VERSIONS } from '../../lib/alikafka';

export function isValidTopicName(name: string): boolean {
  return matches(TOPIC_NAME, name);
}

export function isValidGroupName(name: string): boolean {
  return matches(GROUP_NAME, name);
}

export function isValidUsername(name: string): boolean {
  return matches(USER_NAME, name);
}

export const MAX_PARTITIONS_PER_TOPIC = PARTITIONS_PER_TOPIC.max;

/** The edition the API assumes when none is sent (Standard), and the one a pre-provisioned instance has. */
export const DEFAULT_SPEC_TYPE = EDITIONS.normal.specType;
export const PROFESSIONAL = EDITIONS.professional.specType;
/** The smallest traffic spec (what a pre-provisioned instance gets when none is given). */
export const SMALLEST_IO_SPEC = IO_SPECS[0].name;
export const DISK_SIZE = DISK_SIZE_GB;
export const DISK_TYPE = DISK_TYPES;
export const DEPLOY_TYPE = DEPLOY_TYPES;
/** The oldest and newest reserved-instance versions. */
export const OLDEST_SERVICE_VERSION = SERVICE_VERSIONS[0];
export const NEWEST_SERVICE_VERSION = SERVICE_VERSIONS[SERVICE_VERSIONS.length - 1];
/** The versions StartInstance accepts: the reserved-instance ones and the legacy 0.10.2. */
export const STARTABLE_SERVICE_VERSIONS: readonly string[] = ['0.10.2', ...SERVICE_VERSIONS];
export const VPC_MASK = VPC_CIDR_MASK;
export const TOPIC_RETENTION_MS = TOPIC_CONFIG_RULES['retention.ms'];
export const TOPIC_MESSAGE_BYTES = TOPIC_CONFIG_RULES['max.message.bytes'];

/** An instance's `config` as AliKafka starts it (its defaults for the keys the plan sets, and a few others). */
export function defaultInstanceConfig(): Record<string, string> {
  return {
    'enable.vpc_sasl_ssl': 'false',
    [INSTANCE_CONFIG_KEYS.retentionHours]: String(INSTANCE_RETENTION_HOURS.default),
    [INSTANCE_CONFIG_KEYS.acl]: 'false',
    [INSTANCE_CONFIG_KEYS.messageMaxBytes]: String(MESSAGE_MAX_BYTES.default),
    [INSTANCE_CONFIG_KEYS.offsetsRetentionMinutes]: String(OFFSETS_RETENTION_MINUTES.default),
    'kafka.ssl.bit': '4096',
    'enable.compact': 'true',
    'enable.tiered': 'false',
  };
}
