/**
 * What the brokers themselves report, beyond kafkajs's Admin client: the Kafka release (ApiVersions),
 * bytes stored per partition (DescribeLogDirs, API key 35, Kafka 1.0+) and SCRAM user names with their
 * mechanisms (DescribeUserScramCredentials, API key 50, Kafka 2.7+; KRaft 3.5+).
 *
 * Read-only: only ApiVersions, Metadata, DescribeLogDirs and DescribeUserScramCredentials requests are
 * sent. DescribeUserScramCredentials answers mechanism and iteration count only; no salt, stored key
 * or password ever comes back, and the iteration count is not kept.
 */
import { KafkaConfig, logLevel } from 'kafkajs';
import { ScramMechanism, StorageMetadata, UserMetadata } from '../model';
import { describeKafkaError } from './admin';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { KafkaVersionGuess, kafkaVersionFromApiVersions } from './kafka-api-history';
import { withTolerantMetadata } from './kafkajs-compat';
import { ClientSettings } from './properties';
import { InternalBroker, InternalCluster, KafkaErrorCode, Reader, createCluster, sendRaw } from './wire';
import { mapLimit } from './zk-client';

export interface BrokerFactsOptions {
  readonly brokers: readonly string[];
  readonly settings?: ClientSettings;
  readonly deadline: number;
  readonly progress?: SourceProgress;
  /** Topics whose stored bytes are wanted (the exported, non-internal ones) and their partition counts. Omit to skip storage. */
  readonly storageTopics?: ReadonlyArray<{ readonly name: string; readonly partitions: number }>;
  /** Read SCRAM users (Admin-API exports; a ZooKeeper export reads them from ZooKeeper). */
  readonly users?: boolean;
}

export interface BrokerFacts {
  readonly kafkaVersion?: string;
  readonly storage?: StorageMetadata;
  /** Undefined when not asked for or not readable (then `usersUnavailable` says why). */
  readonly users?: UserMetadata[];
  readonly usersUnavailable?: string;
}

/** One replica's size as a broker's DescribeLogDirs reports it. */
export interface ReplicaSize {
  readonly broker: string;
  readonly logDir: string;
  readonly topic: string;
  readonly partition: number;
  readonly bytes: number;
}

const DESCRIBE_LOG_DIRS = 35;
const DESCRIBE_USER_SCRAM_CREDENTIALS = 50;
const SCRAM_MECHANISMS: Record<number, ScramMechanism> = { 1: 'SCRAM-SHA-256', 2: 'SCRAM-SHA-512' };

export type ApiVersionMap = Record<number, { minVersion: number; maxVersion: number }>;

/** The highest version in [lo, hi] the broker supports, or undefined. */
function pickVersion(versions: ApiVersionMap, apiKey: number, lo: number, hi: number): number | undefined {
  const v = versions[apiKey];
  if (!v) return undefined;
  const best = Math.min(hi, v.maxVersion);
  return best >= Math.max(lo, v.minVersion) ? best : undefined;
}

/** DescribeLogDirs for all log directories and all replicas of one broker (versions 0-4). */
export async function describeLogDirs(
  broker: InternalBroker,
  version: number,
): Promise<{
  errorCode: number;
  dirs: Array<{ errorCode: number; logDir: string; replicas: Array<{ topic: string; partition: number; bytes: number; future: boolean }> }>;
}> {
  const flexible = version >= 2;
  return sendRaw(
    broker,
    {
      apiKey: DESCRIBE_LOG_DIRS,
      apiName: 'DescribeLogDirs',
      version,
      flexible,
      // topics = null: every replica in every log directory of this broker
      body: (w) => {
        w.array(null, () => undefined).tags();
      },
    },
    (r: Reader) => {
      r.int32(); // throttle_time_ms
      const errorCode = version >= 3 ? r.int16() : 0;
      const dirs = r.array((d) => {
        const dirError = d.int16();
        const logDir = d.string() ?? '';
        const replicas: Array<{ topic: string; partition: number; bytes: number; future: boolean }> = [];
        d.array((t) => {
          const topic = t.string() ?? '';
          t.array((p) => {
            const partition = p.int32();
            const size = p.int64();
            p.int64(); // offset_lag
            const future = p.bool();
            p.tags();
            replicas.push({ topic, partition, bytes: Number(size), future });
          });
          t.tags();
        });
        if (version >= 4) {
          d.int64(); // total_bytes
          d.int64(); // usable_bytes
        }
        d.tags();
        return { errorCode: dirError, logDir, replicas };
      });
      r.tags();
      return { errorCode, dirs };
    },
  );
}

/** DescribeUserScramCredentials v0 for all users: names and mechanisms only. */
export async function describeUserScramCredentials(
  broker: InternalBroker,
): Promise<{ errorCode: number; errorMessage: string | null; users: Array<{ name: string; errorCode: number; mechanisms: ScramMechanism[] }> }> {
  return sendRaw(
    broker,
    {
      apiKey: DESCRIBE_USER_SCRAM_CREDENTIALS,
      apiName: 'DescribeUserScramCredentials',
      version: 0,
      flexible: true,
      body: (w) => {
        w.array(null, () => undefined).tags();
      }, // users = null: every user
    },
    (r: Reader) => {
      r.int32(); // throttle_time_ms
      const errorCode = r.int16();
      const errorMessage = r.string();
      const users = r.array((u) => {
        const name = u.string() ?? '';
        const userError = u.int16();
        u.string(); // error_message
        const mechanisms: ScramMechanism[] = [];
        u.array((c) => {
          const m = SCRAM_MECHANISMS[c.int8()];
          c.int32(); // iterations: not kept
          c.tags();
          if (m) mechanisms.push(m);
        });
        u.tags();
        return { name, errorCode: userError, mechanisms };
      });
      r.tags();
      return { errorCode, errorMessage, users };
    },
  );
}

/** Why a broker with these ApiVersions cannot list SCRAM users, or undefined when it can. */
export function scramUsersUnsupported(versions: ApiVersionMap, label: string): string | undefined {
  if (pickVersion(versions, DESCRIBE_USER_SCRAM_CREDENTIALS, 0, 0) !== undefined) return undefined;
  return `${label} does not support DescribeUserScramCredentials (needs Kafka 2.7+, or 3.5+ in KRaft mode); export with \`zookeeper\` to read SCRAM users from ZooKeeper, or list the users in the metadata by hand`;
}

function kafkaErrorName(code: number): string {
  switch (code) {
    case KafkaErrorCode.CLUSTER_AUTHORIZATION_FAILED:
      return 'CLUSTER_AUTHORIZATION_FAILED';
    case KafkaErrorCode.UNSUPPORTED_VERSION:
      return 'UNSUPPORTED_VERSION';
    case KafkaErrorCode.KAFKA_STORAGE_ERROR:
      return 'KAFKA_STORAGE_ERROR';
    default:
      return `error code ${code}`;
  }
}

function brokerLabel(b: InternalBroker, nodeId: string): string {
  return `broker ${nodeId} (${b.brokerAddress})`;
}

/** Sums replica sizes into one copy per partition (the largest replica) and per topic. */
export function storageFromReplicas(replicas: readonly ReplicaSize[], topics: readonly string[]): StorageMetadata {
  const wanted = new Set(topics);
  const perPartition = new Map<string, Map<number, number>>();
  for (const r of replicas) {
    if (!wanted.has(r.topic)) continue;
    let m = perPartition.get(r.topic);
    if (!m) perPartition.set(r.topic, (m = new Map()));
    m.set(r.partition, Math.max(m.get(r.partition) ?? 0, r.bytes));
  }
  const perTopic: Record<string, number> = {};
  let used = 0;
  for (const t of topics) {
    const m = perPartition.get(t);
    if (!m) continue;
    let sum = 0;
    for (const b of m.values()) sum += b;
    perTopic[t] = sum;
    used += sum;
  }
  return { usedBytes: used, perTopic };
}

export async function readBrokerFacts(opts: BrokerFactsOptions): Promise<BrokerFacts> {
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
  const cluster: InternalCluster = createCluster(cfg);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        void cluster.disconnect().catch(() => undefined);
        reject(new SourceError(`Kafka ${endpoint}: reading broker versions, log directories and SCRAM users did not finish within the timeout`, 'timeout'));
      },
      Math.max(0, opts.deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([
      timeout,
      withTolerantMetadata(async () => {
        await cluster.connect();
        await cluster.refreshMetadata();
        const nodeIds = cluster.getNodeIds().sort((a, b) => Number(a) - Number(b));
        const perBroker = await mapLimit(nodeIds, 8, async (nodeId) => {
          const broker = await cluster.findBroker({ nodeId });
          // kafkajs keeps the seed broker's ApiVersions for every broker; ask each broker itself.
          const versions = await broker.apiVersions();
          return { nodeId, broker, versions };
        });

        // --- Kafka release
        let kafkaVersion: string | undefined;
        const guesses = perBroker.map((b): { nodeId: string; broker: InternalBroker; guess: KafkaVersionGuess } => ({
          nodeId: b.nodeId,
          broker: b.broker,
          guess: kafkaVersionFromApiVersions(new Map(Object.entries(b.versions).map(([k, v]) => [Number(k), v.maxVersion]))),
        }));
        const distinct = [...new Set(guesses.map((g) => g.guess.version ?? '?'))];
        if (distinct.length > 1) {
          progress.warn(
            `brokers run different Kafka releases (${guesses.map((g) => `${brokerLabel(g.broker, g.nodeId)}: ${g.guess.version ?? 'unknown'}`).join('; ')}); source.kafkaVersion is the oldest`,
          );
        }
        const oldest = guesses
          .filter((g) => g.guess.version !== undefined)
          .sort((a, b) => compareRelease(a.guess.version as string, b.guess.version as string))[0];
        if (oldest) {
          kafkaVersion = oldest.guess.version;
          if (!oldest.guess.exact) progress.warn(`source Kafka version: ${oldest.guess.detail}; recorded as "${kafkaVersion}"`);
        } else if (guesses.length) {
          progress.warn(`source Kafka version unknown: ${guesses[0].guess.detail}`);
        }

        // --- Stored bytes
        let storage: StorageMetadata | undefined;
        if (opts.storageTopics) {
          const replicas: ReplicaSize[] = [];
          let complete = true;
          for (const b of perBroker) {
            const label = brokerLabel(b.broker, b.nodeId);
            const v = pickVersion(b.versions, DESCRIBE_LOG_DIRS, 0, 4);
            if (v === undefined) {
              progress.warn(`storage: ${label} does not support DescribeLogDirs (Kafka 1.0+); stored bytes not collected`);
              complete = false;
              continue;
            }
            let res;
            try {
              res = await describeLogDirs(b.broker, v);
            } catch (e) {
              progress.warn(`storage: DescribeLogDirs on ${label} failed (${describeKafkaError(e, endpoint).message}); stored bytes not collected`);
              complete = false;
              continue;
            }
            if (res.errorCode !== 0 || res.dirs.length === 0) {
              // before v3 an unauthorized request is answered with no log directories at all
              const why = res.errorCode !== 0 ? kafkaErrorName(res.errorCode) : 'no log directories in the answer (not authorized?)';
              progress.warn(`storage: DescribeLogDirs on ${label}: ${why}; stored bytes need Describe on the Cluster resource`);
              complete = false;
              continue;
            }
            for (const d of res.dirs) {
              if (d.errorCode !== 0) {
                progress.warn(`storage: log directory ${d.logDir} on ${label}: ${kafkaErrorName(d.errorCode)}; its replicas are not counted`);
                continue;
              }
              for (const r of d.replicas) {
                // a "future" replica is a copy being moved to another log directory; counting it would double the partition
                if (!r.future) replicas.push({ broker: b.nodeId, logDir: d.logDir, topic: r.topic, partition: r.partition, bytes: r.bytes });
              }
            }
          }
          if (complete) {
            storage = storageFromReplicas(
              replicas,
              opts.storageTopics.map((t) => t.name),
            );
            const seen = new Set(replicas.map((r) => `${r.topic}\u0000${r.partition}`));
            const gaps = opts.storageTopics
              .map((t) => ({ name: t.name, missing: Array.from({ length: t.partitions }, (_, i) => i).filter((i) => !seen.has(`${t.name}\u0000${i}`)) }))
              .filter((g) => g.missing.length > 0);
            if (gaps.length) {
              const list = gaps
                .slice(0, 5)
                .map((g) => `${g.name} [${g.missing.slice(0, 5).join(', ')}${g.missing.length > 5 ? ', ...' : ''}]`)
                .join('; ');
              progress.warn(
                `storage: ${gaps.reduce((n, g) => n + g.missing.length, 0)} partition(s) of ${gaps.length} topic(s) have no replica on a live broker and count as 0 bytes: ${list}${gaps.length > 5 ? '; ...' : ''}`,
              );
            }
          } else if (replicas.length) progress.warn('storage: not every broker answered; storage left out of the metadata rather than undercounted');
        }

        // --- SCRAM users
        let users: UserMetadata[] | undefined;
        let usersUnavailable: string | undefined;
        if (opts.users) {
          const b = perBroker[0];
          if (!b) {
            usersUnavailable = 'no broker to ask';
          } else {
            const label = brokerLabel(b.broker, b.nodeId);
            usersUnavailable = scramUsersUnsupported(b.versions, label);
            if (!usersUnavailable) {
              try {
                const res = await describeUserScramCredentials(b.broker);
                if (res.errorCode === KafkaErrorCode.CLUSTER_AUTHORIZATION_FAILED) {
                  usersUnavailable = `not authorized to describe SCRAM users on ${label} (CLUSTER_AUTHORIZATION_FAILED); grant the export's principal Describe on the Cluster resource, or export with \`zookeeper\``;
                } else if (res.errorCode !== 0) {
                  usersUnavailable = `DescribeUserScramCredentials on ${label} failed: ${kafkaErrorName(res.errorCode)}${res.errorMessage ? ` (${res.errorMessage})` : ''}`;
                } else {
                  users = res.users
                    .filter((u) => u.errorCode === 0 && u.mechanisms.length > 0)
                    // one entry per user; AliKafka SASL users are SCRAM-SHA-256, so prefer it when both exist
                    .map((u) => ({ name: u.name, mechanism: u.mechanisms.includes('SCRAM-SHA-256') ? 'SCRAM-SHA-256' : u.mechanisms[0] }));
                  for (const u of res.users) if (u.errorCode !== 0) progress.warn(`SCRAM user ${u.name}: ${kafkaErrorName(u.errorCode)}; not exported`);
                }
              } catch (e) {
                usersUnavailable = `DescribeUserScramCredentials on ${label} failed: ${describeKafkaError(e, endpoint).message}`;
              }
            }
          }
          if (usersUnavailable) progress.warn(`SCRAM users not exported: ${usersUnavailable}`);
        }
        return { kafkaVersion, storage, users, usersUnavailable };
      }),
    ]);
  } catch (e) {
    throw describeKafkaError(e, endpoint);
  } finally {
    clearTimeout(timer);
    await cluster.disconnect().catch(() => undefined);
  }
}

/** Orders release strings like "2.8.x", "3.3.x or 3.4.x", "4.1.x or later" by their first release. */
function compareRelease(a: string, b: string): number {
  const parse = (s: string): number[] => (/^(\d+)\.(\d+)(?:\.(\d+))?/.exec(s) ?? []).slice(1).map((x) => Number(x ?? 0));
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
