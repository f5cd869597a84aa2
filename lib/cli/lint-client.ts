import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { eipMaxBytesPerSecond, PUBLIC_BANDWIDTH } from '../alikafka/specs';
import { ClientRole, JAVA_IDEMPOTENCE_DEFAULT, PRACTICE_PROFILES, PracticeProfile } from '../alikafka/client-practices';
import { lintClientFiles, LintResult, renderLintText } from '../clients/lint';
import { InstanceEndpoints } from '../clients/target';
import { addPlanFileFlag } from './plan-flags';
import { bandwidthFlag, collect, loadPlanNames, loadStateInstance, NameFlags, positiveNumber } from './client-inputs';

export interface LintClientFlags extends NameFlags {
  readonly role?: ClientRole;
  readonly json?: boolean;
  readonly profile: readonly string[];
  readonly state?: string;
  readonly instanceId?: string;
  readonly maxMessageBytes?: string;
  readonly bandwidthMbps?: string;
  readonly clientVersion?: string;
  readonly maxWarnings?: string;
}

/** `--max-warnings N`: a whole number, at least 0 (ESLint's option: more warnings than N exit 1). */
function maxWarningsFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw)))
    throw new UsageError(`--max-warnings must be a whole number, 0 or more, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** `--client-version`: a kafka-clients version, MAJOR[.MINOR[.PATCH]]. */
function clientVersionFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,3}(\.\d{1,3}){0,2}$/.test(raw.trim()))
    throw new UsageError(`--client-version must be a Java client version such as 2.8 or 3.7.1, got ${JSON.stringify(raw)}`);
  return raw.trim();
}

/** The lint-client command's work, callable from code. Exit code 1 (a CliError) when any finding is an error. */
export function runLintClient(files: readonly string[], f: LintClientFlags, io: CliIo): LintResult {
  if (files.length === 0) throw new UsageError('give at least one client configuration file (.properties, or kafkajs .json)');
  if (f.instanceId !== undefined && f.state === undefined) throw new UsageError('--instance-id picks an instance of --state; it needs --state');
  const profiles = f.profile.map((p) => {
    if (!(PRACTICE_PROFILES as readonly string[]).includes(p))
      throw new UsageError(`--profile must be one of ${PRACTICE_PROFILES.join(', ')}, got ${JSON.stringify(p)}`);
    return p as PracticeProfile;
  });
  const maxWarnings = maxWarningsFlag(f.maxWarnings);
  const clientVersion = clientVersionFlag(f.clientVersion);
  let maxMessageBytes = positiveNumber('--max-message-bytes', f.maxMessageBytes);
  let mbps = bandwidthFlag(f.bandwidthMbps);
  let target: InstanceEndpoints | undefined;
  if (f.state !== undefined) {
    target = loadStateInstance(f.state, f.instanceId);
    maxMessageBytes ??= target.messageMaxBytes;
    mbps ??= target.eipMaxMbps;
  }
  if (profiles.includes('large-messages') && maxMessageBytes === undefined)
    throw new UsageError('--profile large-messages needs --max-message-bytes N (or --state with kafka.message.max.bytes)');
  if (profiles.includes('public-internet') && mbps === undefined)
    throw new UsageError('--profile public-internet needs --bandwidth-mbps N (or --state with eip_max)');
  const names = loadPlanNames(f);
  const result: LintResult = lintClientFiles(files, {
    role: f.role,
    profiles,
    params: { maxMessageBytes, publicBandwidthBytesPerSecond: mbps === undefined ? undefined : eipMaxBytesPerSecond(mbps) },
    target,
    names,
    clientVersion,
  });
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderLintText(result));
  if (result.counts.error > 0)
    throw new CliError(`${result.counts.error} error${result.counts.error === 1 ? '' : 's'}: these settings will not work against AliKafka`);
  if (maxWarnings !== undefined && result.counts.warning > maxWarnings)
    throw new CliError(`${result.counts.warning} warning${result.counts.warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows`);
  return result;
}

/** Registers `alikafka-migrate lint-client`. */
export function registerLintClient(program: Command, io: CliIo): void {
  const cmd = program
    .command('lint-client')
    .description(
      "check client configurations (.properties, kafkajs .json) against AliKafka's best practices and the target: " +
        'severity, current value, recommended value and reason per finding; exit 1 when any finding is an error ' +
        '(or when there are more warnings than --max-warnings)',
    )
    .argument('<files...>', 'client configuration files')
    .addOption(new Option('--role <role>', 'check as this role (default: what the keys show)').choices(['producer', 'consumer']))
    .option('--json', 'print the findings as JSON')
    .option('--profile <profile>', `extra practices: ${PRACTICE_PROFILES.join(', ')}; repeatable`, collect, [])
    .option('--state <file>', '`terraform show -json` of the applied state: bootstrap servers must be its endpoints')
    .option('--instance-id <id>', 'with --state: the instance to use when the state has several')
    .option('--max-message-bytes <n>', 'largest message in bytes (--profile large-messages)')
    .option('--bandwidth-mbps <n>', `public bandwidth in ${PUBLIC_BANDWIDTH.unit}, the unit of eip_max (--profile public-internet)`)
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings (as ESLint does; errors always exit 1)')
    .option(
      '--client-version <version>',
      `the Java client (kafka-clients) version of the files, for defaults that changed (enable.idempotence is on from ${JAVA_IDEMPOTENCE_DEFAULT.onFromMajor}.0); default: a ${JAVA_IDEMPOTENCE_DEFAULT.assumedMajor}.x client`,
    );
  addPlanFileFlag(cmd, { required: false }).action((files: string[], opts: LintClientFlags) => {
    runLintClient(files, opts, io);
  });
}
