/**
 * Connection settings for one cluster, as MirrorMaker 2 must see them, with every secret replaced by a Kafka
 * config-provider reference: `${file:<properties file>:<key>}` (FileConfigProvider reads the user's own client
 * properties file on the MirrorMaker node) or a `${env:VAR}` / `${file:...}` reference the user already wrote.
 * Pure: the caller reads the file and passes its parsed entries; no secret value ever leaves this module.
 */

import { AlikafkaMigrateError } from '../errors';
import { ClientKind, routeClientKey } from './client-keys';

/** Keys whose values are secrets (or contain them, like a JAAS line with a password). */
const SECRET_KEY = /(password|secret|jaas\.config|\.key$|ssl\.keystore\.key|credentials|token)/i;

/**
 * A value that already uses a config-provider reference (`${provider:[path:]key}`), e.g. a JAAS line with
 * `password="${env:MM2_PASSWORD}"`: the user chose where the secret comes from, so it is carried as is.
 */
const REFERENCE = /\$\{[\w.-]+:[^}]*\}/;

export interface ClusterConnection {
  /** Connection settings (security, SSL, SASL) for every client of the cluster, without a prefix; secrets are references. */
  readonly settings: ReadonlyArray<readonly [string, string]>;
  /** Settings of one kind of client (`{alias}.producer.<key>`, ...); a key every client knows is in all three. */
  readonly clients: Readonly<Record<ClientKind, ReadonlyArray<readonly [string, string]>>>;
  /** Keys whose values were replaced by a reference to the file. */
  readonly referenced: readonly string[];
  /** Config providers the settings use (`file`, `env`, ...). */
  readonly providers: readonly string[];
  /** Files the `file` provider reads (for `allowed.paths`). */
  readonly files: readonly string[];
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * `props` are the entries of a client properties file at `file` (an absolute path: the MirrorMaker node reads
 * it there). Every key reaches the clients that know it (./client-keys) or is refused: an error names every
 * refused key with the reason, nothing is dropped. Secrets become `${file:<file>:<key>}`, unless the value is
 * already a reference.
 */
export function clusterConnection(props: ReadonlyMap<string, string> | undefined, file: string | undefined): ClusterConnection {
  const settings: Array<[string, string]> = [];
  const clients: Record<ClientKind, Array<[string, string]>> = { producer: [], consumer: [], admin: [] };
  const refused: string[] = [];
  const referenced: string[] = [];
  const providers = new Set<string>();
  const files = new Set<string>();
  for (const [key, raw] of [...(props ?? new Map<string, string>()).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const route = routeClientKey(key);
    if (route.kind === 'bootstrap') continue; // given separately
    if (route.kind === 'refused') {
      refused.push(`${key} (${route.reason})`);
      continue;
    }
    let value = raw.trim();
    for (const m of value.matchAll(/\$\{([\w.-]+):/g)) providers.add(m[1]);
    if (isSecretKey(key) && value !== '' && !REFERENCE.test(value)) {
      if (file === undefined) throw new AlikafkaMigrateError('input', `secret ${key} has no file to reference`);
      value = `\${file:${file}:${key}}`;
      referenced.push(key);
      providers.add('file');
      files.add(file);
    } else {
      const fileRef = /^\$\{file:([^:}]+):/.exec(value);
      if (fileRef) files.add(fileRef[1]);
    }
    if (route.kind === 'connection') settings.push([key, value]);
    else for (const c of route.clients) clients[c].push([key, value]);
  }
  if (refused.length)
    throw new AlikafkaMigrateError(
      'input',
      `MirrorMaker 2 cannot take ${refused.length === 1 ? 'this setting' : 'these settings'}: ${refused.join('; ')}; remove ${refused.length === 1 ? 'it' : 'them'} from the file`,
    );
  return { settings, clients, referenced, providers: [...providers].sort(), files: [...files].sort() };
}

/** True when `value` holds no secret in clear: either it is not a secret key, or it only holds references. */
export function holdsNoClearSecret(key: string, value: string): boolean {
  if (!isSecretKey(key)) return true;
  return value === '' || REFERENCE.test(value);
}

/**
 * A SASL cluster whose properties carry no `sasl.jaas.config` takes its login from the JAAS file of the JVM
 * (`-Djava.security.auth.login.config` in `KAFKA_OPTS`, the guide's way): MirrorMaker 2 runs the clients of both
 * clusters in one JVM, so that one `KafkaClient` login is used for both. Returns the warning, undefined otherwise.
 */
export function staticJaasWarning(props: ReadonlyMap<string, string> | undefined, alias: string): string | undefined {
  const protocol = (props?.get('security.protocol') ?? '').trim().toUpperCase();
  if (!protocol.startsWith('SASL_') || (props?.get('sasl.jaas.config') ?? '').trim() !== '') return undefined;
  return (
    `${alias}: no sasl.jaas.config, so MirrorMaker's clients of ${alias} log in with the KafkaClient section of the JAAS file in ` +
    `MirrorMaker's KAFKA_OPTS (-Djava.security.auth.login.config), the same login for both clusters; when they differ, set ` +
    `sasl.jaas.config in each properties file, with the password as \${env:NAME} or \${file:...}`
  );
}
