import { BROKER_CONFIGS_KEPT, keptBrokerConfigs } from '../../lib/sources/broker-configs';

describe('broker settings kept in an export', () => {
  test('keeps the topic defaults and group settings, sorted, and drops host-specific settings and secrets', () => {
    expect(
      keptBrokerConfigs([
        ['message.max.bytes', '10485760'],
        ['listeners', 'PLAINTEXT://10.0.0.5:9092'],
        ['log.dirs', '/data/kafka'],
        ['ssl.keystore.password', 'secret'],
        ['sasl.jaas.config', 'org.apache.kafka.common.security.scram.ScramLoginModule required username="a" password="b";'],
        ['log.retention.hours', '168'],
        ['auto.create.topics.enable', 'false'],
      ]),
    ).toEqual({ 'auto.create.topics.enable': 'false', 'log.retention.hours': '168', 'message.max.bytes': '10485760' });
  });

  test('nothing kept is undefined, not an empty object', () => {
    expect(keptBrokerConfigs([['broker.id', '0']])).toBeUndefined();
  });

  test.each(['message.max.bytes', 'log.retention.ms', 'offsets.retention.minutes'])('%s, which the plan reads, is kept', (key) => {
    expect(BROKER_CONFIGS_KEPT.has(key)).toBe(true);
  });

  test('no kept name can hold a secret', () => {
    expect([...BROKER_CONFIGS_KEPT].filter((k) => /password|secret|jaas|key/.test(k))).toEqual([]);
  });
});
