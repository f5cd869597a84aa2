/**
 * Read-only access to a live cluster for `cutover` and `verify`: topic partitions, earliest and end offsets
 * (ListOffsets, batched per broker), consumer groups (ListGroups, DescribeGroups), committed offsets
 * (OffsetFetch) and message ranges (Fetch with replica id -1, as a consumer using `assign()` would: no group is
 * joined and nothing is committed).
 *
 * Never sends a request that changes the cluster: no JoinGroup, SyncGroup, OffsetCommit, Produce, CreateTopics,
 * DeleteRecords or AlterConfigs.
 */
import type { Headers } from '../verify/compare';
import {
  adminClient,
  BrokerAddress,
  ClusterMetadataRead,
  describeGroups,
  describeKafkaError,
  errorCodeName,
  listOffsets,
  negotiatedVersion,
  probeBootstrap,
  readMetadata,
  request,
  within,
} from './client';
import type { GroupDescription } from './client';
import { describeLogDirs } from './broker-facts';
import { SourceError } from './errors';
import { batchesReach, fetchRawApi, headerPairs, newRecordView, RawFetchPartition, RawFetchResponse, RecordView, scanRecords } from './record-batches';
import { ClientSettings } from './properties';
import { checkTlsHandshake } from './tls';
import { mapLimit } from './zk-client';

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

export type { GroupDescription, GroupMember } from './client';

/** A message as `verify` sees it. */
export interface ReadMessage {
  readonly offset: bigint;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Headers;
}

export interface RangeRequest {
  readonly topic: string;
  readonly partition: number;
  /** First offset to read. */
  readonly from: bigint;
  /** Offset to stop before. */
  readonly to: bigint;
}

const PARTITIONS_PER_FETCH = 200;
/** The response-level limit of one Fetch, and the largest partition-level size a range grows to. */
const MAX_FETCH_BYTES = 64 * 1024 * 1024;
const OFFSET_OUT_OF_RANGE = 1;
const EMPTY = Buffer.alloc(0);

/** How {@link ClusterReader.scanRanges} reads. */
export interface ScanOptions {
  /** Bytes asked for per partition and Fetch at first (grows when a batch does not fit); default 1 MiB. */
  readonly maxBytes?: number;
  /** A range (or its rest) that could not be read; without it, such a range just ends. */
  readonly onUnread?: (r: RangeRequest, u: UnreadRange) => void;
  /** Called once per range and response after its records were visited; false stops the range. */
  readonly afterFetch?: (r: RangeRequest) => boolean | void;
  /** Fetch requests in flight per broker, each for its own share (round robin) of that broker's partitions; default 1. */
  readonly lanes?: number;
  /** After each response, per range: the offsets it moved forward (up to the range's end) and the bytes of its batches. */
  readonly onAdvance?: (r: RangeRequest, offsets: number, bytes: number) => void;
}

/** Offsets of a range that could not be read, and why. */
export interface UnreadRange {
  readonly from: bigint;
  readonly to: bigint;
  readonly reason: string;
}

type Admin = ReturnType<typeof adminClient>;

/**
 * One connection to one cluster (an Admin client of the Kafka module): batched ListOffsets per leader, Fetch with
 * replica id -1 and no fetch session (as a consumer using `assign()` would, without one: no group is joined,
 * nothing is committed), DescribeGroups at the coordinators, OffsetFetch.
 */
export class ClusterReader {
  private readonly endpoint: string;
  private meta: ClusterMetadataRead | undefined;

  private constructor(
    private readonly ep: ClusterEndpoint,
    private readonly admin: Admin,
  ) {
    this.endpoint = [ep.role, ep.brokers.join(',')].filter(Boolean).join(' ');
  }

  /** A reader over a client opened elsewhere (closing the reader closes it). */
  static over(ep: ClusterEndpoint, admin: Admin): ClusterReader {
    return new ClusterReader(ep, admin);
  }

  /** Connects, failing fast with the host named when no bootstrap server accepts TCP. */
  static async open(ep: ClusterEndpoint, timeoutMs = 30_000): Promise<ClusterReader> {
    const endpoint = `${ep.role} ${ep.brokers.join(',')}`;
    // the per-request timeout bounds the whole opening: probe, loading the client, connect, first metadata (not the
    // client's retries of it)
    const started = Date.now();
    await probeBootstrap(ep.brokers, endpoint, Math.min(3000, timeoutMs));
    await checkTlsHandshake(ep.brokers, ep.settings?.tls, Math.min(5000, timeoutMs), endpoint);
    const admin = adminClient(ep.brokers, ep.settings, 'alikafka-migrate-check', {
      connectMs: Math.min(5000, timeoutMs),
      requestMs: timeoutMs,
      retries: 3,
      retryDelayMs: 300,
    });
    const r = new ClusterReader(ep, admin);
    try {
      await within(
        r.run(() => r.metadata()),
        timeoutMs - (Date.now() - started),
        () =>
          new SourceError(
            `Kafka ${endpoint}: no answer within the per-request timeout of ${timeoutMs / 1000} s (is it a Kafka listener reachable from here?)`,
            'timeout',
          ),
      );
    } catch (e) {
      void r.close();
      throw e;
    }
    return r;
  }

  get role(): string {
    return this.ep.role;
  }

  async close(): Promise<void> {
    await this.admin.close().catch(() => undefined);
  }

  private async run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw describeKafkaError(e, this.endpoint, this.ep.settings?.tls);
    }
  }

  /** Every topic's metadata, read again. */
  private async metadata(): Promise<ClusterMetadataRead> {
    this.meta = await readMetadata(this.admin, null);
    return this.meta;
  }

  private broker(nodeId: number): BrokerAddress | undefined {
    return this.meta?.brokers.find((b) => b.nodeId === nodeId);
  }

  /** Partition counts of every topic on the cluster. */
  async partitionCounts(): Promise<Map<string, number>> {
    return this.run(async () => {
      const meta = await this.metadata();
      return new Map(meta.topics.filter((t) => t.errorCode === 0).map((t) => [t.name, t.partitions.length]));
    });
  }

  /**
   * Bytes stored per partition of `topics` (`topic NUL partition` → the largest replica's size; DescribeLogDirs at
   * every broker), or undefined when a broker does not answer it (before Kafka 1.0, or without Describe on the
   * Cluster resource): the caller then does without.
   */
  async partitionBytes(topics: ReadonlySet<string>): Promise<Map<string, number> | undefined> {
    try {
      const meta = this.meta ?? (await this.metadata());
      const out = new Map<string, number>();
      let failed = false;
      await mapLimit(meta.brokers, 4, async (b) => {
        const r = await describeLogDirs(this.admin, b);
        if (r.errorCode !== 0 || r.dirs.some((d) => d.errorCode !== 0)) failed = true;
        for (const d of r.dirs)
          for (const x of d.replicas) {
            if (x.future || !topics.has(x.topic)) continue;
            const k = `${x.topic}\u0000${x.partition}`;
            out.set(k, Math.max(out.get(k) ?? 0, x.bytes));
          }
      });
      return failed ? undefined : out;
    } catch {
      return undefined;
    }
  }

  /** The leader of each partition of `topics` (from the last metadata read, refreshed when a topic is not in it). */
  private async leaders(topics: readonly string[]): Promise<Map<string, Map<number, number>>> {
    if (!this.meta || topics.some((t) => !this.meta?.topics.some((x) => x.name === t))) await this.metadata();
    const out = new Map<string, Map<number, number>>();
    const wanted = new Set(topics);
    for (const t of this.meta?.topics ?? []) {
      if (wanted.has(t.name)) out.set(t.name, new Map(t.partitions.map((p) => [p.partition, p.leader])));
    }
    return out;
  }

  /**
   * Earliest and end offsets of every partition of `topics` (which must exist), in one ListOffsets request per
   * leader for each of the two. `partitions` gives each topic's partition count.
   */
  async offsets(partitions: ReadonlyMap<string, number>): Promise<OffsetsByTopic> {
    const topics = [...partitions.keys()].sort();
    const out: OffsetsByTopic = new Map();
    if (topics.length === 0) return out;
    return this.run(async () => {
      await this.leaders(topics);
      const meta = this.meta as ClusterMetadataRead;
      const wanted = topics.flatMap((topic) => Array.from({ length: partitions.get(topic) ?? 0 }, (_, partition) => ({ topic, partition })));
      const [starts, ends] = await Promise.all([
        listOffsets(this.admin, meta, wanted, -2n, this.endpoint),
        listOffsets(this.admin, meta, wanted, -1n, this.endpoint),
      ]);
      for (const topic of topics) {
        const m = new Map<number, PartitionOffsets>();
        for (let p = 0; p < (partitions.get(topic) ?? 0); p++) {
          const end = ends.get(`${topic}\u0000${p}`);
          if (end === undefined) continue;
          m.set(p, { start: starts.get(`${topic}\u0000${p}`) ?? end, end });
        }
        out.set(topic, m);
      }
      return out;
    });
  }

  /** Group ids on the cluster. */
  async groupIds(): Promise<Set<string>> {
    return this.run(async () => new Set((await this.admin.listGroups()).keys()));
  }

  /** State, protocol type, members (client id and host) and subscriptions of groups, 100 per request. */
  async describeGroups(ids: readonly string[]): Promise<Map<string, GroupDescription>> {
    return this.run(() => describeGroups(this.admin, ids));
  }

  /**
   * Committed offsets of groups (OffsetFetch for all of a group's partitions; read-only). group → topic →
   * partition → offset; partitions without a committed offset are left out.
   */
  async committedOffsets(ids: readonly string[], concurrency = 48): Promise<Map<string, Map<string, Map<number, bigint>>>> {
    const out = new Map<string, Map<string, Map<number, bigint>>>();
    await this.run(() =>
      mapLimit(ids, concurrency, async (groupId) => {
        const res = await this.admin.listConsumerGroupOffsets({ groups: [groupId] });
        const byTopic = new Map<string, Map<number, bigint>>();
        for (const g of res) {
          for (const t of g.topics) {
            for (const p of t.partitions) {
              if (p.committedOffset < 0n) continue;
              let mm = byTopic.get(t.name);
              if (!mm) byTopic.set(t.name, (mm = new Map()));
              mm.set(p.partitionIndex, p.committedOffset);
            }
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
   * false. Reading is {@link scanRanges}'; this builds a message object per record.
   */
  async readRanges(
    ranges: readonly RangeRequest[],
    onMessages: (r: RangeRequest, msgs: ReadMessage[]) => boolean | void,
    maxBytesPerPartition = 1024 * 1024,
    onUnread?: (r: RangeRequest, u: UnreadRange) => void,
  ): Promise<void> {
    let msgs: ReadMessage[] = [];
    await this.scanRanges(
      ranges,
      (_r, v) => {
        msgs.push({
          offset: v.baseOffset + BigInt(v.offsetDelta),
          timestamp: v.timestamp,
          key: v.keyLength < 0 ? null : v.buf.subarray(v.keyStart, v.keyStart + v.keyLength),
          value: v.valueLength < 0 ? null : v.buf.subarray(v.valueStart, v.valueStart + v.valueLength),
          headers: v.headerCount > 0 ? headerPairs(v) : undefined,
        });
      },
      {
        maxBytes: maxBytesPerPartition,
        onUnread,
        afterFetch: (r) => {
          const batch = msgs;
          msgs = [];
          return batch.length === 0 ? true : onMessages(r, batch);
        },
      },
    );
  }

  /**
   * Reads the records of each range (transaction markers left out), many partitions per Fetch request, and
   * hands each to `visit` as a {@link RecordView} (positions in the response's Buffer: nothing is copied or
   * decoded into objects), in offset order per partition. Stops a range early when `visit` (or `afterFetch`)
   * returns false. See {@link ScanOptions} for the rest.
   *
   * Every record is read or reported: a partition that gets nothing back goes first in the next request (the
   * broker returns the first partition's first record batch whole, whatever its size), and its fetch size
   * doubles, up to the request's 64 MiB, when it gets nothing even there. A range is over only when the broker
   * shows a batch that ends at or beyond it. What still stays unread (no batch even at the largest size, or
   * records deleted by retention while reading) goes to `onUnread` with its offsets; without `onUnread` that
   * range just ends (callers that only look for a record treat a missing one as not found).
   */
  async scanRanges(ranges: readonly RangeRequest[], visit: (r: RangeRequest, v: RecordView) => boolean | void, opts: ScanOptions = {}): Promise<void> {
    const { maxBytes: maxBytesPerPartition = 1024 * 1024, onUnread, afterFetch, lanes = 1, onAdvance } = opts;
    const todo = ranges.filter((r) => r.to > r.from);
    if (todo.length === 0) return;
    await this.run(async () => {
      const leaders = await this.leaders([...new Set(todo.map((r) => r.topic))]);
      const ids = new Map((this.meta?.topics ?? []).map((t) => [t.name, t.topicId]));
      const state = new Map<RangeRequest, { next: bigint; maxBytes: number; starved: number }>(
        todo.map((r) => [r, { next: r.from, maxBytes: Math.min(maxBytesPerPartition, MAX_FETCH_BYTES), starved: 0 }]),
      );
      const byLeader = new Map<number, RangeRequest[]>();
      for (const r of todo) {
        const leader = leaders.get(r.topic)?.get(r.partition);
        if (leader === undefined || leader < 0)
          throw new SourceError(`Kafka ${this.endpoint}: ${r.topic}[${r.partition}] has no leader; cannot read its messages`, 'unreachable');
        let l = byLeader.get(leader);
        if (!l) byLeader.set(leader, (l = []));
        l.push(r);
      }
      // each broker's partitions in `lanes` shares (round robin), each read by its own sequence of requests
      const jobs: Array<[number, RangeRequest[]]> = [];
      for (const [leader, list] of byLeader) {
        const n = Math.max(1, Math.min(lanes, list.length));
        for (let i = 0; i < n; i++) jobs.push([leader, list.filter((_, j) => j % n === i)]);
      }
      const view = newRecordView();
      await mapLimit(jobs, 4 * Math.max(1, lanes), async ([leader, list]) => {
        const broker = this.broker(leader);
        if (!broker) throw new SourceError(`Kafka ${this.endpoint}: broker ${leader} is not in the cluster's metadata`, 'unreachable');
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
          const res = await this.fetch(broker, batch, state, ids);
          const done = new Set<RangeRequest>();
          batch.forEach((r, i) => {
            const st = state.get(r) as { next: bigint; maxBytes: number; starved: number };
            const from = st.next;
            const pr = res.get(`${r.topic}\u0000${r.partition}`);
            if (pr && pr.errorCode === OFFSET_OUT_OF_RANGE) {
              onUnread?.(r, { from, to: r.to, reason: 'the broker no longer has these offsets (deleted by retention while they were read)' });
              done.add(r);
              return;
            }
            if (pr && pr.errorCode !== 0)
              throw new SourceError(
                `Kafka ${this.endpoint}: reading ${r.topic}[${r.partition}] at offset ${from} failed with ${errorCodeName(pr.errorCode)}`,
                'invalid',
              );
            const buf = pr?.records ?? EMPTY;
            // where the batches returned end: the last offset of each batch (records removed by compaction
            // leave a batch's last offset in its header)
            const { reached, oldMagic } = batchesReach(buf);
            if (oldMagic !== undefined) {
              onUnread?.(r, {
                from,
                to: r.to,
                reason: `the records at offset ${from} are in an old message format (v${oldMagic}), which this reader does not decode`,
              });
              done.add(r);
              return;
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
            onAdvance?.(r, Number((st.next < r.to ? st.next : r.to) - from), buf.length);
            let goOn = scanRecords(buf, from, r.to, view, (v) => visit(r, v));
            if (goOn && afterFetch?.(r) === false) goOn = false;
            if (!goOn || st.next >= r.to) done.add(r);
          });
          open = open.filter((r) => !done.has(r));
        }
      });
    });
  }

  /** One sessionless Fetch (read uncommitted, no wait) of `batch` at `broker`: partition → its response. */
  private async fetch(
    broker: BrokerAddress,
    batch: readonly RangeRequest[],
    state: ReadonlyMap<RangeRequest, { next: bigint; maxBytes: number }>,
    topicIds: ReadonlyMap<string, string>,
  ): Promise<Map<string, RawFetchPartition>> {
    const byTopic = groupByTopic(batch);
    const useIds = await fetchUsesTopicIds(this.admin);
    const idOf = (t: string): string => (useIds ? (topicIds.get(t) ?? t) : t);
    const nameOf = new Map(byTopic.map(([t]) => [idOf(t), t]));
    // OFFSET_OUT_OF_RANGE is read per partition; the records stay undecoded (lib/sources/record-batches)
    const { response } = await request<RawFetchResponse>(
      this.admin,
      broker,
      'Fetch',
      [
        0, // max wait
        0, // min bytes
        MAX_FETCH_BYTES,
        0, // read uncommitted
        0, // no fetch session
        -1,
        byTopic.map(([topic, rs]) => ({
          topicId: idOf(topic),
          partitions: rs.map((r) => {
            const st = state.get(r) as { next: bigint; maxBytes: number };
            return { partition: r.partition, currentLeaderEpoch: -1, fetchOffset: st.next, lastFetchedEpoch: -1, partitionMaxBytes: st.maxBytes };
          }),
        })),
        [],
        '',
      ],
      (codes) => codes.every((c) => c === OFFSET_OUT_OF_RANGE),
      fetchRawApi,
    );
    const out = new Map<string, RawFetchPartition>();
    for (const t of response.responses) {
      const name = nameOf.get(t.topicId) ?? t.topicId;
      for (const p of t.partitions) out.set(`${name}\u0000${p.partitionIndex}`, p);
    }
    return out;
  }
}

/** Whether the client's Fetch names topics by id (Fetch v13+, Kafka 3.1+) rather than by name. */
async function fetchUsesTopicIds(admin: Admin): Promise<boolean> {
  return (await negotiatedVersion(admin, 'Fetch')) >= 13;
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
