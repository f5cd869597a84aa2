/**
 * Alibaba's producer and consumer best practices for AliKafka, as data: the Java client key, the recommended
 * value, how a current value is judged, the severity of a departure, the reason, per role and per profile,
 * and the equivalent key in kafkajs (the helper's config) and librdkafka where one exists.
 * client-config writes these values; lint-client compares files with them. Nothing else states them.
 *
 * Source: /work/shared/mission.md, "Client best practices the tool should encode" (Alibaba's producer and
 * consumer best-practice pages, as summarised there; read 2026-12-01). Values marked "derived" follow from a
 * stated practice and a Java client fact named in the reason.
 */
import { AlikafkaMigrateError, InternalError } from '../errors';

export type ClientRole = 'producer' | 'consumer';
/** `general` applies always; the others are chosen with `--profile`. */
export type PracticeProfile = 'general' | 'large-messages' | 'public-internet' | 'high-volume';
export const PRACTICE_PROFILES: readonly Exclude<PracticeProfile, 'general'>[] = ['large-messages', 'public-internet', 'high-volume'];
export type PracticeSeverity = 'error' | 'warning' | 'info';

/** How the recommended value is found: fixed, or from the user's largest message or public bandwidth. */
export type PracticeValue =
  | { readonly kind: 'fixed'; readonly value: string }
  /** Leave the key unset (the client's default is the practice). */
  | { readonly kind: 'unset'; readonly note: string }
  /** A little above the largest message: size × (1 + margin), rounded up to a KiB. */
  | { readonly kind: 'message-size'; readonly margin: number }
  /** A fraction of the public (Internet) bandwidth in bytes per second. */
  | { readonly kind: 'bandwidth'; readonly fraction: number }
  /** A fraction of the recommended fetch.max.bytes of the same profile. */
  | { readonly kind: 'fetch-max-fraction'; readonly fraction: number };

/** How lint-client judges a current (explicit or default) value against the recommendation. */
export type PracticeCheck =
  | { readonly kind: 'equal' }
  | { readonly kind: 'at-least' }
  | { readonly kind: 'at-most' }
  | { readonly kind: 'between'; readonly min: number; readonly max: number }
  | { readonly kind: 'one-of'; readonly values: readonly string[] }
  | { readonly kind: 'none-of'; readonly values: readonly string[] };

export interface ClientPractice {
  /** Stable id; lint findings carry it. */
  readonly id: string;
  /** Java client configuration key. */
  readonly key: string;
  readonly role: ClientRole;
  readonly profile: PracticeProfile;
  readonly value: PracticeValue;
  readonly check: PracticeCheck;
  readonly severity: PracticeSeverity;
  readonly reason: string;
  /** Dotted path in the kafkajs helper config (`lib/clients/kafkajs-config.ts`), when kafkajs has the setting. */
  readonly kafkajs?: string;
  /** The librdkafka property, when librdkafka has the setting. */
  readonly librdkafka?: string;
}

const MIB = 1024 * 1024;

export const CLIENT_PRACTICES: readonly ClientPractice[] = [
  // ---- producer, general
  {
    id: 'producer-retries',
    key: 'retries',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: '3' },
    check: { kind: 'at-least' },
    severity: 'warning',
    reason: 'AliKafka closes connections idle for 30 s; the first send after an idle period can fail and must be retried (Alibaba: retries 3)',
    kafkajs: 'kafka.retry.retries',
    librdkafka: 'retries',
  },
  {
    id: 'producer-retry-backoff',
    key: 'retry.backoff.ms',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: '1000' },
    check: { kind: 'at-least' },
    severity: 'warning',
    reason: 'a retry right after an idle disconnect or a leader change fails again; wait 1000 ms between retries (Alibaba)',
    kafkajs: 'kafka.retry.initialRetryTime',
    librdkafka: 'retry.backoff.ms',
  },
  {
    id: 'producer-acks',
    key: 'acks',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: '1' },
    check: { kind: 'one-of', values: ['1', 'all', '-1'] },
    severity: 'warning',
    reason: 'acks=1 in general, acks=all for important data; acks=0 loses messages without an error (Alibaba)',
    kafkajs: 'producer.acks',
    librdkafka: 'acks',
  },
  {
    id: 'producer-batch-size',
    key: 'batch.size',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: '16384' },
    check: { kind: 'at-least' },
    severity: 'info',
    reason: 'batches of 16 KiB per partition cut requests and broker load (Alibaba: batch.size 16384)',
    kafkajs: 'producer.batchSize',
    librdkafka: 'batch.size',
  },
  {
    id: 'producer-linger',
    key: 'linger.ms',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: '100' },
    check: { kind: 'between', min: 100, max: 1000 },
    severity: 'info',
    reason: 'waiting 100-1000 ms lets batches fill; a lower linger sends many small requests (Alibaba: linger.ms 100-1000)',
    librdkafka: 'linger.ms',
  },
  {
    id: 'producer-buffer-memory',
    key: 'buffer.memory',
    role: 'producer',
    profile: 'general',
    value: { kind: 'fixed', value: String(32 * MIB) },
    check: { kind: 'at-most' },
    severity: 'info',
    reason:
      '32 MiB per producer is enough; several producers in one process each take their own buffer, so prefer one producer per application (it is thread-safe)',
    librdkafka: 'queue.buffering.max.kbytes',
  },
  {
    id: 'producer-partitioner',
    key: 'partitioner.class',
    role: 'producer',
    profile: 'general',
    value: { kind: 'unset', note: 'the built-in sticky partitioner (clients 2.4+) batches keyless messages and hashes keys with murmur2' },
    check: { kind: 'none-of', values: ['org.apache.kafka.clients.producer.RoundRobinPartitioner'] },
    severity: 'warning',
    reason: 'sticky partitioning fills one batch at a time for keyless messages (default from client 2.4); round-robin spreads every batch over all partitions',
  },
  // ---- producer, high volume
  {
    id: 'producer-linger-high-volume',
    key: 'linger.ms',
    role: 'producer',
    profile: 'high-volume',
    value: { kind: 'fixed', value: '1000' },
    check: { kind: 'between', min: 100, max: 1000 },
    severity: 'info',
    reason: "at high volume the upper end of Alibaba's 100-1000 ms gives the fullest batches; leave keys off so the sticky partitioner can fill them",
    librdkafka: 'linger.ms',
  },
  // ---- producer, large messages
  {
    id: 'producer-max-request-large',
    key: 'max.request.size',
    role: 'producer',
    profile: 'large-messages',
    value: { kind: 'message-size', margin: 0.1 },
    check: { kind: 'at-least' },
    severity: 'warning',
    reason: 'derived: the Java producer refuses a record larger than max.request.size (default 1 MiB) before sending it',
    librdkafka: 'message.max.bytes',
  },
  // ---- consumer, general
  {
    id: 'consumer-offset-reset',
    key: 'auto.offset.reset',
    role: 'consumer',
    profile: 'general',
    value: { kind: 'fixed', value: 'latest' },
    check: { kind: 'equal' },
    severity: 'warning',
    reason: 'latest is safer than earliest: a group without committed offsets on the new instance would otherwise re-read every retained message (Alibaba)',
    kafkajs: 'consumer.fromBeginning',
    librdkafka: 'auto.offset.reset',
  },
  {
    id: 'consumer-auto-commit',
    key: 'enable.auto.commit',
    role: 'consumer',
    profile: 'general',
    value: { kind: 'fixed', value: 'false' },
    check: { kind: 'equal' },
    severity: 'info',
    reason:
      'auto-commit commits at poll: finish the previous batch before polling again, or commit manually after processing (Alibaba); delivery is at least once, so make processing idempotent by key',
    librdkafka: 'enable.auto.commit',
  },
  // ---- consumer, large messages
  {
    id: 'consumer-max-poll-large',
    key: 'max.poll.records',
    role: 'consumer',
    profile: 'large-messages',
    value: { kind: 'fixed', value: '1' },
    check: { kind: 'equal' },
    severity: 'warning',
    reason: 'for messages over 1 MB poll one record at a time, so processing a poll stays within max.poll.interval.ms (Alibaba)',
  },
  {
    id: 'consumer-fetch-max-large',
    key: 'fetch.max.bytes',
    role: 'consumer',
    profile: 'large-messages',
    value: { kind: 'message-size', margin: 0.1 },
    check: { kind: 'at-least' },
    severity: 'warning',
    reason: 'set a little above the largest message (Alibaba)',
    kafkajs: 'consumer.maxBytes',
    librdkafka: 'fetch.max.bytes',
  },
  {
    id: 'consumer-partition-fetch-large',
    key: 'max.partition.fetch.bytes',
    role: 'consumer',
    profile: 'large-messages',
    value: { kind: 'message-size', margin: 0.1 },
    check: { kind: 'at-least' },
    severity: 'warning',
    reason: 'set a little above the largest message (Alibaba)',
    kafkajs: 'consumer.maxBytesPerPartition',
    librdkafka: 'max.partition.fetch.bytes',
  },
  // ---- consumer, public internet
  {
    id: 'consumer-fetch-max-public',
    key: 'fetch.max.bytes',
    role: 'consumer',
    profile: 'public-internet',
    value: { kind: 'bandwidth', fraction: 0.5 },
    check: { kind: 'at-most' },
    severity: 'warning',
    reason: 'over the Internet one fetch should take about half the public bandwidth, so fetches do not time out (Alibaba)',
    kafkajs: 'consumer.maxBytes',
    librdkafka: 'fetch.max.bytes',
  },
  {
    id: 'consumer-partition-fetch-public',
    key: 'max.partition.fetch.bytes',
    role: 'consumer',
    profile: 'public-internet',
    value: { kind: 'fetch-max-fraction', fraction: 0.25 },
    check: { kind: 'at-most' },
    severity: 'warning',
    reason: 'a third to a quarter of fetch.max.bytes per partition (Alibaba)',
    kafkajs: 'consumer.maxBytesPerPartition',
    librdkafka: 'max.partition.fetch.bytes',
  },
];

/** Whose defaults apply to a key a configuration leaves out. */
export type ClientDefaults = 'java' | 'kafkajs-helper' | 'kafkajs';

/**
 * What a client does when a key is absent. java: Kafka 3.x clients. kafkajs-helper: createProducer/createConsumer
 * (lib/clients/kafkajs.ts) reading the helper's JSON. kafkajs: kafkajs 2.2.4 itself (a bare KafkaConfig).
 */
export const CLIENT_DEFAULTS: Readonly<Record<ClientDefaults, Readonly<Record<string, string>>>> = {
  java: {
    retries: '2147483647',
    'retry.backoff.ms': '100',
    acks: 'all',
    'batch.size': '16384',
    'linger.ms': '0',
    'buffer.memory': '33554432',
    'auto.offset.reset': 'latest',
    'enable.auto.commit': 'true',
    'max.poll.records': '500',
    'fetch.max.bytes': '52428800',
    'max.partition.fetch.bytes': '1048576',
    'max.request.size': '1048576',
    'security.protocol': 'PLAINTEXT',
    'sasl.mechanism': 'GSSAPI',
  },
  'kafkajs-helper': {
    retries: '3',
    'retry.backoff.ms': '1000',
    acks: '1',
    'batch.size': '16384',
    'auto.offset.reset': 'latest',
    'enable.auto.commit': 'true',
    'fetch.max.bytes': '10485760',
    'max.partition.fetch.bytes': '1048576',
    'security.protocol': 'PLAINTEXT',
  },
  kafkajs: {
    retries: '5',
    'retry.backoff.ms': '300',
    acks: 'all',
    'auto.offset.reset': 'latest',
    'enable.auto.commit': 'true',
    'fetch.max.bytes': '10485760',
    'max.partition.fetch.bytes': '1048576',
    'security.protocol': 'PLAINTEXT',
  },
};

/**
 * `enable.idempotence` of the Java producer when a configuration leaves it out: off before kafka-clients 3.0, on
 * from 3.0 (KIP-679). From 3.0.1, 3.1.1 and 3.2 an unset value stays off when a setting conflicts with it (acks
 * other than all, more than 5 requests in flight, retries 0; KAFKA-13598). kafkajs producers are idempotent only
 * when asked (`idempotent: true`). CLIENT_DEFAULTS.java are the 3.x client's, so 3 is what lint-client assumes
 * without a client version.
 */
export const JAVA_IDEMPOTENCE_DEFAULT = {
  onFromMajor: 3,
  assumedMajor: 3,
  /** Settings that keep an unset enable.idempotence off, with the values that conflict. */
  conflicts: { acks: ['0', '1'], maxInFlightAbove: 5, retries: '0' },
} as const;

/** Practices that are not a configuration value: written as comments by client-config. */
export interface ClientAdvice {
  readonly role: ClientRole;
  readonly profile: PracticeProfile;
  readonly text: string;
}

export const CLIENT_ADVICE: readonly ClientAdvice[] = [
  { role: 'producer', profile: 'general', text: 'one producer per application is enough: it is thread-safe' },
  { role: 'producer', profile: 'general', text: 'a unique key per message helps tracing; keyed messages keep their partition (murmur2)' },
  { role: 'producer', profile: 'high-volume', text: 'leave keys off for very high volume, so the sticky partitioner fills whole batches' },
  { role: 'consumer', profile: 'general', text: 'poll, process, poll; avoid blocking calls without timeouts' },
  { role: 'consumer', profile: 'general', text: 'one group per application, the same subscriptions in every member; broadcast = one group per receiver' },
  {
    role: 'consumer',
    profile: 'general',
    text: 'more consumers than partitions leaves some idle; 12 partitions is a good default, more than 100 risks rebalances',
  },
  {
    role: 'consumer',
    profile: 'general',
    text: 'delivery is at least once: make processing idempotent by key; send failed messages to a dead-letter topic instead of retrying forever',
  },
];

/** Inputs that derived values need. */
export interface PracticeParams {
  /** The largest message, bytes (large-messages). */
  readonly maxMessageBytes?: number;
  /** The public bandwidth, bytes per second (public-internet). */
  readonly publicBandwidthBytesPerSecond?: number;
}

/** One practice with its value worked out for the chosen profiles. */
export interface ResolvedPractice {
  readonly practice: ClientPractice;
  /** undefined for `unset` practices. */
  readonly value?: string;
  /** For `between` checks and derived limits: the bounds lint-client applies. */
  readonly min?: number;
  readonly max?: number;
}

/** Later profiles win for the same key: large messages must fit, whatever else is asked. */
const PROFILE_ORDER: readonly PracticeProfile[] = ['general', 'high-volume', 'public-internet', 'large-messages'];

const roundUpKiB = (n: number): number => Math.ceil(n / 1024) * 1024;

/**
 * The practices for a role and profiles, one per key (a profile's value replaces the general one), in the
 * table's order. Throws naming the missing parameter when a derived value cannot be computed.
 */
export function resolvePractices(role: ClientRole, profiles: readonly PracticeProfile[], params: PracticeParams = {}): ResolvedPractice[] {
  const chosen = new Set<PracticeProfile>(['general', ...profiles]);
  const byKey = new Map<string, ClientPractice>();
  for (const profile of PROFILE_ORDER) {
    if (!chosen.has(profile)) continue;
    for (const p of CLIENT_PRACTICES) if (p.role === role && p.profile === profile) byKey.set(p.key, p);
  }
  const resolved = new Map<string, ResolvedPractice>();
  const order = CLIENT_PRACTICES.filter((p) => byKey.get(p.key) === p);
  // fetch.max.bytes first: max.partition.fetch.bytes may be a fraction of it
  order.sort((a, b) => (a.value.kind === 'fetch-max-fraction' ? 1 : 0) - (b.value.kind === 'fetch-max-fraction' ? 1 : 0));
  for (const p of order) resolved.set(p.key, resolveOne(p, params, resolved));
  // in the table order of each key's first practice, so a profile's value takes the general value's place
  const keys = [...new Set(CLIENT_PRACTICES.filter((p) => p.role === role).map((p) => p.key))].filter((k) => resolved.has(k));
  return keys.map((k) => resolved.get(k) as ResolvedPractice);
}

function resolveOne(p: ClientPractice, params: PracticeParams, done: ReadonlyMap<string, ResolvedPractice>): ResolvedPractice {
  const v = p.value;
  switch (v.kind) {
    case 'fixed':
      return p.check.kind === 'between' ? { practice: p, value: v.value, min: p.check.min, max: p.check.max } : { practice: p, value: v.value };
    case 'unset':
      return { practice: p };
    case 'message-size': {
      if (params.maxMessageBytes === undefined)
        throw new AlikafkaMigrateError('usage', `${p.key} (${p.profile}) needs the largest message size: give \`maxMessageBytes\``, {
          field: 'maxMessageBytes',
        });
      const n = roundUpKiB(params.maxMessageBytes * (1 + v.margin));
      return { practice: p, value: String(n), min: params.maxMessageBytes };
    }
    case 'bandwidth': {
      if (params.publicBandwidthBytesPerSecond === undefined)
        throw new AlikafkaMigrateError(
          'usage',
          `${p.key} (${p.profile}) needs the public bandwidth: give \`publicBandwidthBytesPerSecond\` (the instance's eip_max)`,
          {
            field: 'publicBandwidthBytesPerSecond',
          },
        );
      const n = Math.floor(params.publicBandwidthBytesPerSecond * v.fraction);
      return { practice: p, value: String(n), max: n };
    }
    case 'fetch-max-fraction': {
      const fetchMax = done.get('fetch.max.bytes')?.value;
      if (fetchMax === undefined) throw new InternalError(`${p.key} (${p.profile}) is a fraction of fetch.max.bytes, which this profile does not set`);
      const n = Math.floor(Number(fetchMax) * v.fraction);
      // Alibaba: a third to a quarter of fetch.max.bytes
      return { practice: p, value: String(n), max: Math.floor(Number(fetchMax) / 3) };
    }
  }
}

/** Advice lines for a role and profiles. */
export function adviceFor(role: ClientRole, profiles: readonly PracticeProfile[]): string[] {
  const chosen = new Set<PracticeProfile>(['general', ...profiles]);
  return CLIENT_ADVICE.filter((a) => a.role === role && chosen.has(a.profile)).map((a) => a.text);
}
