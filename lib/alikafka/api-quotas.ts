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
 * How an apply paces its CreateTopic calls to stay at the limit: waves of API_RATE_LIMITS.CreateTopic topics, each
 * released by a `time_sleep` (hashicorp/time), in one of two shapes (lib/plan/pacing.ts), both measured by
 * `npm run bench -- apply` (2,000 topics, 2 cores):
 * - chained, for remote state: the sleep of wave k sleeps waveSeconds from the end of the sleep of wave k-1. Waves
 *   are always more than waveSeconds apart whatever the phase of the API's one-second windows, and the chain slows
 *   down instead of bunching up when Terraform falls behind. Each step costs stepOverheadSeconds beyond its sleep
 *   (Terraform recording the sleep and starting the next: 2.1 s over 99 steps). Measured: 19.2-19.6 calls a second
 *   while creating, none throttled.
 * - together, for local state: wave k>0 waits for a sleep of k x waveSeconds, all started with the apply. With
 *   local state Terraform rewrites the whole state file after every resource, and each step of a chain waits for
 *   that rewrite behind the topics' own: the chain stalled for seconds a step once a few hundred topics existed
 *   (7.3 topics/s against 10-11 unpaced). Sleeps started together do not wait for each other, but a wave lands where
 *   Terraform happened to start its sleep (0.25-0.5 s apart across 100 sleeps), so a wave straddling a second
 *   boundary shares a window with the next and calls are throttled (13.4-15.1 topics/s, hundreds throttled).
 */
export const CREATE_TOPIC_PACING = {
  waveSeconds: 1,
  stepOverheadSeconds: 0.02,
  /** The provider that paces (`time_sleep`), pinned: scripts/time-provider.sh builds this version into the filesystem mirror. */
  provider: { source: 'hashicorp/time', version: '0.13.1', resourceType: 'time_sleep' },
} as const;

/** Terraform's default `-parallelism`. */
export const TERRAFORM_DEFAULT_PARALLELISM = 10;
