import { GROUP_NAME, isAllowedChar, NameRule, nameProblem as ruleProblem, REMARK, TOPIC_NAME, USER_NAME, withoutDots } from '../alikafka';
import { shortHash } from '../util/terraform-name';

export type NamedKind = 'topic' | 'group' | 'user';

/** The AliKafka name rule for a kind of object; `noDots` removes `.` from topic and group names. */
export function nameRule(kind: NamedKind, noDots: boolean): NameRule {
  if (kind === 'user') return USER_NAME;
  const rule = kind === 'topic' ? TOPIC_NAME : GROUP_NAME;
  return noDots ? withoutDots(rule) : rule;
}

export { shortHash, terraformName } from '../util/terraform-name';

/**
 * The documented, deterministic rename rule for names AliKafka rejects:
 * 1. every character outside the allowed set (each Unicode code point) becomes `_`;
 * 2. a name shorter than the minimum is padded with `_` at the end;
 * 3. a name longer than the maximum is cut to (maximum - 9) characters and suffixed with `_` and the first 8 hex
 *    digits of the SHA-256 of the original name, so long names that share a prefix stay distinct.
 */
export function sanitizeName(name: string, rule: NameRule): string {
  let out = Array.from(name)
    .map((ch) => (isAllowedChar(rule, ch) ? ch : '_'))
    .join('');
  if (out.length > rule.max) out = `${out.slice(0, rule.max - 9)}_${shortHash(name)}`;
  while (out.length < rule.min) out += '_';
  return out;
}

/** Why a name breaks the rule, for the report; says when dots are the problem because of `noDots`. */
export function nameProblem(name: string, rule: NameRule, noDots = false): string | undefined {
  const problem = ruleProblem(rule, name);
  if (problem === undefined) return undefined;
  return noDots && name.includes('.') && !isAllowedChar(rule, '.')
    ? problem.replace(/^(contains [^]*?)( and is|$)/, '$1 (dots are forbidden by the no-dots option)$2')
    : problem;
}

/**
 * AliKafka remarks (required): derived from the source name only, so a group's remark (which replaces the group
 * when it changes) never changes when other objects change.
 */
export function remarkFor(kind: 'topic' | 'group', sourceName: string): string {
  return sanitizeName(`${kind}_from_${sourceName}`, REMARK);
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
