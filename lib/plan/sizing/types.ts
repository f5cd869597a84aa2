/**
 * The types of sizing: its inputs (each with its origin), the evaluation, and the split suggestion. A leaf module:
 * lib/plan/types.ts reads the evaluation's shape from here without importing the sizing code.
 */
import type { TopicMetadata } from '../../model';
import type { DeployType, DiskType, SpecType } from '../../alikafka';
export type { DiskType } from '../../alikafka';

/** Where an input value came from. */
export type InputOrigin =
  | 'measured-peak' // export --sample-traffic: the busiest second of the window
  | 'measured-mean' // export --sample-traffic: the mean over the window (used as the peak, with a warning)
  | 'stored-bytes' // export: bytes stored on the source's brokers
  | 'retention-x-ingress' // ingress times the retention the target keeps
  | 'derived' // computed from other inputs (read from ingress and consumer groups, ...)
  | 'metadata' // read from the metadata (topics, groups, ACLs, racks, version)
  | 'flag' // given on the command line
  | 'default'; // nothing known: the stated default

export interface SizingValue<T> {
  readonly value: T;
  readonly origin: InputOrigin;
  /** How the value was obtained, for people. */
  readonly detail: string;
}

/** One topic as sizing sees it: its shape (for the plan's storage and partition rules) and its load. */
export interface SizingTopic {
  readonly name: string;
  readonly partitions: number;
  readonly configs?: Readonly<Record<string, string>>;
  /** `local`: kept on local storage (on the source instance, or by a local-storage pattern). */
  readonly storageEngine?: 'local' | 'cloud';
  /** Peak business write, MB/s (AliKafka's unit, `SIZING_UNITS`). */
  readonly writeMBps: number;
  /** Peak business read, MB/s. */
  readonly readMBps: number;
  /** Bytes the source stores for the topic (one copy); undefined when not known. */
  readonly storedBytes?: number;
  /** How long the source keeps the topic's messages (hours; Infinity: forever), and where that comes from. */
  readonly retention: { readonly hours: number; readonly from: string };
}

/**
 * The estate as the plan selected it (lib/plan/plan.ts `selectEstate`): sizing reads this, never the raw metadata's
 * topics, groups or ACLs, so the evaluation and the plan size the same thing.
 */
export interface SizingEstate {
  /** The migrated topics (source names; Kafka Connect units' topics with their compaction). */
  readonly topics: readonly TopicMetadata[];
  /** The migrated consumer groups, each with the migrated topics it reads (source names). */
  readonly groups: readonly SizingGroup[];
  /** Allow ACLs the plan carries. */
  readonly acls: number;
  /** The plan's single-partition policy, when given (default: local storage where the edition has it). */
  readonly singlePartition?: 'local' | 'grow';
  /** True when include or exclude patterns narrow the selection. */
  readonly narrowed: boolean;
}

export interface SizingGroup {
  readonly groupId: string;
  /** Selected topics the group reads. */
  readonly topics: readonly string[];
}

export interface SizingWarning {
  readonly code: 'mean-as-peak' | 'no-traffic' | 'no-storage' | 'derived-read' | 'version' | 'standard-disk' | 'unconfirmed' | 'public-traffic' | 'retention';
  readonly subject: string;
  readonly message: string;
}

export interface SizingInput {
  /** Peak business write of the selected topics, MB/s (the sum of the topics' `writeMBps`). */
  readonly writeMBps: SizingValue<number>;
  /** Peak business read, MB/s (the sum of the topics' `readMBps`). */
  readonly readMBps: SizingValue<number>;
  /** Peak public (Internet) traffic, the higher of read and write, MB/s; 0: VPC only. */
  readonly publicMBps: SizingValue<number>;
  /**
   * Instance retention (`kafka.log.retention.hours`) the target keeps cloud-storage topics for: given, or undefined
   * for the default, the longest retention of the cloud-storage topics of each edition (`defaultInstanceRetention`).
   */
  readonly retentionHours: SizingValue<number | undefined>;
  /** Headroom above every need, percent. */
  readonly headroomPct: SizingValue<number>;
  /** Bytes stored on the source for the selected topics (one copy); undefined: no storage figures. */
  readonly storedBytes: SizingValue<number | undefined>;
  readonly multiZone: SizingValue<boolean>;
  /** Replicas of each local-storage topic, all on the purchased disk (the console's replica count). */
  readonly localReplicas: SizingValue<number>;
  /** The disk type (the console's SSD input). */
  readonly diskType: SizingValue<DiskType>;
  readonly sourceKafkaVersion: SizingValue<string | undefined>;
  /** ACLs the plan carries (they need an edition with ACLs). */
  readonly acls: SizingValue<number>;
  readonly topics: readonly SizingTopic[];
  readonly groups: readonly SizingGroup[];
  /** The plan's single-partition policy, when given. */
  readonly singlePartition?: 'local' | 'grow';
  /** Every topic of the metadata (with `internal`), so a split's `--include` globs can be checked against it. */
  readonly allTopics: readonly TopicMetadata[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Warnings found while deriving the inputs. */
  readonly warnings: readonly SizingWarning[];
  /**
   * With no traffic measured, an AliKafka source instance's own traffic spec: no smaller spec is chosen (a spec whose
   * write or read is below it is rejected, with this reason). @default none
   */
  readonly specFloor?: SpecFloor;
}

/** The traffic a chosen spec must at least offer, and where that comes from. */
export interface SpecFloor {
  readonly ioMaxSpec: string;
  readonly writeMBps: number;
  readonly readMBps: number;
  readonly detail: string;
}

/** Command-line style overrides; every field optional. */
export interface SizingFlags {
  /** Peak business write of the migrated topics, MB/s (overrides the measured traffic). */
  readonly peakMBps?: number;
  /** Peak business read, MB/s (overrides the estimate from ingress and consumer groups). */
  readonly readMBps?: number;
  readonly publicMBps?: number;
  readonly retentionHours?: number;
  readonly headroomPct?: number;
  readonly multiZone?: boolean;
  /** Why multi-zone is given (the plan's zones), for the reason shown; default: the flag's wording. */
  readonly zoneDetail?: string;
  /** Replicas of each local-storage topic (LOCAL_TOPIC_REPLICAS' range). @default LOCAL_TOPIC_REPLICAS.value, not confirmed */
  readonly localReplicas?: number;
  /** The disk type. @default the cheapest (DISK_TYPES_BY_COST) */
  readonly diskType?: DiskType;
  /** The selection's patterns (for the split's `--include` globs and the inputs' wording; the estate is selected already). */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export type SizingDimensionName = 'write' | 'read' | 'partitions' | 'topics' | 'groups' | 'disk' | 'public';

/** One dimension of the chosen instance: what the estate needs, what is bought, and the spec's ceiling. */
export interface SizingDimension {
  readonly dimension: SizingDimensionName;
  readonly unit: string;
  /** The estate's need. */
  readonly need: number;
  /** The need with headroom (what the choice must cover). */
  readonly required: number;
  /** What the chosen instance provides (spec traffic, purchased quota, purchased usable disk, public bandwidth). */
  readonly capacity: number;
  /** The most this spec can be given (the spec's traffic, maximum partitions, the largest disk, the public maximum). */
  readonly limit: number;
  /** `capacity` above `need`, percent (undefined when the need is 0). */
  readonly headroomPct?: number;
}

/** A choice of the evaluation, in the shape of the plan's decisions. */
export interface SizingChoice {
  readonly field:
    | 'spec_type'
    | 'io_max_spec'
    | 'disk_type'
    | 'disk_size'
    | 'partition_num'
    | 'deploy_type'
    | 'eip_max'
    | 'service_version'
    | 'multi_zone'
    | 'config.kafka.log.retention.hours';
  readonly value: string;
  readonly reason: string;
}

export interface SizingRejection {
  readonly dimension: SizingDimensionName | 'compaction' | 'acl' | 'multi-zone' | 'retention' | 'version';
  readonly message: string;
}

/** An (edition, spec) the evaluation passed over, and why. */
export interface RejectedSpec {
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
  readonly reasons: readonly SizingRejection[];
}

export interface SizedInstance {
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
  readonly diskType: DiskType;
  readonly diskSize: number;
  readonly partitionNum: number;
  readonly deployType: DeployType;
  readonly eipMax?: number;
  readonly serviceVersion: string;
  readonly multiZone: boolean;
  readonly retentionHours: number;
}

/** An estate that does not fit: the dimension, the need, the largest spec's limit, and by how much it is over. */
export interface SizingProblem {
  readonly dimension: SizingDimensionName | 'combination';
  readonly need: number;
  readonly limit: number;
  readonly over: number;
  readonly message: string;
}

export interface SplitSet {
  /** `--include` globs that select exactly this set's topics. */
  readonly include: readonly string[];
  readonly topics: readonly string[];
  readonly groups: readonly string[];
  /** The spec this set's evaluation chooses. */
  readonly specType: SpecType;
  readonly ioMaxSpec: string;
}

export interface SplitSuggestion {
  readonly sets: readonly SplitSet[];
  /** Topics that cannot be split off: one consumer group's topics together exceed the largest spec. */
  readonly unsplittable: readonly string[];
}

export interface SizingInputLine {
  readonly name: string;
  readonly value: string;
  readonly origin: InputOrigin;
  readonly detail: string;
}

export interface SizingEvaluation {
  readonly fits: boolean;
  readonly inputs: readonly SizingInputLine[];
  /** Undefined when nothing fits. */
  readonly instance?: SizedInstance;
  readonly choices: readonly SizingChoice[];
  readonly dimensions: readonly SizingDimension[];
  /** The (edition, spec) just below the chosen one in cost order, and why it was rejected. */
  readonly nextSmaller?: RejectedSpec;
  /** The next smaller spec of the chosen edition, when it differs from `nextSmaller`. */
  readonly nextSmallerSameEdition?: RejectedSpec;
  readonly problems: readonly SizingProblem[];
  readonly split?: SplitSuggestion;
  readonly warnings: readonly SizingWarning[];
}

/** The load of a set of topics, per edition where the plan's topic shapes differ (storage, grown partitions). */
export interface EvaluateOptions {
  /** Suggest a split when nothing fits. @default true */
  readonly split?: boolean;
}
