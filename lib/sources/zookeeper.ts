/**
 * Reads a ZooKeeper-mode Kafka cluster (0.10 – 3.9) straight from its ZooKeeper: topics, partitions,
 * replication factors, topic config overrides, brokers and racks, SCRAM user names and mechanisms
 * (never the credentials), ACLs and the old ZooKeeper-based consumer groups.
 *
 * Read-only: only getData / getChildren / exists are ever sent; no watches are set.
 */
import {
  AclMetadata,
  AclPatternType,
  AclPermission,
  AclResourceType,
  BrokerInfo,
  ConsumerGroupMetadata,
  GroupOffset,
  ScramMechanism,
  TopicMetadata,
  UserMetadata,
} from '../model';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { isInternalTopic } from './internal';
import { keptBrokerConfigs } from './broker-configs';
import { mapLimit, ZkReader } from './zk-client';

export interface ZookeeperReadOptions {
  /** `host:port[,host:port][/chroot]`. */
  readonly connect: string;
  /** `user:password` for ZooKeeper digest auth. */
  readonly digest?: string;
  /** Epoch milliseconds by which everything must be read. */
  readonly deadline: number;
  readonly progress?: SourceProgress;
  /** Calls in flight on the one ZooKeeper connection (default 512). */
  readonly concurrency?: number;
}

export interface ZookeeperSnapshot {
  readonly endpoint: string;
  readonly clusterId?: string;
  readonly brokers: BrokerInfo[];
  readonly topics: TopicMetadata[];
  /** Old (ZooKeeper-based, Kafka ≤ 1.1 consumer) groups and their offsets. */
  readonly consumerGroups: ConsumerGroupMetadata[];
  readonly users: UserMetadata[];
  readonly acls: AclMetadata[];
  /** Topics under /admin/delete_topics: being deleted, so not exported. */
  readonly topicsPendingDeletion: string[];
  /** The releases that write the oldest live broker's registration format (a range; see releasesOfBrokerJson). */
  readonly kafkaVersion?: string;
}

/**
 * The Kafka releases that write a given `/brokers/ids/<id>` JSON version (reference/kafka-source.md 1.3):
 * a range, since the format changes rarely. The brokers' ApiVersions name the release more exactly.
 */
export function releasesOfBrokerJson(version: number): string | undefined {
  switch (version) {
    case 2:
      return '0.9.0.x';
    case 3:
      return '0.10.0.x or 0.10.1.x';
    case 4:
      return '0.10.2.x to 2.6.x';
    case 5:
      return '2.7.x to 3.9.x';
    default:
      return undefined;
  }
}

/** Topic config keys that are operational state, not configuration (replication throttles). */
const SKIPPED_TOPIC_CONFIGS = new Set(['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']);

const ACL_RESOURCE_TYPES: ReadonlySet<string> = new Set<AclResourceType>(['Topic', 'Group', 'Cluster', 'TransactionalId']);

function parseJson(path: string, conn: string, data: Buffer | null): unknown {
  if (!data) return null;
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new SourceError(`ZooKeeper ${conn}: ${path} does not hold JSON; is this a Kafka chroot?`, 'invalid');
  }
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Decodes a config-entity node name (Kafka's Sanitizer: URL encoding). */
export function desanitize(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Parses `/brokers/topics/<t>` (v1–v3): partition count and replication factor. */
export function parseTopicAssignment(json: unknown): { partitions: number; replicationFactor?: number } | null {
  const r = asRecord(json);
  const parts = r && asRecord(r.partitions);
  if (!parts) return null;
  const removing = asRecord(r.removing_replicas) ?? {};
  const keys = Object.keys(parts);
  if (keys.length === 0) return null;
  let rf: number | undefined;
  for (const k of keys) {
    const reps = parts[k];
    const rem = removing[k];
    if (!Array.isArray(reps)) continue;
    const n = reps.length - (Array.isArray(rem) ? rem.length : 0);
    rf = rf === undefined ? n : Math.max(rf, n);
  }
  return { partitions: keys.length, replicationFactor: rf && rf > 0 ? rf : undefined };
}

/** Parses `/brokers/ids/<id>` (v1–v5). */
export function parseBroker(id: number, json: unknown): BrokerInfo {
  const r = asRecord(json) ?? {};
  let host = typeof r.host === 'string' && r.host ? r.host : undefined;
  let port = typeof r.port === 'number' && r.port > 0 ? r.port : undefined;
  if ((!host || !port) && Array.isArray(r.endpoints) && typeof r.endpoints[0] === 'string') {
    const m = /^[^:]+:\/\/\[?([^\]]*?)\]?:(\d+)$/.exec(r.endpoints[0]);
    if (m) {
      host = m[1] || undefined;
      port = Number(m[2]);
    }
  }
  return { id, host, port, rack: typeof r.rack === 'string' && r.rack ? r.rack : undefined };
}

/** The string settings of a `/config/<topics|brokers>/<name>` node (`{"version":1,"config":{...}}`); empty when absent. */
function configNode(data: Buffer | null, node: string, conn: string): Record<string, string> {
  const raw = asRecord(asRecord(parseJson(node, conn, data))?.config);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export async function readZookeeper(opts: ZookeeperReadOptions): Promise<ZookeeperSnapshot> {
  const progress = opts.progress ?? silentProgress;
  const limit = opts.concurrency ?? 512;
  const zk = await ZkReader.open(opts.connect, opts.deadline, opts.digest);
  const conn = zk.conn.display;
  try {
    // Is this a Kafka chroot at all? A wrong chroot connects fine and just has no nodes.
    const [topicNames, brokerIds, deleting, clusterIdData] = await Promise.all([
      zk.children('/brokers/topics'),
      zk.children('/brokers/ids'),
      zk.children('/admin/delete_topics'),
      zk.data('/cluster/id'),
    ]);
    if (topicNames === null && brokerIds === null) {
      const hint = zk.conn.chroot
        ? `no Kafka cluster under chroot ${zk.conn.chroot} (no /brokers/topics or /brokers/ids there); check the chroot in zookeeper.connect of the brokers`
        : 'no Kafka cluster at the ZooKeeper root (no /brokers/topics or /brokers/ids); if the brokers use a chroot, add it: HOST:PORT/chroot';
      throw new SourceError(`ZooKeeper ${conn}: ${hint}`, 'not-found');
    }
    const clusterIdJson = asRecord(parseJson('/cluster/id', conn, clusterIdData));
    const clusterId = clusterIdJson && typeof clusterIdJson.id === 'string' ? clusterIdJson.id : undefined;

    // Brokers (only live brokers register).
    const ids = (brokerIds ?? []).filter((s) => /^\d+$/.test(s));
    const jsonVersions: number[] = [];
    const registered = (
      await mapLimit(ids, limit, async (id) => {
        const d = await zk.data(`/brokers/ids/${id}`);
        if (!d) return null;
        const json = parseJson(`/brokers/ids/${id}`, conn, d);
        const v = asRecord(json)?.version;
        if (typeof v === 'number') jsonVersions.push(v);
        return parseBroker(Number(id), json);
      })
    ).filter((b): b is BrokerInfo => b !== null);
    const kafkaVersion = jsonVersions.length ? releasesOfBrokerJson(Math.min(...jsonVersions)) : undefined;
    // Dynamic broker settings (Kafka 1.1+): the cluster-wide default, overridden per broker. Settings from
    // server.properties are not in ZooKeeper; an export with --bootstrap-servers reads those (read-cluster.ts).
    const dynamicDefault = configNode(await zk.data('/config/brokers/<default>'), '/config/brokers/<default>', conn);
    const brokers: BrokerInfo[] = await mapLimit(registered, limit, async (b) => {
      const own = configNode(await zk.data(`/config/brokers/${b.id}`), `/config/brokers/${b.id}`, conn);
      const configs = keptBrokerConfigs(Object.entries({ ...dynamicDefault, ...own }));
      return configs ? { ...b, configs } : b;
    });

    // Topics: assignment + config overrides, pipelined.
    const pending = new Set(deleting ?? []);
    const names = (topicNames ?? []).filter((t) => !pending.has(t));
    progress.phase('topics', names.length);
    const topics: TopicMetadata[] = [];
    await mapLimit(names, limit, async (name) => {
      const [assign, cfg] = await Promise.all([zk.data(`/brokers/topics/${name}`), zk.data(`/config/topics/${name}`)]);
      progress.tick();
      const a = assign ? parseTopicAssignment(parseJson(`/brokers/topics/${name}`, conn, assign)) : null;
      if (!a) {
        progress.warn(`topic ${name}: no partition assignment in ZooKeeper (being created or deleted); skipped`);
        return;
      }
      const configs = Object.fromEntries(Object.entries(configNode(cfg, `/config/topics/${name}`, conn)).filter(([k]) => !SKIPPED_TOPIC_CONFIGS.has(k)));
      topics.push({
        name,
        partitions: a.partitions,
        replicationFactor: a.replicationFactor,
        configs: Object.keys(configs).length ? configs : undefined,
        internal: isInternalTopic(name) ? true : undefined,
      });
    });
    for (const t of pending) progress.warn(`topic ${t} is being deleted (/admin/delete_topics); not exported`);

    const [users, acls, consumerGroups] = await Promise.all([
      readUsers(zk, limit, conn),
      readAcls(zk, limit, conn, progress),
      readOldConsumerGroups(zk, limit),
    ]);

    return {
      endpoint: conn,
      clusterId,
      brokers,
      topics,
      consumerGroups,
      users,
      acls,
      topicsPendingDeletion: [...pending].sort(),
      kafkaVersion,
    };
  } finally {
    zk.close();
  }
}

async function readUsers(zk: ZkReader, limit: number, conn: string): Promise<UserMetadata[]> {
  const entries = (await zk.children('/config/users')) ?? [];
  const users: UserMetadata[] = [];
  await mapLimit(
    entries.filter((e) => e !== '<default>'),
    limit,
    async (entry) => {
      const d = await zk.data(`/config/users/${entry}`);
      const cfg = asRecord(asRecord(parseJson(`/config/users/${entry}`, conn, d))?.config);
      if (!cfg) return;
      // Only the mechanism names are read; the salted credentials are never copied anywhere.
      const mechs = (['SCRAM-SHA-256', 'SCRAM-SHA-512'] as ScramMechanism[]).filter((m) => typeof cfg[m] === 'string');
      if (mechs.length === 0) return; // quota-only entity
      // One entry per user. AliKafka SASL users are SCRAM-SHA-256; prefer it when both exist.
      users.push({ name: desanitize(entry), mechanism: mechs[0] });
    },
  );
  return users;
}

async function readAcls(zk: ZkReader, limit: number, conn: string, progress: SourceProgress): Promise<AclMetadata[]> {
  const roots: Array<{ path: string; pattern: AclPatternType }> = [{ path: '/kafka-acl', pattern: 'LITERAL' }];
  const ext = (await zk.children('/kafka-acl-extended')) ?? [];
  for (const p of ext) {
    if (p === 'prefixed') roots.push({ path: '/kafka-acl-extended/prefixed', pattern: 'PREFIXED' });
    else progress.warn(`ACL pattern type "${p}" under /kafka-acl-extended is not supported; skipped`);
  }
  const nodes: Array<{ path: string; pattern: AclPatternType; type: string; name: string }> = [];
  for (const root of roots) {
    const types = (await zk.children(root.path)) ?? [];
    const perType = await mapLimit(types, limit, async (type) => ({ type, names: (await zk.children(`${root.path}/${type}`)) ?? [] }));
    for (const { type, names } of perType) {
      for (const name of names) nodes.push({ path: `${root.path}/${type}/${name}`, pattern: root.pattern, type, name });
    }
  }
  const acls: AclMetadata[] = [];
  await mapLimit(nodes, limit, async (n) => {
    const json = asRecord(parseJson(n.path, conn, await zk.data(n.path)));
    const list = json && Array.isArray(json.acls) ? json.acls : [];
    if (!ACL_RESOURCE_TYPES.has(n.type)) {
      if (list.length) progress.warn(`${list.length} ACL(s) on ${n.type}:${n.name} skipped: resource type ${n.type} has no AliKafka equivalent`);
      return;
    }
    for (const item of list) {
      const a = asRecord(item);
      if (!a || typeof a.principal !== 'string' || typeof a.operation !== 'string') continue;
      const permission = a.permissionType === 'Deny' ? 'Deny' : a.permissionType === 'Allow' ? 'Allow' : null;
      if (!permission) continue;
      acls.push({
        principal: a.principal,
        resourceType: n.type as AclResourceType,
        resourceName: n.name,
        patternType: n.pattern,
        operation: a.operation,
        permission: permission as AclPermission,
        host: typeof a.host === 'string' ? a.host : undefined,
      });
    }
  });
  return acls;
}

async function readOldConsumerGroups(zk: ZkReader, limit: number): Promise<ConsumerGroupMetadata[]> {
  const groups = (await zk.children('/consumers')) ?? [];
  const out = await mapLimit(groups, limit, async (g): Promise<ConsumerGroupMetadata | null> => {
    const [ids, topics] = await Promise.all([zk.children(`/consumers/${g}/ids`), zk.children(`/consumers/${g}/offsets`)]);
    const offsets: GroupOffset[] = [];
    for (const t of topics ?? []) {
      const parts = ((await zk.children(`/consumers/${g}/offsets/${t}`)) ?? []).filter((p) => /^\d+$/.test(p));
      const values = await mapLimit(parts, limit, (p) => zk.data(`/consumers/${g}/offsets/${t}/${p}`));
      parts.forEach((p, i) => {
        const s = values[i]?.toString('utf8').trim();
        if (s && /^-?\d+$/.test(s)) offsets.push({ topic: t, partition: Number(p), offset: Number(s) });
      });
    }
    const members = (ids ?? []).length;
    if (offsets.length === 0 && members === 0) return null;
    return {
      groupId: g,
      state: members > 0 ? 'Stable' : 'Empty',
      members,
      topics: [...new Set(offsets.map((o) => o.topic))],
      offsets,
    };
  });
  return out.filter((g): g is ConsumerGroupMetadata => g !== null);
}
