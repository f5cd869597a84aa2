import { rule } from '../../../lib/clients/lint-rules/producer-acks';
import { props, run } from './helpers';

describe('producer-acks', () => {
  test('fires on acks=0', () => {
    expect(run(rule, props('acks=0'), { role: 'producer' })).toEqual([expect.objectContaining({ rule: 'producer-acks', severity: 'warning', current: '0' })]);
  });
  test('quiet on acks=1, acks=all and the default', () => {
    for (const t of ['acks=1', 'acks=all', 'acks=-1', '']) expect(run(rule, props(t), { role: 'producer' })).toEqual([]);
  });
});
