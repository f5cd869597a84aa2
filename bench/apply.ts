/**
 * Apply benchmark: `terraform apply` of N topics (default 2,000) with the real provider against the rehearsal
 * control plane (published rate limits, Kafka 2.6 behind it), at Terraform's default parallelism and at the
 * parallelism the apply model recommends, printed as topics/s next to the CreateTopic ceiling (20/s) and the
 * model's expectation. Each run gets a fresh broker and control plane. Runs inside `unshare -n`
 * (scripts/bench.sh `apply`).
 *
 * BENCH_APPLY_TOPICS (default 2000) sets N; BENCH_APPLY_DEFAULT_TOPICS (default N) the topics of the
 * default-parallelism run, which takes about N x 1.15 s at parallelism 10 (over 35 min for 2,000);
 * BENCH_APPLY_PARALLELISMS (default `default,recommended`) the runs, e.g. `100,150,recommended,300` for the
 * curve the apply model (lib/plan/apply-estimate.ts) is fitted to.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../lib/cli';
import {
  expectedTopicRate,
  recommendedParallelism,
  simulateTopicApply,
  CREATE_TOPIC_PER_SECOND,
  TERRAFORM_DEFAULT_PARALLELISM,
} from '../tools/control-plane/apply-model';
import { assertContained, portsFor, Rehearsal } from '../tools/control-plane/rehearsal';

async function applyRun(topics: number, parallelism: number): Promise<{ seconds: number; throttled: number; onBroker: number }> {
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
    ],
    io,
  );
  if (code !== 0) throw new Error(`synth exited ${code}`);
  const stackDir = path.join(work, 'synth', 'stacks', 'alikafka-migration');
  const rh = new Rehearsal({ TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE!, TERRAFORM_BIN: process.env.TERRAFORM_BIN ?? 'terraform' }, portsFor());
  try {
    await rh.start();
    rh.controlPlane.provisionInstance({ id: instanceId, ioMaxSpec: 'alikafka.hw.2xlarge', specType: 'professional', partitionNum });
    rh.pointStack(stackDir);
    await rh.init(stackDir);
    await rh.plan(stackDir, {}, 'apply.tfplan', ['-refresh=false']);
    const r = await rh.apply(stackDir, {}, 'apply.tfplan', parallelism);
    if (r.code !== 0) throw new Error(`terraform apply failed:\n${r.stdout.slice(-4000)}`);
    const snap = await rh.snapshot();
    return { seconds: r.seconds, throttled: rh.controlPlane.stats.throttled.CreateTopic ?? 0, onBroker: snap.topics.length };
  } finally {
    await rh.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function runApplyBench(): Promise<string[]> {
  assertContained();
  const n = Number(process.env.BENCH_APPLY_TOPICS ?? 2000);
  const nDefault = Number(process.env.BENCH_APPLY_DEFAULT_TOPICS ?? n);
  const rec = recommendedParallelism(n);
  const lines: string[] = [
    `apply_bench: ${n} topics (2 partitions), real provider v1.289.0, control plane with published limits (CreateTopic ${CREATE_TOPIC_PER_SECOND}/s), Kafka 2.6`,
  ];
  // BENCH_APPLY_PARALLELISMS: which runs, as a comma list of numbers, `default` and `recommended` (default both)
  const runs = (process.env.BENCH_APPLY_PARALLELISMS ?? 'default,recommended').split(',').map((w): readonly [number, number] => {
    const word = w.trim();
    if (word === 'default') return [nDefault, TERRAFORM_DEFAULT_PARALLELISM];
    if (word === 'recommended') return [n, rec];
    const p = Number(word);
    if (!Number.isInteger(p) || p < 1) throw new Error(`BENCH_APPLY_PARALLELISMS: "${word}" is not a parallelism (a positive integer, default or recommended)`);
    return [n, p];
  });
  for (const [topics, p] of runs) {
    const r = await applyRun(topics, p);
    const rate = topics / r.seconds;
    const line = `apply_topics_per_s{parallelism=${p},topics=${topics}}: ${rate.toFixed(2)} (ceiling ${CREATE_TOPIC_PER_SECOND}/s, ${((100 * rate) / CREATE_TOPIC_PER_SECOND).toFixed(0)}% of it; model ${expectedTopicRate(p, topics).toFixed(2)}); apply ${r.seconds.toFixed(1)} s, ${r.throttled} CreateTopic calls throttled (model ${simulateTopicApply(topics, p).throttled}), ${r.onBroker} topics on the broker`;
    process.stderr.write(`${line}\n`); // as each run ends: a whole bench takes long
    lines.push(line);
  }
  lines.push(`apply_recommended_parallelism{topics=${n}}: ${rec}`);
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
