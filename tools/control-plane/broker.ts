/**
 * The rehearsal's data plane: a real ZooKeeper and a real Kafka 2.6 broker (ZooKeeper mode, SASL/SCRAM,
 * AclAuthorizer) from Maven Central jars, and the admin operations the control plane performs on it.
 *
 * Listeners: PLAINTEXT (the instance's default endpoint; ANONYMOUS is a super user, like AliKafka's VPC
 * default endpoint without authentication) and SASL_PLAINTEXT with SCRAM-SHA-256/512 (the SASL endpoint;
 * ACLs apply). SCRAM credentials are written to ZooKeeper the way `kafka-configs --zookeeper` writes them.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ConfigResourceTypes, enumName, Kafka, KafkaAdmin, ResourcePatternTypes } from '../kafka';
import { HOUR_MS, INSTANCE_CONFIG_KEYS } from '../../lib/alikafka';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zookeeper = require('node-zookeeper-client') as ZkModule;

interface ZkClient {
  connect(): void;
  close(): void;
  once(event: 'connected', cb: () => void): void;
  mkdirp(p: string, cb: (err: Error | null) => void): void;
  create(p: string, data: Buffer, mode: number, cb: (err: Error | null, created?: string) => void): void;
  setData(p: string, data: Buffer, version: number, cb: (err: (Error & { getCode?: () => number }) | null) => void): void;
  remove(p: string, version: number, cb: (err: Error | null) => void): void;
}
interface ZkModule {
  createClient(conn: string, opts?: { sessionTimeout?: number }): ZkClient;
  CreateMode: { PERSISTENT: number; PERSISTENT_SEQUENTIAL: number };
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));
export const KAFKA26_POM = path.join(REPO_ROOT, 'scripts', 'rig', 'pom-kafka26.xml');
export const CACHE_HOME = path.join(os.homedir(), '.cache', 'alikafka-migrate');
export const KAFKA26_LIB = path.join(CACHE_HOME, 'rig', 'lib-kafka26');

/** Resolves the Kafka 2.6 jars into the cache (needs the network: call it outside the namespace). */
export function fetchKafka26Jars(log: (s: string) => void = () => undefined): string {
  const done = path.join(KAFKA26_LIB, '.complete');
  if (fs.existsSync(done) && fs.statSync(done).mtimeMs >= fs.statSync(KAFKA26_POM).mtimeMs) return KAFKA26_LIB;
  log(`resolving Kafka 2.6 jars into ${KAFKA26_LIB} (Maven Central)`);
  const tmp = `${KAFKA26_LIB}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(KAFKA26_LIB), { recursive: true });
  execFileSync('mvn', ['-q', '-B', '-f', KAFKA26_POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  fs.rmSync(KAFKA26_LIB, { recursive: true, force: true });
  fs.renameSync(tmp, KAFKA26_LIB);
  fs.writeFileSync(done, '');
  return KAFKA26_LIB;
}

export interface BrokerPorts {
  readonly zk: number;
  readonly plaintext: number;
  readonly sasl: number;
}

export interface ScramCredential {
  readonly salt: string;
  readonly storedKey: string;
  readonly serverKey: string;
  readonly iterations: number;
}

/** RFC 5802 SCRAM credential as Kafka stores it (ScramCredentialUtils). */
export function scramCredential(password: string, mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512', iterations = 4096, salt = randomBytes(16)): ScramCredential {
  const algo = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
  const keyLen = mechanism === 'SCRAM-SHA-256' ? 32 : 64;
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLen, algo);
  const clientKey = createHmac(algo, salted).update('Client Key').digest();
  const storedKey = createHash(algo).update(clientKey).digest();
  const serverKey = createHmac(algo, salted).update('Server Key').digest();
  return { salt: salt.toString('base64'), storedKey: storedKey.toString('base64'), serverKey: serverKey.toString('base64'), iterations };
}

function scramConfigValue(c: ScramCredential): string {
  return `salt=${c.salt},stored_key=${c.storedKey},server_key=${c.serverKey},iterations=${c.iterations}`;
}

function zkCall<T>(fn: (cb: (err: Error | null, v?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

function waitPort(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (!alive()) reject(new Error(`process for port ${port} exited`));
        else if (Date.now() > end) reject(new Error(`port 127.0.0.1:${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

export interface BrokerAcl {
  readonly principal: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly patternType: string;
  readonly operation: string;
  readonly permission: string;
  readonly host: string;
}

export interface BrokerSnapshot {
  readonly topics: { name: string; partitions: number; configs: Record<string, string> }[];
  readonly groups: string[];
  readonly users: string[];
  readonly acls: BrokerAcl[];
}

/** Small log segments (the rehearsal's data is small); grown with the instance's message limit. */
const SEGMENT_BYTES = 1024 * 1024; // the stand-in broker's own segment size (a Kafka setting, not an AliKafka limit)
/** The stand-in's one broker (`broker.id` in server.properties). */
const BROKER_ID = '0';

/** Topic configs that were set on the topic (dynamic topic overrides), as `kafka-configs --describe` lists them. */
const TOPIC_OVERRIDE_SOURCE = 1; // DescribeConfigs ConfigSource.TOPIC_CONFIG

export class Broker {
  private zkProc?: ChildProcess;
  private kafkaProc?: ChildProcess;
  private zk?: ZkClient;
  private adminClient?: KafkaAdmin;
  readonly dir: string;

  constructor(
    readonly ports: BrokerPorts,
    readonly lib: string = KAFKA26_LIB,
    dir?: string,
  ) {
    this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-rehearse-broker-'));
  }

  get plaintextEndpoint(): string {
    return `127.0.0.1:${this.ports.plaintext}`;
  }
  get saslEndpoint(): string {
    return `127.0.0.1:${this.ports.sasl}`;
  }

  private launch(name: string, main: string, args: string[], heap: string): ChildProcess {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    const p = spawn(
      'java',
      [
        `-Xms64m`,
        `-Xmx${heap}`,
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        '-Djava.awt.headless=true',
        '-Djava.net.preferIPv4Stack=true',
        `-Dlog4j.configuration=file:${path.join(REPO_ROOT, 'scripts', 'rig', 'log4j.properties')}`,
        `-Dkafka.logs.dir=${this.dir}`,
        '-cp',
        `${this.lib}/*`,
        main,
        ...args,
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    fs.closeSync(log);
    return p;
  }

  async start(): Promise<void> {
    const zkData = path.join(this.dir, 'zk-data');
    fs.mkdirSync(zkData, { recursive: true });
    fs.writeFileSync(
      path.join(this.dir, 'zoo.cfg'),
      [
        'tickTime=2000',
        `dataDir=${zkData}`,
        `clientPort=${this.ports.zk}`,
        'clientPortAddress=127.0.0.1',
        'admin.enableServer=false',
        'maxClientCnxns=0',
        '4lw.commands.whitelist=ruok,srvr,stat',
      ].join('\n') + '\n',
    );
    this.zkProc = spawnTracked(this.launch('zookeeper', 'org.apache.zookeeper.server.ZooKeeperServerMain', [path.join(this.dir, 'zoo.cfg')], '256m'));
    await waitPort(this.ports.zk, 60_000, () => this.zkProc?.exitCode === null);
    this.zk = zookeeper.createClient(`127.0.0.1:${this.ports.zk}/kafka26`, { sessionTimeout: 30_000 });
    // the chroot first, from a client without it
    const root = zookeeper.createClient(`127.0.0.1:${this.ports.zk}`, { sessionTimeout: 30_000 });
    await new Promise<void>((resolve) => {
      root.once('connected', resolve);
      root.connect();
    });
    await zkCall<void>((cb) => root.mkdirp('/kafka26/config/users', cb));
    root.close();
    await new Promise<void>((resolve) => {
      this.zk!.once('connected', resolve);
      this.zk!.connect();
    });

    // server side of SCRAM only (inter-broker traffic and the control plane use the PLAINTEXT listener)
    const jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    fs.writeFileSync(
      path.join(this.dir, 'server.properties'),
      [
        `broker.id=${BROKER_ID}`,
        `listeners=PLAINTEXT://127.0.0.1:${this.ports.plaintext},SASL_PLAINTEXT://127.0.0.1:${this.ports.sasl}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${this.ports.plaintext},SASL_PLAINTEXT://127.0.0.1:${this.ports.sasl}`,
        'inter.broker.listener.name=PLAINTEXT',
        'sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512',
        `listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=${jaas}`,
        `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas}`,
        'authorizer.class.name=kafka.security.authorizer.AclAuthorizer',
        'super.users=User:ANONYMOUS',
        'allow.everyone.if.no.acl.found=false',
        `log.dirs=${path.join(this.dir, 'kafka-logs')}`,
        `zookeeper.connect=127.0.0.1:${this.ports.zk}/kafka26`,
        'zookeeper.connection.timeout.ms=18000',
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=4',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=4',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        // groups created through the control plane are kept as Empty groups (no offsets yet): no cleanup while rehearsing
        'offsets.retention.check.interval.ms=86400000',
        `log.segment.bytes=${SEGMENT_BYTES}`,
        'log.index.size.max.bytes=65536',
        'num.recovery.threads.per.data.dir=1',
        'num.network.threads=2',
        'num.io.threads=4',
        'background.threads=2',
        'log.cleaner.threads=1',
        'log.cleaner.dedupe.buffer.size=16777216',
      ].join('\n') + '\n',
    );
    this.kafkaProc = spawnTracked(this.launch('kafka', 'kafka.Kafka', [path.join(this.dir, 'server.properties')], process.env.REHEARSE_BROKER_HEAP ?? '768m'));
    await waitPort(this.ports.plaintext, 120_000, () => this.kafkaProc?.exitCode === null);
    const kafka = new Kafka({ clientId: 'alikafka-control-plane', brokers: [this.plaintextEndpoint], retries: 8 });
    this.adminClient = kafka.admin();
    await this.adminClient.connect();
    // wait until the controller answers metadata
    const end = Date.now() + 60_000;
    for (;;) {
      try {
        await this.adminClient.describeCluster();
        break;
      } catch (e) {
        if (Date.now() > end) throw e;
        await sleep(250);
      }
    }
  }

  get admin(): KafkaAdmin {
    if (!this.adminClient) throw new Error('broker not started');
    return this.adminClient;
  }

  async stop(): Promise<void> {
    try {
      await this.adminClient?.disconnect();
    } catch {
      /* closing */
    }
    try {
      this.zk?.close();
    } catch {
      /* closing */
    }
    for (const p of [this.kafkaProc, this.zkProc]) {
      if (!p || p.exitCode !== null) continue;
      p.kill('SIGTERM');
      const exited = await new Promise<boolean>((r) => {
        const timer = setTimeout(() => r(false), 20_000);
        p.once('exit', () => {
          clearTimeout(timer);
          r(true);
        });
      });
      if (!exited) p.kill('SIGKILL');
    }
    if (process.env.REHEARSE_KEEP !== '1') fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Writes a SCRAM credential to /config/users/<name> and notifies the broker, as kafka-configs does. */
  async writeScramUser(name: string, password: string, notify = true): Promise<void> {
    const zk = this.zk!;
    const config = {
      version: 1,
      config: {
        'SCRAM-SHA-256': scramConfigValue(scramCredential(password, 'SCRAM-SHA-256')),
        'SCRAM-SHA-512': scramConfigValue(scramCredential(password, 'SCRAM-SHA-512')),
      },
    };
    const node = `/config/users/${name}`;
    const data = Buffer.from(JSON.stringify(config));
    try {
      await zkCall<string>((cb) => zk.create(node, data, zookeeper.CreateMode.PERSISTENT, cb));
    } catch {
      await zkCall<void>((cb) => zk.setData(node, data, -1, cb));
    }
    if (notify) await this.notifyUserChange(name);
  }

  async deleteScramUser(name: string): Promise<void> {
    const zk = this.zk!;
    try {
      await zkCall<void>((cb) => zk.remove(`/config/users/${name}`, -1, cb));
    } catch {
      /* gone */
    }
    await this.notifyUserChange(name);
  }

  private async notifyUserChange(name: string): Promise<void> {
    const zk = this.zk!;
    await zkCall<void>((cb) => zk.mkdirp('/config/changes', cb));
    const change = Buffer.from(JSON.stringify({ version: 2, entity_path: `users/${name}` }));
    await zkCall<string>((cb) => zk.create('/config/changes/config_change_', change, zookeeper.CreateMode.PERSISTENT_SEQUENTIAL, cb));
  }

  async scramUsers(): Promise<string[]> {
    const zk = this.zk! as ZkClient & { getChildren(p: string, cb: (err: Error | null, c?: string[]) => void): void };
    const children = await zkCall<string[]>((cb) => zk.getChildren('/config/users', cb));
    return (children ?? []).slice().sort();
  }

  /**
   * Registers a consumer group on the group coordinator the way a consumer that joined once and left does:
   * JoinGroup (protocol type `consumer`, no subscriptions), SyncGroup, then LeaveGroup. The coordinator then
   * stores the group as Empty in __consumer_offsets. Kafka has no "create group" API; AliKafka keeps its groups
   * in its own control plane.
   */
  async registerGroup(groupId: string): Promise<void> {
    // the coordinator may still be loading __consumer_offsets right after the broker started: retried
    const end = Date.now() + 30_000;
    for (;;) {
      let failure: unknown;
      try {
        await this.admin.registerGroup(groupId);
        const d = await this.admin.describeGroups([groupId]);
        if (d.groups[0] && d.groups[0].state !== 'Dead') return;
      } catch (e) {
        failure = e;
      }
      if (Date.now() > end) throw new Error(`group ${groupId} did not register on the broker${failure ? `: ${(failure as Error).message}` : ''}`);
      await sleep(200);
    }
  }

  /**
   * Applies an instance's config to the broker, as AliKafka applies it to the instance's brokers: the largest
   * message (`kafka.message.max.bytes` -> `message.max.bytes`) and the message retention
   * (`kafka.log.retention.hours` -> `log.retention.ms`), as dynamic configs of its one broker; its segments grow
   * with the message limit, since Kafka refuses a batch larger than a segment. The stand-in
   * has one broker for all its instances: the last instance configured decides.
   */
  async applyInstanceConfig(config: Readonly<Record<string, string>>): Promise<void> {
    const entries: Array<{ name: string; value: string }> = [];
    const size = config[INSTANCE_CONFIG_KEYS.messageMaxBytes];
    if (size !== undefined) {
      entries.push({ name: 'message.max.bytes', value: String(Number(size)) });
      // a batch larger than a segment is refused (RecordBatchTooLargeException): this broker's segments are
      // small (server.properties), AliKafka's are not
      entries.push({ name: 'log.segment.bytes', value: String(Math.max(SEGMENT_BYTES, Number(size) + SEGMENT_BYTES)) });
    }
    const hours = config[INSTANCE_CONFIG_KEYS.retentionHours];
    if (hours !== undefined) entries.push({ name: 'log.retention.ms', value: String(Number(hours) * HOUR_MS) });
    if (!entries.length) return;
    await this.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: BROKER_ID, configEntries: entries }] });
  }

  /** The broker's effective `message.max.bytes` and `log.retention.ms` (what a producer and the log cleaner see). */
  async instanceSettings(): Promise<{ messageMaxBytes: number; retentionMs: number }> {
    const r = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: BROKER_ID, configNames: ['message.max.bytes', 'log.retention.ms'] }],
    });
    const get = (n: string): number => Number(r.resources[0]?.configEntries.find((e) => e.configName === n)?.configValue ?? NaN);
    return { messageMaxBytes: get('message.max.bytes'), retentionMs: get('log.retention.ms') };
  }

  async snapshot(): Promise<BrokerSnapshot> {
    const admin = this.admin;
    const meta = await admin.fetchTopicMetadata();
    const names = meta.topics
      .map((t) => t.name)
      .filter((n) => !n.startsWith('__'))
      .sort();
    const configs: Record<string, Record<string, string>> = {};
    for (let i = 0; i < names.length; i += 200) {
      const chunk = names.slice(i, i + 200);
      if (chunk.length === 0) continue;
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: chunk.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
      for (const r of described.resources) {
        const entries: Record<string, string> = {};
        for (const e of r.configEntries) if ((e as { configSource?: number }).configSource === TOPIC_OVERRIDE_SOURCE) entries[e.configName] = e.configValue;
        configs[r.resourceName] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
      }
    }
    const topics = names.map((name) => ({ name, partitions: meta.topics.find((t) => t.name === name)!.partitions.length, configs: configs[name] ?? {} }));
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    const aclRes = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const acls: BrokerAcl[] = [];
    for (const r of aclRes.resources) {
      for (const a of r.acls) {
        acls.push({
          principal: a.principal,
          resourceType: enumName(AclResourceTypes, r.resourceType),
          resourceName: r.resourceName,
          patternType: enumName(ResourcePatternTypes, r.resourcePatternType),
          operation: enumName(AclOperationTypes, a.operation),
          permission: enumName(AclPermissionTypes, a.permissionType),
          host: a.host,
        });
      }
    }
    acls.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    return { topics, groups, users: await this.scramUsers(), acls };
  }
}

const tracked = new Set<ChildProcess>();
function spawnTracked(p: ChildProcess): ChildProcess {
  tracked.add(p);
  p.once('exit', () => tracked.delete(p));
  return p;
}
/** Kills every JVM this module started (on an abnormal exit of the rehearsal). */
export function killTrackedProcesses(): void {
  for (const p of tracked) {
    try {
      p.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
