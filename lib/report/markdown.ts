/** Markdown building blocks for reports: table cells, code spans and tables. */

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span (names, values), safe inside a table cell. */
export function code(text: string): string {
  if (text === '') return '';
  const escaped = cell(text);
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
