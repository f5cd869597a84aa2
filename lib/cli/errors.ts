/**
 * The one place where the CLI turns errors into what a user reads and the exit code: an error's kind gives the
 * code (`EXIT_CODES`), and the option keys a library message names become the command's flags (`--retention-hours`
 * for `retentionHours`), looked up in the flags the command registered with commander (and `OPTION_FLAGS` for the
 * plan options, whose keys are paths).
 */
import type { Command, Option } from 'commander';
import { AlikafkaMigrateError, ErrorDetails, ErrorKind } from '../errors';
import { InputError, InputKind, MetadataError, PlanFileError } from '../model';
import { PlanSummaryError } from '../review/plan-summary';
import { JsonShapeError } from '../util/json';
import { PlanError, PlanOptionPath, PlanWarning } from '../plan';

/** The exit code of each error kind: 2 for usage errors, 1 for the rest (an internal error adds a bug line). */
export const EXIT_CODES: Readonly<Record<ErrorKind, 1 | 2>> = { usage: 2, input: 1, plan: 1, source: 1, internal: 1 };

/** The line under an internal error (and under any error outside the family: nothing should throw one). */
export const BUG_LINE = 'this is a bug in alikafka-migrate, not a problem with your input: please report it with the command you ran';

/**
 * An error the CLI reports as one clear message and a non-zero exit code (see `EXIT_CODES`). Its message already
 * names flags, not option keys.
 */
export class CliError extends AlikafkaMigrateError {
  /** @param kind an error kind, or an exit code: 2 for a usage error, 1 for bad input */
  constructor(message: string, kind: ErrorKind | 1 | 2 = 1, details: ErrorDetails = {}) {
    super(kind === 2 ? 'usage' : kind === 1 ? 'input' : kind, message, details);
    this.name = 'CliError';
  }

  /** The process exit code for this error. */
  public get exitCode(): 1 | 2 {
    return EXIT_CODES[this.kind];
  }
}

/** A usage error (bad or conflicting flags): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 'usage', details);
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
  noCopy: '--no-copy',
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
 * Library option keys whose flag's attribute name differs by more than letter case (`peakMBps` finds
 * `--peak-mbps` by itself): the key → the attribute name of its flag.
 */
const OPTION_ATTRIBUTES: Readonly<Record<string, string>> = {
  timeoutSeconds: 'timeout',
  sampleTrafficSeconds: 'sampleTraffic',
  headroomPct: 'headroom',
  localReplicas: 'replicas',
  username: 'user',
  servers: 'bootstrap',
  publicBandwidthBytesPerSecond: 'bandwidthMbps',
  names: 'plan',
};

/** Finds the flag of an option key (`retentionHours`, `target.retentionHours`), or undefined when there is none. */
export type FlagLookup = (optionKey: string) => string | undefined;

/**
 * The flags of a command as commander registered them, by option key: the key is commander's attribute name of
 * the flag (`--retention-hours` → `retentionHours`), which is also the name of the library option it feeds (in any
 * letter case; `OPTION_ATTRIBUTES` where the names differ). The plan options (`target.retentionHours`) come from
 * `OPTION_FLAGS`.
 */
export function flagLookup(command?: Command): FlagLookup {
  const byKey = new Map<string, string>();
  for (let c: Command | null | undefined = command; c; c = c.parent) {
    for (const o of c.options as readonly Option[]) {
      const key = o.attributeName().toLowerCase();
      if (o.long && !o.negate && !byKey.has(key)) byKey.set(key, o.long);
    }
  }
  return (key) => (OPTION_FLAGS as Readonly<Record<string, string>>)[key] ?? byKey.get((OPTION_ATTRIBUTES[key] ?? key).toLowerCase());
}

/**
 * A library message with its option keys replaced by flags: a message that starts with its error's `field`
 * (`bootstrapServers: bad server`, `state s.json: no values.root_module`) starts with the flag instead
 * (`--bootstrap-servers: bad server`, `--state s.json: ...`), and every option key written between backquotes
 * (`` raise `timeout` ``) becomes its flag too. Keys without a flag stay as they are.
 */
export function withFlags(message: string, field: string | undefined, flagOf: FlagLookup): string {
  let out = message;
  const lead = field === undefined ? undefined : flagOf(field);
  if (field !== undefined && lead !== undefined && out.startsWith(field) && /^($|[ :.[])/.test(out.slice(field.length))) {
    out = `${lead}${out.slice(field.length)}`;
  }
  return out.replace(/`([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)`/g, (whole, key: string) => flagOf(key) ?? whole);
}

/**
 * Turns any error into the CLI's error, in one place: the kind gives the exit code, option keys become flags, plan
 * problems name the flag at fault, user files are named with their flag. An error outside the family, or of kind
 * `internal`, is a bug: its message is kept and `bug` is set (the CLI adds `BUG_LINE`).
 */
export function toCliError(e: unknown, flagOf: FlagLookup = flagLookup()): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof PlanError) {
    const lines = e.problems.map((p) => {
      const subject = p.option === undefined ? p.subject : flagSubject(p.option, p.subject);
      return `  ${withFlags(subject, undefined, flagOf)}: ${withFlags(p.message, undefined, flagOf)}`;
    });
    const n = e.problems.length;
    return new CliError(`cannot plan the migration (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`, e.kind, { field: e.field, cause: e });
  }
  if (e instanceof InputError) return new CliError(`${INPUT_FLAGS[e.input]} ${e.file}: ${e.problem}`, e.kind, { field: e.field, cause: e });
  if (e instanceof PlanFileError) return new CliError(`--plan ${e.message}`, e.kind, { field: e.field, cause: e });
  if (AlikafkaMigrateError.isAlikafkaMigrateError(e)) {
    // the field of an error about a file's content is a JSON path in it (`tags`), never an option
    const aboutContent = e instanceof MetadataError || e instanceof JsonShapeError || e instanceof PlanSummaryError;
    return new CliError(withFlags(e.message, aboutContent ? undefined : e.field, flagOf), e.kind, { field: e.field, cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CliError(message, 'internal', { cause: e });
}

/** The lines the CLI writes to standard error for a failed command. */
export function errorLines(e: CliError): string {
  return `error: ${e.message}\n${e.kind === 'internal' ? `${BUG_LINE}\n` : ''}`;
}
