/**
 * Export benchmarks against the test rig (scripts/rig/rig.sh start).
 *
 * 1. ZooKeeper: 10 000 topics × 12 partitions, config overrides on a tenth, written as znodes into the
 *    bench's own chroot (/alikafka-bench-zk) of the rig's ZooKeeper (test setup, not the tool). The
 *    export (read + validate + serialize) is timed next to a floor measured in the same run: raw
 *    pipelined getData of the same znodes with node-zookeeper-client.
 * 2. Admin API: 2 000 topics (3 partitions, configs on a tenth) on the rig's KRaft broker. The export
 *    (the CLI, as a user runs it) is timed next to Kafka's own `kafka-topics --describe` and
 *    `kafka-configs --describe --entity-type topics` from the same jars.
 *
 * `runExportBench()` returns `name: value` lines; run standalone with `node dist/bench/export-bench.js`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka } from '../tools/kafka';
import { serializeMetadata } from '../lib/model';
import { exportCluster } from '../lib/sources/read-cluster';
import { need, median } from './util';

const ZK_CHROOT = '/alikafka-bench-zk';
const ZK_TOPICS = 10_000;
const ZK_PARTITIONS = 12;
const ADMIN_TOPICS = 2_000;
const ADMIN_PARTITIONS = 3;
const RUNS = 3;

interface RawZk {
  connect(): void;
  close(): void;
  once(ev: string, cb: () => void): void;
  getData(p: string, cb: (e: { getCode(): number } | null, d: Buffer | null) => void): void;
  getChildren(p: string, cb: (e: { getCode(): number } | null, c: string[]) => void): void;
  exists(p: string, cb: (e: Error | null, s: object | null) => void): void;
  create(p: string, d: Buffer, cb: (e: { getCode(): number } | null) => void): void;
  mkdirp(p: string, cb: (e: Error | null) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zookeeper = require('node-zookeeper-client') as { createClient(c: string, o: object): RawZk };

async function openZk(connect: string): Promise<RawZk> {
  const c = zookeeper.createClient(connect, { sessionTimeout: 30000, spinDelay: 200, retries: 2 });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`ZooKeeper ${connect} not reachable`)), 10000);
    c.once('connected', () => {
      clearTimeout(t);
      resolve();
    });
    c.connect();
  });
  return c;
}

const p2 = <T>(f: (cb: (e: { getCode(): number } | Error | null, v?: T) => void) => void): Promise<T | undefined> =>
  new Promise((resolve, reject) => f((e, v) => (e && !('getCode' in e && (e.getCode() === -110 || e.getCode() === -101)) ? reject(e) : resolve(v))));

const topicName = (i: number): string => `bench-topic-${String(i).padStart(5, '0')}`;

/** Writes the 10 000-topic cluster into the bench chroot once (marker node makes it idempotent). */
async function seedZk(zkHost: string): Promise<void> {
  const c = await openZk(zkHost);
  try {
    const marker = `${ZK_CHROOT}/bench-seeded-${ZK_TOPICS}`;
    if (await p2<object | null>((cb) => c.exists(marker, cb as (e: Error | null, s: object | null) => void))) return;
    for (const d of ['brokers/topics', 'brokers/ids', 'config/topics', 'admin/delete_topics', 'cluster']) {
      await p2((cb) => c.mkdirp(`${ZK_CHROOT}/${d}`, cb as (e: Error | null) => void));
    }
    const put = (p: string, data: string): Promise<unknown> => p2((cb) => c.create(p, Buffer.from(data), cb));
    await put(`${ZK_CHROOT}/cluster/id`, JSON.stringify({ version: '1', id: 'benchbenchbenchbench00' }));
    for (let b = 0; b < 3; b++) {
      await put(
        `${ZK_CHROOT}/brokers/ids/${b}`,
        JSON.stringify({
          version: 5,
          host: `10.0.0.${b + 1}`,
          port: 9092,
          endpoints: [`PLAINTEXT://10.0.0.${b + 1}:9092`],
          rack: `zone-${b}`,
          jmx_port: -1,
          timestamp: '1700000000000',
          features: {},
        }),
      );
    }
    const batch: Promise<unknown>[] = [];
    for (let i = 0; i < ZK_TOPICS; i++) {
      const parts: Record<string, number[]> = {};
      for (let p = 0; p < ZK_PARTITIONS; p++) parts[String(p)] = [p % 3, (p + 1) % 3, (p + 2) % 3];
      batch.push(
        put(
          `${ZK_CHROOT}/brokers/topics/${topicName(i)}`,
          JSON.stringify({ version: 3, partitions: parts, adding_replicas: {}, removing_replicas: {}, topic_id: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        ),
      );
      if (i % 10 === 0)
        batch.push(
          put(`${ZK_CHROOT}/config/topics/${topicName(i)}`, JSON.stringify({ version: 1, config: { 'retention.ms': '86400000', 'cleanup.policy': 'delete' } })),
        );
      if (batch.length >= 2000) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    await put(marker, '');
  } finally {
    c.close();
  }
}

/** The floor: a raw pipelined read of the same znodes the export needs (children + 2 getData per topic). */
async function zkFloor(zkHost: string): Promise<number> {
  const c = await openZk(`${zkHost}${ZK_CHROOT}`);
  try {
    const t0 = process.hrtime.bigint();
    const names = (await p2<string[]>((cb) => c.getChildren('/brokers/topics', cb))) ?? [];
    await Promise.all(
      names.flatMap((n) => [p2<Buffer | null>((cb) => c.getData(`/brokers/topics/${n}`, cb)), p2<Buffer | null>((cb) => c.getData(`/config/topics/${n}`, cb))]),
    );
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    c.close();
  }
}

async function zkExport(zkHost: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const meta = await exportCluster({ zookeeper: `${zkHost}${ZK_CHROOT}`, timeoutSeconds: 300 });
  const text = serializeMetadata(meta);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (meta.topics.length !== ZK_TOPICS || meta.topics[0].partitions !== ZK_PARTITIONS || text.length === 0) {
    throw new Error(`ZooKeeper bench export read ${meta.topics.length} topics, expected ${ZK_TOPICS}`);
  }
  return ms;
}

/** Creates the 2 000 bench topics on the broker if missing. */
async function seedAdmin(bootstrap: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-seed', brokers: [bootstrap], requestTimeout: 120000 }).admin();
  await admin.connect();
  try {
    const have = new Set(await admin.listTopics());
    const missing = Array.from({ length: ADMIN_TOPICS }, (_, i) => i).filter((i) => !have.has(topicName(i)));
    for (let k = 0; k < missing.length; k += 200) {
      // a freshly created topic may be reported as unknown while metadata propagates; the final listTopics
      // check below is what counts.
      await admin
        .createTopics({
          timeout: 120000,
          waitForLeaders: false,
          topics: missing.slice(k, k + 200).map((i) => ({
            topic: topicName(i),
            numPartitions: ADMIN_PARTITIONS,
            replicationFactor: 1,
            configEntries: i % 10 === 0 ? [{ name: 'retention.ms', value: '86400000' }] : [],
          })),
        })
        .catch(() => undefined);
    }
    // the broker publishes new topics to its metadata cache with some lag under this load
    let still: string[] = [];
    for (let tries = 0; tries < 120; tries++) {
      const now = new Set(await admin.listTopics());
      still = Array.from({ length: ADMIN_TOPICS }, (_, i) => topicName(i)).filter((n) => !now.has(n));
      if (still.length === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (still.length) throw new Error(`${still.length} bench topics could not be created on ${bootstrap}`);
  } finally {
    await admin.disconnect();
  }
}

function timeCmd(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(-6).join(' ')} failed: ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

export async function runExportBench(log: (line: string) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  const lines = {
    push: (l: string): void => {
      out.push(l);
      log(l);
    },
  };
  const zkHost = need('RIG_ZOOKEEPER');
  const kraft = need('RIG_KAFKA_KRAFT');
  const cp = process.env.RIG_KAFKA4_CLASSPATH ?? need('RIG_KAFKA_CLASSPATH');

  await seedZk(zkHost);
  await zkExport(zkHost); // warm-up (JIT, ajv compile)
  const floors: number[] = [];
  const exportsMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(await zkFloor(zkHost));
    exportsMs.push(await zkExport(zkHost));
  }
  const floor = median(floors);
  const zkMs = median(exportsMs);
  lines.push(`export_zk_topics: ${ZK_TOPICS}`);
  lines.push(`export_zk_partitions_per_topic: ${ZK_PARTITIONS}`);
  lines.push(`export_zk_floor_raw_getdata_ms: ${floor.toFixed(0)}`);
  lines.push(`export_zk_ms: ${zkMs.toFixed(0)}`);
  lines.push(`export_zk_ratio_to_floor: ${(zkMs / floor).toFixed(2)} (target <= 1.5)`);

  await seedAdmin(kraft);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-bench-'));
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'alikafka-migrate');
  const java = ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-cp', cp];
  const ours: number[] = [];
  const topicsTool: number[] = [];
  const configsTool: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(timeCmd(process.execPath, [bin, 'export', '--bootstrap-servers', kraft, '--target-directory', dir, '--timeout', '300']));
    topicsTool.push(timeCmd('java', [...java, 'org.apache.kafka.tools.TopicCommand', '--bootstrap-server', kraft, '--describe']));
    configsTool.push(timeCmd('java', [...java, 'kafka.admin.ConfigCommand', '--bootstrap-server', kraft, '--describe', '--entity-type', 'topics']));
  }
  const exported = JSON.parse(fs.readFileSync(path.join(dir, 'kafka-metadata-export.json'), 'utf8')) as { topics: unknown[] };
  fs.rmSync(dir, { recursive: true, force: true });
  const o = median(ours);
  const t = median(topicsTool);
  const c = median(configsTool);
  lines.push(`export_admin_topics: ${exported.topics.length} (${ADMIN_TOPICS} bench topics x ${ADMIN_PARTITIONS} partitions + others)`);
  lines.push(`export_admin_cli_ms: ${o.toFixed(0)}`);
  lines.push(`kafka_topics_describe_ms: ${t.toFixed(0)}`);
  lines.push(`kafka_configs_describe_ms: ${c.toFixed(0)}`);
  lines.push(`export_admin_ratio_to_kafka_tools: ${(o / (t + c)).toFixed(2)} (topics+configs tools; target < 1)`);
  lines.push(`export_admin_ratio_to_kafka_topics_alone: ${(o / t).toFixed(2)}`);
  return out;
}

if (require.main === module) {
  runExportBench((l) => process.stdout.write(`${l}\n`)).then(
    () => undefined,
    (e: unknown) => {
      process.stderr.write(`bench failed: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
