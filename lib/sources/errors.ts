/**
 * Why reading a source cluster failed. `kind` lets the CLI pick the exit code: `usage` → 2
 * (bad flags or connect string), everything else → 1. Messages name the host and the cause and
 * never contain credentials.
 */
export type SourceErrorKind = 'usage' | 'unreachable' | 'auth' | 'timeout' | 'not-found' | 'invalid';

export class SourceError extends Error {
  public readonly kind: SourceErrorKind;

  constructor(message: string, kind: SourceErrorKind) {
    super(message);
    this.name = 'SourceError';
    this.kind = kind;
  }
}

/** Progress and warnings from a reader; the CLI renders them as a bar on a terminal or as log lines. */
export interface SourceProgress {
  /** A phase starts, with the number of steps when known. */
  phase(name: string, total?: number): void;
  /** `n` more steps of the current phase are done. */
  tick(n?: number): void;
  /** Something the user should know; never contains secrets. */
  warn(message: string): void;
}

export const silentProgress: SourceProgress = {
  phase: () => undefined,
  tick: () => undefined,
  warn: () => undefined,
};
