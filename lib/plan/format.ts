/** Human-readable renderings of the rule module's numbers, for reasons and warnings. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS_MS: ReadonlyArray<readonly [number, string]> = [
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
  [SECOND, 'second'],
];

/** `31536000000` → `365 days`, `3600000` → `1 hour`; milliseconds that are no whole unit stay as `N ms`. */
export function formatDuration(ms: number): string {
  for (const [size, unit] of UNITS_MS) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/** `10485760` → `10 MiB`, `1048576` → `1 MiB`; other sizes stay as bytes. */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && bytes % mib === 0) return `${bytes / mib} MiB`;
  return `${bytes} bytes`;
}
