import { API_RATE_LIMITS, TERRAFORM_DEFAULT_PARALLELISM, TOPIC_SLOT_SECONDS } from '../alikafka';

/**
 * How long `terraform apply` takes to create the planned topics, from what the provider does per topic: each
 * CreateTopic holds one `-parallelism` slot for about `TOPIC_SLOT_SECONDS`, and CreateTopic is throttled at its
 * published rate, so topics are created at min(parallelism / slot, rate) per second.
 */
export interface ApplyEstimate {
  readonly topics: number;
  readonly defaultParallelism: number;
  /** Seconds at Terraform's default parallelism. */
  readonly defaultSeconds: number;
  /** The smallest parallelism that reaches the CreateTopic rate limit (at least the default, at most the topics). */
  readonly recommendedParallelism: number;
  readonly recommendedSeconds: number;
  readonly reason: string;
}

/** Topics per second at `parallelism`. */
export function expectedTopicRate(parallelism: number, slotSeconds = TOPIC_SLOT_SECONDS): number {
  return Math.min(parallelism / slotSeconds, API_RATE_LIMITS.CreateTopic);
}

/** The smallest parallelism that reaches the CreateTopic ceiling, capped at the number of topics. */
export function recommendedParallelism(topics: number, slotSeconds = TOPIC_SLOT_SECONDS): number {
  return Math.max(TERRAFORM_DEFAULT_PARALLELISM, Math.min(topics, Math.ceil(API_RATE_LIMITS.CreateTopic * slotSeconds)));
}

export function estimateApply(topics: number): ApplyEstimate {
  const rec = recommendedParallelism(topics);
  const seconds = (p: number): number => Math.ceil(topics / expectedTopicRate(p));
  return {
    topics,
    defaultParallelism: TERRAFORM_DEFAULT_PARALLELISM,
    defaultSeconds: seconds(TERRAFORM_DEFAULT_PARALLELISM),
    recommendedParallelism: rec,
    recommendedSeconds: seconds(rec),
    reason:
      `each topic holds a -parallelism slot about ${TOPIC_SLOT_SECONDS} s (the provider waits before reading it back), and CreateTopic is limited to ` +
      `${API_RATE_LIMITS.CreateTopic}/s; throttled calls are retried, so these are lower bounds`,
  };
}
