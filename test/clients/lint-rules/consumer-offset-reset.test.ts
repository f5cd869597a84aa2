import { rule } from '../../../lib/clients/lint-rules/consumer-offset-reset';
import { props, run } from './helpers';

describe('consumer-offset-reset', () => {
  test('fires on earliest', () => {
    expect(run(rule, props('auto.offset.reset=earliest'), { role: 'consumer' })).toEqual([
      expect.objectContaining({ current: 'earliest', recommended: 'latest' }),
    ]);
  });
  test('quiet on latest and the default; a kafkajs fromBeginning:true fires too', () => {
    expect(run(rule, props('auto.offset.reset=latest'), { role: 'consumer' })).toEqual([]);
    expect(run(rule, props(''), { role: 'consumer' })).toEqual([]);
    const kj = {
      file: 'c.json',
      format: 'kafkajs' as const,
      settings: new Map([['auto.offset.reset', 'earliest']]),
      origin: new Map([['auto.offset.reset', 'consumer.fromBeginning']]),
    };
    expect(run(rule, kj, { role: 'consumer' })).toEqual([expect.objectContaining({ key: 'auto.offset.reset (consumer.fromBeginning)' })]);
  });
});
