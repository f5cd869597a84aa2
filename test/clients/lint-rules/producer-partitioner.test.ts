import { rule } from '../../../lib/clients/lint-rules/producer-partitioner';
import { props, run } from './helpers';

describe('producer-partitioner', () => {
  test('fires on the round-robin partitioner', () => {
    expect(run(rule, props('partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner'), { role: 'producer' })).toEqual([
      expect.objectContaining({ recommended: 'unset', severity: 'warning' }),
    ]);
  });
  test('quiet when unset (the built-in sticky partitioner) or a custom class', () => {
    expect(run(rule, props(''), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('partitioner.class=com.example.RegionPartitioner'), { role: 'producer' })).toEqual([]);
  });
});
