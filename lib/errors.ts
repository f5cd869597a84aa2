/**
 * The one error family of alikafka-migrate. Every error the library throws on purpose is an `AlikafkaMigrateError`:
 * its `kind` says who is at fault (and gives the CLI its exit code), its `field` names the option
 * (`retentionHours`, `target.ioMaxSpec`) or the JSON path (`topics[3].partitions`) at fault when there is one.
 *
 * Messages name options by their option key (the property of the options object a library caller passes), never by
 * a command-line flag: the CLI translates option keys into its flags in one place (`lib/cli/errors.ts`). Inside a
 * message, an option key other than the leading `field` is written between backquotes (`` `timeout` ``).
 */

/**
 * Who is at fault:
 * - `usage`: the caller's options (a bad or conflicting option; nothing was read yet),
 * - `input`: a file or value the caller handed in (metadata, plan file, rename map, Terraform state, construct props),
 * - `plan`: the metadata and the options together cannot give a valid plan,
 * - `source`: the source cluster could not be read (unreachable, refused, timed out),
 * - `internal`: a bug in alikafka-migrate.
 */
export type ErrorKind = 'usage' | 'input' | 'plan' | 'source' | 'internal';

/** Every error kind, in a stable order. */
export const ERROR_KINDS: readonly ErrorKind[] = ['usage', 'input', 'plan', 'source', 'internal'];

/** What an error can carry besides its kind and message. */
export interface ErrorDetails {
  /** The option key (`retentionHours`, `target.ioMaxSpec`) or JSON path (`topics[3].partitions`) at fault. */
  readonly field?: string;
  /** The error this one was raised from. */
  readonly cause?: unknown;
}

const BRAND = Symbol.for('alikafka-migrate.AlikafkaMigrateError');

/** The base of every error alikafka-migrate throws on purpose. */
export class AlikafkaMigrateError extends Error {
  /**
   * True for an error of this family, also when it comes from another copy of this package (an application that
   * ends up with two copies gets errors whose `instanceof` fails across them).
   */
  public static isAlikafkaMigrateError(x: unknown): x is AlikafkaMigrateError {
    return x !== null && typeof x === 'object' && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Who is at fault; the CLI's exit code follows from it. */
  public readonly kind: ErrorKind;
  /** The option key or JSON path at fault, when there is one. */
  public readonly field?: string;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'AlikafkaMigrateError';
    this.kind = kind;
    if (details.field !== undefined) this.field = details.field;
  }
}

/** Anything with a construct path: a construct (`scope.node.path`). */
export interface ConstructPathHolder {
  readonly node: { readonly path: string };
}

/**
 * Construct props (or a plan handed to a construct) that cannot be synthesized. The message starts with the
 * construct path (`Stack/Migration/Topic-orders: partitions must be ...`); `constructPath` holds it alone.
 */
export class ValidationError extends AlikafkaMigrateError {
  /** The path of the construct whose props are at fault (`node.path`). */
  public readonly constructPath: string;
  /** The problem without the construct path. */
  public readonly problem: string;

  /**
   * @param scope the construct at fault (or its path)
   * @param kind `input` (the props are wrong, the default) or `plan` (the props do not fit together or with the plan)
   */
  constructor(message: string, scope: ConstructPathHolder | string, details: ErrorDetails & { readonly kind?: 'input' | 'plan' } = {}) {
    const constructPath = typeof scope === 'string' ? scope : scope.node.path;
    super(details.kind ?? 'input', constructPath ? `${constructPath}: ${message}` : message, details);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.problem = message;
  }
}

/** A bug: a state the code should never reach. The CLI reports it with a line asking for a bug report. */
export class InternalError extends AlikafkaMigrateError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('internal', message, details);
    this.name = 'InternalError';
  }
}
