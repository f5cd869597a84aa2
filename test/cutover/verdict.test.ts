import {
  anchorKey,
  CutoverInput,
  decideCutover,
  GroupState,
  OffsetAnchor,
  offsetChoices,
  Placement,
  renderCutover,
  Sample,
  TargetIssueKind,
} from '../../lib/cutover/verdict';
import { sampleTimes } from '../../lib/cutover/read';

const offs = (m: Record<string, Array<[number, number]>>) =>
  new Map(Object.entries(m).map(([t, ps]) => [t, new Map(ps.map(([s, e], p) => [p, { start: BigInt(s), end: BigInt(e) }]))]));
const committed = (m: Record<string, number[]>) => new Map(Object.entries(m).map(([t, ps]) => [t, new Map(ps.map((o, p) => [p, BigInt(o)]))]));
const subscriber: GroupState = { state: 'Stable', protocolType: 'consumer', members: [{ clientId: 'app-1', clientHost: '10.0.0.7' }], subscribed: ['orders'] };
const emptySubscriber: GroupState = { state: 'Empty', protocolType: 'consumer', members: [], subscribed: [] };
const assigner: GroupState = { state: 'Empty', protocolType: '', members: [], subscribed: [] };

function sample(at: number, o: { src: number[]; tgt?: number[]; committed: number[]; group?: GroupState }): Sample {
  return {
    at,
    sourceOffsets: offs({ orders: o.src.map((e) => [0, e]) }),
    targetOffsets: offs({ orders_new: (o.tgt ?? o.src).map((e) => [0, e]) }),
    sourceGroups: new Map(o.group ? [['app', o.group]] : []),
    sourceCommitted: new Map([['app', committed({ orders: o.committed })]]),
  };
}

function input(samples: Sample[], over: Partial<CutoverInput> = {}): CutoverInput {
  return {
    topics: [{ sourceName: 'orders', targetName: 'orders_new' }],
    groups: [{ sourceId: 'app', targetName: 'app_new' }],
    samples,
    targetCommitted: new Map(),
    targetGroups: new Map(),
    anchors: new Map(),
    oldestUncopied: new Map(),
    maxLag: 0,
    stableSeconds: 10,
    ...over,
  };
}

const atEnd = (c: number[]) => new Map([['app_new', committed({ orders_new: c })]]);
const sameAnchors = (n: number, same = true) =>
  new Map<string, OffsetAnchor>(Array.from({ length: n }, (_, p) => [anchorKey('app', 'orders', p), { source: `m${p}`, target: same ? `m${p}` : `x${p}` }]));

describe('decideCutover: verdicts', () => {
  test('draining: members and lag, with the trend measured over the window', () => {
    const r = decideCutover(
      input([
        sample(0, { src: [100, 100], committed: [40, 60], group: subscriber }),
        sample(10_000, { src: [100, 100], committed: [60, 80], group: subscriber }),
      ]),
    );
    const g = r.groups[0];
    expect(g.verdict).toBe('draining');
    expect(g.lag).toBe(60);
    expect(g.lagFirst).toBe(100);
    expect(g.lagTrendPerSecond).toBe(-4);
    expect(g.reason).toContain('falling 4/s, ~15 s to drain');
    expect(g.reason).toContain('1 member(s) on the source (10.0.0.7)');
    expect(g.targetGroup).toBe('app_new');
    expect(r.counts).toEqual({ 'ready-to-switch': 0, draining: 1, 'consumers-still-running': 0, 'target-behind': 0, switched: 0 });
  });

  test('lag over --max-lag in one sample of the window is enough to be draining', () => {
    const r = decideCutover(
      input([sample(0, { src: [100], committed: [95], group: subscriber }), sample(5000, { src: [100], committed: [100], group: subscriber })], { maxLag: 2 }),
    );
    expect(r.groups[0].verdict).toBe('draining');
    expect(r.groups[0].maxPartitionLag).toBe(5);
  });

  test('consumers-still-running: caught up but members connected; subscribe() consumers start on the target first', () => {
    const r = decideCutover(input([sample(0, { src: [10], committed: [10], group: subscriber })], { stableSeconds: 0 }));
    const g = r.groups[0];
    expect(g.verdict).toBe('consumers-still-running');
    expect(g.mode).toBe('subscribe');
    expect(g.clientHosts).toEqual(['10.0.0.7']);
    expect(g.nextStep).toMatch(/^These consumers use subscribe\(\): start them on the target first \(group app_new/);
  });

  test('consumers-still-running without members: committed offsets moved (assign() consumers); they stop on the source first', () => {
    const r = decideCutover(
      input([sample(0, { src: [10], committed: [9], group: assigner }), sample(5000, { src: [10], committed: [10], group: assigner })], { maxLag: 1 }),
    );
    const g = r.groups[0];
    expect(g.verdict).toBe('consumers-still-running');
    expect(g.mode).toBe('assign');
    expect(g.committedMoved).toBe(true);
    expect(g.nextStep).toMatch(/^These consumers use assign\(\): stop them on the source first/);
  });

  test('draining with nobody consuming: the backlog does not shrink, and the next step names the --max-lag to switch with it', () => {
    const r = decideCutover(input([sample(0, { src: [10, 10], committed: [7, 10], group: emptySubscriber })], { stableSeconds: 0 }));
    expect(r.groups[0].verdict).toBe('draining');
    expect(r.groups[0].reason).toMatch(/nobody is consuming/);
    expect(r.groups[0].nextStep).toContain('--max-lag 3');
  });

  test('target-behind: translated offsets missing on the target', () => {
    const r = decideCutover(input([sample(0, { src: [10, 10], committed: [10, 10], group: emptySubscriber })], { stableSeconds: 0 }));
    const g = r.groups[0];
    expect(g.verdict).toBe('target-behind');
    expect(g.targetIssues).toEqual([
      { topic: 'orders_new', partition: 0, kind: 'missing', source: '10' },
      { topic: 'orders_new', partition: 1, kind: 'missing', source: '10' },
    ]);
    expect(g.reason).toBe('2 partition(s) without a translated offset on the target group app_new');
    expect(g.nextStep).toMatch(/MirrorCheckpointConnector/);
    expect(g.nextStep).toMatch(
      /If none arrives within 3 checkpoint intervals \(90 s at 30 s\), cutover gives the offsets to commit: re-run it with --stable-seconds 90/,
    );
    expect(g.commitOffsets).toBeUndefined();
  });

  test('target-behind for a renamed group: the offsets to commit under the new name, the command, and the partitions not placed', () => {
    const placements = new Map<string, Placement>([
      [
        'app',
        {
          offsets: [{ topic: 'orders_new', partition: 0, offset: '10' }],
          unplaced: [
            {
              topic: 'orders_new',
              partition: 1,
              reason: 'the copy has not reached the committed offset',
              choices: offsetChoices(10n, { start: 0n, end: 10n }, { start: 0n, end: 6n }),
            },
          ],
        },
      ],
    ]);
    const r = decideCutover(input([sample(0, { src: [10, 10], committed: [10, 10], group: emptySubscriber })], { stableSeconds: 0, placements }));
    const g = r.groups[0];
    expect(g.verdict).toBe('target-behind');
    expect(g.commitOffsets).toEqual([{ topic: 'orders_new', partition: 0, offset: '10' }]);
    expect(g.nextStep).toMatch(/^MirrorMaker 2 does not rename groups: it syncs offsets only under app, so none arrive for app_new/);
    expect(g.nextStep).toContain('kafka-consumer-groups --bootstrap-server <target> --group app_new --reset-offsets --from-file app_new.csv --execute');
    expect(g.nextStep).toContain(
      'No offset is shown safe for orders_new[1] (the copy has not reached the committed offset): earliest 0 re-reads 6, latest 6 re-reads and skips nothing by the counts.',
    );
    expect(g.unplaced?.map((u) => u.partition)).toEqual([1]);
    expect(renderCutover(r)).toMatch(/app_new\.csv:\n +orders_new,0,10\n/);
  });

  test('a group whose name is kept gets no offsets to commit before the bound: MirrorMaker syncs them', () => {
    const placements = new Map([['app', { offsets: [{ topic: 'orders_new', partition: 0, offset: '10' }], unplaced: [] }]]);
    const r = decideCutover(
      input([sample(0, { src: [10, 10], committed: [10, 10], group: emptySubscriber })], {
        stableSeconds: 0,
        placements,
        groups: [{ sourceId: 'app', targetName: 'app' }],
      }),
    );
    expect(r.groups[0].commitOffsets).toBeUndefined();
    expect(r.groups[0].nextStep).toMatch(/MirrorCheckpointConnector/);
  });

  test('target-behind: translated offsets after other records, behind and ahead, whatever --max-lag (distance from the messages left on each side)', () => {
    const r = decideCutover(
      input([sample(0, { src: [10, 10], committed: [10, 8], group: emptySubscriber })], {
        stableSeconds: 0,
        maxLag: 2,
        targetCommitted: atEnd([4, 10]),
        anchors: sameAnchors(2, false),
      }),
    );
    const g = r.groups[0];
    expect(g.verdict).toBe('target-behind');
    expect(g.targetIssues).toEqual([
      { topic: 'orders_new', partition: 0, kind: 'behind', source: '10', target: '4', behind: 6 },
      { topic: 'orders_new', partition: 1, kind: 'ahead', source: '8', target: '10', behind: -2 },
    ]);
    expect(g.reason).toMatch(/1 partition\(s\) behind the source by up to 6 message\(s\)/);

    const ahead = decideCutover(
      input([sample(0, { src: [10], committed: [5], group: emptySubscriber })], {
        stableSeconds: 0,
        maxLag: 5,
        targetCommitted: atEnd([10]),
      }),
    );
    // lag 5 is allowed, but the target offset is 5 ahead and the record before it was not read: never ready
    expect(ahead.groups[0].verdict).toBe('target-behind');
    expect(ahead.groups[0].targetIssues).toEqual([{ topic: 'orders_new', partition: 0, kind: 'unverified', source: '5', target: '10', behind: -5 }]);
  });

  test('the message before the committed offset decides: same message → ready even when offsets differ, another → target-behind', () => {
    // the target lost its oldest messages: other offsets, same messages
    const s: Sample = {
      at: 0,
      sourceOffsets: offs({ orders: [[0, 10]] }),
      targetOffsets: offs({ orders_new: [[3, 10]] }),
      sourceGroups: new Map([['app', emptySubscriber]]),
      sourceCommitted: new Map([['app', committed({ orders: [10] })]]),
    };
    const ok = decideCutover(input([s], { stableSeconds: 0, targetCommitted: atEnd([10]), anchors: sameAnchors(1) }));
    expect(ok.groups[0].verdict).toBe('ready-to-switch');
    expect(ok.groups[0].reason).toMatch(/every target offset points at the record after the source group's last one .*nothing is skipped or read again$/);
    const other = decideCutover(input([s], { stableSeconds: 0, targetCommitted: atEnd([10]), anchors: sameAnchors(1, false) }));
    expect(other.groups[0].verdict).toBe('target-behind');
    expect(other.groups[0].reason).toMatch(/points after another record than the source's/);
  });

  test('ready-to-switch: no members, no lag through the window, offsets on the target; assign() groups seek to them', () => {
    const samples = [0, 5000, 10_000].map((at) => sample(at, { src: [10, 10], committed: [10, 10], group: emptySubscriber }));
    const r = decideCutover(input(samples, { targetCommitted: atEnd([10, 10]), anchors: sameAnchors(2) }));
    expect(r.groups[0].verdict).toBe('ready-to-switch');
    expect(r.groups[0].nextStep).toBe('Start the consumers on the target with group app_new; they resume from the translated offsets.');
    const a = decideCutover(
      input([sample(0, { src: [10], committed: [10], group: assigner })], { stableSeconds: 0, targetCommitted: atEnd([10]), anchors: sameAnchors(1) }),
    );
    expect(a.groups[0].verdict).toBe('ready-to-switch');
    expect(a.groups[0].nextStep).toMatch(/seeking to the offsets committed for group app_new/);
  });

  test('a group with no committed offsets on planned topics is ready with nothing to translate', () => {
    const s = sample(0, { src: [10], committed: [], group: emptySubscriber });
    const r = decideCutover(input([s], { stableSeconds: 0 }));
    expect(r.groups[0].verdict).toBe('ready-to-switch');
    expect(r.groups[0].reason).toMatch(/nothing to translate/);
  });
});

describe('decideCutover: --max-lag never waives the target offset check', () => {
  // source orders[0]: records 0..9, the group committed 7 (3 left to read), nobody consumes; the target holds the same 10
  const at7 = (): Sample => sample(0, { src: [10], committed: [7], group: emptySubscriber });
  const run = (maxLag: number, targetOffset: number, anchor: OffsetAnchor | undefined) =>
    decideCutover(
      input([at7()], {
        stableSeconds: 0,
        maxLag,
        targetCommitted: atEnd([targetOffset]),
        anchors: new Map(anchor ? [[anchorKey('app', 'orders', 0), anchor]] : []),
      }),
    ).groups[0];
  const same = { source: 'm6', target: 'm6' };
  const differs = (target: string) => ({ source: 'm6', target });

  test.each`
    case                          | targetOffset | anchor              | kind              | behind
    ${'ahead (would skip 3)'}     | ${10}        | ${differs('m9')}    | ${'ahead'}        | ${-3}
    ${'behind (would re-read 3)'} | ${4}         | ${differs('m3')}    | ${'behind'}       | ${3}
    ${'after another record'}     | ${7}         | ${differs('x6')}    | ${'other-record'} | ${0}
    ${'record before unreadable'} | ${8}         | ${{ source: 'm6' }} | ${'unverified'}   | ${-1}
    ${'no anchor read at all'}    | ${7}         | ${undefined}        | ${'unverified'}   | ${0}
  `(
    'target $case: draining at --max-lag 0 (advice --max-lag 3), target-behind at 3 and at 100',
    ({ targetOffset, anchor, kind, behind }: { targetOffset: number; anchor: OffsetAnchor | undefined; kind: TargetIssueKind; behind: number }) => {
      const zero = run(0, targetOffset, anchor);
      expect(zero.verdict).toBe('draining');
      expect(zero.nextStep).toContain('--max-lag 3');
      for (const maxLag of [3, 100]) {
        const g = run(maxLag, targetOffset, anchor);
        expect(g.verdict).toBe('target-behind');
        expect(g.targetIssues).toEqual([{ topic: 'orders_new', partition: 0, kind, source: '7', target: String(targetOffset), behind }]);
      }
    },
  );

  test.each([3, 100])(
    'the same record before both offsets: ready at --max-lag %i, and the reason says the 3 unread records come next on the target',
    (maxLag) => {
      const g = run(maxLag, 7, same);
      expect(g.verdict).toBe('ready-to-switch');
      expect(g.reason).toMatch(/nothing is skipped or read again; the 3 record\(s\) the source group has not read come next on the target$/);
    },
  );

  test('a caught-up group at --max-lag 0 whose target offset is ahead is target-behind, not ready', () => {
    const g = decideCutover(
      input([sample(0, { src: [10], committed: [10], group: emptySubscriber })], {
        stableSeconds: 0,
        targetCommitted: atEnd([12]),
        anchors: new Map([[anchorKey('app', 'orders', 0), { source: 'm9', target: 'm11' }]]),
      }),
    ).groups[0];
    expect(g.verdict).toBe('target-behind');
  });
});

describe('decideCutover: a way out for target offsets MirrorMaker 2 does not fix', () => {
  const placements = new Map<string, Placement>([['app', { offsets: [{ topic: 'orders_new', partition: 0, offset: '7' }], unplaced: [] }]]);
  const kept = [{ sourceId: 'app', targetName: 'app' }];
  const atT = (c: number[]) => new Map([['app', committed({ orders_new: c })]]);
  /** Samples over `seconds`, the source group at 7 of 10 and still; the target group's offset per sample. */
  const window = (seconds: number, targetPerSample: Array<number | undefined>) =>
    targetPerSample.map((t, i) => ({
      ...sample((i * seconds * 1000) / Math.max(1, targetPerSample.length - 1), { src: [10], committed: [7], group: emptySubscriber }),
      targetCommitted: t === undefined ? new Map() : atT([t]),
    }));
  const decideWith = (samples: Sample[], over: Partial<CutoverInput> = {}) =>
    decideCutover(
      input(samples, {
        groups: kept,
        maxLag: 3,
        stableSeconds: (samples[samples.length - 1].at - samples[0].at) / 1000,
        placements,
        targetCommitted: (samples[samples.length - 1].targetCommitted ?? new Map()) as CutoverInput['targetCommitted'],
        ...over,
      }),
    ).groups[0];

  test.each`
    case                                                       | seconds | interval     | target                               | wayOut
    ${'missing, one look'}                                     | ${0}    | ${undefined} | ${[undefined]}                       | ${false}
    ${'missing for 60 s at 30 s (2 intervals)'}                | ${60}   | ${undefined} | ${[undefined, undefined, undefined]} | ${false}
    ${'missing for 90 s at 30 s (3 intervals)'}                | ${90}   | ${undefined} | ${[undefined, undefined, undefined]} | ${true}
    ${'missing for 30 s at 10 s (3 intervals)'}                | ${30}   | ${10}        | ${[undefined, undefined]}            | ${true}
    ${'translated behind, unchanged for 90 s'}                 | ${90}   | ${undefined} | ${[4, 4, 4]}                         | ${true}
    ${'translated behind, moved during the 90 s (MM at work)'} | ${90}   | ${undefined} | ${[2, 4, 4]}                         | ${false}
    ${'arrived during the window, still behind'}               | ${90}   | ${undefined} | ${[undefined, 4, 4]}                 | ${false}
  `(
    '$case: way out $wayOut',
    ({ seconds, interval, target, wayOut }: { seconds: number; interval?: number; target: Array<number | undefined>; wayOut: boolean }) => {
      const anchors = new Map([[anchorKey('app', 'orders', 0), { source: 'm6', target: 'm3' }]]);
      const g = decideWith(window(seconds, target), { checkpointIntervalSeconds: interval, anchors });
      expect(g.verdict).toBe('target-behind');
      if (wayOut) {
        expect(g.commitOffsets).toEqual([{ topic: 'orders_new', partition: 0, offset: '7' }]);
        expect(g.nextStep).toMatch(
          new RegExp(
            `^MirrorMaker 2 did not translate these offsets during ${seconds} s \\(3 checkpoint intervals of ${interval ?? 30} s\\) while the source group stood still`,
          ),
        );
        expect(g.nextStep).toContain('--group app --reset-offsets --from-file app.csv --execute');
      } else {
        expect(g.commitOffsets).toBeUndefined();
        expect(g.nextStep).toMatch(/^Wait for MirrorMaker 2's next checkpoint/);
      }
    },
  );

  test('the target offsets read at the first sample only (as cutover reads them) and again after the window decide too', () => {
    const anchors = new Map([[anchorKey('app', 'orders', 0), { source: 'm6', target: 'm3' }]]);
    const samples = window(90, [4, 4, 4]).map((x, i) => (i === 0 ? x : { ...x, targetCommitted: undefined }));
    expect(decideWith(samples, { anchors, targetCommitted: atT([4]) }).commitOffsets).toEqual([{ topic: 'orders_new', partition: 0, offset: '7' }]);
    const changed = decideWith(samples, { anchors, targetCommitted: atT([5]) });
    expect(changed.commitOffsets).toBeUndefined();
  });

  test('an offset ahead of the source gets the way out at once: MirrorMaker 2 only moves offsets forward', () => {
    const s = { ...sample(0, { src: [10], committed: [7], group: emptySubscriber }), targetCommitted: atT([10]) };
    const g = decideWith([s], { anchors: new Map([[anchorKey('app', 'orders', 0), { source: 'm6', target: 'm9' }]]) });
    expect(g.commitOffsets).toEqual([{ topic: 'orders_new', partition: 0, offset: '7' }]);
    expect(g.nextStep).toMatch(/^MirrorMaker 2 moves a target group's offsets only forward/);
  });

  test('no offsets to commit while the target group has members: its consumers run there (switched), they commit their own', () => {
    const s = { ...sample(0, { src: [10], committed: [7], group: emptySubscriber }), targetCommitted: atT([10]) };
    const g = decideWith([s], {
      targetGroups: new Map([['app', subscriber]]),
      anchors: new Map([[anchorKey('app', 'orders', 0), { source: 'm6', target: 'm9' }]]),
    });
    expect(g.verdict).toBe('switched');
    expect(g.commitOffsets).toBeUndefined();
  });

  test('where no offset is shown safe, the next step says so and counts what each choice re-reads or skips', () => {
    const unplaced: Placement = {
      offsets: [],
      unplaced: [
        {
          topic: 'orders_new',
          partition: 0,
          reason: 'the record before the committed offset is not at the same place on the target',
          choices: offsetChoices(7n, { start: 0n, end: 10n }, { start: 0n, end: 10n }, 10n),
        },
      ],
    };
    const s = { ...sample(0, { src: [10], committed: [7], group: emptySubscriber }), targetCommitted: atT([10]) };
    const g = decideWith([s], {
      placements: new Map([['app', unplaced]]),
      anchors: new Map([[anchorKey('app', 'orders', 0), { source: 'm6', target: 'm9' }]]),
    });
    expect(g.commitOffsets).toEqual([]);
    expect(g.nextStep).not.toContain('Commit them');
    expect(g.nextStep).toContain(
      'No offset is shown safe for orders_new[0] (the record before the committed offset is not at the same place on the target): earliest 0 re-reads 7, latest 10 skips 3, translated 10 skips 3.',
    );
  });
});

describe('offsetChoices', () => {
  test.each`
    case                                   | committed | source       | target       | translated   | expected
    ${'same logs, group in the middle'}    | ${7n}     | ${[0n, 10n]} | ${[0n, 10n]} | ${undefined} | ${[['earliest', '0', 7, 0], ['latest', '10', 0, 3]]}
    ${'target trimmed its first 4'}        | ${7n}     | ${[0n, 10n]} | ${[4n, 10n]} | ${5n}        | ${[['earliest', '4', 3, 0], ['latest', '10', 0, 3], ['translated', '5', 2, 0]]}
    ${'copy behind: counted from the end'} | ${9n}     | ${[0n, 10n]} | ${[0n, 6n]}  | ${undefined} | ${[['earliest', '0', 5, 0], ['latest', '6', 0, 1]]}
    ${'group before the source log start'} | ${1n}     | ${[3n, 10n]} | ${[0n, 7n]}  | ${undefined} | ${[['earliest', '0', 0, 0], ['latest', '7', 0, 7]]}
  `('$case', ({ committed: c, source, target, translated, expected }) => {
    const got = offsetChoices(c, { start: source[0], end: source[1] }, { start: target[0], end: target[1] }, translated);
    expect(got.map((x) => [x.name, x.offset, x.reread, x.skipped])).toEqual(expected);
  });
});

describe('decideCutover: per-topic progress', () => {
  test('replication lag in messages and seconds, rates and the catch-up estimate', () => {
    const now = 1_000_000;
    const r = decideCutover(
      input(
        [
          sample(now - 10_000, { src: [1000, 1000], tgt: [500, 900], committed: [0, 0] }),
          sample(now, { src: [1100, 1100], tgt: [700, 1100], committed: [0, 0] }),
        ],
        { oldestUncopied: new Map([['orders\u00000', now - 42_000]]) },
      ),
    );
    expect(r.topics).toEqual([
      {
        topic: 'orders',
        targetTopic: 'orders_new',
        sourceEnd: '2200',
        targetEnd: '1800',
        sourceMessages: '2200',
        targetMessages: '1800',
        onTarget: true,
        lagMessages: 400,
        lagSeconds: 42,
        sourceRate: 20,
        copyRate: 40,
        catchUpSeconds: 20,
        catchUp: '~20 s at 40/s copied, 20/s produced',
      },
    ]);
  });

  test('caught up, not catching up, one sample, and a topic missing on the target', () => {
    const one = (tgt: number[] | undefined, samples = 1) =>
      decideCutover(
        input(
          Array.from({ length: samples }, (_, i) => ({
            ...sample(i * 1000, { src: [10], tgt: tgt ?? [10], committed: [] }),
            ...(tgt === undefined ? { targetOffsets: new Map() } : {}),
          })),
        ),
      ).topics[0];
    expect(one([10])).toMatchObject({ lagMessages: 0, lagSeconds: 0, catchUp: 'caught up', catchUpSeconds: 0 });
    expect(one([5]).catchUp).toMatch(/^unknown \(one sample/);
    expect(one([5], 2).catchUp).toMatch(/^not copying/);
    expect(one(undefined)).toMatchObject({ onTarget: false, catchUp: 'topic not on the target' });
  });

  test('a compacted topic gets no lag in messages or seconds, however far the offsets differ: it says to compare with verify', () => {
    const r = decideCutover(
      input([sample(0, { src: [1000], tgt: [400], committed: [] }), sample(10_000, { src: [1000], tgt: [400], committed: [] })], {
        topics: [{ sourceName: 'orders', targetName: 'orders_new', compact: true }],
        oldestUncopied: new Map([['orders\u00000', -1]]),
      }),
    );
    const t = r.topics[0];
    expect(t).toMatchObject({ compacted: true, catchUp: 'compacted: compare with verify', sourceEnd: '1000', targetEnd: '400' });
    expect(t.lagMessages).toBeUndefined();
    expect(t.lagSeconds).toBeUndefined();
    expect(t.catchUpSeconds).toBeUndefined();
    expect(renderCutover(r)).toMatch(/\norders +orders_new +1000 +400 +- +- +compacted: compare with verify\n$/);
  });

  test('the text rendering has a line per group with its next step and the progress table', () => {
    const r = decideCutover(input([sample(0, { src: [10], committed: [10], group: subscriber })], { stableSeconds: 0 }));
    const text = renderCutover(r);
    expect(text).toMatch(/^cutover: 1 group\(s\): 0 ready-to-switch, 0 draining, 1 consumers-still-running, 0 target-behind/);
    expect(text).toMatch(/\nconsumers-still-running +app -> app_new \[subscribe\]: /);
    expect(text).toMatch(/\n +next: These consumers use subscribe\(\)/);
    expect(text).toMatch(/\ntopic +target topic +source end +target end +lag msgs +lag s +catch-up\norders +orders_new +10 +10 +0 +0 +caught up\n$/);
  });
});

describe('sampleTimes', () => {
  test('one sample without a window; otherwise the start and up to five more, ending at the window', () => {
    expect(sampleTimes(0)).toEqual([0]);
    expect(sampleTimes(2)).toEqual([0, 1000, 2000]);
    expect(sampleTimes(10)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
  });
});

describe('topics the plan does not copy', () => {
  test('are named with the reason in the result and its rendering, and never waited for', () => {
    const notCopied = [{ topic: 'jobs-internal', reason: 'MirrorMaker 2 never copies names ending in "-internal"' }];
    const r = decideCutover(input([sample(0, { src: [10], committed: [10], group: subscriber })], { stableSeconds: 0, notCopied }));
    expect(r.notCopied).toEqual(notCopied);
    expect(r.topics.map((t) => t.topic)).not.toContain('jobs-internal');
    expect(renderCutover(r)).toMatch(
      /\nnot waited for: topic jobs-internal: the plan does not copy it \(MirrorMaker 2 never copies names ending in "-internal"\)\n$/,
    );
  });
});

describe('decideCutover: safe switching (unknown consumer type, switched groups)', () => {
  const described = (protocolType: string, members: number): GroupState => ({
    state: members ? 'Stable' : 'Empty',
    protocolType,
    members: Array.from({ length: members }, (_, i) => ({ clientId: `c${i}`, clientHost: `10.0.0.${i + 1}` })),
    subscribed: [],
  });
  const running = (group: GroupState | undefined, moved = false): Sample[] => [
    sample(0, { src: [10], committed: [moved ? 9 : 10], group }),
    sample(5000, { src: [10], committed: [10], group }),
  ];

  test.each([
    ['subscribe()', described('consumer', 1), false, 'subscribe', /^These consumers use subscribe\(\): start them on the target first/],
    ['assign()', described('', 0), true, 'assign', /^These consumers use assign\(\): stop them on the source first/],
    [
      'another protocol type',
      described('connect', 2),
      false,
      'unknown',
      /^cutover cannot tell .*\(its protocol type is "connect", not "consumer"\), so take the safe order .*: stop them on the source first \(10\.0\.0\.1, 10\.0\.0\.2\), re-run cutover until ready-to-switch, then start them on the target/,
    ],
    [
      'members without a protocol type',
      described('', 1),
      false,
      'unknown',
      /^cutover cannot tell .*\(the group has 1 member\(s\) but no protocol type\).*stop them on the source first/,
    ],
    [
      'offsets moving, group not described',
      undefined,
      true,
      'unknown',
      /^cutover cannot tell .*\(the group is not described on the source\).*stop them on the source first/,
    ],
  ])('consumers-still-running with %s: mode %s gets its order', (_, group, moved, mode, next) => {
    const g = decideCutover(input(running(group, moved), { maxLag: 1 })).groups[0];
    expect(g.verdict).toBe('consumers-still-running');
    expect(g.mode).toBe(mode);
    expect(g.nextStep).toMatch(next);
    if (mode === 'unknown') expect(g.nextStep).toMatch(/Started on the target first, assign\(\) consumers would read the same partitions on both clusters/);
  });

  const switchedInput = (over: Partial<CutoverInput>) =>
    input([sample(0, { src: [10], committed: [7], group: emptySubscriber }), sample(5000, { src: [12], committed: [7], group: emptySubscriber })], {
      targetGroups: new Map([['app_new', subscriber]]),
      ...over,
    });

  test.each([
    [
      'dedicated, offsets synced',
      { mode: 'dedicated', sourceAlias: 'src', targetAlias: 'ali' } as const,
      true,
      /mirror --switched app .*lists it in src->ali\.groups\.exclude\), then restart MirrorMaker 2/,
    ],
    [
      'connect, offsets synced',
      { mode: 'connect', sourceAlias: 'src', targetAlias: 'ali' } as const,
      true,
      /mirror --switched app .*lists it in groups\.exclude\), then update the checkpoint connector's configuration/,
    ],
    ['offsets not synced', { mode: 'dedicated', sourceAlias: 'src', targetAlias: 'ali' } as const, false, /^MirrorMaker 2 does not sync this group's offsets/],
  ])('switched (%s): consumers on the target, none on the source; the next step names the setting', (_, mirror, offsetsSynced, next) => {
    const r = decideCutover(switchedInput({ mirror, groups: [{ sourceId: 'app', targetName: 'app_new', offsetsSynced }] }));
    const g = r.groups[0];
    expect(g.verdict).toBe('switched');
    expect(g.reason).toBe('1 member(s) on the target group app_new, none on the source and its committed offsets still over 10 s');
    expect(g.nextStep).toMatch(next);
    expect(g.nextStep).toMatch(/Retire the source group app once its consumers are gone for good/);
    expect(r.counts.switched).toBe(1);
    expect(renderCutover(r)).not.toMatch(/source committed 7, target none/);
  });

  test('consumers on both sides are not switched yet: the source ones still run', () => {
    const g = decideCutover(
      input([sample(0, { src: [10], committed: [10], group: subscriber })], { stableSeconds: 0, targetGroups: new Map([['app_new', subscriber]]) }),
    ).groups[0];
    expect(g.verdict).toBe('consumers-still-running');
  });

  test.each([
    [true, / Once they run there, leave the group out of MirrorMaker 2's offset sync: mirror --switched app \(src->ali\.groups\.exclude\)\.$/],
    [false, /resume from the translated offsets\.$/],
  ])('ready-to-switch names the exclude to set afterwards only for a synced group (synced: %s)', (offsetsSynced, next) => {
    const g = decideCutover(
      input([sample(0, { src: [10], committed: [10], group: emptySubscriber })], {
        stableSeconds: 0,
        groups: [{ sourceId: 'app', targetName: 'app_new', offsetsSynced }],
        targetCommitted: atEnd([10]),
        anchors: sameAnchors(1),
        mirror: { mode: 'dedicated', sourceAlias: 'src', targetAlias: 'ali' },
      }),
    ).groups[0];
    expect(g.verdict).toBe('ready-to-switch');
    expect(g.nextStep).toMatch(next);
  });
});
