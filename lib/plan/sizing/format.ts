/** Number formatting and ordering shared by the sizing modules. */

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `1,234.5`: thousands separated, at most `digits` decimals (toLocaleString is too slow for the split's many trials). */
export function fmt(n: number, digits = 1): string {
  const r = round(n, digits);
  const [int, frac] = Math.abs(r).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = frac === undefined ? '' : frac.replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${grouped}${tail ? `.${tail}` : ''}`;
}

export function plural(n: number, word: string): string {
  return `${fmt(n, 0)} ${word}${n === 1 ? '' : 's'}`;
}
