import { rule } from '../../../lib/clients/lint-rules/consumer-fetch-max-large';
import { props, run } from './helpers';

const large = { role: 'consumer' as const, profiles: ['large-messages' as const], params: { maxMessageBytes: 8 * 1024 * 1024 } };

describe('consumer-fetch-max-large', () => {
  test('fires when fetch.max.bytes is below the largest message', () => {
    expect(run(rule, props('fetch.max.bytes=1048576'), large)).toEqual([expect.objectContaining({ current: '1048576' })]);
  });
  test('quiet on the 50 MiB default, and without the profile', () => {
    expect(run(rule, props(''), large)).toEqual([]);
    expect(run(rule, props('fetch.max.bytes=1048576'), { role: 'consumer' })).toEqual([]);
  });
});
