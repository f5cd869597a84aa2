import { createHash } from 'crypto';

/** AliKafka topic and group names: 3–64 characters of `[A-Za-z0-9_.-]` (`.` rejected by older instances). */
export const NAME_MIN = 3;
export const NAME_MAX = 64;

export function nameCharClass(noDots: boolean): RegExp {
  return noDots ? /[A-Za-z0-9_-]/ : /[A-Za-z0-9_.-]/;
}

export function isValidName(name: string, noDots: boolean): boolean {
  return (noDots ? /^[A-Za-z0-9_-]{3,64}$/ : /^[A-Za-z0-9_.-]{3,64}$/).test(name);
}

/** SASL user names: 1–64 characters of `[A-Za-z0-9_-]` (provider doc). */
export function isValidUsername(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(name);
}

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/**
 * The documented, deterministic rename rule for names AliKafka rejects:
 * 1. every character outside the allowed set (each Unicode code point, and `.` under `--no-dots`) becomes `_`;
 * 2. a name shorter than the minimum is padded with `_` at the end;
 * 3. a name longer than 64 is cut to 55 characters and suffixed with `_` and the first 8 hex digits of the
 *    SHA-256 of the original name, so long names that share a prefix stay distinct.
 */
export function sanitizeName(name: string, opts: { readonly noDots?: boolean; readonly min?: number; readonly max?: number } = {}): string {
  const allowed = nameCharClass(Boolean(opts.noDots));
  const min = opts.min ?? NAME_MIN;
  const max = opts.max ?? NAME_MAX;
  let out = Array.from(name).map((ch) => (allowed.test(ch) ? ch : '_')).join('');
  if (out.length > max) out = `${out.slice(0, max - 9)}_${shortHash(name)}`;
  while (out.length < min) out += '_';
  return out;
}

/** Why a name breaks the rules, for the report. */
export function nameProblem(name: string, noDots: boolean, min = NAME_MIN, max = NAME_MAX): string | undefined {
  const chars = Array.from(name);
  const allowed = nameCharClass(noDots);
  const bad = [...new Set(chars.filter((c) => !allowed.test(c)))];
  const problems: string[] = [];
  if (bad.length > 0) {
    problems.push(`contains ${bad.map((c) => JSON.stringify(c)).join(', ')}${noDots && bad.includes('.') ? ' (dots are forbidden by --no-dots)' : ''}`);
  }
  if (chars.length < min) problems.push(`is shorter than ${min} characters`);
  if (chars.length > max) problems.push(`is longer than ${max} characters (${chars.length})`);
  return problems.length ? problems.join(' and ') : undefined;
}

/**
 * AliKafka remarks: required, 3–64 characters of `[A-Za-z0-9_-]`. Derived from the source name only,
 * so a group's remark (ForceNew in the provider) never changes when other objects change.
 */
export function remarkFor(kind: 'topic' | 'group', sourceName: string): string {
  const base = `${kind === 'topic' ? 'topic' : 'group'}_from_${sourceName}`;
  return sanitizeName(base, { noDots: true });
}

/**
 * Terraform resource name for an object, derived from its target name only, so adding or removing
 * one object never changes another's address. Terraform names allow `[A-Za-z0-9_-]` and must not start
 * with a digit or `-`; names that need changing get a short hash of the original to stay unique.
 */
export function terraformName(prefix: string, name: string): string {
  const clean = Array.from(name).map((c) => (/[A-Za-z0-9_-]/.test(c) ? c : '_')).join('');
  const changed = clean !== name;
  return `${prefix}_${clean}${changed ? `_${shortHash(name, 6)}` : ''}`;
}

/** Compiles a glob with `*` (any run) and `?` (one character) into an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
