import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { errorLines, flagLookup, toCliError } from './errors';
import { CliIo, defaultIo } from './io';
import { terminalText } from '../util/escape';
import { registerSynth } from './synth';
import { registerPlanSummary } from './plan-summary';
import { registerExport } from './export';
import { registerClientConfig } from './client-config';
import { registerLintClient } from './lint-client';
import { registerEvaluate } from './evaluate';
import { registerCutover } from './cutover';
import { registerStatus } from './status';
import { registerVerify } from './verify';
import { registerMirror } from './mirror';
import { addInputLimit } from './limits';

export { CliError, UsageError } from './errors';
export { CliIo, defaultIo } from './io';

function packageVersion(): string {
  // dist/lib/cli/index.js and lib/cli/index.ts both sit three levels below the package root
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      return (JSON.parse(fs.readFileSync(path.join(__dirname, rel), 'utf8')) as { version: string }).version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

let pipeHandlerInstalled = false;

/**
 * `alikafka-migrate ... | head` closes standard output early: stop quietly (exit 0) instead of printing an EPIPE
 * stack trace. Other stream errors still surface.
 */
function quietOnClosedPipe(): void {
  if (pipeHandlerInstalled) return;
  pipeHandlerInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

function buildProgram(io: CliIo, setExit: (code: number) => void, onAction: (command: Command) => void): Command {
  const program = new Command();
  program
    .name('alikafka-migrate')
    .description('Turn a self-hosted Apache Kafka cluster into a reviewed Terraform plan for Alibaba Cloud Message Queue for Kafka.')
    .version(packageVersion(), '--version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');
  registerExport(program, io);
  registerEvaluate(program, io);
  registerSynth(program, io);
  registerPlanSummary(program, io);
  registerClientConfig(program, io);
  registerLintClient(program, io);
  registerCutover(program, io, setExit);
  registerStatus(program, io, setExit);
  registerVerify(program, io, setExit);
  registerMirror(program, io);
  program.hook('preAction', (_program, action) => onAction(action));
  addInputLimit(program);
  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script entries) and returns the exit code:
 * 0 success, 1 bad input, plan, source or internal error, 2 usage error (see `EXIT_CODES`).
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  if (io === defaultIo) quietOnClosedPipe();
  // messages name source objects: whatever a name holds, it cannot rewrite the terminal (carriage returns, escape
  // sequences, bidirectional overrides are shown escaped)
  if (io !== defaultIo) {
    const err = io.err;
    io = { ...io, err: (t) => err(terminalText(t)) };
  }
  // a command that ran to the end can still report a failed check (verify: differences found) with exit 1
  let exitCode = 0;
  let running: Command | undefined;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    (command) => {
      running = command;
    },
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      return e.exitCode === 0 ? 0 : 2;
    }
    // the one place an error becomes what the user reads and the exit code (lib/cli/errors.ts)
    const cli = toCliError(e, flagLookup(running));
    io.err(errorLines(cli));
    return cli.exitCode;
  }
}
