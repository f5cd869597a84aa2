/**
 * Java client `.properties` files (the format the user's Kafka clients already use) → connection settings for the
 * tool's own Kafka client: Node TLS options (./tls: JKS, PKCS12, PEM stores) and SASL credentials (./jaas:
 * `sasl.jaas.config`, or the `KafkaClient` section of the JAAS file named in `KAFKA_OPTS`). Keys the client cannot
 * honour are reported by name; secrets are never echoed.
 */
import { readUserFile } from '../util/fs';
import type { ConnectionOptions } from 'tls';
import { SourceError } from './errors';
import { JAAS_PROPERTY, JaasLogin, KAFKA_CLIENT_SECTION, jaasFileFromEnv, kafkaClientLogin, loginFromEntry, parseJaasConfig } from './jaas';
import { TlsSettings, tlsFromProperties } from './tls';

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

/** What a properties file means for the tool's own Kafka client. */
export interface ClientSettings {
  readonly brokers?: string[];
  readonly clientId?: string;
  /** Node TLS options (true: TLS with Node's defaults), undefined without TLS. */
  readonly ssl?: boolean | ConnectionOptions;
  /** Where the TLS options came from (truststore, keystore, host name check), for messages; set with `ssl`. */
  readonly tls?: TlsSettings;
  readonly sasl?: SaslSettings;
  /** Where the SASL login came from: `FILE: sasl.jaas.config` or `JAAS FILE (section KafkaClient, from KAFKA_OPTS)`. */
  readonly saslSource?: string;
  /** Keys present in the file that the client cannot honour (ignored, named in a warning). */
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
  'ssl.truststore.password',
  'ssl.truststore.certificates',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.key.password',
  'ssl.endpoint.identification.algorithm',
  'request.timeout.ms',
  'default.api.timeout.ms',
  'ssl.protocol',
  'ssl.enabled.protocols',
]);

/** `config.providers` and its `config.providers.<name>.*` settings, honoured by resolveConfigProviders. */
const CONFIG_PROVIDER_KEY = /^config\.providers(\.[\w-]+\.(class|param\.[\w.-]+))?$/;
const REFERENCE = /\$\{(env|file):([^}]*)\}/g;

/**
 * Resolves `${env:NAME}` and `${file:/path:key}` in the values the way a Java client does when `config.providers`
 * enables EnvVarConfigProvider / FileConfigProvider (what client-config writes): a generated client config can be
 * given to the tool as it is. A missing variable, file or key fails naming the properties file and the key, never a
 * value. Providers the file does not enable are left alone, as in Java.
 */
function resolveConfigProviders(props: ReadonlyMap<string, string>, file: string, env: NodeJS.ProcessEnv): ReadonlyMap<string, string> {
  const enabled = new Set<string>(
    (props.get('config.providers') ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x === 'env' || x === 'file'),
  );
  if (!enabled.size) return props;
  const out = new Map<string, string>();
  for (const [key, value] of props) {
    out.set(
      key,
      value.replace(REFERENCE, (whole: string, provider: string, body: string) => {
        if (!enabled.has(provider)) return whole;
        if (provider === 'env') {
          const v = env[body];
          if (v === undefined) throw new SourceError(`${file}: ${key} refers to the environment variable ${body} (${whole}), which is not set`, 'invalid');
          return v;
        }
        const i = body.lastIndexOf(':');
        if (i <= 0) throw new SourceError(`${file}: ${key}: ${whole} is not a file reference (\${file:/path/file.properties:key})`, 'invalid');
        const [path, k] = [body.slice(0, i), body.slice(i + 1)];
        let text: string;
        try {
          text = readUserFile(path);
        } catch (e) {
          throw new SourceError(`${file}: ${key}: cannot read ${path} (referenced as ${whole}): ${(e as Error).message}`, 'invalid');
        }
        const v = parseProperties(text).get(k);
        if (v === undefined) throw new SourceError(`${file}: ${key}: ${path} has no key ${k} (referenced as ${whole})`, 'invalid');
        return v;
      }),
    );
  }
  return out;
}

const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

/**
 * Turns parsed properties into client settings. `file` is used in messages only; `env` gives `KAFKA_OPTS`, where a
 * JAAS file may be named (`-Djava.security.auth.login.config=FILE`) when `sasl.jaas.config` is not set.
 */
export function clientSettingsFromProperties(
  givenProps: ReadonlyMap<string, string>,
  file = 'properties',
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  const props = resolveConfigProviders(givenProps, file, env);
  const get = (k: string): string | undefined => {
    const v = props.get(k);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const unsupported: string[] = [];
  for (const k of props.keys()) {
    if (!HANDLED.has(k) && !IRRELEVANT.test(k) && !CONFIG_PROVIDER_KEY.test(k)) unsupported.push(k);
  }

  const protocol = (get('security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new SourceError(`${file}: security.protocol ${protocol} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL`, 'invalid');
  }
  const useSsl = protocol === 'SSL' || protocol === 'SASL_SSL';
  const useSasl = protocol.startsWith('SASL_');

  let ssl: boolean | ConnectionOptions | undefined;
  let tls: TlsSettings | undefined;
  if (useSsl) {
    tls = tlsFromProperties(get, (k) => props.has(k), file);
    ssl = Object.keys(tls.options).length ? tls.options : true;
  } else {
    const ignored = [...props.keys()].filter((k) => k.startsWith('ssl.') && get(k) !== undefined).sort();
    if (ignored.length) unsupported.push(...ignored.map((k) => `${k} (ignored: security.protocol is ${protocol})`));
  }

  let sasl: SaslSettings | undefined;
  let saslSource: string | undefined;
  if (useSasl) {
    const mech = (get('sasl.mechanism') ?? 'GSSAPI').toUpperCase();
    if (!SASL_MECHANISMS.includes(mech)) {
      throw new SourceError(`${file}: sasl.mechanism ${mech} is not supported (supported: ${SASL_MECHANISMS.join(', ')})`, 'invalid');
    }
    const jaasText = get('sasl.jaas.config');
    let login: JaasLogin;
    if (jaasText) {
      saslSource = `${file}: sasl.jaas.config`;
      login = loginFromEntry(parseJaasConfig(jaasText, file), mech, saslSource);
    } else {
      const jaasFile = jaasFileFromEnv(env);
      if (!jaasFile) {
        throw new SourceError(
          `${file}: security.protocol ${protocol} needs a login: set sasl.jaas.config, or name a JAAS file with a ${KAFKA_CLIENT_SECTION} section in KAFKA_OPTS (-D${JAAS_PROPERTY}=FILE)`,
          'invalid',
        );
      }
      saslSource = `${jaasFile.file} (section ${KAFKA_CLIENT_SECTION}, from ${jaasFile.from})`;
      login = kafkaClientLogin(jaasFile.file, mech, jaasFile.from);
    }
    sasl = { mechanism: mech.toLowerCase() as SaslSettings['mechanism'], username: login.username, password: login.password };
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
    tls,
    sasl,
    saslSource,
    unsupported: unsupported.sort(),
  };
}

export function loadClientProperties(file: string, env: NodeJS.ProcessEnv = process.env): ClientSettings {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new SourceError(`cannot read properties file ${file}: ${(e as Error).message}`, 'invalid');
  }
  return clientSettingsFromProperties(parseProperties(text), file, env);
}
