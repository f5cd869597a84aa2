import { rule } from '../../../lib/clients/lint-rules/clear-password';
import { props, run } from './helpers';

describe('clear-password', () => {
  test('fires on a password in sasl.jaas.config and in ssl.truststore.password, without showing it', () => {
    const f = run(
      rule,
      props(
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="s3cret";\nssl.truststore.password=changeit',
      ),
    );
    expect(f.map((x) => x.key)).toEqual(['sasl.jaas.config', 'ssl.truststore.password']);
    expect(JSON.stringify(f)).not.toMatch(/s3cret|changeit/);
  });
  test('quiet on references', () => {
    expect(run(rule, props('sasl.jaas.config=x required username="u" password="${env:PW}";\nssl.truststore.password=${file:/etc/s.properties:ts}'))).toEqual(
      [],
    );
  });
});
