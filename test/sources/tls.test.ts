import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { AddressInfo } from 'net';
import { clientSettingsFromProperties } from '../../lib/sources/properties';
import { describeTlsFailure, tlsFromProperties, TlsSettings } from '../../lib/sources/tls';

// Stores made by keytool (see test/fixtures/tls/README.md); password fixture-secret.
const FIX = path.join(__dirname, '..', 'fixtures', 'tls');
const OTHER = path.join(__dirname, '..', 'fixtures', 'tls-other');
const PW = 'fixture-secret';

function load(props: Record<string, string>, file = 'client.properties'): TlsSettings {
  const m = new Map(Object.entries(props));
  return tlsFromProperties(
    (k) => {
      const v = m.get(k);
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    },
    (k) => m.has(k),
    file,
  );
}

const subjects = (pems: unknown): string[] => (pems as string[]).map((p) => new crypto.X509Certificate(p).subject);
const FIXTURE_CA = 'CN=alikafka-migrate fixture CA';
const CLIENT = 'CN=alikafka-migrate-client';

describe('truststores', () => {
  test.each<[string, Record<string, string>]>([
    ['JKS', { 'ssl.truststore.location': `${FIX}/truststore.jks`, 'ssl.truststore.password': PW }],
    ['JKS without a password (no integrity check, as in Java)', { 'ssl.truststore.location': `${FIX}/truststore.jks` }],
    ['PKCS12', { 'ssl.truststore.location': `${FIX}/truststore.p12`, 'ssl.truststore.type': 'PKCS12', 'ssl.truststore.password': PW }],
    ['PKCS12 under the default type JKS (Java reads both)', { 'ssl.truststore.location': `${FIX}/truststore.p12`, 'ssl.truststore.password': PW }],
    ['PEM', { 'ssl.truststore.location': `${FIX}/ca.pem`, 'ssl.truststore.type': 'PEM' }],
    ['inline PEM', { 'ssl.truststore.certificates': fs.readFileSync(`${FIX}/ca.pem`, 'utf8') }],
  ])('%s: the CA becomes the trusted certificate', (_name, props) => {
    const s = load(props);
    expect(subjects(s.options.ca)).toEqual([FIXTURE_CA]);
    expect(s.hostnameVerification).toBe(true);
    expect(s.options.checkServerIdentity).toBeUndefined();
  });

  test.each<[string, Record<string, string>, RegExp]>([
    [
      'a wrong JKS password',
      { 'ssl.truststore.location': `${FIX}/truststore.jks`, 'ssl.truststore.password': 'nope' },
      /client\.properties: ssl\.truststore\.location .*truststore\.jks: the store password \(ssl\.truststore\.password\) is wrong: the JKS integrity check failed/,
    ],
    [
      'a wrong PKCS12 password',
      { 'ssl.truststore.location': `${FIX}/truststore.p12`, 'ssl.truststore.type': 'PKCS12', 'ssl.truststore.password': 'nope' },
      /ssl\.truststore\.location .*truststore\.p12: the store password \(ssl\.truststore\.password\) is wrong: the PKCS12 integrity check failed/,
    ],
    [
      'a PKCS12 store without password',
      { 'ssl.truststore.location': `${FIX}/truststore.p12`, 'ssl.truststore.type': 'PKCS12' },
      /truststore\.p12: a PKCS12 store needs its password: set ssl\.truststore\.password/,
    ],
    ['a missing file', { 'ssl.truststore.location': `${FIX}/nope.jks` }, /client\.properties: cannot read ssl\.truststore\.location .*nope\.jks: no such file/],
    [
      'a JKS file given as PEM',
      { 'ssl.truststore.location': `${FIX}/truststore.jks`, 'ssl.truststore.type': 'PEM' },
      /truststore\.jks: ssl\.truststore\.type is PEM but the file is a JKS store; set ssl\.truststore\.type=JKS/,
    ],
    [
      'a PEM file given as JKS',
      { 'ssl.truststore.location': `${FIX}/ca.pem` },
      /ca\.pem: the file is PEM text but ssl\.truststore\.type is JKS; set ssl\.truststore\.type=PEM/,
    ],
    [
      'an unknown store type',
      { 'ssl.truststore.location': `${FIX}/ca.pem`, 'ssl.truststore.type': 'BKS' },
      /ssl\.truststore\.type BKS is not one of JKS, PKCS12, PEM/,
    ],
    ['a file that is no store', { 'ssl.truststore.location': path.join(FIX, 'README.md') }, /README\.md: not a JKS, PKCS12 or PEM store/],
  ])('fails on %s, naming the file', (_name, props, message) => {
    expect(() => load(props)).toThrow(message);
  });

  test('a wrong password never appears in the message', () => {
    expect(() => load({ 'ssl.truststore.location': `${FIX}/truststore.jks`, 'ssl.truststore.password': 'guessme-123' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('guessme-123') }),
    );
  });
});

describe('keystores (mutual TLS)', () => {
  test.each<[string, Record<string, string>]>([
    ['JKS', { 'ssl.keystore.location': `${FIX}/client.jks`, 'ssl.keystore.password': PW, 'ssl.key.password': PW }],
    ['JKS, key password = store password', { 'ssl.keystore.location': `${FIX}/client.jks`, 'ssl.keystore.password': PW }],
    ['PKCS12', { 'ssl.keystore.location': `${FIX}/client.p12`, 'ssl.keystore.type': 'PKCS12', 'ssl.keystore.password': PW }],
    ['PEM', { 'ssl.keystore.location': `${FIX}/client.pem`, 'ssl.keystore.type': 'PEM' }],
    ['encrypted PEM', { 'ssl.keystore.location': `${FIX}/client-encrypted.pem`, 'ssl.keystore.type': 'PEM', 'ssl.key.password': PW }],
  ])('%s: key and chain (leaf first) for the client certificate', (_name, props) => {
    const s = load(props);
    const chain = String(s.options.cert).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    expect(subjects(chain)).toEqual([CLIENT, FIXTURE_CA]);
    const key = crypto.createPrivateKey({ key: s.options.key as string, passphrase: s.options.passphrase });
    const pub = new crypto.X509Certificate(String(chain[0])).publicKey;
    expect(key.type).toBe('private');
    expect(crypto.createPublicKey(key).export({ format: 'pem', type: 'spki' })).toEqual(pub.export({ format: 'pem', type: 'spki' }));
    expect(s.keystore).toContain(props['ssl.keystore.location']);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    [
      'a wrong JKS key password',
      { 'ssl.keystore.location': `${FIX}/client.jks`, 'ssl.keystore.password': PW, 'ssl.key.password': 'nope' },
      /client\.jks: the key of entry "client" cannot be decrypted: ssl\.key\.password is wrong/,
    ],
    [
      'a wrong PKCS12 store password',
      { 'ssl.keystore.location': `${FIX}/client.p12`, 'ssl.keystore.password': 'nope' },
      /client\.p12: the store password \(ssl\.keystore\.password\) is wrong/,
    ],
    [
      'an encrypted PEM key without ssl.key.password',
      { 'ssl.keystore.location': `${FIX}/client-encrypted.pem`, 'ssl.keystore.type': 'PEM' },
      /client-encrypted\.pem: the private key cannot be decrypted: it is encrypted; set ssl\.key\.password/,
    ],
    [
      'a truststore given as keystore',
      { 'ssl.keystore.location': `${FIX}/truststore.jks`, 'ssl.keystore.password': PW },
      /truststore\.jks: the store holds no private key/,
    ],
  ])('fails on %s, naming the file', (_name, props, message) => {
    expect(() => load(props)).toThrow(message);
  });
});

describe('over a real TLS connection', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A TLS server with the identity of `keystore` (read by the loader under test), answering "ok". */
  async function serve(keystore: string, requestCert = false): Promise<{ port: number; close: () => Promise<void>; peers: string[] }> {
    const id = load({
      'ssl.keystore.location': keystore,
      'ssl.keystore.password': PW,
      'ssl.truststore.location': `${FIX}/ca.pem`,
      'ssl.truststore.type': 'PEM',
    });
    const peers: string[] = [];
    const server = tls.createServer({ key: id.options.key, cert: id.options.cert, ca: id.options.ca, requestCert, rejectUnauthorized: requestCert }, (sock) => {
      const peer = sock.getPeerCertificate();
      if (peer?.subject) peers.push(String(peer.subject.CN));
      sock.end('ok');
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())), peers };
  }

  function connect(port: number, options: tls.ConnectionOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      let secure = false;
      const sock = tls.connect({ ...options, host: '127.0.0.1', port }, () => (secure = true));
      let data = '';
      sock.on('data', (d) => (data += d.toString()));
      sock.on('end', () => secure && resolve(data));
      sock.on('error', reject);
      sock.on('close', () => reject(new Error('closed')));
    });
  }

  const trust = { 'ssl.truststore.location': `${FIX}/truststore.jks`, 'ssl.truststore.password': PW };

  test('a broker certificate naming the host passes with the default host name check', async () => {
    const srv = await serve(`${FIX}/broker.p12`);
    try {
      await expect(connect(srv.port, load(trust).options)).resolves.toBe('ok');
    } finally {
      await srv.close();
    }
  });

  test('a certificate that does not name the host fails the default check, and passes with an empty ssl.endpoint.identification.algorithm', async () => {
    const srv = await serve(`${FIX}/client.p12`); // CN=alikafka-migrate-client, no SAN: does not name 127.0.0.1
    try {
      const strict = load(trust);
      const err = await connect(srv.port, strict.options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(describeTlsFailure(err, strict, '127.0.0.1:1')).toMatch(/does not name this host.*ssl\.endpoint\.identification\.algorithm= \(empty\)/);
      const lax = load({ ...trust, 'ssl.endpoint.identification.algorithm': '' });
      expect(lax.hostnameVerification).toBe(false);
      await expect(connect(srv.port, lax.options)).resolves.toBe('ok');
    } finally {
      await srv.close();
    }
  });

  test('an empty ssl.endpoint.identification.algorithm still verifies the chain: a broker of another CA is refused, naming the truststore', async () => {
    const srv = await serve(`${OTHER}/broker.p12`);
    try {
      const s = load({ ...trust, 'ssl.endpoint.identification.algorithm': '' }, '/etc/kafka/client.properties');
      const err = await connect(srv.port, s.options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeDefined();
      expect(describeTlsFailure(err, s, '127.0.0.1:9093')).toMatch(
        new RegExp(
          `Kafka 127\\.0\\.0\\.1:9093: the broker's certificate is not trusted: it is not signed by a CA in the truststore ${FIX}/truststore\\.jks \\(JKS\\) \\(/etc/kafka/client\\.properties\\)`,
        ),
      );
    } finally {
      await srv.close();
    }
  });

  test('a client keystore (PKCS12) authenticates to a server that requires a client certificate', async () => {
    const srv = await serve(`${FIX}/broker.p12`, true);
    try {
      const s = load({ ...trust, 'ssl.keystore.location': `${FIX}/client.p12`, 'ssl.keystore.password': PW });
      await expect(connect(srv.port, s.options)).resolves.toBe('ok');
      expect(srv.peers).toEqual(['alikafka-migrate-client']);
    } finally {
      await srv.close();
    }
  });

  test('a TLS client on a plaintext port is told the listener does not seem to speak TLS', async () => {
    const net = await import('net');
    // a plaintext Kafka listener reads the ClientHello as a request size far too large and closes the connection
    const server = net.createServer((s) => s.once('data', () => s.destroy()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const s = load(trust);
      const err = await connect((server.address() as AddressInfo).port, s.options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(describeTlsFailure(err, s, 'h:1')).toMatch(/the listener does not seem to speak TLS.*check security\.protocol/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('properties files', () => {
  test('SSL with a JKS truststore gives Node TLS options and names the truststore', () => {
    const s = clientSettingsFromProperties(
      new Map([
        ['security.protocol', 'SSL'],
        ['ssl.truststore.location', `${FIX}/truststore.jks`],
        ['ssl.truststore.password', PW],
        ['ssl.endpoint.identification.algorithm', ''],
      ]),
      'client.properties',
      {},
    );
    expect(subjects((s.ssl as tls.ConnectionOptions).ca)).toEqual([FIXTURE_CA]);
    expect(s.tls?.truststore).toBe(`${FIX}/truststore.jks (JKS)`);
    expect(s.tls?.hostnameVerification).toBe(false);
    expect(s.unsupported).toEqual([]);
  });

  test('ssl.* settings without an SSL security.protocol are named as ignored', () => {
    const s = clientSettingsFromProperties(new Map([['ssl.truststore.location', `${FIX}/truststore.jks`]]), 'client.properties', {});
    expect(s.ssl).toBeUndefined();
    expect(s.unsupported).toEqual(['ssl.truststore.location (ignored: security.protocol is PLAINTEXT)']);
  });
});
