/**
 * Kafka for the AliKafka stand-in, the integration and rehearsal tests and the benches: @platformatic/kafka, the
 * tool's own client (loaded by lib/sources/client, which builds its connection options too), behind the few
 * calls they make: admin requests (topics, partitions, configs, groups and their offsets, ACLs, records), a
 * producer and a group consumer.
 *
 * The calls keep the names and result shapes the tests were written against (offsets as decimal strings,
 * `{ groups: [...] }`, `{ resources: [...] }`, ...), so a test's assertions read as before; what each call
 * sends is written next to it. Partitioning is Java's (murmur2 of the key, keyless records round robin), and
 * producers wait for all in-sync replicas (acks -1) unless told otherwise, as the Java and kafkajs producers do.
 *
 * Test setup and the stand-in's data plane only: the tool itself never writes to a source cluster.
 */
import type * as Platformatic from '@platformatic/kafka';
import type { ConnectionOptions as TlsOptions } from 'tls';
import {
  clientOptions,
  ConnectionSettings,
  describeKafkaError,
  KafkaClientOptions,
  kafkaModule,
  MetadataTopic,
  readMetadata,
  responseErrorCodes,
  SaslCredentials,
} from '../lib/sources/client';

type PAdmin = Platformatic.Admin;
type PProducer = Platformatic.Producer<Buffer, Buffer, Buffer, Buffer>;
type PConsumer = Platformatic.Consumer<Buffer, Buffer, Buffer, Buffer>;
type PMessage = Platformatic.Message<Buffer, Buffer, Buffer, Buffer>;

/** Kafka's resource, pattern, operation and permission codes (the protocol's numbers), for ACLs. */
export const AclResourceTypes = { UNKNOWN: 0, ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6 } as const;
export const ResourcePatternTypes = { UNKNOWN: 0, ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
export const AclOperationTypes = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
export const AclPermissionTypes = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 } as const;
/** DescribeConfigs / AlterConfigs resource types. */
export const ConfigResourceTypes = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** The name of `value` in one of the code tables above. */
export function enumName(table: Readonly<Record<string, number>>, value: number): string {
  return Object.entries(table).find(([, v]) => v === value)?.[0] ?? String(value);
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly sasl?: SaslCredentials;
  /** TLS: `true` for the system's trust store, or Node.js TLS options. */
  readonly ssl?: boolean | TlsOptions;
  /** TCP (and TLS) connect timeout, ms (default 10 s). */
  readonly connectionTimeout?: number;
  /** One request's timeout, ms (default 30 s). */
  readonly requestTimeout?: number;
  /** How often a failed request is retried (default 5). */
  readonly retries?: number;
}

export interface ProducedMessage {
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly partition?: number;
  readonly headers?: Readonly<Record<string, string | Buffer>>;
  /** ms since the epoch (number or decimal string). */
  readonly timestamp?: string | number;
}

export interface ConsumedMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Decimal string. */
  readonly offset: string;
  /** ms since the epoch, decimal string. */
  readonly timestamp: string;
  readonly headers: Record<string, Buffer>;
}

export interface EachMessagePayload {
  readonly topic: string;
  readonly partition: number;
  readonly message: ConsumedMessage;
}

const toBuf = (x: string | Buffer | null | undefined): Buffer | undefined =>
  x === null || x === undefined ? undefined : Buffer.isBuffer(x) ? x : Buffer.from(x);

/** A cluster to reach: creates admin, producer and consumer clients. */
export class Kafka {
  constructor(readonly config: KafkaConfig) {}

  /** @platformatic/kafka's options for a client of this cluster. */
  options(clientId = this.config.clientId ?? 'alikafka-migrate-tools'): KafkaClientOptions {
    const settings: ConnectionSettings = { ssl: this.config.ssl, sasl: this.config.sasl };
    return clientOptions(this.config.brokers, settings, clientId, {
      connectMs: this.config.connectionTimeout ?? 10_000,
      requestMs: this.config.requestTimeout ?? 30_000,
      retries: this.config.retries ?? 5,
      retryDelayMs: 300,
    });
  }

  admin(): KafkaAdmin {
    return new KafkaAdmin(this);
  }

  producer(opts: { readonly idempotent?: boolean } = {}): KafkaProducer {
    return new KafkaProducer(this, opts);
  }

  consumer(opts: ConsumerConfig): KafkaConsumer {
    return new KafkaConsumer(this, opts);
  }
}

/** Java's partitioner: murmur2 of the key (positive), keyless records round robin per topic. */
function javaPartitioner(): Platformatic.Partitioner<Buffer, Buffer, Buffer, Buffer> {
  const m = kafkaModule();
  const next = new Map<string, number>();
  return (message, key) => {
    if (key && key.length >= 0 && Buffer.isBuffer(key)) return m.murmur2(key) & 0x7fffffff;
    const n = next.get(message.topic) ?? 0;
    next.set(message.topic, n + 1);
    return n;
  };
}

export interface TopicPartitionOffsets {
  readonly partition: number;
  /** The end offset (decimal string); `high` too. */
  readonly offset: string;
  readonly high: string;
  readonly low: string;
}

export interface GroupOffsets {
  readonly topic: string;
  readonly partitions: Array<{ partition: number; offset: string; metadata: string | null }>;
}

export interface CreateTopic {
  readonly topic: string;
  readonly numPartitions?: number;
  readonly replicationFactor?: number;
  readonly configEntries?: ReadonlyArray<{ name: string; value: string }>;
  readonly replicaAssignment?: ReadonlyArray<{ partition: number; replicas: number[] }>;
}

export interface AclEntry {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly resourcePatternType: number;
  readonly principal: string;
  readonly host: string;
  readonly operation: number;
  readonly permissionType: number;
}

export interface AclFilterEntry {
  readonly resourceType: number;
  readonly resourceName?: string | null;
  readonly resourcePatternType: number;
  readonly principal?: string | null;
  readonly host?: string | null;
  readonly operation: number;
  readonly permissionType: number;
}

export interface DescribedGroup {
  readonly groupId: string;
  readonly state: string;
  readonly protocolType: string;
  readonly protocol: string;
  readonly members: Array<{ memberId: string; clientId: string; clientHost: string }>;
}

const TOPIC_ALREADY_EXISTS = 36;

/** Admin requests. `connect` and `disconnect` open and close the client (requests connect on demand). */
export class KafkaAdmin {
  private client?: PAdmin;

  constructor(private readonly kafka: Kafka) {}

  private get a(): PAdmin {
    if (!this.client) this.client = new (kafkaModule().Admin)(this.kafka.options());
    return this.client;
  }

  /** The @platformatic/kafka Admin itself, for requests in bulk (benches' seeding). */
  get raw(): PAdmin {
    return this.a;
  }

  /** Metadata without topics from a bootstrap broker (connects and authenticates); failures described as the tool describes them. */
  async connect(): Promise<void> {
    await connectClient(this.a, this.kafka);
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.close();
  }

  /** Metadata (no topics): the brokers and the controller. */
  async describeCluster(): Promise<{ brokers: Array<{ nodeId: number; host: string; port: number }>; controller: number; clusterId: string | null }> {
    const m = await readMetadata(this.a, []);
    return { brokers: m.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })), controller: m.controllerId, clusterId: m.clusterId };
  }

  /** Metadata of every topic (partitions without a leader do not fail it): their names. */
  async listTopics(): Promise<string[]> {
    return (await readMetadata(this.a, null)).topics.map((t) => t.name);
  }

  /** Metadata of `topics` (all when absent). */
  async fetchTopicMetadata(opts: { topics?: string[] } = {}): Promise<{
    topics: Array<{ name: string; partitions: Array<{ partitionId: number; leader: number; replicas: number[]; partitionErrorCode: number }> }>;
  }> {
    const m = await readMetadata(this.a, opts.topics?.length ? opts.topics : null);
    const bad = m.topics.find((t) => t.errorCode !== 0);
    if (bad) throw new Error(`metadata of ${bad.name}: Kafka error ${bad.errorCode}`);
    return {
      topics: m.topics.map((t: MetadataTopic) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionId: p.partition, leader: p.leader, replicas: [...p.replicas], partitionErrorCode: p.errorCode })),
      })),
    };
  }

  /**
   * CreateTopics, one request per set of topics with the same configs; an existing topic is left as it is. With
   * `waitForLeaders` (the default) returns once every partition of the new topics has a leader that answers
   * ListOffsets for it. True when all were created.
   */
  async createTopics(opts: { topics: readonly CreateTopic[]; waitForLeaders?: boolean; timeout?: number }): Promise<boolean> {
    let all = true;
    const byConfigs = new Map<string, CreateTopic[]>();
    for (const t of opts.topics) {
      const k = JSON.stringify(t.configEntries ?? []);
      byConfigs.set(k, [...(byConfigs.get(k) ?? []), t]);
    }
    for (const ts of byConfigs.values()) {
      try {
        await this.a.createTopics({
          topics: ts.map((t) => ({
            topic: t.topic,
            partitions: t.replicaAssignment ? -1 : (t.numPartitions ?? -1),
            replicas: t.replicaAssignment ? -1 : (t.replicationFactor ?? -1),
            ...(t.replicaAssignment ? { assignments: t.replicaAssignment.map((r) => ({ partition: r.partition, brokers: [...r.replicas] })) } : {}),
          })),
          configs: (ts[0].configEntries ?? []).map((c) => ({ name: c.name, value: c.value })),
        });
      } catch (e) {
        if (responseErrorCodes(e)?.every((c) => c === TOPIC_ALREADY_EXISTS)) {
          all = false;
          continue;
        }
        throw e;
      }
    }
    if (opts.waitForLeaders !== false && opts.topics.length) {
      const names = opts.topics.map((t) => t.topic);
      const end = Date.now() + (opts.timeout ?? 60_000);
      for (;;) {
        const m = await readMetadata(this.a, names).catch(() => undefined);
        const ready =
          m &&
          names.every((n) => {
            const t = m.topics.find((x) => x.name === n);
            return t && t.errorCode === 0 && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0);
          });
        // the leader in the metadata may not lead the partition yet (it answers "not the leader", and a producer's
        // retry of the whole request would write the other partitions twice): ListOffsets at every leader says it does
        if (ready && (await this.leadersAnswer(names, m))) break;
        if (Date.now() > end) throw new Error(`topics ${names.join(', ')}: no leader for every partition after ${opts.timeout ?? 60_000} ms`);
        await sleep(100);
      }
    }
    return all;
  }

  private async leadersAnswer(names: readonly string[], m: Awaited<ReturnType<typeof readMetadata>>): Promise<boolean> {
    const topics = names.map((name) => ({
      name,
      partitions: (m.topics.find((t) => t.name === name)?.partitions ?? []).map((p) => ({ partitionIndex: p.partition, timestamp: -1n })),
    }));
    return this.a.listOffsets({ topics }).then(
      (r) => r.every((t) => t.partitions.every((p) => p.offset >= 0n)),
      () => false,
    );
  }

  /** DeleteTopics. */
  async deleteTopics(opts: { topics: string[] }): Promise<void> {
    await this.a.deleteTopics({ topics: opts.topics });
  }

  /** CreatePartitions: grows each topic to `count` partitions. */
  async createPartitions(opts: { topicPartitions: Array<{ topic: string; count: number }> }): Promise<void> {
    await this.a.createPartitions({ topics: opts.topicPartitions.map((t) => ({ name: t.topic, count: t.count, assignments: null })) });
  }

  private async partitionsOf(topic: string): Promise<number[]> {
    const m = await readMetadata(this.a, [topic]);
    const t = m.topics.find((x) => x.name === topic);
    if (!t || t.errorCode !== 0) throw new Error(`topic ${topic}: ${t ? `Kafka error ${t.errorCode}` : 'not found'}`);
    return t.partitions.map((p) => p.partition);
  }

  private async listOffsetsAt(topic: string, timestamp: bigint): Promise<Map<number, bigint>> {
    const partitions = await this.partitionsOf(topic);
    const r = await this.a.listOffsets({ topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) }] });
    return new Map((r.find((x) => x.name === topic)?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
  }

  /** ListOffsets (earliest and latest) of every partition of `topic`. */
  async fetchTopicOffsets(topic: string): Promise<TopicPartitionOffsets[]> {
    const [high, low] = await Promise.all([this.listOffsetsAt(topic, -1n), this.listOffsetsAt(topic, -2n)]);
    return [...high.keys()]
      .sort((x, y) => x - y)
      .map((partition) => ({ partition, offset: String(high.get(partition)), high: String(high.get(partition)), low: String(low.get(partition) ?? 0n) }));
  }

  /** ListOffsets at `timestamp` (ms): the first offset at or after it, the end offset where there is none. */
  async fetchTopicOffsetsByTimestamp(topic: string, timestamp?: number): Promise<Array<{ partition: number; offset: string }>> {
    const at = await this.listOffsetsAt(topic, timestamp === undefined ? -1n : BigInt(timestamp));
    const missing = [...at].some(([, o]) => o < 0n);
    const high = missing ? await this.listOffsetsAt(topic, -1n) : at;
    return [...at.keys()]
      .sort((x, y) => x - y)
      .map((partition) => ({ partition, offset: String((at.get(partition) ?? -1n) < 0n ? high.get(partition) : at.get(partition)) }));
  }

  /**
   * OffsetFetch for `groupId`: the committed offsets of `topics` (every partition, -1 where nothing is committed),
   * or of every partition the group committed when `topics` is absent.
   */
  async fetchOffsets(opts: { groupId: string; topics?: string[] }): Promise<GroupOffsets[]> {
    const topics = opts.topics?.length
      ? await Promise.all(opts.topics.map(async (name) => ({ name, partitionIndexes: await this.partitionsOf(name) })))
      : undefined;
    const r = await this.a.listConsumerGroupOffsets({ groups: [topics ? { groupId: opts.groupId, topics } : opts.groupId] });
    const got = r.find((g) => g.groupId === opts.groupId)?.topics ?? [];
    const out: GroupOffsets[] = got.map((t) => ({
      topic: t.name,
      partitions: t.partitions
        .map((p) => ({ partition: p.partitionIndex, offset: String(p.committedOffset), metadata: p.metadata ?? null }))
        .sort((x, y) => x.partition - y.partition),
    }));
    if (topics)
      return topics.map(
        (t) =>
          out.find((o) => o.topic === t.name) ?? {
            topic: t.name,
            partitions: t.partitionIndexes.map((partition) => ({ partition, offset: '-1', metadata: null })),
          },
      );
    return out;
  }

  /**
   * Commits `partitions`' offsets for `groupId` as a consumer of the group does: it joins the group (protocol type
   * `consumer`), commits with its generation and leaves, so the group is an Empty consumer group afterwards.
   * Refused while the group has members.
   */
  async setOffsets(opts: { groupId: string; topic: string; partitions: ReadonlyArray<{ partition: number; offset: string }> }): Promise<void> {
    const d = (await this.describeGroups([opts.groupId])).groups[0];
    if (d && d.members.length > 0)
      throw new Error(`setting offsets of ${opts.groupId}: the consumer group must have no running instances, current state: ${d.state}`);
    await this.joinAndLeave(opts.groupId, [opts.topic], (c) =>
      c.commit({ offsets: opts.partitions.map((p) => ({ topic: opts.topic, partition: p.partition, offset: BigInt(p.offset), leaderEpoch: -1 })) }),
    );
  }

  /**
   * Registers `groupId` on its coordinator as a consumer that joined once and left does: JoinGroup (protocol type
   * `consumer`, no subscriptions), SyncGroup, LeaveGroup. The coordinator then keeps it as an Empty group.
   */
  async registerGroup(groupId: string): Promise<void> {
    await this.joinAndLeave(groupId, [], async () => undefined);
  }

  private async joinAndLeave(groupId: string, topics: string[], inGroup: (c: PConsumer) => Promise<void>): Promise<void> {
    const c = new (kafkaModule().Consumer<Buffer, Buffer, Buffer, Buffer>)({
      ...this.kafka.options(),
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      rebalanceTimeout: 10_000,
    });
    try {
      if (topics.length) c.topics.trackAll(...topics);
      await c.joinGroup({});
      await inGroup(c);
    } finally {
      await c.close();
    }
  }

  /** ListGroups (classic groups). */
  async listGroups(): Promise<{ groups: Array<{ groupId: string; protocolType: string }> }> {
    const r = await this.a.listGroups();
    return { groups: [...r.values()].map((g) => ({ groupId: g.id, protocolType: g.protocolType })) };
  }

  /** DescribeGroups at each group's coordinator. */
  async describeGroups(groupIds: string[]): Promise<{ groups: DescribedGroup[] }> {
    const r = await this.a.describeGroups({ groups: groupIds });
    return {
      groups: groupIds.map((id) => {
        const g = r.get(id);
        return {
          groupId: id,
          state: g?.state ?? 'Dead',
          protocolType: g?.protocolType ?? '',
          protocol: g?.protocol ?? '',
          members: [...(g?.members.values() ?? [])].map((m) => ({ memberId: m.id, clientId: m.clientId, clientHost: m.clientHost })),
        };
      }),
    };
  }

  /** DeleteGroups. */
  async deleteGroups(groupIds: string[]): Promise<void> {
    await this.a.deleteGroups({ groups: groupIds });
  }

  /** DeleteRecords: every record of each partition below `offset` is removed. */
  async deleteTopicRecords(opts: { topic: string; partitions: ReadonlyArray<{ partition: number; offset: string }> }): Promise<void> {
    await this.a.deleteRecords({
      topics: [{ name: opts.topic, partitions: opts.partitions.map((p) => ({ partition: p.partition, offset: BigInt(p.offset) })) }],
    });
  }

  /** AlterConfigs (the whole set of dynamic configs of each resource is replaced). */
  async alterConfigs(opts: {
    validateOnly?: boolean;
    resources: ReadonlyArray<{ type: number; name: string; configEntries: ReadonlyArray<{ name: string; value: string }> }>;
  }): Promise<void> {
    await this.a.alterConfigs({
      validateOnly: opts.validateOnly ?? false,
      resources: opts.resources.map((r) => ({
        resourceType: r.type as Platformatic.ConfigResourceTypeValue,
        resourceName: r.name,
        configs: r.configEntries.map((e) => ({ name: e.name, value: e.value })),
      })),
    });
  }

  /** DescribeConfigs. */
  async describeConfigs(opts: { includeSynonyms?: boolean; resources: ReadonlyArray<{ type: number; name: string; configNames?: string[] }> }): Promise<{
    resources: Array<{
      resourceType: number;
      resourceName: string;
      configEntries: Array<{ configName: string; configValue: string; configSource: number; readOnly: boolean }>;
    }>;
  }> {
    const r = await this.a.describeConfigs({
      includeSynonyms: opts.includeSynonyms ?? false,
      resources: opts.resources.map((x) => ({
        resourceType: x.type as Platformatic.ConfigResourceTypeValue,
        resourceName: x.name,
        configurationKeys: x.configNames ?? null,
      })),
    });
    return {
      resources: r.map((x) => ({
        resourceType: x.resourceType,
        resourceName: x.resourceName,
        configEntries: x.configs.map((c) => ({ configName: c.name, configValue: c.value ?? '', configSource: c.configSource, readOnly: c.readOnly })),
      })),
    };
  }

  /** CreateAcls. */
  async createAcls(opts: { acl: readonly AclEntry[] }): Promise<void> {
    await this.a.createAcls({ creations: opts.acl.map(toAcl) });
  }

  /** DeleteAcls. */
  async deleteAcls(opts: { filters: readonly AclFilterEntry[] }): Promise<void> {
    await this.a.deleteAcls({ filters: opts.filters.map(toAclFilter) });
  }

  /** DescribeAcls. */
  async describeAcls(filter: AclFilterEntry): Promise<{
    resources: Array<{
      resourceType: number;
      resourceName: string;
      resourcePatternType: number;
      acls: Array<{ principal: string; host: string; operation: number; permissionType: number }>;
    }>;
  }> {
    const r = await this.a.describeAcls({ filter: toAclFilter(filter) });
    return {
      resources: r.map((x) => ({
        resourceType: x.resourceType,
        resourceName: x.resourceName,
        resourcePatternType: x.resourcePatternType,
        acls: x.acls.map((a) => ({ principal: a.principal, host: a.host, operation: a.operation, permissionType: a.permissionType })),
      })),
    };
  }
}

function toAcl(a: AclEntry): Platformatic.Acl {
  return {
    resourceType: a.resourceType,
    resourceName: a.resourceName,
    resourcePatternType: a.resourcePatternType,
    principal: a.principal,
    host: a.host,
    operation: a.operation,
    permissionType: a.permissionType,
  } as Platformatic.Acl;
}

function toAclFilter(f: AclFilterEntry): Platformatic.AclFilter {
  return {
    resourceType: f.resourceType,
    resourceName: f.resourceName ?? null,
    resourcePatternType: f.resourcePatternType,
    principal: f.principal ?? null,
    host: f.host ?? null,
    operation: f.operation,
    permissionType: f.permissionType,
  } as Platformatic.AclFilter;
}

/** A producer (Produce requests; acks -1 unless a send says otherwise). */
export class KafkaProducer {
  private client?: PProducer;

  constructor(
    private readonly kafka: Kafka,
    private readonly opts: { readonly idempotent?: boolean },
  ) {}

  private get p(): PProducer {
    if (!this.client)
      this.client = new (kafkaModule().Producer<Buffer, Buffer, Buffer, Buffer>)({
        ...this.kafka.options(),
        partitioner: javaPartitioner(),
        ...(this.opts.idempotent ? { idempotent: true } : {}),
      });
    return this.client;
  }

  /** Metadata without topics from a bootstrap broker (connects and authenticates); failures described as the tool describes them. */
  async connect(): Promise<void> {
    await connectClient(this.p, this.kafka);
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.close();
  }

  /** Sends `messages` to `topic`. */
  async send(opts: { topic: string; messages: readonly ProducedMessage[]; acks?: number }): Promise<void> {
    await this.sendBatch({ topicMessages: [{ topic: opts.topic, messages: opts.messages }], acks: opts.acks });
  }

  /** Sends the messages of several topics at once. */
  async sendBatch(opts: { topicMessages: ReadonlyArray<{ topic: string; messages: readonly ProducedMessage[] }>; acks?: number }): Promise<void> {
    const messages = opts.topicMessages.flatMap(({ topic, messages: ms }) =>
      ms.map((m) => ({
        topic,
        key: toBuf(m.key),
        value: toBuf(m.value) ?? null,
        ...(m.partition !== undefined ? { partition: m.partition } : {}),
        ...(m.headers ? { headers: new Map(Object.entries(m.headers).map(([k, v]) => [Buffer.from(k), toBuf(v) as Buffer])) } : {}),
        ...(m.timestamp !== undefined ? { timestamp: BigInt(m.timestamp) } : {}),
      })),
    );
    if (!messages.length) return;
    await this.p.send({ messages: messages as Platformatic.MessageToProduce<Buffer, Buffer, Buffer, Buffer>[], acks: opts.acks ?? -1 });
  }
}

export interface ConsumerConfig {
  readonly groupId: string;
  readonly sessionTimeout?: number;
  readonly heartbeatInterval?: number;
  readonly rebalanceTimeout?: number;
  /** The longest a fetch waits for data, ms (default 5 s as kafkajs's). */
  readonly maxWaitTimeInMs?: number;
}

/**
 * A member of a consumer group (JoinGroup/SyncGroup/Heartbeat, Fetch, OffsetCommit, LeaveGroup on disconnect).
 * `run` hands over one message at a time, in order, and waits for `eachMessage` before the next; with
 * `autoCommit` (the default) the message's offset + 1 is committed once `eachMessage` resolved.
 */
export class KafkaConsumer {
  private client?: PConsumer;
  private readonly topics = new Set<string>();
  private fromBeginning = false;
  private stream?: Platformatic.MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  private loop?: Promise<void>;
  private readonly paused = new Set<string>();
  private readonly epochs = new Map<string, number>();
  private stopping = false;
  /** Why consuming stopped before `disconnect` (raised by `disconnect`). */
  private failure: unknown;

  constructor(
    private readonly kafka: Kafka,
    private readonly cfg: ConsumerConfig,
  ) {}

  private get c(): PConsumer {
    if (!this.client) {
      this.client = withTopicIdsByName(
        new (kafkaModule().Consumer<Buffer, Buffer, Buffer, Buffer>)({
          ...this.kafka.options(),
          groupId: this.cfg.groupId,
          sessionTimeout: this.cfg.sessionTimeout ?? 30_000,
          heartbeatInterval: this.cfg.heartbeatInterval ?? 3_000,
          rebalanceTimeout: this.cfg.rebalanceTimeout ?? 60_000,
          maxWaitTime: this.cfg.maxWaitTimeInMs ?? 5_000,
        }),
      );
    }
    return this.client;
  }

  async connect(): Promise<void> {
    void this.c;
  }

  async subscribe(opts: { topic?: string; topics?: string[]; fromBeginning?: boolean }): Promise<void> {
    for (const t of [...(opts.topic ? [opts.topic] : []), ...(opts.topics ?? [])]) this.topics.add(t);
    this.fromBeginning = opts.fromBeginning ?? false;
  }

  /** Joins the group and consumes in the background until `disconnect`. */
  async run(opts: { autoCommit?: boolean; eachMessage: (p: EachMessagePayload) => Promise<void> }): Promise<void> {
    const autoCommit = opts.autoCommit ?? true;
    this.stream = await this.c.consume({
      topics: [...this.topics],
      mode: 'committed',
      fallbackMode: this.fromBeginning ? 'earliest' : 'latest',
      autocommit: false,
    });
    const stream = this.stream;
    this.loop = (async () => {
      try {
        for await (const raw of stream as AsyncIterable<PMessage>) {
          if (this.stopping) break;
          const k = `${raw.topic}\u0000${raw.partition}`;
          this.epochs.set(k, raw.leaderEpoch);
          if (this.paused.has(k)) continue;
          await opts.eachMessage({
            topic: raw.topic,
            partition: raw.partition,
            message: {
              key: raw.key ?? null,
              value: raw.value ?? null,
              offset: String(raw.offset),
              timestamp: String(raw.timestamp),
              headers: Object.fromEntries([...raw.headers].map(([hk, hv]) => [hk.toString(), hv])),
            },
          });
          if (autoCommit && !this.stopping) await raw.commit();
        }
      } catch (e) {
        if (!this.stopping) this.failure = e;
      }
    })();
  }

  /** Stops handing over messages of these partitions. */
  pause(topics: ReadonlyArray<{ topic: string; partitions: number[] }>): void {
    for (const t of topics) for (const p of t.partitions) this.paused.add(`${t.topic}\u0000${p}`);
  }

  /** OffsetCommit with the member's generation. */
  async commitOffsets(offsets: ReadonlyArray<{ topic: string; partition: number; offset: string }>): Promise<void> {
    await this.c.commit({
      offsets: offsets.map((o) => ({
        topic: o.topic,
        partition: o.partition,
        offset: BigInt(o.offset),
        leaderEpoch: this.epochs.get(`${o.topic}\u0000${o.partition}`) ?? -1,
      })),
    });
  }

  /** Stops consuming and leaves the group. */
  async disconnect(): Promise<void> {
    this.stopping = true;
    const c = this.client;
    this.client = undefined;
    const s = this.stream;
    this.stream = undefined;
    if (s) await s.close().catch(() => undefined);
    await this.loop;
    if (c) await c.close();
    if (this.failure) throw this.failure;
  }
}

type MetadataCallback = (error: Error | null, metadata: Platformatic.ClusterMetadata) => void;

/**
 * Works around @platformatic/kafka 2.12.1 on brokers whose Metadata has no topic IDs (Kafka < 2.8): it uses each
 * topic's ID to match fetch requests and responses to topics, and names the IDs after the topics only for Metadata
 * up to v8, while Kafka 2.4-2.7 answer v9 without IDs. A consumer of two topics of such a broker then takes one topic
 * for the other (a TypeError on a partition the other topic lacks, seen with the rehearsal's Kafka 2.6). Topics
 * without an ID get their name as ID here, what the client itself does for v0-v8.
 */
function withTopicIdsByName(c: PConsumer): PConsumer {
  const k = kafkaModule().kMetadata;
  const own = c as unknown as Record<symbol, (options: unknown, cb: MetadataCallback) => void>;
  const metadata = own[k].bind(c);
  own[k] = (options, cb) =>
    metadata(options, (error, m) => {
      if (!error && m) for (const [name, t] of m.topics) if (!t.id || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(t.id)) t.id = name;
      cb(error, m);
    });
  return c;
}

async function connectClient(client: PAdmin | PProducer, kafka: Kafka): Promise<void> {
  try {
    await client.metadata({ topics: [] });
  } catch (e) {
    throw describeKafkaError(e, kafka.config.brokers.join(','));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
