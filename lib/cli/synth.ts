import * as path from 'path';
import { Command, Option } from 'commander';
import type { CliIo } from './index';
import { UsageError } from './errors';
import { ACCOUNT_TYPES, AccountType, DEPLOY_TYPE_NAMES, DISK_TYPE_NAMES, IO_SPECS, SERVICE_VERSIONS, SPEC_TYPES } from '../alikafka';
import { loadExistingTarget, loadMetadataFile, loadRenameMap } from '../model';
import {
  defaultVswitchCidr,
  DEFAULT_VPC_CIDR,
  DeployType,
  DiskType,
  ExistingInstanceOptions,
  NewInstanceOptions,
  planMigration,
  PlanOptions,
  SinglePartitionPolicy,
  SpecType,
} from '../plan';
import { summarize } from '../report/report';
import { synthesizeFiles } from '../stack';
import { writeFilesAtomically } from '../util/fs';

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

/** The flags that only describe a new instance, for the "--instance-id conflicts with ..." message. */
function newInstanceFlags(f: SynthFlags): string[] {
  const single: Array<[string, unknown]> = [
    ['--region', f.region], ['--vpc-id', f.vpcId], ['--vpc-cidr', f.vpcCidr], ['--disk-type', f.diskType], ['--disk-size', f.diskSize],
    ['--deploy-type', f.deployType], ['--eip-max', f.eipMax], ['--service-version', f.serviceVersion], ['--instance-name', f.instanceName],
  ];
  const repeated: Array<[string, readonly string[]]> = [['--zone-id', f.zoneId], ['--vswitch-id', f.vswitchId], ['--vswitch-cidr', f.vswitchCidr]];
  return [...single.filter(([, v]) => v !== undefined), ...repeated.filter(([, v]) => v.length > 0)].map(([k]) => k);
}

function networkFromFlags(f: SynthFlags): NewInstanceOptions['network'] {
  if (f.vpcId !== undefined || f.vswitchId.length > 0) {
    if (f.vpcCidr !== undefined || f.vswitchCidr.length > 0) throw new UsageError('use either --vpc-id/--vswitch-id (existing network) or --vpc-cidr/--vswitch-cidr (new network), not both');
    if (f.vpcId === undefined || f.vswitchId.length === 0) throw new UsageError('an existing network needs both --vpc-id and --vswitch-id');
    return { mode: 'existing', vpcId: f.vpcId, vswitchIds: f.vswitchId };
  }
  return { mode: 'new', vpcCidr: f.vpcCidr, vswitchCidrs: f.vswitchCidr.length > 0 ? f.vswitchCidr : undefined };
}

/**
 * Turns the synth flags into plan options, reading the files they name. Only flag syntax and flag combinations
 * are checked here; the values themselves are the plan's to check (its problems name the flag, see errors.ts).
 */
export function planOptionsFromFlags(f: SynthFlags): PlanOptions {
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
      diskType: f.diskType as DiskType | undefined,
      diskSize: wholeNumber('--disk-size', f.diskSize),
      partitionNum: wholeNumber('--partition-num', f.partitionNum),
      deployType: f.deployType as DeployType | undefined,
      eipMax: wholeNumber('--eip-max', f.eipMax),
      serviceVersion: f.serviceVersion,
    };
  }
  return {
    target,
    include: f.include.length ? f.include : undefined,
    exclude: f.exclude.length ? f.exclude : undefined,
    renameMap: f.renameMap ? loadRenameMap(f.renameMap) : undefined,
    noDots: !f.dots,
    singlePartition: f.singlePartition as SinglePartitionPolicy | undefined,
    previous: f.previousMetadata ? loadMetadataFile(f.previousMetadata) : undefined,
    allowDestroy: f.allowDestroy,
    existing: f.existingTarget ? loadExistingTarget(f.existingTarget) : undefined,
  };
}

export interface SynthResult {
  readonly files: readonly string[];
}

/** The synth command's work, callable from code: load, plan, synthesize, write all files or none. */
export function runSynth(f: SynthFlags, io: CliIo): SynthResult {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(f.stack)) throw new UsageError(`--stack must be 1-64 characters of [A-Za-z0-9_-], got ${JSON.stringify(f.stack)}`);
  const options = planOptionsFromFlags(f);
  const meta = loadMetadataFile(f.metadata);
  const plan = planMigration(meta, options);
  const files = synthesizeFiles(plan, f.stack, undefined, f.accountType as AccountType | undefined);
  const written = files.map((file) => ({ path: path.join(f.out, file.path), content: file.content }));
  writeFilesAtomically(written);
  const s = summarize(plan);
  if (f.json) {
    io.out(`${JSON.stringify({ stack: f.stack, files: written.map((w) => w.path), summary: s }, null, 2)}\n`);
  } else {
    io.out(`${s.topics} topics (${s.partitions} partitions), ${s.groups} groups, ${s.users} users, ${s.acls} ACLs; `
      + `${s.renamed} renamed, ${s.skippedTopics + s.skippedGroups + s.skippedAcls} skipped, ${s.warnings} warnings\n`);
    if (s.adopted > 0) io.out(`${s.adopted} already on the target: imported, not created\n`);
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
    .option('--vpc-cidr <cidr>', `CIDR of a new VPC (default ${DEFAULT_VPC_CIDR})`)
    .option('--vswitch-cidr <cidr>', `CIDR of a new vSwitch, one per zone (default ${defaultVswitchCidr(0).replace('.0.0/', '.N.0/')})`, collect, [])
    .option('--instance-name <name>', 'name of a new instance (default from the source cluster ID)')
    .addOption(new Option('--spec-type <type>', 'edition').choices([...SPEC_TYPES]))
    .option('--io-max-spec <spec>', `traffic spec, e.g. ${IO_SPECS[0].name}`)
    .addOption(new Option('--disk-type <type>', 'disk type').choices([...DISK_TYPE_NAMES]))
    .option('--disk-size <gb>', 'disk size in GB (multiple of 100)')
    .option('--partition-num <n>', 'partitions bought on top of those the spec includes (default: what the plan needs)')
    .addOption(new Option('--deploy-type <type>', 'vpc (VPC only) or public (Internet and VPC)').choices([...DEPLOY_TYPE_NAMES]))
    .option('--eip-max <mbps>', 'public bandwidth, with --deploy-type public')
    .addOption(new Option('--service-version <v>', 'AliKafka version').choices([...SERVICE_VERSIONS]))
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
