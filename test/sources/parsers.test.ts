import { describeKafkaError } from '../../lib/sources/client';
import { clientSettingsFromProperties, parseProperties } from '../../lib/sources/properties';
import { parseZkConnect } from '../../lib/sources/zk-client';
import { desanitize, parseBroker, parseTopicAssignment } from '../../lib/sources/zookeeper';

describe('Java properties', () => {
  test.each<[string, string, Record<string, string>]>([
    ['key=value', 'a=1', { a: '1' }],
    ['colon and blank separators', 'a:1\nb 2\nc\t3', { a: '1', b: '2', c: '3' }],
    ['comments and blank lines', '# c\n! c\n\n  a = 1 ', { a: '1 ' }],
    ['continuation lines', 'a=one \\\n    two', { a: 'one two' }],
    ['escapes in keys and values', 'a\\=b=c\\nd', { 'a=b': 'c\nd' }],
    ['an even number of backslashes is no continuation', 'a=x\\\\\nb=y', { a: 'x\\', b: 'y' }],
    ['a key without value', 'flag', { flag: '' }],
    ['unicode escapes', 'u=\\u00e9', { u: 'é' }],
  ])('%s', (_name, text, expected) => {
    expect(Object.fromEntries(parseProperties(text))).toEqual(expected);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['an unknown security protocol', { 'security.protocol': 'SASL_TLS' }, /security\.protocol SASL_TLS is not one of/],
    [
      'a truststore that does not exist',
      { 'security.protocol': 'SSL', 'ssl.truststore.location': '/nonexistent/x.jks' },
      /client\.properties: cannot read ssl\.truststore\.location \/nonexistent\/x\.jks: no such file/,
    ],
  ])('fails on %s, naming the key', (_name, props, message) => {
    expect(() => clientSettingsFromProperties(new Map(Object.entries(props)), 'client.properties')).toThrow(message);
  });
});

describe('ZooKeeper connect strings', () => {
  test.each<[string, { hosts: string; chroot: string }]>([
    ['zk1:2181', { hosts: 'zk1:2181', chroot: '' }],
    ['zk1', { hosts: 'zk1:2181', chroot: '' }],
    ['zk1:2181,zk2:2182/kafka', { hosts: 'zk1:2181,zk2:2182', chroot: '/kafka' }],
    [' zk1:2181/ ', { hosts: 'zk1:2181', chroot: '' }],
    ['zk1:2181/a/b', { hosts: 'zk1:2181', chroot: '/a/b' }],
  ])('%j', (input, expected) => {
    const c = parseZkConnect(input);
    expect({ hosts: c.hosts.map((h) => `${h.host}:${h.port}`).join(','), chroot: c.chroot }).toEqual(expected);
  });

  test.each<[string, RegExp]>([
    ['/kafka', /no host/],
    ['zk1:2181/kafka/', /must not end with "\/"/],
    ['zk1:2181//kafka', /empty path segment/],
    ['zk1:99999', /bad port/],
    ['zk 1:2181', /bad ZooKeeper host/],
  ])('fails on %j', (input, message) => {
    expect(() => parseZkConnect(input)).toThrow(message);
  });
});

describe('ZooKeeper node contents', () => {
  test.each<[string, unknown, ReturnType<typeof parseTopicAssignment>]>([
    ['v1 assignment', { version: 1, partitions: { 0: [1, 2, 3], 1: [2, 3, 1] } }, { partitions: 2, replicationFactor: 3 }],
    [
      'a reassignment in flight (removing replicas do not count)',
      { version: 2, partitions: { 0: [1, 2, 3, 4] }, removing_replicas: { 0: [4] } },
      { partitions: 1, replicationFactor: 3 },
    ],
    ['no partitions', { version: 1, partitions: {} }, null],
    ['not an object', 'x', null],
  ])('partition assignment: %s', (_name, json, expected) => {
    expect(parseTopicAssignment(json)).toEqual(expected);
  });

  test.each<[string, unknown, ReturnType<typeof parseBroker>]>([
    ['host and port', { host: '10.0.0.5', port: 9092, rack: 'a' }, { id: 1, host: '10.0.0.5', port: 9092, rack: 'a' }],
    ['endpoints only (SASL listener)', { host: null, port: -1, endpoints: ['SASL_PLAINTEXT://b1:9093'] }, { id: 1, host: 'b1', port: 9093, rack: undefined }],
    ['IPv6 endpoint', { endpoints: ['PLAINTEXT://[::1]:9092'] }, { id: 1, host: '::1', port: 9092, rack: undefined }],
  ])('broker registration: %s', (_name, json, expected) => {
    expect(parseBroker(1, json)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['User%3Aalice', 'User:alice'],
    ['a+b', 'a b'],
    ['%E0%A4%A', '%E0%A4%A'],
  ])('config entity name %j decodes to %j', (input, expected) => {
    expect(desanitize(input)).toBe(expected);
  });
});

describe('Kafka error descriptions', () => {
  // shaped as the Kafka client raises them: aggregates, causes, protocol errors with their Kafka name
  test.each<[string, unknown, string, RegExp]>([
    [
      'a refused connection',
      {
        code: 'PLT_KFK_MULTIPLE',
        message: 'Cannot connect to any broker.',
        errors: [
          { code: 'PLT_KFK_NETWORK', message: 'Connection to b:9 failed.', cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' } },
        ],
      },
      'unreachable',
      /Kafka b:9: connection refused/,
    ],
    [
      'failed SASL authentication, deep in the chain',
      {
        code: 'PLT_KFK_MULTIPLE',
        message: 'x',
        errors: [{ code: 'PLT_KFK_NETWORK', message: 'y', cause: { code: 'PLT_KFK_AUTHENTICATION', message: 'SASL authentication failed.' } }],
      },
      'auth',
      /authentication failed/,
    ],
    [
      'a missing ACL',
      {
        code: 'PLT_KFK_RESPONSE',
        message: 'Received response with error',
        errors: [{ code: 'PLT_KFK_PROTOCOL', apiId: 'TOPIC_AUTHORIZATION_FAILED', message: 'Not authorized' }],
      },
      'auth',
      /not authorized: .*needs Describe/,
    ],
    ['a request timeout', { code: 'PLT_KFK_TIMEOUT', message: 'Request timed out after 30000 ms.' }, 'timeout', /timed out/],
  ])('%s', (_name, error, kind, message) => {
    const e = describeKafkaError(error, 'b:9');
    expect(e.reason).toBe(kind);
    expect(e.kind).toBe('source');
    expect(e.message).toMatch(message);
  });
});
