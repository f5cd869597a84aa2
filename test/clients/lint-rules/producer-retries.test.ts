import { rule } from '../../../lib/clients/lint-rules/producer-retries';
import { props, run } from './helpers';

describe('producer-retries', () => {
  test('fires on retries=0 for a producer', () => {
    const f = run(rule, props('retries=0'), { role: 'producer' });
    expect(f).toEqual([expect.objectContaining({ rule: 'producer-retries', severity: 'warning', current: '0', recommended: '3 or more' })]);
  });
  test('quiet on retries=3, on the Java default, and for a consumer', () => {
    expect(run(rule, props('retries=3'), { role: 'producer' })).toEqual([]);
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('retries=0'), { role: 'consumer' })).toEqual([]);
  });
});
