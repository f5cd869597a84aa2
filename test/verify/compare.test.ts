import {
  checksum,
  compareMigration,
  keyId,
  LatestRecord,
  messageHash,
  renderVerify,
  TopicRead,
  verifyExitCode,
  VerifyTopicInput,
} from '../../lib/verify/compare';

const b = (s: string): Buffer => Buffer.from(s);

function side(parts: Record<number, Array<[string | null, string | null]>>, opts: { countOverride?: Record<number, number> } = {}): TopicRead {
  const partitions = new Map<number, { start: bigint; end: bigint; count: number; hashes: bigint[] }>();
  const keys = new Map<string, { partition: number; offset: bigint }>();
  for (const [p, msgs] of Object.entries(parts)) {
    const n = Number(p);
    partitions.set(n, {
      start: 0n,
      end: BigInt(msgs.length),
      count: opts.countOverride?.[n] ?? msgs.length,
      hashes: msgs.map(([k, v]) => messageHash(k === null ? null : b(k), v === null ? null : b(v))),
    });
    msgs.forEach(([k], i) => {
      if (k !== null && !keys.has(keyId(b(k)))) keys.set(keyId(b(k)), { partition: n, offset: BigInt(i) });
    });
  }
  return { partitions, keys };
}

function topic(source: TopicRead | undefined, target: TopicRead | undefined, over: Partial<VerifyTopicInput> = {}): VerifyTopicInput {
  return { sourceName: 'orders', targetName: 'orders', plannedPartitions: 2, sourcePartitions: 2, targetPartitions: 2, source, target, ...over };
}

const data: Record<number, Array<[string | null, string | null]>> = {
  0: [
    ['a', '1'],
    ['b', '2'],
    [null, '3'],
  ],
  1: [
    ['c', '4'],
    ['d', null],
  ],
};

describe('messageHash and checksum', () => {
  test('a null key or value differs from an empty one, and key and value are not interchangeable', () => {
    expect(messageHash(null, b('x'))).not.toBe(messageHash(b(''), b('x')));
    expect(messageHash(b('x'), null)).not.toBe(messageHash(b('x'), b('')));
    expect(messageHash(b('ab'), b('c'))).not.toBe(messageHash(b('a'), b('bc')));
  });

  test('the checksum does not depend on the order, and a duplicate does not cancel a missing message', () => {
    const h = [1n, 2n, 3n].map((x) => messageHash(b(String(x)), b('v')));
    expect(checksum(h)).toBe(checksum([h[2], h[0], h[1]]));
    // XOR would make [h0, h0] equal to []; the sum does not
    expect(checksum([h[0], h[0]])).not.toBe(checksum([]));
    expect(checksum([h[0], h[0], h[1]])).not.toBe(checksum([h[1]]));
  });
});

describe('compareMigration', () => {
  test('identical sides match: counts, checksums and keys', () => {
    const r = compareMigration({ topics: [topic(side(data), side(data))], groups: [{ sourceId: 'g', targetName: 'g', onTarget: true }] });
    expect(r.ok).toBe(true);
    expect(r.differences).toEqual([]);
    expect(r.partitions).toBe(2);
    expect(r.messagesCompared).toBe(5);
    expect(r.keysCompared).toBe(4);
    expect(renderVerify(r)).toBe('verify: OK: 1 topics, 2 partitions, 1 groups; 5 messages compared per side (all messages), 4 keys checked\n');
  });

  test('one message missing on the target: a count difference naming the partition, and a checksum difference', () => {
    const fewer = { ...data, 1: [data[1][0]] };
    const r = compareMigration({ topics: [topic(side(data), side(fewer))], groups: [] });
    expect(r.ok).toBe(false);
    expect(r.differences.map((d) => [d.kind, d.object, d.partition, d.source, d.target])).toEqual([
      ['count', 'orders', 1, '2', '1'],
      ['checksum', 'orders', 1, expect.any(String), expect.any(String)],
    ]);
    expect(r.differences[0].detail).toBe('1 message(s) missing on the target');
    const text = renderVerify(r);
    expect(text).toMatch(/^verify: 2 difference\(s\)/);
    expect(text).toMatch(/\ncount +orders +1 +2 +1 +1 message\(s\) missing on the target\n/);
  });

  test('the oldest message gone from the source (retention) still compares the copied range: only the count differs', () => {
    const retained = { ...data, 0: data[0].slice(1) };
    const r = compareMigration({ topics: [topic(side(retained), side(data))], groups: [] });
    expect(r.differences.map((d) => d.kind)).toEqual(['count']);
    expect(r.differences[0].detail).toBe('1 more message(s) on the target than on the source');
  });

  test('same messages with a changed value: a checksum difference only', () => {
    const changed = { ...data, 0: [data[0][0], ['b', '2!'] as [string, string], data[0][2]] };
    const r = compareMigration({ topics: [topic(side(data), side(changed))], groups: [] });
    expect(r.differences.map((d) => [d.kind, d.partition])).toEqual([['checksum', 0]]);
  });

  test('keys in another partition are reported by key hash, only when the partition counts match', () => {
    const swapped = { 0: data[1], 1: data[0] };
    const r = compareMigration({ topics: [topic(side(data), side(swapped))], groups: [] });
    const kp = r.differences.find((d) => d.kind === 'key-partition');
    expect(kp?.target).toBe('4 key(s) in another partition');
    expect(kp?.detail).toContain(`key ${keyId(b('a'))}: source 0@0, target 1@0`);
    expect(kp?.detail).not.toMatch(/\b[abcd]\b(?!@)/);

    const grown = compareMigration({ topics: [topic(side(data), side(swapped), { targetPartitions: 3, plannedPartitions: 3 })], groups: [] });
    expect(grown.differences.some((d) => d.kind === 'key-partition')).toBe(false);
  });

  test('a missing topic and group, and a partition count other than planned', () => {
    const r = compareMigration({
      topics: [
        topic(side(data), undefined, { sourceName: 'a.b', targetName: 'a_b', targetPartitions: undefined }),
        topic(side(data), side({ ...data, 2: [] }), { targetPartitions: 3 }),
      ],
      groups: [{ sourceId: 'g.1', targetName: 'g_1', onTarget: false }],
    });
    expect(r.differences.map((d) => [d.kind, d.object, d.partition])).toEqual([
      ['topic-missing', 'a_b', undefined],
      ['group-missing', 'g_1', undefined],
      ['partitions', 'orders', undefined],
    ]);
    expect(r.differences[0].detail).toBe('topic a_b (source a.b) is planned but not on the target: run terraform apply');
    expect(r.differences[2]).toMatchObject({ source: '2 planned', target: '3' });
  });

  test('sample mode: counts from offsets, checksums over the last N read on each side', () => {
    const src = side({ 0: data[0].slice(1) }, { countOverride: { 0: 100 } });
    const tgt = side({ 0: data[0].slice(1) }, { countOverride: { 0: 100 } });
    const r = compareMigration({
      topics: [topic(src, tgt, { sourcePartitions: 1, targetPartitions: 1, plannedPartitions: 1 })],
      groups: [],
      sample: 2,
      sampleSkipped: { source: 98n, target: 98n },
    });
    expect(r.differences).toEqual([]);
    expect(r.mode).toBe('sample');
    expect(r.partitionResults[0]).toMatchObject({ sourceCount: 100, targetCount: 100, compared: 2 });
    // nothing differs in what was read, but 98 records per side were not: not OK, exit 3, and it says so
    expect(r.ok).toBe(false);
    expect(r.complete).toBe(false);
    expect(verifyExitCode(r)).toBe(3);
    expect(renderVerify(r)).toMatch(
      /^verify: NOT COMPLETE: .*\nnot read: a sample of the last 2 records per partition: 98 earlier record offsets on the source and 98 on the target were not read\n$/,
    );
  });

  test('a planned topic missing on the source is not compared, and the run says so (exit 3)', () => {
    const r = compareMigration({ topics: [topic(undefined, side(data), { sourcePartitions: 0 })], groups: [] });
    expect(r.differences).toEqual([]);
    expect(r.notRead).toEqual(['topic orders: planned but not on the source, so not compared']);
    expect(verifyExitCode(r)).toBe(3);
  });

  test('a range one side could not read is a difference naming the partition and the offsets, and hides no count difference as OK', () => {
    const tgt: TopicRead = { ...side(data), unread: [{ partition: 1, from: 1n, to: 2n, reason: 'no record came back at offset 1' }] };
    const r = compareMigration({ topics: [topic(side(data), tgt)], groups: [] });
    expect(r.ok).toBe(false);
    expect(verifyExitCode(r)).toBe(1);
    expect(r.differences).toEqual([
      expect.objectContaining({
        kind: 'unread',
        object: 'orders',
        partition: 1,
        target: 'offsets 1-1 unread',
        detail: expect.stringMatching(/^target orders\[1\]: offsets 1 to 1 could not be read \(no record came back at offset 1\)/),
      }),
    ]);
    expect(r.partitionResults.find((p) => p.partition === 1)?.match).toBe(false);
  });
});

describe('compacted topics: the latest record per key', () => {
  type Rec = [key: string | null, value: string | null, headers?: Record<string, string>];
  /** Reads records in offset order as verify does: the latest per key, tombstones removing the key. */
  function compactedSide(parts: Record<number, Rec[]>): TopicRead {
    const latest = new Map<string, LatestRecord>();
    const keyless: bigint[] = [];
    for (const [p, recs] of Object.entries(parts)) {
      recs.forEach(([k, v, h], i) => {
        const hs = h ? Object.fromEntries(Object.entries(h).map(([a, x]) => [a, b(x)])) : undefined;
        if (k === null) return void keyless.push(messageHash(null, v === null ? null : b(v), hs));
        const id = `${p}/${keyId(b(k))}`;
        if (v === null) latest.delete(id);
        else latest.set(id, { partition: Number(p), offset: BigInt(i), hash: messageHash(b(k), b(v), hs) });
      });
    }
    return { partitions: new Map(), keys: new Map(), latest, keyless };
  }
  const one = (s: TopicRead, t: TopicRead): VerifyTopicInput => topic(s, t, { sourcePartitions: 1, targetPartitions: 1, plannedPartitions: 1 });

  test('different histories with the same latest records per key are equal; a tombstoned key is absent on both', () => {
    // source: never compacted (every version, a tombstone); target: compacted already (latest only, tombstone gone)
    const src = compactedSide({
      0: [
        ['a', '1'],
        ['b', '1'],
        ['a', '2', { h: 'x' }],
        ['c', '1'],
        ['c', null],
      ],
    });
    const tgt = compactedSide({
      0: [
        ['b', '1'],
        ['a', '2', { h: 'x' }],
      ],
    });
    const r = compareMigration({ topics: [one(src, tgt)], groups: [] });
    expect(r.differences).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.compactedResults).toEqual([{ topic: 'orders', sourceKeys: 2, targetKeys: 2, match: true }]);
    expect(r.compactedKeysHeld).toBe(4);
    expect(renderVerify(r)).toMatch(/1 compacted topic\(s\) compared by the latest record per key \(2 live keys on the source; 4 keys held in memory/);
  });

  test('a changed value, changed headers, a missing key and an extra key are each a difference', () => {
    const src = compactedSide({
      0: [
        ['a', '1'],
        ['b', '1', { h: 'x' }],
        ['c', '1'],
      ],
    });
    const tgt = compactedSide({
      0: [
        ['a', '9'],
        ['b', '1', { h: 'y' }],
        ['d', '1'],
      ],
    });
    const r = compareMigration({ topics: [one(src, tgt)], groups: [] });
    expect(verifyExitCode(r)).toBe(1);
    expect(r.differences.map((d) => [d.kind, d.detail.split(':')[0]])).toEqual([
      ['key-missing', '1 key(s) live on the source are absent on the target'],
      ['key-extra', '1 key(s) live on the target are absent (or deleted) on the source'],
      ['key-value', '2 key(s) have another latest value or headers on the target'],
    ]);
  });
});

describe('topics the plan does not copy', () => {
  test('are not compared, and the rendering names each with the reason instead of a difference', () => {
    const notCopied = [{ topic: 'jobs-internal', reason: 'MirrorMaker 2 treats names ending in "-internal" as internal' }];
    const r = compareMigration({ topics: [topic(side(data), side(data))], groups: [], notCopied });
    expect(r.ok).toBe(true);
    expect(r.notCopied).toEqual(notCopied);
    expect(r.differences).toEqual([]);
    expect(renderVerify(r)).toMatch(
      /\nnot compared: topic jobs-internal: the plan does not copy it \(MirrorMaker 2 treats names ending in "-internal" as internal\)\n$/,
    );
  });
});
