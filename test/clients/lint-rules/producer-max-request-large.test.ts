import { rule } from '../../../lib/clients/lint-rules/producer-max-request-large';
import { props, run } from './helpers';

const large = { role: 'producer' as const, profiles: ['large-messages' as const], params: { maxMessageBytes: 4 * 1024 * 1024 } };

describe('producer-max-request-large', () => {
  test('fires when the default 1 MiB max.request.size is below the largest message', () => {
    expect(run(rule, props(''), large)).toEqual([
      expect.objectContaining({ current: '1048576 (default)', recommended: expect.stringMatching(/^at least 4194304/) }),
    ]);
  });
  test('quiet when it fits, and without the profile', () => {
    expect(run(rule, props('max.request.size=5242880'), large)).toEqual([]);
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
  });
});
