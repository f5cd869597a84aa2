import * as fs from 'fs';
import * as path from 'path';
import { jaasFileFromEnv, parseJaasFile } from '../../lib/sources/jaas';
import { clientSettingsFromProperties } from '../../lib/sources/properties';
import { tmpDir } from '../helpers';

// The JAAS file of Alibaba's guide (kafka_client_jaas.conf), with comments and a second section.
const GUIDE = `/* a comment */
KafkaClient {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="alice"   // the SASL user
  password="s3cr;et}";
};
Other {
  org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="x";
};
`;

describe('JAAS files', () => {
  test('sections, entries and quoted options with ";" and "}" inside', () => {
    const s = parseJaasFile(GUIDE, 'f.conf');
    expect([...s.keys()]).toEqual(['KafkaClient', 'Other']);
    const [e] = s.get('KafkaClient') ?? [];
    expect(e?.module).toBe('org.apache.kafka.common.security.plain.PlainLoginModule');
    expect(e?.flag).toBe('required');
    expect(Object.fromEntries(e?.options ?? [])).toEqual({ username: 'alice', password: 's3cr;et}' });
  });

  test.each<[string, RegExp]>([
    ['KafkaClient {\n  PlainLoginModule required username="a"\n', /f\.conf: the JAAS section KafkaClient has no closing "}"/],
    ['KafkaClient { username="a"; };', /f\.conf: the JAAS section KafkaClient has an entry not in the form/],
    ['just text', /f\.conf: not a JAAS login configuration/],
  ])('fails on %j, naming the file', (text, message) => {
    expect(() => parseJaasFile(text, 'f.conf')).toThrow(message);
  });

  test.each<[string, string | undefined]>([
    ['-Djava.security.auth.login.config=/etc/kafka/jaas.conf', '/etc/kafka/jaas.conf'],
    ['-Xmx1g -Djava.security.auth.login.config="/a b/jaas.conf" -Dx=y', '/a b/jaas.conf'],
    ['-Djava.security.auth.login.config==/only.conf', '/only.conf'],
    ['-Djava.security.auth.login.config=/first.conf -Djava.security.auth.login.config=/last.conf', '/last.conf'],
    ['-Xmx1g', undefined],
  ])('KAFKA_OPTS %j names %j', (opts, file) => {
    expect(jaasFileFromEnv({ KAFKA_OPTS: opts })?.file).toBe(file);
  });
});

describe('SASL login from a properties file', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('jaas');
    fs.writeFileSync(path.join(dir, 'kafka_client_jaas.conf'), GUIDE);
    fs.writeFileSync(path.join(dir, 'server_jaas.conf'), 'KafkaServer { org.apache.kafka.common.security.plain.PlainLoginModule required; };\n');
  });

  const sasl = (extra: Record<string, string> = {}): Map<string, string> =>
    new Map(Object.entries({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', ...extra }));
  const opts = (file: string): NodeJS.ProcessEnv => ({ KAFKA_OPTS: `-Djava.security.auth.login.config=${file}` });

  test("the guide's way: no sasl.jaas.config, the KafkaClient section of the JAAS file in KAFKA_OPTS", () => {
    const jaas = path.join(dir, 'kafka_client_jaas.conf');
    const s = clientSettingsFromProperties(sasl(), 'client.properties', opts(jaas));
    expect(s.sasl).toEqual({ mechanism: 'plain', username: 'alice', password: 's3cr;et}' });
    expect(s.saslSource).toBe(`${jaas} (section KafkaClient, from KAFKA_OPTS)`);
  });

  test('sasl.jaas.config wins over the JAAS file, as in Java', () => {
    const s = clientSettingsFromProperties(
      sasl({
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";',
      }),
      'client.properties',
      opts(path.join(dir, 'kafka_client_jaas.conf')),
    );
    expect(s.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
    expect(s.saslSource).toBe('client.properties: sasl.jaas.config');
  });

  test.each<[string, () => [Map<string, string>, NodeJS.ProcessEnv], RegExp]>([
    [
      'a JAAS file without a KafkaClient section',
      () => [sasl(), opts(path.join(dir, 'server_jaas.conf'))],
      /server_jaas\.conf: the JAAS file has no KafkaClient section \(it has KafkaServer\)/,
    ],
    [
      'a missing JAAS file',
      () => [sasl(), opts(path.join(dir, 'nope.conf'))],
      /cannot read the JAAS file .*nope\.conf \(java\.security\.auth\.login\.config in KAFKA_OPTS\): no such file/,
    ],
    ['no login at all', () => [sasl(), {}], /client\.properties: security\.protocol SASL_PLAINTEXT needs a login: set sasl\.jaas\.config, or name a JAAS file/],
    [
      'a login module that does not serve the mechanism',
      () => [sasl({ 'sasl.mechanism': 'SCRAM-SHA-256' }), opts(path.join(dir, 'kafka_client_jaas.conf'))],
      /kafka_client_jaas\.conf \(section KafkaClient\): login module PlainLoginModule does not serve sasl\.mechanism SCRAM-SHA-256/,
    ],
    [
      'a Kerberos login module',
      () => [sasl({ 'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;' }), {}],
      /client\.properties: sasl\.jaas\.config: login module com\.sun\.security\.auth\.module\.Krb5LoginModule is not supported/,
    ],
  ])('fails on %s, naming the file', (_name, input, message) => {
    const [props, env] = input();
    expect(() => clientSettingsFromProperties(props, 'client.properties', env)).toThrow(message);
  });

  test('the password is never in a message', () => {
    const props = sasl({ 'sasl.mechanism': 'SCRAM-SHA-256' });
    expect(() => clientSettingsFromProperties(props, 'client.properties', opts(path.join(dir, 'kafka_client_jaas.conf')))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr') }),
    );
  });
});

describe('config-provider references (what client-config writes)', () => {
  const generated = (extra: Record<string, string> = {}): Map<string, string> =>
    new Map(
      Object.entries({
        'config.providers': 'env',
        'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
        'security.protocol': 'SASL_PLAINTEXT',
        'sasl.mechanism': 'PLAIN',
        'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${env:U}" password="${env:P}";',
        ...extra,
      }),
    );

  test('${env:...} values are resolved when config.providers enables env, and the provider keys are no warning', () => {
    const s = clientSettingsFromProperties(generated(), 'consumer.properties', { U: 'app', P: 'pw' });
    expect(s.sasl).toEqual({ mechanism: 'plain', username: 'app', password: 'pw' });
    expect(s.unsupported).toEqual([]);
  });

  test('a variable that is not set is named with the key, never a value', () => {
    expect(() => clientSettingsFromProperties(generated(), 'consumer.properties', { U: 'app' })).toThrow(
      /consumer\.properties: sasl\.jaas\.config refers to the environment variable P \(\$\{env:P\}\), which is not set/,
    );
  });

  test('without config.providers the text stays as written, as in Java', () => {
    const props = generated();
    props.delete('config.providers');
    expect(clientSettingsFromProperties(props, 'c.properties', { U: 'app', P: 'pw' }).sasl?.password).toBe('${env:P}');
  });
});
