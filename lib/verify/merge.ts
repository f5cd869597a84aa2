/**
 * `verify --merge OUT...`: the shard results of one snapshot combined into one verdict, the same as one run over
 * all of the snapshot's partitions would give (same result, same exit code). Refuses, naming the files, results of
 * different plans or snapshots, of different shard counts or modes, shares that overlap and shares that are missing.
 */
import { AlikafkaMigrateError } from '../errors';
import { finishCompare, mergeTopicParts, TopicParts, VerifyResult } from './compare';
import { partsFromJson, ShardResult } from './shard';

/** A result and the file it came from (for messages). */
export interface NamedResult {
  readonly file: string;
  readonly result: ShardResult;
}

function refuse(message: string): never {
  throw new AlikafkaMigrateError('input', `cannot merge the shard results: ${message}`);
}

/** Files grouped by a value, for a message: "a.json, b.json (x); c.json (y)". */
function byValue(rs: readonly NamedResult[], value: (r: ShardResult) => string): string {
  const m = new Map<string, string[]>();
  for (const r of rs) {
    const v = value(r.result);
    m.set(v, [...(m.get(v) ?? []), r.file]);
  }
  return [...m].map(([v, files]) => `${files.join(', ')} (${v})`).join('; ');
}

function same(rs: readonly NamedResult[], value: (r: ShardResult) => string, what: string, hint: string): void {
  if (new Set(rs.map((r) => value(r.result))).size > 1) refuse(`they are of different ${what}: ${byValue(rs, value)}; ${hint}`);
}

/** Checks that `results` are the N shares of one snapshot, each once, and combines them. */
export function mergeShardResults(results: readonly NamedResult[]): VerifyResult {
  if (results.length === 0) refuse('no result given');
  same(results, (r) => `plan ${r.plan.sha256.slice(0, 12)}…`, 'plans', 'merge the results of one plan');
  same(results, (r) => `snapshot ${r.snapshot.sha256.slice(0, 12)}…`, 'snapshots', 'every shard must read the same snapshot file');
  same(results, (r) => `${r.shard.count} shards`, 'shard counts', 'run every shard with the same N');
  same(results, (r) => (r.sample === undefined ? 'all messages' : `last ${r.sample} per partition`), 'modes', 'run every shard with the same sample');
  const first = results[0].result;
  const frame = JSON.stringify(first.frame);
  const odd = results.filter((r) => JSON.stringify(r.result.frame) !== frame);
  if (odd.length)
    refuse(`${odd.map((r) => r.file).join(', ')} describe(s) other topics or groups than ${results[0].file} for the same snapshot (edited by hand?)`);
  const n = first.shard.count;
  // each shard once
  const byIndex = new Map<number, string[]>();
  for (const r of results) byIndex.set(r.result.shard.index, [...(byIndex.get(r.result.shard.index) ?? []), r.file]);
  const twice = [...byIndex].filter(([, files]) => files.length > 1);
  if (twice.length) refuse(`overlapping shares: ${twice.map(([k, files]) => `shard ${k}/${n} is in ${files.join(' and ')}`).join('; ')}`);
  // each partition once
  const owner = new Map<string, string>();
  const overlaps: string[] = [];
  for (const r of results)
    for (const s of r.result.share)
      for (const p of s.partitions) {
        const key = `${s.topic}[${p}]`;
        const o = owner.get(key);
        if (o !== undefined) overlaps.push(`${key} in ${o} and ${r.file}`);
        else owner.set(key, r.file);
      }
  if (overlaps.length) refuse(`overlapping shares: ${overlaps.slice(0, 5).join('; ')}${overlaps.length > 5 ? `; and ${overlaps.length - 5} more` : ''}`);
  const missingShards = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  const missing: string[] = [];
  for (const t of first.frame.topics) for (const p of t.partitions) if (!owner.has(`${t.targetName}[${p}]`)) missing.push(`${t.targetName}[${p}]`);
  if (missingShards.length || missing.length)
    refuse(
      `missing shares: ${missingShards.length ? `no result for shard${missingShards.length > 1 ? 's' : ''} ${missingShards.map((k) => `${k}/${n}`).join(', ')}` : 'every shard is there'}` +
        `${missing.length ? `; partitions not compared: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}` : ''} (given: ${results.map((r) => r.file).join(', ')})`,
    );
  const parts = new Map<string, TopicParts>();
  for (const r of results)
    for (const j of r.result.parts) {
      const p = partsFromJson(j);
      const had = parts.get(j.topic);
      parts.set(j.topic, had ? mergeTopicParts(had, p) : p);
    }
  const skipped = results.some((r) => r.result.sampleSkipped)
    ? results.reduce(
        (acc, r) => ({
          source: acc.source + BigInt(r.result.sampleSkipped?.source ?? '0'),
          target: acc.target + BigInt(r.result.sampleSkipped?.target ?? '0'),
        }),
        { source: 0n, target: 0n },
      )
    : undefined;
  const notRead = [...new Set(results.flatMap((r) => r.result.notRead))].sort();
  return finishCompare(
    {
      topics: first.frame.topics.map(({ partitions: _p, ...t }) => t),
      groups: first.frame.groups,
      notCopied: first.frame.notCopied,
      sample: first.sample,
      sampleSkipped: skipped,
      notRead,
    },
    parts,
  );
}
