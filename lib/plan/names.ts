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

/** A compiled `--include`/`--exclude` glob. */
export interface Glob {
  readonly glob: string;
  /** True when the whole name matches. */
  test(name: string): boolean;
}

const compiledGlobs = new Map<string, Glob>();

/**
 * Compiles a glob with `*` (any run, also empty) and `?` (one character) into a matcher whose work is bounded by
 * name length × glob length: the parts between stars are matched left to right at their first place, with no
 * backtracking (a RegExp of `*a*a*a*a*b` takes exponential time on a long run of `a`).
 */
export function compileGlob(glob: string): Glob {
  const cached = compiledGlobs.get(glob);
  if (cached) return cached;
  const parts = glob.split('*').map((p) => Array.from(p));
  const hasStar = parts.length > 1;
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const at = (s: readonly string[], i: number, part: readonly string[]): boolean => {
    for (let k = 0; k < part.length; k++) if (part[k] !== '?' && part[k] !== s[i + k]) return false;
    return true;
  };
  const test = (name: string): boolean => {
    const s = Array.from(name);
    if (!hasStar) return s.length === first.length && at(s, 0, first);
    if (s.length < first.length + last.length || !at(s, 0, first) || !at(s, s.length - last.length, last)) return false;
    let pos = first.length;
    const end = s.length - last.length;
    for (const part of middle) {
      let found = -1;
      for (let i = pos; i + part.length <= end; i++) {
        if (at(s, i, part)) {
          found = i;
          break;
        }
      }
      if (found < 0) return false;
      pos = found + part.length;
    }
    return true;
  };
  const compiled: Glob = { glob, test };
  if (compiledGlobs.size < 10_000) compiledGlobs.set(glob, compiled);
  return compiled;
}
