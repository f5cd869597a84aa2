import { Command } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import {
  addClusterFlags,
  addPlanFileFlag,
  ClusterFlagValues,
  clustersFromFlags,
  loadPlanFromFlag,
  PlanFileFlag,
  requirePlanFile,
  givenFlags,
  wholeNumberFlag,
  withinDeadline,
} from './plan-flags';
import { finishCompare, renderVerify, table, VerifyResult, verifyExitCode } from '../verify/compare';
import { sha256Text } from '../verify/document';
import { mergeShardResults } from '../verify/merge';
import { verifyMigration, VerifyProgress } from '../verify/read';
import { sampleEveryMigration } from '../verify/sample-every';
import { progressLine } from './progress';
import { partsFromJson, readShardResult, runShard, ShardResult, shardResultText } from '../verify/shard';
import { readSnapshot, snapshotSize, snapshotText, takeSnapshot } from '../verify/snapshot';
import { readUserFile, writeFilesAtomically } from '../util/fs';

export interface VerifyFlags extends PlanFileFlag, ClusterFlagValues {
  readonly json?: boolean;
  readonly sample?: string;
  readonly snapshot?: string;
  readonly shard?: string;
  readonly result?: string;
  readonly merge?: string[];
  readonly sampleEvery?: string;
}

/** The most shards `--shard K/N` takes. */
export const MAX_SHARDS = 10_000;

/** Parses `--shard K/N`: 1 <= K <= N <= MAX_SHARDS, or a usage error. */
export function parseShardFlag(raw: string): { k: number; n: number } {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(raw);
  if (!m) throw new UsageError(`--shard must be K/N (this machine's share K of N, e.g. 2/3), got ${JSON.stringify(raw)}`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) throw new UsageError(`--shard ${raw}: N must be 1-${MAX_SHARDS}, got ${n}`);
  if (k < 1 || k > n) throw new UsageError(`--shard ${raw}: K must be 1-${n} (the shards are numbered from 1 to N), got ${k}`);
  return { k, n };
}

/** The plan file and the SHA-256 of its text. */
function planWithHash(f: VerifyFlags): { plan: ReturnType<typeof loadPlanFromFlag>; sha256: string } {
  const file = requirePlanFile(f.plan, 'verify');
  const plan = loadPlanFromFlag(file);
  return { plan, sha256: sha256Text(readUserFile(file)) };
}

/** Which of the run modes the flags ask for; conflicting flags are usage errors. */
function modeOf(f: VerifyFlags): 'single' | 'snapshot' | 'shard' | 'merge' {
  if (f.sampleEvery !== undefined) {
    const other = givenFlags([
      ['--sample', f.sample],
      ['--merge', f.merge],
      ['--shard', f.shard],
      ['--snapshot', f.snapshot],
      ['--result', f.result],
    ]);
    if (other.length) throw new UsageError(`--sample-every is a quick pre-check of one run; it does not go with ${other.join(', ')}`);
  }
  if (f.merge !== undefined) {
    const given = givenFlags([
      ['--shard', f.shard],
      ['--snapshot', f.snapshot],
      ['--result', f.result],
      ['--sample', f.sample],
    ]);
    if (given.length) throw new UsageError(`--merge combines results already written; it takes no ${given.join(', ')}`);
    return 'merge';
  }
  if (f.shard !== undefined) {
    if (f.snapshot === undefined)
      throw new UsageError('--shard K/N needs --snapshot FILE (take it once with verify --snapshot FILE, then give the same file to every shard)');
    if (f.result === undefined) throw new UsageError('--shard K/N needs --result OUT (the file this shard writes; verify --merge combines them)');
    return 'shard';
  }
  if (f.result !== undefined) throw new UsageError('--result OUT goes with --shard K/N --snapshot FILE');
  if (f.snapshot !== undefined) {
    if (f.sample !== undefined) throw new UsageError('--sample goes with the shards (--shard K/N), not with taking the snapshot');
    return 'snapshot';
  }
  return 'single';
}

/**
 * The verify command's work, callable from code. Exit code 0 when every record in range was read and matched,
 * 1 on any difference (an unread range is one), 3 when what was read matched but not everything was read
 * (a sample, a planned topic missing on the source). A shard (`--shard`) exits 0 or 1 for its share; a snapshot 0.
 */
export async function runVerify(f: VerifyFlags, io: CliIo): Promise<{ code: 0 | 1 | 3; result?: VerifyResult }> {
  const mode = modeOf(f);
  const sample = f.sample === undefined ? undefined : wholeNumberFlag('--sample', f.sample);
  if (sample === 0) throw new CliError('--sample must be at least 1 (leave it out to compare all messages)', 2);
  const every = f.sampleEvery === undefined ? undefined : wholeNumberFlag('--sample-every', f.sampleEvery);
  if (every === 0) throw new UsageError('--sample-every must be at least 1 (1 reads every block)');
  if (mode === 'merge') return runMerge(f, io);
  const shard = mode === 'shard' ? parseShardFlag(f.shard as string) : undefined;
  const { source, target, timeoutMs } = clustersFromFlags(f, io);
  if (mode === 'snapshot') {
    const { plan, sha256 } = planWithHash(f);
    const snap = await withinDeadline('verify', f, () => takeSnapshot(plan, sha256, { source, target, timeoutMs }));
    const text = snapshotText(snap);
    writeFilesAtomically([{ path: f.snapshot as string, content: text }]);
    const size = snapshotSize(snap);
    io.out(
      f.json
        ? text
        : `verify: snapshot of ${size.partitions} partitions of ${snap.topics.length} topics (${size.records} records on both sides) written to ${f.snapshot}; run verify --shard K/N --snapshot ${f.snapshot} --result OUT on each machine, then verify --merge OUT...\n`,
    );
    return { code: 0 };
  }
  if (shard) {
    const { plan, sha256 } = planWithHash(f);
    const { snapshot, sha256: snapSha } = readSnapshot(f.snapshot as string);
    const r = await withProgress(io, (progress) =>
      withinDeadline('verify', f, () => runShard(plan, sha256, snapshot, snapSha, shard.k, shard.n, { source, target, timeoutMs, sample, progress })),
    );
    const text = shardResultText(r);
    writeFilesAtomically([{ path: f.result as string, content: text }]);
    const { line, differences } = shardSummary(r, snapshotSize(snapshot).partitions, f.result as string);
    io.out(f.json ? text : line);
    return { code: differences ? 1 : 0 };
  }
  const { plan } = planWithHash(f);
  const result: VerifyResult = await withProgress(io, (progress) =>
    withinDeadline('verify', f, () =>
      every !== undefined
        ? sampleEveryMigration(plan, { source, target, timeoutMs, every })
        : verifyMigration(plan, { source, target, timeoutMs, sample, progress }),
    ),
  );
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderVerify(result));
  return { code: verifyExitCode(result), result };
}

/**
 * Runs `work` with verify's progress line: records read of both sides, with the bytes' rate and the time left, on
 * stderr (once both sides' totals are known).
 */
async function withProgress<T>(io: CliIo, work: (progress: VerifyProgress) => Promise<T>): Promise<T> {
  const progress = progressLine(io, 'verify', 'records', undefined, { timer: true, waitForTotal: true });
  let sides = 0;
  let total = 0;
  try {
    return await work({
      addTotal: (n) => {
        total += n;
        if (++sides === 2) progress.setTotal(total);
      },
      add: (n, bytes) => progress.add(n, bytes),
    });
  } finally {
    progress.done();
  }
}

/** A shard's own summary: what it compared and the differences in its share (the verdict is the merge's). */
function shardSummary(r: ShardResult, total: number, out: string): { line: string; differences: number } {
  const shareTopics = new Set(r.share.map((s) => s.topic));
  const partial = finishCompare(
    { topics: r.frame.topics.filter((t) => shareTopics.has(t.targetName)).map(({ partitions: _p, ...t }) => t), groups: [], notCopied: [], sample: r.sample },
    new Map(r.parts.map((p) => [p.topic, partsFromJson(p)])),
  );
  const n = r.share.reduce((a, s) => a + s.partitions.length, 0);
  const head = `verify: shard ${r.shard.index}/${r.shard.count}: ${n} of ${total} partitions, ${partial.messagesCompared} messages compared per side (${r.sample === undefined ? 'all messages' : `last ${r.sample} per partition`})`;
  const tail = `result written to ${out}; verify --merge with the results of all ${r.shard.count} shards gives the verdict\n`;
  if (!partial.differences.length) return { line: `${head}; no difference in this share; ${tail}`, differences: 0 };
  const rows: string[][] = [['kind', 'object', 'partition', 'source', 'target', 'detail']];
  for (const d of partial.differences) rows.push([d.kind, d.object, d.partition === undefined ? '-' : String(d.partition), d.source, d.target, d.detail]);
  return { line: `${head}; ${partial.differences.length} difference(s) in this share:\n${table(rows)}${tail}`, differences: partial.differences.length };
}

function runMerge(f: VerifyFlags, io: CliIo): { code: 0 | 1 | 3; result: VerifyResult } {
  const files = f.merge ?? [];
  if (files.length === 0) throw new UsageError('--merge needs the result files of the shards (verify --merge OUT1 OUT2 ...)');
  const results = files.map((file) => ({ file, result: readShardResult(file) }));
  if (f.plan !== undefined) {
    const { sha256 } = planWithHash(f);
    const other = results.filter((r) => r.result.plan.sha256 !== sha256);
    if (other.length) throw new CliError(`${other.map((r) => r.file).join(', ')}: verified another plan than ${f.plan} (SHA-256 ${sha256.slice(0, 12)}…)`, 1);
  }
  const result = mergeShardResults(results);
  io.out(f.json ? `${JSON.stringify(result, null, 2)}\n` : renderVerify(result));
  return { code: verifyExitCode(result), result };
}

/** Registers `alikafka-migrate verify`. */
export function registerVerify(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = program
    .command('verify')
    .description(
      'compare the target with the source for the planned topics and groups: partitions, message counts, checksums of keys, values and headers, key placement, compacted topics by the latest record per key; exit 0 when every record was read and matched, 1 on any difference (an unread range is one), 3 when a sample or a partial read found none. Read-only on both clusters. Across machines: --snapshot FILE once, --shard K/N --snapshot FILE --result OUT on each, --merge OUT... for the verdict',
    );
  addClusterFlags(cmd);
  cmd
    .option('--sample <n>', 'compare only the last N messages of each partition (default: all; a sample without differences exits 3)')
    .option(
      '--sample-every <r>',
      'a quick pre-check: read 1 block of 1000 records in every R of each partition, and its first and last records; says what it did not read (exit 3 without a difference)',
    )
    .option('--snapshot <file>', 'alone: record the end offsets to check in FILE (once, for all shards); with --shard: the snapshot to verify up to')
    .option('--shard <K/N>', 'verify share K of N of the snapshot (deterministic, balanced by records) and write it to --result')
    .option('--result <file>', 'where --shard writes its result (JSON), for --merge')
    .option(
      '--merge <files...>',
      'combine the results of all N shards into one verdict (same output and exit codes as one run); --plan is then optional (checked when given)',
    )
    .option('--json', 'print the result as JSON');
  addPlanFileFlag(cmd, { required: true, unlessGiven: 'merge' }).action(async (opts: VerifyFlags) => {
    const { code } = await runVerify(opts, io);
    setExit(code);
  });
}
