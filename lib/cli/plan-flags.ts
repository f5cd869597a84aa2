/**
 * Flags shared by the commands that check a migration against live clusters (`cutover`, `verify`): the same plan
 * flags as `synth` (so they check exactly the planned topics and groups, renames included), and the two clusters.
 * The plan options come from synth's own `planOptionsFromFlags`.
 */
import { Command } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { addPlanOptions } from './plan-options';
import { planOptionsFromFlags, SynthFlags } from './synth';
import { loadMetadataFile } from '../model';
import { MigrationPlan, planMigration } from '../plan';
import { SourceError } from '../sources/errors';
import { ClusterEndpoint } from '../sources/cluster-reader';
import { ClientSettings, loadClientProperties } from '../sources/properties';

/** Registers `--metadata` and synth's plan flags (everything that decides which topics and groups are planned, and their names and partitions). */
export function addPlanFlags(cmd: Command): Command {
  return addPlanOptions(cmd.requiredOption('--metadata <file>', 'metadata JSON file (the one synth planned from)'));
}

/** Registers the two clusters' flags. */
export function addClusterFlags(cmd: Command): Command {
  return cmd
    .option('--source-bootstrap <list>', 'source brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --source-properties)')
    .option('--target-bootstrap <list>', 'target (AliKafka) brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --target-properties)')
    .option('--source-properties <file>', 'Java client properties for the source (security.protocol, sasl.*, ssl.truststore.*)')
    .option('--target-properties <file>', 'Java client properties for the target')
    .option('--timeout <seconds>', 'per-request timeout', '30');
}

export interface PlanFlagValues extends Omit<SynthFlags, 'out' | 'stack'> {
  readonly json?: boolean;
}

export interface ClusterFlagValues {
  readonly sourceBootstrap?: string;
  readonly targetBootstrap?: string;
  readonly sourceProperties?: string;
  readonly targetProperties?: string;
  readonly timeout: string;
}

/** Plans the migration exactly as synth does with the same flags. */
export function planFromFlags(f: PlanFlagValues): MigrationPlan {
  if (f.allowDestroy && !f.previousMetadata) throw new UsageError('--allow-destroy only applies with --previous-metadata');
  if (f.existingTarget && !f.instanceId) throw new UsageError('--existing-target needs --instance-id (objects can only exist on an existing instance)');
  const options = planOptionsFromFlags({ ...f, out: '', stack: '' });
  return planMigration(loadMetadataFile(f.metadata), options);
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
    if (!/^[^\s:/@]+:\d{1,5}$/.test(s) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(s))
      throw new UsageError(`--${role}-bootstrap: bad server ${JSON.stringify(s)} (expected HOST:PORT)`);
  }
  return { role, brokers, settings };
}

export function clustersFromFlags(f: ClusterFlagValues, io: CliIo): { source: ClusterEndpoint; target: ClusterEndpoint; timeoutMs: number } {
  if (!/^\d+$/.test(f.timeout) || Number(f.timeout) < 1)
    throw new UsageError(`--timeout must be a whole number of seconds ≥ 1, got ${JSON.stringify(f.timeout)}`);
  return {
    source: endpoint('source', f.sourceBootstrap, f.sourceProperties, io),
    target: endpoint('target', f.targetBootstrap, f.targetProperties, io),
    timeoutMs: Number(f.timeout) * 1000,
  };
}

/** A reading failure as a CLI error: exit 1 with the cluster and host named (2 for usage problems). */
export function cliErrorFromSource(e: unknown): unknown {
  if (e instanceof SourceError) return e.kind === 'usage' ? new UsageError(e.message) : new CliError(e.message, 1);
  return e;
}

/** Parses a whole-number flag. */
export function wholeNumberFlag(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}
