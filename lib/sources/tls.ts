/**
 * TLS the way a Java Kafka client is configured (`ssl.truststore.*`, `ssl.keystore.*`, `ssl.key.password`,
 * `ssl.endpoint.identification.algorithm`) → Node's `tls.ConnectionOptions`, for whichever Kafka client the tool
 * uses. JKS stores are read in-process with jks-js, PKCS12 stores with node-forge, PEM as text: no keytool at run
 * time. Like Java (whose JKS and PKCS12 key stores read both formats), a JKS or PKCS12 store is recognised by its
 * content; a PEM file needs `type=PEM`. A missing file, a wrong password, a store without a certificate or key
 * fails naming the file and the property. Passwords and keys never appear in a message.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { connect as tlsConnect } from 'tls';
import type { ConnectionOptions } from 'tls';
import type * as JksModule from 'jks-js';
import type * as Forge from 'node-forge';
import { errnoSentence } from '../util/fs';
import { SourceError } from './errors';

// The store readers load on first use: commands without TLS (and synth's quick start) do not pay for them.
/* eslint-disable @typescript-eslint/no-require-imports */
const loadJks = (): typeof JksModule => require('jks-js') as typeof JksModule;
const loadForge = (): typeof Forge => require('node-forge') as typeof Forge;
/* eslint-enable @typescript-eslint/no-require-imports */

export type StoreType = 'JKS' | 'PKCS12' | 'PEM';
export const STORE_TYPES: readonly StoreType[] = ['JKS', 'PKCS12', 'PEM'];

/** What the TLS settings of a properties file mean, with where trust and identity come from (for messages). */
export interface TlsSettings {
  /** Ready for `tls.connect` (ca, cert, key, passphrase, checkServerIdentity). */
  readonly options: ConnectionOptions;
  /** The certificates trusted: `FILE (JKS)`, `ssl.truststore.certificates in FILE`, or undefined for Node's CA list. */
  readonly truststore?: string;
  /** The client certificate: `FILE (PKCS12)` and so on, undefined without one. */
  readonly keystore?: string;
  /** False when `ssl.endpoint.identification.algorithm` is empty: the chain is verified, the host name is not. */
  readonly hostnameVerification: boolean;
  /** The properties file the settings came from. */
  readonly file: string;
}

/** Reads a property: trimmed, undefined when absent or blank. */
export type PropertyGetter = (key: string) => string | undefined;

const MAX_STORE_BYTES = 16 * 1024 * 1024;

function readStoreFile(key: string, location: string, file: string): Buffer {
  try {
    const st = fs.statSync(location);
    if (st.isDirectory()) throw new Error('is a directory, not a file');
    if (st.size > MAX_STORE_BYTES) throw new Error(`is larger than ${MAX_STORE_BYTES / 1024 / 1024} MB, not a key store`);
    return fs.readFileSync(location);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ? errnoSentence(e) : (e as Error).message;
    throw new SourceError(`${file}: cannot read ${key} ${location}: ${reason}`, 'invalid');
  }
}

type Sniffed = 'JKS' | 'JCEKS' | 'PKCS12' | 'PEM' | 'unknown';

function sniff(data: Buffer): Sniffed {
  if (data.length >= 4 && data.readUInt32BE(0) === 0xfeedfeed) return 'JKS';
  if (data.length >= 4 && data.readUInt32BE(0) === 0xcececece) return 'JCEKS';
  if (data.includes('-----BEGIN ')) return 'PEM';
  if (data.length > 0 && data[0] === 0x30) return 'PKCS12';
  return 'unknown';
}

function derToPem(der: Buffer | string, label: 'CERTIFICATE'): string {
  const b64 = Buffer.from(der as string, typeof der === 'string' ? 'binary' : undefined).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The store's entries: trusted certificates and key entries (key + chain), all PEM. */
interface StoreEntries {
  readonly trusted: string[];
  readonly keys: Array<{ readonly key: string; readonly chain: string[] }>;
}

/** Names a store in messages: `ssl.truststore.location /path/x.jks`. */
interface StoreRef {
  readonly role: 'truststore' | 'keystore';
  readonly location: string;
  readonly type: StoreType;
  readonly file: string;
}

function where(s: StoreRef): string {
  return `${s.file}: ssl.${s.role}.location ${s.location}`;
}

function readJks(data: Buffer, password: string | undefined, keyPassword: string | undefined, s: StoreRef): StoreEntries {
  const jks = loadJks();
  let entries: ReturnType<typeof jks.parseJks>;
  try {
    entries = jks.parseJks(data, password ?? '');
  } catch (e) {
    if (/password verification failed/i.test((e as Error).message)) {
      throw new SourceError(`${where(s)}: the store password (ssl.${s.role}.password) is wrong: the JKS integrity check failed`, 'invalid');
    }
    throw new SourceError(`${where(s)}: not a readable JKS store (${(e as Error).message})`, 'invalid');
  }
  const trusted: string[] = [];
  const keys: Array<{ key: string; chain: string[] }> = [];
  for (const e of entries) {
    if ('cert' in e) trusted.push(derToPem(e.cert.value, 'CERTIFICATE'));
    else {
      const chain = e.chain.map((c) => derToPem(c.value, 'CERTIFICATE'));
      let key: string | undefined;
      if (s.role === 'keystore') {
        try {
          key = jks.decrypt(e.protectedPrivateKey, keyPassword ?? password ?? '');
        } catch {
          key = undefined;
        }
        if (!key || !/-----BEGIN/.test(key)) {
          throw new SourceError(
            `${where(s)}: the key of entry "${e.alias}" cannot be decrypted: ${keyPassword !== undefined ? 'ssl.key.password' : 'ssl.keystore.password (no ssl.key.password given)'} is wrong`,
            'invalid',
          );
        }
      }
      keys.push({ key: key ?? '', chain });
      // Java trusts the first certificate of a key entry's chain when the store is a truststore
      if (chain.length) trusted.push(chain[0]);
    }
  }
  return { trusted, keys };
}

function forgeCertPem(bag: Forge.pkcs12.Bag): string | undefined {
  const forge = loadForge();
  if (bag.cert) return forge.pki.certificateToPem(bag.cert);
  const raw = (bag as { asn1?: Forge.asn1.Asn1 }).asn1;
  return raw ? derToPem(forge.asn1.toDer(raw).getBytes(), 'CERTIFICATE') : undefined;
}

function forgeKeyPem(bag: Forge.pkcs12.Bag): string | undefined {
  const forge = loadForge();
  if (bag.key) return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)));
  const raw = (bag as { asn1?: Forge.asn1.Asn1 }).asn1; // a key type forge does not know (EC): PrivateKeyInfo as is
  if (!raw) return undefined;
  const der = Buffer.from(forge.asn1.toDer(raw).getBytes(), 'binary');
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

function localKeyId(bag: Forge.pkcs12.Bag): string | undefined {
  const v = (bag.attributes as Record<string, unknown[] | undefined>).localKeyId?.[0];
  return typeof v === 'string' ? Buffer.from(v, 'binary').toString('hex') : undefined;
}

type Pbkdf2 = typeof Forge.pkcs5.pbkdf2;

/**
 * Runs `f` with node-forge's PBKDF2 handing SHA-2 digests to Node's native implementation: forge only does so for
 * SHA-1 and computes Java 17's PBES2 (10,000 rounds of HMAC-SHA256) in JavaScript, about 10 times slower. Same
 * result; `f` is synchronous, so the original is back before anything else runs.
 */
function withNativePbkdf2<T>(f: () => T): T {
  const forge = loadForge();
  const original: Pbkdf2 = forge.pkcs5.pbkdf2;
  const native = ((p: string, s: string, c: number, dkLen: number, md?: unknown, cb?: unknown): unknown => {
    const name = md && typeof md === 'object' && typeof (md as { algorithm?: unknown }).algorithm === 'string' ? (md as { algorithm: string }).algorithm : md;
    return (original as (...a: unknown[]) => unknown)(p, s, c, dkLen, name, cb);
  }) as unknown as Pbkdf2;
  forge.pkcs5.pbkdf2 = native;
  try {
    return f();
  } finally {
    forge.pkcs5.pbkdf2 = original;
  }
}

function readPkcs12(data: Buffer, password: string | undefined, s: StoreRef): StoreEntries {
  const forge = loadForge();
  if (password === undefined) {
    throw new SourceError(`${where(s)}: a PKCS12 store needs its password: set ssl.${s.role}.password`, 'invalid');
  }
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = withNativePbkdf2(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(data.toString('binary')), password));
  } catch (e) {
    const msg = (e as Error).message;
    if (/MAC could not be verified|Invalid password|wrong password/i.test(msg)) {
      throw new SourceError(`${where(s)}: the store password (ssl.${s.role}.password) is wrong: the PKCS12 integrity check failed`, 'invalid');
    }
    throw new SourceError(`${where(s)}: not a readable PKCS12 store (${msg})`, 'invalid');
  }
  const certs: Array<{ pem: string; id?: string }> = [];
  const keys: Array<{ pem: string; id?: string }> = [];
  for (const sc of p12.safeContents) {
    for (const bag of sc.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        const pem = forgeCertPem(bag);
        if (pem) certs.push({ pem, id: localKeyId(bag) });
      } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        const pem = forgeKeyPem(bag);
        if (pem) keys.push({ pem, id: localKeyId(bag) });
      }
    }
  }
  const keyEntries = keys.map((k) => {
    const leaf = certs.find((c) => c.id !== undefined && c.id === k.id);
    return {
      key: k.pem,
      chain: leaf
        ? completeChain(
            leaf.pem,
            certs.map((c) => c.pem),
          )
        : [],
    };
  });
  // trusted: certificates outside key entries, and the first certificate of each key entry (as Java does)
  const trusted = certs.filter((c) => c.id === undefined).map((c) => c.pem);
  for (const k of keyEntries) if (k.chain.length) trusted.push(k.chain[0]);
  return { trusted, keys: keyEntries };
}

/** The leaf followed by its issuers found among `pool`, in order. */
function completeChain(leafPem: string, pool: readonly string[]): string[] {
  const parsed = pool.map((p) => ({ pem: p, x: new crypto.X509Certificate(p) }));
  const chain = [leafPem];
  let cur = new crypto.X509Certificate(leafPem);
  for (let i = 0; i < 10 && cur.issuer !== cur.subject; i++) {
    const next = parsed.find((p) => p.x.subject === cur.issuer && !chain.includes(p.pem));
    if (!next) break;
    chain.push(next.pem);
    cur = next.x;
  }
  return chain;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function pemBlocks(text: string): Array<{ label: string; pem: string }> {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1], pem: `${m[0]}\n` }));
}

function readPem(text: string, keyPassword: string | undefined, s: StoreRef, what: string): StoreEntries {
  const blocks = pemBlocks(text);
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.pem);
  for (const c of certs) {
    try {
      new crypto.X509Certificate(c);
    } catch (e) {
      throw new SourceError(`${what}: a certificate cannot be read (${(e as Error).message})`, 'invalid');
    }
  }
  const keyBlock = blocks.find((b) => / PRIVATE KEY$/.test(b.label) || b.label === 'PRIVATE KEY');
  const keys: Array<{ key: string; chain: string[] }> = [];
  if (keyBlock && s.role === 'keystore') {
    try {
      crypto.createPrivateKey({ key: keyBlock.pem, passphrase: keyPassword ?? '' });
    } catch {
      const encrypted = keyBlock.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(keyBlock.pem);
      throw new SourceError(
        encrypted
          ? `${what}: the private key cannot be decrypted: ${keyPassword !== undefined ? 'ssl.key.password is wrong' : 'it is encrypted; set ssl.key.password'}`
          : `${what}: the private key cannot be read`,
        'invalid',
      );
    }
    keys.push({ key: keyBlock.pem, chain: certs });
  }
  return { trusted: certs, keys };
}

function readStore(s: StoreRef, password: string | undefined, keyPassword: string | undefined): StoreEntries {
  const data = readStoreFile(`ssl.${s.role}.location`, s.location, s.file);
  const found = sniff(data);
  if (s.type === 'PEM') {
    if (found !== 'PEM') {
      throw new SourceError(
        `${where(s)}: ssl.${s.role}.type is PEM but the file is ${found === 'unknown' ? 'not PEM text' : `a ${found} store; set ssl.${s.role}.type=${found === 'JCEKS' ? 'JCEKS (not supported: convert it to PKCS12 with keytool -importkeystore)' : found}`}`,
        'invalid',
      );
    }
    return readPem(data.toString('utf8'), keyPassword, s, where(s));
  }
  switch (found) {
    case 'JKS':
      return readJks(data, password, keyPassword, s);
    case 'PKCS12':
      return readPkcs12(data, password, s);
    case 'PEM':
      throw new SourceError(`${where(s)}: the file is PEM text but ssl.${s.role}.type is ${s.type}; set ssl.${s.role}.type=PEM`, 'invalid');
    case 'JCEKS':
      throw new SourceError(`${where(s)}: JCEKS stores are not supported; convert it to PKCS12 (keytool -importkeystore -deststoretype PKCS12)`, 'invalid');
    default:
      throw new SourceError(`${where(s)}: not a JKS, PKCS12 or PEM store`, 'invalid');
  }
}

function storeType(get: PropertyGetter, role: 'truststore' | 'keystore', file: string, inline: boolean): StoreType {
  const raw = get(`ssl.${role}.type`);
  if (raw === undefined) return inline ? 'PEM' : 'JKS'; // Kafka's default is JKS
  const t = raw.toUpperCase() === 'P12' || raw.toUpperCase() === 'PFX' ? 'PKCS12' : raw.toUpperCase();
  if (!(STORE_TYPES as readonly string[]).includes(t)) {
    throw new SourceError(`${file}: ssl.${role}.type ${raw} is not one of ${STORE_TYPES.join(', ')}`, 'invalid');
  }
  return t as StoreType;
}

/**
 * Turns the `ssl.*` properties into Node TLS options. `get` reads a property (trimmed, undefined when blank);
 * `has` tells whether a key is present at all (an empty `ssl.endpoint.identification.algorithm` turns the host
 * name check off, the chain is still verified). `file` names the properties file in messages.
 */
export function tlsFromProperties(get: PropertyGetter, has: (key: string) => boolean, file: string): TlsSettings {
  const options: ConnectionOptions = {};
  let truststore: string | undefined;
  let keystore: string | undefined;

  // trust
  const inlineCa = get('ssl.truststore.certificates');
  const tsType = storeType(get, 'truststore', file, inlineCa !== undefined);
  const tsLocation = get('ssl.truststore.location');
  if (inlineCa !== undefined) {
    const s: StoreRef = { role: 'truststore', location: '(inline)', type: 'PEM', file };
    const certs = readPem(inlineCa, undefined, s, `${file}: ssl.truststore.certificates`).trusted;
    if (!certs.length) throw new SourceError(`${file}: ssl.truststore.certificates holds no PEM certificate`, 'invalid');
    options.ca = certs;
    truststore = `ssl.truststore.certificates in ${file}`;
  } else if (tsLocation !== undefined) {
    const s: StoreRef = { role: 'truststore', location: tsLocation, type: tsType, file };
    const entries = readStore(s, get('ssl.truststore.password'), undefined);
    if (!entries.trusted.length) throw new SourceError(`${where(s)}: the store holds no certificate to trust`, 'invalid');
    options.ca = entries.trusted;
    truststore = `${tsLocation} (${tsType})`;
  }

  // identity (mutual TLS)
  const inlineKey = get('ssl.keystore.key');
  const ksType = storeType(get, 'keystore', file, inlineKey !== undefined);
  const ksLocation = get('ssl.keystore.location');
  const keyPassword = get('ssl.key.password');
  if (inlineKey !== undefined) {
    const chain = get('ssl.keystore.certificate.chain');
    if (chain === undefined) throw new SourceError(`${file}: ssl.keystore.key needs ssl.keystore.certificate.chain`, 'invalid');
    const s: StoreRef = { role: 'keystore', location: '(inline)', type: 'PEM', file };
    const entries = readPem(`${inlineKey}\n${chain}`, keyPassword, s, `${file}: ssl.keystore.key`);
    if (!entries.keys.length) throw new SourceError(`${file}: ssl.keystore.key holds no PEM private key`, 'invalid');
    options.key = entries.keys[0].key;
    options.cert = entries.keys[0].chain.join('');
    if (keyPassword !== undefined) options.passphrase = keyPassword;
    keystore = `ssl.keystore.key in ${file}`;
  } else if (ksLocation !== undefined) {
    const s: StoreRef = { role: 'keystore', location: ksLocation, type: ksType, file };
    const entries = readStore(s, get('ssl.keystore.password'), keyPassword);
    const entry = entries.keys[0];
    if (!entry) throw new SourceError(`${where(s)}: the store holds no private key (a keystore needs a key entry with its certificate chain)`, 'invalid');
    if (!entry.chain.length) throw new SourceError(`${where(s)}: the private key has no certificate`, 'invalid');
    options.key = entry.key;
    options.cert = entry.chain.join('');
    // JKS and PKCS12 keys come out decrypted; a PEM key may still be encrypted
    if (ksType === 'PEM' && keyPassword !== undefined) options.passphrase = keyPassword;
    keystore = `${ksLocation} (${ksType})`;
  }

  let hostnameVerification = true;
  if (has('ssl.endpoint.identification.algorithm')) {
    const alg = get('ssl.endpoint.identification.algorithm');
    if (alg === undefined) {
      hostnameVerification = false;
      // the chain is still verified (rejectUnauthorized stays true); only the name check is skipped, as in Java
      options.checkServerIdentity = (): Error | undefined => undefined;
    } else if (alg.toUpperCase() !== 'HTTPS') {
      throw new SourceError(
        `${file}: ssl.endpoint.identification.algorithm ${alg} is not supported (use https, or leave it empty to skip the host name check)`,
        'invalid',
      );
    }
  }
  return { options, truststore, keystore, hostnameVerification, file };
}

/** Node's certificate verification codes, by what they mean to the user. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
  readonly errors?: unknown;
}

function errorChain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [e];
  while (queue.length && out.length < 30) {
    const cur = queue.shift();
    if (!cur || typeof cur !== 'object' || out.includes(cur as ErrorLike)) continue;
    const c = cur as ErrorLike;
    out.push(c);
    queue.push(c.originalError, c.cause);
    if (Array.isArray(c.errors)) queue.push(...(c.errors as unknown[]));
  }
  return out;
}

/**
 * Explains a TLS failure in an error chain (`cause`, `errors[]`, `originalError`) in the user's terms,
 * naming the truststore and the properties file; undefined when the failure is not one of TLS.
 */
export function describeTlsFailure(e: unknown, tls: TlsSettings | undefined, endpoint: string): string | undefined {
  const chain = errorChain(e);
  const codes = chain.map((c) => (typeof c.code === 'string' ? c.code : '')).filter(Boolean);
  const text = chain.map((c) => (typeof c.message === 'string' ? c.message : '')).join(' | ');
  const trust = tls?.truststore ? `the truststore ${tls.truststore}` : "Node's default CA list (no ssl.truststore.location given)";
  const from = tls ? ` (${tls.file})` : '';
  const code =
    codes.find((c) => UNTRUSTED.has(c)) ?? (/self[- ]signed certificate|unable to verify|unable to get (local )?issuer/i.test(text) ? 'UNTRUSTED' : undefined);
  if (code) {
    return `Kafka ${endpoint}: the broker's certificate is not trusted: it is not signed by a CA in ${trust}${from}; use the truststore of the instance (for AliKafka: the one its console offers for download)`;
  }
  if (codes.some((c) => EXPIRED.has(c)) || /certificate has expired|not yet valid/i.test(text)) {
    return `Kafka ${endpoint}: the broker's certificate is expired or not yet valid (checked against ${trust}${from})`;
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID') || /Hostname\/IP does not match certificate/i.test(text)) {
    return `Kafka ${endpoint}: the broker's certificate does not name this host${from}; for an AliKafka 2.x instance set ssl.endpoint.identification.algorithm= (empty), as Alibaba's guide does: the chain is still verified`;
  }
  if (
    /wrong version number|packet length too long|unknown protocol|WRONG_VERSION_NUMBER|before secure TLS connection was established/i.test(
      `${text} ${codes.join(' ')}`,
    )
  ) {
    return `Kafka ${endpoint}: the TLS handshake failed: the listener does not seem to speak TLS${from}; check security.protocol (SSL and SASL_SSL need a TLS listener) and the port`;
  }
  return undefined;
}

/**
 * Opens one TLS connection to the first bootstrap server that accepts it, with the options the Kafka client will
 * use, and closes it: a certificate the truststore does not trust, a host name the certificate does not name or a
 * listener without TLS fails here at once, in the user's terms (naming the truststore and the properties file),
 * instead of as a Kafka client's retries and timeout. Client-neutral; sends nothing but the TLS handshake.
 */
export async function checkTlsHandshake(brokers: readonly string[], settings: TlsSettings | undefined, timeoutMs: number, endpoint: string): Promise<void> {
  if (!settings) return;
  for (const b of brokers) {
    const i = b.lastIndexOf(':');
    const host = b.slice(0, i).replace(/^\[|\]$/g, '');
    const port = Number(b.slice(i + 1));
    const outcome = await new Promise<'ok' | 'unreachable' | { error: unknown }>((resolve) => {
      const isIp = /^[\d.]+$|:/.test(host);
      const sock = tlsConnect({ ...settings.options, host, port, ...(isIp ? {} : { servername: host }) }, () => {
        sock.destroy();
        resolve('ok');
      });
      sock.setTimeout(timeoutMs, () => {
        sock.destroy();
        resolve('unreachable');
      });
      sock.on('error', (e: NodeJS.ErrnoException) => {
        sock.destroy();
        resolve(['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH'].includes(e.code ?? '') ? 'unreachable' : { error: e });
      });
    });
    if (outcome === 'ok') return;
    if (outcome !== 'unreachable') {
      const explained = describeTlsFailure(outcome.error, settings, endpoint);
      if (explained) throw new SourceError(explained, 'invalid');
    }
  }
  // no server completed or refused a handshake: the Kafka client reports reachability in its own words
}
