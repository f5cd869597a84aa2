/**
 * Plain-text columns for terminal output: every column but the last padded to its widest cell, two spaces
 * between columns, no trailing blanks. The first row sets the column count.
 */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}
