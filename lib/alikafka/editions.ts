/**
 * AliKafka editions (`spec_type`) of reserved (non-serverless) instances and what each offers.
 *
 * @see instance-editions, spec-kb §1: Standard is shared and single-zone; Professional is dedicated and multi-zone
 * @see storage-engines: only Professional offers local-storage topics (native ISR), and with them compaction
 *   and per-topic configs
 * @see acl: ACLs need the Professional edition, version 2.2.0 or later
 * @see instance-editions, billing-2021: a Standard disk is one third usable (3 replicas inside the purchased
 *   size); Professional cloud storage is fully usable
 * @see select-edition: Standard keeps messages at most 7 days
 * @see provider-1.289.0 (`service_version`): both editions offer service versions 2.2.0 and 2.6.2
 */
import type { ServiceVersion } from './deployment';

export type SpecType = 'normal' | 'professional' | 'professionalForHighRead';

export interface Edition {
  readonly specType: SpecType;
  readonly title: string;
  /** Local-storage topics, and with them compaction and per-topic configs. */
  readonly localStorage: boolean;
  readonly acl: boolean;
  readonly multiZone: boolean;
  /** Share of the purchased disk that holds business data. */
  readonly usableDiskShare: number;
  /** Longest instance retention the edition allows, in hours. */
  readonly maxRetentionHours: number;
  /** Service (Kafka) versions the edition offers, oldest first. */
  readonly serviceVersions: readonly ServiceVersion[];
}

export const EDITIONS: Readonly<Record<SpecType, Edition>> = {
  normal: {
    specType: 'normal',
    title: 'Standard (High Write)',
    localStorage: false,
    acl: false,
    multiZone: false,
    usableDiskShare: 1 / 3,
    maxRetentionHours: 168,
    serviceVersions: ['2.2.0', '2.6.2'],
  },
  professional: {
    specType: 'professional',
    title: 'Professional (High Write)',
    localStorage: true,
    acl: true,
    multiZone: true,
    usableDiskShare: 1,
    maxRetentionHours: 480,
    serviceVersions: ['2.2.0', '2.6.2'],
  },
  professionalForHighRead: {
    specType: 'professionalForHighRead',
    title: 'Professional (High Read)',
    localStorage: true,
    acl: true,
    multiZone: true,
    usableDiskShare: 1,
    maxRetentionHours: 480,
    serviceVersions: ['2.2.0', '2.6.2'],
  },
};

/** Every edition, cheapest first. */
export const SPEC_TYPES: readonly SpecType[] = ['normal', 'professional', 'professionalForHighRead'];

export function isSpecType(value: string): value is SpecType {
  return (SPEC_TYPES as readonly string[]).includes(value);
}

/** The edition of a `spec_type`, or undefined for a value this build does not know. */
export function findEdition(specType: string): Edition | undefined {
  return isSpecType(specType) ? EDITIONS[specType] : undefined;
}
