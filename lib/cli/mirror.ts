/**
 * `alikafka-migrate mirror`: renders MirrorMaker 2's configuration from the plan `synth` made (same plan flags,
 * mapped by synth's planOptionsFromFlags; `--mirror` and MirrorMaker's settings are plan flags): how each topic is
 * copied, how each group's offsets move and MirrorMaker's own topics are the plan's decisions
 * (`plan.transfer`). Adds only where the clusters are and the direction: `--reverse` writes the rollback flow and
 * keeps the source's committed offsets.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { planOptionsFromFlags, SynthFlags } from './synth';
import { addPlanOptions } from './plan-options';
import { loadMetadataFile } from '../model';
import type { ClusterMetadata } from '../model';
import { planMigration } from '../plan';
import { endpointSpec } from '../alikafka';
import type { MigrationPlan } from '../plan';
import { clusterConnection, ClusterConnection, generateMirror, GroupOffsets, RollbackOffsets } from '../mirror';
import { parseProperties, loadClientProperties } from '../sources/properties';
import { readUserFile, writeFilesAtomically } from '../util/fs';
import { Kafka, logLevel } from 'kafkajs';

export interface MirrorFlags extends Omit<SynthFlags, 'out' | 'stack' | 'json'> {
  readonly out: string;
  readonly targetBootstrap?: string;
  readonly sourceBootstrap?: string;
  readonly sourceProperties?: string;
  readonly targetProperties?: string;
  readonly reverse?: boolean;
  readonly offsetsFrom: string;
  readonly json?: boolean;
}

function serverList(flag: string, raw: string): string[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError(`${flag} is empty`);
  for (const s of list) {
    if (!/^[^\s:/@,]+:\d{1,5}$/.test(s) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(s))
      throw new UsageError(`${flag}: bad server ${JSON.stringify(s)} (expected HOST:PORT)`);
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

function sourceBootstrap(f: MirrorFlags, p: ReadProps, meta: ClusterMetadata): string[] {
  if (f.sourceBootstrap !== undefined) return serverList('--source-bootstrap', f.sourceBootstrap);
  const fromFile = p.props?.get('bootstrap.servers');
  if (fromFile) return serverList(`bootstrap.servers in --source-properties ${f.sourceProperties}`, fromFile);
  const brokers = (meta.brokers ?? []).filter((b) => b.host && b.port).map((b) => `${b.host}:${b.port}`);
  if (brokers.length) return brokers;
  throw new UsageError('give --source-bootstrap HOST:PORT[,HOST:PORT] (the metadata lists no broker addresses)');
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
  const kafka = new Kafka({
    clientId: 'alikafka-migrate-mirror',
    brokers,
    ssl: settings?.ssl,
    sasl: settings?.sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 10000),
    requestTimeout: timeoutMs,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  const topics = [...new Set(plan.topics.map((t) => t.sourceName))].sort();
  const readAt = new Date().toISOString();
  await admin.connect();
  try {
    const groups: GroupOffsets[] = [];
    for (const g of plan.groups) {
      const res = await admin.fetchOffsets({ groupId: g.sourceId, topics });
      const offsets = res.flatMap((t) =>
        t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
      );
      groups.push({ group: g.sourceId, offsets });
    }
    return { origin: 'source-cluster', readAt, groups };
  } finally {
    await admin.disconnect();
  }
}

export interface MirrorResult {
  readonly files: readonly string[];
}

export async function runMirror(f: MirrorFlags, io: CliIo): Promise<MirrorResult> {
  if (f.offsetsFrom !== 'source' && f.offsetsFrom !== 'metadata')
    throw new UsageError(`--offsets-from must be source or metadata, got ${JSON.stringify(f.offsetsFrom)}`);
  if (f.allowDestroy && !f.previousMetadata) throw new UsageError('--allow-destroy only applies with --previous-metadata');
  if (f.existingTarget && !f.instanceId) throw new UsageError('--existing-target needs --instance-id (objects can only exist on an existing instance)');
  const options = planOptionsFromFlags({ ...f, out: f.out, stack: 'mirror' });
  const meta = loadMetadataFile(f.metadata);
  if (options.mirror === undefined)
    throw new UsageError('give --mirror dedicated|connect, as synth was given it: the plan decides how MirrorMaker runs and Terraform creates its topics');
  const plan = planMigration(meta, options);
  const srcProps = readProps('--source-properties', f.sourceProperties);
  const tgtProps = readProps('--target-properties', f.targetProperties);
  const src = sourceBootstrap(f, srcProps, meta);
  const tgt = targetBootstrap(f, tgtProps);

  let rollback: RollbackOffsets | undefined;
  if (f.reverse) {
    if (f.offsetsFrom === 'metadata') rollback = offsetsFromMetadata(plan, meta);
    else {
      try {
        rollback = await offsetsFromSource(plan, src, srcProps.file, 30000);
      } catch (e) {
        throw new CliError(
          `reading the committed offsets of the planned groups from the source ${src.join(',')} failed: ${(e as Error).message}; nothing was written (use --offsets-from metadata to keep the offsets of the export instead)`,
        );
      }
    }
  }
  let setup;
  try {
    setup = generateMirror(plan, {
      reverse: f.reverse,
      sourceBootstrap: src,
      targetBootstrap: tgt,
      source: connection('--source-properties', srcProps),
      target: connection('--target-properties', tgtProps),
      rollbackOffsets: rollback,
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  const written = setup.files.map((x) => ({ path: path.join(f.out, x.path), content: x.content }));
  writeFilesAtomically(written);
  const r = setup.report;
  if (f.json) {
    io.out(`${JSON.stringify({ files: written.map((w) => w.path), report: r }, null, 2)}\n`);
  } else {
    const count = (k: string): number => r.topics.filter((t) => t.copy === k).length;
    io.out(
      `${r.direction} ${r.sourceAlias} -> ${r.targetAlias} (${r.mode}): ${r.topics.length - count('not-copied')} topics configured to copy ` +
        `(${count('renamed-by-policy')} renamed by ${r.replicationPolicy.split('.').pop()}), ${count('not-copied')} not copied; largest message ${r.messageLimit.bytes} bytes; ` +
        `${r.groups.filter((g) => g.synced).length} groups synced, ${r.groups.filter((g) => !g.synced).length} not; tasks.max ${r.tasksMax}\n`,
    );
    for (const w of r.warnings) io.err(`warning: ${w}\n`);
    for (const w of written) io.out(`wrote ${w.path}\n`);
  }
  return { files: written.map((w) => w.path) };
}

/** Registers `alikafka-migrate mirror`. */
export function registerMirror(program: Command, io: CliIo): void {
  const cmd = program
    .command('mirror')
    .description('write the MirrorMaker 2 configuration (dedicated mm2.properties, or Connect connector JSON) that copies the planned topics and group offsets')
    .requiredOption('--metadata <file>', 'metadata JSON file (from export)')
    .option('--target-bootstrap <list>', 'target brokers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --target-properties)')
    .option('--source-bootstrap <list>', 'source brokers (default: --source-properties bootstrap.servers, else the brokers in the metadata)')
    .option(
      '--source-properties <file>',
      'Java client properties for the source: each key reaches the MirrorMaker client that knows it, or is refused by name; secrets are referenced as ${file:...}, never copied',
    )
    .option('--target-properties <file>', 'the same for the target')
    .option('--reverse', "rollback: mirror the target back to the source, and keep the source's committed offsets per group")
    .addOption(
      new Option('--offsets-from <where>', 'with --reverse: read the committed offsets from the source cluster now (read-only) or from the metadata export')
        .choices(['source', 'metadata'])
        .default('source'),
    )
    .option('--out <dir>', 'output directory', 'mirror');
  // the plan flags of synth (same plan), --mirror and MirrorMaker's settings among them
  addPlanOptions(cmd)
    .option('--json', 'print the report as JSON')
    .action(async (opts: MirrorFlags) => {
      await runMirror(opts, io);
    });
}
