/**
 * Escaping of data (names from the source cluster, rename maps, flags) for every place the tool writes it where
 * another program would otherwise read it as code or as structure:
 *
 * - Terraform templates: every string in `cdk.tf.json` is a template, `${...}` and `%{...}` are evaluated
 *   (`terraformLiteral`, applied to a whole stack by `lib/constructs/literal.ts`);
 * - Java `.properties` files (`propertiesKey`, `propertiesValue`, `propertiesComment`), as
 *   `java.util.Properties.store` escapes them, so that a value never starts a new line;
 * - librdkafka property files, which have no escapes at all (`librdkafkaValueProblem`);
 * - text shown to a person: Markdown and terminals (`displayText`), HTML (`htmlText`).
 *
 * Pure string functions, no I/O.
 */

/**
 * The text of `s` as a Terraform template reads it literally: `${` becomes `$${` and `%{` becomes `%%{`
 * (Terraform's two template escapes; nothing else in a JSON string is special to Terraform).
 */
export function terraformLiteral(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * True when Terraform would evaluate something in `s`: a `${` or `%{` whose `$`/`%` is not preceded by another
 * (Terraform's scanner reads a run of `$` before `{` as literal dollars and one escaped `$${`).
 */
export function hasTerraformTemplate(s: string): boolean {
  return /(?<!\$)\$\{|(?<!%)%\{/.test(s);
}

// ------------------------------------------------------------------ Java properties

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/**
 * Escapes like `java.util.Properties.store` (saveConvert with escapeUnicode): `\` doubled, tab, line feed,
 * carriage return and form feed as `\t \n \r \f`, everything outside printable ASCII (controls, U+2028,
 * U+2029, all non-ASCII) as `\uXXXX`, so the file is pure ASCII and loads the same as ISO-8859-1 (how Kafka's
 * tools read it) and as UTF-8. A key also escapes every space and `= : # !` (a key ends at the first unescaped
 * `=`, `:` or space, and a line starting with `#` or `!` is a comment); a value only its leading space, since
 * nothing after the separator ends it but a line break.
 */
function saveConvert(s: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === ' ') out += i === 0 || isKey ? '\\ ' : ' ';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (isKey && (ch === '=' || ch === ':' || ch === '#' || ch === '!')) out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += hex4(c);
    else out += ch;
  }
  return out;
}

/** A key for a Java `.properties` line. */
export function propertiesKey(key: string): string {
  return saveConvert(key, true);
}

/** A value for a Java `.properties` line: after `=`, it is read back exactly, whatever it holds. */
export function propertiesValue(value: string): string {
  return saveConvert(value, false);
}

/** One `key=value` line of a Java `.properties` file. */
export function propertiesLine(key: string, value: string, separator = '='): string {
  return `${propertiesKey(key)}${separator}${propertiesValue(value)}`;
}

/**
 * Text for one comment line (`# text`) of a properties-like file, Java's or librdkafka's: every line break
 * (`\r`, `\n`, form feed, U+0085, U+2028, U+2029) and every other control or bidirectional-override character is
 * written as a visible `\uXXXX` (`\n`, `\r` for the usual ones), so the comment stays one line and no
 * following text becomes a setting. The caller writes the `# `.
 */
export function propertiesComment(text: string): string {
  return displayText(text);
}

/**
 * Why a value cannot be written into a librdkafka property file (those readers, kcat -F among them, split lines
 * at line breaks, trim whitespace and know no escapes), or undefined when it can.
 */
export function librdkafkaValueProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return `contains a line break or control character (${displayText(value)})`;
  if (value !== value.trim()) return 'starts or ends with whitespace, which librdkafka property readers trim';
  return undefined;
}

// ------------------------------------------------------------------ display

/** Characters that change how the text around them is displayed: C0/C1 controls, DEL, bidirectional controls, separators. */
const UNSAFE_DISPLAY_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]';
const UNSAFE_DISPLAY = new RegExp(UNSAFE_DISPLAY_CLASS);
const UNSAFE_DISPLAY_ALL = new RegExp(UNSAFE_DISPLAY_CLASS, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\f': '\\f', '\0': '\\0' };

/**
 * Text safe to show on a terminal or in Markdown: control characters (NUL, escape sequences, line breaks),
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C), U+FEFF and the
 * line/paragraph separators are written as visible escapes (`\n`, `\u202e`). When something is escaped, every
 * backslash of the original is doubled too, so the escaped form is unambiguous; text with nothing to escape is
 * returned unchanged, other non-ASCII text included.
 */
export function displayText(s: string): string {
  if (!UNSAFE_DISPLAY.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(UNSAFE_DISPLAY_ALL, (ch) => NAMED[ch] ?? hex4(ch.charCodeAt(0)));
}

/** The unsafe characters other than line feed and tab, which a program's own messages use for their layout. */
const UNSAFE_TERMINAL_ALL = new RegExp(UNSAFE_DISPLAY_CLASS.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'), 'g');

/**
 * Text for a terminal: like `displayText`, but the line feeds and tabs that lay out the tool's own messages are
 * kept, and backslashes are not doubled. A carriage return, an escape sequence, NUL or a bidirectional override in
 * a name can no longer rewrite or reorder what is shown. Idempotent.
 */
export function terminalText(s: string): string {
  UNSAFE_TERMINAL_ALL.lastIndex = 0;
  if (!UNSAFE_TERMINAL_ALL.test(s)) return s;
  UNSAFE_TERMINAL_ALL.lastIndex = 0;
  return s.replace(UNSAFE_TERMINAL_ALL, (ch) => NAMED[ch] ?? hex4(ch.charCodeAt(0)));
}

/** True when `displayText` would change `s`. */
export function hasUnsafeDisplay(s: string): boolean {
  return UNSAFE_DISPLAY.test(s);
}

/** Text for HTML element content and Markdown text: `displayText`, then `& < >` as entities, so no tag or entity opens. */
export function htmlText(s: string): string {
  return displayText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
