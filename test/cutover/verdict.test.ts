import { anchorKey, CutoverInput, decideCutover, GroupState, OffsetAnchor, renderCutover, Sample } from '../../lib/cutover/verdict';
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
    expect(r.counts).toEqual({ 'ready-to-switch': 0, draining: 1, 'consumers-still-running': 0, 'target-behind': 0 });
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
      { topic: 'orders_new', partition: 0, source: '10' },
      { topic: 'orders_new', partition: 1, source: '10' },
    ]);
    expect(g.reason).toBe('2 partition(s) without a translated offset on the target group app_new');
    expect(g.nextStep).toMatch(/MirrorCheckpointConnector/);
  });

  test('target-behind for a renamed group: the offsets to commit under the new name, the command, and the partitions not placed', () => {
    const renamedPlacements = new Map([
      ['app', { offsets: [{ topic: 'orders_new', partition: 0, offset: '10' }], unplaced: [{ topic: 'orders_new', partition: 1 }] }],
    ]);
    const r = decideCutover(input([sample(0, { src: [10, 10], committed: [10, 10], group: emptySubscriber })], { stableSeconds: 0, renamedPlacements }));
    const g = r.groups[0];
    expect(g.verdict).toBe('target-behind');
    expect(g.commitOffsets).toEqual([{ topic: 'orders_new', partition: 0, offset: '10' }]);
    expect(g.nextStep).toMatch(/^MirrorMaker 2 does not rename groups: it syncs offsets only under app, so none arrive for app_new/);
    expect(g.nextStep).toContain('kafka-consumer-groups --bootstrap-server <target> --group app_new --reset-offsets --from-file app_new.csv --execute');
    expect(g.nextStep).toMatch(/Not placed .*: orders_new\[1\]/);
    expect(renderCutover(r)).toMatch(/app_new\.csv:\n +orders_new,0,10\n/);
  });

  test('a group whose name is kept gets no offsets to commit: MirrorMaker syncs them', () => {
    const renamedPlacements = new Map([['app', { offsets: [{ topic: 'orders_new', partition: 0, offset: '10' }], unplaced: [] }]]);
    const r = decideCutover(
      input([sample(0, { src: [10, 10], committed: [10, 10], group: emptySubscriber })], {
        stableSeconds: 0,
        renamedPlacements,
        groups: [{ sourceId: 'app', targetName: 'app' }],
      }),
    );
    expect(r.groups[0].commitOffsets).toBeUndefined();
    expect(r.groups[0].nextStep).toMatch(/MirrorCheckpointConnector/);
  });

  test('target-behind: a translated offset on another message, behind by more than --max-lag (estimated from the messages left on each side)', () => {
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
    expect(g.targetIssues).toEqual([{ topic: 'orders_new', partition: 0, source: '10', target: '4', behind: 6 }]);
    expect(g.reason).toMatch(/1 partition\(s\) behind the source by up to 6 message\(s\)/);

    const ahead = decideCutover(
      input([sample(0, { src: [10], committed: [5], group: emptySubscriber })], {
        stableSeconds: 0,
        maxLag: 5,
        targetCommitted: atEnd([10]),
      }),
    );
    // lag 5 is allowed and the target is at its end: with no anchor the estimate decides (5 ≤ --max-lag 5: accepted)
    expect(ahead.groups[0].verdict).toBe('ready-to-switch');
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
    expect(ok.groups[0].reason).toMatch(/translated offsets present on the target/);
    const other = decideCutover(input([s], { stableSeconds: 0, targetCommitted: atEnd([10]), anchors: sameAnchors(1, false) }));
    expect(other.groups[0].verdict).toBe('target-behind');
    expect(other.groups[0].reason).toMatch(/points at another message/);
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
