import { Command } from 'commander';
import type { CliIo } from './io';
import { FlagLookup, flagLookup, UsageError, withFlags } from './errors';
import { loadMetadataFile } from '../model';
import { INSTANCE_RETENTION_HOURS, SIZING_GUIDANCE } from '../alikafka';
import { PlanError } from '../plan/errors';
import { AlikafkaMigrateError } from '../errors';
import { evaluateSizing, SizingEvaluation, SizingFlags } from '../plan/sizing';
import { sizingInputFromMetadata } from '../plan';
import { renderSizingMarkdown } from '../report/sizing';
import { replicasFlag, REPLICAS_HELP, SSD_HELP } from './plan-options';

export interface EvaluateFlags {
  readonly metadata?: string;
  readonly peakMbps?: string;
  readonly readMbps?: string;
  readonly publicMbps?: string;
  readonly retentionHours?: string;
  readonly headroom?: string;
  readonly multiZone?: boolean;
  readonly singleZone?: boolean;
  readonly replicas?: string;
  readonly ssd?: boolean;
  readonly include: string[];
  readonly exclude: string[];
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw new UsageError(`${flag} must be a number >= 0, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The evaluate command's work, callable from code: read, evaluate, print. Exit 1 (CliError) when the estate does not fit. */
export function runEvaluate(f: EvaluateFlags, io: CliIo, flagOf: FlagLookup = flagLookup()): SizingEvaluation {
  if (!f.metadata) throw new UsageError('--metadata FILE is required (the export to size from)');
  if (f.multiZone && f.singleZone) throw new UsageError('--multi-zone and --single-zone exclude each other');
  const flags: SizingFlags = {
    peakMBps: number('--peak-mbps', f.peakMbps),
    readMBps: number('--read-mbps', f.readMbps),
    publicMBps: number('--public-mbps', f.publicMbps),
    retentionHours: number('--retention-hours', f.retentionHours),
    headroomPct: number('--headroom', f.headroom),
    multiZone: f.multiZone ? true : f.singleZone ? false : undefined,
    localReplicas: replicasFlag(f.replicas),
    diskType: f.ssd ? 'ssd' : undefined,
    include: f.include.length > 0 ? f.include : undefined,
    exclude: f.exclude.length > 0 ? f.exclude : undefined,
  };
  const meta = loadMetadataFile(f.metadata);
  let evaluation: SizingEvaluation;
  try {
    evaluation = evaluateSizing(sizingInputFromMetadata(meta, flags));
  } catch (e) {
    // the sizing flags out of range, each subject an option key (`retentionHours`) the CLI shows as its flag
    if (e instanceof PlanError) throw new AlikafkaMigrateError('usage', e.problems.map((p) => `\`${p.subject}\` ${p.message}`).join('; '), { cause: e });
    throw e;
  }
  // the report names options as the library does (`retentionHours`): shown with this command's flags
  io.out(
    f.json
      ? `${JSON.stringify(evaluation, null, 2)}\n`
      : withFlags(renderSizingMarkdown(evaluation, { level: 1, title: `Sizing of ${f.metadata}` }), undefined, flagOf),
  );
  if (!evaluation.fits) {
    throw new AlikafkaMigrateError(
      'plan',
      `the estate does not fit one AliKafka instance: ${evaluation.problems.map((p) => p.message).join('; ')}${evaluation.split && evaluation.split.sets.length > 1 ? `; split into ${evaluation.split.sets.length} instances as suggested above` : ''}`,
    );
  }
  return evaluation;
}

/** Registers `alikafka-migrate evaluate`. */
export function registerEvaluate(program: Command, io: CliIo): void {
  program
    .command('evaluate')
    .description(
      'size the AliKafka instance from the metadata: the cheapest edition and traffic spec meeting the measured ' +
        'peaks, partitions, groups, disk and features, with the reason for each choice and the origin of each input',
    )
    .option('--metadata <file>', 'metadata JSON written by export (or by hand)')
    .option('--peak-mbps <n>', 'peak business write of the migrated topics, MB/s (default: the measured peak, or the mean)')
    .option('--read-mbps <n>', 'peak business read, MB/s (default: write x the consumer groups reading each topic)')
    .option('--public-mbps <n>', 'peak public (Internet) traffic, the higher of read and write, MB/s (default 0: VPC only)')
    .option(
      '--retention-hours <h>',
      `instance retention of the target, ${INSTANCE_RETENTION_HOURS.min}-${INSTANCE_RETENTION_HOURS.max} h (default: AliKafka's ${INSTANCE_RETENTION_HOURS.default} h)`,
    )
    .option('--headroom <pct>', `headroom above every need, percent (default ${SIZING_GUIDANCE.trafficHeadroom * 100})`)
    .option('--multi-zone', 'ask for a multi-zone instance (default: multi-zone when the source brokers span racks)')
    .option('--single-zone', 'ask for a single-zone instance')
    .option('--replicas <n>', REPLICAS_HELP)
    .option('--ssd', SSD_HELP)
    .option('--include <glob>', 'size only topics matching this glob (repeatable)', collect, [])
    .option('--exclude <glob>', 'leave out topics matching this glob (repeatable)', collect, [])
    .option('--json', 'print the evaluation as JSON')
    .action((opts: EvaluateFlags, command: Command) => {
      runEvaluate(opts, io, flagLookup(command));
    });
}
