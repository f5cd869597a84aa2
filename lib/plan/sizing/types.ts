/**
 * The types of sizing: its inputs (each with its origin), the evaluation, and the split suggestion. A leaf module:
 * lib/plan/types.ts reads the evaluation's shape from here without importing the sizing code.
 */
import type { TopicMetadata } from '../../model';
import type { DeployType, DiskType, SpecType } from '../../alikafka';

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
  /** Peak business write, MB/s (AliKafka's unit, `SIZING_UNITS`). */
  readonly writeMBps: number;
  /** Peak business read, MB/s. */
  readonly readMBps: number;
  /** Bytes the source stores for the topic (one copy); undefined when not known. */
  readonly storedBytes?: number;
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
  /** Instance retention (`kafka.log.retention.hours`) the target keeps cloud-storage topics for. */
  readonly retentionHours: SizingValue<number>;
  /** Headroom above every need, percent. */
  readonly headroomPct: SizingValue<number>;
  /** Bytes stored on the source for the selected topics (one copy); undefined: no storage figures. */
  readonly storedBytes: SizingValue<number | undefined>;
  readonly multiZone: SizingValue<boolean>;
  readonly sourceKafkaVersion: SizingValue<string | undefined>;
  /** ACLs the plan carries (they need an edition with ACLs). */
  readonly acls: SizingValue<number>;
  readonly topics: readonly SizingTopic[];
  readonly groups: readonly SizingGroup[];
  /** Every topic of the metadata (with `internal`), so a split's `--include` globs can be checked against it. */
  readonly allTopics: readonly TopicMetadata[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Warnings found while deriving the inputs. */
  readonly warnings: readonly SizingWarning[];
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
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** The plan's own choice of topics, when it has made one (source names); otherwise the include/exclude rule. */
  readonly selectedTopics?: ReadonlySet<string>;
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
