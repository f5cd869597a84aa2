/**
 * `--sample-traffic`: measures messages and bytes in per topic over a window.
 *
 * Messages: log-end offsets (ListOffsets) at the start and at the end of the window.
 * Bytes: the messages produced during the window are read with plain Fetch requests (replica id -1,
 * like a consumer with `assign()`), which joins no group and commits nothing. Per partition at most
 * `maxBytesPerPartition` are read; beyond that the average message size read is extrapolated.
 * Bytes are key + value + header bytes as the client sees them (after decompression).
 */
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { TopicTraffic, TrafficMetadata } from '../model';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { describeKafkaError } from './admin';
import { withTolerantMetadata } from './kafkajs-compat';
import { ClientSettings } from './properties';
import { mapLimit } from './zk-client';

export interface TrafficOptions {
  readonly brokers: readonly string[];
  readonly settings?: ClientSettings;
  readonly windowSeconds: number;
  /** Topics to sample (default: all non-internal topics). */
  readonly topics?: readonly string[];
  readonly deadline: number;
  readonly progress?: SourceProgress;
  readonly maxBytesPerPartition?: number;
}

// kafkajs internals used for a group-less Fetch (kafkajs 2.2.4, pinned exactly in package.json).
export interface FetchedMessage { key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | Buffer[] | string | undefined>; offset: string }
export interface FetchPartitionResponse { partition: number; errorCode: number; messages: FetchedMessage[] }
export interface FetchResponse { responses: Array<{ topicName: string; partitions: FetchPartitionResponse[] }> }
export interface InternalBroker {
  fetch(req: {
    replicaId: number; isolationLevel: number; maxWaitTime: number; minBytes: number; maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<FetchResponse>;
}
export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(q: { nodeId: string }): Promise<InternalBroker>;
}
interface ClusterCtor { new (opts: Record<string, unknown>): InternalCluster }
interface LoggerModule { createLogger(o: { level: number; logCreator: () => () => void }): unknown }

function messageBytes(m: FetchedMessage): number {
  let n = (m.key?.length ?? 0) + (m.value?.length ?? 0);
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    n += Buffer.byteLength(k);
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) n += typeof x === 'string' ? Buffer.byteLength(x) : x.length;
  }
  return n;
}

/** A kafkajs cluster object (internals of kafkajs 2.2.4) for requests the public API does not offer, e.g. a group-less Fetch. */
export function createCluster(cfg: KafkaConfig): InternalCluster {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cluster = require('kafkajs/src/cluster') as ClusterCtor;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLogger } = require('kafkajs/src/loggers') as LoggerModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const socketFactory = (require('kafkajs/src/network/socketFactory') as () => unknown)();
  return new Cluster({
    socketFactory,
    logger: createLogger({ level: 0, logCreator: () => () => undefined }),
    brokers: cfg.brokers,
    ssl: cfg.ssl,
    sasl: cfg.sasl,
    clientId: cfg.clientId,
    connectionTimeout: cfg.connectionTimeout,
    authenticationTimeout: cfg.authenticationTimeout,
    requestTimeout: cfg.requestTimeout,
    enforceRequestTimeout: true,
    retry: cfg.retry,
    allowAutoTopicCreation: false,
    isolationLevel: 0,
    offsets: new Map(),
  });
}

type EndOffsets = Map<string, Map<number, bigint>>;

export async function sampleTraffic(opts: TrafficOptions): Promise<TrafficMetadata> {
  const progress = opts.progress ?? silentProgress;
  const endpoint = opts.brokers.join(',');
  const left = Math.max(1000, opts.deadline - Date.now());
  const cfg: KafkaConfig = {
    clientId: opts.settings?.clientId ?? 'alikafka-migrate-export',
    brokers: [...opts.brokers],
    ssl: opts.settings?.ssl,
    sasl: opts.settings?.sasl,
    connectionTimeout: Math.min(5000, left),
    authenticationTimeout: Math.min(10_000, left),
    requestTimeout: Math.min(30_000, left),
    retry: { retries: 5, initialRetryTime: 250, maxRetryTime: 3000 },
    logLevel: logLevel.NOTHING,
  };
  const admin = new Kafka(cfg).admin();
  const cluster = createCluster(cfg);
  try {
    return await withTolerantMetadata(async () => {
      await admin.connect();
      const topics = opts.topics ? [...opts.topics] : (await admin.listTopics()).filter((t) => !t.startsWith('__'));
      const readEnds = async (): Promise<EndOffsets> => {
        const ends: EndOffsets = new Map();
        await mapLimit(topics, 16, async (t) => {
          // retried for up to 10 s (a broker may be restarting); a topic with a leaderless partition
          // stays unreadable and is left out of `traffic`, with a warning
          const giveUp = Math.min(opts.deadline - 1000, Date.now() + 10_000);
          for (;;) {
            try {
              const offs = await admin.fetchTopicOffsets(t);
              ends.set(t, new Map(offs.map((o) => [o.partition, BigInt(o.high)])));
              return;
            } catch (e) {
              if (Date.now() + 500 > giveUp) {
                progress.warn(`traffic: end offsets of ${t} not readable (${describeKafkaError(e, endpoint).message}); left out of traffic`);
                return;
              }
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        });
        return ends;
      };
      const start = await readEnds();
      const t0 = Date.now();
      progress.phase(`sampling traffic for ${opts.windowSeconds} s`, opts.windowSeconds);
      const windowMs = opts.windowSeconds * 1000;
      if (t0 + windowMs > opts.deadline) {
        throw new SourceError(`Kafka ${endpoint}: --sample-traffic ${opts.windowSeconds} does not fit in --timeout; raise --timeout`, 'usage');
      }
      for (let s = 0; s < opts.windowSeconds; s++) {
        await new Promise((r) => setTimeout(r, Math.min(1000, t0 + windowMs - Date.now())));
        progress.tick();
      }
      const end = await readEnds();
      const elapsed = (Date.now() - t0) / 1000;

      await cluster.connect();
      const perTopic: Record<string, TopicTraffic> = {};
      let totalBytes = 0;
      let totalMsgs = 0;
      const maxBytes = opts.maxBytesPerPartition ?? 1024 * 1024;
      const active = topics.filter((t) => {
        const a = start.get(t);
        const b = end.get(t);
        return a && b && [...b].some(([p, o]) => o > (a.get(p) ?? o));
      });
      if (active.length) await cluster.addMultipleTargetTopics(active);
      await mapLimit(active, 8, async (t) => {
        const a = start.get(t) as Map<number, bigint>;
        const b = end.get(t) as Map<number, bigint>;
        let msgs = 0;
        let bytes = 0;
        for (const [p, hi] of b) {
          const lo = a.get(p) ?? hi;
          const n = Number(hi - lo);
          if (n <= 0) continue;
          msgs += n;
          bytes += await partitionBytes(cluster, t, p, lo, hi, maxBytes).catch((e: unknown) => {
            progress.warn(`traffic: could not read messages of ${t}[${p}] (${describeKafkaError(e, endpoint).message}); bytes not counted`);
            return 0;
          });
        }
        totalBytes += bytes;
        totalMsgs += msgs;
        perTopic[t] = { bytesInPerSec: round(bytes / elapsed), messagesInPerSec: round(msgs / elapsed) };
      });
      for (const t of topics) if (!perTopic[t] && end.has(t)) perTopic[t] = { bytesInPerSec: 0, messagesInPerSec: 0 };
      return {
        windowSeconds: round(elapsed),
        bytesInPerSec: round(totalBytes / elapsed),
        messagesInPerSec: round(totalMsgs / elapsed),
        perTopic,
      };
    });
  } catch (e) {
    throw describeKafkaError(e, endpoint);
  } finally {
    await cluster.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Bytes of the messages in [lo, hi) of one partition, reading at most ~maxBytes and extrapolating. */
async function partitionBytes(cluster: InternalCluster, topic: string, partition: number, lo: bigint, hi: bigint, maxBytes: number): Promise<number> {
  const leaders = cluster.findLeaderForPartitions(topic, [partition]);
  const leader = Object.keys(leaders)[0];
  if (leader === undefined) throw new Error('no leader');
  const broker = await cluster.findBroker({ nodeId: leader });
  let offset = lo;
  let bytes = 0;
  let count = 0;
  let read = 0;
  while (offset < hi && read < maxBytes) {
    const res = await broker.fetch({
      replicaId: -1,
      isolationLevel: 0,
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes: Math.max(64 * 1024, maxBytes - read),
      topics: [{ topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: Math.max(64 * 1024, maxBytes - read) }] }],
    });
    const pr = res.responses.flatMap((r) => r.partitions).find((x) => x.partition === partition);
    if (!pr || pr.errorCode !== 0) throw new Error(`fetch error ${pr?.errorCode ?? 'no response'}`);
    const msgs = pr.messages.filter((m) => BigInt(m.offset) >= offset && BigInt(m.offset) < hi);
    if (msgs.length === 0) break;
    for (const m of msgs) {
      const s = messageBytes(m);
      bytes += s;
      read += s;
      count++;
    }
    offset = BigInt(msgs[msgs.length - 1].offset) + 1n;
  }
  const total = Number(hi - lo);
  if (count === 0) return 0;
  return count >= total ? bytes : Math.round((bytes / count) * total);
}
