/**
 * Runs the real terraform (and OpenTofu) with the real aliyun/alicloud provider on synthesized stacks.
 *
 * Every command that loads the provider runs inside `unshare -n` (a network namespace with only loopback,
 * not even brought up), with dummy credentials and a scrubbed environment: nothing can leave the machine.
 * The provider comes from the filesystem mirror that `scripts/provider.sh` installs; `terraform init` links
 * each stack's `.terraform/providers` to that one unpacked copy (no download, no copy of the 300 MB binary).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { MigrationPlan } from '../../lib/plan';
import { ROOT, runCli, tmpDir } from '../helpers';

export interface Toolchain {
  readonly terraform: string;
  readonly cliConfig: string;
  /** OpenTofu, when `scripts/tofu.sh` has built it (TOFU_BIN) */
  readonly tofu?: string;
}

let cached: Toolchain | undefined;

function parseExports(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^export ([A-Z_]+)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

/** The terraform binary and CLI config: from the environment (scripts/test.sh evals provider.sh), else runs provider.sh. */
export function toolchain(): Toolchain {
  if (cached) return cached;
  let env: Record<string, string | undefined> = { ...process.env };
  if (!env.TF_CLI_CONFIG_FILE || !env.TERRAFORM_BIN) {
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'provider.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/provider.sh failed:\n${r.stderr}`);
    env = { ...env, ...parseExports(r.stdout) };
  }
  const cliConfig = env.TF_CLI_CONFIG_FILE;
  if (!cliConfig) {
    throw new Error(
      'no local aliyun/alicloud provider mirror (TF_CLI_CONFIG_FILE unset after scripts/provider.sh): ' +
        'set ALIKAFKA_PROVIDER_MIRROR to the directory holding terraform-provider-alicloud_1.289.0_linux_amd64.tar.xz and SHA256SUMS',
    );
  }
  if (!env.TOFU_BIN && env.ALIKAFKA_TOFU !== '0') {
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'tofu.sh')], { encoding: 'utf8', env: { ...process.env, TOFU_CHECK_ONLY: '1' } });
    if (r.status === 0) env = { ...env, ...parseExports(r.stdout) };
  }
  const result: Toolchain = { terraform: env.TERRAFORM_BIN ?? 'terraform', cliConfig, tofu: env.TOFU_BIN || undefined };
  cached = result;
  return result;
}

export interface TfRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  /** set ALIBABA_CLOUD_ACCOUNT_TYPE=Domestic (default true); false measures the provider's account-type lookup */
  readonly accountTypeEnv?: boolean;
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** The only environment the tools see: no credentials of the caller, dummy keys, no checkpoint calls. */
export function tfEnv(opts: RunOptions = {}): NodeJS.ProcessEnv {
  const tc = toolchain();
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: tc.cliConfig,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    ALICLOUD_ACCESS_KEY: 'dummy-access-key-id',
    ALICLOUD_SECRET_KEY: 'dummy-access-key-secret',
    ALICLOUD_REGION: 'cn-hangzhou',
    ...(opts.accountTypeEnv === false ? {} : { ALIBABA_CLOUD_ACCOUNT_TYPE: 'Domestic' }),
    ...(opts.extraEnv ?? {}),
  };
}

/** Runs `bin args...` in `cwd` inside a loopback-only network namespace. */
export function tf(bin: string, args: readonly string[], cwd: string, opts: RunOptions = {}): TfRun {
  const start = process.hrtime.bigint();
  const r = spawnSync('unshare', ['-n', bin, ...args], {
    cwd,
    env: tfEnv(opts),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number((process.hrtime.bigint() - start) / 1_000_000n);
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms };
}

/** Like tf(), but throws with the tool's output unless it exits 0. */
export function tfOk(bin: string, args: readonly string[], cwd: string, opts: RunOptions = {}): TfRun {
  const r = tf(bin, args, cwd, opts);
  if (r.code !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} in ${cwd} exited ${r.code}:\n${r.stderr}\n${r.stdout}`.slice(0, 20000));
  return r;
}

export interface Synthesized {
  readonly outDir: string;
  readonly stackDir: string;
  readonly plan: MigrationPlan;
  readonly tfJson: TfJson;
}

export interface TfJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable?: Record<string, unknown>;
  readonly import?: ReadonlyArray<{ readonly to: string; readonly id: string }>;
  readonly provider: Record<string, ReadonlyArray<Record<string, unknown>>>;
}

/** `alikafka-migrate synth ARGS --out DIR --stack NAME`, then the plan from migration-report.json. */
export async function synth(args: readonly string[], stack = 'alikafka-migration', outDir = tmpDir(stack)): Promise<Synthesized> {
  const r = await runCli(['synth', ...args, '--out', outDir, '--stack', stack]);
  if (r.code !== 0) throw new Error(`synth ${args.join(' ')} exited ${r.code}: ${r.err}`);
  const report = JSON.parse(fs.readFileSync(path.join(outDir, 'migration-report.json'), 'utf8')) as { plan: MigrationPlan };
  const stackDir = path.join(outDir, 'stacks', stack);
  const tfJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as TfJson;
  return { outDir, stackDir, plan: report.plan, tfJson };
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
}

export interface ValidateJson {
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    readonly after_sensitive?: Record<string, unknown> | boolean;
    readonly replace_paths?: unknown[];
    readonly importing?: { readonly id: string };
  };
  readonly action_reason?: string;
}

export interface PlanJson {
  readonly format_version: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly errored?: boolean;
}

/** Writes a var file with a dummy value for every variable of the stack (SASL passwords, network IDs). */
export function writeVarFile(stackDir: string, tfJson: TfJson): string {
  const file = path.join(stackDir, 'test.auto.tfvars.json');
  const vars = Object.fromEntries(
    Object.keys(tfJson.variable ?? {})
      .sort()
      .map((k) => [k, k.startsWith('sasl_password') ? 'Dummy-password-1' : `dummy-${k}`]),
  );
  fs.writeFileSync(file, `${JSON.stringify(vars, null, 2)}\n`);
  return file;
}

export interface StackRun {
  readonly validate: ValidateJson;
  readonly plan: PlanJson;
  readonly planJsonFile: string;
  readonly ms: { readonly init: number; readonly validate: number; readonly plan: number; readonly show: number };
}

/**
 * init (offline, state file inside the stack directory), validate -json, plan -refresh=false -out, show -json.
 * Throws with the tool's output if init or plan fails; validate's diagnostics are returned for the caller to check.
 */
export function initValidatePlan(bin: string, stackDir: string, tfJson: TfJson, opts: RunOptions = {}): StackRun {
  writeVarFile(stackDir, tfJson);
  const tool = path.basename(bin);
  const init = tfOk(bin, ['init', '-input=false', '-no-color', `-backend-config=path=${path.join(stackDir, `${tool}.tfstate`)}`], stackDir, opts);
  const v = tf(bin, ['validate', '-json', '-no-color'], stackDir, opts);
  const validate = JSON.parse(v.stdout) as ValidateJson;
  const planFile = `${tool}.tfplan`;
  const p = tfOk(bin, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', `-out=${planFile}`], stackDir, opts);
  const s = tfOk(bin, ['show', '-json', '-no-color', planFile], stackDir, opts);
  const planJsonFile = path.join(stackDir, `${tool}-plan.json`);
  fs.writeFileSync(planJsonFile, s.stdout);
  return { validate, plan: JSON.parse(s.stdout) as PlanJson, planJsonFile, ms: { init: init.ms, validate: v.ms, plan: p.ms, show: s.ms } };
}

/** Managed alicloud_* resource changes keyed by address. */
export function changesByAddress(plan: PlanJson): Map<string, ResourceChange> {
  const m = new Map<string, ResourceChange>();
  for (const rc of plan.resource_changes ?? []) if (rc.mode === 'managed') m.set(rc.address, rc);
  return m;
}
