import { TerraformResource, TerraformResourceLifecycle, Token } from 'cdktn';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { DEPLOY_TYPES, DeployType, DISK_TYPES, DiskType, describeNameRule, Edition, EDITIONS, findEdition, isValidName, NameRule } from '../alikafka';

/*
 * The enum-like classes of this package share one factory style: named constants for the known values and
 * `of(value)` for any value (a known value returns its constant). Compare by value (`specType`, `name`), never by
 * object identity.
 */

/** An AliKafka edition (`spec_type`). Compare editions by `specType`, never by object identity. */
export class KafkaEdition {
  /** Standard (High Write): shared, single-zone, cloud storage only, no ACLs. */
  public static readonly STANDARD = new KafkaEdition(EDITIONS.normal.specType);
  /** Professional (High Write): dedicated, multi-zone, local storage, compaction, ACLs. */
  public static readonly PROFESSIONAL = new KafkaEdition(EDITIONS.professional.specType);
  /** Professional (High Read). */
  public static readonly PROFESSIONAL_HIGH_READ = new KafkaEdition(EDITIONS.professionalForHighRead.specType);
  /** Any edition string, including values this build does not know yet; a known one returns its constant. */
  public static of(specType: string): KafkaEdition {
    return (
      [KafkaEdition.STANDARD, KafkaEdition.PROFESSIONAL, KafkaEdition.PROFESSIONAL_HIGH_READ].find((e) => e.specType === specType) ?? new KafkaEdition(specType)
    );
  }
  private constructor(public readonly specType: string) {}
  /** What the rule module knows of this edition; undefined for an edition this build does not know. */
  public get rules(): Edition | undefined {
    return findEdition(this.specType);
  }
}

/** How the instance is reached (`deploy_type`). */
export class KafkaDeployType {
  /** VPC only (`deploy_type = 5`). */
  public static readonly VPC = new KafkaDeployType('vpc');
  /** Internet and VPC (`deploy_type = 4`); needs `eipMax`. */
  public static readonly PUBLIC = new KafkaDeployType('public');
  /** The deploy type by its name in the plan (`vpc`, `public`). */
  public static of(name: DeployType): KafkaDeployType {
    return name === 'public' ? KafkaDeployType.PUBLIC : KafkaDeployType.VPC;
  }
  public readonly value: number;
  private constructor(public readonly name: DeployType) {
    this.value = DEPLOY_TYPES[name];
  }
}

/** Disk type (`disk_type`): always emitted, since an unset value silently means ultra disk. */
export class KafkaDiskType {
  /** Ultra (efficient) cloud disk, `disk_type = 0`. */
  public static readonly CLOUD = new KafkaDiskType('cloud');
  /** SSD, `disk_type = 1`. */
  public static readonly SSD = new KafkaDiskType('ssd');
  /** The disk type by its name in the plan (`cloud`, `ssd`). */
  public static of(name: DiskType): KafkaDiskType {
    return name === 'ssd' ? KafkaDiskType.SSD : KafkaDiskType.CLOUD;
  }
  public readonly value: number;
  private constructor(public readonly name: DiskType) {
    this.value = DISK_TYPES[name];
  }
}

/** An object that already exists on the instance: imported with a Terraform `import {}` block instead of created. */
export interface KafkaAdoption {
  /** The import ID, `instance_id:name`. */
  readonly importId: string;
  /** Attributes Terraform leaves as they are on the target (`lifecycle.ignore_changes`). @default the construct's own list */
  readonly ignoreChanges?: readonly string[];
}

/** Props every L2 construct of this package takes. */
export interface KafkaResourceProps {
  /** Terraform resource name (the address is `TYPE.NAME`); set it to keep addresses stable. @default cdktn's path-based name */
  readonly terraformName?: string;
}

/** Gives a resource its Terraform name (before anything reads its attributes) and, when adopted, its `import` block. */
export function place(resource: TerraformResource, terraformName: string | undefined, adopt: KafkaAdoption | undefined): void {
  if (terraformName !== undefined) resource.overrideLogicalId(terraformName);
  if (adopt !== undefined) resource.importFrom(adopt.importId);
}

/** `lifecycle` of a resource: prevent_destroy and, for an adopted object, the attributes kept as on the target. */
export function lifecycle(preventDestroy: boolean, adopt: KafkaAdoption | undefined, defaultIgnore: readonly string[]): TerraformResourceLifecycle | undefined {
  const ignore = adopt ? [...(adopt.ignoreChanges ?? defaultIgnore)] : [];
  if (!preventDestroy && ignore.length === 0) return undefined;
  return { ...(preventDestroy ? { preventDestroy: true } : {}), ...(ignore.length > 0 ? { ignoreChanges: ignore } : {}) };
}

/** Throws a `ValidationError` (at `scope`, naming the prop) when a literal name breaks AliKafka's rule; tokens are not checked. */
export function checkName(scope: Construct, prop: string, rule: NameRule, value: string): void {
  if (!Token.isUnresolved(value) && !isValidName(rule, value)) {
    throw new ValidationError(`${rule.what} ${JSON.stringify(value)} is invalid: it must be ${describeNameRule(rule)}`, scope, { field: prop });
  }
}

/** Sorted JSON object of strings, as the provider's `config`/`configs` attributes expect; undefined when empty. */
export function jsonOfStrings(values: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!values || Object.keys(values).length === 0) return undefined;
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(values)
        .sort()
        .map((k) => [k, String(values[k])]),
    ),
  );
}
