import fc from 'fast-check';
import { renderVerify, finishCompare } from '../../lib/verify/compare';
import { sampleRanges } from '../../lib/verify/sample-every';
import { runCli } from '../helpers';

const r = (start: number, end: number): { start: string; end: string } => ({ start: String(start), end: String(end) });
const plain = (xs: ReadonlyArray<{ from: bigint; to: bigint }>): Array<[number, number]> => xs.map((x) => [Number(x.from), Number(x.to)]);

describe('sampleRanges: every Rth block counted back from the end, and the first record', () => {
  test('2,500 records, R = 2: blocks 0 and 2 from the end; the first record is in block 2', () => {
    const x = sampleRanges(r(0, 2500), r(100, 2600), 2, 1000);
    expect(plain(x.source)).toEqual([
      [0, 500],
      [1500, 2500],
    ]);
    // the same records of the target, whose offsets are 100 higher
    expect(plain(x.target)).toEqual([
      [100, 600],
      [1600, 2600],
    ]);
    expect(x.compared).toBe(2500n);
  });

  test('R = 3: block 0 and, apart, the first record', () => {
    expect(plain(sampleRanges(r(0, 2500), r(0, 2500), 3, 1000).source)).toEqual([
      [0, 1],
      [1500, 2500],
    ]);
  });

  test('counts that differ: the compared range is the shorter side’s, from each end', () => {
    const x = sampleRanges(r(0, 3000), r(0, 2500), 3, 1000);
    expect(plain(x.source)).toEqual([
      [500, 501],
      [2000, 3000],
    ]);
    expect(plain(x.target)).toEqual([
      [0, 1],
      [1500, 2500],
    ]);
  });

  test('an empty side reads nothing', () => {
    expect(sampleRanges(r(0, 0), r(0, 10), 2)).toEqual({ source: [], target: [], compared: 0n });
  });

  test('property: sorted, disjoint, within the compared range, its first and last record read, both sides alike, R = 1 reads it all', () => {
    const arb = fc.tuple(fc.nat(20_000), fc.nat(20_000), fc.nat(5_000), fc.nat(5_000), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 50, max: 3000 }));
    fc.assert(
      fc.property(arb, ([sn, tn, s0, t0, every, block]) => {
        const x = sampleRanges(r(s0, s0 + sn), r(t0, t0 + tn), every, block);
        const k = Math.min(sn, tn);
        // plain checks, one expect each (the property runs many ranges)
        const wrong = (rs: Array<[number, number]>, start: number, end: number): boolean =>
          rs.some(([a, b2], i) => a < start || b2 > end || b2 <= a || (i > 0 && a < rs[i - 1][1])) ||
          (k > 0 && (rs[0][0] !== start || rs[rs.length - 1][1] !== end));
        expect(wrong(plain(x.source), s0 + sn - k, s0 + sn)).toBe(false);
        expect(wrong(plain(x.target), t0 + tn - k, t0 + tn)).toBe(false);
        const rel = (rs: Array<[number, number]>, end: number): string => rs.map(([a, b2]) => `${a - end}:${b2 - end}`).join(',');
        expect(rel(plain(x.source), s0 + sn)).toBe(rel(plain(x.target), t0 + tn));
        if (every === 1) expect(x.source.reduce((a, o) => a + Number(o.to - o.from), 0)).toBe(k);
      }),
      { numRuns: 100 },
    );
  });
});

describe('--sample-every', () => {
  test('the result names what the pre-check read', () => {
    const res = finishCompare(
      { topics: [], groups: [], sampleEvery: { every: 10, block: 1000 }, notRead: ['a sampled pre-check (...): 9 of 10 ...'] },
      new Map(),
    );
    expect(res.mode).toBe('sample-every');
    expect(renderVerify(res)).toMatch(/^verify: NOT COMPLETE: .*\(1 block in 10 of 1000 records, and the first and last record, per partition\)/);
  });

  test.each([
    [['--sample-every', '0'], 'at least 1'],
    [['--sample-every', 'x'], 'whole number'],
    [['--sample-every', '2', '--sample', '5'], 'does not go with --sample'],
    [['--sample-every', '2', '--shard', '1/2', '--snapshot', 's', '--result', 'o'], 'does not go with --shard, --snapshot, --result'],
  ])('%j is a usage error', async (args, msg) => {
    const res = await runCli(['verify', '--plan', 'p.json', '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:2', ...args]);
    expect(res.code).toBe(2);
    expect(res.err).toContain(msg);
  });
});
