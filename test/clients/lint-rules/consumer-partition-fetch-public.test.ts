import { rule } from '../../../lib/clients/lint-rules/consumer-partition-fetch-public';
import { props, run } from './helpers';

const pub = { role: 'consumer' as const, profiles: ['public-internet' as const], params: { publicBandwidthBytesPerSecond: 1_000_000 } };

describe('consumer-partition-fetch-public', () => {
  test('fires above a third of fetch.max.bytes', () => {
    expect(run(rule, props('max.partition.fetch.bytes=400000'), pub)).toEqual([expect.objectContaining({ recommended: 'at most 166666 (125000)' })]);
  });
  test('quiet at a quarter to a third', () => {
    expect(run(rule, props('max.partition.fetch.bytes=125000'), pub)).toEqual([]);
    expect(run(rule, props('max.partition.fetch.bytes=160000'), pub)).toEqual([]);
  });
});
