import { Command } from 'commander';
import type { MigrationPlanFile } from '../plan';
import type { CliIo } from './io';
import { windowProgress } from './progress';
import { UsageError } from './errors';
import {
  addClusterFlags,
  addPlanFileFlag,
  ClusterFlagValues,
  clustersFromFlags,
  loadPlanFromFlag,
  PlanFileFlag,
  requirePlanFile,
  sourceFromFlags,
  wholeNumberFlag,
  withinDeadline,
} from './plan-flags';
import { FlowResult, readCutover, readFlow } from '../cutover/read';
import { renderDrain, renderProducers } from '../cutover/flow';
import { isCopyFree } from '../plan';
import { CutoverResult, DEFAULT_CHECKPOINT_INTERVAL_SECONDS, renderCutover, UNTRANSLATED_AFTER_INTERVALS } from '../cutover/verdict';

export interface CutoverFlags extends PlanFileFlag, ClusterFlagValues {
  readonly json?: boolean;
  readonly group: string[];
  readonly maxLag: string;
  readonly stableSeconds: string;
  readonly checkpointInterval?: string;
  readonly producers?: boolean;
  readonly drain?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** MirrorMaker 2's checkpoint interval for cutover: the flag's, else the plan file's (when synth recorded it), else the default. */
export function checkpointInterval(given: number | undefined, plan: Pick<MigrationPlanFile, 'mirror'>): number {
  return given ?? plan.mirror?.checkpointIntervalSeconds ?? DEFAULT_CHECKPOINT_INTERVAL_SECONDS;
}

/** The cutover command's work, callable from code. Read-only on both clusters; re-run it as often as needed. */
export async function runCutover(f: CutoverFlags, io: CliIo): Promise<CutoverResult> {
  const maxLag = wholeNumberFlag('--max-lag', f.maxLag);
  const stableSeconds = wholeNumberFlag('--stable-seconds', f.stableSeconds);
  if (stableSeconds > 3600) throw new UsageError('--stable-seconds must be at most 3600');
  const givenInterval = f.checkpointInterval === undefined ? undefined : wholeNumberFlag('--checkpoint-interval', f.checkpointInterval);
  if (givenInterval !== undefined && givenInterval < 1) throw new UsageError('--checkpoint-interval must be at least 1 (seconds)');
  const { source, target, timeoutMs } = clustersFromFlags(f, io);
  const plan = loadPlanFromFlag(requirePlanFile(f.plan, 'cutover'));
  if (isCopyFree(plan)) {
    throw new UsageError(
      'the plan is copy-free (synth --no-copy): no data or offsets move to the target, so there is no group verdict to give; run cutover --producers (who still writes to the source) and cutover --drain (how far the old groups have drained the source)',
    );
  }
  const checkpointIntervalSeconds = checkpointInterval(givenInterval, plan);
  checkGroups(plan, f.group);
  const window = windowProgress(io, 'cutover', stableSeconds);
  const result: CutoverResult = await withinDeadline('cutover', f, () =>
    readCutover(plan, {
      source,
      target,
      timeoutMs,
      maxLag,
      stableSeconds,
      checkpointIntervalSeconds,
      groups: f.group.length ? f.group : undefined,
      onSample: window.onSample,
    }),
  ).finally(() => window.done());
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderCutover(result));
  return result;
}

/** --group values must be planned groups. */
function checkGroups(plan: MigrationPlanFile, given: readonly string[]): void {
  const planned = new Set(plan.groups.map((g) => g.sourceId));
  const unknown = given.filter((g) => !planned.has(g));
  if (unknown.length) {
    const skipped = new Map(plan.skipped.filter((s) => s.kind === 'group').map((s) => [s.name, s.reason]));
    throw new UsageError(
      `--group ${unknown.map((g) => `${g} is not a planned group${skipped.has(g) ? ` (skipped by the plan: ${skipped.get(g)})` : ''}`).join('; ')}; the plan has ${plan.groups.length} group(s)`,
    );
  }
}

/**
 * `cutover --producers` and/or `--drain`: who still writes each planned topic on which cluster, and how far each
 * planned group has drained the source (the source alone for --drain). Read-only; exit 0 when the check ran.
 */
export async function runCutoverFlow(f: CutoverFlags, io: CliIo): Promise<FlowResult> {
  const stableSeconds = wholeNumberFlag('--stable-seconds', f.stableSeconds);
  if (stableSeconds > 3600) throw new UsageError('--stable-seconds must be at most 3600');
  if (f.producers && stableSeconds < 1) throw new UsageError('--producers measures writes over a window: give --stable-seconds 1 or more');
  if (f.maxLag !== '0') throw new UsageError('--max-lag applies to the group verdicts, not to --producers or --drain');
  if (f.checkpointInterval !== undefined) throw new UsageError('--checkpoint-interval applies to the group verdicts, not to --producers or --drain');
  const producers = f.producers === true;
  const drain = f.drain === true;
  if (producers && f.group.length && !drain)
    throw new UsageError('--group selects groups for --drain or the group verdicts; --producers checks every planned topic');
  const clusters = producers ? clustersFromFlags(f, io) : { ...sourceFromFlags(f, io), target: undefined };
  const plan = loadPlanFromFlag(requirePlanFile(f.plan, 'cutover'));
  checkGroups(plan, f.group);
  const window = windowProgress(io, producers ? 'cutover --producers' : 'cutover --drain', stableSeconds);
  const result: FlowResult = await withinDeadline('cutover', f, () =>
    readFlow(plan, {
      source: clusters.source,
      target: clusters.target,
      timeoutMs: clusters.timeoutMs,
      stableSeconds,
      producers,
      drain,
      groups: f.group.length ? f.group : undefined,
      onSample: window.onSample,
    }),
  ).finally(() => window.done());
  if (f.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out([result.producers ? renderProducers(result.producers) : '', result.drain ? renderDrain(result.drain) : ''].filter(Boolean).join('\n'));
  return result;
}

/** Registers `alikafka-migrate cutover`. */
export function registerCutover(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = program
    .command('cutover')
    .description(
      "a verdict per consumer group (ready-to-switch, draining, consumers-still-running, target-behind, switched) with the next step, and the copy's progress per topic; read-only on both clusters, re-run at any time",
    );
  addClusterFlags(cmd);
  cmd
    .option('--group <id>', 'decide only this source group; repeatable (default: every planned group)', collect, [])
    .option(
      '--max-lag <n>',
      'records the source group may leave unread per partition for ready-to-switch (they are read on the target); never waives the target offset check',
      '0',
    )
    .option('--stable-seconds <n>', 'the lag must stay within --max-lag for this window (sampled up to 6 times)', '10')
    .option(
      '--checkpoint-interval <seconds>',
      `MirrorMaker 2's checkpoint and offset sync interval (default: the plan file's, else ${DEFAULT_CHECKPOINT_INTERVAL_SECONDS}); offsets it has not translated during ${UNTRANSLATED_AFTER_INTERVALS} intervals of the window get offsets to commit`,
    )
    .option(
      '--producers',
      'instead of the group verdicts: per planned topic, whether the source and the target received writes during --stable-seconds (both: split order, with what to do)',
    )
    .option(
      '--drain',
      'instead of the group verdicts: per planned group, on the source only, draining (lag, trend, time to zero) or drained (lag 0 through the window, no members: retire it)',
    )
    .option('--json', 'print the result as JSON');
  addPlanFileFlag(cmd, { required: true }).action(async (opts: CutoverFlags) => {
    if (opts.producers || opts.drain) await runCutoverFlow(opts, io);
    else await runCutover(opts, io);
    setExit(0);
  });
}
