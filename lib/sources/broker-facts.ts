/**
 * What the brokers themselves report, beyond an Admin client's reads: the Kafka release (ApiVersions of each broker),
 * bytes stored per partition (DescribeLogDirs, API key 35, Kafka 1.0+) and SCRAM user names with their
 * mechanisms (DescribeUserScramCredentials, API key 50, Kafka 2.7+; KRaft 3.5+).
 *
 * Read-only: only ApiVersions, Metadata, DescribeLogDirs and DescribeUserScramCredentials requests are
 * sent. DescribeUserScramCredentials answers mechanism and iteration count only; no salt, stored key
 * or password ever comes back, and the iteration count is not kept.
 */
import { ScramMechanism, StorageMetadata, UserMetadata } from '../model';
import { adminClient, BrokerAddress, describeKafkaError, errorCodeName, KafkaClient, readMetadata, request, within } from './client';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { KafkaVersionGuess, kafkaVersionFromApiVersions } from './kafka-api-history';
import { ClientSettings } from './properties';
import { mapLimit } from './zk-client';

/** Kafka error codes read here. */
const KafkaErrorCode = { CLUSTER_AUTHORIZATION_FAILED: 31 } as const;

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

/** The API versions one broker supports (ApiVersions sent to that broker). */
export async function brokerApiVersions(client: KafkaClient, broker: BrokerAddress): Promise<ApiVersionMap> {
  const { response } = await request<{ apiKeys: Array<{ apiKey: number; minVersion: number; maxVersion: number }> }>(client, broker, 'ApiVersions', [
    'alikafka-migrate',
    '0',
  ]);
  return Object.fromEntries(response.apiKeys.map((k) => [k.apiKey, { minVersion: k.minVersion, maxVersion: k.maxVersion }]));
}

/**
 * DescribeLogDirs at one broker for all log directories and all its replicas (a log directory's error is read per
 * directory), in the negotiated version or in `version`.
 */
export async function describeLogDirs(
  client: KafkaClient,
  broker: BrokerAddress,
  version?: number,
): Promise<{
  errorCode: number;
  dirs: Array<{ errorCode: number; logDir: string; replicas: Array<{ topic: string; partition: number; bytes: number; future: boolean }> }>;
}> {
  interface Raw {
    errorCode?: number;
    results: Array<{
      errorCode: number;
      logDir: string;
      topics: Array<{ name: string; partitions: Array<{ partitionIndex: number; partitionSize: bigint; isFutureKey: boolean }> }>;
    }>;
  }
  // topics = null: every replica in every log directory of this broker
  const { response } = await request<Raw>(client, broker, version === undefined ? 'DescribeLogDirs' : { name: 'DescribeLogDirs', version }, [null], () => true);
  return {
    errorCode: response.errorCode ?? 0,
    dirs: response.results.map((d) => ({
      errorCode: d.errorCode,
      logDir: d.logDir,
      replicas: d.topics.flatMap((t) =>
        t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, bytes: Number(p.partitionSize), future: p.isFutureKey })),
      ),
    })),
  };
}

/** DescribeUserScramCredentials v0 for all users: names and mechanisms only. */
export async function describeUserScramCredentials(
  client: KafkaClient,
  broker: BrokerAddress,
): Promise<{ errorCode: number; errorMessage: string | null; users: Array<{ name: string; errorCode: number; mechanisms: ScramMechanism[] }> }> {
  interface Raw {
    errorCode: number;
    errorMessage: string | null;
    results: Array<{ user: string; errorCode: number; credentialInfos: Array<{ mechanism: number }> }>;
  }
  // users = null: every user; errors are read per user and for the whole request below
  const { response } = await request<Raw>(client, broker, 'DescribeUserScramCredentials', [null], () => true);
  return {
    errorCode: response.errorCode,
    errorMessage: response.errorMessage,
    users: response.results.map((u) => ({
      name: u.user,
      errorCode: u.errorCode,
      // the iteration count is not kept
      mechanisms: u.credentialInfos.map((c) => SCRAM_MECHANISMS[c.mechanism]).filter((m): m is ScramMechanism => m !== undefined),
    })),
  };
}

/** Why a broker with these ApiVersions cannot list SCRAM users, or undefined when it can. */
export function scramUsersUnsupported(versions: ApiVersionMap, label: string): string | undefined {
  if (pickVersion(versions, DESCRIBE_USER_SCRAM_CREDENTIALS, 0, 0) !== undefined) return undefined;
  return `${label} does not support DescribeUserScramCredentials (needs Kafka 2.7+, or 3.5+ in KRaft mode); export with \`zookeeper\` to read SCRAM users from ZooKeeper, or list the users in the metadata by hand`;
}

function kafkaErrorName(code: number): string {
  return code === KafkaErrorCode.CLUSTER_AUTHORIZATION_FAILED ? 'CLUSTER_AUTHORIZATION_FAILED' : errorCodeName(code);
}

function brokerLabel(b: BrokerAddress, nodeId: string): string {
  return `broker ${nodeId} (${b.host}:${b.port})`;
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
  const admin = adminClient(opts.brokers, opts.settings, 'alikafka-migrate-export', {
    connectMs: Math.min(5000, left),
    requestMs: Math.min(30_000, left),
    retries: 5,
    retryDelayMs: 250,
  });
  try {
    return await within(
      (async () => {
        const meta = await readMetadata(admin, []);
        const perBroker = await mapLimit(
          [...meta.brokers].sort((a, b) => a.nodeId - b.nodeId),
          8,
          async (broker) => ({ nodeId: String(broker.nodeId), broker: broker as BrokerAddress, versions: await brokerApiVersions(admin, broker) }),
        );

        // --- Kafka release
        let kafkaVersion: string | undefined;
        const guesses = perBroker.map((b): { nodeId: string; broker: BrokerAddress; guess: KafkaVersionGuess } => ({
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
            if (pickVersion(b.versions, DESCRIBE_LOG_DIRS, 0, 4) === undefined) {
              progress.warn(`storage: ${label} does not support DescribeLogDirs (Kafka 1.0+); stored bytes not collected`);
              complete = false;
              continue;
            }
            let res;
            try {
              res = await describeLogDirs(admin, b.broker);
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
                const res = await describeUserScramCredentials(admin, b.broker);
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
      })(),
      opts.deadline - Date.now(),
      () => new SourceError(`Kafka ${endpoint}: reading broker versions, log directories and SCRAM users did not finish within the timeout`, 'timeout'),
    );
  } catch (e) {
    throw describeKafkaError(e, endpoint, opts.settings?.tls);
  } finally {
    await admin.close().catch(() => undefined);
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
