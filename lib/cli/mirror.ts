/**
 * `alikafka-migrate mirror --plan FILE`: renders MirrorMaker 2's configuration from the plan file `synth` wrote. How
 * each topic is copied, how each group's offsets move, how MirrorMaker runs and its own topics are the plan's
 * decisions (`transfer`, planned by `synth --mirror`); plan flags are refused naming synth. It adds only where the
 * clusters are and the direction: `--reverse` writes the rollback flow and keeps the source's committed offsets.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { serverProblem } from '../util/servers';
import { addPlanFileFlag, loadPlanFromFlag, PlanFileFlag, requirePlanFile } from './plan-flags';
import { readMetadataFile } from '../model';
import type { ClusterMetadata } from '../model';
import { endpointSpec } from '../alikafka';
import { isCopyFree } from '../plan';
import type { MigrationPlan, MigrationPlanFile } from '../plan';
import { clusterConnection, ClusterConnection, generateMirror, GroupOffsets, RollbackOffsets } from '../mirror';
import { staticJaasWarning } from '../mirror/secrets';
import { parseProperties, loadClientProperties } from '../sources/properties';
import { checkTlsHandshake } from '../sources/tls';
import { PathError, readUserFile } from '../util/fs';
import { OutputSetResult, reportOutputSet, writeOutputSet } from './output';
import { adminClient, describeKafkaError } from '../sources/client';

export interface MirrorFlags extends PlanFileFlag {
  readonly out: string;
  readonly targetBootstrap?: string;
  readonly sourceBootstrap?: string;
  readonly sourceProperties?: string;
  readonly targetProperties?: string;
  readonly reverse?: boolean;
  readonly offsetsFrom: string;
  readonly switched?: string[];
  readonly json?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The groups given to --switched, checked against the plan's groups (source ids). */
function switchedGroups(f: MirrorFlags, plan: MigrationPlanFile): string[] {
  const given = [...new Set(f.switched ?? [])].sort();
  if (!given.length) return [];
  if (f.reverse) throw new UsageError('--switched applies to the forward flow only (the --reverse flow syncs no offsets into the source)');
  const planned = new Set(plan.groups.map((g) => g.sourceId));
  const unknown = given.filter((g) => !planned.has(g));
  if (unknown.length) {
    const renamed = new Map(plan.groups.map((g) => [g.name, g.sourceId]));
    throw new UsageError(
      `--switched ${unknown.map((g) => `${g} is not a planned group${renamed.has(g) ? ` (it is the target name of ${renamed.get(g)}: give the source id)` : ''}`).join('; ')}; the plan has ${plan.groups.length} group(s)`,
    );
  }
  return given;
}

function serverList(flag: string, raw: string): string[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError(`${flag} is empty`);
  for (const s of list) {
    const problem = serverProblem(s);
    if (problem) throw new UsageError(`${flag}: ${problem}`);
  }
  return list;
}

interface ReadProps {
  readonly file?: string;
  readonly props?: Map<string, string>;
}

function readProps(flag: string, file: string | undefined): ReadProps {
  if (file === undefined) return {};
  const abs = path.resolve(file);
  try {
    return { file: abs, props: parseProperties(readUserFile(abs)) };
  } catch (e) {
    throw new CliError(`${flag} ${file}: ${(e as Error).message}`);
  }
}

function connection(flag: string, p: ReadProps): ClusterConnection {
  try {
    return clusterConnection(p.props, p.file);
  } catch (e) {
    throw new CliError(`${flag} ${p.file}: ${(e as Error).message}`);
  }
}

function sourceBootstrap(f: MirrorFlags, p: ReadProps, plan: MigrationPlanFile): string[] {
  if (f.sourceBootstrap !== undefined) return serverList('--source-bootstrap', f.sourceBootstrap);
  const fromFile = p.props?.get('bootstrap.servers');
  if (fromFile) return serverList(`bootstrap.servers in --source-properties ${f.sourceProperties}`, fromFile);
  const brokers = (plan.source.brokers ?? []).filter((b) => b.host && b.port).map((b) => `${b.host}:${b.port}`);
  if (brokers.length) return brokers;
  throw new UsageError('give --source-bootstrap HOST:PORT[,HOST:PORT] (the plan lists no source broker addresses)');
}

/**
 * The export `--offsets-from FILE` names, checked to be the one the plan was made from (its SHA-256 is in the plan),
 * so a rollback never keeps the offsets of another export.
 */
function planExport(file: string, plan: MigrationPlanFile): ClusterMetadata {
  const { metadata, sha256 } = readMetadataFile(file);
  if (sha256 !== plan.metadata.sha256) {
    throw new CliError(
      `--offsets-from ${file}: not the export the plan was made from (its SHA-256 is ${sha256.slice(0, 12)}..., the plan's metadata ${plan.metadata.sha256.slice(0, 12)}...); give that export, or --offsets-from source`,
    );
  }
  return metadata;
}

function targetBootstrap(f: MirrorFlags, p: ReadProps): string[] {
  if (f.targetBootstrap !== undefined) return serverList('--target-bootstrap', f.targetBootstrap);
  const fromFile = p.props?.get('bootstrap.servers');
  if (fromFile) return serverList(`bootstrap.servers in --target-properties ${f.targetProperties}`, fromFile);
  throw new UsageError(
    `give --target-bootstrap HOST:PORT[,HOST:PORT] (the AliKafka endpoint, e.g. the VPC endpoint on port ${endpointSpec('vpc-default').port})`,
  );
}

/** The committed offsets of the planned groups on the planned topics, from the metadata export. */
function offsetsFromMetadata(plan: MigrationPlan, meta: ClusterMetadata): RollbackOffsets {
  const topics = new Set(plan.topics.map((t) => t.sourceName));
  const byId = new Map((meta.consumerGroups ?? []).map((g) => [g.groupId, g]));
  const groups: GroupOffsets[] = plan.groups.map((g) => ({
    group: g.sourceId,
    offsets: (byId.get(g.sourceId)?.offsets ?? [])
      .filter((o) => topics.has(o.topic) && o.offset >= 0)
      .map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })),
  }));
  return { origin: 'metadata', readAt: meta.source.collectedAt, groups };
}

/** The same, read now from the source cluster with OffsetFetch (read-only: no join, no commit). */
async function offsetsFromSource(plan: MigrationPlan, brokers: string[], propsFile: string | undefined, timeoutMs: number): Promise<RollbackOffsets> {
  const settings = propsFile ? loadClientProperties(propsFile) : undefined;
  await checkTlsHandshake(brokers, settings?.tls, Math.min(timeoutMs, 10000), brokers.join(','));
  const admin = adminClient(brokers, settings, 'alikafka-migrate-mirror', { connectMs: Math.min(timeoutMs, 10000), requestMs: timeoutMs, retries: 2 });
  const topics = new Set(plan.topics.map((t) => t.sourceName));
  const readAt = new Date().toISOString();
  try {
    const groups: GroupOffsets[] = [];
    for (const g of plan.groups) {
      const res = await admin.listConsumerGroupOffsets({ groups: [g.sourceId] });
      const offsets = res
        .flatMap((x) => x.topics)
        .filter((t) => topics.has(t.name))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((t) =>
          t.partitions
            .filter((p) => p.committedOffset >= 0n)
            .sort((a, b) => a.partitionIndex - b.partitionIndex)
            .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) })),
        );
      groups.push({ group: g.sourceId, offsets });
    }
    return { origin: 'source-cluster', readAt, groups };
  } catch (e) {
    throw describeKafkaError(e, brokers.join(','), settings?.tls);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

export interface MirrorResult {
  readonly files: readonly string[];
}

export async function runMirror(f: MirrorFlags, io: CliIo): Promise<MirrorResult> {
  if (f.offsetsFrom === 'metadata') throw new UsageError('--offsets-from takes source or the path of the export the plan was made from: --offsets-from FILE');
  const planPath = requirePlanFile(f.plan, 'mirror');
  const plan = loadPlanFromFlag(planPath);
  if (isCopyFree(plan)) {
    // the plan's decision, rendered: nothing for MirrorMaker to do, so no file is written
    const line = f.reverse
      ? `the plan ${planPath} is copy-free (synth --no-copy): there is no copy to reverse; to go back, switch the producers back to the source, where the old groups still read`
      : `nothing to copy: the plan ${planPath} is copy-free (synth --no-copy): ${plan.topics.length} topic(s) not copied (producers switch to the target, the old groups drain the source) and ${plan.groups.length} group(s) whose offsets do not move; follow it with cutover --producers and cutover --drain`;
    if (f.json) io.out(`${JSON.stringify({ files: [], copyFree: true, topics: plan.topics.length, groups: plan.groups.length, message: line }, null, 2)}\n`);
    else io.out(`${line}\n`);
    return { files: [] };
  }
  if (plan.transfer?.mirrorMaker === undefined) {
    throw new UsageError(
      `the plan ${planPath} has no MirrorMaker: run synth with --mirror dedicated|connect (it plans MirrorMaker's own topics, which terraform apply then creates), then mirror --plan with the new plan file`,
    );
  }
  const switched = switchedGroups(f, plan);
  const exported = f.reverse && f.offsetsFrom !== 'source' ? planExport(f.offsetsFrom, plan) : undefined;
  const srcProps = readProps('--source-properties', f.sourceProperties);
  const tgtProps = readProps('--target-properties', f.targetProperties);
  const src = sourceBootstrap(f, srcProps, plan);
  const tgt = targetBootstrap(f, tgtProps);

  let rollback: RollbackOffsets | undefined;
  if (f.reverse) {
    if (exported) rollback = offsetsFromMetadata(plan, exported);
    else {
      try {
        rollback = await offsetsFromSource(plan, src, srcProps.file, 30000);
      } catch (e) {
        throw new CliError(
          `reading the committed offsets of the planned groups from the source ${src.join(',')} failed: ${(e as Error).message}; nothing was written (use --offsets-from FILE to keep the committed offsets of the export the plan was made from instead)`,
        );
      }
    }
  }
  const setup = generateMirror(plan, {
    reverse: f.reverse,
    sourceBootstrap: src,
    targetBootstrap: tgt,
    source: connection('--source-properties', srcProps),
    target: connection('--target-properties', tgtProps),
    rollbackOffsets: rollback,
    switched,
  });
  let set: OutputSetResult;
  try {
    set = writeOutputSet(f.out, 'mirror', setup.files);
  } catch (e) {
    if (e instanceof PathError) throw new CliError(`--out ${f.out}: ${e.message}`);
    throw e;
  }
  const written = setup.files.map((x) => ({ path: path.join(f.out, x.path) }));
  reportOutputSet(set, io);
  const r = setup.report;
  if (f.json) {
    io.out(`${JSON.stringify({ files: written.map((w) => w.path), report: r }, null, 2)}\n`);
  } else {
    const count = (k: string): number => r.topics.filter((t) => t.copy === k).length;
    io.out(
      `${r.direction} ${r.sourceAlias} -> ${r.targetAlias} (${r.mode}): ${r.topics.length - count('not-copied')} topics configured to copy ` +
        `(${count('renamed-by-policy')} renamed by ${r.replicationPolicy.split('.').pop()}), ${count('not-copied')} not copied; largest message ${r.messageLimit.bytes} bytes; ` +
        `${r.groups.filter((g) => g.synced).length} groups synced, ${r.groups.filter((g) => !g.synced && !g.switched).length} not${
          switched.length ? `, ${switched.length} switched (excluded from offset sync)` : ''
        }; tasks.max ${r.tasksMax}\n`,
    );
    for (const w of r.warnings) io.err(`warning: ${w}\n`);
    for (const [alias, p] of [
      [r.sourceAlias, f.reverse ? tgtProps : srcProps],
      [r.targetAlias, f.reverse ? srcProps : tgtProps],
    ] as const) {
      const w = staticJaasWarning(p.props, alias);
      if (w) io.err(`warning: ${w}\n`);
    }
    for (const w of written) io.out(`wrote ${w.path}\n`);
  }
  return { files: written.map((w) => w.path) };
}

/** Registers `alikafka-migrate mirror`. */
export function registerMirror(program: Command, io: CliIo): void {
  const cmd = program
    .command('mirror')
    .description(
      'write the MirrorMaker 2 configuration (dedicated mm2.properties, or Connect connector JSON) that copies the planned topics and group offsets, from the plan file of synth --mirror',
    )
    .option('--target-bootstrap <list>', 'target brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --target-properties)')
    .option('--source-bootstrap <list>', "source brokers (default: --source-properties bootstrap.servers, else the source's brokers in the plan)")
    .option(
      '--source-properties <file>',
      'Java client properties for the source: each key reaches the MirrorMaker client that knows it, or is refused by name; secrets are referenced as ${file:...}, never copied',
    )
    .option('--target-properties <file>', 'the same for the target')
    .option('--reverse', "rollback: mirror the target back to the source, and keep the source's committed offsets per group")
    .addOption(
      new Option(
        '--offsets-from <where>',
        'with --reverse: source (read the committed offsets from the source cluster now, read-only) or FILE (the export the plan was made from)',
      ).default('source'),
    )
    .option(
      '--switched <group>',
      "a planned group (source id) whose consumers now run on the target: left out of MirrorMaker's checkpoints and offset sync (groups.exclude), so it cannot overwrite their commits; repeatable",
      collect,
    )
    .option('--out <dir>', 'output directory', 'mirror')
    .option('--json', 'print the report as JSON');
  addPlanFileFlag(cmd, { required: true }).action(async (opts: MirrorFlags) => {
    await runMirror(opts, io);
  });
}
