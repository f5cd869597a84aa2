import type { CliIo } from './io';
import type { OutputSetResult } from '../util/output-set';

export { writeOutputSet } from '../util/output-set';
export type { OutputSetResult } from '../util/output-set';

/** Tells on stderr which earlier outputs were removed and which files beside the outputs were left alone. */
export function reportOutputSet(r: OutputSetResult, io: CliIo): void {
  for (const p of r.removed) io.err(`removed ${p} (written by an earlier run, no longer part of the output)\n`);
  for (const p of r.foreign) io.err(`note: ${p} was not written by alikafka-migrate; left as it is\n`);
}
