import { runCli } from '../helpers';

/** The flags of a command's help, each with whether it takes a value. */
async function flagsOf(command: string): Promise<Map<string, boolean>> {
  const r = await runCli([command, '--help']);
  expect(r.code).toBe(0);
  return new Map([...`${r.out}${r.err}`.matchAll(/^ {2}(--[a-z][a-z-]*)( <[^>]+>)?/gm)].map((m) => [m[1], m[2] !== undefined]));
}

describe('plan flags', () => {
  // synth's own output flags and the flags of every command (--max-input-mb); every other synth flag decides the plan
  const SYNTH_ONLY = new Set(['--metadata', '--out', '--stack', '--json', '--help', '--max-input-mb']);
  // run-time flags of a reader that share a name with a plan flag: client-config and lint-client pick an instance of --state;
  // cutover takes MirrorMaker's checkpoint interval from the plan unless MirrorMaker runs with another
  const OWN: Readonly<Record<string, readonly string[]>> = {
    'client-config': ['--instance-id'],
    'lint-client': ['--instance-id'],
    cutover: ['--checkpoint-interval'],
  };

  test.each(['cutover', 'verify', 'client-config', 'lint-client'])('%s refuses every plan flag of synth as a usage error naming synth', async (command) => {
    const synth = [...(await flagsOf('synth'))].filter(([f]) => !SYNTH_ONLY.has(f) && !(OWN[command] ?? []).includes(f));
    expect(synth.length).toBeGreaterThan(30);
    const accepted: string[] = [];
    for (const [flag, takesValue] of synth) {
      // a value that no flag would accept as valid keeps the refusal the only possible error
      const r = await runCli([
        command,
        ...(command === 'lint-client' ? ['c.properties'] : []),
        flag,
        ...(takesValue ? ['x'] : []),
        '--plan',
        'migration-plan.json',
      ]);
      if (r.code !== 2 || !r.err.includes(`${flag} is a plan flag`) || !r.err.includes('give it to synth')) accepted.push(`${flag}: ${r.code} ${r.err}`);
    }
    expect(accepted).toEqual([]);
  });
});
