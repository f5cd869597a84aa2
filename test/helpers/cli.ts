/**
 * The CLI in-process: `main(argv)` as the shipped binary runs it, with stdout and stderr captured. Every test
 * that drives a command goes through here instead of spawning `bin/alikafka-migrate` (a test of the launcher
 * itself, such as pipe-output, spawns it on purpose).
 */
import { CliIo, main } from '../../lib/cli';

export interface CliRun {
  readonly code: number;
  /** What the command wrote to stdout. */
  readonly out: string;
  /** What the command wrote to stderr. */
  readonly err: string;
  /** Wall time of the command, in milliseconds. */
  readonly ms: number;
}

/** A CliIo that keeps what it is given: stdout and stderr apart, and both as lines in the order written. */
export interface CapturedIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Every line written, `out TEXT` or `err TEXT`, in the order written. */
  readonly lines: () => string[];
}

export function captureIo(): CapturedIo {
  let out = '';
  let err = '';
  const lines: string[] = [];
  const keep = (tag: string, t: string): void => {
    lines.push(
      ...t
        .trimEnd()
        .split('\n')
        .map((l) => `${tag} ${l}`),
    );
  };
  return {
    out: (t) => {
      out += t;
      keep('out', t);
    },
    err: (t) => {
      err += t;
      keep('err', t);
    },
    isTty: false,
    stdout: () => out,
    stderr: () => err,
    lines: () => [...lines],
  };
}

/** Runs `alikafka-migrate ARGV` in-process; never throws for a non-zero exit (the test checks `code`). */
export async function runCli(argv: readonly string[], io: CapturedIo = captureIo()): Promise<CliRun> {
  const t0 = Date.now();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr(), ms: Date.now() - t0 };
}

/** Like runCli, but throws with the command's output unless it exits 0: for set-up steps, not for the behaviour under test. */
export async function runCliOk(argv: readonly string[]): Promise<CliRun> {
  const r = await runCli(argv);
  if (r.code !== 0) throw new Error(`alikafka-migrate ${argv.join(' ')} exited ${r.code}:\n${r.err}\n${r.out}`.slice(0, 20000));
  return r;
}
