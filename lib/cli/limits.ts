/**
 * Bounds on the CLI's work: the input size limit every command takes (`--max-input-mb`), and the parsing of numeric
 * flags against their documented ranges (a value outside is a usage error that names the range).
 */
import { Command } from 'commander';
import { DEFAULT_MAX_INPUT_MB, setInputLimit } from '../util/fs';
import { UsageError } from './errors';

/** The range of `--max-input-mb`. */
export const MAX_INPUT_MB_RANGE = { min: 1, max: 16384 } as const;

/**
 * A whole number flag within [min, max]; the error names the flag, the range and the value given.
 * `unit` (e.g. "seconds") is shown after the range.
 */
export function intFlag(flag: string, raw: string, min: number, max: number, unit = ''): number {
  const range = `${min}-${max}${unit ? ` ${unit}` : ''}`;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${flag} must be a whole number in ${range}, got ${JSON.stringify(raw)}`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new UsageError(`${flag} must be in ${range}, got ${raw.trim()}`);
  return n;
}

/** A decimal number flag within [min, max] (e.g. seconds with a fraction). */
export function numberFlag(flag: string, raw: string, min: number, max: number, unit = ''): number {
  const range = `${min}-${max}${unit ? ` ${unit}` : ''}`;
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw new UsageError(`${flag} must be a number in ${range}, got ${JSON.stringify(raw)}`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new UsageError(`${flag} must be in ${range}, got ${raw.trim()}`);
  return n;
}

/** Adds `--max-input-mb` to every command of `program` and applies it before the command runs. */
export function addInputLimit(program: Command): void {
  for (const cmd of program.commands) {
    cmd.option(
      '--max-input-mb <mb>',
      `size limit of every input file in MB (${MAX_INPUT_MB_RANGE.min}-${MAX_INPUT_MB_RANGE.max}, default ${DEFAULT_MAX_INPUT_MB})`,
    );
  }
  program.hook('preAction', (_program, action) => {
    const raw = (action.opts() as { maxInputMb?: string }).maxInputMb;
    const mb = raw === undefined ? DEFAULT_MAX_INPUT_MB : intFlag('--max-input-mb', raw, MAX_INPUT_MB_RANGE.min, MAX_INPUT_MB_RANGE.max, 'MB');
    setInputLimit({ maxBytes: mb * 1024 * 1024, raiseWith: '--max-input-mb' });
  });
}
