/**
 * Progress of long work on stderr, one module for every command: what is done of what total, the rate and the
 * time left. On a terminal one line refreshes in place (`\r` and clear to the end of the line); elsewhere (a
 * pipe, a CI log) a plain line is appended every few seconds, so logs stay readable. Progress never goes to
 * standard output: `--json` and written files carry the result only.
 *
 * {@link formatProgress} is pure (tests pin its text); {@link ProgressLine} decides when to write.
 */

/** What is counted: bytes print as KiB/MiB/GiB, `items` as bare numbers, the others with their unit's name. */
export type ProgressUnit = 'bytes' | 'records' | 'partitions' | 'groups' | 'topics' | 'samples' | 'items';

export interface ProgressState {
  readonly label: string;
  readonly unit: ProgressUnit;
  readonly done: number;
  /** Undefined while the total is not known (then no percentage and no time left). */
  readonly total?: number;
  readonly elapsedMs: number;
  /** Bytes read so far, when the unit is not bytes (shown as a rate next to it). */
  readonly bytes?: number;
  /** Time left when the work knows it (a window of fixed length); else it follows from the rate. */
  readonly leftMs?: number;
}

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let x = n;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return i === 0 ? `${x} B` : `${x.toFixed(x >= 100 ? 0 : 1)} ${units[i]}`;
}

/** Seconds as "42 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

function amount(n: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? formatBytes(n) : n.toLocaleString('en-US');
}

/** One line: "verify: 1,200 of 4,000 records (30%), 250 records/s, 12.0 MiB/s, 11 s left". */
export function formatProgress(p: ProgressState): string {
  const seconds = p.elapsedMs / 1000;
  const parts: string[] = [];
  const of = p.total !== undefined ? ` of ${amount(p.total, p.unit)}` : '';
  const pct = p.total ? ` (${Math.min(100, Math.floor((100 * p.done) / p.total))}%)` : '';
  const word = p.unit === 'bytes' || p.unit === 'items' ? '' : ` ${p.unit}`;
  parts.push(`${amount(p.done, p.unit)}${of}${word}${pct}`);
  if (p.leftMs !== undefined) parts.push(`${formatDuration(p.leftMs / 1000)} left`);
  else if (seconds >= 1 && p.done > 0) {
    const rate = p.done / seconds;
    const r = rate >= 10 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1);
    parts.push(p.unit === 'bytes' ? `${formatBytes(rate)}/s` : word ? `${r}${word}/s` : `${r}/s`);
    if (p.bytes !== undefined && p.unit !== 'bytes') parts.push(`${formatBytes(p.bytes / seconds)}/s`);
    if (p.total !== undefined && p.total > p.done) parts.push(`${formatDuration((p.total - p.done) / rate)} left`);
  }
  return `${p.label}: ${parts.join(', ')}`;
}

/** Where progress goes: stderr's writer, and whether it is a terminal. */
export interface ProgressSink {
  readonly write: (text: string) => void;
  readonly isTty: boolean;
}

export interface ProgressOptions {
  /** Plain lines (not a terminal): at most one per this many milliseconds (default 10 000). */
  readonly lineEveryMs?: number;
  /** Terminal: the line refreshes at most this often (default 200 ms). */
  readonly refreshMs?: number;
  /** The clock (tests). */
  readonly now?: () => number;
  /** Time left, when the work knows it better than the rate does (a wait of fixed length). */
  readonly leftMs?: () => number | undefined;
  /** Also redraw on a timer (work that waits, so nothing is added for a while). */
  readonly timer?: boolean;
  /** Write nothing until the total is known (work that counts before it knows how much there is). */
  readonly waitForTotal?: boolean;
}

/** Progress of one piece of work; {@link done} writes the last state (and ends the terminal line). */
export class ProgressLine {
  private doneCount = 0;
  private bytes: number | undefined;
  private lastWrite: number;
  private readonly started: number;
  private readonly now: () => number;
  private drawn = false;
  private lastLine = '';
  private finished = false;
  private readonly interval: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly unit: ProgressUnit,
    private total?: number,
    private readonly opts: ProgressOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    this.lastWrite = this.started;
    if (opts.timer) {
      this.interval = setInterval(() => this.maybeWrite(), Math.max(100, this.every()));
      this.interval.unref();
    }
  }

  /** Writes the line now if it is due (the timer does this for waits). */
  tick(): void {
    this.maybeWrite();
  }

  /** On a terminal, draws the line again now (after a message printed over it). */
  redraw(): void {
    if (this.finished || !this.sink.isTty || !this.drawn) return;
    this.lastWrite = this.now();
    this.sink.write(`\r${formatProgress(this.state)}\x1b[K`);
  }

  /** `n` more done (and `bytes` more read, when counting something else). */
  add(n: number, bytes?: number): void {
    this.doneCount += n;
    if (bytes !== undefined) this.bytes = (this.bytes ?? 0) + bytes;
    this.maybeWrite();
  }

  /** The total, once known. */
  setTotal(total: number): void {
    this.total = total;
  }

  get state(): ProgressState {
    const left = this.opts.leftMs?.();
    return {
      label: this.label,
      unit: this.unit,
      done: this.doneCount,
      total: this.total,
      elapsedMs: this.now() - this.started,
      bytes: this.bytes,
      ...(left !== undefined ? { leftMs: left } : {}),
    };
  }

  /** Writes the final state: the terminal line is ended; elsewhere a last plain line, when one was written. */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.interval) clearInterval(this.interval);
    if (!this.drawn) return;
    const line = formatProgress(this.state);
    if (this.sink.isTty) this.sink.write(`\r${line}\x1b[K\n`);
    // off a terminal, the last state unless the last line already said it
    else if (line !== this.lastLine) this.sink.write(`${line}\n`);
  }

  private every(): number {
    return this.sink.isTty ? (this.opts.refreshMs ?? 200) : (this.opts.lineEveryMs ?? 10_000);
  }

  private maybeWrite(): void {
    // nothing to say before anything is done or the total is known
    if (this.finished || (this.total === undefined && (this.doneCount === 0 || this.opts.waitForTotal))) return;
    const t = this.now();
    if (t - this.lastWrite < this.every()) return;
    this.lastWrite = t;
    this.drawn = true;
    const line = formatProgress(this.state);
    this.lastLine = line;
    this.sink.write(this.sink.isTty ? `\r${line}\x1b[K` : `${line}\n`);
  }
}
