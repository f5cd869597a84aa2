/**
 * Read-only access to a live cluster for `cutover` and `verify`: topic partitions, earliest and end offsets
 * (ListOffsets, batched per broker), consumer groups (ListGroups, DescribeGroups), committed offsets
 * (OffsetFetch) and message ranges (Fetch with replica id -1, as a consumer using `assign()` would: no group is
 * joined and nothing is committed).
 *
 * Never sends a request that changes the cluster: no JoinGroup, SyncGroup, OffsetCommit, Produce, CreateTopics,
 * DeleteRecords or AlterConfigs.
 */
import { Admin, AssignerProtocol, Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { describeKafkaError } from './admin';
import { SourceError } from './errors';
import { withTolerantMetadata } from './kafkajs-compat';
import { ClientSettings } from './properties';
import { FetchedMessage } from './traffic';
import { createCluster, InternalCluster } from './wire';
import { mapLimit, probeHosts } from './zk-client';
import { checkTlsHandshake } from './tls';

export interface ClusterEndpoint {
  /** How the cluster is named in messages: `source` or `target`. */
  readonly role: string;
  readonly brokers: readonly string[];
  readonly settings?: ClientSettings;
}

export interface PartitionOffsets {
  /** The first offset still in the log (log start offset). */
  readonly start: bigint;
  /** The log-end offset (high watermark): the offset the next message will get. */
  readonly end: bigint;
}

/** topic → partition → offsets. */
export type OffsetsByTopic = Map<string, Map<number, PartitionOffsets>>;

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

/** A message as `verify` sees it. */
export interface ReadMessage {
  readonly offset: bigint;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: FetchedMessage['headers'];
}

export interface RangeRequest {
  readonly topic: string;
  readonly partition: number;
  /** First offset to read. */
  readonly from: bigint;
  /** Offset to stop before. */
  readonly to: bigint;
}

interface ExtraCluster {
  fetchTopicsOffset(
    topics: Array<{ topic: string; fromBeginning: boolean; partitions: Array<{ partition: number }> }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
  refreshMetadata(topics?: string[]): Promise<void>;
}
type Message = FetchedMessage & {
  timestamp?: string;
  isControlRecord?: boolean;
  batchContext?: { firstOffset?: string; lastOffsetDelta?: number };
};

const PARTITIONS_PER_FETCH = 200;
/** The response-level limit of one Fetch, and the largest partition-level size a range grows to. */
const MAX_FETCH_BYTES = 64 * 1024 * 1024;
const OFFSET_OUT_OF_RANGE = 1;

/** Offsets of a range that could not be read, and why. */
export interface UnreadRange {
  readonly from: bigint;
  readonly to: bigint;
  readonly reason: string;
}

/** One connection to one cluster: an Admin client and a kafkajs cluster object for batched ListOffsets and Fetch. */
export class ClusterReader {
  private readonly admin: Admin;
  private readonly cluster: InternalCluster & ExtraCluster;
  private readonly endpoint: string;
  private targeted = new Set<string>();

  private constructor(
    private readonly ep: ClusterEndpoint,
    cfg: KafkaConfig,
  ) {
    this.endpoint = `${ep.role} ${ep.brokers.join(',')}`;
    this.admin = new Kafka(cfg).admin({ retry: cfg.retry });
    this.cluster = createCluster(cfg) as InternalCluster & ExtraCluster;
  }

  /** Connects, failing fast with the host named when no bootstrap server accepts TCP. */
  static async open(ep: ClusterEndpoint, timeoutMs = 30_000): Promise<ClusterReader> {
    const endpoint = `${ep.role} ${ep.brokers.join(',')}`;
    const hosts = ep.brokers.map((b) => {
      const i = b.lastIndexOf(':');
      return { host: b.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(b.slice(i + 1)) };
    });
    // the per-request timeout bounds the whole opening: probe, connect, first metadata (not kafkajs's retries of it)
    const down = await probeHosts({ hosts }, Math.min(3000, timeoutMs));
    if (down.length === hosts.length) throw new SourceError(`Kafka ${endpoint}: no bootstrap server reachable (${down.join('; ')})`, 'unreachable');
    await checkTlsHandshake(ep.brokers, ep.settings?.tls, Math.min(5000, timeoutMs), endpoint);
    const cfg: KafkaConfig = {
      clientId: ep.settings?.clientId ?? 'alikafka-migrate-check',
      brokers: [...ep.brokers],
      ssl: ep.settings?.ssl,
      sasl: ep.settings?.sasl,
      connectionTimeout: Math.min(5000, timeoutMs),
      authenticationTimeout: Math.min(10_000, timeoutMs),
      requestTimeout: timeoutMs,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 3000 },
      logLevel: logLevel.NOTHING,
    };
    const r = new ClusterReader(ep, cfg);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SourceError(
              `Kafka ${endpoint}: no answer within the per-request timeout of ${timeoutMs / 1000} s (is it a Kafka listener reachable from here?)`,
              'timeout',
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([
        r.run(async () => {
          await r.admin.connect();
          await r.cluster.connect();
        }),
        timedOut,
      ]);
    } catch (e) {
      void r.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
    return r;
  }

  get role(): string {
    return this.ep.role;
  }

  async close(): Promise<void> {
    await this.cluster.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  private async run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await withTolerantMetadata(f);
    } catch (e) {
      throw describeKafkaError(e, this.endpoint, this.ep.settings?.tls);
    }
  }

  /** Partition counts of every topic on the cluster. */
  async partitionCounts(): Promise<Map<string, number>> {
    return this.run(async () => {
      const meta = await this.admin.fetchTopicMetadata();
      return new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
    });
  }

  private async target(topics: readonly string[]): Promise<void> {
    const fresh = topics.filter((t) => !this.targeted.has(t));
    if (fresh.length === 0) return;
    await this.cluster.addMultipleTargetTopics(fresh);
    for (const t of fresh) this.targeted.add(t);
  }

  /**
   * Earliest and end offsets of every partition of `topics` (which must exist), in one ListOffsets request per
   * broker for each of the two. `partitions` gives each topic's partition count.
   */
  async offsets(partitions: ReadonlyMap<string, number>): Promise<OffsetsByTopic> {
    const topics = [...partitions.keys()].sort();
    const out: OffsetsByTopic = new Map();
    if (topics.length === 0) return out;
    return this.run(async () => {
      await this.target(topics);
      const chunks: string[][] = [];
      for (let i = 0; i < topics.length; i += 500) chunks.push(topics.slice(i, i + 500));
      await mapLimit(chunks, 4, async (chunk) => {
        const req = (fromBeginning: boolean) =>
          this.cluster.fetchTopicsOffset(
            chunk.map((topic) => ({
              topic,
              fromBeginning,
              partitions: Array.from({ length: partitions.get(topic) ?? 0 }, (_, partition) => ({ partition })),
            })),
          );
        const [starts, ends] = await Promise.all([req(true), req(false)]);
        const startOf = new Map<string, bigint>();
        for (const t of starts) for (const p of t.partitions) startOf.set(`${t.topic}\u0000${p.partition}`, BigInt(p.offset));
        for (const t of ends) {
          const m = new Map<number, PartitionOffsets>();
          for (const p of t.partitions) {
            const end = BigInt(p.offset);
            m.set(p.partition, { start: startOf.get(`${t.topic}\u0000${p.partition}`) ?? end, end });
          }
          out.set(t.topic, m);
        }
      });
      return out;
    });
  }

  /** Group ids on the cluster. */
  async groupIds(): Promise<Set<string>> {
    return this.run(async () => new Set((await this.admin.listGroups()).groups.map((g) => g.groupId)));
  }

  /** State, protocol type, members (client id and host) and subscriptions of groups, 100 per request. */
  async describeGroups(ids: readonly string[]): Promise<Map<string, GroupDescription>> {
    const out = new Map<string, GroupDescription>();
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    await this.run(() =>
      mapLimit(chunks, 4, async (chunk) => {
        const res = await this.admin.describeGroups(chunk);
        for (const g of res.groups) {
          const subscribed = new Set<string>();
          if (g.protocolType === 'consumer') {
            for (const m of g.members) {
              if (!m.memberMetadata || m.memberMetadata.length === 0) continue;
              try {
                for (const t of AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []) subscribed.add(t);
              } catch {
                // not the standard consumer protocol: subscriptions unknown
              }
            }
          }
          out.set(g.groupId, {
            groupId: g.groupId,
            state: g.state,
            protocolType: g.protocolType,
            members: g.members.map((m) => ({ clientId: m.clientId, clientHost: m.clientHost.replace(/^\//, '') })),
            subscribed: [...subscribed].sort(),
          });
        }
      }),
    );
    return out;
  }

  /**
   * Committed offsets of groups (OffsetFetch for all of a group's partitions; read-only, unlike
   * `fetchOffsets({resolveOffsets: true})`). group → topic → partition → offset; partitions without a
   * committed offset are left out.
   */
  async committedOffsets(ids: readonly string[], concurrency = 48): Promise<Map<string, Map<string, Map<number, bigint>>>> {
    const out = new Map<string, Map<string, Map<number, bigint>>>();
    await this.run(() =>
      mapLimit(ids, concurrency, async (groupId) => {
        const res = await this.admin.fetchOffsets({ groupId });
        const byTopic = new Map<string, Map<number, bigint>>();
        for (const t of res) {
          for (const p of t.partitions) {
            const o = BigInt(p.offset);
            if (o < 0n) continue;
            let m = byTopic.get(t.topic);
            if (!m) byTopic.set(t.topic, (m = new Map()));
            m.set(p.partition, o);
          }
        }
        out.set(groupId, byTopic);
      }),
    );
    return out;
  }

  /**
   * Reads the messages of each range (transaction markers left out), many partitions per Fetch request, and
   * hands them to `onMessages` in offset order per partition. Stops a range early when `onMessages` returns
   * false.
   *
   * Every record is read or reported: a partition that gets nothing back goes first in the next request (the
   * broker returns the first partition's first record batch whole, whatever its size), and its fetch size
   * doubles, up to the request's 64 MiB, when it gets nothing even there. A range is over only when the broker
   * shows a batch that ends at or beyond it. What still stays unread (no batch even at the largest size, or
   * records deleted by retention while reading) goes to `onUnread` with its offsets; without `onUnread` that
   * range just ends (callers that only look for a record treat a missing one as not found).
   */
  async readRanges(
    ranges: readonly RangeRequest[],
    onMessages: (r: RangeRequest, msgs: ReadMessage[]) => boolean | void,
    maxBytesPerPartition = 1024 * 1024,
    onUnread?: (r: RangeRequest, u: UnreadRange) => void,
  ): Promise<void> {
    const todo = ranges.filter((r) => r.to > r.from);
    if (todo.length === 0) return;
    await this.run(async () => {
      await this.target([...new Set(todo.map((r) => r.topic))]);
      const state = new Map<RangeRequest, { next: bigint; maxBytes: number; starved: number }>(
        todo.map((r) => [r, { next: r.from, maxBytes: Math.min(maxBytesPerPartition, MAX_FETCH_BYTES), starved: 0 }]),
      );
      const byLeader = new Map<string, RangeRequest[]>();
      for (const r of todo) {
        const leader = Object.keys(this.cluster.findLeaderForPartitions(r.topic, [r.partition]))[0];
        if (leader === undefined)
          throw new SourceError(`Kafka ${this.endpoint}: ${r.topic}[${r.partition}] has no leader; cannot read its messages`, 'unreachable');
        let l = byLeader.get(leader);
        if (!l) byLeader.set(leader, (l = []));
        l.push(r);
      }
      await mapLimit([...byLeader.entries()], 4, async ([leader, list]) => {
        const broker = await this.cluster.findBroker({ nodeId: leader });
        let open = list;
        while (open.length > 0) {
          // one range per partition in a request (a Fetch names each partition once); starved ranges first
          const order = [...open].sort((a, b) => (state.get(b)?.starved ?? 0) - (state.get(a)?.starved ?? 0));
          const batch: RangeRequest[] = [];
          const inBatch = new Set<string>();
          for (const r of order) {
            const k = `${r.topic}\u0000${r.partition}`;
            if (inBatch.has(k)) continue;
            inBatch.add(k);
            batch.push(r);
            if (batch.length >= PARTITIONS_PER_FETCH) break;
          }
          const res = await broker.fetch({
            replicaId: -1,
            isolationLevel: 0,
            maxWaitTime: 0,
            minBytes: 0,
            maxBytes: MAX_FETCH_BYTES,
            topics: groupByTopic(batch).map(([topic, rs]) => ({
              topic,
              partitions: rs.map((r) => {
                const st = state.get(r) as { next: bigint; maxBytes: number };
                return { partition: r.partition, fetchOffset: st.next.toString(), maxBytes: st.maxBytes };
              }),
            })),
          });
          const done = new Set<RangeRequest>();
          batch.forEach((r, i) => {
            const st = state.get(r) as { next: bigint; maxBytes: number; starved: number };
            const from = st.next;
            const pr = res.responses
              .filter((x) => x.topicName === r.topic)
              .flatMap((x) => x.partitions)
              .find((x) => x.partition === r.partition);
            if (pr && pr.errorCode === OFFSET_OUT_OF_RANGE) {
              onUnread?.(r, { from, to: r.to, reason: 'the broker no longer has these offsets (deleted by retention while they were read)' });
              done.add(r);
              return;
            }
            if (pr && pr.errorCode !== 0)
              throw new SourceError(
                `Kafka ${this.endpoint}: reading ${r.topic}[${r.partition}] at offset ${from} failed with error code ${pr.errorCode}`,
                'invalid',
              );
            const fetched = (pr?.messages ?? []) as Message[];
            // where the batches returned end: the last offset of each batch (records removed by compaction
            // leave a batch's last offset in its header), else the last record
            let reached = -1n;
            for (const m of fetched) {
              const o = BigInt(m.offset);
              const ctx = m.batchContext;
              const end = ctx && ctx.firstOffset !== undefined && ctx.lastOffsetDelta !== undefined ? BigInt(ctx.firstOffset) + BigInt(ctx.lastOffsetDelta) : o;
              if (end > reached) reached = end;
              if (o > reached) reached = o;
            }
            if (reached < from) {
              // nothing at or after `from`: the partition got no room in this response, or its first batch
              // holds no record (emptied by compaction) and the next did not fit
              if (i === 0) {
                if (st.maxBytes >= MAX_FETCH_BYTES) {
                  onUnread?.(r, { from, to: r.to, reason: `no record came back at offset ${from}, even with ${MAX_FETCH_BYTES} bytes per fetch` });
                  done.add(r);
                  return;
                }
                st.maxBytes = Math.min(MAX_FETCH_BYTES, st.maxBytes * 2);
              }
              st.starved++;
              return;
            }
            st.starved = 0;
            st.next = reached + 1n;
            const msgs = fetched
              .filter((m) => {
                const o = BigInt(m.offset);
                return o >= from && o < r.to && !m.isControlRecord;
              })
              .map((m) => ({
                offset: BigInt(m.offset),
                timestamp: Number(m.timestamp ?? '-1'),
                key: m.key,
                value: m.value,
                headers: m.headers,
              }));
            const goOn = msgs.length === 0 ? true : onMessages(r, msgs);
            if (goOn === false || st.next >= r.to) done.add(r);
          });
          open = open.filter((r) => !done.has(r));
        }
      });
    });
  }
}

/** Opens both clusters; when one fails, the other is closed again before the error is raised. */
export async function openBoth(a: ClusterEndpoint, b: ClusterEndpoint, timeoutMs?: number): Promise<[ClusterReader, ClusterReader]> {
  const [ra, rb] = await Promise.allSettled([ClusterReader.open(a, timeoutMs), ClusterReader.open(b, timeoutMs)]);
  if (ra.status === 'fulfilled' && rb.status === 'fulfilled') return [ra.value, rb.value];
  if (ra.status === 'fulfilled') await ra.value.close();
  if (rb.status === 'fulfilled') await rb.value.close();
  throw ra.status === 'rejected' ? ra.reason : (rb as PromiseRejectedResult).reason;
}

function groupByTopic(rs: readonly RangeRequest[]): Array<[string, RangeRequest[]]> {
  const m = new Map<string, RangeRequest[]>();
  for (const r of rs) {
    let l = m.get(r.topic);
    if (!l) m.set(r.topic, (l = []));
    l.push(r);
  }
  return [...m.entries()];
}
