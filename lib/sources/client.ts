/**
 * The tool's own Kafka client, in one place: @platformatic/kafka (maintained, pure TypeScript), loaded on first
 * use only, so commands that never connect (synth, plan, client-config, ...) run without it, on Node.js 20 too.
 *
 * - {@link kafkaModule} loads the client (it needs Node.js 22.22 or later and is an ES module: it is loaded with
 *   Node's own `require`, which loads ES modules since 22.12, so a test runner's module registry does not get in
 *   the way);
 * - {@link clientOptions} builds its connection options from the tool's connection settings: bootstrap servers,
 *   SASL PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512, and TLS as a Node.js `tls.ConnectionOptions` object (ca, cert, key,
 *   passphrase, rejectUnauthorized, checkServerIdentity, ...), whoever produced it (a properties file, a JKS /
 *   PKCS12 / PEM store loader);
 * - {@link describeKafkaError} turns the client's error chains into one SourceError naming the endpoint and the
 *   cause (refused, unknown host, authentication failed, not authorized, timeout), never a credential;
 * - {@link probeBootstrap} fails fast, naming the hosts, when no bootstrap server accepts TCP.
 *
 * Objects the client returns may come from another realm under a test runner: no `instanceof` on them.
 */
import type * as Platformatic from '@platformatic/kafka';
import { isIP } from 'net';
import type { ConnectionOptions as TlsOptions } from 'tls';
import { SourceError, SourceErrorKind } from './errors';
import { describeTlsFailure, TlsSettings } from './tls';
import { probeHosts } from './zk-client';

export type KafkaModule = typeof Platformatic;
export type KafkaClientOptions = Platformatic.BaseOptions;

/** The oldest Node.js the client runs on (@platformatic/kafka's engines). */
export const CLIENT_MIN_NODE: readonly [number, number] = [22, 22];

let loaded: KafkaModule | undefined;

/** Whether this Node.js can run the client. */
export function nodeRunsClient(version = process.versions.node): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > CLIENT_MIN_NODE[0] || (major === CLIENT_MIN_NODE[0] && minor >= CLIENT_MIN_NODE[1]);
}

/** The Kafka client module, loaded on first call. */
export function kafkaModule(): KafkaModule {
  if (loaded) return loaded;
  if (!nodeRunsClient()) {
    throw new SourceError(
      `connecting to Kafka needs Node.js ${CLIENT_MIN_NODE.join('.')} or later (this is ${process.version}); commands that do not connect (synth, plan, client-config) run on older versions`,
      'invalid',
    );
  }
  const mod = process.getBuiltinModule('node:module') as typeof import('module');
  loaded = mod.createRequire(__filename)('@platformatic/kafka') as KafkaModule;
  return loaded;
}

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface SaslCredentials {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** How to reach a cluster, whatever file or flag it came from. */
export interface ConnectionSettings {
  readonly clientId?: string;
  /** TLS: `true` for the system's trust store, or Node.js TLS options (a store loader's output). */
  readonly ssl?: boolean | TlsOptions;
  readonly sasl?: SaslCredentials;
}

export interface ClientTimeouts {
  /** TCP (and TLS) connect timeout per broker. */
  readonly connectMs: number;
  /** Timeout of one request. */
  readonly requestMs: number;
  /** How often a failed operation is retried (0: not at all). */
  readonly retries: number;
  readonly retryDelayMs?: number;
}

const MECHANISMS: Record<SaslMechanism, 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
};

/** The client's options for `brokers` with `settings`. */
export function clientOptions(brokers: readonly string[], settings: ConnectionSettings | undefined, clientId: string, t: ClientTimeouts): KafkaClientOptions {
  const tls = settings?.ssl === true ? {} : settings?.ssl ? { ...settings.ssl } : undefined;
  return {
    clientId: settings?.clientId ?? clientId,
    bootstrapBrokers: [...brokers],
    connectTimeout: t.connectMs,
    requestTimeout: t.requestMs,
    timeout: t.requestMs,
    retries: t.retries,
    retryDelay: t.retryDelayMs ?? 300,
    // metadata is asked for when needed; a long age keeps the client from refreshing it behind our back
    metadataMaxAge: 60_000,
    // SNI carries the broker's host name; an IP address is not a server name (Node warns, DEP0123), so a cluster
    // reached by address sends none unless the TLS options name one
    ...(tls ? { tls, tlsServerName: tls.servername ?? hostPorts(brokers).every((b) => isIP(b.host) === 0) } : {}),
    ...(settings?.sasl ? { sasl: { mechanism: MECHANISMS[settings.sasl.mechanism], username: settings.sasl.username, password: settings.sasl.password } } : {}),
  };
}

/** HOST:PORT strings as host and port. */
export function hostPorts(brokers: readonly string[]): Array<{ host: string; port: number }> {
  return brokers.map((b) => {
    const i = b.lastIndexOf(':');
    return { host: b.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(b.slice(i + 1)) };
  });
}

/** Throws, naming every host and why, when none of the bootstrap servers accepts a TCP connection. */
export async function probeBootstrap(brokers: readonly string[], endpoint: string, timeoutMs: number): Promise<void> {
  const hosts = hostPorts(brokers);
  const down = await probeHosts({ hosts }, timeoutMs);
  if (down.length === hosts.length) throw new SourceError(`Kafka ${endpoint}: no bootstrap server reachable (${down.join('; ')})`, 'unreachable');
}

interface ErrorLike {
  name?: string;
  type?: string;
  code?: string | number;
  apiId?: string;
  message?: string;
  errors?: unknown[];
  originalError?: unknown;
  cause?: unknown;
}

/** Every error in a chain or tree (causes and aggregated errors), depth first, the outermost first. */
export function errorTree(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x) || out.length > 50) return;
    seen.add(x);
    const el = x as ErrorLike;
    out.push(el);
    if (Array.isArray(el.errors)) for (const y of el.errors) walk(y);
    walk(el.originalError);
    walk(el.cause);
  };
  walk(e);
  return out;
}

/** The Kafka protocol error names (e.g. `SASL_AUTHENTICATION_FAILED`) in an error tree. */
export function protocolErrors(e: unknown): string[] {
  return errorTree(e)
    .map((x) => x.apiId ?? x.type)
    .filter((x): x is string => typeof x === 'string' && /^[A-Z_]+$/.test(x));
}

/** Finds the most specific cause in the client's error tree and classifies it. */
export function describeKafkaError(e: unknown, endpoint: string, tls?: TlsSettings): SourceError {
  if (e instanceof SourceError) return e;
  // a TLS failure names the truststore or keystore it came from
  const tlsFailure = describeTlsFailure(e, tls, endpoint);
  if (tlsFailure) return new SourceError(tlsFailure, 'invalid');
  const tree = errorTree(e);
  if (tree.length === 0) return new SourceError(`Kafka ${endpoint}: ${String(e)}`, 'unreachable');
  const names = [...tree.map((c) => `${c.name ?? ''} ${c.type ?? ''} ${c.apiId ?? ''} ${String(c.code ?? '')}`), ...protocolErrors(e)].join(' ');
  // the deepest error that is not an aggregate says most
  const leaves = tree.filter((c) => !Array.isArray(c.errors) || c.errors.length === 0);
  const root = leaves[leaves.length - 1] ?? tree[tree.length - 1];
  let kind: SourceErrorKind = 'unreachable';
  let cause = root.message ?? String(e);
  const withCode = (c: ErrorLike): string =>
    typeof c.code === 'string' && /^E[A-Z]+$/.test(c.code) && !(c.message ?? '').includes(c.code) ? `${c.code}: ${c.message}` : (c.message ?? '');
  const sys = tree.find((c) => typeof c.code === 'string' && /^E[A-Z]+$/.test(c.code));
  if (/SASLAuthentication|SASL_AUTHENTICATION_FAILED|ILLEGAL_SASL_STATE|UNSUPPORTED_SASL_MECHANISM|PLT_KFK_AUTHENTICATION/.test(names)) {
    kind = 'auth';
    const detail = tree.find((c) => c.apiId === 'UNSUPPORTED_SASL_MECHANISM')
      ? 'the broker does not offer this SASL mechanism (check sasl.mechanism)'
      : 'wrong user name or password, or the mechanism does not match the user';
    cause = `authentication failed: ${detail}`;
  } else if (/AUTHORIZATION_FAILED/.test(names)) {
    kind = 'auth';
    cause = `not authorized: ${root.message ?? ''} (the export needs Describe on topics and groups, DescribeConfigs on topics and Describe on the cluster)`;
  } else if (sys) {
    cause = sys.code === 'ECONNREFUSED' ? `connection refused (${withCode(sys)})` : withCode(sys);
    if (sys.code === 'ETIMEDOUT') kind = 'timeout';
  } else if (/timed? ?out|Timeout|PLT_KFK_TIMEOUT/i.test(`${names} ${cause}`)) {
    kind = 'timeout';
    const t = tree.find((c) => /timed? ?out/i.test(c.message ?? ''));
    if (t?.message) cause = t.message;
  } else if (/Connection closed/.test(cause) && tree.some((c) => /PLT_KFK_NETWORK/.test(String(c.code)))) {
    cause = 'the broker closed the connection (a SASL or TLS listener reached without security.protocol, or not a Kafka listener?)';
  }
  return new SourceError(`Kafka ${endpoint}: ${cause}`, kind);
}

/** Rejects with `onTimeout()`'s error when `ms` passes first. */
export async function within<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A Kafka protocol error code's name, for messages. */
export function errorCodeName(code: number): string {
  try {
    const mod = kafkaModule() as unknown as { protocolErrors?: Record<string, { code: number }>; protocolErrorsCodesById?: Record<number, string> };
    const byId = mod.protocolErrorsCodesById?.[code];
    if (byId) return `${byId} (${code})`;
  } catch {
    // not loadable: the number alone
  }
  return `error code ${code}`;
}

// ---- raw requests: the few the tool sends itself, through the client's connections and version negotiation

/** A broker to send a request to. */
export interface BrokerAddress {
  readonly host: string;
  readonly port: number;
}

type RawApi = ((connection: unknown, ...args: unknown[]) => void) & { readonly version: number };
type Cb<T> = (error: Error | null, value: T) => void;

/** A client of the Kafka module (any of Admin, Producer, Consumer). */
export type KafkaClient = InstanceType<KafkaModule['Base']>;

/** The client's negotiated version of an API (the highest both sides support), and its request function. */
async function rawApi(client: KafkaClient, name: string): Promise<RawApi> {
  const m = kafkaModule();
  const getApi = (client as unknown as Record<symbol, (n: string, cb: Cb<RawApi>) => void>)[m.kGetApi].bind(client);
  return new Promise((resolve, reject) => getApi(name, (e, api) => (e ? reject(e) : resolve(api))));
}

/** One version of an API, as the module exports it (e.g. describeLogDirsV2), for tests of every version. */
async function versionedApi(name: string, version: number): Promise<RawApi> {
  const key = `${name[0].toLowerCase()}${name.slice(1)}V${version}`;
  const v = (kafkaModule() as unknown as Record<string, { api?: RawApi } | undefined>)[key];
  if (!v?.api) throw new SourceError(`the Kafka client has no ${name} v${version}`, 'invalid');
  return v.api;
}

async function rawConnection(client: KafkaClient, broker: BrokerAddress | 'bootstrap'): Promise<unknown> {
  const m = kafkaModule();
  const c = client as unknown as Record<symbol, (...a: unknown[]) => void>;
  return new Promise((resolve, reject) => {
    const cb: Cb<unknown> = (e, conn) => (e ? reject(e) : resolve(conn));
    if (broker === 'bootstrap') c[m.kGetBootstrapConnection].call(client, cb);
    else c[m.kGetConnection].call(client, { host: broker.host, port: broker.port }, cb);
  });
}

/** The error codes (numbers) of a response error, or undefined when it is not one (a network error, ...). */
export function responseErrorCodes(e: unknown): number[] | undefined {
  const x = e as { response?: unknown; errors?: Array<{ apiCode?: number }> };
  if (!x || typeof x !== 'object' || x.response === undefined || !Array.isArray(x.errors)) return undefined;
  const codes = x.errors.map((y) => y.apiCode);
  return codes.every((c): c is number => typeof c === 'number') ? codes : undefined;
}

/**
 * Sends one request of `api` to `broker` (or any bootstrap broker) with `args` (the API's request arguments, in
 * the client's order) and returns the decoded response. A response with error codes is returned when
 * `tolerate(codes)` says so (the caller reads the codes per entry); otherwise it is raised. `as` gives the request
 * function of the negotiated version to use instead of the client's own (another response parser).
 */
export async function request<T>(
  client: KafkaClient,
  broker: BrokerAddress | 'bootstrap',
  api: string | { readonly name: string; readonly version: number },
  args: readonly unknown[],
  tolerate?: (codes: number[]) => boolean,
  as?: (version: number) => RawApi,
): Promise<{ response: T; version: number }> {
  const [negotiated, conn] = await Promise.all([
    typeof api === 'string' ? rawApi(client, api) : versionedApi(api.name, api.version),
    rawConnection(client, broker),
  ]);
  // another parser of the same request and version (Fetch keeping records undecoded, lib/sources/record-batches)
  const fn = as ? as(negotiated.version) : negotiated;
  return new Promise((resolve, reject) => {
    fn(conn, ...args, (e: Error | null, response: T) => {
      if (!e) return resolve({ response, version: fn.version });
      const codes = responseErrorCodes(e);
      if (codes && tolerate?.(codes)) return resolve({ response: (e as unknown as { response: T }).response, version: fn.version });
      reject(e);
    });
  });
}

export interface MetadataBroker extends BrokerAddress {
  readonly nodeId: number;
  readonly rack: string | null;
}
export interface MetadataPartition {
  readonly partition: number;
  readonly errorCode: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
}
export interface MetadataTopic {
  readonly name: string;
  /** The topic's UUID (Kafka 2.8+), else its name. */
  readonly topicId: string;
  readonly errorCode: number;
  readonly partitions: readonly MetadataPartition[];
}
export interface ClusterMetadataRead {
  readonly clusterId: string | null;
  readonly controllerId: number;
  readonly brokers: readonly MetadataBroker[];
  readonly topics: readonly MetadataTopic[];
}

/** LEADER_NOT_AVAILABLE, REPLICA_NOT_AVAILABLE, LISTENER_NOT_FOUND: partition errors a metadata read keeps going on. */
const TOLERATED_PARTITION_ERRORS: ReadonlySet<number> = new Set([5, 9, 72]);

interface RawMetadata {
  clusterId: string | null;
  controllerId: number;
  brokers: Array<{ nodeId: number; host: string; port: number; rack?: string | null }>;
  topics: Array<{
    errorCode: number;
    name: string | null;
    topicId?: string;
    partitions: Array<{ errorCode: number; partitionIndex: number; leaderId: number; leaderEpoch?: number; replicaNodes: number[] }>;
  }>;
}

/**
 * One Metadata request for `topics` (null: every topic), with the brokers' racks. Partitions without a leader
 * (leader -1, their error code kept) do not fail the read; topic-level errors are left to the caller too (a topic
 * with an error code has no partitions).
 */
export async function readMetadata(client: KafkaClient, topics: readonly string[] | null): Promise<ClusterMetadataRead> {
  const { response: r } = await request<RawMetadata>(client, 'bootstrap', 'Metadata', [topics === null ? null : [...topics], false, false], (codes) =>
    codes.every((c) => TOLERATED_PARTITION_ERRORS.has(c) || c === 3),
  );
  return {
    clusterId: r.clusterId ?? null,
    controllerId: r.controllerId,
    brokers: r.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })),
    topics: r.topics
      .filter((t) => t.name !== null)
      .map((t) => ({
        name: t.name as string,
        topicId: t.topicId && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(t.topicId) ? t.topicId : (t.name as string),
        errorCode: t.errorCode,
        partitions: t.partitions
          .map((p) => ({ partition: p.partitionIndex, errorCode: p.errorCode, leader: p.leaderId, leaderEpoch: p.leaderEpoch ?? -1, replicas: p.replicaNodes }))
          .sort((a, b) => a.partition - b.partition),
      })),
  };
}

/** Creates a read-only Admin client (nothing is sent until a request is made). */
export function adminClient(
  brokers: readonly string[],
  settings: ConnectionSettings | undefined,
  clientId: string,
  t: ClientTimeouts,
): InstanceType<KafkaModule['Admin']> {
  const m = kafkaModule();
  return new m.Admin(clientOptions(brokers, settings, clientId, t));
}

/** The version of `api` the client uses with this cluster (the highest both support). */
export async function negotiatedVersion(client: KafkaClient, api: string): Promise<number> {
  return (await rawApi(client, api)).version;
}

/** Runs `f` over `items` with at most `limit` at a time, in order of the results. */
async function eachLimit<T, R>(items: readonly T[], limit: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The offsets at `timestamp` (-1: log end, -2: log start) of each partition, one ListOffsets request per leader
 * and 500 topics. A partition without a leader fails the read, naming it. Keys are `topic\u0000partition`.
 */
export async function listOffsets(
  client: KafkaClient,
  meta: ClusterMetadataRead,
  partitions: ReadonlyArray<{ readonly topic: string; readonly partition: number }>,
  timestamp: bigint,
  endpoint: string,
): Promise<Map<string, bigint>> {
  const leaderOf = new Map<string, number>();
  for (const t of meta.topics) for (const p of t.partitions) leaderOf.set(`${t.name}\u0000${p.partition}`, p.leader);
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const { topic, partition } of partitions) {
    const leader = leaderOf.get(`${topic}\u0000${partition}`);
    if (leader === undefined || leader < 0)
      throw new SourceError(`Kafka ${endpoint}: ${topic}[${partition}] has no leader; cannot read its offsets`, 'unreachable');
    let m = byLeader.get(leader);
    if (!m) byLeader.set(leader, (m = new Map()));
    let l = m.get(topic);
    if (!l) m.set(topic, (l = []));
    l.push(partition);
  }
  const jobs: Array<[MetadataBroker, Array<[string, number[]]>]> = [];
  for (const [leader, m] of byLeader) {
    const broker = meta.brokers.find((b) => b.nodeId === leader);
    if (!broker) throw new SourceError(`Kafka ${endpoint}: broker ${leader} is not in the cluster's metadata`, 'unreachable');
    const entries = [...m.entries()];
    for (let i = 0; i < entries.length; i += 500) jobs.push([broker, entries.slice(i, i + 500)]);
  }
  const out = new Map<string, bigint>();
  interface Raw {
    topics: Array<{ name: string; partitions: Array<{ partitionIndex: number; errorCode: number; offset: bigint }> }>;
  }
  await eachLimit(jobs, 8, async ([broker, chunk]) => {
    const { response } = await request<Raw>(client, broker, 'ListOffsets', [
      -1, // replica id: a consumer's
      0, // read uncommitted
      chunk.map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })) })),
    ]);
    for (const t of response.topics) for (const p of t.partitions) out.set(`${t.name}\u0000${p.partitionIndex}`, p.offset);
  });
  return out;
}

export interface GroupMember {
  readonly clientId: string;
  readonly clientHost: string;
}

export interface GroupDescription {
  readonly groupId: string;
  readonly state: string;
  readonly protocolType: string;
  readonly members: readonly GroupMember[];
  /** Topics the members subscribe to (standard consumer protocol only). */
  readonly subscribed: readonly string[];
}

/**
 * Describes groups at their coordinators (FindCoordinator, then DescribeGroups, 100 per request). Member metadata
 * is decoded only for the standard consumer protocol ("consumer"); other protocols (Connect, ...) are described
 * without subscriptions instead of failing the call.
 */
export async function describeGroups(client: InstanceType<KafkaModule['Admin']>, ids: readonly string[]): Promise<Map<string, GroupDescription>> {
  const out = new Map<string, GroupDescription>();
  if (ids.length === 0) return out;
  const m = kafkaModule();
  const coordinators = new Map<string, { broker: BrokerAddress; groups: string[] }>();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await eachLimit(chunks, 4, async (chunk) => {
    for (const c of await client.findCoordinator({ keyType: 0, keys: chunk })) {
      const k = `${c.host}:${c.port}`;
      let e = coordinators.get(k);
      if (!e) coordinators.set(k, (e = { broker: { host: c.host, port: c.port }, groups: [] }));
      e.groups.push(c.key);
    }
  });
  const requests: Array<{ broker: BrokerAddress; groups: string[] }> = [];
  for (const c of coordinators.values()) for (let i = 0; i < c.groups.length; i += 100) requests.push({ broker: c.broker, groups: c.groups.slice(i, i + 100) });
  interface Raw {
    groups: Array<{
      errorCode: number;
      groupId: string;
      groupState: string;
      protocolType: string;
      members: Array<{ clientId: string; clientHost: string; memberMetadata: Buffer }>;
    }>;
  }
  await eachLimit(requests, 4, async (rq) => {
    // a group's own error code is in its entry (it then reads as Dead with no members)
    const { response } = await request<Raw>(client, rq.broker, 'DescribeGroups', [rq.groups, false], () => true);
    for (const g of response.groups) {
      const subscribed = new Set<string>();
      if (g.protocolType === 'consumer') {
        for (const mem of g.members) {
          if (!mem.memberMetadata || mem.memberMetadata.length === 0) continue;
          try {
            for (const t of m.decodeConsumerProtocolSubscription(mem.memberMetadata).topics ?? []) subscribed.add(t);
          } catch {
            // not the standard consumer protocol: subscriptions unknown
          }
        }
      }
      out.set(g.groupId, {
        groupId: g.groupId,
        state: g.groupState,
        protocolType: g.protocolType,
        members: g.members.map((mem) => ({ clientId: mem.clientId, clientHost: mem.clientHost.replace(/^\//, '') })),
        subscribed: [...subscribed].sort(),
      });
    }
  });
  return out;
}
