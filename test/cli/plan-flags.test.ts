import { runCli } from '../integration/rig';

async function flagsOf(command: string): Promise<Set<string>> {
  const r = await runCli([command, '--help']);
  expect(r.code).toBe(0);
  return new Set([...`${r.out}${r.err}`.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((m) => m[1]));
}

describe('plan flags', () => {
  // synth's own output flags; every other synth flag decides the plan
  const SYNTH_ONLY = new Set(['--out', '--stack', '--json', '--help']);

  test.each(['mirror', 'cutover', 'verify'])('%s accepts every plan flag of synth, so the same flags give the same plan', async (command) => {
    const synth = [...(await flagsOf('synth'))].filter((f) => !SYNTH_ONLY.has(f));
    expect(synth.length).toBeGreaterThan(30);
    const other = await flagsOf(command);
    expect(synth.filter((f) => !other.has(f))).toEqual([]);
  });
});
