import { createProgress, progressLine } from '../../lib/cli/progress';
import { formatBytes, formatDuration, formatProgress, ProgressLine } from '../../lib/util/progress';

describe('formatProgress', () => {
  test('done of total with the percentage, the rate, the bytes read per second and the time left', () => {
    expect(formatProgress({ label: 'verify', unit: 'records', done: 1200, total: 4000, elapsedMs: 4000, bytes: 48 * 1024 * 1024 })).toBe(
      'verify: 1,200 of 4,000 records (30%), 300 records/s, 12.0 MiB/s, 9 s left',
    );
  });

  test('bytes print in binary units, and nothing is estimated in the first second or before anything is done', () => {
    expect(formatProgress({ label: 'x', unit: 'bytes', done: 3 * 1024 * 1024 * 1024, total: 12 * 1024 * 1024 * 1024, elapsedMs: 30_000 })).toBe(
      'x: 3.0 GiB of 12.0 GiB (25%), 102 MiB/s, 1 min 30 s left',
    );
    expect(formatProgress({ label: 'x', unit: 'records', done: 5, total: 10, elapsedMs: 500 })).toBe('x: 5 of 10 records (50%)');
    expect(formatProgress({ label: 'x', unit: 'records', done: 0, total: 10, elapsedMs: 5000 })).toBe('x: 0 of 10 records (0%)');
  });

  test('an unknown total gives no percentage and no time left; a known time left replaces the estimate', () => {
    expect(formatProgress({ label: 'x', unit: 'items', done: 50, elapsedMs: 10_000 })).toBe('x: 50, 5.0/s');
    expect(formatProgress({ label: 'cutover', unit: 'samples', done: 2, total: 6, elapsedMs: 2000, leftMs: 8000 })).toBe(
      'cutover: 2 of 6 samples (33%), 8 s left',
    );
  });

  test('durations and sizes', () => {
    expect([formatDuration(0.4), formatDuration(59), formatDuration(61), formatDuration(7322)]).toEqual(['0 s', '59 s', '1 min 01 s', '2 h 02 min']);
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(150 * 1024 * 1024)]).toEqual(['0 B', '1023 B', '1.5 KiB', '150 MiB']);
  });
});

describe('ProgressLine', () => {
  const clock = (): { now: () => number; at: (t: number) => void } => {
    let t = 0;
    return { now: () => t, at: (x) => (t = x) };
  };

  test('off a terminal: a plain line at most every interval, and the last state at the end (once)', () => {
    const c = clock();
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s), isTty: false }, 'verify', 'records', 100, { lineEveryMs: 10_000, now: c.now });
    c.at(5000);
    p.add(10);
    expect(out).toEqual([]);
    c.at(10_000);
    p.add(10);
    c.at(12_000);
    p.add(10);
    c.at(20_000);
    p.add(70);
    p.done();
    p.done();
    const q = new ProgressLine({ write: (s) => out.push(s), isTty: false }, 'v', 'records', 10, { lineEveryMs: 0, now: c.now });
    q.add(5);
    c.at(30_000);
    q.done();
    expect(out).toEqual([
      'verify: 20 of 100 records (20%), 2.0 records/s, 40 s left\n',
      'verify: 100 of 100 records (100%), 5.0 records/s\n',
      'v: 5 of 10 records (50%)\n',
      'v: 5 of 10 records (50%), 0.5 records/s, 10 s left\n',
    ]);
  });

  test('on a terminal: one line redrawn in place (carriage return, clear to the end), ended by a line feed', () => {
    const c = clock();
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s), isTty: true }, 'v', 'records', 10, { now: c.now });
    c.at(1000);
    p.add(5);
    c.at(1100);
    p.add(1);
    c.at(2000);
    p.add(4);
    p.done();
    expect(out).toEqual([
      '\rv: 5 of 10 records (50%), 5.0 records/s, 1 s left\x1b[K',
      '\rv: 10 of 10 records (100%), 5.0 records/s\x1b[K',
      '\rv: 10 of 10 records (100%), 5.0 records/s\x1b[K\n',
    ]);
  });

  test('work that ends before the first line is due writes nothing', () => {
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s), isTty: false }, 'v', 'records', 10);
    p.add(10);
    p.done();
    expect(out).toEqual([]);
  });
});

describe('the CLI progress', () => {
  test("a line's own control sequences go to the raw stderr writer, its text escaped; off a terminal no control character at all", () => {
    const raw: string[] = [];
    const err: string[] = [];
    const tty = progressLine({ out: () => undefined, err: (t) => err.push(t), errRaw: (t) => raw.push(t), isTty: true }, 'x\u001b]0;evil\u0007', 'records', 2, {
      refreshMs: 0,
    });
    tty.add(1);
    tty.done();
    expect(err).toEqual([]);
    expect(raw[0].startsWith('\rx\\u001b]0;evil\\u0007: 1 of 2 records')).toBe(true);
    expect(raw[0].endsWith('\x1b[K')).toBe(true);
    expect(raw[1].endsWith('\x1b[K\n')).toBe(true);

    const plain: string[] = [];
    const p = progressLine(
      { out: () => undefined, err: (t) => plain.push(t), errRaw: (t) => plain.push(t), isTty: false, progressEveryMs: 0 },
      'x',
      'records',
      2,
    );
    p.add(1);
    p.add(1);
    p.done();
    expect(plain).toEqual(['x: 1 of 2 records (50%)\n', 'x: 2 of 2 records (100%)\n']);
  });

  test("export's phases: a plain line per phase, progress lines with the io's interval, warnings on their own line", () => {
    const err: string[] = [];
    const p = createProgress({ out: () => undefined, err: (t) => err.push(t), isTty: false, progressEveryMs: 0 });
    p.phase('topic configs', 2);
    p.tick();
    p.warn('topic a: something');
    p.tick();
    p.phase('consumer groups');
    p.done();
    expect(err).toEqual([
      'export: topic configs (2)\n',
      'export: topic configs: 1 of 2 (50%)\n',
      'warning: topic a: something\n',
      'export: topic configs: 2 of 2 (100%)\n',
      'export: consumer groups\n',
    ]);
  });
});
