import { rule } from '../../../lib/clients/lint-rules/consumer-fetch-max-public';
import { props, run } from './helpers';

// 8 Mbit/s = 1 000 000 bytes/s: half of it per fetch
const pub = { role: 'consumer' as const, profiles: ['public-internet' as const], params: { publicBandwidthBytesPerSecond: 1_000_000 } };

describe('consumer-fetch-max-public', () => {
  test('fires on the 50 MiB default over a 1 MB/s link', () => {
    expect(run(rule, props(''), pub)).toEqual([expect.objectContaining({ current: '52428800 (default)', recommended: '500000 or less' })]);
  });
  test('quiet at half the bandwidth, and without the profile', () => {
    expect(run(rule, props('fetch.max.bytes=500000'), pub)).toEqual([]);
    expect(run(rule, props(''), { role: 'consumer' })).toEqual([]);
  });
});
