/**
 * Reads a cluster through the Kafka Admin API (kafkajs): works on ZooKeeper-mode and KRaft clusters.
 * Topics, partition counts, replication factors, topic config overrides, consumer groups with states,
 * members, subscribed topics, committed offsets and log-end offsets, and ACLs.
 *
 * Brokers come from one Metadata request with their racks (kafkajs' describeCluster drops them), so an Admin
 * export gives the evaluation the same brokers as a ZooKeeper one.
 *
 * Read-only: only Metadata, DescribeConfigs, ListGroups, DescribeGroups, OffsetFetch, ListOffsets and
 * DescribeAcls requests are sent. Never `fetchOffsets({resolveOffsets})` (it commits), never a consumer
 * (it would join a group).
 */
import {
  Admin,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  AssignerProtocol,
  ConfigResourceTypes,
  Kafka,
  KafkaConfig,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
import { AclMetadata, AclResourceType, BrokerInfo, ConsumerGroupMetadata, GroupOffset, GroupState, TopicMetadata } from '../model';
import { SourceError, SourceErrorKind, SourceProgress, silentProgress } from './errors';
import { isInternalTopic } from './internal';
import { withTolerantMetadata } from './kafkajs-compat';
import { ClientSettings } from './properties';
import { mapLimit, probeHosts } from './zk-client';
import { createCluster, InternalCluster } from './wire';
import { keptBrokerConfigs } from './broker-configs';
import { checkTlsHandshake, describeTlsFailure, TlsSettings } from './tls';

export interface AdminReadOptions {
  readonly brokers: readonly string[];
  readonly settings?: ClientSettings;
  /** Epoch milliseconds by which everything must be read. */
  readonly deadline: number;
  readonly progress?: SourceProgress;
  /** What to read (default: everything). */
  readonly include?: { readonly topics?: boolean; readonly groups?: boolean; readonly acls?: boolean };
  /** Extra (topic, partition) pairs whose log-end offsets are wanted (old ZooKeeper groups). */
  readonly extraOffsetTopics?: readonly string[];
}

export interface AdminSnapshot {
  readonly endpoint: string;
  readonly clusterId?: string;
  readonly brokers: BrokerInfo[];
  readonly topics?: TopicMetadata[];
  readonly consumerGroups?: ConsumerGroupMetadata[];
  readonly acls?: AclMetadata[];
  /** Log-end offsets per topic and partition, for the topics the groups reference. */
  readonly logEndOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

const SKIPPED_TOPIC_CONFIGS = new Set(['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']);
/** ConfigSource of a topic's own override (TOPIC_CONFIG). */
const TOPIC_SET_SOURCES: ReadonlySet<number> = new Set([1]);

/**
 * A config entry set at one of `sources` (brokers before Kafka 1.1 send no ConfigSource: then "not at its
 * default"), with a value that is not sensitive.
 */
function setAt(e: { configSource?: number; isDefault: boolean; isSensitive: boolean; configValue: string | null }, sources: ReadonlySet<number>): boolean {
  const source = e.configSource;
  return (source !== undefined ? sources.has(source) : !e.isDefault) && !e.isSensitive && e.configValue !== null;
}
const GROUP_STATES: ReadonlySet<string> = new Set(['Stable', 'Empty', 'Dead', 'PreparingRebalance', 'CompletingRebalance', 'Unknown']);

const RESOURCE_TYPE_NAMES: Record<number, AclResourceType> = {
  [AclResourceTypes.TOPIC]: 'Topic',
  [AclResourceTypes.GROUP]: 'Group',
  [AclResourceTypes.CLUSTER]: 'Cluster',
  [AclResourceTypes.TRANSACTIONAL_ID]: 'TransactionalId',
};
const OTHER_RESOURCE_TYPE_NAMES: Record<number, string> = { 6: 'DelegationToken', 7: 'User' };
const OPERATION_NAMES: Record<number, string> = {
  2: 'All',
  3: 'Read',
  4: 'Write',
  5: 'Create',
  6: 'Delete',
  7: 'Alter',
  8: 'Describe',
  9: 'ClusterAction',
  10: 'DescribeConfigs',
  11: 'AlterConfigs',
  12: 'IdempotentWrite',
  13: 'CreateTokens',
  14: 'DescribeTokens',
};

interface KafkaJsErrorLike {
  name?: string;
  type?: string;
  message?: string;
  originalError?: unknown;
  cause?: unknown;
}

/** Finds the most specific cause in a kafkajs error chain and classifies it. */
export function describeKafkaError(e: unknown, endpoint: string, tls?: TlsSettings): SourceError {
  if (e instanceof SourceError) return e;
  const tlsFailure = describeTlsFailure(e, tls, endpoint);
  if (tlsFailure) return new SourceError(tlsFailure, 'invalid');
  const chain: KafkaJsErrorLike[] = [];
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && chain.length < 10) {
    chain.push(cur as KafkaJsErrorLike);
    const next = (cur as KafkaJsErrorLike).originalError ?? (cur as KafkaJsErrorLike).cause;
    if (next === cur) break;
    cur = next;
  }
  const names = chain.map((c) => `${c.name ?? ''} ${c.type ?? ''}`).join(' ');
  const root = chain[chain.length - 1] ?? { message: String(e) };
  let kind: SourceErrorKind = 'unreachable';
  let cause = root.message ?? String(e);
  if (/SASLAuthentication|SASL_AUTHENTICATION_FAILED|ILLEGAL_SASL_STATE|UNSUPPORTED_SASL_MECHANISM/.test(names)) {
    kind = 'auth';
    cause = `authentication failed: ${root.message ?? ''}`.trim();
  } else if (/AUTHORIZATION_FAILED/.test(names)) {
    kind = 'auth';
    cause = `not authorized: ${root.message ?? ''} (the export needs Describe on topics and groups, DescribeConfigs on topics and Describe on the cluster)`;
  } else if (/ECONNREFUSED/.test(cause)) {
    cause = `connection refused (${cause})`;
  } else if (/timed? ?out|Timeout/i.test(`${names} ${cause}`)) {
    kind = 'timeout';
  }
  return new SourceError(`Kafka ${endpoint}: ${cause}`, kind);
}

function kafkaConfig(brokers: readonly string[], settings: ClientSettings | undefined, deadline: number, onError?: (m: string) => void): KafkaConfig {
  const left = Math.max(1000, deadline - Date.now());
  return {
    clientId: settings?.clientId ?? 'alikafka-migrate-export',
    brokers: [...brokers],
    ssl: settings?.ssl,
    sasl: settings?.sasl,
    connectionTimeout: Math.min(5000, left),
    authenticationTimeout: Math.min(10_000, left),
    requestTimeout: Math.min(30_000, left),
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: Math.min(3000, left) },
    // kafkajs' own errors are not printed; the last one is kept to explain a timeout.
    logLevel: onError ? logLevel.ERROR : logLevel.NOTHING,
    logCreator: () => (entry) => {
      const extra = entry.log as { message?: string; error?: string };
      if (onError && entry.level <= logLevel.ERROR && extra.message) onError(`${extra.message}${extra.error ? `: ${extra.error}` : ''}`);
    },
  };
}

/** Rejects with a timeout naming the endpoint when `deadline` passes first. */
async function withDeadline<T>(p: Promise<T>, deadline: number, endpoint: string, lastError: () => string | undefined, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        onTimeout();
        const last = lastError();
        reject(new SourceError(`Kafka ${endpoint}: export did not finish within the timeout${last ? ` (last error: ${last})` : ''}`, 'timeout'));
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readAdmin(opts: AdminReadOptions): Promise<AdminSnapshot> {
  const endpoint = opts.brokers.join(',');
  // kafkajs retries refused connections for a long time and then reports only "retries exceeded":
  // check first that at least one bootstrap server accepts TCP, and say why not.
  const hosts = opts.brokers.map((b) => {
    const i = b.lastIndexOf(':');
    return { host: b.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(b.slice(i + 1)) };
  });
  const down = await probeHosts({ hosts }, Math.min(3000, Math.max(500, opts.deadline - Date.now())));
  if (down.length === hosts.length) throw new SourceError(`Kafka ${endpoint}: no bootstrap server reachable (${down.join('; ')})`, 'unreachable');
  await checkTlsHandshake(opts.brokers, opts.settings?.tls, Math.min(5000, Math.max(500, opts.deadline - Date.now())), endpoint);
  let lastError: string | undefined;
  const cfg = kafkaConfig(opts.brokers, opts.settings, opts.deadline, (m) => {
    lastError = m;
  });
  const admin = new Kafka(cfg).admin({ retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 3000 } });
  // kafkajs' Cluster for the Metadata request whose broker racks the Admin client drops
  const cluster = createCluster(cfg);
  const disconnect = async (): Promise<void> => {
    await Promise.all([admin.disconnect().catch(() => undefined), cluster.disconnect().catch(() => undefined)]);
  };
  let aborted = false;
  const work = withTolerantMetadata(async () => {
    try {
      await admin.connect();
      await cluster.connect();
      return await readWith(admin, cluster, endpoint, opts);
    } finally {
      await disconnect();
    }
  });
  try {
    return await withDeadline(
      work.catch((e: unknown) => {
        if (aborted) return new Promise<never>(() => undefined);
        throw e;
      }),
      opts.deadline,
      endpoint,
      () => lastError,
      () => {
        aborted = true;
        void disconnect();
      },
    );
  } catch (e) {
    throw describeKafkaError(e, endpoint, opts.settings?.tls);
  }
}

/** ConfigSource values of settings an operator set on a broker (dynamic per broker, dynamic cluster default, server.properties). */
const BROKER_SET_SOURCES: ReadonlySet<number> = new Set([2, 3, 4]);

/**
 * The kept broker settings (broker-configs.ts) of each broker, from DescribeConfigs (read-only). Settings at
 * Kafka's default are left out. A broker that refuses (no DescribeConfigs on the cluster, an old broker) is a
 * warning, not a failed export: the plan then says it used Kafka's defaults.
 */
async function readBrokerConfigs(
  admin: Admin,
  endpoint: string,
  ids: readonly number[],
  progress: SourceProgress,
): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  if (ids.length === 0) return out;
  let res: Awaited<ReturnType<Admin['describeConfigs']>>;
  try {
    res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: ids.map((id) => ({ type: ConfigResourceTypes.BROKER, name: String(id) })),
    });
  } catch (e) {
    progress.warn(
      `broker settings not readable (${describeKafkaError(e, endpoint).message}); brokers[].configs left out, so the plan uses Kafka's defaults for them`,
    );
    return out;
  }
  for (const r of res.resources) {
    if (r.errorCode !== 0) {
      progress.warn(`broker ${r.resourceName}: settings not readable (${r.errorMessage ?? `error ${r.errorCode}`}); its configs left out`);
      continue;
    }
    const set = r.configEntries.filter((e) => setAt(e, BROKER_SET_SOURCES));
    const kept = keptBrokerConfigs(set.map((e) => [e.configName, e.configValue as string] as const));
    if (kept) out.set(Number(r.resourceName), kept);
  }
  return out;
}

async function readWith(admin: Admin, kafkaCluster: InternalCluster, endpoint: string, opts: AdminReadOptions): Promise<AdminSnapshot> {
  const progress = opts.progress ?? silentProgress;
  const include = { topics: true, groups: true, acls: true, ...opts.include };
  const cluster = await kafkaCluster.metadata({ topics: [] });
  const brokerConfigs = await readBrokerConfigs(
    admin,
    endpoint,
    cluster.brokers.map((b) => b.nodeId),
    progress,
  );
  const brokers: BrokerInfo[] = cluster.brokers.map((b) => ({
    id: b.nodeId,
    host: b.host,
    port: b.port,
    rack: b.rack ? b.rack : undefined,
    configs: brokerConfigs.get(b.nodeId),
  }));

  // Topics and partitions: one Metadata request for all topics.
  const meta = await admin.fetchTopicMetadata();
  const partitionsOf = new Map<string, number[]>();
  for (const t of meta.topics)
    partitionsOf.set(
      t.name,
      t.partitions.map((p) => p.partitionId).sort((a, b) => a - b),
    );

  let topics: TopicMetadata[] | undefined;
  if (include.topics) {
    const names = meta.topics.map((t) => t.name).sort();
    progress.phase('topic configs', names.length);
    const overrides = new Map<string, Record<string, string>>();
    const chunks: string[][] = [];
    for (let i = 0; i < names.length; i += 500) chunks.push(names.slice(i, i + 500));
    await mapLimit(chunks, 4, async (chunk) => {
      const res = await admin.describeConfigs({
        includeSynonyms: false,
        resources: chunk.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      });
      for (const r of res.resources) {
        if (r.errorCode !== 0) {
          throw new SourceError(
            `Kafka ${endpoint}: describing the configs of topic ${r.resourceName} failed: ${r.errorMessage ?? `error ${r.errorCode}`}`,
            r.errorCode === 29 ? 'auth' : 'invalid',
          );
        }
        const cfg: Record<string, string> = {};
        for (const e of r.configEntries) {
          if (setAt(e, TOPIC_SET_SOURCES) && !SKIPPED_TOPIC_CONFIGS.has(e.configName)) cfg[e.configName] = e.configValue as string;
        }
        if (Object.keys(cfg).length) overrides.set(r.resourceName, cfg);
      }
      progress.tick(chunk.length);
    });
    topics = meta.topics
      .map((t) => {
        const rf = t.partitions.reduce((m, p) => Math.max(m, p.replicas.length), 0);
        const leaderless = t.partitions.filter((p) => p.leader < 0).length;
        if (leaderless) progress.warn(`topic ${t.name}: ${leaderless} partition(s) without a leader (exported from the replica assignment)`);
        return {
          name: t.name,
          partitions: t.partitions.length,
          replicationFactor: rf > 0 ? rf : undefined,
          configs: overrides.get(t.name),
          internal: isInternalTopic(t.name) ? true : undefined,
        };
      })
      .filter((t) => t.partitions > 0);
  }

  const logEndOffsets = new Map<string, Map<number, number>>();
  const leoFor = async (topic: string): Promise<Map<number, number> | undefined> => {
    if (logEndOffsets.has(topic)) return logEndOffsets.get(topic);
    if (!partitionsOf.has(topic)) return undefined;
    try {
      const offs = await admin.fetchTopicOffsets(topic);
      const m = new Map<number, number>(offs.map((o) => [o.partition, Number(o.high)]));
      logEndOffsets.set(topic, m);
      return m;
    } catch (e) {
      progress.warn(`topic ${topic}: log-end offsets not readable (${describeKafkaError(e, endpoint).message}); logEndOffset left out`);
      return undefined;
    }
  };

  let consumerGroups: ConsumerGroupMetadata[] | undefined;
  if (include.groups) {
    const listed = await retry(() => admin.listGroups(), 5);
    const ids = [...new Set(listed.groups.map((g) => g.groupId))].sort();
    progress.phase('consumer groups', ids.length);
    const described = new Map<string, { state: string; protocolType: string; members: number; topics: Set<string> }>();
    const describeChunk = async (chunk: string[]): Promise<void> => {
      const res = await admin.describeGroups(chunk);
      for (const g of res.groups) {
        const topicsSub = new Set<string>();
        if (g.protocolType === 'consumer') {
          for (const m of g.members) {
            if (!m.memberMetadata || m.memberMetadata.length === 0) continue;
            try {
              const decoded = AssignerProtocol.MemberMetadata.decode(m.memberMetadata);
              for (const t of decoded?.topics ?? []) topicsSub.add(t);
            } catch {
              // not the standard consumer protocol; subscriptions unknown
            }
          }
        }
        described.set(g.groupId, { state: g.state, protocolType: g.protocolType, members: g.members.length, topics: topicsSub });
      }
    };
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    await mapLimit(chunks, 4, describeChunk);

    consumerGroups = await mapLimit(ids, 16, async (groupId): Promise<ConsumerGroupMetadata> => {
      const d = described.get(groupId);
      const protocolType = d?.protocolType ?? listed.groups.find((g) => g.groupId === groupId)?.protocolType;
      const fetched = await admin.fetchOffsets({ groupId });
      const offsets: GroupOffset[] = [];
      for (const t of fetched) {
        const committed = t.partitions.filter((p) => Number(p.offset) >= 0);
        if (committed.length === 0) continue;
        const leo = await leoFor(t.topic);
        for (const p of committed) {
          const end = leo?.get(p.partition);
          offsets.push({ topic: t.topic, partition: p.partition, offset: Number(p.offset), logEndOffset: end });
        }
      }
      progress.tick();
      const topicSet = new Set<string>([...(d?.topics ?? []), ...offsets.map((o) => o.topic)]);
      const state = d && GROUP_STATES.has(d.state) ? (d.state as GroupState) : 'Unknown';
      return {
        groupId,
        protocolType: protocolType === undefined ? undefined : protocolType,
        state,
        members: d?.members,
        topics: [...topicSet],
        offsets,
      };
    });
  }
  for (const t of opts.extraOffsetTopics ?? []) await leoFor(t);

  let acls: AclMetadata[] | undefined;
  if (include.acls) acls = await readAcls(admin, progress);

  return { endpoint, clusterId: cluster.clusterId ?? undefined, brokers, topics, consumerGroups, acls, logEndOffsets };
}

async function retry<T>(f: () => Promise<T>, times: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      const retriable =
        (e as { retriable?: boolean }).retriable === true ||
        /LOAD_IN_PROGRESS|NOT_COORDINATOR|COORDINATOR_NOT_AVAILABLE/.test(String((e as { type?: string }).type));
      if (!retriable || i >= times) throw e;
      await new Promise((r) => setTimeout(r, 300 * (i + 1)));
    }
  }
}

async function readAcls(admin: Admin, progress: SourceProgress): Promise<AclMetadata[]> {
  let res;
  try {
    res = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
  } catch (e) {
    if ((e as { type?: string }).type === 'SECURITY_DISABLED') return [];
    throw e;
  }
  const out: AclMetadata[] = [];
  for (const r of res.resources) {
    const type = RESOURCE_TYPE_NAMES[r.resourceType as number];
    if (!type) {
      const name = OTHER_RESOURCE_TYPE_NAMES[r.resourceType as number] ?? `type ${String(r.resourceType)}`;
      progress.warn(`${r.acls.length} ACL(s) on ${name}:${r.resourceName} skipped: resource type ${name} has no AliKafka equivalent`);
      continue;
    }
    const pattern = (r.resourcePatternType as number) === ResourcePatternTypes.PREFIXED ? 'PREFIXED' : 'LITERAL';
    for (const a of r.acls) {
      const op = OPERATION_NAMES[a.operation as number];
      if (!op) {
        progress.warn(`ACL with unknown operation ${String(a.operation)} on ${type}:${r.resourceName} skipped`);
        continue;
      }
      out.push({
        principal: a.principal,
        resourceType: type,
        resourceName: r.resourceName,
        patternType: pattern,
        operation: op,
        permission: (a.permissionType as number) === AclPermissionTypes.DENY ? 'Deny' : 'Allow',
        host: a.host,
      });
    }
  }
  return out;
}
