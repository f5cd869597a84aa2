/**
 * `--sample-traffic`: measures messages and bytes in per topic over a window.
 *
 * Messages: log-end offsets (ListOffsets) at the start and at the end of the window.
 * Bytes: the messages produced during the window are read with plain Fetch requests (replica id -1,
 * like a consumer with `assign()`), which joins no group and commits nothing. Per partition at most
 * `maxBytesPerPartition` are read; beyond that the average message size read is extrapolated.
 * Bytes are key + value + header bytes as the client sees them (after decompression).
 *
 * Peaks: once a second during the window the log-end offsets of all sampled partitions are read again
 * (one ListOffsets request per leader broker); the messages read afterwards are assigned to those
 * one-second intervals by offset, so each interval gets its exact byte count where the partition was
 * read completely and count × the partition's mean message size where it was not. The peak is the
 * busiest interval (intervals shorter than half a second are merged into their neighbour).
 */
import { TopicTraffic, TrafficMetadata } from '../model';
import { adminClient, ClusterMetadataRead, describeKafkaError, listOffsets, readMetadata } from './client';
import { ClusterReader, ReadMessage } from './cluster-reader';
import { SourceError, SourceProgress, silentProgress } from './errors';
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

/** Key, value and header bytes of a message. */
function messageBytes(m: ReadMessage): number {
  let n = (m.key?.length ?? 0) + (m.value?.length ?? 0);
  const size = (x: Buffer | string | null | undefined): number => (x === null || x === undefined ? 0 : typeof x === 'string' ? Buffer.byteLength(x) : x.length);
  const headers = m.headers;
  if (Array.isArray(headers)) for (const [k, v] of headers) n += size(k) + size(v);
  else
    for (const [k, v] of Object.entries(headers ?? {})) {
      n += Buffer.byteLength(k);
      for (const x of Array.isArray(v) ? v : [v]) n += size(x);
    }
  return n;
}

type EndOffsets = Map<string, Map<number, bigint>>;

export async function sampleTraffic(opts: TrafficOptions): Promise<TrafficMetadata> {
  const progress = opts.progress ?? silentProgress;
  const endpoint = opts.brokers.join(',');
  const left = Math.max(1000, opts.deadline - Date.now());
  const admin = adminClient(opts.brokers, opts.settings, 'alikafka-migrate-export', {
    connectMs: Math.min(5000, left),
    requestMs: Math.min(30_000, left),
    retries: 5,
    retryDelayMs: 250,
  });
  // group-less Fetch of the window's messages, through the same connections
  const reader = ClusterReader.over({ role: '', brokers: opts.brokers, settings: opts.settings }, admin);
  try {
    return await (async () => {
      let meta: ClusterMetadataRead | undefined;
      let topics: string[];
      try {
        meta = await readMetadata(admin, opts.topics ? [...opts.topics] : null);
        topics = opts.topics ? [...opts.topics] : meta.topics.filter((t) => t.errorCode === 0 && !t.name.startsWith('__')).map((t) => t.name);
      } catch (e) {
        if (!opts.topics) throw e;
        topics = [...opts.topics];
        progress.warn(`traffic: per-second offsets not readable (${describeKafkaError(e, endpoint).message}); peaks are the window's mean`);
      }
      // One ListOffsets request per leader broker reads every partition with a leader; the rest (and
      // everything, when that fails) is read topic by topic with retries.
      const clusterUp = meta !== undefined;
      const led = new Map<string, number[]>(); // topics whose partitions all have a leader
      for (const t of meta?.topics ?? []) {
        if (t.errorCode === 0 && t.partitions.length && t.partitions.every((x) => x.leader >= 0))
          led.set(
            t.name,
            t.partitions.map((x) => x.partition),
          );
      }
      const bulk = async (names: readonly string[]): Promise<EndOffsets> => {
        const wanted = names.filter((t) => led.has(t));
        const offs = await listOffsets(
          admin,
          meta as ClusterMetadataRead,
          wanted.flatMap((topic) => (led.get(topic) as number[]).map((partition) => ({ topic, partition }))),
          -1n,
          endpoint,
        );
        const ends: EndOffsets = new Map();
        for (const t of wanted) {
          const m = new Map<number, bigint>();
          for (const p of led.get(t) as number[]) {
            const o = offs.get(`${t}\u0000${p}`);
            if (o !== undefined) m.set(p, o);
          }
          if (m.size === (led.get(t) as number[]).length) ends.set(t, m);
        }
        return ends;
      };
      // `bulkAt`: when the one-request-per-broker read answered (the window's edge; the topic-by-topic
      // reads that follow are for topics without a leader everywhere, and may take their retries' time)
      let bulkAt = 0;
      const readEnds = async (names: readonly string[]): Promise<EndOffsets> => {
        let ends: EndOffsets = new Map();
        bulkAt = 0;
        if (led.size) {
          try {
            ends = await bulk(names);
            bulkAt = Date.now();
          } catch {
            ends = new Map();
          }
        }
        await mapLimit(
          names.filter((t) => !ends.has(t)),
          16,
          async (t) => {
            // retried for up to 10 s (a broker may be restarting); a topic with a leaderless partition
            // stays unreadable and is left out of `traffic`, with a warning
            const giveUp = Math.min(opts.deadline - 1000, Date.now() + 10_000);
            for (;;) {
              try {
                const m = await readMetadata(admin, [t]);
                const topic = m.topics.find((x) => x.name === t);
                if (!topic || topic.errorCode !== 0) throw new SourceError(`Kafka ${endpoint}: topic ${t} not in the cluster's metadata`, 'not-found');
                const offs = await listOffsets(
                  admin,
                  m,
                  topic.partitions.map((p) => ({ topic: t, partition: p.partition })),
                  -1n,
                  endpoint,
                );
                ends.set(t, new Map(topic.partitions.map((p) => [p.partition, offs.get(`${t}\u0000${p.partition}`) ?? 0n])));
                return;
              } catch (e) {
                if (Date.now() + 500 > giveUp) {
                  progress.warn(`traffic: end offsets of ${t} not readable (${describeKafkaError(e, endpoint).message}); left out of traffic`);
                  return;
                }
                await new Promise((r) => setTimeout(r, 500));
              }
            }
          },
        );
        return ends;
      };
      const start = await readEnds(topics);
      const t0 = Date.now();
      progress.phase(`sampling traffic for ${opts.windowSeconds} s`, opts.windowSeconds);
      const windowMs = opts.windowSeconds * 1000;
      if (t0 + windowMs > opts.deadline) {
        throw new SourceError(
          `Kafka ${endpoint}: a traffic sample of ${opts.windowSeconds} s (\`sampleTrafficSeconds\`) does not fit in \`timeoutSeconds\`; raise \`timeoutSeconds\``,
          'usage',
        );
      }
      // per-second log-end offsets, for the peaks (a failed sample is skipped; the mean does not need them)
      const sampled = topics.filter((t) => start.has(t) && led.has(t));
      const sampler = new OffsetSampler(start);
      const samplerUp = clusterUp;
      let sampleFailures = 0;
      let samples = 0;
      for (let s = 1; s <= opts.windowSeconds; s++) {
        await new Promise((r) => setTimeout(r, Math.max(0, t0 + s * 1000 - Date.now())));
        progress.tick();
        // a slow sample (a loaded broker) must not stretch the window: skip the seconds it overran
        if (Date.now() > t0 + s * 1000 + 500 && s < opts.windowSeconds) continue;
        if (samplerUp && sampled.length) {
          samples++;
          const asked = Date.now();
          try {
            const res = await bulk(sampled);
            sampler.add((asked + Date.now()) / 2, res);
          } catch {
            sampleFailures++;
          }
        }
      }
      if (sampleFailures)
        progress.warn(`traffic: ${sampleFailures} of ${samples} per-second offset samples failed; their seconds are merged into the next interval`);
      // only topics whose start offsets were read: the others are left out of traffic anyway
      const end = await readEnds(topics.filter((t) => start.has(t)));
      const tEnd = bulkAt || Date.now();
      const elapsed = (tEnd - t0) / 1000;
      const intervals = sampler.intervals(t0, tEnd);

      const perTopic: Record<string, TopicTraffic> = {};
      let totalBytes = 0;
      let totalMsgs = 0;
      const clusterBytes = new Array<number>(intervals.count).fill(0);
      const clusterMsgs = new Array<number>(intervals.count).fill(0);
      const maxBytes = opts.maxBytesPerPartition ?? 1024 * 1024;
      const active = topics.filter((t) => {
        const a = start.get(t);
        const b = end.get(t);
        return a && b && [...b].some(([p, o]) => o > (a.get(p) ?? o));
      });
      await mapLimit(active, 8, async (t) => {
        const a = start.get(t) as Map<number, bigint>;
        const b = end.get(t) as Map<number, bigint>;
        const topicBytes = new Array<number>(intervals.count).fill(0);
        const topicMsgs = new Array<number>(intervals.count).fill(0);
        let msgs = 0;
        let bytes = 0;
        for (const [p, hi] of b) {
          const lo = a.get(p) ?? hi;
          const n = Number(hi - lo);
          if (n <= 0) continue;
          msgs += n;
          const bounds = intervals.bounds(t, p, lo, hi);
          for (let i = 0; i < intervals.count; i++) topicMsgs[i] += Number(bounds[i + 1] - bounds[i]);
          const per = await partitionBytes(reader, t, p, bounds, maxBytes).catch((e: unknown) => {
            progress.warn(`traffic: could not read messages of ${t}[${p}] (${describeKafkaError(e, endpoint).message}); bytes not counted`);
            return undefined;
          });
          if (!per) continue;
          for (let i = 0; i < intervals.count; i++) {
            topicBytes[i] += per[i];
            bytes += per[i];
          }
        }
        totalBytes += bytes;
        totalMsgs += msgs;
        for (let i = 0; i < intervals.count; i++) {
          clusterBytes[i] += topicBytes[i];
          clusterMsgs[i] += topicMsgs[i];
        }
        perTopic[t] = {
          bytesInPerSec: round(bytes / elapsed),
          messagesInPerSec: round(msgs / elapsed),
          peakBytesInPerSec: round(intervals.peak(topicBytes)),
          peakMessagesInPerSec: round(intervals.peak(topicMsgs)),
        };
      });
      for (const t of topics) {
        if (!perTopic[t] && end.has(t)) perTopic[t] = { bytesInPerSec: 0, messagesInPerSec: 0, peakBytesInPerSec: 0, peakMessagesInPerSec: 0 };
      }
      return {
        windowSeconds: round(elapsed),
        bytesInPerSec: round(totalBytes / elapsed),
        messagesInPerSec: round(totalMsgs / elapsed),
        peakBytesInPerSec: round(intervals.peak(clusterBytes)),
        peakMessagesInPerSec: round(intervals.peak(clusterMsgs)),
        perTopic,
      };
    })();
  } catch (e) {
    throw describeKafkaError(e, endpoint, opts.settings?.tls);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Bytes of the messages of one partition per interval: `bounds` are the offsets at the interval edges
 * (bounds[0] = start, last = end). Reads at most ~maxBytes; beyond that the mean message size read
 * stands in for the messages not read, interval by interval.
 */
async function partitionBytes(reader: ClusterReader, topic: string, partition: number, bounds: readonly bigint[], maxBytes: number): Promise<number[]> {
  const lo = bounds[0];
  const hi = bounds[bounds.length - 1];
  const n = bounds.length - 1;
  const readBytes = new Array<number>(n).fill(0);
  const readCount = new Array<number>(n).fill(0);
  let bytes = 0;
  let count = 0;
  let k = 0; // interval of the message
  let offset = lo; // after the last message read
  await reader.readRanges(
    [{ topic, partition, from: lo, to: hi }],
    (_r, msgs) => {
      for (const m of msgs) {
        while (k < n - 1 && m.offset >= bounds[k + 1]) k++;
        const sz = messageBytes(m);
        readBytes[k] += sz;
        readCount[k]++;
        bytes += sz;
        count++;
        offset = m.offset + 1n;
      }
      return bytes < maxBytes;
    },
    Math.max(64 * 1024, maxBytes),
  );
  if (count === 0) return readBytes;
  const mean = bytes / count;
  // offsets without a message (compaction, transaction markers) are counted like messages here, as
  // the message counts from offsets are
  return readBytes.map((b, i) => {
    const inInterval = Number(bounds[i + 1] - bounds[i]);
    const missing = Math.max(0, inInterval - readCount[i]);
    return offset >= bounds[i + 1] ? b : Math.round(b + missing * mean);
  });
}

type Offsets = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

/**
 * Per-second log-end offsets. Only changes are kept (a partition missing from a sample keeps its
 * previous offset), so memory grows with the partitions that receive messages, not with all of them.
 */
class OffsetSampler {
  private readonly times: number[] = [];
  private readonly changes: Array<Array<[string, number, bigint]>> = [];
  private readonly last = new Map<string, Map<number, bigint>>();

  constructor(start: Offsets) {
    for (const [t, m] of start) this.last.set(t, new Map(m));
  }

  add(at: number, res: ReadonlyMap<string, ReadonlyMap<number, bigint>>): void {
    const ch: Array<[string, number, bigint]> = [];
    for (const [topic, ps] of res) {
      const m = this.last.get(topic);
      if (!m) continue;
      for (const [partition, o] of ps) {
        const prev = m.get(partition);
        if (prev === undefined || o > prev) {
          m.set(partition, o);
          ch.push([topic, partition, o]);
        }
      }
    }
    this.times.push(at);
    this.changes.push(ch);
  }

  /** The intervals between t0, the samples and tEnd; those shorter than 0.5 s are merged into a neighbour. */
  intervals(t0: number, tEnd: number): Intervals {
    const edges = [t0, ...this.times, tEnd];
    const keep = [0];
    for (let i = 1; i < edges.length - 1; i++) if (edges[i] - edges[keep[keep.length - 1]] >= 500) keep.push(i);
    if (keep.length > 1 && tEnd - edges[keep[keep.length - 1]] < 500) keep.pop();
    keep.push(edges.length - 1);
    // offsets at each kept inner edge, per partition that changed up to then
    const at = new Map<string, Array<bigint | undefined>>();
    const cur = new Map<string, bigint>();
    let ki = 1;
    for (let i = 0; i < this.changes.length && ki < keep.length - 1; i++) {
      for (const [t, p, o] of this.changes[i]) cur.set(`${t}\u0000${p}`, o);
      const edge = i + 1; // sample i is edge i + 1
      if (edge === keep[ki]) {
        for (const [key, o] of cur) {
          let arr = at.get(key);
          if (!arr) at.set(key, (arr = []));
          arr[ki] = o;
        }
        ki++;
      }
    }
    return new Intervals(
      keep.map((i) => edges[i]),
      at,
    );
  }
}

class Intervals {
  readonly count: number;

  constructor(
    private readonly edges: readonly number[],
    private readonly inner: ReadonlyMap<string, ReadonlyArray<bigint | undefined>>,
  ) {
    this.count = edges.length - 1;
  }

  /** Offsets at the interval edges for one partition, clamped into [lo, hi] and never decreasing. */
  bounds(topic: string, partition: number, lo: bigint, hi: bigint): bigint[] {
    const arr = this.inner.get(`${topic}\u0000${partition}`) ?? [];
    const out: bigint[] = [lo];
    for (let i = 1; i < this.count; i++) {
      let o = arr[i] ?? out[i - 1];
      if (o < out[i - 1]) o = out[i - 1];
      if (o > hi) o = hi;
      out.push(o);
    }
    out.push(hi);
    return out;
  }

  /** The highest rate over the intervals for per-interval amounts. */
  peak(amounts: readonly number[]): number {
    let best = 0;
    for (let i = 0; i < this.count; i++) {
      const secs = (this.edges[i + 1] - this.edges[i]) / 1000;
      if (secs > 0) best = Math.max(best, amounts[i] / secs);
    }
    return best;
  }
}
