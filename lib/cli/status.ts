/**
 * `alikafka-migrate status --plan FILE`: one read-only view of the whole migration's progress (topics on the
 * target, data copied per topic, groups by verdict, producers switched), from the plan file and both clusters.
 * Plain lines, a refreshing table on a terminal with `--watch SECONDS`, or `--json`.
 */
import { Command } from 'commander';
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
  wholeNumberFlag,
  withinDeadline,
} from './plan-flags';
import { readCutover, readFlow } from '../cutover/read';
import { isCopyFree } from '../plan';
import { MigrationStatus, migrationStatus, renderStatus } from '../status';

export interface StatusFlags extends PlanFileFlag, ClusterFlagValues {
  readonly stableSeconds: string;
  readonly watch?: string;
  readonly json?: boolean;
}

/** One look at the migration (over the --stable-seconds window). */
export async function readStatus(f: StatusFlags, io: CliIo): Promise<MigrationStatus> {
  const stableSeconds = wholeNumberFlag('--stable-seconds', f.stableSeconds);
  if (stableSeconds < 1 || stableSeconds > 3600) throw new UsageError('--stable-seconds must be 1-3600 (rates and producer switches are measured over it)');
  const { source, target, timeoutMs } = clustersFromFlags(f, io);
  const plan = loadPlanFromFlag(requirePlanFile(f.plan, 'status'));
  const copyFree = isCopyFree(plan);
  return withinDeadline('status', f, async () => {
    // each window's progress on stderr (the producer check's, then the group verdicts')
    const producersWindow = windowProgress(io, 'status: producers', stableSeconds);
    const flow = await readFlow(plan, {
      source,
      target,
      timeoutMs,
      stableSeconds,
      producers: true,
      drain: copyFree,
      onSample: producersWindow.onSample,
    }).finally(() => producersWindow.done());
    const groupsWindow = windowProgress(io, 'status: groups', stableSeconds);
    const cutover = copyFree
      ? undefined
      : await readCutover(plan, { source, target, timeoutMs, maxLag: 0, stableSeconds, onSample: groupsWindow.onSample }).finally(() => groupsWindow.done());
    if (!flow.producers) throw new Error('the producer check gave no result');
    return migrationStatus(plan, flow.producers, cutover, flow.drain);
  });
}

/** The status command's work: once, or every --watch seconds until interrupted. */
export async function runStatus(f: StatusFlags, io: CliIo): Promise<MigrationStatus> {
  const watch = f.watch === undefined ? undefined : wholeNumberFlag('--watch', f.watch);
  if (watch !== undefined && (watch < 1 || watch > 86400)) throw new UsageError('--watch must be 1-86400 (seconds between refreshes)');
  if (watch !== undefined && f.json) throw new UsageError('--watch refreshes a table for people; --json prints one result: give one of them');
  for (;;) {
    const s = await readStatus(f, io);
    const text = f.json ? `${JSON.stringify(s, null, 2)}\n` : renderStatus(s);
    // on a terminal the table refreshes in place; elsewhere each look is appended, stamped
    if (watch !== undefined && io.isTty) io.out(`\x1b[2J\x1b[H${new Date().toISOString()}\n${text}`);
    else io.out(watch !== undefined ? `${new Date().toISOString()}\n${text}` : text);
    if (watch === undefined) return s;
    await new Promise((r) => setTimeout(r, watch * 1000));
  }
}

/** Registers `alikafka-migrate status`. */
export function registerStatus(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = program
    .command('status')
    .description('the migration at a glance, read-only: topics on the target, data copied per topic, groups by verdict, producers switched');
  addClusterFlags(cmd);
  cmd
    .option('--stable-seconds <n>', 'the window rates, catch-up times and producer switches are measured over', '5')
    .option('--watch <seconds>', 'refresh every SECONDS (a table in place on a terminal, stamped lines otherwise) until interrupted')
    .option('--json', 'print the result as JSON');
  addPlanFileFlag(cmd, { required: true }).action(async (opts: StatusFlags) => {
    await runStatus(opts, io);
    setExit(0);
  });
}
