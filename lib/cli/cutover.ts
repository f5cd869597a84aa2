import { Command } from 'commander';
import type { MigrationPlanFile } from '../plan';
import type { CliIo } from './io';
import { UsageError } from './errors';
import {
  addClusterFlags,
  addPlanFileFlag,
  ClusterFlagValues,
  clustersFromFlags,
  loadPlanFromFlag,
  PlanFileFlag,
  requirePlanFile,
  wholeNumberFlag,
  withinDeadline,
} from './plan-flags';
import { readCutover } from '../cutover/read';
import { CutoverResult, DEFAULT_CHECKPOINT_INTERVAL_SECONDS, renderCutover, UNTRANSLATED_AFTER_INTERVALS } from '../cutover/verdict';

export interface CutoverFlags extends PlanFileFlag, ClusterFlagValues {
  readonly json?: boolean;
  readonly group: string[];
  readonly maxLag: string;
  readonly stableSeconds: string;
  readonly checkpointInterval?: string;
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
  const checkpointIntervalSeconds = checkpointInterval(givenInterval, plan);
  const planned = new Set(plan.groups.map((g) => g.sourceId));
  const unknown = f.group.filter((g) => !planned.has(g));
  if (unknown.length) {
    const skipped = new Map(plan.skipped.filter((s) => s.kind === 'group').map((s) => [s.name, s.reason]));
    throw new UsageError(
      `--group ${unknown.map((g) => `${g} is not a planned group${skipped.has(g) ? ` (skipped by the plan: ${skipped.get(g)})` : ''}`).join('; ')}; the plan has ${plan.groups.length} group(s)`,
    );
  }
  const result: CutoverResult = await withinDeadline('cutover', f, () =>
    readCutover(plan, {
      source,
      target,
      timeoutMs,
      maxLag,
      stableSeconds,
      checkpointIntervalSeconds,
      groups: f.group.length ? f.group : undefined,
      onSample: (i, n) => {
        if (n > 1) io.err(`sample ${i}/${n}\n`);
      },
    }),
  );
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderCutover(result));
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
    .option('--json', 'print the result as JSON');
  addPlanFileFlag(cmd, { required: true }).action(async (opts: CutoverFlags) => {
    await runCutover(opts, io);
    setExit(0);
  });
}
