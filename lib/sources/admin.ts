/**
 * Reads a cluster through the Kafka Admin API (the tool's Kafka client, ./client): works on ZooKeeper-mode and
 * KRaft clusters. Topics, partition counts, replication factors, topic config overrides, consumer groups with
 * states, members, subscribed topics, committed offsets and log-end offsets, and ACLs.
 *
 * Brokers and their racks come from one Metadata request, so an Admin export gives the evaluation the same
 * brokers as a ZooKeeper one. A partition without a leader does not fail the read (it is exported from its
 * replica assignment, with a warning).
 *
 * Read-only: only Metadata, DescribeConfigs, ListGroups, FindCoordinator, DescribeGroups, OffsetFetch,
 * ListOffsets and DescribeAcls requests are sent. Never a consumer (it would join a group), never a commit.
 */
import { AclMetadata, AclResourceType, BrokerInfo, ConsumerGroupMetadata, GroupOffset, GroupState, TopicMetadata } from '../model';
import {
  adminClient,
  BrokerAddress,
  ClusterMetadataRead,
  describeGroups,
  describeKafkaError,
  errorCodeName,
  KafkaClient,
  listOffsets,
  probeBootstrap,
  protocolErrors,
  readMetadata,
  request,
  within,
} from './client';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { isInternalTopic } from './internal';
import { ClientSettings } from './properties';
import { mapLimit } from './zk-client';
import { keptBrokerConfigs } from './broker-configs';
import { checkTlsHandshake } from './tls';

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
function setAt(e: RawConfig, sources: ReadonlySet<number>): boolean {
  // DescribeConfigs v0 (Kafka before 1.1) sends no ConfigSource: the client reports -1, and nothing counts as set
  return sources.has(e.configSource) && !e.isSensitive && e.value !== null;
}

interface RawConfig {
  readonly name: string;
  readonly value: string | null;
  readonly configSource: number;
  readonly isSensitive: boolean;
}
interface RawDescribeConfigs {
  results: Array<{ errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string; configs: RawConfig[] }>;
}
/** ConfigResource types. */
const TOPIC_RESOURCE = 2;
const BROKER_RESOURCE = 4;

/** DescribeConfigs of `resources` at `broker` (or any broker); each resource's error is in its result. */
async function describeConfigs(
  client: KafkaClient,
  broker: BrokerAddress | 'bootstrap',
  type: number,
  names: readonly string[],
): Promise<RawDescribeConfigs['results']> {
  const { response } = await request<RawDescribeConfigs>(
    client,
    broker,
    'DescribeConfigs',
    [names.map((resourceName) => ({ resourceType: type, resourceName, configurationKeys: null })), false, false],
    () => true,
  );
  return response.results;
}
const GROUP_STATES: ReadonlySet<string> = new Set(['Stable', 'Empty', 'Dead', 'PreparingRebalance', 'CompletingRebalance', 'Unknown']);

/** Kafka's AclResourceType codes. */
const RESOURCE_TYPE_NAMES: Record<number, AclResourceType> = { 2: 'Topic', 3: 'Group', 4: 'Cluster', 5: 'TransactionalId' };
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

/** Kept for callers of the old location: the client module classifies the client's errors. */
export { describeKafkaError };

export async function readAdmin(opts: AdminReadOptions): Promise<AdminSnapshot> {
  const endpoint = opts.brokers.join(',');
  // a refused connection would otherwise be retried for a long time: check first that at least one bootstrap
  // server accepts TCP, and say why not
  await probeBootstrap(opts.brokers, endpoint, Math.min(3000, Math.max(500, opts.deadline - Date.now())));
  // a truststore or certificate problem is named with its file before the client retries it as a broker failure
  await checkTlsHandshake(opts.brokers, opts.settings?.tls, Math.min(5000, Math.max(500, opts.deadline - Date.now())), endpoint);
  const left = Math.max(1000, opts.deadline - Date.now());
  const admin = adminClient(opts.brokers, opts.settings, 'alikafka-migrate-export', {
    connectMs: Math.min(5000, left),
    requestMs: Math.min(30_000, left),
    retries: 8,
    retryDelayMs: 300,
  });
  // the last connection error, to explain a timeout
  let lastError: string | undefined;
  admin.on('client:broker:failed', (payload: { error?: unknown }) => {
    if (payload?.error) lastError = describeKafkaError(payload.error, endpoint, opts.settings?.tls).message.replace(`Kafka ${endpoint}: `, '');
  });
  let aborted = false;
  const work = readWith(admin, endpoint, opts);
  try {
    return await within(
      work.catch((e: unknown) => {
        if (aborted) return new Promise<never>(() => undefined);
        throw e;
      }),
      opts.deadline - Date.now(),
      () => {
        aborted = true;
        return new SourceError(`Kafka ${endpoint}: export did not finish within the timeout${lastError ? ` (last error: ${lastError})` : ''}`, 'timeout');
      },
    );
  } catch (e) {
    throw describeKafkaError(e, endpoint, opts.settings?.tls);
  } finally {
    await admin.close().catch(() => undefined);
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
  admin: KafkaClient,
  endpoint: string,
  brokers: ClusterMetadataRead['brokers'],
  progress: SourceProgress,
): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  // each broker describes its own settings (a broker's static settings are known to that broker only)
  await mapLimit([...brokers], 8, async (b) => {
    let res: RawDescribeConfigs['results'];
    try {
      res = await describeConfigs(admin, b, BROKER_RESOURCE, [String(b.nodeId)]);
    } catch (e) {
      progress.warn(
        `broker ${b.nodeId}: settings not readable (${describeKafkaError(e, endpoint).message}); its configs left out, so the plan uses Kafka's defaults for them`,
      );
      return;
    }
    for (const r of res) {
      if (r.errorCode !== 0) {
        progress.warn(`broker ${r.resourceName}: settings not readable (${r.errorMessage ?? errorCodeName(r.errorCode)}); its configs left out`);
        continue;
      }
      const set = r.configs.filter((e) => setAt(e, BROKER_SET_SOURCES));
      const kept = keptBrokerConfigs(set.map((e) => [e.name, e.value as string] as const));
      if (kept) out.set(Number(r.resourceName), kept);
    }
  });
  return out;
}

async function readWith(admin: ReturnType<typeof adminClient>, endpoint: string, opts: AdminReadOptions): Promise<AdminSnapshot> {
  const progress = opts.progress ?? silentProgress;
  const include = { topics: true, groups: true, acls: true, ...opts.include };
  // brokers with racks, the cluster id, and every topic with its partitions: one Metadata request
  const meta = await readMetadata(admin, null);
  const brokerConfigs = await readBrokerConfigs(admin, endpoint, meta.brokers, progress);
  const brokers: BrokerInfo[] = [...meta.brokers]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((b) => ({
      id: b.nodeId,
      host: b.host,
      port: b.port,
      rack: b.rack ? b.rack : undefined,
      configs: brokerConfigs.get(b.nodeId),
    }));
  const topicErrors = meta.topics.filter((t) => t.errorCode !== 0);
  for (const t of topicErrors) progress.warn(`topic ${t.name}: metadata not readable (${errorCodeName(t.errorCode)}); left out`);
  const metaTopics = meta.topics.filter((t) => t.errorCode === 0);
  const partitionsOf = new Map<string, number[]>();
  for (const t of metaTopics)
    partitionsOf.set(
      t.name,
      t.partitions.map((p) => p.partition),
    );

  let topics: TopicMetadata[] | undefined;
  if (include.topics) {
    const names = metaTopics.map((t) => t.name).sort();
    progress.phase('topic configs', names.length);
    const overrides = new Map<string, Record<string, string>>();
    const chunks: string[][] = [];
    for (let i = 0; i < names.length; i += 500) chunks.push(names.slice(i, i + 500));
    await mapLimit(chunks, 4, async (chunk) => {
      const res = await describeConfigs(admin, 'bootstrap', TOPIC_RESOURCE, chunk);
      for (const r of res) {
        if (r.errorCode !== 0) {
          throw new SourceError(
            `Kafka ${endpoint}: describing the configs of topic ${r.resourceName} failed: ${r.errorMessage ?? errorCodeName(r.errorCode)}`,
            r.errorCode === 29 ? 'auth' : 'invalid',
          );
        }
        const cfg: Record<string, string> = {};
        for (const e of r.configs) {
          if (setAt(e, TOPIC_SET_SOURCES) && !SKIPPED_TOPIC_CONFIGS.has(e.name)) cfg[e.name] = e.value as string;
        }
        if (Object.keys(cfg).length) overrides.set(r.resourceName, cfg);
      }
      progress.tick(chunk.length);
    });
    topics = metaTopics
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

  // log-end offsets of the topics the groups reference, read once per topic in batches per leader
  const logEndOffsets = new Map<string, Map<number, number>>();
  const readEnds = async (wanted: readonly string[]): Promise<void> => {
    const fresh = [...new Set(wanted)].filter((t) => !logEndOffsets.has(t) && partitionsOf.has(t)).sort();
    if (fresh.length === 0) return;
    const readable: string[] = [];
    for (const t of fresh) {
      const leaderless = metaTopics.find((x) => x.name === t)?.partitions.some((p) => p.leader < 0);
      if (leaderless) progress.warn(`topic ${t}: log-end offsets not readable (a partition has no leader); logEndOffset left out`);
      else readable.push(t);
    }
    let ends: Map<string, bigint>;
    try {
      ends = await listOffsets(
        admin,
        meta,
        readable.flatMap((topic) => (partitionsOf.get(topic) ?? []).map((partition) => ({ topic, partition }))),
        -1n,
        endpoint,
      );
    } catch (e) {
      progress.warn(
        `topics ${readable.slice(0, 5).join(', ')}${readable.length > 5 ? ', ...' : ''}: log-end offsets not readable (${describeKafkaError(e, endpoint).message}); logEndOffset left out`,
      );
      return;
    }
    for (const t of readable) {
      const m = new Map<number, number>();
      for (const p of partitionsOf.get(t) ?? []) {
        const o = ends.get(`${t}\u0000${p}`);
        if (o !== undefined) m.set(p, Number(o));
      }
      logEndOffsets.set(t, m);
    }
  };

  let consumerGroups: ConsumerGroupMetadata[] | undefined;
  if (include.groups) {
    const listed = await retry(() => admin.listGroups(), 5);
    const ids = [...new Set(listed.keys())].sort();
    progress.phase('consumer groups', ids.length);
    const described = await describeGroups(admin, ids);
    const committed = await mapLimit(ids, 16, async (groupId) => {
      const res = await retry(() => admin.listConsumerGroupOffsets({ groups: [groupId] }), 5);
      const offsets: Array<{ topic: string; partition: number; offset: number }> = [];
      for (const g of res)
        for (const t of g.topics)
          for (const p of t.partitions)
            if (p.committedOffset >= 0n) offsets.push({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) });
      progress.tick();
      return { groupId, offsets };
    });
    await readEnds(committed.flatMap((c) => c.offsets.map((o) => o.topic)));
    consumerGroups = committed.map(({ groupId, offsets: raw }): ConsumerGroupMetadata => {
      const d = described.get(groupId);
      const protocolType = d?.protocolType ?? listed.get(groupId)?.protocolType;
      const offsets: GroupOffset[] = raw
        .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
        .map((o) => ({ ...o, logEndOffset: logEndOffsets.get(o.topic)?.get(o.partition) }));
      const topicSet = new Set<string>([...(d?.subscribed ?? []), ...offsets.map((o) => o.topic)]);
      const state = d && GROUP_STATES.has(d.state) ? (d.state as GroupState) : 'Unknown';
      return {
        groupId,
        protocolType: protocolType === undefined ? undefined : protocolType,
        state,
        members: d?.members.length,
        topics: [...topicSet],
        offsets,
      };
    });
  }
  await readEnds(opts.extraOffsetTopics ?? []);

  let acls: AclMetadata[] | undefined;
  if (include.acls) acls = await readAcls(admin, progress);

  return { endpoint, clusterId: meta.clusterId ?? undefined, brokers, topics, consumerGroups, acls, logEndOffsets };
}

/** Retries group reads while a coordinator loads or moves. */
async function retry<T>(f: () => Promise<T>, times: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      const retriable = protocolErrors(e).some((x) => /LOAD_IN_PROGRESS|NOT_COORDINATOR|COORDINATOR_NOT_AVAILABLE/.test(x));
      if (!retriable || i >= times) throw e;
      await new Promise((r) => setTimeout(r, 300 * (i + 1)));
    }
  }
}

/** Kafka's AclPermissionType DENY, and the pattern type PREFIXED. */
const DENY = 2;
const PREFIXED = 4;
/** SECURITY_DISABLED: the cluster has no authorizer. */
const SECURITY_DISABLED = 54;

async function readAcls(admin: KafkaClient, progress: SourceProgress): Promise<AclMetadata[]> {
  interface Raw {
    errorCode: number;
    errorMessage: string | null;
    resources: Array<{
      resourceType: number;
      resourceName: string;
      resourcePatternType: number;
      acls: Array<{ principal: string; host: string; operation: number; permissionType: number }>;
    }>;
  }
  // every ACL: resource type, pattern type, operation and permission ANY (1), no name, principal or host filter
  const { response: res } = await request<Raw>(
    admin,
    'bootstrap',
    'DescribeAcls',
    [{ resourceType: 1, resourceName: null, resourcePatternType: 1, principal: null, host: null, operation: 1, permissionType: 1 }],
    (codes) => codes.every((c) => c === SECURITY_DISABLED),
  );
  if (res.errorCode === SECURITY_DISABLED) return [];
  const out: AclMetadata[] = [];
  for (const r of res.resources) {
    const type = RESOURCE_TYPE_NAMES[r.resourceType];
    if (!type) {
      const name = OTHER_RESOURCE_TYPE_NAMES[r.resourceType] ?? `type ${String(r.resourceType)}`;
      progress.warn(`${r.acls.length} ACL(s) on ${name}:${r.resourceName} skipped: resource type ${name} has no AliKafka equivalent`);
      continue;
    }
    const pattern = r.resourcePatternType === PREFIXED ? 'PREFIXED' : 'LITERAL';
    for (const a of r.acls) {
      const op = OPERATION_NAMES[a.operation];
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
        permission: a.permissionType === DENY ? 'Deny' : 'Allow',
        host: a.host,
      });
    }
  }
  return out;
}
