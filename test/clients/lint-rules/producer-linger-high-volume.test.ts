import { rule } from '../../../lib/clients/lint-rules/producer-linger-high-volume';
import { props, run } from './helpers';

describe('producer-linger-high-volume', () => {
  test('fires with --profile high-volume on linger.ms=0', () => {
    expect(run(rule, props('linger.ms=0'), { role: 'producer', profiles: ['high-volume'] })).toEqual([
      expect.objectContaining({ rule: 'producer-linger-high-volume', recommended: '100-1000 (1000)' }),
    ]);
  });
  test('quiet without the profile, and within the range', () => {
    expect(run(rule, props('linger.ms=0'), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('linger.ms=1000'), { role: 'producer', profiles: ['high-volume'] })).toEqual([]);
  });
});
