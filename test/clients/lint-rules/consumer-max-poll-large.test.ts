import { rule } from '../../../lib/clients/lint-rules/consumer-max-poll-large';
import { props, run } from './helpers';

const large = { role: 'consumer' as const, profiles: ['large-messages' as const], params: { maxMessageBytes: 3 * 1024 * 1024 } };

describe('consumer-max-poll-large', () => {
  test('fires on the default 500 records with large messages', () => {
    expect(run(rule, props(''), large)).toEqual([expect.objectContaining({ current: '500 (default)', recommended: '1' })]);
  });
  test('quiet on max.poll.records=1, and without the profile', () => {
    expect(run(rule, props('max.poll.records=1'), large)).toEqual([]);
    expect(run(rule, props(''), { role: 'consumer' })).toEqual([]);
  });
});
