/**
 * `npm run rehearse -- --metadata FILE [synth flags] [--json] [--parallelism N] [--work DIR]`
 * `npm run rehearse -- --clone --metadata FILE [synth flags] [--records N] [--json] [--parallelism N] [--work DIR]`
 *
 * Synthesizes (through lib/cli's main), starts a Kafka 2.6 broker and the local AliKafka control plane,
 * runs `terraform init` and `apply` with the real provider against it, then a second `terraform plan`, and
 * prints what the broker holds. Exit 0 only when the apply succeeded and the re-plan is empty.
 *
 * With `--clone`: the estate on instance A, A exported through the OpenAPI, instance B planned from that export and
 * applied, A copied to B by MirrorMaker 2, cut over and verified (./clone.ts). Exit 0 only when every check passed.
 *
 * Outside a network namespace it prepares what needs the network or the shared folder (provider mirror,
 * Maven jars) and re-runs itself inside `unshare -n` with only loopback up.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main as cliMain } from '../../lib/cli';
import { fetchKafka26Jars, killTrackedProcesses } from './broker';
import { CloneResult, rehearseClone, splitCloneFlags } from './clone';
import { fetchKafka39Jars, killMirrorMakers } from './mirror-maker';
import { providerEnv } from './provider-env';
import { inOwnNetworkNamespace, portsFor, Rehearsal } from './rehearsal';

interface RehearseArgs {
  readonly json: boolean;
  readonly parallelism?: number;
  readonly work?: string;
  readonly synthArgs: string[];
  readonly instanceId?: string;
  readonly ioMaxSpec?: string;
  readonly specType?: string;
  readonly partitionNum?: number;
  readonly rateScale?: number;
  /** `--clone`: the instance-to-instance rehearsal. */
  readonly clone: boolean;
  /** `--clone --records N`: records written to each partition of instance A. */
  readonly records?: number;
}

function usage(msg: string): never {
  process.stderr.write(
    `error: ${msg}\nusage: npm run rehearse -- [--clone [--records N]] --metadata FILE [synth flags] [--json] [--parallelism N] [--work DIR]\n`,
  );
  process.exit(2);
}

export function parseArgs(argv: readonly string[]): RehearseArgs {
  const synthArgs: string[] = [];
  let json = false;
  let parallelism: number | undefined;
  let work: string | undefined;
  let rateScale: number | undefined;
  let instanceId: string | undefined;
  let ioMaxSpec: string | undefined;
  let specType: string | undefined;
  let partitionNum: number | undefined;
  let hasMetadata = false;
  let clone = false;
  let records: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--clone') clone = true;
    else if (a === '--records') {
      records = Number(next());
      if (!Number.isInteger(records) || records < 1 || records > 10_000) usage('--records must be an integer from 1 to 10000');
    } else if (a === '--parallelism') {
      parallelism = Number(next());
      if (!Number.isInteger(parallelism) || parallelism < 1) usage('--parallelism must be a positive integer');
    } else if (a === '--work') work = path.resolve(next());
    else if (a === '--rate-scale') {
      rateScale = Number(next());
      if (!(rateScale > 0)) usage('--rate-scale must be positive');
    } else if (a === '--out' || a === '--stack') usage(`${a} is chosen by rehearse (use --work DIR)`);
    else {
      synthArgs.push(a);
      if (a === '--metadata') hasMetadata = true;
      const takesValue = a.startsWith('--') && i + 1 < argv.length && !argv[i + 1].startsWith('--');
      if (takesValue) {
        const v = argv[++i];
        synthArgs.push(a === '--metadata' || a === '--rename-map' || a === '--previous-metadata' || a === '--existing-target' ? path.resolve(v) : v);
        if (a === '--instance-id') instanceId = v;
        if (a === '--io-max-spec') ioMaxSpec = v;
        if (a === '--spec-type') specType = v;
        if (a === '--partition-num') partitionNum = Number(v);
      }
    }
  }
  if (!hasMetadata) usage('--metadata FILE is required');
  if (records !== undefined && !clone) usage('--records goes with --clone');
  if (clone) {
    try {
      splitCloneFlags(synthArgs);
    } catch (e) {
      usage((e as Error).message);
    }
  }
  return { json, parallelism, work, synthArgs, instanceId, ioMaxSpec, specType, partitionNum, rateScale, clone, records };
}

/** Outside: prepare, then run this script again inside a loopback-only network namespace. */
function reexecContained(argv: readonly string[]): number {
  const log = (s: string): void => {
    process.stderr.write(`rehearse: ${s}\n`);
  };
  const provider = providerEnv();
  fetchKafka26Jars(log);
  if (argv.includes('--clone')) fetchKafka39Jars(); // MirrorMaker 2
  const r = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, __filename, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, REHEARSE_IN_NETNS: '1', TF_CLI_CONFIG_FILE: provider.TF_CLI_CONFIG_FILE, TERRAFORM_BIN: provider.TERRAFORM_BIN },
  });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** The clone rehearsal; prints its result (one JSON object with --json). */
async function clone(args: RehearseArgs, work: string, log: (s: string) => void, write: (s: string) => void): Promise<number> {
  const at = args.synthArgs.indexOf('--metadata');
  const metadata = args.synthArgs[at + 1];
  const synthArgs = [...args.synthArgs.slice(0, at), ...args.synthArgs.slice(at + 2)];
  const provider = { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE!, TERRAFORM_BIN: process.env.TERRAFORM_BIN! };
  let result: CloneResult;
  try {
    result = await rehearseClone({ metadata, synthArgs, work, provider, records: args.records, parallelism: args.parallelism, rateScale: args.rateScale, log });
  } catch (e) {
    log(`error: ${(e as Error).message}`);
    return 1;
  }
  if (args.json) write(`${JSON.stringify(result)}\n`);
  else {
    const w = (s: string): void => {
      write(`${s}\n`);
    };
    const topics = (ts: CloneResult['sourceTopics']): string => ts.map((t) => `${t.name}/${t.partitions}/${t.storage}`).join(', ');
    w(`clone ${result.sourceInstance} -> ${result.targetInstance}: ${result.ok ? 'ok' : 'FAILED'}`);
    w(`  source topics: ${topics(result.sourceTopics)}`);
    w(`  target topics: ${topics(result.targetTopics)}${result.topicsMatch ? ' (as on the source, renamed per the plan)' : ' (DIFFERENT from the source)'}`);
    w(
      `  users and ACLs: ${result.targetUsers.length} users, ${result.targetAcls.length} ACLs on the target${result.securityMatch ? ' (as on the source)' : ' (DIFFERENT from the source)'}`,
    );
    w(`  re-plan of the target: ${result.replanChanges} changes${result.replanAddresses ? ` (${result.replanAddresses.join(', ')})` : ''}`);
    for (const g of result.groups)
      w(`  group ${g.group} -> ${g.targetGroup}: ${g.verdict}, offsets ${JSON.stringify(g.sourceOffsets)} -> ${JSON.stringify(g.targetOffsets)}`);
    w(`  verify: ${result.verify.ok ? 'ok' : 'FAILED'}, ${result.verify.messagesCompared} messages, ${result.verify.differences.length} differences`);
    w(
      `  ${result.seconds.total} s (apply A ${result.seconds.sourceApply} s, apply B ${result.seconds.targetApply} s, copy and cutover ${result.seconds.copy} s)`,
    );
  }
  return result.ok ? 0 : 1;
}

const stdout = (s: string): void => {
  process.stdout.write(s);
};

/**
 * One rehearsal, inside the loopback-only namespace: what `npm run rehearse -- ARGS` runs once it is there; `write`
 * receives what it prints on stdout (progress goes to stderr).
 */
export function rehearseContained(argv: readonly string[], write: (s: string) => void = stdout): Promise<number> {
  return rehearse(parseArgs(argv), write);
}

async function rehearse(args: RehearseArgs, write: (s: string) => void): Promise<number> {
  const log = (s: string): void => {
    process.stderr.write(`rehearse: ${s}\n`);
  };
  const work = args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-rehearse-'));
  if (args.clone) return clone(args, work, log, write);
  const out = path.join(work, 'synth');
  fs.rmSync(out, { recursive: true, force: true });
  // synth through the CLI itself (its own output goes to stderr so --json stays one object)
  const io = {
    out: (t: string) => {
      process.stderr.write(t);
    },
    err: (t: string) => {
      process.stderr.write(t);
    },
    isTty: false,
  };
  const code = await cliMain(['synth', ...args.synthArgs, '--out', out, '--stack', 'alikafka-migration'], io);
  if (code !== 0) return code;
  const stackDir = path.join(out, 'stacks', 'alikafka-migration');

  const provider = { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE!, TERRAFORM_BIN: process.env.TERRAFORM_BIN! };
  const apiLog = fs.openSync(path.join(work, 'api-errors.log'), 'w');
  const rh = new Rehearsal(provider, portsFor(), {
    rateScale: args.rateScale,
    onCall: (action, outcome, code, message) => {
      if (outcome === 'error') fs.writeSync(apiLog, `${new Date().toISOString()} ${action} ${code}: ${message}\n`);
    },
  });
  try {
    log(`starting Kafka 2.6 and the control plane (work directory ${work})`);
    await rh.start();
    if (args.instanceId)
      rh.controlPlane.provisionInstance({ id: args.instanceId, ioMaxSpec: args.ioMaxSpec, specType: args.specType, partitionNum: args.partitionNum });
    rh.pointStack(stackDir);
    const env = rh.passwordVars(stackDir);
    log('terraform init');
    await rh.init(stackDir);
    const planned = await rh.plan(stackDir, env, 'apply.tfplan');
    log(`terraform apply (${planned.total} changes, ${planned.import} imports${args.parallelism ? `, -parallelism=${args.parallelism}` : ''})`);
    const applied = await rh.apply(stackDir, env, 'apply.tfplan', args.parallelism);
    fs.writeFileSync(path.join(work, 'apply.log'), applied.stdout + applied.stderr);
    let replanChanges = -1;
    let replanAddresses: string[] = [];
    if (applied.code === 0) {
      log(`applied in ${applied.seconds.toFixed(1)} s; terraform plan again`);
      const replan = await rh.plan(stackDir, env, 'replan.tfplan');
      replanChanges = replan.total;
      replanAddresses = replan.addresses.filter((a) => !a.startsWith('import '));
    } else {
      process.stderr.write(
        `${applied.stdout
          .split('\n')
          .filter((l) => /Error|error/.test(l))
          .slice(0, 40)
          .join('\n')}\n`,
      );
      log(`apply failed (log: ${path.join(work, 'apply.log')})`);
    }
    const broker = await rh.snapshot();
    const result = {
      applied: applied.code === 0 ? planned.total + planned.import : 0,
      replanChanges,
      broker,
      applySeconds: Math.round(applied.seconds * 10) / 10,
      ...(replanAddresses.length ? { replanAddresses } : {}),
      apiCalls: rh.controlPlane.stats,
      work,
    };
    if (args.json) write(`${JSON.stringify(result)}\n`);
    else {
      const w = (s: string): void => {
        write(`${s}\n`);
      };
      w(`apply: ${applied.code === 0 ? 'ok' : 'FAILED'}, ${result.applied} resources in ${result.applySeconds} s`);
      w(`re-plan: ${replanChanges < 0 ? 'not run' : `${replanChanges} changes`}${replanAddresses.length ? ` (${replanAddresses.join(', ')})` : ''}`);
      w(
        `broker ${rh.broker.plaintextEndpoint} (SASL/SCRAM ${rh.broker.saslEndpoint}): ${broker.topics.length} topics, ${broker.topics.reduce((a, t) => a + t.partitions, 0)} partitions, ${broker.groups.length} groups, ${broker.users.length} SCRAM users, ${broker.acls.length} ACLs`,
      );
      for (const t of broker.topics) w(`  topic ${t.name} partitions=${t.partitions}${Object.keys(t.configs).length ? ` ${JSON.stringify(t.configs)}` : ''}`);
      for (const g of broker.groups) w(`  group ${g}`);
      for (const u of broker.users) w(`  user ${u}`);
      for (const a of broker.acls) w(`  acl ${a.principal} ${a.operation} ${a.resourceType}:${a.patternType}:${a.resourceName}`);
      w(`throttled calls: ${JSON.stringify(rh.controlPlane.stats.throttled)}`);
    }
    return applied.code === 0 && replanChanges === 0 ? 0 : 1;
  } finally {
    await rh.stop();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  if (!inOwnNetworkNamespace()) {
    if (process.env.REHEARSE_IN_NETNS === '1') {
      process.stderr.write('rehearse: error: expected to run inside a loopback-only network namespace, but this one has other interfaces\n');
      process.exit(1);
    }
    process.exit(reexecContained(argv));
  }
  process.on('SIGINT', () => {
    killTrackedProcesses();
    killMirrorMakers();
    process.exit(130);
  });
  rehearse(args, stdout).then(
    (c) => process.exit(c),
    (e: Error) => {
      killTrackedProcesses();
      killMirrorMakers();
      process.stderr.write(`rehearse: error: ${e.message}\n`);
      process.exit(1);
    },
  );
}
