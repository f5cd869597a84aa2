/**
 * The one module of the tool's own Kafka client: options from connection settings, error classification, and
 * loading the client only when a command connects (synth runs on Node.js 20).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { clientOptions, describeKafkaError, nodeRunsClient } from '../../lib/sources/client';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'alikafka-migrate');
const EXAMPLE = path.join(ROOT, 'examples', 'kafka-metadata-export.json');
const T = { connectMs: 1000, requestMs: 2000, retries: 1 };

describe('clientOptions', () => {
  test('bootstrap servers, client id and timeouts; no TLS and no SASL when none are set', () => {
    const o = clientOptions(['a:9092', 'b:9093'], undefined, 'alikafka-migrate-check', T);
    expect(o).toMatchObject({
      clientId: 'alikafka-migrate-check',
      bootstrapBrokers: ['a:9092', 'b:9093'],
      connectTimeout: 1000,
      requestTimeout: 2000,
      retries: 1,
    });
    expect(o.tls).toBeUndefined();
    expect(o.sasl).toBeUndefined();
  });

  test.each([
    ['plain', 'PLAIN'],
    ['scram-sha-256', 'SCRAM-SHA-256'],
    ['scram-sha-512', 'SCRAM-SHA-512'],
  ] as const)('SASL %s becomes mechanism %s with the credentials', (mechanism, name) => {
    const o = clientOptions(['a:9092'], { sasl: { mechanism, username: 'u', password: 'p' } }, 'x', T);
    expect(o.sasl).toEqual({ mechanism: name, username: 'u', password: 'p' });
  });

  test("a Node.js TLS options object (a store loader's output) is passed through whole, with SNI", () => {
    const checkServerIdentity = (): undefined => undefined;
    const tls = { ca: ['CA'], cert: 'CERT', key: 'KEY', passphrase: 'pw', rejectUnauthorized: false, checkServerIdentity };
    const o = clientOptions(['a:9093'], { ssl: tls, clientId: 'mine' }, 'x', T);
    expect(o.clientId).toBe('mine');
    expect(o.tls).toEqual(tls);
    expect(o.tls?.checkServerIdentity).toBe(checkServerIdentity);
    expect(o.tlsServerName).toBe(true);
    expect(clientOptions(['a:9093'], { ssl: true }, 'x', T).tls).toEqual({});
  });

  test('brokers reached by IP address send no SNI (an address is not a server name) unless the TLS options name one', () => {
    expect(clientOptions(['127.0.0.1:9093'], { ssl: {} }, 'x', T).tlsServerName).toBe(false);
    expect(clientOptions(['[::1]:9093'], { ssl: {} }, 'x', T).tlsServerName).toBe(false);
    expect(clientOptions(['127.0.0.1:9093'], { ssl: { servername: 'kafka.example' } }, 'x', T).tlsServerName).toBe('kafka.example');
  });
});

describe('describeKafkaError', () => {
  // shaped as the client raises them (aggregates of network errors with a cause)
  const refused = {
    name: 'AggregateError',
    code: 'PLT_KFK_MULTIPLE',
    message: 'Cannot connect to any broker.',
    errors: [
      {
        name: 'Error',
        code: 'PLT_KFK_NETWORK',
        message: 'Connection to h:1 failed.',
        cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      },
    ],
  };
  const badPassword = {
    code: 'PLT_KFK_MULTIPLE',
    message: 'Cannot connect to any broker.',
    errors: [
      {
        code: 'PLT_KFK_NETWORK',
        message: 'Connection to h:1 failed.',
        cause: {
          code: 'PLT_KFK_AUTHENTICATION',
          message: 'SASL authentication failed.',
          cause: {
            code: 'PLT_KFK_RESPONSE',
            errors: [{ code: 'PLT_KFK_PROTOCOL', apiId: 'SASL_AUTHENTICATION_FAILED', apiCode: 58, message: 'SASL authentication failed.' }],
          },
        },
      },
    ],
  };
  const unknownHost = {
    errors: [
      {
        code: 'PLT_KFK_NETWORK',
        message: 'Connection to nowhere.invalid:9092 failed.',
        cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.invalid' },
      },
    ],
  };

  test('a refused connection names the endpoint and the cause', () => {
    const e = describeKafkaError(refused, 'source h:1');
    expect(e.reason).toBe('unreachable');
    expect(e.message).toBe('Kafka source h:1: connection refused (connect ECONNREFUSED 127.0.0.1:1)');
  });

  test('wrong credentials say so (kind auth), without the password', () => {
    const e = describeKafkaError(badPassword, 'h:1');
    expect(e.reason).toBe('auth');
    expect(e.message).toMatch(/^Kafka h:1: authentication failed: wrong user name or password/);
  });

  test('an unknown host names the lookup failure', () => {
    const e = describeKafkaError(unknownHost, 'nowhere.invalid:9092');
    expect(e.message).toBe('Kafka nowhere.invalid:9092: getaddrinfo ENOTFOUND nowhere.invalid');
  });
});

describe('the Kafka client is loaded only by commands that connect', () => {
  test('nodeRunsClient: 22.22 and later', () => {
    expect(nodeRunsClient('20.20.2')).toBe(false);
    expect(nodeRunsClient('22.21.0')).toBe(false);
    expect(nodeRunsClient('22.22.0')).toBe(true);
    expect(nodeRunsClient('24.1.0')).toBe(true);
  });

  test('synth of the bundled example does not load @platformatic/kafka (require.cache after the run)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'client-graph-'));
    const script = `
      const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'lib', 'cli', 'index.js'))});
      main(['synth', '--metadata', ${JSON.stringify(EXAMPLE)}, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--zone-id', 'cn-hangzhou-j', '--out', ${JSON.stringify(out)}],
        { out: () => undefined, err: () => undefined, isTty: false }).then((code) => {
        const loaded = () => Object.keys(require.cache).filter((k) => k.includes('@platformatic/kafka')).length;
        const afterSynth = loaded();
        // the check can fail: once a command connects, the client is in the cache
        require(${JSON.stringify(path.join(ROOT, 'dist', 'lib', 'sources', 'client.js'))}).kafkaModule();
        process.stdout.write(JSON.stringify({ code, afterSynth, afterConnect: loaded() > 0 }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, afterSynth: 0, afterConnect: true });
  });

  const node20 = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
    if (!fs.existsSync(p)) return false;
    const v = spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    return v !== '' && !nodeRunsClient(v);
  });
  (node20 ? test : test.skip)(`the built CLI's synth runs on a Node.js older than the client needs (${node20 ?? 'none installed'})`, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'client-node20-'));
    const r = spawnSync(
      node20 as string,
      [BIN, 'synth', '--metadata', EXAMPLE, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--zone-id', 'cn-hangzhou-j', '--out', out],
      {
        encoding: 'utf8',
        cwd: ROOT,
      },
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).length).toBeGreaterThan(0);
  });
});
