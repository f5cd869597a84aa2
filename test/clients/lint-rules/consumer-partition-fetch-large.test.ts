import { rule } from '../../../lib/clients/lint-rules/consumer-partition-fetch-large';
import { props, run } from './helpers';

const large = { role: 'consumer' as const, profiles: ['large-messages' as const], params: { maxMessageBytes: 2 * 1024 * 1024 } };

describe('consumer-partition-fetch-large', () => {
  test('fires on the 1 MiB default with 2 MiB messages', () => {
    expect(run(rule, props(''), large)).toEqual([expect.objectContaining({ current: '1048576 (default)' })]);
  });
  test('quiet when above the largest message', () => {
    expect(run(rule, props('max.partition.fetch.bytes=2359296'), large)).toEqual([]);
  });
});
