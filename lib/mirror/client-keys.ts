/**
 * Which Kafka 3.9 client a setting of a client properties file belongs to, and where MirrorMaker 2 must see it.
 *
 * The name lists are Kafka 3.9's own (`ProducerConfig.configNames()`, `ConsumerConfig.configNames()`,
 * `AdminClientConfig.configNames()` and `MirrorClientConfig.CLIENT_CONFIG_DEF`, printed from the 3.9.0 jars).
 * In dedicated mode MirrorMaker copies a cluster-level `{alias}.<key>` to its clients only for the names of
 * `CLIENT_CONFIG_DEF` (connection, SSL and SASL); every other client setting must be written under
 * `{alias}.producer.`, `{alias}.consumer.` or `{alias}.admin.` (shared/reference/mirrormaker2.md §1.3), or
 * MirrorMaker drops it without a word. Settings that make no sense for a copy are refused by name.
 */

/** `MirrorClientConfig.CLIENT_CONFIG_DEF` without `bootstrap.servers`: copied from `{alias}.` to every client. */
const CONNECTION = new Set([
  'security.protocol',
  'sasl.client.callback.handler.class',
  'sasl.jaas.config',
  'sasl.kerberos.kinit.cmd',
  'sasl.kerberos.min.time.before.relogin',
  'sasl.kerberos.service.name',
  'sasl.kerberos.ticket.renew.jitter',
  'sasl.kerberos.ticket.renew.window.factor',
  'sasl.login.callback.handler.class',
  'sasl.login.class',
  'sasl.login.connect.timeout.ms',
  'sasl.login.read.timeout.ms',
  'sasl.login.refresh.buffer.seconds',
  'sasl.login.refresh.min.period.seconds',
  'sasl.login.refresh.window.factor',
  'sasl.login.refresh.window.jitter',
  'sasl.login.retry.backoff.max.ms',
  'sasl.login.retry.backoff.ms',
  'sasl.mechanism',
  'sasl.oauthbearer.clock.skew.seconds',
  'sasl.oauthbearer.expected.audience',
  'sasl.oauthbearer.expected.issuer',
  'sasl.oauthbearer.header.urlencode',
  'sasl.oauthbearer.jwks.endpoint.refresh.ms',
  'sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms',
  'sasl.oauthbearer.jwks.endpoint.retry.backoff.ms',
  'sasl.oauthbearer.jwks.endpoint.url',
  'sasl.oauthbearer.scope.claim.name',
  'sasl.oauthbearer.sub.claim.name',
  'sasl.oauthbearer.token.endpoint.url',
  'ssl.cipher.suites',
  'ssl.enabled.protocols',
  'ssl.endpoint.identification.algorithm',
  'ssl.engine.factory.class',
  'ssl.key.password',
  'ssl.keymanager.algorithm',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.keystore.type',
  'ssl.protocol',
  'ssl.provider',
  'ssl.secure.random.implementation',
  'ssl.trustmanager.algorithm',
  'ssl.truststore.certificates',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.truststore.type',
]);

/** Settings of producer, consumer and admin alike (besides the connection ones). */
const EVERY_CLIENT = [
  'auto.include.jmx.reporter',
  'client.dns.lookup',
  'client.id',
  'connections.max.idle.ms',
  'enable.metrics.push',
  'metadata.max.age.ms',
  'metadata.recovery.strategy',
  'metric.reporters',
  'metrics.num.samples',
  'metrics.recording.level',
  'metrics.sample.window.ms',
  'receive.buffer.bytes',
  'reconnect.backoff.max.ms',
  'reconnect.backoff.ms',
  'request.timeout.ms',
  'retry.backoff.max.ms',
  'retry.backoff.ms',
  'security.providers',
  'send.buffer.bytes',
  'socket.connection.setup.timeout.max.ms',
  'socket.connection.setup.timeout.ms',
];

const PRODUCER_ONLY = [
  'acks',
  'batch.size',
  'buffer.memory',
  'compression.gzip.level',
  'compression.lz4.level',
  'compression.type',
  'compression.zstd.level',
  'delivery.timeout.ms',
  'enable.idempotence',
  'interceptor.classes',
  'key.serializer',
  'linger.ms',
  'max.block.ms',
  'max.in.flight.requests.per.connection',
  'max.request.size',
  'metadata.max.idle.ms',
  'partitioner.adaptive.partitioning.enable',
  'partitioner.availability.timeout.ms',
  'partitioner.class',
  'partitioner.ignore.keys',
  'retries',
  'transaction.timeout.ms',
  'transactional.id',
  'value.serializer',
];

const CONSUMER_ONLY = [
  'allow.auto.create.topics',
  'auto.commit.interval.ms',
  'auto.offset.reset',
  'check.crcs',
  'client.rack',
  'default.api.timeout.ms',
  'enable.auto.commit',
  'exclude.internal.topics',
  'fetch.max.bytes',
  'fetch.max.wait.ms',
  'fetch.min.bytes',
  'group.id',
  'group.instance.id',
  'group.protocol',
  'group.remote.assignor',
  'heartbeat.interval.ms',
  'interceptor.classes',
  'internal.leave.group.on.close',
  'internal.throw.on.fetch.stable.offset.unsupported',
  'isolation.level',
  'key.deserializer',
  'max.partition.fetch.bytes',
  'max.poll.interval.ms',
  'max.poll.records',
  'partition.assignment.strategy',
  'session.timeout.ms',
  'value.deserializer',
];

const ADMIN_ONLY = ['bootstrap.controllers', 'default.api.timeout.ms', 'retries'];

const PRODUCER = new Set([...EVERY_CLIENT, ...PRODUCER_ONLY]);
const CONSUMER = new Set([...EVERY_CLIENT, ...CONSUMER_ONLY]);
const ADMIN = new Set([...EVERY_CLIENT, ...ADMIN_ONLY]);

const GROUP = 'MirrorMaker reads with assign() and never joins a group';
/** Settings a copy cannot take from an application's client file, with the reason. */
const REFUSED: Readonly<Record<string, string>> = {
  'client.id': 'Connect names every client of every task; one id for all of them would merge their metrics and quotas',
  'key.serializer': 'MirrorMaker copies bytes (ByteArraySerializer)',
  'value.serializer': 'MirrorMaker copies bytes (ByteArraySerializer)',
  'key.deserializer': 'MirrorMaker copies bytes (ByteArrayDeserializer)',
  'value.deserializer': 'MirrorMaker copies bytes (ByteArrayDeserializer)',
  'partitioner.class': 'MirrorMaker writes every record to its source partition',
  'partitioner.ignore.keys': 'MirrorMaker writes every record to its source partition',
  'partitioner.adaptive.partitioning.enable': 'MirrorMaker writes every record to its source partition',
  'partitioner.availability.timeout.ms': 'MirrorMaker writes every record to its source partition',
  'interceptor.classes': "an application's interceptors do not belong in the copy",
  'transactional.id': 'Connect manages transactions itself (exactly-once source support), per task',
  'transaction.timeout.ms': 'Connect manages transactions itself (exactly-once source support), per task',
  'group.id': GROUP,
  'group.instance.id': GROUP,
  'group.protocol': GROUP,
  'group.remote.assignor': GROUP,
  'partition.assignment.strategy': GROUP,
  'session.timeout.ms': GROUP,
  'heartbeat.interval.ms': GROUP,
  'max.poll.interval.ms': GROUP,
  'enable.auto.commit': 'MirrorMaker keeps its positions in its own offsets topic (it forces enable.auto.commit=false)',
  'auto.commit.interval.ms': 'MirrorMaker keeps its positions in its own offsets topic (it forces enable.auto.commit=false)',
  'auto.offset.reset': 'the flow decides it: earliest for the copy, latest for the rollback flow',
  'internal.leave.group.on.close': 'an internal Kafka setting',
  'internal.throw.on.fetch.stable.offset.unsupported': 'an internal Kafka setting',
  'bootstrap.controllers': 'MirrorMaker talks to brokers, not to KRaft controllers',
};

export type ClientKind = 'producer' | 'consumer' | 'admin';

/** Where a key of a client properties file goes. */
export type KeyRoute =
  | { readonly kind: 'bootstrap' }
  /** `{alias}.<key>`: MirrorMaker copies it to every client of the cluster. */
  | { readonly kind: 'connection' }
  /** `{alias}.<client>.<key>` for each client that knows the key (all three: also `{alias}.<key>` for the worker). */
  | { readonly kind: 'clients'; readonly clients: readonly ClientKind[] }
  | { readonly kind: 'refused'; readonly reason: string };

export function routeClientKey(key: string): KeyRoute {
  if (key === 'bootstrap.servers') return { kind: 'bootstrap' };
  if (CONNECTION.has(key)) return { kind: 'connection' };
  const refused = REFUSED[key];
  if (refused !== undefined) return { kind: 'refused', reason: refused };
  const clients: ClientKind[] = [];
  if (PRODUCER.has(key)) clients.push('producer');
  if (CONSUMER.has(key)) clients.push('consumer');
  if (ADMIN.has(key)) clients.push('admin');
  if (!clients.length) return { kind: 'refused', reason: 'not a setting of the Kafka 3.9 producer, consumer or admin client' };
  return { kind: 'clients', clients };
}
