/**
 * The metadata file format, version 1: the tool's public interchange format.
 *
 * `export` writes it; `synth` (and later `evaluate`, `mirror`, `verify`) read it.
 * The JSON Schema `metadata.schema.json` beside this file is the authority; these
 * types mirror it for TypeScript callers.
 */

/** The metadata format versions this build reads and writes. */
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [1];

export type SourceKind = 'zookeeper' | 'kafka-admin' | 'alikafka' | 'manual';

export interface SourceInfo {
  readonly kind: SourceKind;
  readonly clusterId?: string;
  /**
   * The source's Kafka release. `export` derives it from the brokers' ApiVersions and says how sure it
   * is: "3.9.x" (one minor release matches, patch unknown), "3.3.x or 3.4.x" (indistinguishable
   * releases), "4.1.x or later" (a lower bound). Hand-written files may give an exact "3.9.0".
   */
  readonly kafkaVersion?: string;
  /**
   * Why `users` is absent although the source may have SCRAM users (set by `export` when it could not
   * read them: broker too old, not authorized, ...). Never a secret.
   */
  readonly usersUnavailable?: string;
  /** host:port[,host:port][/chroot]; never credentials. */
  readonly endpoint?: string;
  /** ISO 8601 timestamp. */
  readonly collectedAt?: string;
  /** What only the cloud knows about an AliKafka source instance (`export --alikafka-instance`). */
  readonly alikafka?: AliKafkaInstanceFacts;
}

/** One entry of an AliKafka instance's IP allowlist: who may reach which ports of which endpoint type. */
export interface AliKafkaAllowedIps {
  /** `vpc` (the VPC endpoints) or `internet` (the public endpoint). */
  readonly type: 'vpc' | 'internet';
  /** AliKafka's port range, `9092/9092`. */
  readonly portRange: string;
  /** IPv4 addresses or CIDR blocks. */
  readonly cidrs: readonly string[];
}

/**
 * An AliKafka source instance as the AliKafka OpenAPI describes it (GetInstanceList, GetQuotaTip, GetAllowedIpList,
 * ListTagResources). Never credentials. Values are as the API gives them, names as the Terraform provider spells them.
 */
export interface AliKafkaInstanceFacts {
  readonly instanceId: string;
  readonly regionId: string;
  readonly name?: string;
  /** The edition (`spec_type`): `normal`, `professional`, `professionalForHighRead`. */
  readonly specType?: string;
  /** The traffic specification (`io_max_spec`), `alikafka.hw.2xlarge`. */
  readonly ioMaxSpec?: string;
  readonly diskType?: 'cloud' | 'ssd';
  /** Disk size, GB. */
  readonly diskSize?: number;
  /** Total partition quota (included in the spec + purchased). */
  readonly partitionQuota?: number;
  /** Partitions purchased on top of the spec's (`partition_num`). */
  readonly partitionNum?: number;
  /** The instance's open-source Kafka version (`service_version`), `2.6.2`. */
  readonly serviceVersion?: string;
  /** The zones the instance runs in (the primary first). */
  readonly zoneIds?: readonly string[];
  readonly deployType?: 'vpc' | 'public';
  /** Public bandwidth, Mbit/s (deploy type public). */
  readonly eipMax?: number;
  /** The instance configuration (`AllConfig`): `kafka.log.retention.hours`, `kafka.message.max.bytes`, `enable.acl`, ...; values are strings. */
  readonly config?: Readonly<Record<string, string>>;
  readonly allowedIps?: readonly AliKafkaAllowedIps[];
  /** The instance's resource tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface BrokerInfo {
  readonly id: number;
  readonly host?: string;
  readonly port?: number;
  readonly rack?: string;
  /** Broker-level settings that differ from Kafka's defaults, when the export could read them; values are strings. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface TopicMetadata {
  /** The source name, exactly as in Kafka. */
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  /** Topic-level overrides only; values are strings. */
  readonly configs?: Readonly<Record<string, string>>;
  readonly internal?: boolean;
  /**
   * The storage engine of an AliKafka topic: `local` (native Kafka storage, ISR replication) or `cloud`. Absent for
   * other sources (and then decided by the plan). Named apart from `storage`, which holds stored bytes.
   */
  readonly storageEngine?: TopicStorageEngine;
  /** The topic's remark (AliKafka's description field). */
  readonly remark?: string;
  /** The topic's resource tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

export type TopicStorageEngine = 'local' | 'cloud';

export type GroupState = 'Stable' | 'Empty' | 'Dead' | 'PreparingRebalance' | 'CompletingRebalance' | 'Unknown';

export interface GroupOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly logEndOffset?: number;
}

export interface ConsumerGroupMetadata {
  readonly groupId: string;
  readonly protocolType?: string;
  readonly state?: GroupState;
  readonly members?: number;
  readonly topics?: readonly string[];
  readonly offsets?: readonly GroupOffset[];
  /** The group's remark (AliKafka's description field). */
  readonly remark?: string;
  /** The group's resource tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'PLAIN';

export interface UserMetadata {
  readonly name: string;
  readonly mechanism?: ScramMechanism;
}

export type AclResourceType = 'Topic' | 'Group' | 'Cluster' | 'TransactionalId';
export type AclPatternType = 'LITERAL' | 'PREFIXED';
export type AclPermission = 'Allow' | 'Deny';

export interface AclMetadata {
  readonly principal: string;
  readonly resourceType: AclResourceType;
  readonly resourceName: string;
  readonly patternType: AclPatternType;
  /** Kafka operation name as Kafka spells it in `kafka-acls` (Read, Write, Describe, IdempotentWrite, ...). */
  readonly operation: string;
  readonly permission: AclPermission;
  readonly host?: string;
}

export interface TopicTraffic {
  /** Mean over the window. */
  readonly bytesInPerSec: number;
  readonly messagesInPerSec?: number;
  /** The busiest one-second interval of the window. */
  readonly peakBytesInPerSec?: number;
  readonly peakMessagesInPerSec?: number;
}

export interface TrafficMetadata {
  readonly windowSeconds: number;
  /** Mean over the window, all topics. */
  readonly bytesInPerSec: number;
  readonly messagesInPerSec?: number;
  /** The busiest one-second interval of the window, all topics together (not the sum of per-topic peaks). */
  readonly peakBytesInPerSec?: number;
  readonly peakMessagesInPerSec?: number;
  readonly perTopic?: Readonly<Record<string, TopicTraffic>>;
}

/**
 * Bytes stored, one copy: for each partition the size of its largest replica (log segments, as the
 * broker reports it), summed per topic; `usedBytes` is the sum over `perTopic`. Replication on the
 * source is not counted in; internal topics are left out.
 */
export interface StorageMetadata {
  readonly usedBytes: number;
  readonly perTopic?: Readonly<Record<string, number>>;
}

/** A whole metadata file (format version 1). */
export interface ClusterMetadata {
  readonly formatVersion: 1;
  readonly source: SourceInfo;
  readonly brokers?: readonly BrokerInfo[];
  readonly topics: readonly TopicMetadata[];
  readonly consumerGroups?: readonly ConsumerGroupMetadata[];
  readonly users?: readonly UserMetadata[];
  readonly acls?: readonly AclMetadata[];
  readonly traffic?: TrafficMetadata;
  readonly storage?: StorageMetadata;
}
