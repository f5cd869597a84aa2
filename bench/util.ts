/** Helpers shared by the benches. */

/** The value of a rig environment variable, or an error saying to start the rig. */
export function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: start the rig first (eval "$(npm run -s rig:start)")`);
  return v;
}

/** The median of a non-empty list (the upper middle one for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
