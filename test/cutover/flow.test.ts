import { decideDrain, decideProducers, OffsetsSample, ProducerState, renderDrain, renderProducers } from '../../lib/cutover/flow';
import type { GroupState, Sample } from '../../lib/cutover/verdict';

/** One partition per topic: [start, end]. */
const offs = (m: Record<string, [number, number]>) =>
  new Map(Object.entries(m).map(([t, [s, e]]) => [t, new Map([[0, { start: BigInt(s), end: BigInt(e) }]])]));

describe('decideProducers: who writes each planned topic over the window', () => {
  const window = (src: [[number, number], [number, number]] | undefined, tgt: [[number, number], [number, number]] | undefined): OffsetsSample[] =>
    [0, 1].map((i) => ({
      at: i * 10_000,
      sourceOffsets: src ? offs({ orders: src[i] }) : new Map(),
      targetOffsets: tgt ? offs({ orders_new: tgt[i] }) : new Map(),
    }));

  test.each<
    [string, boolean, [[number, number], [number, number]] | undefined, [[number, number], [number, number]] | undefined, ProducerState, number, number]
  >([
    // name, copied, source [first, last], target [first, last], state, sourceWrites, targetWrites
    [
      'copy-free: only the source grows',
      false,
      [
        [0, 100],
        [0, 130],
      ],
      [
        [0, 0],
        [0, 0],
      ],
      'source-only',
      30,
      0,
    ],
    [
      'copy-free: only the target grows',
      false,
      [
        [0, 100],
        [0, 100],
      ],
      [
        [0, 5],
        [0, 25],
      ],
      'target-only',
      0,
      20,
    ],
    [
      'copy-free: both grow',
      false,
      [
        [0, 100],
        [0, 110],
      ],
      [
        [0, 5],
        [0, 25],
      ],
      'split-order',
      10,
      20,
    ],
    [
      'nothing moves',
      false,
      [
        [0, 100],
        [0, 100],
      ],
      [
        [0, 5],
        [0, 5],
      ],
      'idle',
      0,
      0,
    ],
    [
      'copied, caught up: the target grows by the copy only',
      true,
      [
        [0, 100],
        [0, 130],
      ],
      [
        [0, 100],
        [0, 130],
      ],
      'source-only',
      30,
      0,
    ],
    [
      'copied, lag at the start: the copy catching up is not a producer',
      true,
      [
        [0, 100],
        [0, 100],
      ],
      [
        [0, 60],
        [0, 100],
      ],
      'idle',
      0,
      0,
    ],
    [
      'copied: growth beyond the copy share is produced on the target',
      true,
      [
        [0, 100],
        [0, 110],
      ],
      [
        [0, 100],
        [0, 125],
      ],
      'split-order',
      10,
      15,
    ],
    [
      'copied, producers moved: the source stands still, the target grows',
      true,
      [
        [0, 100],
        [0, 100],
      ],
      [
        [0, 100],
        [0, 140],
      ],
      'target-only',
      0,
      40,
    ],
    [
      'retention on the source moves the start, not the end: no writes',
      false,
      [
        [0, 100],
        [50, 100],
      ],
      [
        [0, 0],
        [0, 0],
      ],
      'idle',
      0,
      0,
    ],
  ])('%s', (_, copied, src, tgt, state, sourceWrites, targetWrites) => {
    const r = decideProducers([{ sourceName: 'orders', targetName: 'orders_new', copied }], window(src, tgt), 10);
    expect(r.topics[0]).toMatchObject({ state, sourceWrites, targetWrites });
    expect(r.counts[state]).toBe(1);
  });

  test('split order says what to do; source-only says to switch; a topic missing on the target says to apply first', () => {
    const split = decideProducers(
      [{ sourceName: 'orders', targetName: 'orders_new', copied: true }],
      window(
        [
          [0, 100],
          [0, 110],
        ],
        [
          [0, 100],
          [0, 125],
        ],
      ),
      10,
    ).topics[0];
    expect(split.nextStep).toMatch(
      /^Written on both clusters: .*lose their order \(the copy appends the source records after those produced on the target\)\. Finish the producer switch/,
    );
    expect(split.sourceRate).toBe(1);
    expect(split.targetRate).toBe(1.5);
    const src = decideProducers(
      [{ sourceName: 'orders', targetName: 'orders_new', copied: false }],
      window(
        [
          [0, 1],
          [0, 2],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ),
      10,
    ).topics[0];
    expect(src.nextStep).toMatch(/^The producers still write to the source: switch them to the target/);
    const missing = decideProducers(
      [{ sourceName: 'orders', targetName: 'orders_new', copied: false }],
      window(
        [
          [0, 1],
          [0, 2],
        ],
        undefined,
      ),
      10,
    ).topics[0];
    expect(missing).toMatchObject({ state: 'source-only', onTarget: false });
    expect(missing.nextStep).toMatch(/not on the target \(orders_new\): apply the plan first/);
  });

  test('needs a window', () => {
    expect(() => decideProducers([], [{ at: 0, sourceOffsets: new Map(), targetOffsets: new Map() }], 0)).toThrow(/at least two samples/);
  });

  test('rendering: one line per topic, the next step for all but the switched ones', () => {
    const r = decideProducers(
      [
        { sourceName: 'a', targetName: 'a', copied: false },
        { sourceName: 'orders', targetName: 'orders_new', copied: false },
      ],
      [
        { at: 0, sourceOffsets: offs({ a: [0, 1], orders: [0, 5] }), targetOffsets: offs({ a: [0, 0], orders_new: [0, 0] }) },
        { at: 10_000, sourceOffsets: offs({ a: [0, 1], orders: [0, 5] }), targetOffsets: offs({ a: [0, 3], orders_new: [0, 0] }) },
      ],
      10,
    );
    expect(renderProducers(r)).toBe(
      [
        'producers: 2 topic(s): 1 target-only, 0 source-only, 0 split-order, 1 idle (window 10 s, 2 samples)',
        'target-only  a: source +0 message(s) over 10 s; target +3',
        'idle         orders -> orders_new: source +0 message(s) over 10 s; target +0',
        '               next: No writes on either side over 10 s: nothing shows whether its producers have moved; re-run with a longer window (stable seconds) if the topic is written rarely.',
        '',
      ].join('\n'),
    );
  });
});

describe('decideDrain: per group on the source only', () => {
  const member = { clientId: 'c', clientHost: '10.0.0.7' };
  const state = (members: number): GroupState => ({
    state: members ? 'Stable' : 'Empty',
    protocolType: 'consumer',
    members: members ? [member] : [],
    subscribed: [],
  });
  /** Samples 5 s apart: the source end offsets, the group's committed offset and members per sample. */
  const samples = (ends: number[], committed: Array<number | undefined>, members: number[]): Sample[] =>
    ends.map((end, i) => ({
      at: i * 5000,
      sourceOffsets: offs({ orders: [0, end] }),
      targetOffsets: new Map(),
      sourceGroups: new Map([['app', state(members[i])]]),
      sourceCommitted: new Map(committed[i] === undefined ? [] : [['app', new Map([['orders', new Map([[0, BigInt(committed[i] as number)]])]])]]),
    }));
  const groups = [{ sourceId: 'app', targetName: 'app_new' }];

  test.each<[string, number[], Array<number | undefined>, number[], 'draining' | 'drained', RegExp]>([
    [
      'lag falls with consumers at work: time to zero',
      [100, 100, 100],
      [40, 60, 80],
      [1, 1, 1],
      'draining',
      /^lag 20 \(was 60\), falling 4\/s, ~5 s to zero; 1 member\(s\) on the source \(10\.0\.0\.7\)/,
    ],
    [
      'lag 0 on every sample, no members: drained',
      [100, 100, 100],
      [100, 100, 100],
      [0, 0, 0],
      'drained',
      /^lag 0 on every sample over 10 s, no members on the source$/,
    ],
    ['lag 0 but members connected: not drained', [100, 100, 100], [100, 100, 100], [1, 1, 1], 'draining', /^lag 0 \(was 0\), steady at 0; 1 member\(s\)/],
    [
      'lag 0 at the end only: not stable over the window',
      [100, 100, 100],
      [90, 95, 100],
      [0, 0, 0],
      'draining',
      /^lag 0 \(was 10\), fell to 0 during the window; no members on the source$/,
    ],
    ['a backlog nobody reads', [100, 100, 100], [50, 50, 50], [0, 0, 0], 'draining', /^lag 50 \(was 50\), not falling; no members on the source$/],
    [
      'producers still writing: the lag grows',
      [100, 120, 140],
      [100, 110, 120],
      [1, 1, 1],
      'draining',
      /^lag 20 \(was 0\), growing 2\/s: the consumers do not keep up/,
    ],
  ])('%s', (_, ends, committed, members, expected, reason) => {
    const r = decideDrain(groups, ['orders'], samples(ends, committed, members), 10);
    expect(r.groups[0].state).toBe(expected);
    expect(r.groups[0].reason).toMatch(reason);
    expect(r.counts[expected]).toBe(1);
  });

  test('drained: the next step retires the group; draining with writes on the source names the producer switch', () => {
    const done = decideDrain(groups, ['orders'], samples([100, 100], [100, 100], [0, 0]), 10).groups[0];
    expect(done.nextStep).toMatch(/^Drained: .*retire the group app on the source; its consumers read on the target \(group app_new\)\.$/);
    const busy = decideDrain(groups, ['orders'], samples([100, 140], [100, 120], [1, 1]), 10);
    expect(busy.sourceWritten).toEqual(['orders']);
    expect(busy.groups[0].nextStep).toMatch(/The source still receives writes \(orders\): switch those producers first/);
  });

  test('nobody reads the backlog: the next step says so; one look cannot call a group drained for good', () => {
    expect(decideDrain(groups, ['orders'], samples([100, 100], [50, 50], [0, 0]), 10).groups[0].nextStep).toMatch(
      /^Nobody reads the backlog of 50 message\(s\)/,
    );
    const once = decideDrain(groups, ['orders'], samples([100], [100], [0]), 0).groups[0];
    expect(once.state).toBe('drained');
    expect(once.nextStep).toMatch(/^Lag 0 and no members in one look: re-run with a window/);
  });

  test('a group with no committed offsets and no subscription has nothing left to read', () => {
    const r = decideDrain(groups, ['orders'], samples([100, 100], [undefined, undefined], [0, 0]), 10);
    expect(r.groups[0]).toMatchObject({ state: 'drained', lag: 0 });
    expect(renderDrain(r)).toMatch(/^drain: 1 group\(s\) on the source: 1 drained, 0 draining \(window 10 s, 2 sample\(s\)\)\ndrained +app: /);
  });
});
