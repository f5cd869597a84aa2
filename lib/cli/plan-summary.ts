import { Command } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { parsePlanSummary, PlanSummary, planSummaryToJson, renderPlanSummaryMarkdown, withDrift } from '../review/plan-summary';
import { plannedResourceAddresses } from '../plan';
import { loadPlanFromFlag, PlanFileFlag } from './plan-flags';
import { readUserFile, writeFilesAtomically } from '../util/fs';

export interface PlanSummaryFlags extends PlanFileFlag {
  readonly json?: boolean;
  readonly out?: string;
  readonly collapseAfter?: string;
}

/** Reads the plan JSON from `file` (`-` for stdin); a CliError naming the file when it cannot be read. */
function readPlanText(file: string): { text: string; source: string } {
  const source = file === '-' ? '<stdin>' : file;
  try {
    return { text: readUserFile(file === '-' ? 0 : file), source };
  } catch (e) {
    throw new CliError(`${source}: cannot read: ${(e as Error).message}`);
  }
}

/** The plan-summary command's work, callable from code: read, summarize, render, write or print. */
export function runPlanSummary(file: string, f: PlanSummaryFlags, io: CliIo): PlanSummary {
  let collapseAfter: number | undefined;
  if (f.collapseAfter !== undefined) {
    if (!/^\d+$/.test(f.collapseAfter)) throw new UsageError(`--collapse-after must be a whole number, got ${JSON.stringify(f.collapseAfter)}`);
    collapseAfter = Number(f.collapseAfter);
  }
  if (f.out !== undefined && f.out.trim() === '') throw new UsageError('--out needs a file name');
  const migrationPlan = f.plan === undefined ? undefined : loadPlanFromFlag(f.plan);
  const { text, source } = readPlanText(file);
  let summary: PlanSummary = parsePlanSummary(text, source);
  if (migrationPlan !== undefined) summary = withDrift(summary, plannedResourceAddresses(migrationPlan), f.plan as string);
  const content = f.json ? `${JSON.stringify(planSummaryToJson(summary), null, 2)}\n` : renderPlanSummaryMarkdown(summary, { collapseAfter });
  if (f.out !== undefined) {
    writeFilesAtomically([{ path: f.out, content }]);
    io.err(`wrote ${f.out}\n`);
  } else {
    io.out(content);
  }
  return summary;
}

/** Registers `alikafka-migrate plan-summary`. */
export function registerPlanSummary(program: Command, io: CliIo): void {
  program
    .command('plan-summary')
    .description(
      'summarize `terraform show -json PLANFILE` output as Markdown for a pull-request comment: ' +
        'counts by type, every destroy and replace at the top; values are never printed',
    )
    .argument('<plan-json>', 'output of `terraform show -json PLANFILE` (- for stdin)')
    .option('--json', 'print the summary as JSON instead of Markdown')
    .option('--out <file>', 'write the summary to this file (atomically) instead of stdout')
    .option('--collapse-after <n>', 'collapse lists of more than n addresses of one type in <details>', '10')
    .option(
      '--plan <file>',
      'the migration-plan.json of the stack: list first what Terraform would change that the plan does not contain, and planned resources absent from the Terraform plan',
    )
    .action((file: string, opts: PlanSummaryFlags) => {
      runPlanSummary(file, opts, io);
    });
}
