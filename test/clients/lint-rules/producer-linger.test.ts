import { rule } from '../../../lib/clients/lint-rules/producer-linger';
import { props, run } from './helpers';

describe('producer-linger', () => {
  test('fires on the default 0 ms and on more than 1000 ms', () => {
    expect(run(rule, props(''), { role: 'producer' })).toEqual([expect.objectContaining({ current: '0 (default)', recommended: '100-1000 (100)' })]);
    expect(run(rule, props('linger.ms=5000'), { role: 'producer' })).toHaveLength(1);
  });
  test('quiet within 100-1000 ms, and when high-volume decides linger.ms', () => {
    expect(run(rule, props('linger.ms=500'), { role: 'producer' })).toEqual([]);
    expect(run(rule, props(''), { role: 'producer', profiles: ['high-volume'] })).toEqual([]);
  });
});
