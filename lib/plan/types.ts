import type { ClusterMetadata, ExistingObjects, RenameMap } from '../model';
import type { PlannedPacing } from './pacing';
import type {
  AclOperation,
  AclPatternType,
  AclResourceType,
  DeployType,
  DiskType,
  EndpointAttribute,
  PaidType,
  SaslUserType,
  SpecType,
  TopicStorage,
} from '../alikafka';
import type { Compression, MirrorMakerTopicRole, MirrorMode } from '../kafka';

export type { DeployType, DiskType, SpecType, TopicStorage } from '../alikafka';
import type { SizingEvaluation } from './sizing/types';
import type { ApplyEstimate } from './apply-estimate';
import type { PlanOptionPath } from './errors';

/**
 * The migration plan: pure data computed from metadata + options. The report, the constructs and the other
 * readers (mirror config, verify, client configs) all read this one structure, so they cannot disagree.
 */

export type SinglePartitionPolicy = 'local' | 'grow';

/** What to do with a Deny ACL that overrides part of an Allow on an edition without Deny rules. */
export type DenyAclPolicy = 'narrow' | 'fail';

/** What to do with a Kafka Connect cluster (a `connect` group and its internal topics): both move or neither. */
export type ConnectPolicy = 'skip' | 'migrate';

/** Where Terraform keeps the state. */
export type BackendType = 'local' | 'oss' | 's3';

export interface BackendOptions {
  readonly type: BackendType;
  /** Backend settings (`bucket`, `key`, `region`, ...); never credentials. */
  readonly config?: Readonly<Record<string, string>>;
}

export interface NewNetworkOptions {
  readonly mode: 'new';
  /** @default 172.16.0.0/12 */
  readonly vpcCidr?: string;
  /** One CIDR per zone, in the order of `zoneIds`. @default 172.16.N.0/24 for the Nth zone */
  readonly vswitchCidrs?: readonly string[];
}

export interface ExistingNetworkOptions {
  readonly mode: 'existing';
  readonly vpcId: string;
  /** One vSwitch per zone, in the order of `zoneIds`. */
  readonly vswitchIds: readonly string[];
}

export interface NewInstanceOptions {
  readonly mode: 'new';
  readonly name?: string;
  readonly region: string;
  /** One zone (single-zone) or several (multi-zone; the last is the standby zone). */
  readonly zoneIds: readonly string[];
  /** @default a new VPC with default CIDRs */
  readonly network?: NewNetworkOptions | ExistingNetworkOptions;
  readonly specType?: SpecType;
  readonly ioMaxSpec?: string;
  readonly diskType?: DiskType;
  /** Replicas of each local-storage topic, for the disk (LOCAL_TOPIC_REPLICAS' range). @default LOCAL_TOPIC_REPLICAS.value (assumed) */
  readonly localReplicas?: number;
  readonly diskSize?: number;
  readonly partitionNum?: number;
  readonly deployType?: DeployType;
  /** Public bandwidth, Mbit/s (`PUBLIC_BANDWIDTH`), of an Internet-and-VPC instance. */
  readonly eipMax?: number;
  readonly serviceVersion?: string;
  /** @default PostPaid (pay-as-you-go) */
  readonly paidType?: PaidType;
  /** Instance message retention in hours. @default the longest retention of the planned cloud-storage topics */
  readonly retentionHours?: number;
  /**
   * Accept one zone for a source whose brokers span several racks (the plan then warns that the zone redundancy
   * is dropped, and the edition is not chosen for multi-zone). @default false: such a source needs two zones
   */
  readonly singleZone?: boolean;
  /** Give the instance a custom password from a sensitive variable. @default false */
  readonly instancePassword?: boolean;
}

export interface ExistingInstanceOptions {
  readonly mode: 'existing';
  readonly instanceId: string;
  /** The existing instance's edition, when known; it decides local storage and compact support. */
  readonly specType?: SpecType;
  /** The existing instance's traffic spec, when known; with `partitionNum` it enables the quota check. */
  readonly ioMaxSpec?: string;
  readonly partitionNum?: number;
}

export type { RenameMap } from '../model';
export type { Compression, MirrorMakerTopicRole, MirrorMode } from '../kafka';

/**
 * MirrorMaker 2 as the plan carries it (`synth --mirror`): its own topics and group become Terraform objects, and
 * these settings shape the copy that `mirror` renders.
 */
export interface MirrorPlanOptions {
  readonly mode: MirrorMode;
  /** Replication factor MirrorMaker gives topics it would create itself (AliKafka sets its topics' replication). @default 3 */
  readonly replicationFactor?: number;
  /** Checkpoint and group-offset sync interval in seconds. @default 30 */
  readonly checkpointIntervalSeconds?: number;
  /** Upper bound on tasks.max. @default 8 */
  readonly maxTasks?: number;
  /** Compression of the records MirrorMaker writes. @default 'none' */
  readonly compression?: Compression;
}

export interface PlanOptions {
  readonly target: NewInstanceOptions | ExistingInstanceOptions;
  /** Globs (`*`, `?`) of source topic names to include; default all. */
  readonly include?: readonly string[];
  /** Globs of source topic names to exclude; exclusion wins over inclusion. */
  readonly exclude?: readonly string[];
  readonly renameMap?: RenameMap;
  /** Forbid `.` in topic and group names (older instances and API versions reject it). @default false */
  readonly noDots?: boolean;
  /** What to do with 1-partition topics. @default 'local' where the edition has local storage, else 'grow' */
  readonly singlePartition?: SinglePartitionPolicy;
  /**
   * Globs of source topic names to put on local storage (non-compacted topics; compacted ones are local anyway). Refused
   * on an edition without local storage. Topics an AliKafka source keeps on local storage stay local without it.
   * @default none
   */
  readonly localStorage?: readonly string[];
  /**
   * The export the last plan came from. Objects gone from the source since then are kept (reported, and
   * still planned so Terraform does not destroy them), and the new instance keeps its earlier sizing.
   */
  readonly previous?: ClusterMetadata;
  /** With `previous`: let objects gone from the source be destroyed (they leave the plan). @default false */
  readonly allowDestroy?: boolean;
  /** What already exists on the target instance: adopted with Terraform `import` blocks (existing instance only). */
  readonly existing?: ExistingObjects;
  /** Deny ACLs on an edition without Deny rules: narrow the Allows they override, or fail. @default 'narrow' */
  readonly denyAcls?: DenyAclPolicy;
  /** With include/exclude: keep every SASL user, not only those whose ACLs touch the selection. @default false */
  readonly keepAllUsers?: boolean;
  /** Kafka Connect clusters: skip their group and internal topics, or migrate both. @default 'skip' */
  readonly connect?: ConnectPolicy;
  /** Tags for the instance and the topics. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** CIDRs allowed to reach the instance (its IP allowlist) on the deployment's ports. @default none */
  readonly allowCidrs?: readonly string[];
  /** Where Terraform keeps the state. @default local, beside cdk.tf.json */
  readonly backend?: BackendOptions;
  /** Plan MirrorMaker 2: its own topics and group on the target, and the settings of the copy. @default none: no MirrorMaker objects */
  readonly mirror?: MirrorPlanOptions;
  /**
   * The copy-free path of Alibaba's migration guide: no topic is copied; the producers switch to the target and
   * the old consumer groups drain the source. Excludes `mirror`. @default false
   */
  readonly noCopy?: boolean;
}

/** An object that was in the previous export and is gone from the source now. */
export interface RemovedObject {
  readonly kind: 'topic' | 'group' | 'user' | 'acl';
  readonly name: string;
  /** `kept`: still planned, so nothing is destroyed; `destroy`: left out (allowDestroy). */
  readonly action: 'kept' | 'destroy';
}

/** A difference between the plan and what already exists on the target, and how the plan resolved it. */
export interface TargetDifference {
  readonly kind: 'topic' | 'group' | 'user';
  readonly name: string;
  readonly field: string;
  readonly planned: string;
  readonly target: string;
  readonly resolution: string;
}

/**
 * An object that already exists on the target and is adopted instead of created: Terraform imports it, and
 * leaves the listed attributes as they are there.
 */
export interface Adoption {
  /** The ID of the Terraform `import {}` block (`instance_id:name`). */
  readonly importId: string;
  /** Attributes kept as on the target (`lifecycle.ignore_changes`). */
  readonly ignoreChanges: readonly string[];
  /** Why those attributes are kept. */
  readonly reason: string;
}

export type ConfigAction = 'carried' | 'coerced' | 'dropped';

export interface ConfigDecision {
  readonly topic: string;
  readonly key: string;
  readonly action: ConfigAction;
  readonly from: string;
  /** The value sent to AliKafka (carried or coerced). */
  readonly to?: string;
  readonly reason: string;
}

export interface PlannedTopic {
  readonly sourceName: string;
  readonly name: string;
  /** Terraform resource name (the address is `alicloud_alikafka_topic.NAME`), derived from `name` only. */
  readonly terraformName: string;
  readonly partitions: number;
  readonly sourcePartitions: number;
  readonly storage: TopicStorage;
  readonly compact: boolean;
  /** Per-topic configs sent to AliKafka, keys sorted. */
  readonly configs: Readonly<Record<string, string>>;
  readonly remark: string;
  /** Why storage or partitions differ from a plain copy. */
  readonly notes: readonly string[];
  /** `lifecycle { prevent_destroy = true }`: topics hold data, so Terraform must never destroy them by itself. */
  readonly preventDestroy: boolean;
  /** Already on the target: adopted with an `import` block instead of created. */
  readonly adopted?: Adoption;
  /** Resource tags (the plan's tags). */
  readonly tags: Readonly<Record<string, string>>;
}

export interface PlannedGroup {
  readonly sourceId: string;
  readonly name: string;
  readonly terraformName: string;
  readonly remark: string;
  readonly topics: readonly string[];
  readonly members?: number;
  /** Already on the target: adopted with an `import` block (its remark is left as it is). */
  readonly adopted?: Adoption;
  /** Resource tags: the source group's own (an AliKafka source) and the plan's. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Why the remark or tags differ from the source's. */
  readonly notes?: readonly string[];
}

export interface PlannedUser {
  readonly sourceName: string;
  readonly name: string;
  readonly terraformName: string;
  /** Provider `type`: `scram` (SCRAM-SHA-256) or `plain`. */
  readonly type: SaslUserType;
  readonly sourceMechanism?: string;
  /** The sensitive Terraform variable that carries this user's password. */
  readonly passwordVariable: string;
  /** Already on the target: adopted with an `import` block (its password is left as it is). */
  readonly adopted?: Adoption;
}

export interface PlannedAcl {
  readonly terraformName: string;
  readonly username: string;
  readonly resourceType: AclResourceType;
  readonly resourceName: string;
  readonly patternType: AclPatternType;
  readonly operation: AclOperation;
  /** The client host the rule is limited to; undefined: all hosts. */
  readonly host?: string;
  /** The source ACL this came from, as `permission principal operation resourceType:patternType:name`. */
  readonly source: string;
}

export interface Rename {
  readonly kind: 'topic' | 'group' | 'user' | 'acl';
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface Skipped {
  readonly kind: 'topic' | 'group' | 'user' | 'acl';
  readonly name: string;
  readonly reason: string;
}

export type WarningCode =
  | 'few-partitions'
  | 'many-partitions'
  | 'idle-consumers'
  | 'quota-headroom'
  | 'single-partition'
  | 'message-size'
  | 'scram-mechanism'
  | 'assumed-edition'
  | 'quota-unchecked'
  | 'acl-prefixed-rename'
  | 'acl-expanded'
  | 'adopted-user'
  | 'retention'
  | 'sizing'
  | 'acl-narrowed'
  | 'selection-unmatched'
  | 'rename-unmatched'
  | 'timestamp-type'
  | 'offsets-retention'
  | 'connect'
  | 'option-ignored'
  | 'single-zone'
  | 'disk-usage'
  | 'local-state';

export interface PlanWarning {
  readonly code: WarningCode;
  readonly subject: string;
  readonly message: string;
  /**
   * The plan option that caused it, when the user's own option did (a pattern that matches nothing, an option
   * overridden, ignored or a setting it dropped): the CLI shows these on the terminal, not only in the report.
   */
  readonly option?: PlanOptionPath;
}

/** One decision about the instance, with the reason the report shows for it. */
export interface Decision {
  readonly field: string;
  readonly value: string;
  readonly reason: string;
}

export interface PlannedNewNetwork {
  readonly mode: 'new';
  readonly vpcCidr: string;
  readonly vswitches: ReadonlyArray<{ readonly zoneId: string; readonly cidr: string }>;
  /** Where the CIDRs come from. */
  readonly reason: string;
}

export interface PlannedExistingNetwork {
  readonly mode: 'existing';
  readonly vpcId: string;
  readonly vswitchIds: readonly string[];
}

export interface PlannedNewInstance {
  readonly mode: 'new';
  readonly name: string;
  readonly region: string;
  readonly zoneIds: readonly string[];
  readonly network: PlannedNewNetwork | PlannedExistingNetwork;
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
  readonly diskType: DiskType;
  readonly diskSize: number;
  readonly partitionNum: number;
  readonly deployType: DeployType;
  readonly eipMax?: number;
  readonly serviceVersion: string;
  readonly paidType: PaidType;
  /** `lifecycle { prevent_destroy = true }`: the instance holds every topic's data. */
  readonly preventDestroy: boolean;
  /** Resource tags (the plan's tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** The sensitive Terraform variable that carries a custom instance password; undefined: none is set. */
  readonly passwordVariable?: string;
  /** Instance `config`, values as strings (synthesized as a JSON object of strings). */
  readonly config: Readonly<Record<string, string>>;
  readonly decisions: readonly Decision[];
  /** The evaluation the settings not given come from: needs, limits and headroom per dimension, the rejected smaller spec. */
  readonly sizing?: SizingEvaluation;
}

export interface PlannedExistingInstance {
  readonly mode: 'existing';
  readonly instanceId: string;
  readonly specType?: SpecType;
  readonly ioMaxSpec?: string;
  readonly partitionNum?: number;
  readonly decisions: readonly Decision[];
}

/** One Terraform output of an instance endpoint. */
export interface PlannedEndpoint {
  /** The output's name. */
  readonly output: string;
  /** The instance attribute it reads (`end_point`). */
  readonly attribute: EndpointAttribute;
  readonly description: string;
}

/** One entry of the instance IP allowlist (`alicloud_alikafka_instance_allowed_ip_attachment`). */
export interface PlannedAllowedIp {
  readonly terraformName: string;
  readonly cidr: string;
  readonly allowedType: 'vpc' | 'internet';
  readonly portRange: string;
  readonly reason: string;
}

/** Where Terraform keeps the state. */
export interface PlannedState {
  readonly backend: BackendType;
  /** Backend settings as given (local: `path`, relative to the stack directory). */
  readonly config: Readonly<Record<string, string>>;
  /** Where the state lives, in words, for the report. */
  readonly where: string;
}

/** A difference between the previous export and this one, for a planned object. */
export interface SourceChange {
  readonly kind: 'topic' | 'group' | 'user' | 'acl';
  readonly name: string;
  readonly change: 'added' | 'gone' | 'partitions' | 'config';
  readonly detail: string;
}

export interface QuotaCheck {
  /** Total partitions the instance can hold (included + purchased); undefined when unknown. */
  readonly partitionQuota?: number;
  readonly groupQuota?: number;
  readonly topics: number;
  readonly partitions: number;
  readonly groups: number;
  /** Of the counts above, MirrorMaker's own topics, partitions and groups (`mirror` planned). */
  readonly mirrorMaker?: { readonly topics: number; readonly partitions: number; readonly groups: number };
}

/** How one planned topic is copied: same name, renamed through the generated replication policy, or not at all. */
export type TopicCopy = 'identity' | 'renamed-by-policy' | 'name-kept-by-policy' | 'not-copied';

export interface TopicTransfer {
  readonly sourceName: string;
  /** The target name. */
  readonly name: string;
  readonly copy: TopicCopy;
  readonly reason: string;
}

/**
 * How one planned group's committed offsets reach the target: synced by MirrorMaker (checkpoints and
 * sync.group.offsets), committed by the user after the group stops on the source (`cutover` gives them), or not moved.
 */
export type OffsetsMove = 'synced' | 'committed-after-stop' | 'not-moved';

export interface GroupTransfer {
  readonly sourceId: string;
  /** The target name. */
  readonly name: string;
  readonly offsets: OffsetsMove;
  readonly reason: string;
}

/** One of MirrorMaker's own topics, created on the target by Terraform like the migrated topics. */
export interface PlannedMirrorMakerTopic {
  readonly role: MirrorMakerTopicRole;
  readonly name: string;
  readonly terraformName: string;
  readonly partitions: number;
  readonly storage: TopicStorage;
  readonly compact: boolean;
  readonly remark: string;
  readonly reason: string;
  /** `lifecycle { prevent_destroy = true }`: losing MirrorMaker's state means copying again from the start. */
  readonly preventDestroy: boolean;
  readonly adopted?: Adoption;
  readonly tags: Readonly<Record<string, string>>;
}

/** The consumer group of the Connect worker that runs MirrorMaker, created on the target by Terraform. */
export interface PlannedMirrorMakerGroup {
  readonly name: string;
  readonly terraformName: string;
  readonly remark: string;
  readonly reason: string;
  readonly adopted?: Adoption;
}

/** Where the Connect worker's config, offset and status topics live, and why. */
export interface WorkerTopicsPlacement {
  /** `target`: planned on the target (compacted, local storage); `connect-cluster`: on the cluster the Connect workers use. */
  readonly location: 'target' | 'connect-cluster';
  readonly reason: string;
}

export interface MirrorMakerPlan {
  readonly mode: MirrorMode;
  /** The MirrorMaker 2 release the configuration is for. */
  readonly version: string;
  /** Cluster aliases: part of MirrorMaker's topic names, so frozen. */
  readonly sourceAlias: string;
  readonly targetAlias: string;
  /** `replication.policy.separator`: `.` by default, `-` when dots are forbidden. */
  readonly separator: string;
  readonly replicationFactor: number;
  readonly checkpointIntervalSeconds: number;
  readonly maxTasks: number;
  readonly compression: Compression;
  readonly workerTopics: WorkerTopicsPlacement;
  /** The worker's group (`group.id`), when it is planned on the target. */
  readonly workerGroup?: string;
  readonly topics: readonly PlannedMirrorMakerTopic[];
  readonly groups: readonly PlannedMirrorMakerGroup[];
}

/** The transfer: how each planned topic is copied, how each group's offsets move, and what MirrorMaker needs. */
export interface TransferPlan {
  /** `copy-free`: nothing is copied; producers switch and the old groups drain the source. Absent: the MirrorMaker path. */
  readonly path?: 'copy-free';
  readonly topics: readonly TopicTransfer[];
  readonly groups: readonly GroupTransfer[];
  /** Planned with `mirror`: MirrorMaker's settings and its own topics and group. */
  readonly mirrorMaker?: MirrorMakerPlan;
}

export interface MigrationPlan {
  readonly planVersion: 1;
  readonly source: {
    readonly kind: string;
    readonly clusterId?: string;
    readonly kafkaVersion?: string;
    readonly endpoint?: string;
    readonly collectedAt?: string;
  };
  readonly instance: PlannedNewInstance | PlannedExistingInstance;
  readonly topics: readonly PlannedTopic[];
  readonly groups: readonly PlannedGroup[];
  readonly users: readonly PlannedUser[];
  readonly acls: readonly PlannedAcl[];
  readonly renames: readonly Rename[];
  readonly skipped: readonly Skipped[];
  readonly configDecisions: readonly ConfigDecision[];
  readonly warnings: readonly PlanWarning[];
  readonly quota: QuotaCheck;
  /** Objects gone from the source since the previous export (`previous`). */
  readonly removed: readonly RemovedObject[];
  /** Differences with objects already on the target (`existing`). */
  readonly targetDifferences: readonly TargetDifference[];
  /** How long `terraform apply` takes to create the planned topics, and the `-parallelism` to use. */
  readonly applyEstimate: ApplyEstimate;
  /** What changed in the source since the previous export (`previous`). */
  readonly changes: readonly SourceChange[];
  /** Instance endpoint outputs (a new instance). */
  readonly endpoints: readonly PlannedEndpoint[];
  /** The instance IP allowlist entries. */
  readonly allowedIps: readonly PlannedAllowedIp[];
  readonly state: PlannedState;
  /** How the data and the group offsets move (optional within planVersion 1: plans written before it lack it). */
  readonly transfer?: TransferPlan;
  /** How the apply paces CreateTopic (lib/plan/pacing.ts); absent when the created topics fit in one wave. */
  readonly pacing?: PlannedPacing;
}

/** The plan file `synth` writes beside each stack's `cdk.tf.json`; every later step reads it (`--plan`). */
export const PLAN_FILE_NAME = 'migration-plan.json';

/** A file an option named, by its SHA-256 (its contents stay out of the plan file). */
export interface PlanFileRef {
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
}

/**
 * The plan options as given, in a form the plan file can hold: files named by an option (`previous`,
 * `existing`) appear by their SHA-256; the rename map, which is data the plan applied, appears whole.
 */
export interface PlanFileOptions extends Omit<PlanOptions, 'previous' | 'existing'> {
  readonly previous?: PlanFileRef;
  readonly existing?: PlanFileRef;
}

/** A source broker as later steps need it (bootstrap servers, racks); never its settings. */
export interface PlanFileBroker {
  readonly id: number;
  readonly host?: string;
  readonly port?: number;
  readonly rack?: string;
}

/** What MirrorMaker 2 will do, as far as the plan knows it. */
export interface PlanFileMirror {
  /** `emit.checkpoints.interval.seconds` and `sync.group.offsets.interval.seconds`, when the plan sets them. */
  readonly checkpointIntervalSeconds?: number;
}

/**
 * The plan file (`migration-plan.json`): the whole `MigrationPlan`, plus what ties it to its inputs (the metadata
 * file's SHA-256, the options) and what later steps need from the source. Within `planVersion` 1, later fields are
 * optional and additive; a reader refuses another major version. The JSON Schema is `lib/model/migration-plan.schema.json`.
 */
export interface MigrationPlanFile extends Omit<MigrationPlan, 'source'> {
  readonly source: MigrationPlan['source'] & {
    /** The source's brokers from the metadata, sorted by id. */
    readonly brokers: readonly PlanFileBroker[];
  };
  /** The metadata file the plan was made from. */
  readonly metadata: PlanFileRef;
  /** The synth stack the plan was written for. */
  readonly stack: string;
  readonly options: PlanFileOptions;
  readonly mirror?: PlanFileMirror;
}
