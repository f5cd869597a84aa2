import * as path from 'path';
import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, flagLookup, UsageError } from './errors';
import { createProgress } from './progress';
import { serverProblem } from '../util/servers';
import { serializeMetadata } from '../model';
import { writeFilesAtomically } from '../util/fs';
import { SourceError } from '../sources/errors';
import { exportCluster } from '../sources/read-cluster';
import { exportAliKafka } from '../sources/alikafka-api';
import { describeNameRule, INSTANCE_ID, isValidName } from '../alikafka';
import { ClientSettings, loadClientProperties } from '../sources/properties';

interface ExportFlags {
  zookeeper?: string;
  zkDigest?: string;
  bootstrapServers?: string;
  properties?: string;
  targetDirectory: string;
  fileName: string;
  timeout: string;
  sampleTraffic?: string;
  alikafkaInstance?: string;
  region?: string;
  endpoint?: string;
}

function positiveInt(name: string, v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) <= 0) throw new UsageError(`${name} must be a whole number of seconds > 0, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** Registers `alikafka-migrate export` (reading a live cluster into a metadata file). */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description("read a Kafka cluster's metadata (topics, configs, groups and offsets, users, ACLs) into a metadata JSON file; never changes the cluster")
    .addOption(new Option('--zookeeper <connect>', 'ZooKeeper of a ZooKeeper-mode cluster: HOST:PORT[,HOST:PORT][/chroot]'))
    .addOption(new Option('--zk-digest <user:password>', 'ZooKeeper digest credentials (only with --zookeeper)'))
    .addOption(
      new Option(
        '--bootstrap-servers <list>',
        'brokers, HOST:PORT[,HOST:PORT]: reads through the Admin API (with --zookeeper: consumer groups and offsets only)',
      ),
    )
    .addOption(
      new Option('--properties <file>', 'Java client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.*, bootstrap.servers)'),
    )
    .addOption(new Option('--target-directory <dir>', 'where to write the file').default('.'))
    .addOption(new Option('--file-name <name>', 'file name').default('kafka-metadata-export.json'))
    .addOption(new Option('--timeout <seconds>', 'give up (writing nothing) after this many seconds').default('120'))
    .addOption(new Option('--sample-traffic <seconds>', 'measure bytes and messages in per topic over this window (needs the brokers)'))
    .addOption(
      new Option(
        '--alikafka-instance <id>',
        "read an AliKafka instance through the AliKafka OpenAPI (credentials from Alibaba's environment variables or credentials file, never a flag)",
      ),
    )
    .addOption(new Option('--region <region>', 'region of the --alikafka-instance, e.g. cn-hangzhou'))
    .addOption(
      new Option('--endpoint <url>', "with --alikafka-instance: the OpenAPI endpoint, http(s)://HOST[:PORT] (default: Alibaba's endpoint of the region)"),
    )
    .action(async (flags: ExportFlags, command: Command) => {
      const timeout = positiveInt('--timeout', flags.timeout);
      const sample = flags.sampleTraffic !== undefined ? positiveInt('--sample-traffic', flags.sampleTraffic) : undefined;
      if (flags.zkDigest !== undefined && !flags.zookeeper) throw new UsageError('--zk-digest needs --zookeeper');
      if (flags.zkDigest !== undefined && !/^[^:]+:.*$/.test(flags.zkDigest)) throw new UsageError('--zk-digest must be USER:PASSWORD');
      if (!flags.fileName || flags.fileName !== path.basename(flags.fileName) || flags.fileName === '.' || flags.fileName === '..') {
        throw new UsageError(
          `--file-name must be a plain file name without a directory, got ${JSON.stringify(flags.fileName)} (use --target-directory for the directory)`,
        );
      }
      let settings: ClientSettings | undefined;
      if (flags.properties) {
        try {
          settings = loadClientProperties(flags.properties);
        } catch (e) {
          throw new CliError((e as Error).message, 1);
        }
        if (settings.unsupported.length) {
          io.err(`warning: ${flags.properties}: not supported by the Node.js client, ignored: ${settings.unsupported.join(', ')}\n`);
        }
      }
      const servers = flags.bootstrapServers
        ? flags.bootstrapServers
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : settings?.brokers;
      if (flags.alikafkaInstance !== undefined || flags.region !== undefined || flags.endpoint !== undefined) {
        await exportAliKafkaInstance(io, flags, servers, settings, timeout, sample);
        return;
      }
      if (!flags.zookeeper && !servers?.length) {
        throw new UsageError('give --zookeeper HOST:PORT[/chroot] or --bootstrap-servers HOST:PORT[,HOST:PORT] (or bootstrap.servers in --properties)');
      }
      for (const s of servers ?? []) {
        const problem = serverProblem(s);
        if (problem) throw new UsageError(`--bootstrap-servers: ${problem}`);
      }
      if (flags.properties && !servers?.length && !flags.zookeeper) throw new UsageError('--properties needs bootstrap servers');

      const progress = createProgress(io, flagLookup(command));
      const target = path.resolve(flags.targetDirectory, flags.fileName);
      try {
        const meta = await exportCluster({
          zookeeper: flags.zookeeper,
          zkDigest: flags.zkDigest,
          bootstrapServers: servers,
          clientSettings: settings,
          timeoutSeconds: timeout,
          sampleTrafficSeconds: sample,
          progress,
        });
        progress.done();
        writeFilesAtomically([{ path: target, content: serializeMetadata(meta) }]);
        const n = (xs: readonly unknown[] | undefined): number => xs?.length ?? 0;
        io.out(
          `wrote ${target}: ${n(meta.topics)} topics, ${n(meta.consumerGroups)} consumer groups, ${n(meta.users)} users, ${n(meta.acls)} ACLs${meta.traffic ? `, traffic over ${meta.traffic.windowSeconds} s` : ''}\n`,
        );
      } catch (e) {
        progress.done();
        if (e instanceof SourceError && e.kind !== 'usage') throw new SourceError(`${e.message}; nothing was written`, e.reason, { field: e.field, cause: e });
        throw e;
      }
    });
}

/** `export --alikafka-instance ID --region R [--endpoint URL] [--bootstrap-servers LIST [--properties FILE]]`. */
async function exportAliKafkaInstance(
  io: CliIo,
  flags: ExportFlags,
  servers: readonly string[] | undefined,
  settings: ClientSettings | undefined,
  timeout: number,
  sample: number | undefined,
): Promise<void> {
  if (flags.alikafkaInstance === undefined) throw new UsageError('--region and --endpoint go with --alikafka-instance ID');
  if (!isValidName(INSTANCE_ID, flags.alikafkaInstance))
    throw new UsageError(`--alikafka-instance: ${JSON.stringify(flags.alikafkaInstance)} is not an instance ID (${describeNameRule(INSTANCE_ID)})`);
  if (flags.region === undefined || !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(flags.region)) {
    throw new UsageError(
      `--alikafka-instance needs --region R, the instance's region (e.g. cn-hangzhou)${flags.region !== undefined ? `, got ${JSON.stringify(flags.region)}` : ''}`,
    );
  }
  if (flags.zookeeper !== undefined) throw new UsageError('--alikafka-instance reads an AliKafka instance; --zookeeper is for a self-hosted cluster');
  if (sample !== undefined)
    throw new UsageError(
      '--sample-traffic is not available with --alikafka-instance yet: pass --peak-mbps to synth, or export the instance with --bootstrap-servers alone to sample it',
    );
  for (const s of servers ?? []) {
    const problem = serverProblem(s);
    if (problem) throw new UsageError(`--bootstrap-servers: ${problem}`);
  }
  const progress = createProgress(io);
  const target = path.resolve(flags.targetDirectory, flags.fileName);
  try {
    const meta = await exportAliKafka({
      instanceId: flags.alikafkaInstance,
      regionId: flags.region,
      endpoint: flags.endpoint,
      bootstrapServers: servers,
      clientSettings: settings,
      timeoutSeconds: timeout,
      progress,
    });
    progress.done();
    writeFilesAtomically([{ path: target, content: serializeMetadata(meta) }]);
    const n = (xs: readonly unknown[] | undefined): number => xs?.length ?? 0;
    const local = meta.topics.filter((t) => t.storageEngine === 'local').length;
    io.out(
      `wrote ${target}: AliKafka instance ${flags.alikafkaInstance} (${flags.region}), ${n(meta.topics)} topics (${local} on local storage), ${n(meta.consumerGroups)} consumer groups, ${n(meta.users)} users, ${n(meta.acls)} ACLs\n`,
    );
  } catch (e) {
    progress.done();
    if (e instanceof SourceError && e.kind !== 'usage') throw new SourceError(`${e.message}; nothing was written`, e.reason, { field: e.field, cause: e });
    throw e;
  }
}
