/**
 * Flags of the commands that act on a reviewed plan (`mirror`, `cutover`, `verify`, `client-config`,
 * `lint-client`): `--plan FILE` (the `migration-plan.json` synth writes) instead of `--metadata` and the plan
 * flags, which are refused with a usage error naming `synth`, and the two clusters' connection flags.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { intFlag } from './limits';
import { serverProblem } from '../util/servers';
import { addPlanOptions } from './plan-options';
import { loadPlanFile } from '../model';
import { MigrationPlanFile, PLAN_FILE_NAME } from '../plan';
import { ClusterEndpoint } from '../sources/cluster-reader';
import { ClientSettings, loadClientProperties } from '../sources/properties';

/** Where synth writes the plan file with its default `--out` and `--stack`, for messages and help. */
export const DEFAULT_PLAN_FILE = `cdktf.out/stacks/alikafka-migration/${PLAN_FILE_NAME}`;

export interface PlanFileFlag {
  readonly plan?: string;
}

/** The long names of synth's plan flags (everything `addPlanOptions` registers), with their argument syntax. */
function planFlagOptions(): readonly Option[] {
  return addPlanOptions(new Command()).options;
}

/**
 * Registers `--plan FILE` on a command that reads the plan, and refuses every plan flag of synth (and
 * `--metadata`) with a usage error that names synth: the selection, names and sizing were reviewed in the plan
 * file, and a later step must not decide them again. Call it after the command's own options: a plan flag
 * the command also has as a run-time flag of its own (client-config's `--instance-id`) stays the command's.
 */
export function addPlanFileFlag(cmd: Command, opts: { readonly required: boolean; readonly unlessGiven?: string }): Command {
  const own = new Set(cmd.options.map((o) => o.long));
  cmd.option(
    '--plan <file>',
    `the migration-plan.json synth wrote (e.g. ${DEFAULT_PLAN_FILE}); what is migrated, and how, comes from it${opts.required ? '' : ' (optional)'}`,
  );
  const refused = [new Option('--metadata <file>'), ...planFlagOptions()].filter((o) => !own.has(o.long));
  for (const o of refused) cmd.addOption(new Option(o.flags).hideHelp());
  cmd.hook('preAction', (command) => {
    const given = refused.filter((o) => command.getOptionValueSource(o.attributeName()) === 'cli').map((o) => o.long as string);
    const name = command.name();
    if (given.includes('--metadata')) {
      throw new UsageError(
        `${name} reads the reviewed plan, not the metadata: run synth --metadata FILE ... and give ${name} --plan ${DEFAULT_PLAN_FILE} (the file synth wrote)`,
      );
    }
    if (given.length > 0) {
      const n = given.length;
      throw new UsageError(
        `${given.join(', ')} ${n === 1 ? 'is a plan flag' : 'are plan flags'}: ${n === 1 ? 'it decides' : 'they decide'} what is created on the target or copied, ` +
          `so give ${n === 1 ? 'it' : 'them'} to synth, review the plan it writes, and pass ${name} --plan FILE (${name} never plans again)`,
      );
    }
    // `unlessGiven`: an option of the command that works without the plan (verify --merge)
    const exempt = opts.unlessGiven !== undefined && command.getOptionValue(opts.unlessGiven) !== undefined;
    if (opts.required && !exempt && command.getOptionValue('plan') === undefined) requirePlanFile(undefined, name);
  });
  return cmd;
}

/** `--plan FILE` of a command that cannot work without it; a usage error naming synth otherwise. */
export function requirePlanFile(file: string | undefined, command: string): string {
  if (file === undefined || file.trim() === '')
    throw new UsageError(`${command} needs --plan FILE: the migration-plan.json synth writes beside cdk.tf.json (${DEFAULT_PLAN_FILE} by default)`);
  return file;
}

/** Loads `--plan FILE`; its problems are reported with their JSON paths (exit 1, see errors.ts). */
export function loadPlanFromFlag(file: string): MigrationPlanFile {
  return loadPlanFile(file);
}

/** Registers the two clusters' flags. */
export function addClusterFlags(cmd: Command): Command {
  return cmd
    .option('--source-bootstrap <list>', 'source brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --source-properties)')
    .option('--target-bootstrap <list>', 'target (AliKafka) brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --target-properties)')
    .option('--source-properties <file>', 'Java client properties for the source (security.protocol, sasl.*, ssl.truststore.*)')
    .option('--target-properties <file>', 'Java client properties for the target')
    .option('--timeout <seconds>', 'per-request timeout (also bounds opening each cluster)', '30')
    .option('--deadline <seconds>', `bound the whole run (${DEADLINE_RANGE.min}-${DEADLINE_RANGE.max} s, no default): exit 1 when it has not finished by then`);
}

export interface ClusterFlagValues {
  readonly sourceBootstrap?: string;
  readonly targetBootstrap?: string;
  readonly sourceProperties?: string;
  readonly targetProperties?: string;
  readonly timeout: string;
  readonly deadline?: string;
}

/** The range of `--deadline`, seconds (a day at most). */
export const DEADLINE_RANGE = { min: 1, max: 86_400 } as const;

/**
 * Runs `work` within `--deadline` seconds when given: a CliError (exit 1) naming the command and the deadline when
 * it has not finished by then. The launcher exits explicitly, so reads still in flight stop with the process.
 */
export async function withinDeadline<T>(command: string, f: Pick<ClusterFlagValues, 'deadline'>, work: () => Promise<T>): Promise<T> {
  if (f.deadline === undefined) return work();
  const seconds = intFlag('--deadline', f.deadline, DEADLINE_RANGE.min, DEADLINE_RANGE.max, 'seconds');
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`${command} did not finish within --deadline ${seconds} s`, 1)), seconds * 1000);
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function endpoint(role: 'source' | 'target', list: string | undefined, propsFile: string | undefined, io: CliIo): ClusterEndpoint {
  let settings: ClientSettings | undefined;
  if (propsFile) {
    try {
      settings = loadClientProperties(propsFile);
    } catch (e) {
      throw new CliError(`--${role}-properties: ${(e as Error).message}`, 1);
    }
    if (settings.unsupported.length) io.err(`warning: ${propsFile}: not supported by the Node.js client, ignored: ${settings.unsupported.join(', ')}\n`);
  }
  const brokers = list
    ? list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : settings?.brokers;
  if (!brokers?.length) throw new UsageError(`give --${role}-bootstrap HOST:PORT[,HOST:PORT] (or bootstrap.servers in --${role}-properties)`);
  for (const s of brokers) {
    const problem = serverProblem(s);
    if (problem) throw new UsageError(`--${role}-bootstrap: ${problem}`);
  }
  return { role, brokers, settings };
}

export function clustersFromFlags(f: ClusterFlagValues, io: CliIo): { source: ClusterEndpoint; target: ClusterEndpoint; timeoutMs: number } {
  // a per-request bound, within the range of the whole run's bound
  const timeout = intFlag('--timeout', f.timeout, 1, DEADLINE_RANGE.max, 'seconds');
  return {
    source: endpoint('source', f.sourceBootstrap, f.sourceProperties, io),
    target: endpoint('target', f.targetBootstrap, f.targetProperties, io),
    timeoutMs: timeout * 1000,
  };
}

/** The source cluster alone (checks that never read the target), parsed as {@link clustersFromFlags} does. */
export function sourceFromFlags(f: ClusterFlagValues, io: CliIo): { source: ClusterEndpoint; timeoutMs: number } {
  const timeout = intFlag('--timeout', f.timeout, 1, DEADLINE_RANGE.max, 'seconds');
  return { source: endpoint('source', f.sourceBootstrap, f.sourceProperties, io), timeoutMs: timeout * 1000 };
}

/** The names of the flags among `flags` (name and value) that were given: for flags that do not go together. */
export function givenFlags(flags: ReadonlyArray<readonly [string, unknown]>): string[] {
  return flags.filter(([, v]) => v !== undefined).map(([name]) => name);
}

/** Parses a whole-number flag. */
export function wholeNumberFlag(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}
