/**
 * How fast `terraform apply` can create AliKafka topics, from what the provider v1.289.0 does per topic:
 * `CreateTopic` (throttled at 20/s per account and region), then a state wait with a fixed 10 s delay before
 * the first `GetTopicList` (resource_alicloud_alikafka_topic.go: BuildStateConf(..., 10*time.Second, ...)).
 * Each topic therefore holds one of Terraform's `-parallelism` slots for at least ~10 s, so the create rate is
 * min(parallelism / slotSeconds, 20/s).
 */
export const CREATE_TOPIC_PER_SECOND = 20;
/** The provider's fixed delay before it reads a new topic back. */
export const TOPIC_STATE_DELAY_SECONDS = 10;
/** Delay plus one GetTopicList round and Terraform's own bookkeeping, per topic (measured on the rehearsal). */
export const TOPIC_SLOT_SECONDS = 10.5;
export const TERRAFORM_DEFAULT_PARALLELISM = 10;

/** Topics per second the model expects at `parallelism`. */
export function expectedTopicRate(parallelism: number, slotSeconds = TOPIC_SLOT_SECONDS): number {
  return Math.min(parallelism / slotSeconds, CREATE_TOPIC_PER_SECOND);
}

/** The smallest parallelism that reaches the CreateTopic ceiling, capped at the number of topics. */
export function recommendedParallelism(topics: number, slotSeconds = TOPIC_SLOT_SECONDS): number {
  return Math.max(TERRAFORM_DEFAULT_PARALLELISM, Math.min(topics, Math.ceil(CREATE_TOPIC_PER_SECOND * slotSeconds)));
}

/** Seconds to create `topics` topics at `parallelism` (topics only; the instance and network come first). */
export function estimateTopicApplySeconds(topics: number, parallelism: number, slotSeconds = TOPIC_SLOT_SECONDS): number {
  return topics / expectedTopicRate(parallelism, slotSeconds);
}
