/**
 * An error the CLI reports as one clear message and a non-zero exit code:
 * 1 for bad input or a plan error, 2 for usage errors.
 */
export class CliError extends Error {
  public readonly exitCode: 1 | 2;

  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A usage error (bad or conflicting flags): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
