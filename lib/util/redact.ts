/**
 * Credential-looking configuration values: recognized by key (`ssl.keystore.password`, `sasl.jaas.config`) and by
 * the shape of the value itself (a JAAS line, a PEM private key, a URL with a password, an access key ID, a JWT,
 * a long random-looking token), whatever key carries them. Such a value is never copied, printed or reported:
 * only the key is, with `REDACTED` in place of the value. Pure functions.
 */

/** What is shown instead of a credential-looking value. */
export const REDACTED = '(redacted)';

/** Keys whose values may be secrets. */
const SENSITIVE_KEY = /password|passwd|secret|jaas|token|credential|private|api[._-]?key|access[._-]?key|\.key$/i;

/** Value shapes that are secrets whatever the key says. */
const SECRET_VALUE_SHAPES: readonly RegExp[] = [
  /\bpassword\s*[=:]/i, // JAAS lines, key=value lists
  /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE REQUEST)-----/, // PEM keys
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // scheme://user:password@host
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key IDs
  /\bLTAI[0-9A-Za-z]{12,30}\b/, // Alibaba Cloud AccessKey IDs
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, // JWTs
  /\b(ghp|gho|ghs|github_pat|glpat|xox[abpr])[-_][A-Za-z0-9_-]{10,}/, // well-known token prefixes
];

/** A long token mixing upper case, lower case and digits, with no spaces: how generated secrets look. */
function looksRandom(value: string): boolean {
  return value.length >= 24 && /^[A-Za-z0-9+/=_-]+$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value);
}

/** True when the key names a secret. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** True when the value has the shape of a credential, whatever its key. */
export function looksLikeCredential(value: string): boolean {
  return SECRET_VALUE_SHAPES.some((re) => re.test(value)) || looksRandom(value);
}

/** Why a key/value pair must not be shown (by key, or by the value's shape), or undefined when it may be. */
export function credentialReason(key: string, value: string | undefined): string | undefined {
  if (isSensitiveKey(key)) return 'its key names a credential';
  if (value !== undefined && looksLikeCredential(value)) return 'its value looks like a credential';
  return undefined;
}

/** The value, or `REDACTED` when the pair looks like a credential. */
export function shownValue(key: string, value: string | undefined): string | undefined {
  return value !== undefined && credentialReason(key, value) !== undefined ? REDACTED : value;
}
