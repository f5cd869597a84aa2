import { terminalText } from '../util/escape';

/** Where the CLI writes; tests pass their own to capture output. Its own module, so commands never import `./index`. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal (progress bars); plain log lines otherwise. */
  readonly isTty: boolean;
  /** stderr without escaping, for a progress line's own carriage return and clear-line sequence (lib/cli/progress). */
  readonly errRaw?: (text: string) => void;
  /** Progress lines off a terminal: at most one per this many milliseconds (default 10 000; tests set their own). */
  readonly progressEveryMs?: number;
}

/**
 * The process's streams. Messages on stderr, and stdout when it is a terminal, show control characters and
 * bidirectional overrides escaped (`terminalText`); stdout into a pipe or file carries the output unchanged.
 */
export const defaultIo: CliIo = {
  out: (t) => process.stdout.write(process.stdout.isTTY ? terminalText(t) : t),
  err: (t) => process.stderr.write(terminalText(t)),
  isTty: Boolean(process.stderr.isTTY),
  errRaw: (t) => process.stderr.write(t),
};
