import { createHash } from 'crypto';

/** The first `length` hex digits of the SHA-256 of `text`. */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/**
 * Terraform resource name for an object, derived from its own name only, so adding or removing one object never
 * changes another's address. Terraform names allow `[A-Za-z0-9_-]`; names that need changing get a short hash of
 * the original to stay unique.
 */
export function terraformName(prefix: string, name: string): string {
  const clean = Array.from(name)
    .map((c) => (/[A-Za-z0-9_-]/.test(c) ? c : '_'))
    .join('');
  return `${prefix}_${clean}${clean !== name ? `_${shortHash(name, 6)}` : ''}`;
}
