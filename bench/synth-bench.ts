/**
 * Synth benchmark: plan + cdktn synth of a large estate, next to a baseline measured in the same run
 * (plain `JSON.stringify` of the same plan). Each side runs in its own child process so its peak memory
 * (max RSS) is its own; times are the median of several runs after a warm-up.
 *
 * Run through `npm run bench` (bench/run.ts), or alone: `node dist/bench/synth-bench.js worker synth 10000 5000`.
 */
import { execFileSync } from 'child_process';
import { ClusterMetadata, validateMetadata } from '../lib/model';
import { MigrationPlan, planMigration } from '../lib/plan';
import { synthesizeFiles } from '../lib/stack';
import { median } from './util';

/** A deterministic estate: `topics` topics of 2-4 partitions (a tenth compacted with configs), `groups` groups. */
export function syntheticMetadata(topics: number, groups: number): ClusterMetadata {
  const t = Array.from({ length: topics }, (_, i) => ({
    name: `svc${i % 97}.events-${String(i).padStart(5, '0')}`,
    partitions: [2, 3, 2, 4, 2][i % 5],
    replicationFactor: 3,
    ...(i % 10 === 0 ? { configs: { 'cleanup.policy': 'compact', 'retention.ms': '604800000' } } : {}),
  }));
  const g = Array.from({ length: groups }, (_, i) => ({
    groupId: `group-${String(i).padStart(5, '0')}`,
    protocolType: 'consumer',
    state: 'Stable' as const,
    members: 2,
    topics: [t[i % topics].name],
  }));
  return validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: t, consumerGroups: g });
}

export function benchPlan(meta: ClusterMetadata): MigrationPlan {
  return planMigration(meta, {
    target: { mode: 'existing', instanceId: 'alikafka_post-cn-bench', specType: 'professional', ioMaxSpec: 'alikafka.hw2.1000xlarge', partitionNum: 30000 },
  });
}

interface WorkerResult {
  readonly ms: number;
  readonly planMs: number;
  readonly peakRssMb: number;
  readonly bytes: number;
}

/** One side, in this process: `synth` (synthesizeFiles) or `baseline` (JSON.stringify of the plan). */
function worker(mode: 'synth' | 'baseline', topics: number, groups: number, runs: number): WorkerResult {
  const meta = syntheticMetadata(topics, groups);
  const times: number[] = [];
  const planTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const p0 = process.hrtime.bigint();
    const plan = benchPlan(meta);
    const t0 = process.hrtime.bigint();
    if (mode === 'synth') bytes = synthesizeFiles(plan, 'bench').reduce((n, f) => n + f.content.length, 0);
    else bytes = JSON.stringify(plan).length;
    const t1 = process.hrtime.bigint();
    if (i > 0 || runs === 0) {
      // run 0 is the warm-up, unless it is the only run
      times.push(Number(t1 - t0) / 1e6);
      planTimes.push(Number(t0 - p0) / 1e6);
    }
  }
  return { ms: median(times), planMs: median(planTimes), peakRssMb: process.resourceUsage().maxRSS / 1024, bytes };
}

/** Runs both sides in child processes and prints `name: value` lines. */
export function runSynthBench(topics = 10000, groups = 5000, runs = 3, print: (line: string) => void = console.log): void {
  const side = (mode: string, n: number): WorkerResult =>
    JSON.parse(
      execFileSync(process.execPath, [__filename, 'worker', mode, String(topics), String(groups), String(n)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as WorkerResult;
  // time: warm-up + `runs` runs in one process, median; memory: a fresh process doing one run
  const base = { ...side('baseline', runs), peakRssMb: side('baseline', 0).peakRssMb };
  const synth = { ...side('synth', runs), peakRssMb: side('synth', 0).peakRssMb };
  const label = `${topics}_topics_${groups}_groups`;
  print(`synth_${label}_ms: ${synth.ms.toFixed(0)}`);
  print(`synth_${label}_plus_plan_ms: ${(synth.ms + synth.planMs).toFixed(0)}`);
  print(`synth_${label}_peak_rss_mb: ${synth.peakRssMb.toFixed(0)}`);
  print(`synth_${label}_output_mb: ${(synth.bytes / 1e6).toFixed(1)}`);
  print(`baseline_json_stringify_${label}_ms: ${base.ms.toFixed(0)}`);
  print(`baseline_json_stringify_${label}_peak_rss_mb: ${base.peakRssMb.toFixed(0)}`);
  print(`plan_${label}_ms: ${synth.planMs.toFixed(0)}`);
  print(`synth_vs_baseline_time_ratio: ${(synth.ms / Math.max(0.001, base.ms)).toFixed(1)}`);
  print(`synth_vs_baseline_peak_rss_ratio: ${(synth.peakRssMb / base.peakRssMb).toFixed(2)}`);
  print(`synth_target_under_2000_ms: ${synth.ms + synth.planMs < 2000 ? 'met' : 'missed'}`);
  print(`synth_target_under_400_mb: ${synth.peakRssMb < 400 ? 'met' : 'missed'}`);
}

if (require.main === module) {
  const [cmd, mode, topics, groups, runs] = process.argv.slice(2);
  if (cmd === 'worker' && (mode === 'synth' || mode === 'baseline')) {
    process.stdout.write(JSON.stringify(worker(mode, Number(topics), Number(groups), Number(runs))));
  } else {
    runSynthBench();
  }
}
