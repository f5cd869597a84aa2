import { rule } from '../../../lib/clients/lint-rules/producer-buffer-memory';
import { props, run } from './helpers';

describe('producer-buffer-memory', () => {
  test('fires above 32 MiB', () => {
    expect(run(rule, props('buffer.memory=134217728'), { role: 'producer' })).toEqual([expect.objectContaining({ severity: 'info', current: '134217728' })]);
  });
  test('quiet at the 32 MiB default and below', () => {
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('buffer.memory=16777216'), { role: 'producer' })).toEqual([]);
  });
});
