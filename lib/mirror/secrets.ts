/**
 * Connection settings for one cluster, as MirrorMaker 2 must see them, with every secret replaced by a Kafka
 * config-provider reference: `${file:<properties file>:<key>}` (FileConfigProvider reads the user's own client
 * properties file on the MirrorMaker node) or a `${env:VAR}` / `${file:...}` reference the user already wrote.
 * Pure: the caller reads the file and passes its parsed entries; no secret value ever leaves this module.
 */

/** Keys MirrorMaker 2 passes to clients (security, SSL, SASL); everything else in a client file is not carried. */
const CONNECTION_KEY =
  /^(security\.protocol|sasl\.[a-z.]+|ssl\.[a-z.]+|client\.dns\.lookup|request\.timeout\.ms|connections\.max\.idle\.ms|metadata\.max\.age\.ms|reconnect\.backoff\.(max\.)?ms|retry\.backoff\.ms|socket\.connection\.setup\.timeout\.(max\.)?ms)$/;

/** Keys whose values are secrets (or contain them, like a JAAS line with a password). */
const SECRET_KEY = /(password|secret|jaas\.config|\.key$|ssl\.keystore\.key|credentials|token)/i;

/**
 * A value that already uses a config-provider reference (`${provider:[path:]key}`), e.g. a JAAS line with
 * `password="${env:MM2_PASSWORD}"`: the user chose where the secret comes from, so it is carried as is.
 */
const REFERENCE = /\$\{[\w.-]+:[^}]*\}/;

export interface ClusterConnection {
  /** Settings for mm2.properties / connector JSON, without a prefix; secrets are references. */
  readonly settings: ReadonlyArray<readonly [string, string]>;
  /** Keys read from the file that are not carried (not connection settings), for the report. */
  readonly ignored: readonly string[];
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
 * it there). Secrets become `${file:<file>:<key>}`, unless the value is already a reference.
 */
export function clusterConnection(props: ReadonlyMap<string, string> | undefined, file: string | undefined): ClusterConnection {
  const settings: Array<[string, string]> = [];
  const ignored: string[] = [];
  const referenced: string[] = [];
  const providers = new Set<string>();
  const files = new Set<string>();
  for (const [key, raw] of [...(props ?? new Map<string, string>()).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const value = raw.trim();
    if (key === 'bootstrap.servers') continue; // given separately
    if (!CONNECTION_KEY.test(key)) {
      ignored.push(key);
      continue;
    }
    for (const m of value.matchAll(/\$\{([\w.-]+):/g)) providers.add(m[1]);
    if (isSecretKey(key) && value !== '' && !REFERENCE.test(value)) {
      if (file === undefined) throw new Error(`secret ${key} has no file to reference`);
      settings.push([key, `\${file:${file}:${key}}`]);
      referenced.push(key);
      providers.add('file');
      files.add(file);
      continue;
    }
    const fileRef = /^\$\{file:([^:}]+):/.exec(value);
    if (fileRef) files.add(fileRef[1]);
    settings.push([key, value]);
  }
  return { settings, ignored, referenced, providers: [...providers].sort(), files: [...files].sort() };
}

/** True when `value` holds no secret in clear: either it is not a secret key, or it only holds references. */
export function holdsNoClearSecret(key: string, value: string): boolean {
  if (!isSecretKey(key)) return true;
  return value === '' || REFERENCE.test(value);
}
