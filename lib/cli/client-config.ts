import { Command, Option } from 'commander';
import type { CliIo } from './io';
import { CliError, UsageError } from './errors';
import { eipMaxBytesPerSecond, PUBLIC_BANDWIDTH } from '../alikafka/specs';
import { ClientRole, PRACTICE_PROFILES, PracticeProfile } from '../alikafka/client-practices';
import { ClientAuth, describeEndpointPorts, EndpointNetwork, EndpointSpec, endpointFor, endpointKindOfPort, endpointSpec } from '../alikafka/endpoints';
import { buildClientConfig, ClientConfigFormat, renderClientConfig } from '../clients/config';
import { chooseEndpoint, parseHostPorts, portOf } from '../clients/target';
import { writeFilesAtomically } from '../util/fs';
import { addPlanFileFlag, loadPlanFromFlag } from './plan-flags';
import { bandwidthFlag, collect, loadPlanNames, loadStateInstance, NameFlags, positiveNumber } from './client-inputs';

export interface ClientConfigFlags extends NameFlags {
  readonly state?: string;
  readonly instanceId?: string;
  readonly bootstrap?: string;
  readonly auth: ClientAuth;
  readonly network: EndpointNetwork;
  readonly tls?: boolean;
  readonly role: ClientRole;
  readonly group?: string;
  readonly format: ClientConfigFormat;
  readonly profile: readonly string[];
  readonly user?: string;
  readonly passwordRef?: string;
  readonly clientId?: string;
  readonly maxMessageBytes?: string;
  readonly bandwidthMbps?: string;
  readonly out?: string;
}

/** The client-config command's work, callable from code: returns the file's text (and writes it with --out). */
export function runClientConfig(f: ClientConfigFlags, io: CliIo): string {
  if ((f.state === undefined) === (f.bootstrap === undefined))
    throw new UsageError('give exactly one of --state FILE (terraform show -json of the applied state) or --bootstrap host:port[,host:port]');
  if (f.instanceId !== undefined && f.state === undefined) throw new UsageError('--instance-id picks an instance of --state; it needs --state');
  if (f.out !== undefined && f.out.trim() === '') throw new UsageError('--out needs a file name');
  const profiles = f.profile.map((p) => {
    if (!(PRACTICE_PROFILES as readonly string[]).includes(p))
      throw new UsageError(`--profile must be one of ${PRACTICE_PROFILES.join(', ')}, got ${JSON.stringify(p)}`);
    return p as PracticeProfile;
  });
  let maxMessageBytes = positiveNumber('--max-message-bytes', f.maxMessageBytes);
  const mbps = bandwidthFlag(f.bandwidthMbps);

  const endpoint: EndpointSpec = endpointFor(f.network, f.auth, Boolean(f.tls));

  let servers: readonly string[];
  let serversFrom: string;
  let bandwidth = mbps;
  let serviceVersion: string | undefined;
  let serviceVersionFrom: string | undefined;
  if (f.state !== undefined) {
    const inst = loadStateInstance(f.state, f.instanceId);
    const chosen = chooseEndpoint(inst, endpoint.kind, f.state);
    servers = chosen.servers;
    serversFrom = `--state ${f.state}: ${inst.address}.${chosen.attribute}`;
    bandwidth ??= inst.eipMaxMbps;
    maxMessageBytes ??= inst.messageMaxBytes;
    if (inst.serviceVersion !== undefined) {
      serviceVersion = inst.serviceVersion;
      serviceVersionFrom = `--state ${f.state}: ${inst.address}.service_version`;
    }
  } else {
    try {
      servers = parseHostPorts(f.bootstrap as string, '--bootstrap');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (servers.length === 0) throw new UsageError('--bootstrap needs at least one host:port');
    serversFrom = '--bootstrap';
    for (const s of servers) {
      const kind = endpointKindOfPort(portOf(s));
      if (kind === undefined) {
        io.err(
          `warning: --bootstrap ${s}: port ${portOf(s)} is not an AliKafka port (${describeEndpointPorts()}); writing ${endpoint.kind} settings (${endpoint.securityProtocol}) as asked\n`,
        );
      } else if (kind !== endpoint.kind) {
        const other = endpointSpec(kind);
        throw new CliError(
          `--bootstrap ${s}: port ${other.port} is AliKafka's ${kind} endpoint (${other.securityProtocol}), but --network ${f.network} --auth ${f.auth}${f.tls ? ' --tls' : ''} needs the ${endpoint.kind} endpoint (port ${endpoint.port}, ${endpoint.securityProtocol})`,
        );
      }
    }
  }
  if (profiles.includes('large-messages') && maxMessageBytes === undefined) {
    throw new UsageError('--profile large-messages needs --max-message-bytes N (or --state with the instance config kafka.message.max.bytes)');
  }
  if (profiles.includes('public-internet') && bandwidth === undefined) {
    throw new UsageError('--profile public-internet needs --bandwidth-mbps N (or --state with eip_max)');
  }
  const names = loadPlanNames(f);
  if (serviceVersion === undefined && f.plan !== undefined) {
    const instance = loadPlanFromFlag(f.plan).instance;
    if (instance.mode === 'new') {
      serviceVersion = instance.serviceVersion;
      serviceVersionFrom = `--plan ${f.plan}: instance.serviceVersion`;
    }
  }
  const model = buildClientConfig({
    role: f.role,
    endpoint,
    servers,
    serversFrom,
    auth: f.auth,
    username: f.user,
    passwordRef: f.passwordRef,
    group: f.group,
    clientId: f.clientId,
    profiles,
    params: {
      maxMessageBytes,
      publicBandwidthBytesPerSecond: bandwidth === undefined ? undefined : eipMaxBytesPerSecond(bandwidth),
    },
    names,
    namesFrom: f.plan === undefined ? undefined : `--plan ${f.plan}`,
    serviceVersion,
    serviceVersionFrom,
  });
  const text = renderClientConfig(model, f.format);
  if (f.out !== undefined) {
    writeFilesAtomically([{ path: f.out, content: text }]);
    io.err(`wrote ${f.out}\n`);
  } else {
    io.out(text);
  }
  return text;
}

/** Registers `alikafka-migrate client-config`. */
export function registerClientConfig(program: Command, io: CliIo): void {
  const cmd = program
    .command('client-config')
    .description(
      'write a producer or consumer configuration for the target instance: its endpoint, security settings, ' +
        "and Alibaba's best-practice values, each with the reason; passwords only as references",
    )
    .option('--state <file>', "`terraform show -json` of the applied state: bootstrap servers from the instance's endpoint attributes")
    .option('--instance-id <id>', 'with --state: the instance to use when the state has several')
    .option('--bootstrap <list>', 'bootstrap servers host:port[,host:port] (instead of --state)')
    .addOption(new Option('--auth <auth>', 'authentication').choices(['none', 'sasl-plain', 'sasl-scram']).default('none'))
    .addOption(new Option('--network <network>', 'where the client runs').choices(['vpc', 'public']).default('vpc'))
    .option(
      '--tls',
      `with --network vpc and SASL: the VPC SSL endpoint (${endpointSpec('vpc-ssl').port}, SASL_SSL) instead of ${endpointSpec('vpc-sasl').port}`,
    )
    .addOption(new Option('--role <role>', 'client role').choices(['producer', 'consumer']).default('producer'))
    .option('--group <group>', "consumer group (a source name is mapped through the plan's renames with --plan)")
    .addOption(new Option('--format <format>', 'output format').choices(['properties', 'kafkajs', 'librdkafka']).default('properties'))
    .option('--profile <profile>', `extra practices: ${PRACTICE_PROFILES.join(', ')}; repeatable`, collect, [])
    .option('--user <name>', 'SASL user name (default: ${env:ALIKAFKA_SASL_USERNAME})')
    .option('--password-ref <ref>', 'SASL password reference: ${env:NAME} or ${file:/path:key} (default: ${env:ALIKAFKA_SASL_PASSWORD})')
    .option('--client-id <id>', 'client.id')
    .option('--max-message-bytes <n>', 'largest message in bytes (--profile large-messages)')
    .option(
      '--bandwidth-mbps <n>',
      `public bandwidth in ${PUBLIC_BANDWIDTH.unit}, the unit of eip_max (--profile public-internet; default eip_max from --state)`,
    )
    .option('--out <file>', 'write the configuration to this file (atomically) instead of stdout');
  addPlanFileFlag(cmd, { required: false }).action((opts: ClientConfigFlags) => {
    runClientConfig(opts, io);
  });
}
