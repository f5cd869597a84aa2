/**
 * Terraform benchmark: with the real aliyun/alicloud provider (installed by scripts/provider.sh), time
 * `terraform validate` and `terraform plan -refresh=false` of stacks of 200 and 2,000 topics synthesized by this
 * package, next to `terraform plan` of the same number of built-in `terraform_data` resources (Terraform core's
 * own floor: no provider at all), in the same run; and plan of the bundled example with and without the
 * provider's account type set (the account-type lookup the provider otherwise retries for about 30 s).
 * Every terraform command runs inside `unshare -n` (loopback only) with dummy credentials. Times are medians.
 *
 * Run through `npm run bench -- terraform` (scripts/bench.sh evals scripts/provider.sh first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { syntheticMetadata } from './synth-bench';
import { planMigration } from '../lib/plan';
import { loadMetadataFile } from '../lib/model';
import { synthesizeFiles } from '../lib/stack';
import { median } from './util';

function env(accountType: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    ALICLOUD_ACCESS_KEY: 'dummy-access-key-id',
    ALICLOUD_SECRET_KEY: 'dummy-access-key-secret',
    ALICLOUD_REGION: 'cn-hangzhou',
    ...(accountType ? { ALIBABA_CLOUD_ACCOUNT_TYPE: 'Domestic' } : {}),
  };
}

/** Runs terraform in a loopback-only network namespace; returns milliseconds, throws on failure. */
function terraform(args: string[], cwd: string, accountType = true): number {
  const bin = process.env.TERRAFORM_BIN || 'terraform';
  const t0 = process.hrtime.bigint();
  const r = spawnSync('unshare', ['-n', bin, ...args], { cwd, env: env(accountType), encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} in ${cwd}: exit ${r.status}\n${r.stderr}`.slice(0, 4000));
  return ms;
}

function writeStack(dir: string, files: ReadonlyArray<{ path: string; content: string }>, stack: string): string {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.content);
  }
  return path.join(dir, 'stacks', stack);
}

function init(stackDir: string): void {
  terraform(['init', '-input=false', '-no-color', `-backend-config=path=${path.join(stackDir, 'bench.tfstate')}`], stackDir);
}

/** The same number of terraform_data resources, each with a topic-sized input, and no provider. */
function baselineStack(dir: string, n: number): string {
  const resource: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    resource[`topic_${i}`] = {
      input: {
        topic: `svc${i % 97}.events-${String(i).padStart(5, '0')}`,
        partition_num: 2,
        local_topic: false,
        compact_topic: false,
        remark: `topic_from_${i}`,
      },
    };
  }
  const d = path.join(dir, 'baseline');
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: resource } }));
  terraform(['init', '-input=false', '-no-color'], d);
  return d;
}

function plan(dir: string, accountType = true): number {
  return terraform(['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=bench.tfplan'], dir, accountType);
}

export function runTerraformBench(runs = 3, print: (line: string) => void = console.log): void {
  if (!process.env.TF_CLI_CONFIG_FILE) {
    print('terraform_bench: skipped (no local provider mirror: run through npm run bench, which evals scripts/provider.sh)');
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'akm-tf-bench-'));
  try {
    for (const n of [200, 2000]) {
      const meta = syntheticMetadata(n, 0);
      const p = planMigration(meta, {
        target: { mode: 'existing', instanceId: 'alikafka_post-cn-bench', specType: 'professional', ioMaxSpec: 'alikafka.hw2.1000xlarge', partitionNum: 30000 },
      });
      const stackDir = writeStack(path.join(work, `real-${n}`), synthesizeFiles(p, 'bench', 'cn-hangzhou', 'Domestic'), 'bench');
      init(stackDir);
      const base = baselineStack(path.join(work, `base-${n}`), n);
      const validate: number[] = [];
      const real: number[] = [];
      const floor: number[] = [];
      plan(stackDir);
      plan(base); // warm-up (page cache of the 300 MB provider binary)
      for (let i = 0; i < runs; i++) {
        validate.push(terraform(['validate', '-no-color'], stackDir));
        real.push(plan(stackDir));
        floor.push(plan(base));
      }
      const r = median(real);
      const f = median(floor);
      print(`terraform_validate_${n}_topics_ms: ${median(validate).toFixed(0)}`);
      print(`terraform_plan_${n}_topics_ms: ${r.toFixed(0)}`);
      print(`baseline_terraform_data_plan_${n}_ms: ${f.toFixed(0)}`);
      print(`terraform_plan_${n}_topics_vs_terraform_data_ratio: ${(r / f).toFixed(2)}`);
    }
    // the account-type lookup: the bundled example planned without and with account_type
    const example = loadMetadataFile(path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json'));
    const exPlan = planMigration(example, {
      target: {
        mode: 'new',
        region: 'cn-hangzhou',
        zoneIds: ['cn-hangzhou-k'],
        network: { mode: 'new', vpcCidr: '172.16.0.0/12', vswitchCidrs: ['172.16.0.0/24'] },
      },
    });
    const without = writeStack(path.join(work, 'example-without'), synthesizeFiles(exPlan, 'example'), 'example');
    const withType = writeStack(path.join(work, 'example-with'), synthesizeFiles(exPlan, 'example', undefined, 'Domestic'), 'example');
    for (const d of [without, withType]) {
      init(d);
      const vars = Object.fromEntries(exPlan.users.map((u) => [u.passwordVariable, 'Dummy-password-1']));
      fs.writeFileSync(path.join(d, 'bench.auto.tfvars.json'), JSON.stringify(vars));
    }
    plan(withType, false); // warm-up
    const slow = plan(without, false); // one run: it is the 30 s wait
    const fast = median(Array.from({ length: runs }, () => plan(withType, false)));
    print(`terraform_plan_example_without_account_type_ms: ${slow.toFixed(0)}`);
    print(`terraform_plan_example_with_account_type_ms: ${fast.toFixed(0)}`);
    print(`terraform_plan_example_without_vs_with_account_type_ratio: ${(slow / fast).toFixed(1)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
