/**
 * AliKafka's published per-API rate limits and how the provider paces creates, which together bound how fast
 * `terraform apply` can create an estate.
 *
 * @see peers-2026-12 (AliKafka's per-API rate limits, calls per second per account and region)
 * @see provider-1.289.0 `resource_alicloud_alikafka_topic.go`: after CreateTopic the provider waits a fixed 10 s
 *   before it reads the topic back (`BuildStateConf(..., 10*time.Second, ...)`); a throttled CreateTopic is retried
 *   inside `resource.Retry` after `incrementalWait(3*time.Second, 5*time.Second)` (`common.go`)
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

/**
 * The published limits of the read actions an export of an AliKafka instance calls (calls per second per account
 * and region; GetQuotaTip is 80/s in the English table and 100/s in the Chinese one: the lower is kept). The
 * export paces itself under these; the rehearsal control plane enforces the write limits above.
 * @see peers-2026-12 §5.3 (AliKafka API quota page, 2019-09-16)
 */
export const READ_API_RATE_LIMITS: Readonly<Record<string, number>> = {
  GetInstanceList: 100,
  GetQuotaTip: 80,
  GetTopicList: 100,
  GetConsumerList: 100,
  DescribeSaslUsers: 40,
  DescribeAcls: 80,
};

/** The provider's fixed delay before it reads a new topic back, seconds. */
export const TOPIC_STATE_DELAY_SECONDS = 10;

/**
 * Seconds one topic holds a Terraform `-parallelism` slot once its CreateTopic is accepted: the provider's 10 s
 * delay, the GetTopicList rounds and Terraform's own bookkeeping. Fitted, with THROTTLED_CALL_SECONDS, to
 * `npm run bench -- apply`: 2,000 topics against the rehearsal control plane at -parallelism 10, 100, 150, 160,
 * 195, 210 and 300 ran at 0.96, 7.6, 10.9, 9.3, 9.6, 10.6 and 8.6 topics/s; the simulation is within 5% RMS
 * of them (it counts up to twice the throttled calls the control plane did at 100-160).
 */
export const TOPIC_SLOT_SECONDS = 10.5;

/**
 * Seconds a throttled CreateTopic costs its slot beyond the provider's documented waits (CREATE_TOPIC_RETRY): the
 * round trip of the refused call and the provider's error handling, fitted to the same bench runs.
 */
export const THROTTLED_CALL_SECONDS = 1.5;

/**
 * How the provider retries a throttled CreateTopic (`resource_alicloud_alikafka_topic.go`, `common.go` and the
 * plugin SDK's `resource.Retry`, v1.289.0): the retry function sleeps `incrementalWait(3s, 5s)`, which is 3 s the
 * first time and 5 s every later time (its `waitTime` is a fresh local on each call), and then the SDK's retry
 * loop waits 0.5 s before the next attempt, doubling each time up to 10 s.
 */
export const CREATE_TOPIC_RETRY = {
  firstWaitSeconds: 3,
  laterWaitSeconds: 5,
  backoffStartSeconds: 0.5,
  backoffMaxSeconds: 10,
} as const;

/**
 * Seconds from a slot's start to its CreateTopic reaching the API, and the spread of that time (one round trip
 * and the provider's request signing; measured with the rehearsal against the local control plane).
 */
export const CREATE_TOPIC_LATENCY_SECONDS = { base: 0.05, spread: 0.1 } as const;

/**
 * How an apply paces its CreateTopic calls to stay at the limit: waves of API_RATE_LIMITS.CreateTopic topics, one
 * wave a second; wave k waits for a `time_sleep` of k seconds (hashicorp/time), so the calls arrive at the limit
 * and none is throttled (a throttled call costs its slot 3-5 s of the provider's retry waits, see CREATE_TOPIC_RETRY).
 * The sleeps all start together (not a chain: each step of a chain of sleeps adds Terraform's own overhead, 0.2 s
 * a step measured on a loaded 2-core machine), so wave k starts k seconds after the apply does, on any machine.
 */
export const CREATE_TOPIC_PACING = {
  waveSeconds: 1,
  /** The provider that paces (`time_sleep`), pinned: scripts/time-provider.sh builds this version into the filesystem mirror. */
  provider: { source: 'hashicorp/time', version: '0.13.1', resourceType: 'time_sleep' },
} as const;

/** Terraform's default `-parallelism`. */
export const TERRAFORM_DEFAULT_PARALLELISM = 10;
