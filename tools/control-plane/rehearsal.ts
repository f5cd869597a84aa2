/**
 * One rehearsal: a Kafka 2.6 broker, the control plane in front of it, and Terraform with the real provider
 * pointed at the control plane. Every method that runs Terraform or opens a port must run inside a network
 * namespace with only loopback (`unshare -n`): `assertContained()` checks it, and the `rehearse` CLI and
 * scripts/test.sh enter one before they get here.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Broker, BrokerPorts, BrokerSnapshot } from './broker';
import { ControlPlane, ControlPlaneOptions } from './server';
import { ProviderEnv } from './provider-env';

export interface RehearsalPorts extends BrokerPorts {
  readonly api: number;
}

/** Ports inside the namespace (33000-33999, the range this project's rehearsals use). */
export function portsFor(base = Number(process.env.RIG_PORT_BASE ?? 33000)): RehearsalPorts {
  return { api: base + 80, zk: base + 181, plaintext: base + 92, sasl: base + 96 };
}

/**
 * True when the caller marked the namespace (REHEARSE_IN_NETNS=1) and this process's network namespace has no
 * interface but loopback (/proc/self/net/dev lists the interfaces of the calling process's namespace).
 */
export function inOwnNetworkNamespace(): boolean {
  if (process.env.REHEARSE_IN_NETNS !== '1') return false;
  try {
    const ifaces = fs
      .readFileSync('/proc/self/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0].trim())
      .filter(Boolean);
    return ifaces.length > 0 && ifaces.every((n) => n === 'lo');
  } catch {
    return false;
  }
}

export function assertContained(): void {
  if (!inOwnNetworkNamespace()) {
    throw new Error(
      'the rehearsal runs Terraform and the provider only inside a loopback-only network namespace: ' +
        'run it through `npm run rehearse` or scripts/test.sh (they enter `unshare -n`)',
    );
  }
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export interface PlanCount {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly import: number;
  readonly total: number;
  readonly addresses: string[];
}

export class Rehearsal {
  readonly broker: Broker;
  readonly controlPlane: ControlPlane;
  private apiPort = 0;

  constructor(
    readonly provider: ProviderEnv,
    readonly ports: RehearsalPorts = portsFor(),
    cpOpts: ControlPlaneOptions = {},
  ) {
    assertContained();
    this.broker = new Broker(ports);
    this.controlPlane = new ControlPlane(this.broker, cpOpts);
  }

  async start(): Promise<void> {
    await this.broker.start();
    this.apiPort = await this.controlPlane.listen(this.ports.api);
  }

  async stop(): Promise<void> {
    await this.controlPlane.close();
    await this.broker.stop();
  }

  get endpoint(): string {
    return `127.0.0.1:${this.apiPort}`;
  }

  /**
   * Points the stack in `stackDir` at the control plane: provider endpoints, protocol HTTP, dummy keys and
   * the account type (no BssOpenApi lookup), and a state file inside the stack directory (or `backend`, e.g. the
   * `http` backend of a StateServer).
   */
  pointStack(stackDir: string, statePath = path.join(stackDir, 'terraform.tfstate'), backend: Record<string, unknown> = { local: { path: statePath } }): void {
    const ep = this.endpoint;
    const endpoints: Record<string, string> = {};
    for (const k of ['alikafka', 'vpc', 'ecs', 'sts', 'bssopenapi', 'location', 'ram', 'resourcemanager', 'kms', 'tag', 'actiontrail', 'cms', 'quotas'])
      endpoints[k] = ep;
    const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { provider?: { alicloud?: { region?: string }[] } };
    const region = stack.provider?.alicloud?.[0]?.region ?? this.controlPlane.regionId;
    const override = {
      terraform: { backend },
      provider: {
        alicloud: [
          {
            region,
            access_key: 'rehearsal-dummy-key',
            secret_key: 'rehearsal-dummy-secret',
            protocol: 'HTTP',
            account_type: 'Domestic',
            endpoints: [endpoints],
          },
        ],
      },
    };
    fs.writeFileSync(path.join(stackDir, 'rehearsal_override.tf.json'), `${JSON.stringify(override, null, 2)}\n`);
  }

  /** TF_VAR_ values for the stack's sensitive password variables (random per rehearsal, never printed). */
  passwordVars(stackDir: string): Record<string, string> {
    const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { variable?: Record<string, unknown> };
    const out: Record<string, string> = {};
    for (const name of Object.keys(stack.variable ?? {})) {
      if (name.startsWith('sasl_password_'))
        out[`TF_VAR_${name}`] = `Rehearse-${name.slice(14).replace(/[^A-Za-z0-9]/g, '')}-${Math.random().toString(36).slice(2, 10)}`;
    }
    return out;
  }

  terraform(stackDir: string, args: string[], env: Record<string, string> = {}): Promise<TerraformResult> {
    assertContained();
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(this.provider.TERRAFORM_BIN, args, {
        cwd: stackDir,
        env: {
          ...process.env,
          ...env,
          TF_CLI_CONFIG_FILE: this.provider.TF_CLI_CONFIG_FILE,
          CHECKPOINT_DISABLE: '1',
          TF_IN_AUTOMATION: '1',
          ALIBABA_CLOUD_ACCOUNT_TYPE: 'Domestic',
          TF_LOG: process.env.REHEARSE_TF_LOG ?? '',
          TF_LOG_PATH: process.env.REHEARSE_TF_LOG ? path.join(stackDir, 'terraform.log') : '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr, seconds: (Date.now() - t0) / 1000 }));
    });
  }

  async init(stackDir: string): Promise<void> {
    const r = await this.terraform(stackDir, ['init', '-input=false', '-no-color']);
    if (r.code !== 0) throw new Error(`terraform init failed:\n${r.stdout}\n${r.stderr}`);
  }

  /** `terraform plan -out` and the counted changes of `terraform show -json`. */
  async plan(
    stackDir: string,
    env: Record<string, string>,
    planFile = 'rehearsal.tfplan',
    extra: string[] = [],
  ): Promise<PlanCount & { result: TerraformResult }> {
    const r = await this.terraform(stackDir, ['plan', '-input=false', '-no-color', `-out=${planFile}`, ...extra], env);
    if (r.code !== 0) throw Object.assign(new Error(`terraform plan failed:\n${r.stdout}\n${r.stderr}`), { result: r });
    const show = await this.terraform(stackDir, ['show', '-json', planFile], env);
    if (show.code !== 0) throw new Error(`terraform show failed:\n${show.stderr}`);
    return { ...countChanges(show.stdout), result: r };
  }

  async apply(stackDir: string, env: Record<string, string>, planFile = 'rehearsal.tfplan', parallelism?: number): Promise<TerraformResult> {
    return this.terraform(
      stackDir,
      ['apply', '-input=false', '-no-color', '-auto-approve', ...(parallelism ? [`-parallelism=${parallelism}`] : []), planFile],
      env,
    );
  }

  snapshot(): Promise<BrokerSnapshot> {
    return this.broker.snapshot();
  }
}

interface ShowJson {
  resource_changes?: { address: string; change: { actions: string[]; importing?: unknown } }[];
}

export function countChanges(showJson: string): PlanCount {
  const plan = JSON.parse(showJson) as ShowJson;
  let create = 0;
  let update = 0;
  let replace = 0;
  let del = 0;
  let imp = 0;
  const addresses: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const a = rc.change.actions;
    const importing = rc.change.importing !== undefined && rc.change.importing !== null;
    if (importing) imp += 1;
    if (a.length === 1 && (a[0] === 'no-op' || a[0] === 'read')) {
      if (importing) addresses.push(`import ${rc.address}`);
      continue;
    }
    addresses.push(`${a.join('/')} ${rc.address}`);
    if (a.includes('create') && a.includes('delete')) replace += 1;
    else if (a[0] === 'create') create += 1;
    else if (a[0] === 'update') update += 1;
    else if (a[0] === 'delete') del += 1;
  }
  return { create, update, replace, delete: del, import: imp, total: create + update + replace + del, addresses };
}
