/**
 * The clone rehearsal (`npm run rehearse -- --clone`): an AliKafka instance moved into another one, every step
 * through the tool's own commands, against the stand-in, inside the loopback-only network namespace.
 *
 * 1. Instance A holds the estate: `synth --metadata ESTATE` (with the synth flags that shape an instance, not those
 *    of the move) and `terraform apply` with the real provider; then records on every topic and, for each group of
 *    the estate with committed offsets, those offsets committed on A (test data, written by the rehearsal).
 * 2. `export --alikafka-instance A` through the official SDK (plus A's bootstrap servers for offsets and bytes).
 * 3. Instance B from that export: `synth` with every synth flag given (renames, selection, MirrorMaker settings),
 *    `terraform apply`, and a second `terraform plan` (its changes are `replanChanges`).
 * 4. `mirror` renders MirrorMaker 2 from B's plan; dedicated MirrorMaker (Kafka 3.9 jars) copies A to B.
 * 5. `cutover` until every drained group is `ready-to-switch` (its offsets translated), then `verify`.
 *
 * Each instance has its own Kafka 2.6 broker (the same topic names exist on both, as on Alibaba Cloud): A's is
 * given to the first order through `ControlPlaneOptions.orderBrokers`, B's is the rehearsal's default broker.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main as cliMain } from '../../lib/cli';
import type { CutoverResult } from '../../lib/cutover/verdict';
import { loadMetadataFile } from '../../lib/model';
import { loadPlanFile } from '../../lib/model/plan-file';
import type { MigrationPlanFile } from '../../lib/plan/types';
import { kafkaModule } from '../../lib/sources/client';
import type { VerifyResult } from '../../lib/verify/compare';
import { Broker } from './broker';
import { buildPolicyJar, kafka39Lib, MirrorMakerProcess, startMirrorMaker } from './mirror-maker';
import { ProviderEnv } from './provider-env';
import { portsFor, Rehearsal } from './rehearsal';

/** Synth flags about the move, not about an instance: given to B's plan only. */
export const MOVE_FLAGS: ReadonlySet<string> = new Set([
  '--rename-map',
  '--include',
  '--exclude',
  '--all-users',
  '--mirror',
  '--replication-factor',
  '--checkpoint-interval',
  '--max-tasks',
  '--compression',
]);
/** Synth flags a clone rehearsal cannot take (it makes both instances itself, copies with MirrorMaker, keeps local state). */
export const REFUSED_FLAGS: ReadonlySet<string> = new Set([
  '--instance-id',
  '--existing-target',
  '--previous-metadata',
  '--allow-destroy',
  '--no-copy',
  '--backend',
  '--backend-config',
  '--out',
  '--stack',
  '--json',
]);
/** Synth flags without a value (every other flag of the rehearsal's synth flags takes one). */
const SWITCHES: ReadonlySet<string> = new Set(['--single-zone', '--ssd', '--instance-password', '--all-users', '--no-dots']);

/** The AccessKeyId the stand-in accepts from the provider (`Rehearsal.pointStack`) and from the export's SDK. */
const KEY_ID = 'rehearsal-dummy-key';
const KEY_SECRET = 'rehearsal-dummy-secret';
const STACK = 'alikafka-migration';

export interface CloneOptions {
  /** The estate: a metadata file (v1) that instance A is made from. */
  readonly metadata: string;
  /** Synth flags, `--metadata` excluded. */
  readonly synthArgs: readonly string[];
  readonly work: string;
  readonly provider: ProviderEnv;
  /** Records written to each partition of A (more where a group's committed offset is beyond). @default 50 */
  readonly records?: number;
  readonly parallelism?: number;
  readonly rateScale?: number;
  /** Ports inside the namespace. @default RIG_PORT_BASE or 33000 */
  readonly portBase?: number;
  /** How long MirrorMaker may take to copy the records and translate the groups' offsets, ms. @default 300000 */
  readonly copyTimeoutMs?: number;
  readonly log?: (s: string) => void;
}

export interface CloneTopic {
  readonly name: string;
  readonly partitions: number;
  readonly storage: 'local' | 'cloud';
}

export interface CloneGroup {
  readonly group: string;
  /** The group's name on B. */
  readonly targetGroup: string;
  readonly verdict: string;
  /** Committed offsets, `topic[partition]` → offset, on A (source names) and on B (target names). */
  readonly sourceOffsets: Readonly<Record<string, number>>;
  readonly targetOffsets: Readonly<Record<string, number>>;
}

export interface CloneResult {
  /** Every check passed: both applies, an empty re-plan, B's topics, users and ACLs as A's (renamed per the plan), the drained groups ready, verify ok. */
  readonly ok: boolean;
  readonly sourceInstance: string;
  readonly targetInstance: string;
  /** The stand-in's topics of A and of B (B's without MirrorMaker's own, listed in `mirrorTopics`), by name. */
  readonly sourceTopics: readonly CloneTopic[];
  readonly targetTopics: readonly CloneTopic[];
  readonly mirrorTopics: readonly string[];
  /** B's plan renames (source name → target name). */
  readonly renames: Readonly<Record<string, string>>;
  /** Whether B holds A's topics, partitions and storage, under the planned names. */
  readonly topicsMatch: boolean;
  /** SCRAM users and ACLs on each instance's broker (`principal operation resourceType:patternType:name`). */
  readonly sourceUsers: readonly string[];
  readonly targetUsers: readonly string[];
  readonly sourceAcls: readonly string[];
  readonly targetAcls: readonly string[];
  /** Whether B holds A's users and ACLs (ACLs on renamed topics under the new names). */
  readonly securityMatch: boolean;
  readonly replanChanges: number;
  readonly replanAddresses?: readonly string[];
  readonly groups: readonly CloneGroup[];
  readonly verify: VerifyResult;
  readonly recordsWritten: number;
  readonly seconds: { readonly sourceApply: number; readonly targetApply: number; readonly copy: number; readonly total: number };
  readonly work: string;
}

/** Splits the synth flags into A's (instance-shaping) and B's (all), refusing those a clone cannot take. */
export function splitCloneFlags(synthArgs: readonly string[]): { source: string[]; target: string[] } {
  const source: string[] = [];
  const target: string[] = [];
  for (let i = 0; i < synthArgs.length; i++) {
    const flag = synthArgs[i];
    if (REFUSED_FLAGS.has(flag)) throw new Error(`${flag} cannot be used with --clone (the rehearsal makes both instances itself)`);
    const takesValue = flag.startsWith('--') && !SWITCHES.has(flag) && i + 1 < synthArgs.length && !synthArgs[i + 1].startsWith('--');
    const words = takesValue ? [flag, synthArgs[++i]] : [flag];
    if (flag === '--mirror' && words[1] !== 'dedicated') throw new Error('--clone runs dedicated MirrorMaker 2: give --mirror dedicated or leave it out');
    target.push(...words);
    if (!MOVE_FLAGS.has(flag)) source.push(...words);
  }
  // B's plan needs MirrorMaker's own topics (created by its apply); one broker holds one replica; quick checkpoints
  const defaults: Array<[string, string]> = [
    ['--mirror', 'dedicated'],
    ['--replication-factor', '1'],
    ['--checkpoint-interval', '5'],
  ];
  for (const [flag, value] of defaults) if (!target.includes(flag)) target.push(flag, value);
  return { source, target };
}

/** Runs one CLI command in-process; returns its stdout; throws with its stderr on a non-zero exit. */
async function cli(argv: string[], log: (s: string) => void, okCodes: readonly number[] = [0]): Promise<{ code: number; out: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
      log(t.trimEnd());
    },
    isTty: false,
  });
  if (!okCodes.includes(code)) throw new Error(`alikafka-migrate ${argv[0]} exited ${code}:\n${err.slice(-4000)}`);
  return { code, out };
}

async function withEnv<T>(vars: Readonly<Record<string, string>>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const START_TIMEOUT_MS = 240_000;

function within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tp = (topic: string, partition: number): string => `${topic}[${partition}]`;

type KafkaAdmin = InstanceType<ReturnType<typeof kafkaModule>['Admin']>;

async function withAdmin<T>(bootstrap: string, f: (a: KafkaAdmin) => Promise<T>): Promise<T> {
  const m = kafkaModule();
  const admin = new m.Admin({ clientId: 'alikafka-rehearse-clone', bootstrapBrokers: [bootstrap], retries: 3 });
  try {
    return await f(admin);
  } finally {
    await admin.close();
  }
}

/** End offsets of the topics' partitions, `topic[p]` → offset. */
async function endOffsets(bootstrap: string, topics: readonly CloneTopic[]): Promise<Map<string, number>> {
  if (!topics.length) return new Map();
  const listed = await withAdmin(bootstrap, (a) =>
    a.listOffsets({
      topics: topics.map((t) => ({ name: t.name, partitions: Array.from({ length: t.partitions }, (_, p) => ({ partitionIndex: p, timestamp: -1n })) })),
    }),
  );
  return new Map(listed.flatMap((t) => t.partitions.map((p) => [tp(t.name, p.partitionIndex), Number(p.offset)] as [string, number])));
}

async function committedOffsets(bootstrap: string, group: string): Promise<Record<string, number>> {
  const r = await withAdmin(bootstrap, (a) => a.listConsumerGroupOffsets({ groups: [group] }));
  const out: Record<string, number> = {};
  for (const g of r)
    for (const t of g.topics) for (const p of t.partitions) if (p.committedOffset >= 0n) out[tp(t.name, p.partitionIndex)] = Number(p.committedOffset);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The stand-in's topics of one instance (GetTopicList, every page), by name. */
async function instanceTopics(rh: Rehearsal, instanceId: string): Promise<CloneTopic[]> {
  const r = (await rh.controlPlane.call('GetTopicList', { InstanceId: instanceId })) as {
    TopicList: { TopicVO: Array<{ Topic: string; PartitionNum: number; LocalTopic: boolean }> };
  };
  return r.TopicList.TopicVO.map((t) => ({
    name: t.Topic,
    partitions: Number(t.PartitionNum),
    storage: t.LocalTopic ? ('local' as const) : ('cloud' as const),
  })).sort((a, b) => a.name.localeCompare(b.name));
}

/** synth, then init, plan and apply of its stack; returns the stack directory, the plan file, outputs and seconds. */
async function synthAndApply(
  rh: Rehearsal,
  args: string[],
  out: string,
  parallelism: number | undefined,
  log: (s: string) => void,
): Promise<{ stackDir: string; plan: MigrationPlanFile; env: Record<string, string>; outputs: Record<string, string>; seconds: number }> {
  fs.rmSync(out, { recursive: true, force: true });
  await cli(['synth', ...args, '--out', out, '--stack', STACK], log);
  const stackDir = path.join(out, 'stacks', STACK);
  rh.pointStack(stackDir);
  const env = rh.passwordVars(stackDir);
  await rh.init(stackDir);
  const planned = await rh.plan(stackDir, env, 'apply.tfplan');
  log(`terraform apply of ${path.relative(path.dirname(out), out)} (${planned.total} changes)`);
  const applied = await rh.apply(stackDir, env, 'apply.tfplan', parallelism);
  fs.writeFileSync(path.join(out, 'apply.log'), applied.stdout + applied.stderr);
  if (applied.code !== 0)
    throw new Error(`terraform apply failed (log: ${path.join(out, 'apply.log')}):\n${applied.stdout.slice(-4000)}\n${applied.stderr.slice(-2000)}`);
  const o = await rh.terraform(stackDir, ['output', '-json'], env);
  const outputs = Object.fromEntries(Object.entries(JSON.parse(o.stdout) as Record<string, { value: unknown }>).map(([k, v]) => [k, String(v.value)]));
  return { stackDir, plan: loadPlanFile(path.join(stackDir, 'migration-plan.json')), env, outputs, seconds: applied.seconds };
}

/**
 * Writes `records` keyed records to every partition of A's topics (more where a group's committed offset in the
 * estate is beyond, up to 10,000), then commits the estate's groups' offsets on A. Returns the records written per partition.
 */
async function fillSource(bootstrap: string, topics: readonly CloneTopic[], estate: string, records: number): Promise<Map<string, number>> {
  const meta = loadMetadataFile(estate);
  const onA = new Map(topics.map((t) => [t.name, t]));
  const commits = (meta.consumerGroups ?? [])
    .map((g) => ({ group: g.groupId, offsets: (g.offsets ?? []).filter((o) => (onA.get(o.topic)?.partitions ?? 0) > o.partition) }))
    .filter((g) => g.offsets.length > 0);
  const counts = new Map<string, number>();
  for (const t of topics) for (let p = 0; p < t.partitions; p++) counts.set(tp(t.name, p), records);
  for (const g of commits)
    for (const o of g.offsets) counts.set(tp(o.topic, o.partition), Math.min(10_000, Math.max(counts.get(tp(o.topic, o.partition)) ?? 0, o.offset)));

  const m = kafkaModule();
  const producer = new m.Producer({ clientId: 'alikafka-rehearse-clone', bootstrapBrokers: [bootstrap], retries: 3, acks: -1 });
  try {
    for (const t of topics)
      for (let p = 0; p < t.partitions; p++) {
        const n = counts.get(tp(t.name, p)) ?? 0;
        for (let from = 0; from < n; from += 500) {
          const messages = Array.from({ length: Math.min(500, n - from) }, (_, i) => ({
            topic: t.name,
            partition: p,
            key: Buffer.from(`${t.name}-${p}-${from + i}`),
            value: Buffer.from(`clone rehearsal record ${from + i} of ${t.name}[${p}]`),
          }));
          await producer.send({ messages });
        }
      }
  } finally {
    await producer.close();
  }
  await withAdmin(bootstrap, async (a) => {
    for (const g of commits) {
      const byTopic = new Map<string, Array<{ partition: number; offset: bigint }>>();
      for (const o of g.offsets) {
        const list = byTopic.get(o.topic) ?? [];
        list.push({ partition: o.partition, offset: BigInt(Math.min(o.offset, counts.get(tp(o.topic, o.partition)) ?? 0)) });
        byTopic.set(o.topic, list);
      }
      await a.alterConsumerGroupOffsets({ groupId: g.group, topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })) });
    }
  });
  return counts;
}

export async function rehearseClone(opts: CloneOptions): Promise<CloneResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const { source: sourceFlags, target: targetFlags } = splitCloneFlags(opts.synthArgs);
  const base = opts.portBase ?? Number(process.env.RIG_PORT_BASE ?? 33000);
  const ports = portsFor(base);
  // two brokers and MirrorMaker on a small machine: small heaps unless asked otherwise
  const heap = process.env.REHEARSE_BROKER_HEAP;
  process.env.REHEARSE_BROKER_HEAP = heap ?? '384m';
  const brokerA = new Broker({ zk: ports.zk + 1, plaintext: ports.plaintext + 1, sasl: ports.sasl + 1 });
  const rh = new Rehearsal(opts.provider, ports, { accessKeyId: KEY_ID, rateScale: opts.rateScale, orderBrokers: [brokerA] });
  let mm2: MirrorMakerProcess | undefined;
  try {
    log(`starting two Kafka 2.6 brokers (A ${brokerA.plaintextEndpoint}, B ${rh.broker.plaintextEndpoint}) and the control plane (work ${opts.work})`);
    // one after the other, each with a deadline: on a loaded machine a start that hangs fails the rehearsal (and
    // the finally below stops what did start) instead of outliving it
    await within(
      brokerA.start(),
      START_TIMEOUT_MS,
      `instance A's broker did not start within ${START_TIMEOUT_MS / 1000} s (REHEARSE_KEEP=1 keeps its logs in ${brokerA.dir})`,
    );
    await within(
      rh.start(),
      START_TIMEOUT_MS,
      `instance B's broker and the control plane did not start within ${START_TIMEOUT_MS / 1000} s (REHEARSE_KEEP=1 keeps its logs in ${rh.broker.dir})`,
    );
    if (heap === undefined) delete process.env.REHEARSE_BROKER_HEAP;

    // 1. instance A: the estate
    const a = await synthAndApply(rh, ['--metadata', opts.metadata, ...sourceFlags], path.join(opts.work, 'source'), opts.parallelism, log);
    const idA = a.outputs.instance_id;
    if (a.outputs.endpoint !== brokerA.plaintextEndpoint)
      throw new Error(`instance A (${idA}) answers on ${a.outputs.endpoint}, not on its own broker ${brokerA.plaintextEndpoint}`);
    const topicsA = await instanceTopics(rh, idA);
    const written = await fillSource(brokerA.plaintextEndpoint, topicsA, opts.metadata, opts.records ?? 50);
    const recordsWritten = [...written.values()].reduce((s, n) => s + n, 0);
    log(`instance ${idA}: ${topicsA.length} topics, ${recordsWritten} records written, the estate's committed offsets set`);

    // 2. export A through the OpenAPI (the SDK), with its broker for offsets and stored bytes
    const region = a.plan.instance.mode === 'new' ? a.plan.instance.region : rh.controlPlane.regionId;
    await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY_SECRET, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' }, () =>
      cli(
        [
          'export',
          '--alikafka-instance',
          idA,
          '--region',
          region,
          '--endpoint',
          `http://${rh.endpoint}`,
          '--bootstrap-servers',
          brokerA.plaintextEndpoint,
          '--target-directory',
          opts.work,
          '--file-name',
          'instance-a.json',
        ],
        log,
      ),
    );

    // 3. instance B from the export, applied, planned again
    const b = await synthAndApply(
      rh,
      ['--metadata', path.join(opts.work, 'instance-a.json'), ...targetFlags],
      path.join(opts.work, 'target'),
      opts.parallelism,
      log,
    );
    const idB = b.outputs.instance_id;
    if (b.outputs.endpoint !== rh.broker.plaintextEndpoint)
      throw new Error(`instance B (${idB}) answers on ${b.outputs.endpoint}, not on its own broker ${rh.broker.plaintextEndpoint}`);
    const replan = await rh.plan(b.stackDir, b.env, 'replan.tfplan');
    const replanAddresses = replan.addresses.filter((x) => !x.startsWith('import '));
    log(`re-plan of B: ${replan.total} changes`);

    // 4. MirrorMaker 2 from B's plan
    const planB = path.join(b.stackDir, 'migration-plan.json');
    const clusters = ['--source-bootstrap', brokerA.plaintextEndpoint, '--target-bootstrap', rh.broker.plaintextEndpoint];
    const mmDir = path.join(opts.work, 'mirror');
    await cli(['mirror', '--plan', planB, ...clusters, '--out', mmDir], log);
    const report = JSON.parse(fs.readFileSync(path.join(mmDir, 'mirror-report.json'), 'utf8')) as { targetAlias: string };
    const lib = kafka39Lib();
    if (!fs.existsSync(lib))
      throw new Error(`the Kafka 3.9 jars for MirrorMaker 2 are not in ${lib}: run \`bash scripts/rig/rig.sh fetch\` outside the namespace`);
    const policy = path.join(mmDir, 'RenamingReplicationPolicy.java');
    const extra = fs.existsSync(policy) ? [buildPolicyJar(policy, lib, path.join(opts.work, 'policy'))] : [];
    const tCopy = Date.now();
    mm2 = startMirrorMaker(lib, path.join(mmDir, 'mm2.properties'), report.targetAlias, path.join(opts.work, 'mm2'), extra);

    const copied = (b.plan.transfer?.topics ?? []).filter((t) => t.copy !== 'not-copied');
    const targetOf = new Map(copied.map((t) => [t.sourceName, t.name]));
    const deadline = Date.now() + (opts.copyTimeoutMs ?? 300_000);
    const running = (): void => {
      if (mm2 && mm2.proc.exitCode !== null) throw new Error(`MirrorMaker 2 exited (${mm2.proc.exitCode}):\n${mm2.tail()}`);
      if (Date.now() > deadline)
        throw new Error(`MirrorMaker 2 did not finish within ${(opts.copyTimeoutMs ?? 300_000) / 1000} s (log ${mm2?.log}):\n${mm2?.tail()}`);
    };
    const wanted = topicsA.filter((t) => targetOf.has(t.name)).map((t) => ({ ...t, name: targetOf.get(t.name) as string }));
    for (;;) {
      running();
      const ends = await endOffsets(rh.broker.plaintextEndpoint, wanted).catch(() => new Map<string, number>());
      const behind = topicsA
        .filter((t) => targetOf.has(t.name))
        .some((t) =>
          Array.from({ length: t.partitions }, (_, p) => p).some(
            (p) => (ends.get(tp(targetOf.get(t.name) as string, p)) ?? 0) < (written.get(tp(t.name, p)) ?? 0),
          ),
        );
      if (!behind) break;
      await sleep(1000);
    }
    log(`copied in ${((Date.now() - tCopy) / 1000).toFixed(1)} s; waiting for the groups' offsets`);

    // 5. cutover until the drained groups are ready to switch and every group's offsets are on B; then verify
    const groupsA = new Map<string, Record<string, number>>();
    for (const g of b.plan.groups) {
      const offs = await committedOffsets(brokerA.plaintextEndpoint, g.sourceId);
      if (Object.keys(offs).length) groupsA.set(g.sourceId, offs);
    }
    const drained = (offs: Record<string, number>): boolean => Object.entries(offs).every(([k, v]) => v >= (written.get(k) ?? 0));
    let verdicts = new Map<string, string>();
    const targetGroup = new Map(b.plan.groups.map((g) => [g.sourceId, g.name]));
    let groupsB = new Map<string, Record<string, number>>();
    for (;;) {
      running();
      if (groupsA.size === 0) break;
      const r = await cli(
        ['cutover', '--plan', planB, ...clusters, ...[...groupsA.keys()].flatMap((g) => ['--group', g]), '--max-lag', '0', '--stable-seconds', '0', '--json'],
        () => undefined,
      );
      verdicts = new Map((JSON.parse(r.out) as CutoverResult).groups.map((g) => [g.group, g.verdict]));
      groupsB = new Map();
      for (const g of groupsA.keys()) groupsB.set(g, await committedOffsets(rh.broker.plaintextEndpoint, targetGroup.get(g) ?? g));
      const done = [...groupsA].every(([g, offs]) =>
        drained(offs) ? verdicts.get(g) === 'ready-to-switch' : Object.keys(groupsB.get(g) ?? {}).length >= Object.keys(offs).length,
      );
      if (done) break;
      await sleep(2000);
    }
    const copySeconds = (Date.now() - tCopy) / 1000;
    await mm2.stop();
    mm2 = undefined;
    const v = await cli(['verify', '--plan', planB, ...clusters, '--json'], () => undefined, [0, 1, 3]);
    const verify = JSON.parse(v.out) as VerifyResult;

    // what the stand-in holds
    const mirrorTopics = new Set((b.plan.transfer?.mirrorMaker?.topics ?? []).map((t) => t.name));
    const allB = await instanceTopics(rh, idB);
    const sourceTopics = await instanceTopics(rh, idA);
    const targetTopics = allB.filter((t) => !mirrorTopics.has(t.name));
    const renames = Object.fromEntries(b.plan.topics.filter((t) => t.name !== t.sourceName).map((t) => [t.sourceName, t.name]));
    const expected = sourceTopics.map((t) => ({ ...t, name: renames[t.name] ?? t.name })).sort((x, y) => x.name.localeCompare(y.name));
    const topicsMatch = JSON.stringify(expected) === JSON.stringify(targetTopics);
    const groups: CloneGroup[] = [...groupsA].map(([g, sourceOffsets]) => ({
      group: g,
      targetGroup: targetGroup.get(g) ?? g,
      verdict: verdicts.get(g) ?? 'unknown',
      sourceOffsets,
      targetOffsets: groupsB.get(g) ?? {},
    }));
    const [snapA, snapB] = [await brokerA.snapshot(), await rh.broker.snapshot()];
    const acl = (x: { principal: string; operation: string; resourceType: string; patternType: string; resourceName: string }, name = x.resourceName): string =>
      `${x.principal} ${x.operation} ${x.resourceType}:${x.patternType}:${name}`;
    const sourceAcls = snapA.acls.map((x) => acl(x)).sort();
    const targetAcls = snapB.acls.map((x) => acl(x)).sort();
    const renamedAcls = snapA.acls
      .map((x) => acl(x, x.resourceType === 'TOPIC' && x.patternType === 'LITERAL' ? (renames[x.resourceName] ?? x.resourceName) : x.resourceName))
      .sort();
    const securityMatch = JSON.stringify(snapA.users) === JSON.stringify(snapB.users) && JSON.stringify(renamedAcls) === JSON.stringify(targetAcls);
    const groupsOk = groups.every((g) => !drained(g.sourceOffsets) || g.verdict === 'ready-to-switch');
    return {
      ok: replan.total === 0 && topicsMatch && securityMatch && groupsOk && verify.ok,
      sourceInstance: idA,
      targetInstance: idB,
      sourceTopics,
      targetTopics,
      mirrorTopics: [...mirrorTopics].sort(),
      renames,
      topicsMatch,
      sourceUsers: snapA.users,
      targetUsers: snapB.users,
      sourceAcls,
      targetAcls,
      securityMatch,
      replanChanges: replan.total,
      ...(replanAddresses.length ? { replanAddresses } : {}),
      groups,
      verify,
      recordsWritten,
      seconds: {
        sourceApply: Math.round(a.seconds * 10) / 10,
        targetApply: Math.round(b.seconds * 10) / 10,
        copy: Math.round(copySeconds * 10) / 10,
        total: Math.round((Date.now() - t0) / 100) / 10,
      },
      work: opts.work,
    };
  } finally {
    if (heap === undefined) delete process.env.REHEARSE_BROKER_HEAP;
    else process.env.REHEARSE_BROKER_HEAP = heap;
    await mm2?.stop();
    await rh.stop();
    await brokerA.stop();
  }
}
