import * as path from 'path';
import { Command, Option } from 'commander';
import type { CliIo } from './index';
import { CliError, UsageError } from './errors';
import { loadMetadataFile, MetadataError, validateMetadata } from '../model';
import {
  DeployType,
  DiskType,
  ExistingInstanceOptions,
  NewInstanceOptions,
  planMigration,
  PlanOptions,
  RenameMap,
  SinglePartitionPolicy,
  SPEC_TYPES,
  SpecType,
  TargetInventory,
  inventoryFromMetadata,
  inventoryFromTerraformShow,
  isTerraformShowJson,
} from '../plan';
import { summarize } from '../report/report';
import { ACCOUNT_TYPES, AccountType, synthesizeFiles } from '../synth';
import { readUserFile, writeFilesAtomically } from '../util/fs';

export interface SynthFlags {
  readonly metadata: string;
  readonly out: string;
  readonly stack: string;
  readonly instanceId?: string;
  readonly region?: string;
  readonly zoneId: string[];
  readonly vpcId?: string;
  readonly vswitchId: string[];
  readonly vpcCidr?: string;
  readonly vswitchCidr: string[];
  readonly instanceName?: string;
  readonly specType?: string;
  readonly ioMaxSpec?: string;
  readonly diskType?: string;
  readonly diskSize?: string;
  readonly partitionNum?: string;
  readonly deployType?: string;
  readonly eipMax?: string;
  readonly serviceVersion?: string;
  readonly include: string[];
  readonly exclude: string[];
  readonly renameMap?: string;
  readonly dots: boolean;
  readonly singlePartition?: string;
  readonly json?: boolean;
  readonly previousMetadata?: string;
  readonly allowDestroy?: boolean;
  readonly existingTarget?: string;
  readonly accountType?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function oneOf<T extends string>(flag: string, raw: string | undefined, values: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(values as readonly string[]).includes(raw)) throw new UsageError(`${flag} must be one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** Reads `--rename-map FILE`: `{"topics": {"src": "dst"}, "groups": {...}, "users": {...}}`. */
export function loadRenameMap(file: string): RenameMap {
  let value: unknown;
  try {
    value = JSON.parse(readUserFile(file));
  } catch (e) {
    throw new CliError(`--rename-map ${file}: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`--rename-map ${file}: must be a JSON object like {"topics": {"old.name": "new_name"}, "groups": {}, "users": {}}`);
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [key, section] of Object.entries(value as Record<string, unknown>)) {
    if (!['topics', 'groups', 'users'].includes(key)) {
      throw new CliError(`--rename-map ${file}: unknown section ${JSON.stringify(key)}; use topics, groups or users`);
    }
    if (section === null || typeof section !== 'object' || Array.isArray(section)) {
      throw new CliError(`--rename-map ${file}: ${key} must be an object of source name to target name`);
    }
    for (const [from, to] of Object.entries(section as Record<string, unknown>)) {
      if (typeof to !== 'string') throw new CliError(`--rename-map ${file}: ${key}[${JSON.stringify(from)}] must be a string, got ${JSON.stringify(to)}`);
    }
    out[key] = section as Record<string, string>;
  }
  return out;
}

/** Reads `--existing-target FILE`: a metadata export of the target instance, or `terraform show -json` of its state. */
export function loadExistingTarget(file: string): TargetInventory {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new CliError(`--existing-target ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--existing-target ${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (isTerraformShowJson(value)) {
    try {
      return inventoryFromTerraformShow(value, file);
    } catch (e) {
      throw new CliError(`--existing-target ${(e as Error).message}`);
    }
  }
  try {
    return inventoryFromMetadata(validateMetadata(value, file));
  } catch (e) {
    if (e instanceof MetadataError) throw new CliError(`--existing-target: neither terraform show -json output nor valid metadata; ${e.message}`);
    throw e;
  }
}

/** Turns the synth flags into plan options; usage errors for missing or conflicting flags. */
export function planOptionsFromFlags(f: SynthFlags): PlanOptions {
  const specType = oneOf<SpecType>('--spec-type', f.specType, SPEC_TYPES);
  let target: NewInstanceOptions | ExistingInstanceOptions;
  if (f.instanceId !== undefined) {
    const conflicting = [
      ['--region', f.region], ['--vpc-id', f.vpcId], ['--vpc-cidr', f.vpcCidr], ['--disk-type', f.diskType], ['--disk-size', f.diskSize],
      ['--deploy-type', f.deployType], ['--eip-max', f.eipMax], ['--service-version', f.serviceVersion], ['--instance-name', f.instanceName],
    ].filter(([, v]) => v !== undefined).map(([k]) => k);
    if (f.zoneId.length) conflicting.push('--zone-id');
    if (f.vswitchId.length) conflicting.push('--vswitch-id');
    if (f.vswitchCidr.length) conflicting.push('--vswitch-cidr');
    if (conflicting.length > 0) {
      throw new UsageError(`--instance-id targets an existing instance; ${conflicting.join(', ')} only apply to a new instance`);
    }
    if (!/^[A-Za-z0-9_-]+$/.test(f.instanceId)) throw new UsageError(`--instance-id ${JSON.stringify(f.instanceId)} is not an instance ID (like alikafka_post-cn-xxxx)`);
    target = { mode: 'existing', instanceId: f.instanceId, specType, ioMaxSpec: f.ioMaxSpec, partitionNum: wholeNumber('--partition-num', f.partitionNum) };
  } else {
    if (f.region === undefined) throw new UsageError('give --instance-id ID (existing instance) or --region R --zone-id Z (new instance)');
    if (f.zoneId.length === 0) throw new UsageError('a new instance needs --zone-id (repeat it for multi-zone)');
    let network: NewInstanceOptions['network'];
    if (f.vpcId !== undefined || f.vswitchId.length > 0) {
      if (f.vpcCidr !== undefined || f.vswitchCidr.length > 0) throw new UsageError('use either --vpc-id/--vswitch-id (existing network) or --vpc-cidr/--vswitch-cidr (new network), not both');
      if (f.vpcId === undefined || f.vswitchId.length === 0) throw new UsageError('an existing network needs both --vpc-id and --vswitch-id');
      network = { mode: 'existing', vpcId: f.vpcId, vswitchIds: f.vswitchId };
    } else {
      const vpcCidr = f.vpcCidr ?? '172.16.0.0/12';
      const cidrs = f.vswitchCidr.length > 0 ? f.vswitchCidr : f.zoneId.map((_, i) => `172.16.${i}.0/24`);
      if (f.vpcCidr !== undefined && f.vswitchCidr.length === 0) throw new UsageError('--vpc-cidr needs --vswitch-cidr (one per zone)');
      network = { mode: 'new', vpcCidr, vswitchCidrs: cidrs };
    }
    target = {
      mode: 'new',
      name: f.instanceName,
      region: f.region,
      zoneIds: f.zoneId,
      network,
      specType,
      ioMaxSpec: f.ioMaxSpec,
      diskType: oneOf<DiskType>('--disk-type', f.diskType, ['ssd', 'cloud']),
      diskSize: wholeNumber('--disk-size', f.diskSize),
      partitionNum: wholeNumber('--partition-num', f.partitionNum),
      deployType: oneOf<DeployType>('--deploy-type', f.deployType, ['vpc', 'public']),
      eipMax: wholeNumber('--eip-max', f.eipMax),
      serviceVersion: oneOf('--service-version', f.serviceVersion, ['2.2.0', '2.6.2']),
    };
  }
  return {
    target,
    include: f.include.length ? f.include : undefined,
    exclude: f.exclude.length ? f.exclude : undefined,
    renameMap: f.renameMap ? loadRenameMap(f.renameMap) : undefined,
    noDots: !f.dots,
    singlePartition: oneOf<SinglePartitionPolicy>('--single-partition', f.singlePartition, ['local', 'grow']),
    previous: f.previousMetadata ? loadMetadataFile(f.previousMetadata) : undefined,
    allowDestroy: f.allowDestroy,
    existingTarget: f.existingTarget ? loadExistingTarget(f.existingTarget) : undefined,
  };
}

export interface SynthResult {
  readonly files: readonly string[];
}

/** The synth command's work, callable from code: load, plan, synthesize, write all files or none. */
export function runSynth(f: SynthFlags, io: CliIo): SynthResult {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(f.stack)) throw new UsageError(`--stack must be 1-64 characters of [A-Za-z0-9_-], got ${JSON.stringify(f.stack)}`);
  if (f.allowDestroy && !f.previousMetadata) throw new UsageError('--allow-destroy only applies with --previous-metadata');
  if (f.existingTarget && !f.instanceId) throw new UsageError('--existing-target needs --instance-id (objects can only exist on an existing instance)');
  const options = planOptionsFromFlags(f);
  const meta = loadMetadataFile(f.metadata);
  const plan = planMigration(meta, options);
  const files = synthesizeFiles(plan, f.stack, undefined, oneOf<AccountType>('--account-type', f.accountType, ACCOUNT_TYPES));
  const written = files.map((file) => ({ path: path.join(f.out, file.path), content: file.content }));
  writeFilesAtomically(written);
  const s = summarize(plan);
  if (f.json) {
    io.out(`${JSON.stringify({ stack: f.stack, files: written.map((w) => w.path), summary: s }, null, 2)}\n`);
  } else {
    io.out(`${s.topics} topics (${s.partitions} partitions), ${s.groups} groups, ${s.users} users, ${s.acls} ACLs; `
      + `${s.renamed} renamed, ${s.skippedTopics + s.skippedGroups + s.skippedAcls} skipped, ${s.warnings} warnings\n`);
    if (s.imported > 0) io.out(`${s.imported} already on the target: imported, not created\n`);
    if (s.removedKept > 0) io.out(`${s.removedKept} gone from the source since the previous export: kept (pass --allow-destroy to let them go)\n`);
    if (s.removedDestroyed > 0) io.out(`${s.removedDestroyed} gone from the source since the previous export: WILL BE DESTROYED (--allow-destroy)\n`);
    for (const w of written) io.out(`wrote ${w.path}\n`);
  }
  return { files: written.map((w) => w.path) };
}

/** Registers `alikafka-migrate synth`. */
export function registerSynth(program: Command, io: CliIo): void {
  program
    .command('synth')
    .description('plan the migration from a metadata file and write the Terraform JSON (cdktf) and the migration report')
    .requiredOption('--metadata <file>', 'metadata JSON file (from export, or written by hand)')
    .option('--out <dir>', 'output directory (the cdktf layout)', 'cdktf.out')
    .option('--stack <name>', 'stack name', 'alikafka-migration')
    .option('--instance-id <id>', 'add to an existing AliKafka instance')
    .option('--region <region>', 'region of a new instance, e.g. cn-hangzhou')
    .option('--zone-id <zone>', 'zone of a new instance; repeat for multi-zone (the last is the standby zone)', collect, [])
    .option('--vpc-id <id>', 'existing VPC for a new instance')
    .option('--vswitch-id <id>', 'existing vSwitch, one per zone', collect, [])
    .option('--vpc-cidr <cidr>', 'CIDR of a new VPC (default 172.16.0.0/12)')
    .option('--vswitch-cidr <cidr>', 'CIDR of a new vSwitch, one per zone (default 172.16.N.0/24)', collect, [])
    .option('--instance-name <name>', 'name of a new instance (default from the source cluster ID)')
    .addOption(new Option('--spec-type <type>', 'edition').choices([...SPEC_TYPES]))
    .option('--io-max-spec <spec>', 'traffic spec, e.g. alikafka.hw.2xlarge')
    .addOption(new Option('--disk-type <type>', 'disk type').choices(['ssd', 'cloud']))
    .option('--disk-size <gb>', 'disk size in GB (multiple of 100)')
    .option('--partition-num <n>', 'partitions bought on top of those the spec includes (default: what the plan needs)')
    .addOption(new Option('--deploy-type <type>', 'vpc (VPC only) or public (Internet and VPC)').choices(['vpc', 'public']))
    .option('--eip-max <mbps>', 'public bandwidth, with --deploy-type public')
    .addOption(new Option('--service-version <v>', 'AliKafka version').choices(['2.2.0', '2.6.2']))
    .option('--include <glob>', 'migrate only topics matching; repeatable', collect, [])
    .option('--exclude <glob>', 'do not migrate topics matching; repeatable', collect, [])
    .option('--rename-map <file>', 'JSON {"topics":{"src":"dst"},"groups":{},"users":{}} of names to use')
    .option('--no-dots', 'forbid "." in topic and group names (older instances reject it)')
    .addOption(new Option('--single-partition <policy>', '1-partition topics: local (keep 1, local storage) or grow (2 partitions)').choices(['local', 'grow']))
    .option('--previous-metadata <file>', 'the export the last plan came from: objects gone from the source since are kept, and sizing is kept, so the new plan only adds')
    .option('--allow-destroy', 'with --previous-metadata: let objects gone from the source be destroyed')
    .option('--existing-target <file>', 'metadata export (or terraform show -json) of the target instance: existing objects are imported, not created')
    .addOption(new Option('--account-type <type>', "the provider's account_type (saves its 30 s account-type lookup in CI)").choices([...ACCOUNT_TYPES]))
    .option('--json', 'print the summary as JSON')
    .action((opts: Omit<SynthFlags, 'metadata'> & { metadata: string }) => {
      runSynth(opts, io);
    });
}
