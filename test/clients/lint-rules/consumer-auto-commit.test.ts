import { rule } from '../../../lib/clients/lint-rules/consumer-auto-commit';
import { props, run } from './helpers';

describe('consumer-auto-commit', () => {
  test('fires (info) on the Java default enable.auto.commit=true', () => {
    expect(run(rule, props(''), { role: 'consumer' })).toEqual([expect.objectContaining({ severity: 'info', current: 'true (default)' })]);
  });
  test('quiet with manual commits, and for producers', () => {
    expect(run(rule, props('enable.auto.commit=false'), { role: 'consumer' })).toEqual([]);
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
  });
});
