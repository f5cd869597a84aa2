/**
 * Markdown building blocks for reports: table cells, code spans and tables. Names and values from the source are
 * data: control characters and bidirectional overrides are shown escaped (`displayText`), and plain text cannot
 * open an HTML tag or entity.
 */
import { displayText, htmlText } from '../util/escape';

/** Backslashes and pipes escaped for a table cell. */
function tableSafe(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** Escapes text for a Markdown table cell (or any plain Markdown text): one line, no HTML, controls visible. */
export function cell(text: string): string {
  return tableSafe(htmlText(text));
}

/** A code span (names, values), safe inside a table cell; HTML is not read inside code spans. */
export function code(text: string): string {
  if (text === '') return '';
  const escaped = tableSafe(displayText(text));
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** A percentage of `part` in `whole`, rounded; a zero whole counts as 1 so the result stays finite. */
export function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))}%`;
}
