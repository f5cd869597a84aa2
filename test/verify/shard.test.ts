import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  compareMigration,
  compareTopicParts,
  keyId,
  LatestRecord,
  messageHash,
  renderVerify,
  TopicRead,
  verifyExitCode,
  VerifyTopicInput,
} from '../../lib/verify/compare';
import { checkDocument } from '../../lib/verify/document';
import { mergeShardResults, NamedResult } from '../../lib/verify/merge';
import {
  assignShares,
  frameOf,
  partsToJson,
  readShardResult,
  RESULT_VERSION,
  ShardResult,
  shardResultText,
  shareOf,
  ShareItem,
  snapshotItems,
} from '../../lib/verify/shard';
import { readSnapshot, snapshotText, VerifySnapshot } from '../../lib/verify/snapshot';
import resultSchema from '../../lib/verify/verify-result.schema.json';
import { parseShardFlag } from '../../lib/cli/verify';
import { runCli, tmpDir } from '../helpers';

const b = (s: string): Buffer => Buffer.from(s);
type Msg = [key: string | null, value: string | null];
type TopicData = Record<number, Msg[]>;

/** A side as verify reads it (offsets from 0), of the given partitions only. */
function side(parts: TopicData, only?: ReadonlySet<number>): TopicRead {
  const partitions = new Map<number, { start: bigint; end: bigint; count: number; hashes: bigint[] }>();
  const keys = new Map<string, { partition: number; offset: bigint }>();
  for (const [p, msgs] of Object.entries(parts)) {
    const n = Number(p);
    if (only && !only.has(n)) continue;
    partitions.set(n, {
      start: 0n,
      end: BigInt(msgs.length),
      count: msgs.length,
      hashes: msgs.map(([k, v]) => messageHash(k === null ? null : b(k), v === null ? null : b(v))),
    });
    msgs.forEach(([k], i) => {
      if (k !== null && !keys.has(keyId(b(k)))) keys.set(keyId(b(k)), { partition: n, offset: BigInt(i) });
    });
  }
  return { partitions, keys };
}

/** A compacted side: the latest record per partition/key, tombstones removing it; records without a key apart. */
function compactedSide(parts: TopicData, only?: ReadonlySet<number>): TopicRead {
  const latest = new Map<string, LatestRecord>();
  const keyless: bigint[] = [];
  for (const [p, msgs] of Object.entries(parts)) {
    if (only && !only.has(Number(p))) continue;
    msgs.forEach(([k, v], i) => {
      if (k === null) return void keyless.push(messageHash(null, v === null ? null : b(v)));
      const id = `${p}/${keyId(b(k))}`;
      if (v === null) latest.delete(id);
      else latest.set(id, { partition: Number(p), offset: BigInt(i), hash: messageHash(b(k), b(v)) });
    });
  }
  return { partitions: new Map(), keys: new Map(), latest, keyless };
}

interface EstateTopic {
  readonly name: string;
  readonly compacted: boolean;
  readonly source: TopicData;
  readonly target?: TopicData;
  readonly planned: number;
}

const keyed = (prefix: string, n: number): Msg[] => Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`] as Msg);

/** An estate with a difference of every kind a share can find, and one topic missing on the target. */
function estate(): EstateTopic[] {
  const orders: TopicData = { 0: [...keyed('a', 6), [null, 'x']], 1: keyed('b', 4), 2: keyed('c', 9) };
  const ordersT: TopicData = { ...orders, 1: [...keyed('b', 3), ['b3', 'changed']] };
  const events: TopicData = { 0: keyed('e', 3), 1: keyed('f', 5), 2: [], 3: keyed('g', 2) };
  const eventsT: TopicData = { ...events, 3: keyed('g', 1) };
  // compacted: keys missing on the target in two partitions (7 in all: the examples are the first 5 of both), a changed value
  const state: TopicData = { 0: [...keyed('k', 7), ['k0', null], [null, 'free']], 1: keyed('m', 5), 2: keyed('n', 3) };
  const stateT: TopicData = { 0: keyed('k', 1).slice(0, 0), 1: [...keyed('m', 2), ['m2', 'other'], ...keyed('m', 5).slice(3)], 2: keyed('n', 3) };
  return [
    { name: 'orders', compacted: false, source: orders, target: ordersT, planned: 3 },
    { name: 'events', compacted: false, source: events, target: eventsT, planned: 3 },
    { name: 'state', compacted: true, source: state, target: { ...stateT, 1: stateT[1].slice(0, 3) }, planned: 3 },
    { name: 'absent', compacted: false, source: { 0: keyed('z', 2) }, planned: 1 },
  ];
}

const PLAN_SHA = 'a'.repeat(64);
const SNAP_SHA = 'b'.repeat(64);
const groups = [
  { sourceId: 'g1', targetName: 'g1', onTarget: true },
  { sourceId: 'g2', targetName: 'g2', onTarget: false },
];

function snapshotOf(topics: readonly EstateTopic[]): VerifySnapshot {
  const count = (d: TopicData | undefined): number | undefined => (d ? Object.keys(d).length : undefined);
  const range = (msgs: Msg[] | undefined): { start: string; end: string } | undefined => (msgs ? { start: '0', end: String(msgs.length) } : undefined);
  return {
    snapshotVersion: 1,
    plan: { sha256: PLAN_SHA },
    topics: topics.map((t) => ({
      sourceName: t.name,
      targetName: t.name,
      plannedPartitions: t.planned,
      sourcePartitions: count(t.source) ?? 0,
      ...(t.target ? { targetPartitions: count(t.target) } : {}),
      onSource: true,
      compacted: t.compacted,
      partitions: t.target
        ? Array.from({ length: Math.max(count(t.source) ?? 0, count(t.target) ?? 0) }, (_, p) => ({
            partition: p,
            ...(t.source[p] ? { source: range(t.source[p]) } : {}),
            ...(t.target?.[p] ? { target: range(t.target[p]) } : {}),
          }))
        : [],
    })),
    groups,
    notCopied: [{ topic: '__consumer_offsets', reason: 'internal' }],
  };
}

function input(t: EstateTopic, only?: ReadonlySet<number>): VerifyTopicInput {
  const read = t.compacted ? compactedSide : side;
  return {
    sourceName: t.name,
    targetName: t.name,
    plannedPartitions: t.planned,
    sourcePartitions: Object.keys(t.source).length,
    targetPartitions: t.target ? Object.keys(t.target).length : undefined,
    source: read(t.source, only),
    target: t.target ? read(t.target, only) : undefined,
  };
}

/** What `verify --shard k/n` writes for the estate, through the file format and its schema. */
function shardResult(topics: readonly EstateTopic[], snap: VerifySnapshot, k: number, n: number, over: Partial<ShardResult> = {}): ShardResult {
  const share = shareOf(snap, k, n);
  const byTopic = new Map<string, Set<number>>();
  for (const it of share) byTopic.set(it.topic, (byTopic.get(it.topic) ?? new Set()).add(it.partition));
  const parts = topics
    .filter((t) => byTopic.has(t.name))
    .map((t) => {
      const i = input(t, byTopic.get(t.name));
      return partsToJson(t.name, compareTopicParts({ ...i, source: i.source as TopicRead, target: i.target as TopicRead }, false, byTopic.get(t.name)));
    });
  const r: ShardResult = {
    resultVersion: RESULT_VERSION,
    plan: { sha256: PLAN_SHA },
    snapshot: { sha256: SNAP_SHA },
    shard: { index: k, count: n },
    notRead: [],
    share: [...byTopic].sort(([a], [c]) => (a < c ? -1 : 1)).map(([topic, ps]) => ({ topic, partitions: [...ps].sort((x, y) => x - y) })),
    frame: frameOf(snap),
    parts,
    ...over,
  };
  return checkDocument<ShardResult>(resultSchema, shardResultText(r), `shard-${k}.json`, 'verify shard result', { field: 'resultVersion', supported: 1 });
}

describe('assignShares', () => {
  const items = fc
    .uniqueArray(fc.record({ topic: fc.constantFrom('a', 'b', 'c.d', 'e_f'), partition: fc.nat(40), weight: fc.bigInt(0n, 1_000_000n) }), {
      selector: (x) => `${x.topic}/${x.partition}`,
      maxLength: 80,
    })
    .map((xs) => xs as ShareItem[]);

  test('every partition is in exactly one share, whatever the order the partitions come in', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 12 }), fc.nat(), (xs, n, seed) => {
        const shards = assignShares(xs, n);
        expect(shards).toHaveLength(n);
        const all = shards.flat().map((x) => `${x.topic}/${x.partition}`);
        expect(new Set(all).size).toBe(xs.length);
        expect(all.sort()).toEqual(xs.map((x) => `${x.topic}/${x.partition}`).sort());
        // deterministic: a shuffled input gives the same shares
        const shuffled = [...xs].sort((p, q) => ((p.partition * 7919 + seed) % 101) - ((q.partition * 7919 + seed) % 101));
        expect(assignShares(shuffled, n)).toEqual(shards);
      }),
    );
  });

  test('balanced: the heaviest share outweighs the lightest by at most the heaviest partition', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 12 }), (xs, n) => {
        const loads = assignShares(xs, n).map((s) => s.reduce((a, x) => a + x.weight, 0n));
        const max = loads.reduce((a, x) => (x > a ? x : a), 0n);
        const min = loads.reduce((a, x) => (x < a ? x : a), loads[0]);
        const heaviest = xs.reduce((a, x) => (x.weight > a ? x.weight : a), 0n);
        expect(max - min <= heaviest).toBe(true);
      }),
    );
  });

  test('largest first onto the lightest share, ties by topic and partition, then to the lower shard number', () => {
    const w = (topic: string, partition: number, weight: bigint): ShareItem => ({ topic, partition, weight });
    const shards = assignShares([w('t', 0, 10n), w('t', 1, 7n), w('t', 2, 5n), w('t', 3, 5n), w('s', 9, 5n)], 2);
    // 10 -> 1; 7 -> 2; s/9 (5, first by name) -> 2 (7 < 10); t/2 -> 1 (10 < 12); t/3 -> 1? no: 15 vs 12 -> 2
    expect(shards.map((s) => s.map((x) => `${x.topic}/${x.partition}`))).toEqual([
      ['t/0', 't/2'],
      ['s/9', 't/1', 't/3'],
    ]);
  });

  test('more shards than partitions: the extra shares are empty', () => {
    expect(assignShares([{ topic: 't', partition: 0, weight: 3n }], 3).map((s) => s.length)).toEqual([1, 0, 0]);
  });

  test('a snapshot partition weighs the bytes the source stores for it, when the snapshot has them for every partition', () => {
    const snap = snapshotOf(estate());
    const withBytes: VerifySnapshot = {
      ...snap,
      topics: snap.topics.map((t) => ({ ...t, partitions: t.partitions.map((q) => ({ ...q, sourceBytes: 1000 + q.partition })) })),
    };
    expect(snapshotItems(withBytes).find((x) => x.topic === 'orders' && x.partition === 2)?.weight).toBe(1002n);
    // one partition without: records for all
    const some: VerifySnapshot = { ...withBytes, topics: [...withBytes.topics.slice(0, 1), ...snap.topics.slice(1)] };
    expect(snapshotItems(some).find((x) => x.topic === 'orders' && x.partition === 2)?.weight).toBe(18n);
  });

  test('a snapshot partition weighs its records on both sides', () => {
    const snap = snapshotOf(estate());
    const items2 = snapshotItems(snap);
    expect(items2.find((x) => x.topic === 'orders' && x.partition === 2)?.weight).toBe(18n);
    // the topic missing on the target has nothing to compare
    expect(items2.some((x) => x.topic === 'absent')).toBe(false);
  });
});

describe('--shard K/N', () => {
  test.each([
    ['1/1', { k: 1, n: 1 }],
    ['3/7', { k: 3, n: 7 }],
    [' 2 / 2 ', { k: 2, n: 2 }],
  ])('%j is share K of N', (raw, want) => {
    expect(parseShardFlag(raw)).toEqual(want);
  });

  test.each(['0/3', '4/3', '1/0', '3', '1/2/3', 'a/b', '-1/3', '1.5/3', ''])('%j is a usage error', (raw) => {
    expect(() => parseShardFlag(raw)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  test('--shard without --snapshot, or without --result, and --result alone are usage errors (exit 2)', async () => {
    const base = ['verify', '--plan', 'p.json', '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:2'];
    const a = await runCli([...base, '--shard', '1/2', '--result', 'o.json']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('--shard K/N needs --snapshot FILE');
    const c = await runCli([...base, '--shard', '1/2', '--snapshot', 's.json']);
    expect(c.code).toBe(2);
    expect(c.err).toContain('--shard K/N needs --result OUT');
    const d = await runCli([...base, '--result', 'o.json']);
    expect(d.code).toBe(2);
    const e = await runCli([...base, '--shard', '3/2', '--snapshot', 's.json', '--result', 'o.json']);
    expect(e.code).toBe(2);
    expect(e.err).toContain('K must be 1-2');
  });
});

describe('snapshot and result files', () => {
  test('a snapshot round-trips through its file and schema; a broken one is refused naming the file and the field', () => {
    const dir = tmpDir('snap');
    const snap = snapshotOf(estate());
    const file = path.join(dir, 'snap.json');
    fs.writeFileSync(file, snapshotText(snap));
    const back = readSnapshot(file);
    expect(back.snapshot).toEqual(snap);
    expect(back.sha256).toMatch(/^[0-9a-f]{64}$/);
    // same snapshot, same bytes
    expect(snapshotText(back.snapshot)).toBe(fs.readFileSync(file, 'utf8'));

    const bad = JSON.parse(snapshotText(snap)) as { topics: Array<{ partitions: Array<{ source?: { end: unknown } }> }> };
    bad.topics[0].partitions[0].source = { end: 12 } as never;
    fs.writeFileSync(file, JSON.stringify(bad));
    expect(() => readSnapshot(file)).toThrow(/snap\.json: not a valid verify snapshot .*\n.*topics\[0\]\.partitions\[0\]\.source/);
    fs.writeFileSync(file, JSON.stringify({ ...snap, snapshotVersion: 2 }));
    expect(() => readSnapshot(file)).toThrow(/snapshotVersion: version 2 is not supported/);
  });

  test('a shard result file is checked against its schema', () => {
    const dir = tmpDir('res');
    const snap = snapshotOf(estate());
    const r = shardResult(estate(), snap, 1, 2);
    const file = path.join(dir, 'r.json');
    fs.writeFileSync(file, shardResultText(r));
    expect(readShardResult(file)).toEqual(r);
    fs.writeFileSync(file, shardResultText({ ...r, shard: { index: 0, count: 2 } }));
    expect(() => readShardResult(file)).toThrow(/r\.json: not a valid verify shard result.*\n.*shard\.index: must be an integer >= 1/);
  });
});

describe('merge', () => {
  const topics = estate();
  const snap = snapshotOf(topics);
  const single = compareMigration({
    topics: topics.map((t) => input(t)),
    groups,
    notCopied: [{ topic: '__consumer_offsets', reason: 'internal' }],
  });
  const named = (rs: ShardResult[]): NamedResult[] => rs.map((result, i) => ({ file: `out-${i + 1}.json`, result }));

  test('the shards of one snapshot combine into the single run’s result, text and exit code, for any shard count', () => {
    expect(single.differences.map((d) => d.kind).sort()).toEqual(
      ['checksum', 'checksum', 'count', 'group-missing', 'key-missing', 'key-value', 'topic-missing', 'partitions', 'checksum'].sort(),
    );
    for (const n of [1, 2, 3, 5, 12]) {
      const rs = Array.from({ length: n }, (_, i) => shardResult(topics, snap, i + 1, n));
      const merged = mergeShardResults(named(rs.reverse()));
      expect(merged).toEqual(single);
      expect(renderVerify(merged)).toBe(renderVerify(single));
      expect(verifyExitCode(merged)).toBe(verifyExitCode(single));
    }
    // the key examples of a compacted topic are the first five over all shares
    expect(single.differences.find((d) => d.kind === 'key-missing')?.detail).toMatch(/^8 key\(s\) .*; and 3 more \(key = /);
  });

  test('an identical estate merges to OK (exit 0)', () => {
    const same = topics.filter((t) => t.target).map((t) => ({ ...t, target: t.source, planned: Object.keys(t.source).length }));
    const s2 = { ...snapshotOf(same), groups: [groups[0]] };
    const merged = mergeShardResults(named([1, 2, 3].map((k) => shardResult(same, s2, k, 3))));
    expect(merged.ok).toBe(true);
    expect(verifyExitCode(merged)).toBe(0);
  });

  test('a difference is in exactly one share', () => {
    const rs = [1, 2, 3].map((k) => shardResult(topics, snap, k, 3));
    const withCount = rs.filter((r) => r.parts.some((p) => p.differences.some((d) => d.kind === 'count' && d.object === 'events' && d.partition === 3)));
    expect(withCount).toHaveLength(1);
  });

  const three = (): ShardResult[] => [1, 2, 3].map((k) => shardResult(topics, snap, k, 3));

  test('results of different plans are refused, naming the files', () => {
    const rs = three();
    rs[1] = { ...rs[1], plan: { sha256: 'c'.repeat(64) } };
    expect(() => mergeShardResults(named(rs))).toThrow(
      'cannot merge the shard results: they are of different plans: out-1.json, out-3.json (plan aaaaaaaaaaaa…); out-2.json (plan cccccccccccc…); merge the results of one plan',
    );
  });

  test('results of different snapshots are refused, naming the files', () => {
    const rs = three();
    rs[2] = { ...rs[2], snapshot: { sha256: 'd'.repeat(64) } };
    expect(() => mergeShardResults(named(rs))).toThrow(/different snapshots: out-1\.json, out-2\.json \(snapshot b{12}…\); out-3\.json \(snapshot d{12}…\)/);
  });

  test('overlapping shares are refused: the same shard twice, or shares of different shard counts', () => {
    const rs = three();
    expect(() => mergeShardResults(named([rs[0], rs[1], rs[1], rs[2]]))).toThrow(/overlapping shares: shard 2\/3 is in out-2\.json and out-3\.json/);
    const other = shardResult(topics, snap, 1, 2);
    expect(() => mergeShardResults(named([rs[0], rs[1], rs[2], other]))).toThrow(
      /different shard counts: out-1\.json, out-2\.json, out-3\.json \(3 shards\); out-4\.json \(2 shards\)/,
    );
    // a share edited to claim another shard's partition
    const stolen = { ...rs[0], share: [...rs[0].share, ...rs[1].share] };
    expect(() => mergeShardResults(named([stolen, rs[1], rs[2]]))).toThrow(/overlapping shares: \w+\[\d+\] in out-1\.json and out-2\.json/);
  });

  test('missing shares are refused, naming the shard and the partitions not compared', () => {
    const rs = three();
    expect(() => mergeShardResults(named([rs[0], rs[2]]))).toThrow(
      /missing shares: no result for shard 2\/3; partitions not compared: .*\(given: out-1\.json, out-2\.json\)/,
    );
  });

  test('verify --merge through the CLI: same text and exit code as one run; a refusal exits 1 naming the files', async () => {
    const dir = tmpDir('merge');
    const files = three().map((r, i) => {
      const f = path.join(dir, `shard-${i + 1}.json`);
      fs.writeFileSync(f, shardResultText(r));
      return f;
    });
    const r = await runCli(['verify', '--merge', ...files]);
    expect(r.code).toBe(verifyExitCode(single));
    expect(r.out).toBe(renderVerify(single));
    const j = await runCli(['verify', '--merge', ...files, '--json']);
    expect(JSON.parse(j.out)).toEqual(JSON.parse(JSON.stringify(single)));
    const refused = await runCli(['verify', '--merge', files[0], files[1]]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`missing shares: no result for shard 3/3`);
    expect(refused.err).toContain(files[1]);
    const usage = await runCli(['verify', '--merge', ...files, '--shard', '1/3']);
    expect(usage.code).toBe(2);
  });
});
