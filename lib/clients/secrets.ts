/**
 * Secrets in client configs are references, never values: Kafka's config-provider syntax
 * `${env:NAME}` (EnvVarConfigProvider, clients 3.5+) or `${file:/path/file.properties:key}`
 * (FileConfigProvider, clients 2.3+). Java clients resolve them; the kafkajs helper resolves them the same way.
 */
import { AlikafkaMigrateError } from '../errors';
import { readUserFile } from '../util/fs';
import { parseProperties } from '../sources/properties';

export const DEFAULT_PASSWORD_REF = '${env:ALIKAFKA_SASL_PASSWORD}';
export const DEFAULT_USERNAME_REF = '${env:ALIKAFKA_SASL_USERNAME}';

const REF = /\$\{(env|file):([^}]*)\}/g;
const WHOLE_REF = /^\$\{(env|file):([^}]*)\}$/;

export type SecretRef = { readonly provider: 'env'; readonly name: string } | { readonly provider: 'file'; readonly path: string; readonly key: string };

/** Parses a whole-value reference; undefined when the value is not one. */
export function parseSecretRef(value: string): SecretRef | undefined {
  const m = WHOLE_REF.exec(value.trim());
  if (!m) return undefined;
  if (m[1] === 'env') return /^[A-Za-z_][A-Za-z0-9_]*$/.test(m[2]) ? { provider: 'env', name: m[2] } : undefined;
  const i = m[2].lastIndexOf(':');
  if (i <= 0 || i === m[2].length - 1) return undefined;
  return { provider: 'file', path: m[2].slice(0, i), key: m[2].slice(i + 1) };
}

/** True when every part of `value` that could be a secret is a reference (the whole value is one). */
export function isSecretRef(value: string): boolean {
  return parseSecretRef(value) !== undefined;
}

/** The config providers a set of references needs, as Java client properties. */
export function configProviderProperties(refs: readonly string[]): Array<[string, string]> {
  const kinds = new Set<string>();
  for (const r of refs) {
    for (const m of r.matchAll(REF)) kinds.add(m[1]);
  }
  const names = [...kinds].sort();
  if (names.length === 0) return [];
  const out: Array<[string, string]> = [['config.providers', names.join(',')]];
  if (kinds.has('env')) out.push(['config.providers.env.class', 'org.apache.kafka.common.config.provider.EnvVarConfigProvider']);
  if (kinds.has('file')) out.push(['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider']);
  return out;
}

/**
 * Replaces every `${env:...}` / `${file:...:key}` in `value`, the way Kafka's providers do.
 * Throws naming the reference when the variable, file or key is missing; the resolved value is never in a message.
 */
export function resolveSecretRefs(value: string, env: NodeJS.ProcessEnv = process.env, where = 'config'): string {
  return value.replace(REF, (whole: string) => {
    const ref = parseSecretRef(whole);
    if (!ref) throw new AlikafkaMigrateError('input', `${where}: ${whole} is not a valid reference (use \${env:NAME} or \${file:/path:key})`);
    if (ref.provider === 'env') {
      const v = env[ref.name];
      if (v === undefined) throw new AlikafkaMigrateError('input', `${where}: environment variable ${ref.name} is not set (referenced as ${whole})`);
      return v;
    }
    let text: string;
    try {
      text = readUserFile(ref.path);
    } catch (e) {
      throw new AlikafkaMigrateError('input', `${where}: cannot read ${ref.path} (referenced as ${whole}): ${(e as Error).message}`);
    }
    const v = parseProperties(text).get(ref.key);
    if (v === undefined) throw new AlikafkaMigrateError('input', `${where}: ${ref.path} has no key ${ref.key} (referenced as ${whole})`);
    return v;
  });
}
