/**
 * MirrorMaker 2 benchmark, one run, same clusters and same data shape for every measurement:
 * source = the rig's ZooKeeper-mode Kafka 3.9 broker, target = a plain Kafka 2.6 broker started here (the broker
 * the AliKafka stand-in runs; its control plane is not on the data path, so it is left out), MirrorMaker 2 and
 * kafka-producer-perf-test from the rig's Kafka 3.9 jars.
 *
 * 1. ceiling: kafka-producer-perf-test straight into the target: one producer tuned for throughput (acks=all as
 *    MirrorMaker writes, 256 KiB batches, linger 20 ms), nothing to read first.
 * 2. generated: MirrorMaker 2 with the mm2.properties `alikafka-migrate mirror` writes for the topic.
 * 3. defaults: MirrorMaker 2 with only what it needs to run (clusters, bootstrap, the flow, the topic, identity
 *    names, replication factor 1 for a one-broker target); every tuning key at MirrorMaker's default.
 * The two MirrorMaker runs copy two source topics filled by the same kafka-producer-perf-test command (same record
 * count, size, partitions; perf-test sends one payload), so they read the same data. Rates are taken between
 * the first and the last record arriving on the target (the JVM and Connect start-up is left out, and shown).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka } from '../tools/kafka';
import { main } from '../lib/cli';
import { kafka26Lib, kafka39Lib, startZkBroker, startMirrorMaker } from '../test/integration/mirror-procs';
import { need } from './util';

const RECORDS = Number(process.env.BENCH_MIRROR_RECORDS ?? 300_000);
const SIZE = Number(process.env.BENCH_MIRROR_RECORD_SIZE ?? 512);
const PARTITIONS = Number(process.env.BENCH_MIRROR_PARTITIONS ?? 8);
const RUNS = Number(process.env.BENCH_MIRROR_RUNS ?? 3);

/** kafka-producer-perf-test settings for the ceiling: one producer tuned for throughput, acks=all like MirrorMaker. */
const CEILING_PRODUCER = ['acks=all', 'batch.size=262144', 'linger.ms=20'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function perfTest(lib: string, bootstrap: string, topic: string, props: readonly string[] = ['acks=all']): { recordsPerSec: number; mbPerSec: number } {
  const r = spawnSync(
    'java',
    [
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-Dlog4j.configuration=file:/dev/null',
      '-cp',
      `${lib}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(RECORDS),
      '--record-size',
      String(SIZE),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${bootstrap}`,
      ...props,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`kafka-producer-perf-test into ${topic} failed: ${r.stderr.slice(-2000)}`);
  // last line: "N records sent, X records/sec (Y MB/sec), ..."
  const m = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(r.stdout.trim().split('\n').pop() ?? '');
  if (!m) throw new Error(`unexpected perf-test output: ${r.stdout.slice(-500)}`);
  return { recordsPerSec: Number(m[2]), mbPerSec: Number(m[3]) };
}

async function total(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const o = await admin.fetchTopicOffsets(topic);
    return o.reduce((n, p) => n + Number(p.high), 0);
  } catch {
    return 0;
  } finally {
    await admin.disconnect();
  }
}

interface MirrorRun {
  recordsPerSec: number;
  mbPerSec: number;
  startupSeconds: number;
  seconds: number;
}

async function timeMirror(lib: string, props: string, clusters: string, dir: string, target: Kafka, topic: string): Promise<MirrorRun> {
  const t0 = Date.now();
  const mm = startMirrorMaker(lib, props, clusters, dir);
  let first: { t: number; n: number } | undefined;
  try {
    for (;;) {
      if (mm.proc.exitCode !== null) throw new Error(`MirrorMaker exited (log ${mm.log})`);
      const n = await total(target, topic);
      const now = Date.now();
      if (n > 0 && !first) first = { t: now, n };
      if (n >= RECORDS && first) {
        const seconds = Math.max(0.001, (now - first.t) / 1000);
        const recs = RECORDS - first.n;
        return { recordsPerSec: recs / seconds, mbPerSec: (recs * SIZE) / seconds / 1048576, startupSeconds: (first.t - t0) / 1000, seconds };
      }
      if (now - t0 > 900_000) throw new Error(`MirrorMaker copied ${n}/${RECORDS} of ${topic} in 900 s (log ${mm.log})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await mm.stop();
  }
}

export async function runMirrorBench(): Promise<string[]> {
  const zk = need('RIG_ZOOKEEPER');
  const sourceBootstrap = need('RIG_KAFKA_ZK');
  const lib39 = kafka39Lib(need('RIG_KAFKA_CLASSPATH'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-bench-mirror-'));
  const run = `b${Date.now().toString(36)}`;
  const reps = Array.from({ length: RUNS }, (_, i) => ({ gen: `${run}-${i}-generated`, def: `${run}-${i}-defaults`, ceiling: `${run}-${i}-ceiling` }));
  const target = await startZkBroker(kafka26Lib(), zk, `/alikafka-bench-mirror-${run}`, path.join(dir, 'kafka26'));
  const src = new Kafka({ clientId: 'bench-mirror', brokers: [sourceBootstrap] });
  const tgt = new Kafka({ clientId: 'bench-mirror', brokers: [target.bootstrap] });
  try {
    for (const [kafka, names] of [
      [src, reps.flatMap((r) => [r.gen, r.def])],
      [tgt, reps.flatMap((r) => [r.gen, r.def, r.ceiling])],
    ] as const) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: names.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })) });
      await admin.disconnect();
    }
    const ceilings: Array<{ recordsPerSec: number; mbPerSec: number }> = [];
    const gens: MirrorRun[] = [];
    const defs: MirrorRun[] = [];
    for (const [i, r] of reps.entries()) {
      perfTest(lib39, sourceBootstrap, r.gen);
      perfTest(lib39, sourceBootstrap, r.def);
      // the ceiling: Kafka's own producer into the target, tuned for throughput (acks=all as MirrorMaker writes), nothing to read first
      ceilings.push(perfTest(lib39, target.bootstrap, r.ceiling, CEILING_PRODUCER));

      // generated: the mirror command, as a user runs it, on a metadata file naming the topic
      const meta = path.join(dir, `meta-${i}.json`);
      fs.writeFileSync(
        meta,
        JSON.stringify({ formatVersion: 1, source: { kind: 'manual', clusterId: 'bench' }, topics: [{ name: r.gen, partitions: PARTITIONS }] }),
      );
      const out = path.join(dir, `generated-${i}`);
      const io = { out: (): void => undefined, err: (): void => undefined, isTty: false };
      const planned = await main(
        [
          'synth',
          '--metadata',
          meta,
          '--instance-id',
          'alikafka_post-cn-bench',
          '--spec-type',
          'professional',
          '--mirror',
          'dedicated',
          '--replication-factor',
          '1',
          '--out',
          path.join(dir, `synth-${i}`),
        ],
        io,
      );
      if (planned !== 0) throw new Error(`synth exited ${planned}`);
      const code = await main(
        [
          'mirror',
          '--plan',
          path.join(dir, `synth-${i}`, 'stacks', 'alikafka-migration', 'migration-plan.json'),
          '--source-bootstrap',
          sourceBootstrap,
          '--target-bootstrap',
          target.bootstrap,
          '--out',
          out,
        ],
        io,
      );
      if (code !== 0) throw new Error(`mirror exited ${code}`);

      // defaults: what MirrorMaker needs to run at all, nothing tuned (other aliases: its own internal topics)
      const defaults = path.join(dir, `mm2-defaults-${i}.properties`);
      fs.writeFileSync(
        defaults,
        [
          `clusters = a${i}, b${i}`,
          `a${i}.bootstrap.servers = ${sourceBootstrap}`,
          `b${i}.bootstrap.servers = ${target.bootstrap}`,
          `a${i}->b${i}.enabled = true`,
          `a${i}->b${i}.topics = ${r.def}`,
          'replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
          ...[
            'replication.factor',
            'offset-syncs.topic.replication.factor',
            'checkpoints.topic.replication.factor',
            'heartbeats.topic.replication.factor',
            'config.storage.replication.factor',
            'offset.storage.replication.factor',
            'status.storage.replication.factor',
          ].map((k) => `${k} = 1`),
          '',
        ].join('\n'),
      );
      // alternate the order, so neither always runs on a warmer machine
      const runGen = async (): Promise<void> => {
        gens.push(await timeMirror(lib39, path.join(out, 'mm2.properties'), 'ali', path.join(dir, `mm2-generated-${i}`), tgt, r.gen));
      };
      const runDef = async (): Promise<void> => {
        defs.push(await timeMirror(lib39, defaults, `b${i}`, path.join(dir, `mm2-defaults-${i}`), tgt, r.def));
      };
      if (i % 2 === 0) {
        await runGen();
        await runDef();
      } else {
        await runDef();
        await runGen();
      }
    }
    const ceiling = { recordsPerSec: median(ceilings.map((x) => x.recordsPerSec)), mbPerSec: median(ceilings.map((x) => x.mbPerSec)) };
    const pick = (xs: MirrorRun[]): MirrorRun => ({
      recordsPerSec: median(xs.map((x) => x.recordsPerSec)),
      mbPerSec: median(xs.map((x) => x.mbPerSec)),
      startupSeconds: median(xs.map((x) => x.startupSeconds)),
      seconds: median(xs.map((x) => x.seconds)),
    });
    const generated = pick(gens);
    const byDefault = pick(defs);
    const each = (xs: MirrorRun[]): string => xs.map((x) => x.recordsPerSec.toFixed(0)).join(', ');

    const f = (x: number, d = 0): string => x.toFixed(d);
    return [
      `mirror_bench: medians of ${RUNS} runs; ${RECORDS} records x ${SIZE} B, ${PARTITIONS} partitions; source Kafka 3.9 (ZooKeeper), target Kafka 2.6, MirrorMaker 2 ${path.basename(fs.readdirSync(lib39).find((j) => j.startsWith('connect-mirror-3')) ?? 'connect-mirror', '.jar').replace('connect-mirror-', '')}`,
      `mirror_ceiling_producer_perf_test: ${f(ceiling.recordsPerSec)} records/s, ${f(ceiling.mbPerSec, 2)} MB/s`,
      `mirror_generated_config: ${f(generated.recordsPerSec)} records/s, ${f(generated.mbPerSec, 2)} MB/s (start-up ${f(generated.startupSeconds, 1)} s, copy ${f(generated.seconds, 1)} s)`,
      `mirror_default_config: ${f(byDefault.recordsPerSec)} records/s, ${f(byDefault.mbPerSec, 2)} MB/s (start-up ${f(byDefault.startupSeconds, 1)} s, copy ${f(byDefault.seconds, 1)} s)`,
      `mirror_runs_records_per_s: generated [${each(gens)}], defaults [${each(defs)}], ceiling [${ceilings.map((x) => x.recordsPerSec.toFixed(0)).join(', ')}]`,
      `mirror_generated_vs_default: ${f(generated.recordsPerSec / byDefault.recordsPerSec, 2)}x`,
      `mirror_generated_vs_ceiling: ${f(generated.recordsPerSec / ceiling.recordsPerSec, 2)}x`,
    ];
  } finally {
    await target.stop();
  }
}

if (require.main === module) {
  runMirrorBench().then(
    (lines) => {
      for (const l of lines) console.log(l);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(`mirror bench failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
