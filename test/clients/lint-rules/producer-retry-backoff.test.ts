import { rule } from '../../../lib/clients/lint-rules/producer-retry-backoff';
import { props, run } from './helpers';

describe('producer-retry-backoff', () => {
  test('fires on the Java default of 100 ms, marked as the default', () => {
    expect(run(rule, props(''), { role: 'producer' })).toEqual([expect.objectContaining({ current: '100 (default)', recommended: '1000 or more' })]);
  });
  test('quiet at 1000 ms and above', () => {
    expect(run(rule, props('retry.backoff.ms=1000'), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('retry.backoff.ms=2000'), { role: 'producer' })).toEqual([]);
  });
});
