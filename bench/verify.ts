/**
 * `npm run bench -- verify`: `verify` at the read floor. The same records (bench/java/VerifySeed.java: several
 * topics and partitions, keyed with headers and keyless) are written to the rig's ZooKeeper-mode 3.9 broker
 * (source) and its KRaft broker (target); then, in the same run:
 *
 * - `alikafka-migrate verify --json` as a user runs it (its own process, under /usr/bin/time for its peak RSS);
 * - Kafka's console consumer reading the same partitions of both clusters at the same time (two processes, as
 *   verify reads both sides) to /dev/null, the floor.
 *
 * It runs at two sizes (BENCH_VERIFY_SMALL_MB, default 256, for the memory only, and BENCH_VERIFY_MB, default
 * 1024, per side) so the peak RSS shows whether memory grows with the data. The topics are deleted afterwards.
 * `runVerifyBench()` returns `name: value` lines.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../lib/cli';
import { need, median } from './util';

const PREFIX = 'bench-vf';
const TOPICS = 4;
const PARTITIONS = 4;
const REPO = path.resolve(__dirname, '..', ...(path.basename(path.resolve(__dirname, '..')) === 'dist' ? ['..'] : []));

const topicNames = (prefix: string): string[] => Array.from({ length: TOPICS }, (_, t) => `${prefix}${t % 2 === 0 ? '-keyed-' : '-keyless-'}${t}`);

/**
 * Writes the same records to both clusters into new topics named `prefix-...` (a topic deleted just before is
 * not free for a while); returns the records per side.
 */
function seed(cp: string, source: string, target: string, mb: number, prefix: string): { records: number; bytes: number } {
  const r = spawnSync(
    'java',
    ['-Xmx768m', '-cp', cp, path.join(REPO, 'bench', 'java', 'VerifySeed.java'), source, target, prefix, String(TOPICS), String(PARTITIONS), String(mb)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`VerifySeed failed: ${r.stderr.slice(-2000)}`);
  const records = Number(/records_per_side: (\d+)/.exec(r.stdout)?.[1]);
  const bytes = Number(/bytes_per_side: (\d+)/.exec(r.stdout)?.[1]);
  if (!records || !bytes) throw new Error(`VerifySeed printed no counts: ${r.stdout}`);
  return { records, bytes };
}

function deleteTopics(cp: string, bootstrap: string): void {
  spawnSync('java', ['-Xmx256m', '-cp', cp, 'org.apache.kafka.tools.TopicCommand', '--bootstrap-server', bootstrap, '--delete', '--topic', `${PREFIX}.*`], {
    stdio: 'ignore',
  });
}

/** The plan file synth writes for the bench topics (no groups). */
async function planFile(dir: string, source: string, prefix: string): Promise<string> {
  const meta = {
    formatVersion: 1,
    source: { kind: 'kafka-admin', endpoint: source, collectedAt: '2026-12-01T00:00:00Z' },
    topics: topicNames(prefix).map((name) => ({ name, partitions: PARTITIONS, replicationFactor: 1 })),
    consumerGroups: [],
  };
  const file = path.join(dir, `${prefix}-metadata.json`);
  fs.writeFileSync(file, JSON.stringify(meta));
  let err = '';
  const code = await main(['synth', '--metadata', file, '--instance-id', 'alikafka_post-cn-bench', '--out', path.join(dir, `synth-${prefix}`)], {
    out: () => undefined,
    err: (t) => {
      err += t;
    },
    isTty: false,
  });
  if (code !== 0) throw new Error(`synth exited ${code}: ${err.slice(0, 500)}`);
  return path.join(dir, `synth-${prefix}`, 'stacks', 'alikafka-migration', 'migration-plan.json');
}

interface VerifyRun {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly result: { ok: boolean; messagesCompared: number; partitions: number; differences: unknown[] };
}

/** `alikafka-migrate verify --json` in its own process, timed, with its peak RSS (GNU time's %M). */
function runVerify(plan: string, source: string, target: string, dir: string, extraNodeArgs: readonly string[] = []): Promise<VerifyRun> {
  const rssFile = path.join(dir, 'verify-rss.txt');
  const outFile = path.join(dir, 'verify-out.json');
  return new Promise((resolve, reject) => {
    const out = fs.openSync(outFile, 'w');
    const t0 = process.hrtime.bigint();
    const p = spawn(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        '-o',
        rssFile,
        process.execPath,
        ...extraNodeArgs,
        path.join(REPO, 'bin', 'alikafka-migrate'),
        'verify',
        '--plan',
        plan,
        '--source-bootstrap',
        source,
        '--target-bootstrap',
        target,
        '--timeout',
        '120',
        '--json',
      ],
      { stdio: ['ignore', out, 'pipe'], cwd: dir },
    );
    fs.closeSync(out);
    let err = '';
    p.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const text = fs.readFileSync(outFile, 'utf8');
      if (code !== 0 || text === '') return reject(new Error(`verify exited ${code}: ${err.slice(-2000)}`));
      const kb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      resolve({ ms, peakRssMb: kb / 1024, result: JSON.parse(text) as VerifyRun['result'] });
    });
  });
}

/** Kafka's console consumer reading every bench partition of one cluster to /dev/null; resolves with its exit. */
function consoleConsumer(cp: string, bootstrap: string, prefix: string, records: number, run: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'java',
      [
        '-Xmx512m',
        '-cp',
        cp,
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        bootstrap,
        '--include',
        `${prefix}-.*`,
        '--from-beginning',
        '--max-messages',
        String(records),
        '--group',
        `${PREFIX}-console-${run}`,
        '--property',
        'print.key=true',
        '--timeout-ms',
        '120000',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /Processed a total of (\d+) messages/.exec(err);
      if (code !== 0 || Number(m?.[1]) !== records) reject(new Error(`console consumer on ${bootstrap} exited ${code}: ${err.slice(-1000)}`));
      else resolve();
    });
  });
}

/** Both clusters read by a console consumer each, at the same time: the wall time until both finished. */
async function consoleBoth(cp: string, source: string, target: string, prefix: string, records: number, run: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  await Promise.all([consoleConsumer(cp, source, prefix, records, `${run}-s`), consoleConsumer(cp, target, prefix, records, `${run}-t`)]);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function check(v: VerifyRun, records: number): void {
  if (!v.result.ok || v.result.messagesCompared !== records || v.result.partitions !== TOPICS * PARTITIONS)
    throw new Error(
      `verify: expected a match of ${records} messages over ${TOPICS * PARTITIONS} partitions, got ok=${v.result.ok}, ${v.result.messagesCompared} messages, ${v.result.differences.length} differences`,
    );
}

export async function runVerifyBench(log: (line: string) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  const push = (l: string): void => {
    out.push(l);
    log(l);
  };
  const source = need('RIG_KAFKA_ZK');
  const target = need('RIG_KAFKA_KRAFT');
  const cp = need('RIG_KAFKA_CLASSPATH');
  const bigMb = Number(process.env.BENCH_VERIFY_MB ?? 1024);
  const smallMb = Number(process.env.BENCH_VERIFY_SMALL_MB ?? 256);
  const runs = Number(process.env.BENCH_VERIFY_RUNS ?? 3);
  const profile = process.env.BENCH_VERIFY_PROFILE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-bench-vf-'));
  try {
    const tag = Date.now().toString(36);
    if (smallMb > 0) {
      const prefix = `${PREFIX}${tag}s`;
      const small = seed(cp, source, target, smallMb, prefix);
      const v = await runVerify(await planFile(dir, source, prefix), source, target, dir);
      check(v, small.records);
      push(`verify_small_data_mb_per_side: ${(small.bytes / 1048576).toFixed(0)} (${small.records} records)`);
      push(`verify_small_ms: ${v.ms.toFixed(0)}`);
      push(`verify_small_peak_rss_mb: ${v.peakRssMb.toFixed(0)}`);
    }
    const prefix = `${PREFIX}${tag}b`;
    const big = seed(cp, source, target, bigMb, prefix);
    const plan = await planFile(dir, source, prefix);
    push(`verify_topics: ${TOPICS} x ${PARTITIONS} partitions (${TOPICS / 2} keyed with headers, ${TOPICS / 2} keyless), ${big.records} records per side`);
    push(`verify_data_mb_per_side: ${(big.bytes / 1048576).toFixed(0)}`);
    const verifyMs: number[] = [];
    const consoleMs: number[] = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      const v = await runVerify(plan, source, target, dir);
      check(v, big.records);
      verifyMs.push(v.ms);
      rss = Math.max(rss, v.peakRssMb);
      consoleMs.push(await consoleBoth(cp, source, target, prefix, big.records, `${Date.now()}-${i}`));
    }
    if (profile) {
      fs.mkdirSync(profile, { recursive: true });
      await runVerify(plan, source, target, dir, ['--cpu-prof', `--cpu-prof-dir=${profile}`]);
      push(`verify_profile: ${profile}`);
    }
    const vm = median(verifyMs);
    const km = median(consoleMs);
    push(`verify_ms: ${vm.toFixed(0)} (median of ${runs}: ${verifyMs.map((x) => x.toFixed(0)).join(', ')})`);
    push(`verify_console_consumer_ms: ${km.toFixed(0)} (two console consumers at once, median of ${runs}: ${consoleMs.map((x) => x.toFixed(0)).join(', ')})`);
    push(`verify_vs_console_consumer_ratio: ${(vm / km).toFixed(2)}`);
    push(`verify_peak_rss_mb: ${rss.toFixed(0)}`);
    push(
      `verify_load: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    if (!process.env.BENCH_VERIFY_KEEP) {
      deleteTopics(cp, source);
      deleteTopics(cp, target);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
