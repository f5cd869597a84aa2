import { staticJaasWarning } from '../../lib/mirror/secrets';

describe("a cluster whose login comes from the JVM's JAAS file", () => {
  test('SASL without sasl.jaas.config is named: MirrorMaker would use one KafkaClient login for both clusters', () => {
    const w = staticJaasWarning(new Map([['security.protocol', 'SASL_SSL']]), 'src');
    expect(w).toMatch(/^src: no sasl\.jaas\.config, .*KafkaClient section of the JAAS file in MirrorMaker's KAFKA_OPTS.*the same login for both clusters/);
  });

  test.each<[string, Record<string, string> | undefined]>([
    ['with sasl.jaas.config', { 'security.protocol': 'SASL_SSL', 'sasl.jaas.config': 'x required;' }],
    ['without SASL', { 'security.protocol': 'SSL' }],
    ['without a file', undefined],
  ])('nothing to say %s', (_name, props) => {
    expect(staticJaasWarning(props ? new Map(Object.entries(props)) : undefined, 'ali')).toBeUndefined();
  });
});
