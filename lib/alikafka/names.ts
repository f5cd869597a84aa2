/**
 * AliKafka's name rules for topics, consumer groups, SASL users, remarks and instances.
 *
 * @see sdk-createtopic: topic and group names of reserved instances are 3-64 characters of letters, digits,
 *   `_`, `-` and `.`; older API versions reject `.` (hence the no-dots variant); remarks are required, 3-64
 *   characters of letters, digits, `_` and `-`; SASL user names 1-64 of letters, digits, `_` and `-`
 * @see provider-1.289.0: instance `name` is `StringLenBetween(3, 64)`
 */
export interface NameRule {
  /** What the name names, for messages (`topic name`). */
  readonly what: string;
  /** The allowed characters as a regular-expression class body (`A-Za-z0-9_.-`); undefined: any character. */
  readonly chars?: string;
  readonly min: number;
  readonly max: number;
}

export const TOPIC_NAME: NameRule = { what: 'topic name', chars: 'A-Za-z0-9_.-', min: 3, max: 64 };
export const GROUP_NAME: NameRule = { what: 'group id', chars: 'A-Za-z0-9_.-', min: 3, max: 64 };
export const USER_NAME: NameRule = { what: 'SASL user name', chars: 'A-Za-z0-9_-', min: 1, max: 64 };
export const REMARK: NameRule = { what: 'remark', chars: 'A-Za-z0-9_-', min: 3, max: 64 };
export const INSTANCE_NAME: NameRule = { what: 'instance name', min: 3, max: 64 };
/** Instance IDs as AliKafka issues them (`alikafka_post-cn-xxxx`); no length limit is documented, 64 is assumed. */
export const INSTANCE_ID: NameRule = { what: 'instance ID', chars: 'A-Za-z0-9_-', min: 1, max: 64 };

/** The same rule without `.` (older instances and API versions reject dots in topic and group names). */
export function withoutDots(rule: NameRule): NameRule {
  return rule.chars === undefined ? rule : { ...rule, chars: rule.chars.replace('.', '') };
}

const classCache = new Map<string, RegExp>();
function charClass(chars: string): RegExp {
  let re = classCache.get(chars);
  if (!re) {
    re = new RegExp(`^[${chars}]$`);
    classCache.set(chars, re);
  }
  return re;
}

/** True when one character (a Unicode code point) is allowed by the rule. */
export function isAllowedChar(rule: NameRule, ch: string): boolean {
  return rule.chars === undefined || charClass(rule.chars).test(ch);
}

/** `3-64 characters of [A-Za-z0-9_.-]`. */
export function describeNameRule(rule: NameRule): string {
  return `${rule.min}-${rule.max} characters${rule.chars === undefined ? '' : ` of [${rule.chars}]`}`;
}

/** Why a name breaks the rule (`contains "/" and is shorter than 3 characters`), or undefined when it is valid. */
export function nameProblem(rule: NameRule, name: string): string | undefined {
  const chars = Array.from(name);
  const bad = [...new Set(chars.filter((c) => !isAllowedChar(rule, c)))];
  const problems: string[] = [];
  if (bad.length > 0) problems.push(`contains ${bad.map((c) => JSON.stringify(c)).join(', ')}`);
  if (chars.length < rule.min) problems.push(`is shorter than ${rule.min} characters`);
  if (chars.length > rule.max) problems.push(`is longer than ${rule.max} characters (${chars.length})`);
  return problems.length ? problems.join(' and ') : undefined;
}

export function isValidName(rule: NameRule, name: string): boolean {
  if (rule.chars === undefined) return nameProblem(rule, name) === undefined;
  // the same answer without splitting the name into code points (a surrogate half matches no allowed class, and
  // a name of allowed characters has as many code points as UTF-16 units): synth checks tens of thousands
  let all = wholeClassCache.get(rule.chars);
  if (!all) {
    all = new RegExp(`^[${rule.chars}]*$`);
    wholeClassCache.set(rule.chars, all);
  }
  return all.test(name) && name.length >= rule.min && name.length <= rule.max;
}
const wholeClassCache = new Map<string, RegExp>();
