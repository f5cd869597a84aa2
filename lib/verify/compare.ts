/**
 * `verify`'s comparison, pure: what was read from the source and the target goes in, the differences come out.
 *
 * - every planned topic exists on the target with the planned partition count; every planned group exists;
 * - per partition, the message counts of the two sides;
 * - per partition, an order-independent checksum of keys and values over the copied range: the last
 *   min(source count, target count) messages of each side (all messages, or the last N with a sample),
 *   so a source whose retention removed old messages after they were copied still compares;
 * - per key, the partition number on both sides, where the partition counts match (MirrorMaker 2 keeps the
 *   partition number; a producer-side partitioner on the target would not).
 */
import { createHash } from 'crypto';

const MASK64 = (1n << 64n) - 1n;

/** 64 bits of SHA-256 over the key and the value, each with its length (null and empty differ). */
export function messageHash(key: Buffer | null, value: Buffer | null): bigint {
  const h = createHash('sha256');
  const len = Buffer.alloc(8);
  for (const part of [key, value]) {
    len.writeInt32BE(part === null ? -1 : part.length, 0);
    h.update(len.subarray(0, 4));
    if (part !== null) h.update(part);
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
  /** Messages counted: those read (all mode), or end − start (sample mode). */
  readonly count: number;
  /** Hashes of the messages read, in offset order. */
  readonly hashes: readonly bigint[];
}

/** Where one key was first seen on one side. */
export interface KeyPlace {
  readonly partition: number;
  readonly offset: bigint;
}

export interface TopicRead {
  readonly partitions: ReadonlyMap<number, PartitionRead>;
  /** keyId → first place seen (keyed messages read). */
  readonly keys: ReadonlyMap<string, KeyPlace>;
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
  readonly groups: ReadonlyArray<{ readonly sourceId: string; readonly targetName: string; readonly onTarget: boolean }>;
  /** Messages compared per partition: undefined for all. */
  readonly sample?: number;
}

export type DifferenceKind = 'topic-missing' | 'partitions' | 'count' | 'checksum' | 'key-partition' | 'group-missing';

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

export interface VerifyResult {
  readonly ok: boolean;
  readonly mode: 'all' | 'sample';
  readonly sample?: number;
  readonly topics: number;
  readonly groups: number;
  readonly partitions: number;
  readonly messagesCompared: number;
  readonly keysCompared: number;
  readonly partitionResults: readonly PartitionResult[];
  readonly differences: readonly Difference[];
}

const KEY_EXAMPLES = 5;

export function compareMigration(input: VerifyInput): VerifyResult {
  const differences: Difference[] = [];
  const partitionResults: PartitionResult[] = [];
  let messagesCompared = 0;
  let keysCompared = 0;
  let partitions = 0;
  for (const t of input.topics) {
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
    if (!t.source || !t.target) continue;
    const n = Math.max(t.sourcePartitions, t.targetPartitions);
    for (let p = 0; p < n; p++) {
      partitions++;
      const s = t.source.partitions.get(p);
      const g = t.target.partitions.get(p);
      const sc = s?.count ?? 0;
      const tc = g?.count ?? 0;
      const k = Math.min(s?.hashes.length ?? 0, g?.hashes.length ?? 0);
      const sSum = checksum(s?.hashes ?? [], (s?.hashes.length ?? 0) - k);
      const tSum = checksum(g?.hashes ?? [], (g?.hashes.length ?? 0) - k);
      messagesCompared += k;
      const countOk = sc === tc;
      const sumOk = sSum === tSum;
      partitionResults.push({
        topic: t.targetName,
        partition: p,
        sourceCount: sc,
        targetCount: tc,
        compared: k,
        sourceChecksum: hex64(sSum),
        targetChecksum: hex64(tSum),
        match: countOk && sumOk,
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
          detail: `keys/values differ over the last ${k} message(s) of each side`,
        });
      }
    }
    if (t.sourcePartitions === t.targetPartitions) {
      const moved: Array<[string, KeyPlace, KeyPlace]> = [];
      for (const [key, sp] of t.source.keys) {
        const tp = t.target.keys.get(key);
        if (!tp) continue;
        keysCompared++;
        if (tp.partition !== sp.partition) moved.push([key, sp, tp]);
      }
      if (moved.length) {
        moved.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const examples = moved
          .slice(0, KEY_EXAMPLES)
          .map(([key, sp, tp]) => `key ${key}: source ${sp.partition}@${sp.offset}, target ${tp.partition}@${tp.offset}`);
        differences.push({
          kind: 'key-partition',
          object: t.targetName,
          source: 'same partition per key',
          target: `${moved.length} key(s) in another partition`,
          detail: `${examples.join('; ')}${moved.length > KEY_EXAMPLES ? `; and ${moved.length - KEY_EXAMPLES} more` : ''} (key = first 16 hex digits of its SHA-256; partition@offset)`,
        });
      }
    }
  }
  for (const g of input.groups) {
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
  const order: Record<DifferenceKind, number> = { 'topic-missing': 0, partitions: 1, count: 2, checksum: 3, 'key-partition': 4, 'group-missing': 5 };
  differences.sort(
    (a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0) || (a.partition ?? -1) - (b.partition ?? -1) || order[a.kind] - order[b.kind],
  );
  partitionResults.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) || a.partition - b.partition);
  return {
    ok: differences.length === 0,
    mode: input.sample === undefined ? 'all' : 'sample',
    sample: input.sample,
    topics: input.topics.length,
    groups: input.groups.length,
    partitions,
    messagesCompared,
    keysCompared,
    partitionResults,
    differences,
  };
}

/** The differences as a plain-text table (one line each), or the one-line success. */
export function renderVerify(r: VerifyResult): string {
  const head = `${r.topics} topics, ${r.partitions} partitions, ${r.groups} groups; ${r.messagesCompared} messages compared per side (${r.mode === 'all' ? 'all messages' : `last ${r.sample} per partition`}), ${r.keysCompared} keys checked`;
  if (r.ok) return `verify: OK: ${head}\n`;
  const rows: string[][] = [['kind', 'object', 'partition', 'source', 'target', 'detail']];
  for (const d of r.differences) rows.push([d.kind, d.object, d.partition === undefined ? '-' : String(d.partition), d.source, d.target, d.detail]);
  return `verify: ${r.differences.length} difference(s): ${head}\n${table(rows)}`;
}

export function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
