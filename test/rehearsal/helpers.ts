/**
 * Shared set-up of the rehearsal tests: they run inside a loopback-only network namespace (scripts/test.sh
 * enters it with `unshare -n`), with the real provider from the filesystem mirror and a real Kafka 2.6 broker.
 */
import * as fs from 'fs';
import * as path from 'path';
import { assertContained, portsFor, Rehearsal } from '../../tools/control-plane/rehearsal';
import { ControlPlaneOptions } from '../../tools/control-plane/server';
import { BrokerSnapshot } from '../../tools/control-plane/broker';
import { runCliOk, stackDir, tmpDir } from '../helpers';

export function newRehearsal(opts: ControlPlaneOptions = {}): Rehearsal {
  assertContained();
  const provider = { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE ?? '', TERRAFORM_BIN: process.env.TERRAFORM_BIN ?? 'terraform' };
  if (!provider.TF_CLI_CONFIG_FILE) throw new Error('TF_CLI_CONFIG_FILE is not set: run through scripts/test.sh (it installs the provider mirror)');
  return new Rehearsal(provider, portsFor(), opts);
}

/** A temporary directory for one rehearsal, removed after the test file. */
export function workDir(name: string): string {
  return tmpDir(`rehearsal-${name}`);
}

export interface Synthesized {
  readonly stackDir: string;
  readonly plan: PlanJson;
  readonly out: string;
}

export interface PlanJson {
  readonly topics: {
    name: string;
    terraformName: string;
    partitions: number;
    storage: string;
    compact: boolean;
    configs: Record<string, string>;
    adopted?: unknown;
  }[];
  readonly groups: { name: string; adopted?: unknown }[];
  /** With synth --mirror: MirrorMaker's own topics and group, which Terraform creates too. */
  readonly transfer?: {
    readonly mirrorMaker?: {
      readonly topics: { name: string; partitions: number; storage: string; compact: boolean }[];
      readonly groups: { name: string }[];
    };
  };
  readonly users: { name: string; type: string; adopted?: unknown }[];
  /** The pacing sleeps of a plan that creates more topics than one second's CreateTopic quota. */
  readonly pacing?: { readonly sleeps: { terraformName: string; createDuration: string; after?: string; topics: string[] }[] };
  readonly applyEstimate: { readonly recommendedParallelism: number };
  readonly acls: {
    terraformName: string;
    username: string;
    resourceType: string;
    resourceName: string;
    patternType: string;
    operation: string;
    host?: string;
  }[];
}

/** `alikafka-migrate synth` through the CLI's main, into `out`; returns the stack directory and the report's plan. */
export async function synth(out: string, args: string[]): Promise<Synthesized> {
  await runCliOk(['synth', ...args, '--out', out]);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'migration-report.json'), 'utf8')) as { plan: PlanJson };
  return { stackDir: stackDir(out), plan: report.plan, out };
}

const KAFKA_OP: Readonly<Record<string, string>> = { Read: 'READ', Write: 'WRITE', Describe: 'DESCRIBE', IdempotentWrite: 'IDEMPOTENT_WRITE' };
const KAFKA_TYPE: Readonly<Record<string, string>> = { Topic: 'TOPIC', Group: 'GROUP', Cluster: 'CLUSTER', TransactionalId: 'TRANSACTIONAL_ID' };

/** What the broker must hold for `plan`, in the broker snapshot's shape. */
export function expectedBroker(plan: PlanJson): BrokerSnapshot {
  const mm = plan.transfer?.mirrorMaker;
  const topics = [...plan.topics, ...(mm?.topics ?? []).map((t) => ({ ...t, configs: {} }))];
  return {
    topics: topics
      .map((t) => ({
        name: t.name,
        partitions: t.partitions,
        configs: Object.fromEntries(
          Object.entries({ ...(t.storage === 'local' ? t.configs : {}), ...(t.compact ? { 'cleanup.policy': 'compact' } : {}) }).sort(([a], [b]) =>
            a.localeCompare(b),
          ),
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    groups: [...plan.groups, ...(mm?.groups ?? [])].map((g) => g.name).sort(),
    users: plan.users
      .filter((u) => u.type === 'scram')
      .map((u) => u.name)
      .sort(),
    acls: plan.acls
      .map((a) => ({
        principal: `User:${a.username}`,
        resourceType: KAFKA_TYPE[a.resourceType],
        resourceName: a.resourceName,
        patternType: a.patternType,
        operation: KAFKA_OP[a.operation],
        permission: 'ALLOW',
        host: a.host ?? '*',
      }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
  };
}

/** Point, init, plan and apply `stackDir`; returns the plan's counts and the apply result. */
export async function applyStack(
  rh: Rehearsal,
  stackDir: string,
  env: Record<string, string>,
  parallelism?: number,
  statePath?: string,
  backend?: Record<string, unknown>,
): Promise<{ planned: Awaited<ReturnType<Rehearsal['plan']>>; seconds: number }> {
  rh.pointStack(stackDir, statePath, backend);
  await rh.init(stackDir);
  const planned = await rh.plan(stackDir, env, 'apply.tfplan');
  const applied = await rh.apply(stackDir, env, 'apply.tfplan', parallelism);
  if (applied.code !== 0) throw new Error(`terraform apply failed:\n${applied.stdout.slice(-6000)}\n${applied.stderr.slice(-3000)}`);
  return { planned, seconds: applied.seconds };
}
