/**
 * Apply benchmark: `terraform apply` of N topics (default 2,000) with the real provider against the rehearsal
 * control plane (published rate limits enforced: CreateTopic 20 calls in each one-second window, Kafka 2.6 behind
 * it), in the plan's paced shape (waves of 20 behind `time_sleep`s, lib/plan/pacing.ts: chained with remote state,
 * started together with local state) and, in the same run, in the unpaced shape (the same stack without the
 * sleeps), each at the parallelism the apply model recommends for its shape; remote state is
 * tools/control-plane/state-server.ts (Terraform's `http` backend standing in for OSS: the plan is synthesized
 * with `--backend oss`, then the rehearsal points the backend at the server). Prints topics/s over the whole apply
 * against the quota and against the apply's ceiling (every call at the quota, N/20 s, plus the time from the last
 * call to the apply's end, measured in the run: the provider's fixed wait and Terraform finishing), the CreateTopic calls the control plane
 * admitted per one-second window from the first call to the last (the rate while creating, which pacing sets),
 * and the throttled calls it answered; on stderr, per second and per wave, when the calls came.
 * Each run gets a fresh broker and control plane. Runs inside `unshare -n` (scripts/bench.sh `apply`).
 *
 * BENCH_APPLY_TOPICS (default 2000) sets N; BENCH_APPLY_RUNS (default
 * `paced:recommended,unpaced:recommended,paced:recommended:local`) the runs, each SHAPE:P[:STATE] with SHAPE
 * `paced` or `unpaced`, P a parallelism, `recommended` (the model's for the shape) or `default` (Terraform's 10;
 * BENCH_APPLY_DEFAULT_TOPICS, default N, sets that run's topics: about N x 1.15 s unpaced), and STATE `remote`
 * (default) or `local`; e.g. `unpaced:100,unpaced:150` for the curve the apply model (lib/plan/apply-estimate.ts)
 * is fitted to.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../lib/cli';
import { ApplyShape, planShape } from '../lib/plan/apply-estimate';
import { chainedPacing } from '../lib/plan/pacing';
import {
  expectedTopicRate,
  recommendedParallelism,
  simulateTopicApply,
  CREATE_TOPIC_PER_SECOND,
  TERRAFORM_DEFAULT_PARALLELISM,
} from '../tools/control-plane/apply-model';
import { assertContained, portsFor, Rehearsal } from '../tools/control-plane/rehearsal';
import { StateServer } from '../tools/control-plane/state-server';
import { unpaceStack } from '../tools/control-plane/unpaced';

type Shape = 'paced' | 'unpaced';
type State = 'remote' | 'local';

interface RunResult {
  readonly seconds: number;
  readonly throttled: number;
  readonly onBroker: number;
  readonly sleeps: number;
  /** CreateTopic calls admitted, the one-second windows from the first to the last, and the most in one window. */
  readonly admitted: number;
  readonly windows: number;
  readonly peak: number;
  /** CreateTopic errors other than throttling, by code. */
  readonly errors: Record<string, number>;
  /** admitted/throttled CreateTopic calls in each one-second window from the apply's start. */
  readonly timeline: string;
  /** Each wave's first calls, earliest..latest, in ms after the previous wave's earliest (paced). */
  readonly waves: string;
  /** Seconds from the apply's start to the first CreateTopic, and from the last admitted one to the apply's end. */
  readonly lead: number;
  readonly tail: number;
}

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function applyRun(topics: number, parallelism: number, shape: Shape, state: State): Promise<RunResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-bench-apply-'));
  const meta = path.join(work, 'meta.json');
  fs.writeFileSync(
    meta,
    JSON.stringify({
      formatVersion: 1,
      source: { kind: 'manual' },
      consumerGroups: [],
      topics: Array.from({ length: topics }, (_, i) => ({ name: `bench.apply-${String(i).padStart(5, '0')}`, partitions: 2, replicationFactor: 3 })),
    }),
  );
  const instanceId = 'alikafka_post-cn-benchapply';
  const partitionNum = Math.max(0, 2 * topics - 1000);
  const io = {
    out: () => undefined,
    err: (t: string) => {
      process.stderr.write(t);
    },
    isTty: false,
  };
  const code = await main(
    [
      'synth',
      '--metadata',
      meta,
      '--out',
      path.join(work, 'synth'),
      '--instance-id',
      instanceId,
      '--spec-type',
      'professional',
      '--io-max-spec',
      'alikafka.hw.2xlarge',
      '--partition-num',
      String(partitionNum),
      // the plan paces by where the state lives (chained for remote state); the rehearsal then points the stack's
      // backend at the loopback state server or a local file
      ...(state === 'remote' ? ['--backend', 'oss', '--backend-config', 'bucket=bench-state'] : []),
    ],
    io,
  );
  if (code !== 0) throw new Error(`synth exited ${code}`);
  const stackDir = path.join(work, 'synth', 'stacks', 'alikafka-migration');
  const plannedSleeps = Object.keys(
    (JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, object> }).resource.time_sleep ?? {},
  ).length;
  const sleeps = shape === 'unpaced' ? (unpaceStack(stackDir), 0) : plannedSleeps;
  const stateServer = new StateServer();
  const rh = new Rehearsal({ TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE!, TERRAFORM_BIN: process.env.TERRAFORM_BIN ?? 'terraform' }, portsFor());
  try {
    await rh.start();
    rh.controlPlane.provisionInstance({ id: instanceId, ioMaxSpec: 'alikafka.hw.2xlarge', specType: 'professional', partitionNum });
    rh.pointStack(stackDir, undefined, state === 'remote' ? await stateServer.start() : undefined);
    await rh.init(stackDir);
    await rh.plan(stackDir, {}, 'apply.tfplan', ['-refresh=false']);
    const startedMs = Date.now();
    const started = Math.floor(startedMs / 1000);
    const r = await rh.apply(stackDir, {}, 'apply.tfplan', parallelism);
    const endedMs = Date.now();
    if (r.code !== 0) throw new Error(`terraform apply failed:\n${r.stdout.slice(-4000)}`);
    const snap = await rh.snapshot();
    const perSecond = rh.controlPlane.admittedPerSecond.get('CreateTopic') ?? new Map<number, number>();
    const refused = rh.controlPlane.throttledPerSecond.get('CreateTopic') ?? new Map<number, number>();
    const seconds = [...perSecond.keys()];
    const last = Math.max(started, ...seconds, ...refused.keys());
    const timeline: string[] = [];
    for (let s = started; s <= last; s++) timeline.push(`${perSecond.get(s) ?? 0}/${refused.get(s) ?? 0}`);
    // each wave's first calls (the topics are numbered in plan order, CreateTopic's limit to a wave)
    const arrivals = rh.controlPlane.createTopicArrivals;
    const firstCall = new Map<string, number>();
    for (const a of arrivals) if (!firstCall.has(a.topic)) firstCall.set(a.topic, a.ms);
    const byWave: number[][] = [];
    for (const [topic, ms] of firstCall) {
      const i = Number(/(\d+)$/.exec(topic)?.[1]);
      if (Number.isInteger(i)) (byWave[Math.floor(i / CREATE_TOPIC_PER_SECOND)] ??= []).push(ms);
    }
    const waves = byWave.map((ms, k) => {
      const from = k === 0 ? startedMs : Math.min(...byWave[k - 1]);
      return `${k}:${Math.min(...ms) - from}..${Math.max(...ms) - from}`;
    });
    const admittedMs = arrivals.filter((a) => a.admitted).map((a) => a.ms);
    return {
      waves: waves.join(' '),
      lead: arrivals.length ? (arrivals[0].ms - startedMs) / 1000 : 0,
      tail: admittedMs.length ? (endedMs - Math.max(...admittedMs)) / 1000 : 0,
      seconds: r.seconds,
      throttled: rh.controlPlane.stats.throttled.CreateTopic ?? 0,
      onBroker: snap.topics.length,
      sleeps,
      admitted: [...perSecond.values()].reduce((a, b) => a + b, 0),
      windows: seconds.length ? Math.max(...seconds) - Math.min(...seconds) + 1 : 0,
      peak: Math.max(0, ...perSecond.values()),
      errors: Object.fromEntries(Object.entries(rh.controlPlane.stats.errors).filter(([k]) => k.startsWith('CreateTopic:'))),
      timeline: timeline.join(' '),
    };
  } finally {
    await stateServer.stop();
    await rh.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const pct = (rate: number): string => `${((100 * rate) / CREATE_TOPIC_PER_SECOND).toFixed(0)}%`;

export async function runApplyBench(): Promise<string[]> {
  assertContained();
  const n = Number(process.env.BENCH_APPLY_TOPICS ?? 2000);
  const nDefault = Number(process.env.BENCH_APPLY_DEFAULT_TOPICS ?? n);
  const lines: string[] = [
    `apply_bench: ${n} topics (2 partitions), real provider v1.289.0 and hashicorp/time, control plane with published limits (CreateTopic ${CREATE_TOPIC_PER_SECOND}/s in one-second windows), Kafka 2.6`,
  ];
  const shapeOf = (shape: Shape, topics: number, state: State): ApplyShape =>
    shape === 'paced' ? planShape(topics, chainedPacing(state === 'remote' ? 'oss' : 'local')) : {};
  const runs = (process.env.BENCH_APPLY_RUNS ?? 'paced:recommended,unpaced:recommended,paced:recommended:local')
    .split(',')
    .map((w): readonly [Shape, number, number, State] => {
      const [s, word = 'recommended', state = 'remote', ...rest] = w.trim().split(':');
      if ((s !== 'paced' && s !== 'unpaced') || (state !== 'remote' && state !== 'local') || rest.length > 0)
        throw new Error(`BENCH_APPLY_RUNS: "${w}" is not SHAPE:P[:STATE] (SHAPE paced or unpaced, STATE remote or local)`);
      if (word === 'default') return [s, nDefault, TERRAFORM_DEFAULT_PARALLELISM, state];
      if (word === 'recommended') return [s, n, recommendedParallelism(n, shapeOf(s, n, state)), state];
      const p = Number(word);
      if (!Number.isInteger(p) || p < 1) throw new Error(`BENCH_APPLY_RUNS: "${word}" is not a parallelism (a positive integer, default or recommended)`);
      return [s, n, p, state];
    });
  const rates = new Map<string, number>();
  for (const [shape, topics, p, state] of runs) {
    const before = load();
    const r = await applyRun(topics, p, shape, state);
    const rate = topics / r.seconds;
    const callRate = r.windows ? r.admitted / r.windows : 0;
    // every call at the quota, between the provider's fixed wait after the last one and nothing before the first
    const ceiling = topics / (topics / CREATE_TOPIC_PER_SECOND + r.tail);
    const model = shapeOf(shape, topics, state);
    const line =
      `apply_topics_per_s{shape=${shape},state=${state},parallelism=${p},topics=${topics}}: ${rate.toFixed(2)} (${pct(rate)} of the ${CREATE_TOPIC_PER_SECOND}/s quota, ` +
      `${((100 * rate) / ceiling).toFixed(0)}% of the apply's ceiling ${ceiling.toFixed(2)}/s: ${topics / CREATE_TOPIC_PER_SECOND} s of calls at the quota and ${r.tail.toFixed(1)} s from the last call to the end; ` +
      `model ${expectedTopicRate(p, topics, model).toFixed(2)}); apply ${r.seconds.toFixed(1)} s, first call after ${r.lead.toFixed(1)} s${shape === 'paced' ? `, ${r.sleeps} sleeps` : ''}; ` +
      `CreateTopic ${r.admitted} admitted in ${r.windows} one-second windows (${callRate.toFixed(2)}/s, ${pct(callRate)} of the quota while creating, at most ${r.peak} in one window), ` +
      `${r.throttled} throttled (model ${simulateTopicApply(topics, p, undefined, model).throttled})` +
      `${Object.keys(r.errors).length ? `, errors ${JSON.stringify(r.errors)}` : ''}; ${r.onBroker} topics on the broker; load ${before} -> ${load()}`;
    // as each run ends (a whole bench takes long), with the admitted/throttled calls of each second from the apply's start
    process.stderr.write(
      `${line}\n  CreateTopic admitted/throttled per second from the apply's start: ${r.timeline}\n` +
        `  each wave's first calls, ms after the previous wave's first (wave 0: after the apply's start): ${r.waves}\n`,
    );
    lines.push(line);
    if (topics === n && !rates.has(`${shape}:${state}`)) rates.set(`${shape}:${state}`, rate);
  }
  for (const state of ['remote', 'local'] as const) {
    const paced = rates.get(`paced:${state}`);
    const unpaced = rates.get(`unpaced:${state}`);
    if (paced !== undefined && unpaced !== undefined) lines.push(`apply_paced_vs_unpaced{state=${state},topics=${n}}: ${(paced / unpaced).toFixed(2)}x`);
  }
  const [remote, local] = [rates.get('paced:remote'), rates.get('paced:local')];
  if (remote !== undefined && local !== undefined) lines.push(`apply_paced_local_vs_remote_state{topics=${n}}: ${(local / remote).toFixed(2)}x`);
  lines.push(
    `apply_recommended_parallelism{topics=${n}}: paced ${recommendedParallelism(n, planShape(n, true))} (remote state, chained), ` +
      `${recommendedParallelism(n, planShape(n, false))} (local state, together), unpaced ${recommendedParallelism(n, {})}`,
  );
  return lines;
}

if (require.main === module) {
  runApplyBench().then(
    (lines) => {
      for (const l of lines) console.log(l);
      process.exit(0);
    },
    (e: Error) => {
      console.error(`apply bench failed: ${e.message}`);
      process.exit(1);
    },
  );
}
