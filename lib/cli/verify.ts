import { Command } from 'commander';
import type { CliIo } from './io';
import { CliError } from './errors';
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
import { renderVerify, VerifyResult, verifyExitCode } from '../verify/compare';
import { verifyMigration } from '../verify/read';

export interface VerifyFlags extends PlanFileFlag, ClusterFlagValues {
  readonly json?: boolean;
  readonly sample?: string;
}

/**
 * The verify command's work, callable from code. Exit code 0 when every record in range was read and matched,
 * 1 on any difference (an unread range is one), 3 when what was read matched but not everything was read
 * (a sample, a planned topic missing on the source).
 */
export async function runVerify(f: VerifyFlags, io: CliIo): Promise<{ code: 0 | 1 | 3; result: VerifyResult }> {
  const sample = f.sample === undefined ? undefined : wholeNumberFlag('--sample', f.sample);
  if (sample === 0) throw new CliError('--sample must be at least 1 (leave it out to compare all messages)', 2);
  const { source, target, timeoutMs } = clustersFromFlags(f, io);
  const plan = loadPlanFromFlag(requirePlanFile(f.plan, 'verify'));
  const result: VerifyResult = await withinDeadline('verify', f, () => verifyMigration(plan, { source, target, timeoutMs, sample }));
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderVerify(result));
  return { code: verifyExitCode(result), result };
}

/** Registers `alikafka-migrate verify`. */
export function registerVerify(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = program
    .command('verify')
    .description(
      'compare the target with the source for the planned topics and groups: partitions, message counts, checksums of keys, values and headers, key placement, compacted topics by the latest record per key; exit 0 when every record was read and matched, 1 on any difference (an unread range is one), 3 when a sample or a partial read found none. Read-only on both clusters',
    );
  addClusterFlags(cmd);
  cmd
    .option('--sample <n>', 'compare only the last N messages of each partition (default: all; a sample without differences exits 3)')
    .option('--json', 'print the result as JSON');
  addPlanFileFlag(cmd, { required: true }).action(async (opts: VerifyFlags) => {
    const { code } = await runVerify(opts, io);
    setExit(code);
  });
}
