import { rule } from '../../../lib/clients/lint-rules/producer-batch-size';
import { props, run } from './helpers';

describe('producer-batch-size', () => {
  test('fires on a batch.size below 16384', () => {
    expect(run(rule, props('batch.size=4096'), { role: 'producer' })).toEqual([expect.objectContaining({ severity: 'info', current: '4096' })]);
  });
  test('quiet at 16384 (the default) and above', () => {
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('batch.size=65536'), { role: 'producer' })).toEqual([]);
  });
});
