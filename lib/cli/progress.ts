/**
 * The commands' progress on stderr, one module (lib/util/progress formats and times it): `export`'s phases,
 * `verify`'s reading, `cutover`'s and `status`'s sampling window. A refreshing line on a terminal, plain lines
 * every few seconds otherwise; never on stdout, so `--json` and written files carry the result only.
 */
import type { CliIo } from './io';
import { FlagLookup, flagLookup, withFlags } from './errors';
import type { SourceProgress } from '../sources/errors';
import { terminalText } from '../util/escape';
import { ProgressLine, ProgressOptions, ProgressUnit } from '../util/progress';

/** Clear from the cursor to the end of the line (ANSI). */
const CLEAR_LINE = '\x1b[K';

/**
 * A progress line on the command's stderr. The line's own control characters (carriage return, clear to the end
 * of the line) go through `io.errRaw` when the io has it; the text itself is escaped like every message.
 */
export function progressLine(io: CliIo, label: string, unit: ProgressUnit, total?: number, opts: ProgressOptions = {}): ProgressLine {
  const raw = io.errRaw ?? io.err;
  return new ProgressLine(
    {
      isTty: io.isTty,
      write: (t) => {
        // the line's own carriage return and clear-line sequence around its escaped text
        const cr = t.startsWith('\r') ? '\r' : '';
        const nl = t.endsWith('\n') ? '\n' : '';
        let body = t.slice(cr.length, t.length - nl.length);
        const clear = body.endsWith(CLEAR_LINE) ? CLEAR_LINE : '';
        body = body.slice(0, body.length - clear.length);
        raw(`${cr}${terminalText(body)}${clear}${nl}`);
      },
    },
    label,
    unit,
    total,
    { ...(io.progressEveryMs !== undefined ? { lineEveryMs: io.progressEveryMs } : {}), ...opts },
  );
}

/** `export`'s progress: a line per phase with its count, rate and time left. Warnings always go to stderr. */
export function createProgress(io: CliIo, flagOf: FlagLookup = flagLookup()): SourceProgress & { done(): void } {
  let line: ProgressLine | undefined;
  const end = (): void => {
    line?.done();
    line = undefined;
  };
  return {
    phase(n, t) {
      end();
      if (!io.isTty) io.err(`export: ${n}${t !== undefined ? ` (${t})` : ''}\n`);
      else if (t === undefined) io.err(`${n}...\n`);
      if (t !== undefined && t > 0) line = progressLine(io, `export: ${n}`, 'items', t, { timer: true });
    },
    tick(k = 1) {
      line?.add(k);
    },
    warn(message) {
      // a warning on its own line, then (on a terminal) the progress line again
      if (io.isTty && line) io.err('\n');
      io.err(`warning: ${withFlags(message, undefined, flagOf)}\n`);
      line?.redraw();
    },
    done() {
      end();
    },
  };
}

/**
 * A sampling window's progress (`cutover`, `status`): samples taken of the window's, and the time left of the
 * window (it is waited out, so the time left is known, not estimated). `onSample` is the readers' callback.
 */
export function windowProgress(io: CliIo, label: string, stableSeconds: number): { onSample(i: number, n: number): void; done(): void } {
  let line: ProgressLine | undefined;
  let end = 0;
  return {
    onSample(i, n) {
      if (n <= 1) return;
      if (!line) {
        end = Date.now() + stableSeconds * 1000;
        line = progressLine(io, label, 'samples', n, { timer: true, leftMs: () => Math.max(0, end - Date.now()) });
      }
      line.add(i - line.state.done);
    },
    done() {
      line?.done();
    },
  };
}
