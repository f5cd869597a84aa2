import { AlikafkaMigrateError, ErrorDetails, ErrorKind } from '../errors';

/**
 * Why reading a source cluster failed: `usage` (bad options or connect string), `invalid` (a file handed in, such as
 * a client properties file, cannot be used), or the cluster's answer (`unreachable`, `auth`, `timeout`, `not-found`).
 */
export type SourceErrorReason = 'usage' | 'unreachable' | 'auth' | 'timeout' | 'not-found' | 'invalid';
/** @deprecated the former name of `SourceErrorReason` */
export type SourceErrorKind = SourceErrorReason;

const KIND_OF_REASON: Readonly<Record<SourceErrorReason, ErrorKind>> = {
  usage: 'usage',
  invalid: 'input',
  unreachable: 'source',
  auth: 'source',
  timeout: 'source',
  'not-found': 'source',
};

/**
 * Reading a source cluster failed. `kind` is `usage`, `input` or `source` (see `reason` for the detail). Messages
 * name the host and the cause and never contain credentials.
 */
export class SourceError extends AlikafkaMigrateError {
  public readonly reason: SourceErrorReason;

  constructor(message: string, reason: SourceErrorReason, details: ErrorDetails = {}) {
    super(KIND_OF_REASON[reason], message, details);
    this.name = 'SourceError';
    this.reason = reason;
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
