/** IPv4 CIDR arithmetic for the plan's network checks. */
export interface Cidr {
  readonly text: string;
  /** First address, as an unsigned 32-bit number. */
  readonly start: number;
  /** Last address. */
  readonly end: number;
  readonly mask: number;
}

/** Parses `a.b.c.d/n` (or a bare address, as /32); undefined when it is not an IPv4 CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const mask = m[5] === undefined ? 32 : Number(m[5]);
  if (mask > 32) return undefined;
  const addr = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - mask);
  const start = Math.floor(addr / size) * size;
  return { text: text.trim(), start, end: start + size - 1, mask };
}

/** True when the address part has no bits set below the mask (`10.0.0.0/8`, not `10.1.0.0/8`). */
export function isNetworkAddress(text: string): boolean {
  const c = parseCidr(text);
  if (!c) return false;
  const addr = text
    .trim()
    .split('/')[0]
    .split('.')
    .map(Number)
    .reduce((a, o) => a * 256 + o, 0);
  return addr === c.start;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c) as Cidr);

/** True when the CIDR lies inside the private (RFC 1918) ranges: VPC addresses, not Internet ones. */
export function isPrivateCidr(c: Cidr): boolean {
  return PRIVATE.some((p) => cidrContains(p, c));
}
