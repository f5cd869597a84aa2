/**
 * No interpolation from data: one pass that makes every string of a stack's Terraform JSON literal.
 *
 * Terraform reads every string of `cdk.tf.json` (and every key of an object value, such as `tags`) as a template,
 * so a topic remark, an ACL host, a tag or a backend setting holding `${file("...")}` or `%{ for ... }` would be
 * evaluated. `LiteralStrings` is a cdktn aspect: for every Terraform element under the construct it is added to,
 * it rewrites the element's JSON fragment before cdktn resolves its tokens, escaping `${` and `%{` in the literal
 * text (`terraformLiteral`) and leaving cdktn's own token markers alone. The references cdktn renders for those
 * markers (`${alicloud_alikafka_instance.instance.id}`, `${var.sasl_password_x}`) are therefore the only
 * interpolations in the output. `KafkaMigration` and `MigrationStack` add it; a stack that embeds the constructs
 * with its own expressions in props can leave it out.
 *
 * cdktn's markers are themselves text (`${TfToken[TOKEN.12]}`, and numbers near -1.8e298 for number tokens), so
 * data holding one would be read as a reference to another object; `tokenLikeProblem` finds such data, and
 * `KafkaMigration` refuses a plan that holds it, naming the field.
 */
import { IAspect, TerraformElement, Tokenization } from 'cdktn';
import { IConstruct } from 'constructs';
import { terraformLiteral } from '../util/escape';

/** cdktn's string token marker (cdktn/lib/tokens/private/encoding.js, BEGIN_STRING_TOKEN_MARKER ... END_TOKEN_MARKER). */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** A string with its literal parts escaped and its token markers kept. */
function literalString(s: string): string {
  STRING_TOKEN.lastIndex = 0;
  if (!STRING_TOKEN.test(s)) return terraformLiteral(s);
  let out = '';
  let last = 0;
  STRING_TOKEN.lastIndex = 0;
  for (let m = STRING_TOKEN.exec(s); m !== null; m = STRING_TOKEN.exec(s)) {
    out += terraformLiteral(s.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + terraformLiteral(s.slice(last));
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * An element's unresolved JSON fragment with every literal string and object key escaped for Terraform. Tokens
 * (resolvable objects, token markers in strings, encoded numbers) are kept for cdktn to resolve.
 */
export function literalFragment(v: unknown): unknown {
  if (typeof v === 'string') return literalString(v);
  if (Array.isArray(v)) return v.map(literalFragment);
  if (v === null || typeof v !== 'object' || Tokenization.isResolvable(v) || !isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[literalString(k)] = literalFragment(x);
  return out;
}

const ESCAPED = Symbol.for('alikafka-migrate.literal-strings');

/** The aspect: every Terraform element below the node it is added to writes its strings literally. */
export class LiteralStrings implements IAspect {
  public visit(node: IConstruct): void {
    if (!TerraformElement.isTerraformElement(node)) return;
    const element = node as TerraformElement & { [ESCAPED]?: true };
    if (element[ESCAPED]) return;
    const original = element.toTerraform.bind(element);
    // cdktn offers no hook between an element's fragment and its resolution: wrap this element's toTerraform.
    element.toTerraform = (): unknown => literalFragment(original());
    element[ESCAPED] = true;
  }
}

// ------------------------------------------------------------------ data that cdktn would read as its own tokens

const MARKER = /[$#&]\{TfToken\[/;
/** cdktn's number-token pattern in strings (encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** True for a double carrying cdktn's number-token tag (top 16 bits 0xFDFF, or 0xFBFF for list tokens). */
function isTokenDouble(x: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}

/** What every string `tokenLikeProblem` reports on holds (a marker, or a digit-like character, `e`, another): a quick pre-check. */
const MAYBE_TOKEN = /[$#&]\{TfToken\[|[-|\d.+]e[-|\d.eE+]/;

/** Why cdktn would read `s` (data) as one of its own tokens, or undefined. */
export function tokenLikeProblem(s: string): string | undefined {
  if (!MAYBE_TOKEN.test(s)) return undefined;
  if (MARKER.test(s)) return 'contains "{TfToken[", the marker cdktn uses for references between resources';
  NUMBER_IN_STRING.lastIndex = 0;
  for (let m = NUMBER_IN_STRING.exec(s); m !== null; m = NUMBER_IN_STRING.exec(s)) {
    if (isTokenDouble(parseFloat(m[0]))) return `contains ${m[0]}, a number cdktn reads as one of its number tokens`;
  }
  return undefined;
}

/**
 * Every string in `data` (keys too) that cdktn would read as a token, with its path (`acls[2].host`). Paths are
 * spelled only for what is found: a plan of 10,000 topics has hundreds of thousands of strings.
 */
export function findTokenLike(data: unknown, path = ''): Array<{ readonly path: string; readonly problem: string }> {
  const out: Array<{ path: string; problem: string }> = [];
  // the path to the current value: a key or an array index per level
  const segments: Array<string | number> = [];
  const spell = (): string => {
    let p = path;
    for (const s of segments) p = typeof s === 'number' ? `${p}[${s}]` : p === '' ? s : `${p}.${s}`;
    return p;
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const problem = tokenLikeProblem(v);
      if (problem !== undefined) out.push({ path: spell(), problem });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        segments.push(i);
        walk(v[i]);
        segments.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        segments.push(k);
        const problem = tokenLikeProblem(k);
        if (problem !== undefined) out.push({ path: `${spell()} (the key)`, problem });
        walk(o[k]);
        segments.pop();
      }
    }
  };
  walk(data);
  return out;
}
