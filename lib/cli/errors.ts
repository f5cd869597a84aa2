import { InputError, InputKind, MetadataError, PlanFileError } from '../model';
import { PlanError, PlanOptionPath, PlanWarning } from '../plan';

/**
 * An error the CLI reports as one clear message and a non-zero exit code:
 * 1 for bad input or a plan error, 2 for usage errors.
 */
export class CliError extends Error {
  public readonly exitCode: 1 | 2;

  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A usage error (bad or conflicting flags): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The flag behind each plan option: the one place the CLI's names meet the library's. */
export const OPTION_FLAGS: Readonly<Record<PlanOptionPath, string>> = {
  'target.instanceId': '--instance-id',
  'target.specType': '--spec-type',
  'target.ioMaxSpec': '--io-max-spec',
  'target.diskType': '--disk-type',
  'target.diskSize': '--disk-size',
  'target.partitionNum': '--partition-num',
  'target.deployType': '--deploy-type',
  'target.eipMax': '--eip-max',
  'target.zoneIds': '--zone-id',
  'target.network.vpcCidr': '--vpc-cidr',
  'target.network.vswitchCidrs': '--vswitch-cidr',
  'target.network.vswitchIds': '--vswitch-id',
  'target.serviceVersion': '--service-version',
  'target.region': '--region',
  'target.paidType': '--paid-type',
  'target.retentionHours': '--retention-hours',
  'target.singleZone': '--single-zone',
  'target.name': '--instance-name',
  include: '--include',
  exclude: '--exclude',
  denyAcls: '--deny-acls',
  connect: '--connect',
  tags: '--tag',
  allowCidrs: '--allow-cidr',
  backend: '--backend',
  renameMap: '--rename-map',
  singlePartition: '--single-partition',
  localStorage: '--local-storage',
  previous: '--previous-metadata',
  allowDestroy: '--allow-destroy',
  existing: '--existing-target',
  keepAllUsers: '--all-users',
  mirror: '--mirror',
  'mirror.replicationFactor': '--replication-factor',
  'mirror.checkpointIntervalSeconds': '--checkpoint-interval',
  'mirror.maxTasks': '--max-tasks',
  'mirror.compression': '--compression',
};

/**
 * A subject that names a plan option (`include "orders*"`, `target.retentionHours`), with the option's flag in
 * its place (`--include "orders*"`); a subject about something else is prefixed with the flag.
 */
export function flagSubject(option: PlanOptionPath, subject: string): string {
  const flag = OPTION_FLAGS[option];
  for (const name of [option, option.split('.').pop() as string]) {
    if (subject === name || (subject.startsWith(name) && /^[ .[]/.test(subject.slice(name.length)))) return `${flag}${subject.slice(name.length)}`;
  }
  return `${flag}: ${subject}`;
}

/** The warnings of a plan that the user's own options caused, one terminal line each (`warning: --include "x*": ...`). */
export function optionWarningLines(warnings: readonly PlanWarning[]): string[] {
  return warnings.filter((w) => w.option !== undefined).map((w) => `warning: ${flagSubject(w.option as PlanOptionPath, w.subject)}: ${w.message}\n`);
}

const INPUT_FLAGS: Readonly<Record<InputKind, string>> = {
  'rename-map': '--rename-map',
  'existing-target': '--existing-target',
};

/**
 * Turns a library error into the CLI's message and exit code: plan problems name the flag at fault (exit 2 when
 * only flags are at fault, 1 when the metadata is), user files are named with their flag, everything else is 1.
 */
export function toCliError(e: unknown): CliError | undefined {
  if (e instanceof CliError) return e;
  if (e instanceof PlanError) {
    const lines = e.problems.map((p) => {
      const subject = p.option === undefined ? p.subject : flagSubject(p.option, p.subject);
      return `  ${subject}: ${p.message}`;
    });
    const n = e.problems.length;
    return new CliError(`cannot plan the migration (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`, e.onlyOptions ? 2 : 1);
  }
  if (e instanceof InputError) return new CliError(`${INPUT_FLAGS[e.kind]} ${e.file}: ${e.problem}`, 1);
  if (e instanceof MetadataError) return new CliError(e.message, 1);
  if (e instanceof PlanFileError) return new CliError(`--plan ${e.message}`, 1);
  return undefined;
}
