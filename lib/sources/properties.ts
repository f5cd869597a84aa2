/**
 * Java client `.properties` files (the format the user's Kafka clients already use) → kafkajs
 * connection settings. Keys kafkajs cannot honour are reported by name; secrets are never echoed.
 */
import { readUserFile } from '../util/fs';
import type { ConnectionOptions } from 'tls';
import { SourceError } from './errors';

/** Parses the java.util.Properties text format (comments, `=`/`:`/blank separators, `\` continuations and escapes). */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // join continuation lines (an odd number of trailing backslashes)
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    let key = '';
    while (k < line.length) {
      const c = line[k];
      if (c === '\\' && k + 1 < line.length) {
        key += line.slice(k, k + 2);
        k += 2;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      key += c;
      k++;
    }
    let rest = line.slice(k).replace(/^[ \t\f]*/, '');
    if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '');
    out.set(unescape(key), unescape(rest));
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
  });
}

export type SaslSettings =
  | { readonly mechanism: 'plain'; readonly username: string; readonly password: string }
  | { readonly mechanism: 'scram-sha-256'; readonly username: string; readonly password: string }
  | { readonly mechanism: 'scram-sha-512'; readonly username: string; readonly password: string };

/** What a properties file means for the kafkajs client. */
export interface ClientSettings {
  readonly brokers?: string[];
  readonly clientId?: string;
  readonly ssl?: boolean | ConnectionOptions;
  readonly sasl?: SaslSettings;
  /** Keys present in the file that kafkajs cannot honour (ignored, named in a warning). */
  readonly unsupported: string[];
}

/** Keys that only matter to producers/consumers, not to a metadata export: ignored silently. */
const IRRELEVANT =
  /^(group\.id|group\.instance\.id|key\.(de)?serializer|value\.(de)?serializer|auto\.offset\.reset|enable\.auto\.commit|auto\.commit\.interval\.ms|acks|linger\.ms|batch\.size|compression\.type|max\.poll\.(records|interval\.ms)|session\.timeout\.ms|heartbeat\.interval\.ms|fetch\.\w+(\.\w+)*|max\.partition\.fetch\.bytes|isolation\.level|retries|retry\.backoff\.ms|enable\.idempotence|transactional\.id|partitioner\.class|buffer\.memory|max\.in\.flight\.requests\.per\.connection|delivery\.timeout\.ms|client\.dns\.lookup)$/;

/** Keys this module honours. */
const HANDLED = new Set([
  'bootstrap.servers',
  'client.id',
  'security.protocol',
  'sasl.mechanism',
  'sasl.jaas.config',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.certificates',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.key.password',
  'ssl.endpoint.identification.algorithm',
  'request.timeout.ms',
  'default.api.timeout.ms',
  'ssl.protocol',
  'ssl.enabled.protocols',
]);

function parseJaas(jaas: string, file: string): { module: string; options: Map<string, string> } {
  const m = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\s+([\s\S]*?)\s*;?\s*$/.exec(jaas);
  if (!m) throw new SourceError(`${file}: sasl.jaas.config is not in the form "<LoginModule> required key=\\"value\\" ...;"`, 'invalid');
  const options = new Map<string, string>();
  const re = /([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/g;
  let o: RegExpExecArray | null;
  while ((o = re.exec(m[3])) !== null) options.set(o[1], o[2] !== undefined ? o[2].replace(/\\(.)/g, '$1') : o[3]);
  return { module: m[1], options };
}

function readFileFor(key: string, p: string, file: string): string {
  try {
    return readUserFile(p);
  } catch (e) {
    throw new SourceError(`${file}: cannot read ${key} ${p}: ${(e as Error).message}`, 'invalid');
  }
}

/** Turns parsed properties into kafkajs settings. `file` is used in messages only. */
export function clientSettingsFromProperties(props: ReadonlyMap<string, string>, file = 'properties'): ClientSettings {
  const get = (k: string): string | undefined => {
    const v = props.get(k);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const unsupported: string[] = [];
  for (const k of props.keys()) {
    if (!HANDLED.has(k) && !IRRELEVANT.test(k)) unsupported.push(k);
  }

  const protocol = (get('security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new SourceError(`${file}: security.protocol ${protocol} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL`, 'invalid');
  }
  const useSsl = protocol === 'SSL' || protocol === 'SASL_SSL';
  const useSasl = protocol.startsWith('SASL_');

  let ssl: boolean | ConnectionOptions | undefined;
  if (useSsl) {
    const tls: ConnectionOptions = {};
    const tsType = (get('ssl.truststore.type') ?? (get('ssl.truststore.certificates') ? 'PEM' : 'JKS')).toUpperCase();
    const tsLoc = get('ssl.truststore.location');
    if (get('ssl.truststore.certificates')) tls.ca = [get('ssl.truststore.certificates') as string];
    else if (tsLoc) {
      if (tsType !== 'PEM') {
        throw new SourceError(
          `${file}: ssl.truststore.type ${tsType} cannot be read by the Node.js client; convert the truststore to PEM (keytool -exportcert -rfc) and set ssl.truststore.type=PEM`,
          'invalid',
        );
      }
      tls.ca = [readFileFor('ssl.truststore.location', tsLoc, file)];
    }
    const ksType = (get('ssl.keystore.type') ?? (get('ssl.keystore.key') ? 'PEM' : 'JKS')).toUpperCase();
    if (get('ssl.keystore.key')) {
      tls.key = get('ssl.keystore.key');
      tls.cert = get('ssl.keystore.certificate.chain');
    } else if (get('ssl.keystore.location')) {
      if (ksType !== 'PEM') {
        throw new SourceError(
          `${file}: ssl.keystore.type ${ksType} cannot be read by the Node.js client; use a PEM keystore (key and certificate chain in one file) and ssl.keystore.type=PEM`,
          'invalid',
        );
      }
      const pem = readFileFor('ssl.keystore.location', get('ssl.keystore.location') as string, file);
      tls.key = pem;
      tls.cert = pem;
    }
    if (get('ssl.key.password')) tls.passphrase = get('ssl.key.password');
    if (props.has('ssl.endpoint.identification.algorithm') && !get('ssl.endpoint.identification.algorithm')) {
      tls.checkServerIdentity = () => undefined;
    }
    ssl = Object.keys(tls).length ? tls : true;
  }

  let sasl: SaslSettings | undefined;
  if (useSasl) {
    const mech = (get('sasl.mechanism') ?? 'GSSAPI').toUpperCase();
    if (!['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(mech)) {
      throw new SourceError(`${file}: sasl.mechanism ${mech} is not supported by export (supported: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)`, 'invalid');
    }
    const jaasText = get('sasl.jaas.config');
    if (!jaasText) throw new SourceError(`${file}: security.protocol ${protocol} needs sasl.jaas.config with username and password`, 'invalid');
    const jaas = parseJaas(jaasText, file);
    const username = jaas.options.get('username');
    const password = jaas.options.get('password');
    if (!username || password === undefined) {
      throw new SourceError(`${file}: sasl.jaas.config (${jaas.module}) has no username/password options`, 'invalid');
    }
    sasl = { mechanism: mech.toLowerCase() as SaslSettings['mechanism'], username, password };
  } else if (get('sasl.mechanism') || get('sasl.jaas.config')) {
    unsupported.push(...['sasl.mechanism', 'sasl.jaas.config'].filter((k) => get(k)).map((k) => `${k} (ignored: security.protocol is ${protocol})`));
  }

  const servers = get('bootstrap.servers');
  return {
    brokers: servers
      ? servers
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    clientId: get('client.id'),
    ssl,
    sasl,
    unsupported: unsupported.sort(),
  };
}

export function loadClientProperties(file: string): ClientSettings {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new SourceError(`cannot read properties file ${file}: ${(e as Error).message}`, 'invalid');
  }
  return clientSettingsFromProperties(parseProperties(text), file);
}
