/** `HOST:PORT` server lists (bootstrap servers), parsed once for every command: ports must be in 1-65535. */

export const PORT_RANGE = { min: 1, max: 65535 } as const;

/**
 * The problem with one `HOST:PORT` entry (`[IPv6]:PORT` too), or undefined when it is fine. The port must be a
 * whole number in 1-65535.
 */
export function serverProblem(server: string): string | undefined {
  const m = /^([^\s:/@,[\]]+|\[[0-9a-fA-F:.]+\]):(\d+)$/.exec(server);
  if (!m) return `bad server ${JSON.stringify(server)} (expected HOST:PORT)`;
  const port = Number(m[2]);
  if (m[2].length > 5 || port < PORT_RANGE.min || port > PORT_RANGE.max) {
    return `bad server ${JSON.stringify(server)}: port ${m[2]} is outside ${PORT_RANGE.min}-${PORT_RANGE.max}`;
  }
  return undefined;
}

/** Splits a comma-separated list into trimmed, non-empty entries. */
export function splitServerList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
