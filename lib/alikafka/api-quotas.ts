/**
 * AliKafka's published per-API rate limits and how the provider paces creates, which together bound how fast
 * `terraform apply` can create an estate.
 *
 * @see peers-2026-12 (AliKafka's per-API rate limits, calls per second per account and region)
 * @see provider-1.289.0 `resource_alicloud_alikafka_topic.go`: after CreateTopic the provider waits a fixed 10 s
 *   before it reads the topic back (`BuildStateConf(..., 10*time.Second, ...)`)
 */
export const API_RATE_LIMITS: Readonly<Record<string, number>> = {
  CreateTopic: 20,
  CreateConsumerGroup: 40,
  DeleteTopic: 40,
  CreateAcl: 10,
  CreateSaslUser: 10,
  GetTopicList: 100,
  UpdateConsumerOffset: 20,
};

/** The provider's fixed delay before it reads a new topic back, seconds. */
export const TOPIC_STATE_DELAY_SECONDS = 10;

/**
 * Seconds one topic holds a Terraform `-parallelism` slot: the delay, one GetTopicList round and Terraform's own
 * bookkeeping (measured with the rehearsal against the local control plane).
 */
export const TOPIC_SLOT_SECONDS = 10.5;

/** Terraform's default `-parallelism`. */
export const TERRAFORM_DEFAULT_PARALLELISM = 10;
