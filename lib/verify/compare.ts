/**
 * `verify`'s comparison, pure: what was read from the source and the target goes in, the differences come out.
 *
 * - every planned topic exists on the target with the planned partition count; every planned group exists;
 * - per partition, the message counts of the two sides;
 * - per partition, an order-independent checksum of keys and values over the copied range: the last
 *   min(source count, target count) messages of each side (all messages, or the last N with a sample),
 *   so a source whose retention removed old messages after they were copied still compares;
 * - per key, the partition number on both sides, where the partition counts match (MirrorMaker 2 keeps the
 *   partition number; a producer-side partitioner on the target would not);
 * - compacted topics by the latest record per key instead (key, value and headers; a tombstone counts as absent),
 *   because each side compacts at its own time, so offsets and counts differ between identical copies;
 * - a range that could not be read is a difference; a run that did not read everything (a sample, a planned topic
 *   missing on the source) says what it left out and is not OK.
 */
import { createHash } from 'crypto';
import { alignColumns } from '../util/columns';

const MASK64 = (1n << 64n) - 1n;

/**
 * Record headers: (key, value) pairs in record order as read from the wire, or an object of key → value(s) (a
 * repeated key as an array, in record order), which hashes the same as the pairs it lists.
 */
export type Headers =
  ReadonlyArray<readonly [Buffer | string | null, Buffer | string | null]> | Readonly<Record<string, Buffer | Buffer[] | string | undefined>>;

/** The (key, value) pairs of headers, in order. */
function headerPairs(headers: Headers | undefined): Array<readonly [Buffer | string | null | undefined, Buffer | string | null | undefined]> {
  if (!headers) return [];
  if (Array.isArray(headers)) return headers as Array<readonly [Buffer | string | null, Buffer | string | null]>;
  return Object.entries(headers as Readonly<Record<string, Buffer | Buffer[] | string | undefined>>).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => [k, x] as const),
  );
}

/**
 * 64 bits of SHA-256 over the key, the value and the headers, each with its length (null and empty differ; no
 * headers and an empty header list are the same).
 */
export function messageHash(key: Buffer | null, value: Buffer | null, headers?: Headers): bigint {
  const h = createHash('sha256');
  const len = Buffer.alloc(4);
  const part = (x: Buffer | string | null | undefined): void => {
    const buf = x === null || x === undefined ? null : typeof x === 'string' ? Buffer.from(x) : x;
    len.writeInt32BE(buf === null ? -1 : buf.length, 0);
    h.update(len);
    if (buf !== null) h.update(buf);
  };
  part(key);
  part(value);
  for (const [k, v] of headerPairs(headers)) {
    part(k);
    part(v);
  }
  return h.digest().readBigUInt64BE(0);
}

/** The key's identity in reports: 16 hex digits of its SHA-256 (message keys are business data: not printed). */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Sum modulo 2^64 of the hashes: independent of the order, and a duplicate does not cancel a missing message. */
export function checksum(hashes: readonly bigint[], from = 0): bigint {
  let s = 0n;
  for (let i = from; i < hashes.length; i++) s = (s + hashes[i]) & MASK64;
  return s;
}

export function hex64(x: bigint): string {
  return x.toString(16).padStart(16, '0');
}

/** One partition of one side, as read. */
export interface PartitionRead {
  readonly start: bigint;
  readonly end: bigint;
  /** Messages counted: those read (all mode), or end − start (sample and sample-every modes). */
  readonly count: number;
  /** Hashes of the messages read, in offset order (or their {@link TailChecksum}). */
  readonly hashes?: readonly bigint[];
  /** Instead of `hashes`: how many messages were read and the checksum of the last `compared` of them. */
  readonly tail?: TailChecksum;
}

/**
 * What the comparison needs of a partition's messages when their hashes are not kept: the number read and the
 * checksum of the last `compared` (the comparison's min(source read, target read)) of them.
 */
export interface TailChecksum {
  readonly read: number;
  readonly compared: number;
  readonly checksum: bigint;
}

/** keyId → first place seen; a Map, or any table that looks keys up and lists them the same way. */
export interface KeyPlaces extends Iterable<[string, KeyPlace]> {
  readonly size: number;
  get(keyId: string): KeyPlace | undefined;
}

/** Messages read of a partition. */
function readCount(p: PartitionRead | undefined): number {
  return p === undefined ? 0 : p.hashes ? p.hashes.length : (p.tail?.read ?? 0);
}

/** Checksum of the last `k` messages read of a partition. */
function tailChecksum(p: PartitionRead | undefined, k: number): bigint {
  if (p === undefined || k === 0) return 0n;
  if (p.hashes) return checksum(p.hashes, p.hashes.length - k);
  if (!p.tail || p.tail.compared !== k) throw new Error(`internal: the checksum of the last ${k} messages was not computed`);
  return p.tail.checksum;
}

/** Where one key was first seen on one side. */
export interface KeyPlace {
  readonly partition: number;
  readonly offset: bigint;
}

/** The latest record of one key on one side of a compacted topic. */
export interface LatestRecord {
  readonly partition: number;
  readonly offset: bigint;
  /** messageHash of key, value and headers. */
  readonly hash: bigint;
}

/** A range of offsets one side could not read. */
export interface UnreadPart {
  readonly partition: number;
  readonly from: bigint;
  readonly to: bigint;
  readonly reason: string;
}

export interface TopicRead {
  readonly partitions: ReadonlyMap<number, PartitionRead>;
  /** keyId → first place seen (keyed messages read). */
  readonly keys: KeyPlaces;
  /**
   * Compacted topics only: `<partition>/<keyId>` → the latest record of that key (tombstones removed), and the
   * hashes of records without a key. The per-partition hashes are then empty.
   */
  readonly latest?: ReadonlyMap<string, LatestRecord>;
  readonly keyless?: readonly bigint[] | HashSum;
  /** Ranges that stayed unread. */
  readonly unread?: readonly UnreadPart[];
}

export interface VerifyTopicInput {
  readonly sourceName: string;
  readonly targetName: string;
  readonly plannedPartitions: number;
  readonly sourcePartitions: number;
  /** Partition count on the target; undefined when the topic is missing there. */
  readonly targetPartitions?: number;
  readonly source?: TopicRead;
  readonly target?: TopicRead;
}

export interface VerifyInput {
  readonly topics: readonly VerifyTopicInput[];
  /** Records of the source and the target that were not read (a sample), for the result; counted per side. */
  readonly sampleSkipped?: { readonly source: bigint; readonly target: bigint };
  readonly groups: ReadonlyArray<{ readonly sourceId: string; readonly targetName: string; readonly onTarget: boolean }>;
  /** Messages compared per partition: undefined for all. */
  readonly sample?: number;
  /** A quick pre-check: every Nth block of records (and each partition's first and last records) was read. */
  readonly sampleEvery?: { readonly every: number; readonly block: number };
  /** Planned topics the plan does not copy (its transfer section), with the reason: not compared. */
  readonly notCopied?: ReadonlyArray<NotCopied>;
}

export interface NotCopied {
  /** Source name of the topic. */
  readonly topic: string;
  readonly reason: string;
}

export type DifferenceKind =
  'topic-missing' | 'partitions' | 'unread' | 'count' | 'checksum' | 'key-missing' | 'key-extra' | 'key-value' | 'key-partition' | 'group-missing';

export interface Difference {
  readonly kind: DifferenceKind;
  /** Target name of the topic or group. */
  readonly object: string;
  readonly partition?: number;
  readonly source: string;
  readonly target: string;
  readonly detail: string;
}

export interface PartitionResult {
  readonly topic: string;
  readonly partition: number;
  readonly sourceCount: number;
  readonly targetCount: number;
  /** Messages in the compared range (each side). */
  readonly compared: number;
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly match: boolean;
}

/** A compacted topic, compared by the latest record per key. */
export interface CompactedResult {
  readonly topic: string;
  /** Live keys (latest record not a tombstone) on each side. */
  readonly sourceKeys: number;
  readonly targetKeys: number;
  readonly match: boolean;
}

export interface VerifyResult {
  /** No difference, and every record in range was read on both sides. */
  readonly ok: boolean;
  /** Every record in range was read on both sides (no sample, no topic left out). */
  readonly complete: boolean;
  /** What was not read or compared, when not complete. */
  readonly notRead: readonly string[];
  readonly mode: 'all' | 'sample' | 'sample-every';
  readonly sample?: number;
  /** sample-every mode: every Nth block of `block` records was read, plus each partition's first and last records. */
  readonly sampleEvery?: { readonly every: number; readonly block: number };
  readonly topics: number;
  readonly groups: number;
  readonly partitions: number;
  readonly messagesCompared: number;
  readonly keysCompared: number;
  /** Keys held in memory for the compacted topics (memory grows with them, on those topics only). */
  readonly compactedKeysHeld: number;
  readonly compactedResults: readonly CompactedResult[];
  readonly partitionResults: readonly PartitionResult[];
  readonly differences: readonly Difference[];
  /** Planned topics not compared because the plan does not copy them, with the reason. */
  readonly notCopied: readonly NotCopied[];
}

const KEY_EXAMPLES = 5;

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keys of one kind of finding (their report ids): how many, and the first few in key order with how the report
 * describes each. Lists of disjoint parts of a topic add up ({@link mergeKeyLists}) to the list of the whole.
 */
export interface KeyList {
  readonly count: number;
  /** The first keys in key order (at most five), each with its description. */
  readonly first: ReadonlyArray<{ readonly key: string; readonly text: string }>;
}

const NO_KEYS: KeyList = { count: 0, first: [] };

function keyList(keys: readonly string[], describe: (k: string) => string): KeyList {
  const sorted = [...keys].sort(cmpStr);
  return { count: sorted.length, first: sorted.slice(0, KEY_EXAMPLES).map((key) => ({ key, text: describe(key) })) };
}

/** The list of two disjoint parts together: counts add, the first keys in key order are kept. */
export function mergeKeyLists(a: KeyList, b: KeyList): KeyList {
  return { count: a.count + b.count, first: [...a.first, ...b.first].sort((x, y) => cmpStr(x.key, y.key)).slice(0, KEY_EXAMPLES) };
}

function keyExamples(l: KeyList): string {
  return `${l.first.map((x) => x.text).join('; ')}${l.count > KEY_EXAMPLES ? `; and ${l.count - KEY_EXAMPLES} more` : ''}`;
}

/** partition/keyId → "key <id> in partition p at offset o". */
function place(k: string, r: LatestRecord | undefined): string {
  return `key ${k.slice(k.indexOf('/') + 1)} (${r ? `partition ${r.partition}@${r.offset}` : 'absent'})`;
}

/** A multiset of hashes: how many, and their checksum. */
export interface HashSum {
  readonly count: number;
  readonly sum: bigint;
}

/** What some partitions of a compacted topic contribute: live keys, the keys that differ, the records without a key. */
export interface CompactedParts {
  /** Live keys (latest record not a tombstone) on each side. */
  readonly sourceKeys: number;
  readonly targetKeys: number;
  readonly missing: KeyList;
  readonly extra: KeyList;
  readonly changed: KeyList;
  readonly keyless: { readonly source: HashSum; readonly target: HashSum };
}

/**
 * What some partitions of one topic contribute to the result. The parts of disjoint sets of partitions add up
 * ({@link mergeTopicParts}) to the parts of their union, so shards of one run combine into the same result.
 */
export interface TopicParts {
  readonly partitionResults: readonly PartitionResult[];
  /** Differences of single partitions: unread ranges, counts, checksums. */
  readonly differences: readonly Difference[];
  readonly messagesCompared: number;
  readonly keysCompared: number;
  /** Keys in another partition on the target (topics whose partition counts match). */
  readonly moved: KeyList;
  /** Compacted topics (compared by the latest record per key). */
  readonly compacted?: CompactedParts;
}

const sumOf = (hashes: readonly bigint[] | HashSum): HashSum => (isHashList(hashes) ? { count: hashes.length, sum: checksum(hashes) } : hashes);

function isHashList(x: readonly bigint[] | HashSum): x is readonly bigint[] {
  return Array.isArray(x);
}

/** Compacted topic: the latest record per key, and the records without a key as a multiset. */
function compactedParts(source: TopicRead, target: TopicRead, sampled: boolean): CompactedParts {
  const s = source.latest ?? new Map<string, LatestRecord>();
  const g = target.latest ?? new Map<string, LatestRecord>();
  const missing: string[] = [];
  const changed: string[] = [];
  const extra: string[] = [];
  for (const [k, r] of s) {
    const x = g.get(k);
    if (!x) missing.push(k);
    else if (x.hash !== r.hash) changed.push(k);
  }
  for (const k of g.keys()) if (!s.has(k)) extra.push(k);
  // a sample sees only the latest records of each side: a key outside one of them is not missing
  if (sampled) {
    missing.length = 0;
    extra.length = 0;
  }
  return {
    sourceKeys: s.size,
    targetKeys: g.size,
    missing: keyList(missing, (k) => place(k, s.get(k))),
    extra: keyList(extra, (k) => place(k, g.get(k))),
    changed: keyList(changed, (k) => `${place(k, s.get(k))} -> target ${g.get(k)?.partition}@${g.get(k)?.offset}`),
    keyless: { source: sumOf(source.keyless ?? []), target: sumOf(target.keyless ?? []) },
  };
}

function compactedResult(obj: string, c: CompactedParts, sampled: boolean, differences: Difference[]): CompactedResult {
  const src = `${c.sourceKeys} keys`;
  const tgt = `${c.targetKeys} keys`;
  if (c.missing.count)
    differences.push({
      kind: 'key-missing',
      object: obj,
      source: src,
      target: tgt,
      detail: `${c.missing.count} key(s) live on the source are absent on the target: ${keyExamples(c.missing)} (key = first 16 hex digits of its SHA-256)`,
    });
  if (c.extra.count)
    differences.push({
      kind: 'key-extra',
      object: obj,
      source: src,
      target: tgt,
      detail: `${c.extra.count} key(s) live on the target are absent (or deleted) on the source: ${keyExamples(c.extra)}`,
    });
  if (c.changed.count)
    differences.push({
      kind: 'key-value',
      object: obj,
      source: src,
      target: tgt,
      detail: `${c.changed.count} key(s) have another latest value or headers on the target: ${keyExamples(c.changed)}`,
    });
  const { source: sk, target: tk } = c.keyless;
  if (!sampled && (sk.count !== tk.count || sk.sum !== tk.sum))
    differences.push({
      kind: 'checksum',
      object: obj,
      source: `${sk.count} without key`,
      target: `${tk.count} without key`,
      detail: 'the records without a key differ',
    });
  return { topic: obj, sourceKeys: c.sourceKeys, targetKeys: c.targetKeys, match: !c.missing.count && !c.changed.count && !c.extra.count };
}

/**
 * The comparison of the partitions of one topic that were read on both sides (all of them, or `only` those: a
 * shard's share). Differences that concern the whole topic (missing, partition count) are not in it.
 */
export function compareTopicParts(
  t: VerifyTopicInput & { readonly source: TopicRead; readonly target: TopicRead },
  sampled: boolean,
  only?: ReadonlySet<number>,
): TopicParts {
  const differences: Difference[] = [];
  const partitionResults: PartitionResult[] = [];
  let messagesCompared = 0;
  let keysCompared = 0;
  const unreadParts = new Set<number>();
  for (const [side, read] of [
    ['source', t.source],
    ['target', t.target],
  ] as const) {
    for (const u of read.unread ?? []) {
      unreadParts.add(u.partition);
      differences.push({
        kind: 'unread',
        object: t.targetName,
        partition: u.partition,
        source: side === 'source' ? `offsets ${u.from}-${u.to - 1n} unread` : '-',
        target: side === 'target' ? `offsets ${u.from}-${u.to - 1n} unread` : '-',
        detail: `${side} ${side === 'source' ? t.sourceName : t.targetName}[${u.partition}]: offsets ${u.from} to ${u.to - 1n} could not be read (${u.reason}); nothing is known about them`,
      });
    }
  }
  const compacted = t.source.latest !== undefined || t.target.latest !== undefined;
  if (compacted)
    return { partitionResults, differences, messagesCompared, keysCompared, moved: NO_KEYS, compacted: compactedParts(t.source, t.target, sampled) };
  const n = Math.max(t.sourcePartitions, t.targetPartitions ?? 0);
  for (let p = 0; p < n; p++) {
    if (only && !only.has(p)) continue;
    const s = t.source.partitions.get(p);
    const g = t.target.partitions.get(p);
    const sc = s?.count ?? 0;
    const tc = g?.count ?? 0;
    const k = Math.min(readCount(s), readCount(g));
    const sSum = tailChecksum(s, k);
    const tSum = tailChecksum(g, k);
    messagesCompared += k;
    const unread = unreadParts.has(p);
    const countOk = unread || sc === tc;
    const sumOk = unread || sSum === tSum;
    partitionResults.push({
      topic: t.targetName,
      partition: p,
      sourceCount: sc,
      targetCount: tc,
      compared: k,
      sourceChecksum: hex64(sSum),
      targetChecksum: hex64(tSum),
      match: !unread && countOk && sumOk,
    });
    if (!countOk) {
      const missing = sc - tc;
      differences.push({
        kind: 'count',
        object: t.targetName,
        partition: p,
        source: `${sc}`,
        target: `${tc}`,
        detail: missing > 0 ? `${missing} message(s) missing on the target` : `${-missing} more message(s) on the target than on the source`,
      });
    }
    if (!sumOk) {
      differences.push({
        kind: 'checksum',
        object: t.targetName,
        partition: p,
        source: hex64(sSum),
        target: hex64(tSum),
        detail: `keys/values/headers differ over the last ${k} message(s) of each side`,
      });
    }
  }
  let moved = NO_KEYS;
  if (t.sourcePartitions === t.targetPartitions) {
    const places = new Map<string, [KeyPlace, KeyPlace]>();
    for (const [key, sp] of t.source.keys) {
      const tp = t.target.keys.get(key);
      if (!tp) continue;
      keysCompared++;
      if (tp.partition !== sp.partition) places.set(key, [sp, tp]);
    }
    moved = keyList([...places.keys()], (key) => {
      const [sp, tp] = places.get(key) as [KeyPlace, KeyPlace];
      return `key ${key}: source ${sp.partition}@${sp.offset}, target ${tp.partition}@${tp.offset}`;
    });
  }
  return { partitionResults, differences, messagesCompared, keysCompared, moved };
}

/** The parts of two disjoint sets of partitions of one topic, together. */
export function mergeTopicParts(a: TopicParts, b: TopicParts): TopicParts {
  const c = a.compacted && b.compacted ? mergeCompactedParts(a.compacted, b.compacted) : (a.compacted ?? b.compacted);
  return {
    partitionResults: [...a.partitionResults, ...b.partitionResults],
    differences: [...a.differences, ...b.differences],
    messagesCompared: a.messagesCompared + b.messagesCompared,
    keysCompared: a.keysCompared + b.keysCompared,
    moved: mergeKeyLists(a.moved, b.moved),
    ...(c ? { compacted: c } : {}),
  };
}

function mergeCompactedParts(a: CompactedParts, b: CompactedParts): CompactedParts {
  const add = (x: HashSum, y: HashSum): HashSum => ({ count: x.count + y.count, sum: (x.sum + y.sum) & MASK64 });
  return {
    sourceKeys: a.sourceKeys + b.sourceKeys,
    targetKeys: a.targetKeys + b.targetKeys,
    missing: mergeKeyLists(a.missing, b.missing),
    extra: mergeKeyLists(a.extra, b.extra),
    changed: mergeKeyLists(a.changed, b.changed),
    keyless: { source: add(a.keyless.source, b.keyless.source), target: add(a.keyless.target, b.keyless.target) },
  };
}

/** One planned topic as the verdict needs it, without what was read. */
export interface VerifyTopicFrame {
  readonly sourceName: string;
  readonly targetName: string;
  readonly plannedPartitions: number;
  readonly sourcePartitions: number;
  /** Partition count on the target; undefined when the topic is missing there. */
  readonly targetPartitions?: number;
  /** Whether the topic is on the source (a planned topic missing there is not compared). */
  readonly onSource: boolean;
}

/** Everything of {@link VerifyInput} but what was read of the topics. */
export interface VerifyFrame extends Omit<VerifyInput, 'topics'> {
  readonly topics: readonly VerifyTopicFrame[];
  /** What else was not read (beyond a `sample`'s earlier records and topics missing on the source). */
  readonly notRead?: readonly string[];
}

/**
 * The result from the planned topics and groups and the parts of each topic read on both sides (by target name).
 * A topic on both sides without parts had nothing compared.
 */
export function finishCompare(frame: VerifyFrame, parts: ReadonlyMap<string, TopicParts>): VerifyResult {
  const differences: Difference[] = [];
  const partitionResults: PartitionResult[] = [];
  const compactedResults: CompactedResult[] = [];
  const notRead: string[] = [];
  let messagesCompared = 0;
  let keysCompared = 0;
  let compactedKeysHeld = 0;
  const sampled = frame.sample !== undefined;
  if (frame.sampleSkipped && (frame.sampleSkipped.source > 0n || frame.sampleSkipped.target > 0n))
    notRead.push(
      `a sample of the last ${frame.sample} records per partition: ${frame.sampleSkipped.source} earlier record offsets on the source and ${frame.sampleSkipped.target} on the target were not read`,
    );
  notRead.push(...(frame.notRead ?? []));
  for (const t of frame.topics) {
    if (t.targetPartitions === undefined) {
      differences.push({
        kind: 'topic-missing',
        object: t.targetName,
        source: `${t.sourcePartitions} partitions`,
        target: 'missing',
        detail: `topic ${t.targetName}${t.targetName !== t.sourceName ? ` (source ${t.sourceName})` : ''} is planned but not on the target: run terraform apply`,
      });
      continue;
    }
    if (t.targetPartitions !== t.plannedPartitions) {
      differences.push({
        kind: 'partitions',
        object: t.targetName,
        source: `${t.plannedPartitions} planned`,
        target: `${t.targetPartitions}`,
        detail: `the target has ${t.targetPartitions} partitions, the plan ${t.plannedPartitions}`,
      });
    }
    if (!t.onSource) {
      notRead.push(`topic ${t.sourceName}: planned but not on the source, so not compared`);
      continue;
    }
    const p = parts.get(t.targetName);
    if (!p) continue;
    differences.push(...p.differences);
    if (p.compacted) {
      compactedKeysHeld += p.compacted.sourceKeys + p.compacted.targetKeys;
      compactedResults.push(compactedResult(t.targetName, p.compacted, sampled, differences));
      continue;
    }
    partitionResults.push(...p.partitionResults);
    messagesCompared += p.messagesCompared;
    keysCompared += p.keysCompared;
    if (p.moved.count)
      differences.push({
        kind: 'key-partition',
        object: t.targetName,
        source: 'same partition per key',
        target: `${p.moved.count} key(s) in another partition`,
        detail: `${keyExamples(p.moved)} (key = first 16 hex digits of its SHA-256; partition@offset)`,
      });
  }
  for (const g of frame.groups) {
    if (!g.onTarget) {
      differences.push({
        kind: 'group-missing',
        object: g.targetName,
        source: g.sourceId,
        target: 'missing',
        detail: `group ${g.targetName}${g.targetName !== g.sourceId ? ` (source ${g.sourceId})` : ''} is planned but not on the target`,
      });
    }
  }
  const order: Record<DifferenceKind, number> = {
    'topic-missing': 0,
    partitions: 1,
    unread: 2,
    count: 3,
    checksum: 4,
    'key-missing': 5,
    'key-extra': 6,
    'key-value': 7,
    'key-partition': 8,
    'group-missing': 9,
  };
  differences.sort(
    (a, b) => cmpStr(a.object, b.object) || (a.partition ?? -1) - (b.partition ?? -1) || order[a.kind] - order[b.kind] || cmpStr(a.detail, b.detail),
  );
  partitionResults.sort((a, b) => cmpStr(a.topic, b.topic) || a.partition - b.partition);
  compactedResults.sort((a, b) => cmpStr(a.topic, b.topic));
  const complete = notRead.length === 0;
  return {
    ok: differences.length === 0 && complete,
    complete,
    notRead,
    mode: frame.sampleEvery ? 'sample-every' : sampled ? 'sample' : 'all',
    sample: frame.sample,
    ...(frame.sampleEvery ? { sampleEvery: frame.sampleEvery } : {}),
    topics: frame.topics.length,
    groups: frame.groups.length,
    partitions: partitionResults.length,
    messagesCompared,
    keysCompared,
    compactedKeysHeld,
    compactedResults,
    partitionResults,
    differences,
    notCopied: frame.notCopied ?? [],
  };
}

/** The topic as the verdict needs it, without what was read. */
export function topicFrame(t: VerifyTopicInput): VerifyTopicFrame {
  return {
    sourceName: t.sourceName,
    targetName: t.targetName,
    plannedPartitions: t.plannedPartitions,
    sourcePartitions: t.sourcePartitions,
    ...(t.targetPartitions === undefined ? {} : { targetPartitions: t.targetPartitions }),
    onSource: t.source !== undefined,
  };
}

export function compareMigration(input: VerifyInput): VerifyResult {
  const sampled = input.sample !== undefined;
  const parts = new Map<string, TopicParts>();
  for (const t of input.topics) {
    if (t.targetPartitions === undefined || !t.source || !t.target) continue;
    parts.set(t.targetName, compareTopicParts({ ...t, source: t.source, target: t.target }, sampled));
  }
  return finishCompare({ ...input, topics: input.topics.map(topicFrame) }, parts);
}

/** The exit code of a result: 0 all read and matched, 1 differences, 3 no difference in what was read but not all was. */
export function verifyExitCode(r: VerifyResult): 0 | 1 | 3 {
  if (r.differences.length) return 1;
  return r.complete ? 0 : 3;
}

function modeText(r: VerifyResult): string {
  if (r.mode === 'all') return 'all messages';
  if (r.mode === 'sample-every' && r.sampleEvery)
    return `${r.sampleEvery.every === 1 ? 'every block' : `1 block in ${r.sampleEvery.every}`} of ${r.sampleEvery.block} records, and the first and last record, per partition`;
  return `last ${r.sample} per partition`;
}

/** The differences as a plain-text table (one line each), or the one-line success, or what was not read. */
export function renderVerify(r: VerifyResult): string {
  const compacted = r.compactedResults.length
    ? `; ${r.compactedResults.length} compacted topic(s) compared by the latest record per key (${r.compactedResults.reduce((n, c) => n + c.sourceKeys, 0)} live keys on the source; ${r.compactedKeysHeld} keys held in memory, which grows with the keys of compacted topics only)`
    : '';
  const head = `${r.topics} topics, ${r.partitions} partitions, ${r.groups} groups; ${r.messagesCompared} messages compared per side (${modeText(r)}), ${r.keysCompared} keys checked${compacted}`;
  const notRead = r.notRead.map((x) => `not read: ${x}\n`).join('');
  // topics the plan does not copy are named with the reason, so they are not mistaken for differences
  const skipped = r.notCopied.map((n) => `not compared: topic ${n.topic}: the plan does not copy it (${n.reason})\n`).join('');
  if (r.ok) return `verify: OK: ${head}\n${skipped}`;
  if (!r.differences.length) return `verify: NOT COMPLETE: no difference in what was read, but not everything was read: ${head}\n${notRead}${skipped}`;
  const rows: string[][] = [['kind', 'object', 'partition', 'source', 'target', 'detail']];
  for (const d of r.differences) rows.push([d.kind, d.object, d.partition === undefined ? '-' : String(d.partition), d.source, d.target, d.detail]);
  return `verify: ${r.differences.length} difference(s): ${head}\n${table(rows)}${notRead}${skipped}`;
}

export function table(rows: readonly string[][]): string {
  return alignColumns(rows).join('\n') + '\n';
}
