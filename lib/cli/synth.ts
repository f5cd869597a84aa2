import * as path from 'path';
import { Command } from 'commander';
import type { CliIo } from './io';
import * as fs from 'fs';
import { CliError, optionWarningLines, UsageError } from './errors';
import { AccountType, PaidType } from '../alikafka';
import { KAFKA_MAX_REPLICATION_FACTOR, KAFKA_MAX_TASKS, MAX_CHECKPOINT_INTERVAL_SECONDS } from '../kafka';
import { intFlag } from './limits';
import { givenFlags } from './plan-flags';
import { ClusterMetadata, loadExistingTarget, loadMetadataFile, loadRenameMap, MetadataError, parseMetadataText, readMetadataFile, textSha256 } from '../model';
import {
  DeployType,
  DiskType,
  ExistingInstanceOptions,
  NewInstanceOptions,
  planMigration,
  buildPlanFile,
  PLAN_FILE_NAME,
  renderPlanFile,
  BackendType,
  ConnectPolicy,
  Compression,
  DenyAclPolicy,
  MirrorMode,
  MirrorPlanOptions,
  PlanOptions,
  SinglePartitionPolicy,
  SpecType,
} from '../plan';
import { addPlanOptions, replicasFlag } from './plan-options';
import { summarize } from '../report/report';
import { synthesizeFiles } from '../stack';
import { PathError, readUserFile } from '../util/fs';
import { OutputSetResult, reportOutputSet, writeOutputSet } from './output';

export interface SynthFlags {
  readonly metadata: string;
  readonly out: string;
  readonly stack: string;
  readonly instanceId?: string;
  readonly region?: string;
  readonly zoneId?: string[];
  readonly vpcId?: string;
  readonly vswitchId?: string[];
  readonly vpcCidr?: string;
  readonly vswitchCidr?: string[];
  readonly instanceName?: string;
  readonly specType?: string;
  readonly ioMaxSpec?: string;
  readonly diskType?: string;
  readonly ssd?: boolean;
  readonly replicas?: string;
  readonly diskSize?: string;
  readonly partitionNum?: string;
  readonly deployType?: string;
  readonly eipMax?: string;
  readonly serviceVersion?: string;
  readonly include?: string[];
  readonly exclude?: string[];
  readonly renameMap?: string;
  readonly dots?: boolean;
  /** `--no-copy` sets it to false: the copy-free path. */
  readonly copy?: boolean;
  readonly singlePartition?: string;
  readonly localStorage?: string[];
  readonly json?: boolean;
  readonly previousMetadata?: string;
  readonly allowDestroy?: boolean;
  readonly existingTarget?: string;
  readonly accountType?: string;
  readonly denyAcls?: string;
  readonly allUsers?: boolean;
  readonly connect?: string;
  readonly paidType?: string;
  readonly retentionHours?: string;
  readonly singleZone?: boolean;
  readonly instancePassword?: boolean;
  readonly tag?: string[];
  readonly allowCidr?: string[];
  readonly backend?: string;
  readonly backendConfig?: string[];
  readonly mirror?: string;
  readonly replicationFactor?: string;
  readonly checkpointInterval?: string;
  readonly maxTasks?: string;
  readonly compression?: string;
}

/** KEY=VALUE pairs of a repeatable flag, in the order given; a key given twice is a usage error. */
function keyValues(flag: string, raw: readonly string[] | undefined): Record<string, string> | undefined {
  if (!raw || raw.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const kv of raw) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} takes KEY=VALUE, got ${JSON.stringify(kv)}`);
    const k = kv.slice(0, i);
    if (Object.prototype.hasOwnProperty.call(out, k)) throw new UsageError(`${flag} ${k} is given twice`);
    out[k] = kv.slice(i + 1);
  }
  return out;
}

function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** MirrorMaker's plan settings (`--mirror` and the flags that shape the copy); the others need `--mirror`. */
function mirrorFromFlags(f: SynthFlags): MirrorPlanOptions | undefined {
  const given: Array<[string, string | undefined]> = [
    ['--replication-factor', f.replicationFactor],
    ['--checkpoint-interval', f.checkpointInterval],
    ['--max-tasks', f.maxTasks],
    ['--compression', f.compression],
  ];
  if (f.mirror === undefined) {
    const stray = givenFlags(given);
    if (stray.length > 0) throw new UsageError(`${stray.join(', ')} only apply with --mirror dedicated|connect (MirrorMaker's settings are planned with it)`);
    return undefined;
  }
  const positive = (flag: string, raw: string | undefined, max: number, unit = ''): number | undefined =>
    raw === undefined ? undefined : intFlag(flag, raw, 1, max, unit);
  return {
    mode: f.mirror as MirrorMode,
    // Kafka's own types bound these: a replication factor is an int16 in CreateTopics, tasks.max a Java int, and
    // MirrorMaker's checkpoint interval is sent in milliseconds as a Java long (a day is far below, and ample)
    replicationFactor: positive('--replication-factor', f.replicationFactor, KAFKA_MAX_REPLICATION_FACTOR),
    checkpointIntervalSeconds: positive('--checkpoint-interval', f.checkpointInterval, MAX_CHECKPOINT_INTERVAL_SECONDS, 'seconds'),
    maxTasks: positive('--max-tasks', f.maxTasks, KAFKA_MAX_TASKS),
    compression: f.compression as Compression | undefined,
  };
}

/** The synth flags with the repeatable ones and --no-dots filled in (commander leaves them undefined when not given). */
type ResolvedFlags = SynthFlags & Required<Pick<SynthFlags, 'zoneId' | 'vswitchId' | 'vswitchCidr' | 'include' | 'exclude' | 'dots'>>;

/** The flags that only describe a new instance, for the "--instance-id conflicts with ..." message. */
function newInstanceFlags(f: ResolvedFlags): string[] {
  const single: Array<[string, unknown]> = [
    ['--region', f.region],
    ['--vpc-id', f.vpcId],
    ['--vpc-cidr', f.vpcCidr],
    ['--disk-type', f.diskType],
    ['--ssd', f.ssd],
    ['--replicas', f.replicas],
    ['--disk-size', f.diskSize],
    ['--deploy-type', f.deployType],
    ['--eip-max', f.eipMax],
    ['--service-version', f.serviceVersion],
    ['--instance-name', f.instanceName],
    ['--paid-type', f.paidType],
    ['--retention-hours', f.retentionHours],
    ['--single-zone', f.singleZone],
    ['--instance-password', f.instancePassword],
  ];
  const repeated: Array<[string, readonly string[]]> = [
    ['--zone-id', f.zoneId],
    ['--vswitch-id', f.vswitchId],
    ['--vswitch-cidr', f.vswitchCidr],
  ];
  return [...single.filter(([, v]) => v !== undefined), ...repeated.filter(([, v]) => v.length > 0)].map(([k]) => k);
}

/** `--disk-type`, or `--ssd` for `--disk-type ssd` (evaluate's flag); they must agree. */
function diskTypeOf(f: SynthFlags): DiskType | undefined {
  if (f.ssd && f.diskType !== undefined && f.diskType !== 'ssd') throw new UsageError(`--ssd and --disk-type ${f.diskType} disagree: give one of them`);
  return f.ssd ? 'ssd' : (f.diskType as DiskType | undefined);
}

function networkFromFlags(f: ResolvedFlags): NewInstanceOptions['network'] {
  if (f.vpcId !== undefined || f.vswitchId.length > 0) {
    if (f.vpcCidr !== undefined || f.vswitchCidr.length > 0)
      throw new UsageError('use either --vpc-id/--vswitch-id (existing network) or --vpc-cidr/--vswitch-cidr (new network), not both');
    if (f.vpcId === undefined || f.vswitchId.length === 0) throw new UsageError('an existing network needs both --vpc-id and --vswitch-id');
    return { mode: 'existing', vpcId: f.vpcId, vswitchIds: f.vswitchId };
  }
  return { mode: 'new', vpcCidr: f.vpcCidr, vswitchCidrs: f.vswitchCidr.length > 0 ? f.vswitchCidr : undefined };
}

/**
 * Turns the synth flags into plan options, reading the files they name. Only flag syntax and flag combinations
 * are checked here; the values themselves are the plan's to check (its problems name the flag, see errors.ts).
 */
export function planOptionsFromFlags(flags: SynthFlags): PlanOptions {
  // repeatable flags are undefined when not given (commander would print "(default: [])" in the help otherwise)
  const f: ResolvedFlags = {
    ...flags,
    zoneId: flags.zoneId ?? [],
    vswitchId: flags.vswitchId ?? [],
    vswitchCidr: flags.vswitchCidr ?? [],
    include: flags.include ?? [],
    exclude: flags.exclude ?? [],
    dots: flags.dots ?? true,
  };
  const specType = f.specType as SpecType | undefined;
  let target: NewInstanceOptions | ExistingInstanceOptions;
  if (f.instanceId !== undefined) {
    const conflicting = newInstanceFlags(f);
    if (conflicting.length > 0) throw new UsageError(`--instance-id targets an existing instance; ${conflicting.join(', ')} only apply to a new instance`);
    target = { mode: 'existing', instanceId: f.instanceId, specType, ioMaxSpec: f.ioMaxSpec, partitionNum: wholeNumber('--partition-num', f.partitionNum) };
  } else {
    if (f.region === undefined) throw new UsageError('give --instance-id ID (existing instance) or --region R --zone-id Z (new instance)');
    if (f.zoneId.length === 0) throw new UsageError('a new instance needs --zone-id (repeat it for multi-zone)');
    target = {
      mode: 'new',
      name: f.instanceName,
      region: f.region,
      zoneIds: f.zoneId,
      network: networkFromFlags(f),
      specType,
      ioMaxSpec: f.ioMaxSpec,
      diskType: diskTypeOf(f),
      localReplicas: replicasFlag(f.replicas),
      diskSize: wholeNumber('--disk-size', f.diskSize),
      partitionNum: wholeNumber('--partition-num', f.partitionNum),
      deployType: f.deployType as DeployType | undefined,
      eipMax: wholeNumber('--eip-max', f.eipMax),
      serviceVersion: f.serviceVersion,
      paidType: f.paidType as PaidType | undefined,
      retentionHours: wholeNumber('--retention-hours', f.retentionHours),
      singleZone: f.singleZone,
      instancePassword: f.instancePassword,
    };
  }
  if (f.backendConfig && f.backendConfig.length > 0 && f.backend === undefined) throw new UsageError('--backend-config needs --backend local|oss|s3');
  return {
    target,
    include: f.include.length ? f.include : undefined,
    exclude: f.exclude.length ? f.exclude : undefined,
    renameMap: f.renameMap ? loadRenameMap(f.renameMap) : undefined,
    noDots: !f.dots,
    singlePartition: f.singlePartition as SinglePartitionPolicy | undefined,
    localStorage: f.localStorage && f.localStorage.length > 0 ? f.localStorage : undefined,
    previous: f.previousMetadata ? loadMetadataFile(f.previousMetadata) : undefined,
    allowDestroy: f.allowDestroy,
    existing: f.existingTarget ? loadExistingTarget(f.existingTarget) : undefined,
    denyAcls: f.denyAcls as DenyAclPolicy | undefined,
    keepAllUsers: f.allUsers,
    connect: f.connect as ConnectPolicy | undefined,
    tags: keyValues('--tag', f.tag),
    allowCidrs: f.allowCidr && f.allowCidr.length > 0 ? f.allowCidr : undefined,
    backend: f.backend !== undefined ? { type: f.backend as BackendType, config: keyValues('--backend-config', f.backendConfig) } : undefined,
    mirror: mirrorFromFlags(f),
    ...(f.copy === false ? { noCopy: true } : {}),
  };
}

/** The metadata from a file, or from standard input for `-`, with the SHA-256 of what was read. */
function readMetadata(file: string): { readonly metadata: ClusterMetadata; readonly sha256: string } {
  if (file !== '-') return readMetadataFile(file);
  let text: string;
  try {
    text = readUserFile(0);
  } catch (e) {
    throw new MetadataError([{ path: '', message: `cannot read the metadata from standard input: ${(e as Error).message}` }], '<stdin>');
  }
  return { metadata: parseMetadataText(text, '<stdin>'), sha256: textSha256(text) };
}

/** SHA-256 of a file an option named (already read and checked by `planOptionsFromFlags`). */
function optionFileSha256(flag: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return textSha256(readUserFile(file));
  } catch (e) {
    throw new CliError(`${flag} ${file}: ${(e as Error).message}`);
  }
}

/** Where synth writes the plan file of `stack`, relative to `--out`: beside the stack's cdk.tf.json. */
export function planFilePath(stack: string): string {
  return path.join('stacks', stack, PLAN_FILE_NAME);
}

interface Manifest {
  readonly stacks?: Record<string, { readonly synthesizedStackPath?: string }>;
  readonly [k: string]: unknown;
}

/**
 * The manifest for the output directory: this stack's entry, plus the entries of other stacks already synthesized
 * into the same directory whose files are still there (so the manifest never lists a stack that is gone, nor
 * forgets one that is there).
 */
function mergeManifest(out: string, content: string, stack: string): string {
  const fresh = JSON.parse(content) as Manifest;
  let old: Manifest | undefined;
  try {
    old = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return content;
  }
  const stacks: Record<string, { readonly synthesizedStackPath?: string }> = {};
  for (const [name, entry] of Object.entries(old?.stacks ?? {})) {
    if (name === stack || typeof entry?.synthesizedStackPath !== 'string') continue;
    if (fs.existsSync(path.join(out, entry.synthesizedStackPath))) stacks[name] = entry;
  }
  Object.assign(stacks, fresh.stacks ?? {});
  const sorted = Object.fromEntries(
    Object.keys(stacks)
      .sort()
      .map((k) => [k, stacks[k]]),
  );
  return `${JSON.stringify({ ...fresh, stacks: sorted }, null, 2)}\n`;
}

export interface SynthResult {
  readonly files: readonly string[];
}

/** The synth command's work, callable from code: load, plan, synthesize, write all files or none. */
export function runSynth(f: SynthFlags, io: CliIo): SynthResult {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(f.stack)) throw new UsageError(`--stack must be 1-64 characters of [A-Za-z0-9_-], got ${JSON.stringify(f.stack)}`);
  if (f.out.trim() === '') throw new UsageError('--out needs a directory');
  const options = planOptionsFromFlags(f);
  const { metadata: meta, sha256 } = readMetadata(f.metadata);
  const plan = planMigration(meta, options);
  const planFile = buildPlanFile(plan, {
    stack: f.stack,
    metadataSha256: sha256,
    brokers: meta.brokers,
    options,
    previousSha256: optionFileSha256('--previous-metadata', f.previousMetadata),
    existingSha256: optionFileSha256('--existing-target', f.existingTarget),
    mirror: plan.transfer?.mirrorMaker ? { checkpointIntervalSeconds: plan.transfer.mirrorMaker.checkpointIntervalSeconds } : undefined,
  });
  const files = [
    ...synthesizeFiles(plan, f.stack, undefined, f.accountType as AccountType | undefined),
    { path: planFilePath(f.stack), content: renderPlanFile(planFile) },
  ];
  const relative = files.map((file) => ({
    path: file.path,
    content: file.path === 'manifest.json' ? mergeManifest(f.out, file.content, f.stack) : file.content,
  }));
  let set: OutputSetResult;
  try {
    set = writeOutputSet(f.out, `synth:${f.stack}`, relative);
  } catch (e) {
    if (e instanceof PathError) throw new CliError(`--out ${f.out}: ${e.message}`);
    throw e;
  }
  const written = relative.map((r) => ({ path: path.join(f.out, r.path) }));
  reportOutputSet(set, io);
  // what the user's own flags caused, on the terminal before the summary (the report has it too)
  for (const line of optionWarningLines(plan.warnings)) io.err(line);
  const s = summarize(plan);
  if (f.json) {
    io.out(`${JSON.stringify({ stack: f.stack, files: written.map((w) => w.path), summary: s }, null, 2)}\n`);
  } else {
    io.out(
      `${s.topics} topics (${s.partitions} partitions), ${s.groups} groups, ${s.users} users, ${s.acls} ACLs; ` +
        `${s.renamed} renamed, ${s.skippedTopics + s.skippedGroups + s.skippedAcls} skipped, ${s.warnings} warnings\n`,
    );
    if (s.adopted > 0) io.out(`${s.adopted} already on the target: imported, not created\n`);
    if (s.removedKept > 0) io.out(`${s.removedKept} gone from the source since the previous export: kept (pass --allow-destroy to let them go)\n`);
    if (s.removedDestroyed > 0) io.out(`${s.removedDestroyed} gone from the source since the previous export: WILL BE DESTROYED (--allow-destroy)\n`);
    io.out(`state: ${plan.state.backend} backend, ${plan.state.where.replace('<stack>', f.stack)}\n`);
    for (const w of written) io.out(`wrote ${w.path}\n`);
  }
  return { files: written.map((w) => w.path) };
}

/** Registers `alikafka-migrate synth`. */
export function registerSynth(program: Command, io: CliIo): void {
  const cmd = program
    .command('synth')
    .description('plan the migration from a metadata file and write the Terraform JSON (CDK Terrain) and the migration report')
    .requiredOption('--metadata <file>', 'metadata JSON file (from export, or written by hand); - reads standard input')
    .option('--out <dir>', 'output directory (the cdktf layout)', 'cdktf.out')
    .option('--stack <name>', 'stack name', 'alikafka-migration');
  addPlanOptions(cmd)
    .option('--json', 'print the summary as JSON')
    .action((opts: SynthFlags) => {
      runSynth(opts, io);
    });
}
