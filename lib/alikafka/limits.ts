/**
 * AliKafka's quotas and limits for reserved (non-serverless) instances.
 *
 * @see sdk-createtopic, limits (2026-02-27): 1-360 partitions per topic through the API (more needs a ticket);
 *   at least 2 on cloud storage, 1 on local storage; partitions can only grow
 * @see limits, spec-kb §3: topics and partitions are 1:1 (available topics = total partitions)
 * @see group-quota-faq (2026-03-11): consumer groups = 2 x total partitions
 * @see message-config: instance message size 1 MiB-10 MiB (default 1 MiB), retention 24-480 h (default 72 h)
 * @see mission (Alibaba's deployment settings): consumer-offset retention 1,440-43,200 minutes, default 10,080
 */
export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface RangeWithDefault extends Range {
  readonly default: number;
}

/** Partitions of one topic. */
export const PARTITIONS_PER_TOPIC: Range = { min: 1, max: 360 };

/** The fewest partitions a topic may have, by storage engine. */
export const MIN_PARTITIONS = { cloud: 2, local: 1 } as const;

/** Topics an instance may hold per partition of its quota (topic quota = partition quota). */
export const TOPICS_PER_QUOTA_PARTITION = 1;

/** Consumer groups an instance may hold per partition of its quota. */
export const GROUPS_PER_QUOTA_PARTITION = 2;

/** Instance message retention (`kafka.log.retention.hours`), in hours. */
export const INSTANCE_RETENTION_HOURS: RangeWithDefault = { min: 24, max: 480, default: 72 };

/** Largest message, bytes: instance `kafka.message.max.bytes` and topic `max.message.bytes`. */
export const MESSAGE_MAX_BYTES: RangeWithDefault = { min: 1_048_576, max: 10_485_760, default: 1_048_576 };

/** Consumer-offset retention of the instance, in minutes. */
export const OFFSETS_RETENTION_MINUTES: RangeWithDefault = { min: 1_440, max: 43_200, default: 10_080 };

export const HOUR_MS = 3_600_000;

/**
 * Alibaba's advice on partitions per topic: fewer than 12 limits consumer parallelism and throughput, more than
 * 100 risks frequent rebalances. @see mission (consumer best practices)
 */
export const RECOMMENDED_PARTITIONS: Range = { min: 12, max: 100 };

/** The topic quota (= partition quota) and group quota of an instance holding `partitionQuota` partitions. */
export function quotasFor(partitionQuota: number): { readonly topics: number; readonly partitions: number; readonly groups: number } {
  return {
    topics: TOPICS_PER_QUOTA_PARTITION * partitionQuota,
    partitions: partitionQuota,
    groups: GROUPS_PER_QUOTA_PARTITION * partitionQuota,
  };
}
