/**
 * The CLI maps every error in one place: its kind gives the exit code, an internal error (or anything outside the
 * family) gets a line asking for a bug report, and option keys become the running command's flags. A command's
 * library call is replaced by one that throws the error under test, so each row goes through the real runner.
 */
import { BUG_LINE } from '../../lib/cli/errors';
import { AlikafkaMigrateError, ErrorKind, InternalError } from '../../lib/errors';
import { PlanSummaryError } from '../../lib/review/plan-summary';
import { SourceError } from '../../lib/sources/errors';
import { runCli, tmpDir, writeJson } from '../helpers';

let mockThrown: unknown;
jest.mock('../../lib/review/plan-summary', () => {
  const actual = jest.requireActual('../../lib/review/plan-summary');
  return {
    ...actual,
    parsePlanSummary: () => {
      throw mockThrown;
    },
  };
});

const run = runCli;
const planJson = writeJson(tmpDir('exit-codes'), 'plan.json', {});

describe('error kind -> exit code, through the CLI runner', () => {
  test.each<[string, ErrorKind, unknown, number, RegExp, boolean]>([
    [
      'usage',
      'usage',
      new AlikafkaMigrateError('usage', 'collapseAfter: must be small', { field: 'collapseAfter' }),
      2,
      /^error: --collapse-after: must be small$/m,
      false,
    ],
    [
      'input',
      'input',
      new PlanSummaryError('plan.json', 'must be an object', 'resource_changes'),
      1,
      /^error: plan\.json: resource_changes: must be an object$/m,
      false,
    ],
    [
      'plan',
      'plan',
      new AlikafkaMigrateError('plan', 'the estate does not fit: give `plan` another try'),
      1,
      /^error: the estate does not fit: give --plan another try$/m,
      false,
    ],
    [
      'source',
      'source',
      new SourceError('Kafka 127.0.0.1:1: connection refused', 'unreachable'),
      1,
      /^error: Kafka 127\.0\.0\.1:1: connection refused$/m,
      false,
    ],
    ['internal', 'internal', new InternalError('no practice x'), 1, /^error: no practice x$/m, true],
    [
      'an error outside the family (a bug too)',
      'internal',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      1,
      /^error: Cannot read properties of undefined/m,
      true,
    ],
  ])('%s', async (_name, kind, error, code, message, bug) => {
    if (AlikafkaMigrateError.isAlikafkaMigrateError(error)) expect(error.kind).toBe(kind);
    mockThrown = error;
    const r = await run(['plan-summary', planJson]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err.includes(BUG_LINE)).toBe(bug);
    expect(r.out).toBe('');
  });
});
