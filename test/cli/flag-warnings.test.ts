import { captureIo, exampleSynthArgs, runCli, tmpDir } from '../helpers';

/** Runs synth on the bundled example and returns stdout and stderr interleaved in the order written. */
async function synth(extra: string[]): Promise<{ code: number; lines: string[] }> {
  const io = captureIo();
  const r = await runCli(exampleSynthArgs(tmpDir('notes'), extra), io);
  return { code: r.code, lines: io.lines() };
}

describe("synth tells on the terminal what the user's own flags caused, before the summary line", () => {
  test('a glob that matches nothing is named with its flag on stderr, before the summary', async () => {
    const r = await synth(['--include', 'orderz*', '--include', 'orders.*', '--exclude', 'nope']);
    expect(r.code).toBe(0);
    const summary = r.lines.findIndex((l) => /^out \d+ topics/.test(l));
    const notes = r.lines.filter((l) => l.startsWith('err '));
    expect(notes).toEqual([
      'err warning: --exclude "nope": matches no topic of the source (53 topics): check the pattern',
      'err warning: --include "orderz*": matches no topic of the source (53 topics): check the pattern',
    ]);
    expect(r.lines.indexOf(notes[1])).toBeLessThan(summary);
  });

  test('a flag that changes nothing (--all-users without a selection) is said to be ignored', async () => {
    const r = await synth(['--all-users']);
    expect(r.lines.filter((l) => l.startsWith('err '))).toEqual([
      'err warning: --all-users: has no effect without include or exclude patterns: every SASL user is planned anyway',
    ]);
  });

  test('settings a flag drops or overrides: --retention-hours shortens topics, --single-partition grow grows them', async () => {
    const r = await synth(['--include', 'orders.cancelled.v1', '--include', 'ledger-sequencer', '--retention-hours', '24', '--single-partition', 'grow']);
    expect(r.lines.filter((l) => l.startsWith('err '))).toEqual([
      expect.stringMatching(/^err warning: --retention-hours: topic ledger-sequencer: retention shortens: the source keeps messages 720 h, .* 24 h/),
      expect.stringMatching(/^err warning: --retention-hours: topic orders\.cancelled\.v1: retention shortens: the source keeps messages 168 h, .* 24 h/),
      'err warning: --single-partition: topic ledger-sequencer: grown from 1 to 2 partitions: consumers relying on total order across the topic must be checked',
    ]);
  });

  test('warnings the flags did not cause stay in the report only (the bundled example with no selection prints none)', async () => {
    const r = await synth([]);
    expect(r.code).toBe(0);
    expect(r.lines.filter((l) => l.startsWith('err '))).toEqual([]);
    expect(r.lines.join('\n')).toMatch(/\d+ warnings/);
  });
});
