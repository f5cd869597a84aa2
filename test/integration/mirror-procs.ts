/**
 * Real processes for the MirrorMaker 2 tests and bench: a plain ZooKeeper-mode broker (Kafka 2.6 as a target, or
 * 3.9 as a source inside the rehearsal's network namespace) under its own chroot, MirrorMaker 2 from the rig's Kafka 3.9
 * jars (connect-mirror, connect-runtime), and javac for the renaming policy the mirror command writes.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Kafka } from '../../tools/kafka';

export const REPO = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));

/** Resolves the Kafka 2.6 jars (scripts/rig/kafka26.sh fetch) and returns their directory. */
export function kafka26Lib(): string {
  return execFileSync('bash', [path.join(REPO, 'scripts', 'rig', 'kafka26.sh'), 'fetch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first free port from `from` (MIRROR_IT_PORT_BASE overrides it), checked by binding it. */
export async function freePort(from = Number(process.env.MIRROR_IT_PORT_BASE ?? 37500)): Promise<number> {
  for (let p = from; p < from + 400; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${from}-${from + 399}`);
}

function log4j(dir: string, level: string): string {
  const file = path.join(dir, 'log4j.properties');
  fs.writeFileSync(
    file,
    [
      `log4j.rootLogger=${level}, stdout`,
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.org.reflections=ERROR',
      '',
    ].join('\n'),
  );
  return file;
}

export interface Proc {
  readonly proc: ChildProcess;
  readonly log: string;
  stop(): Promise<void>;
}

function launch(java: string[], logFile: string): Proc {
  const out = fs.openSync(logFile, 'a');
  const proc = spawn('java', java, { stdio: ['ignore', out, out], detached: false });
  fs.closeSync(out);
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const done = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 30000);
    await done;
    clearTimeout(t);
  };
  return { proc, log: logFile, stop };
}

const JVM = ['-Xms128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', '-Djava.net.preferIPv4Stack=true'];

export interface PlainBroker extends Proc {
  readonly bootstrap: string;
}

/**
 * Starts a ZooKeeper-mode Kafka broker (PLAINTEXT on 127.0.0.1) from the jars in `lib` (Kafka 2.6 or 3.9) on
 * `zookeeper` under `chroot`: a new single-node cluster, or, with another `brokerId`, one more broker of the
 * cluster already there (`rack` sets broker.rack).
 */
export async function startZkBroker(
  lib: string,
  zookeeper: string,
  chroot: string,
  dir: string,
  opts: { readonly brokerId?: number; readonly rack?: string } = {},
): Promise<PlainBroker> {
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  const props = path.join(dir, 'server.properties');
  fs.writeFileSync(
    props,
    [
      `broker.id=${opts.brokerId ?? 0}`,
      ...(opts.rack ? [`broker.rack=${opts.rack}`] : []),
      `listeners=PLAINTEXT://127.0.0.1:${port}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      `log.dirs=${path.join(dir, 'logs')}`,
      `zookeeper.connect=${zookeeper}${chroot}`,
      'zookeeper.connection.timeout.ms=18000',
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=4',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      'log.segment.bytes=10485760',
      '',
    ].join('\n'),
  );
  const p = launch(
    [...JVM, '-Xmx512m', `-Dlog4j.configuration=file:${log4j(dir, 'WARN')}`, `-Dkafka.logs.dir=${dir}`, '-cp', `${lib}/*`, 'kafka.Kafka', props],
    path.join(dir, 'server.log'),
  );
  const bootstrap = `127.0.0.1:${port}`;
  const end = Date.now() + 180000;
  for (;;) {
    if (p.proc.exitCode !== null) throw new Error(`Kafka (${lib}) exited while starting (log: ${p.log}):\n${fs.readFileSync(p.log, 'utf8').slice(-3000)}`);
    const admin = new Kafka({ clientId: 'mirror-it-wait', brokers: [bootstrap], connectionTimeout: 2000, retries: 0 }).admin();
    try {
      await admin.connect();
      const c = await admin.describeCluster();
      await admin.disconnect();
      if (c.brokers.length) break;
    } catch {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > end) {
      // never leave a broker behind that the caller has no handle to stop
      await p.stop();
      throw new Error(`Kafka (${lib}) did not answer on ${bootstrap} within 180 s (log: ${p.log})`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ...p, bootstrap };
}

/** Compiles the renaming policy the mirror command wrote into a jar, against the MirrorMaker jars. */
export function buildPolicyJar(javaFile: string, mm2Lib: string, dir: string): string {
  const classes = path.join(dir, 'policy-classes');
  fs.mkdirSync(classes, { recursive: true });
  execFileSync('javac', ['--release', '8', '-nowarn', '-cp', `${mm2Lib}/*`, '-d', classes, javaFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const jar = path.join(dir, 'alikafka-migrate-mm2-policy.jar');
  execFileSync('jar', ['cf', jar, '-C', classes, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return jar;
}

/** Runs dedicated MirrorMaker 2 (Kafka 3.9 jars) with `mm2.properties`, as `connect-mirror-maker.sh ... --clusters <alias>` does. */
export function startMirrorMaker(mm2Lib: string, propsFile: string, clusters: string, dir: string, extraClasspath: string[] = []): Proc {
  fs.mkdirSync(dir, { recursive: true });
  const cp = [`${mm2Lib}/*`, ...extraClasspath].join(path.delimiter);
  return launch(
    [
      ...JVM,
      '-Xmx768m',
      `-Dlog4j.configuration=file:${log4j(dir, 'INFO')}`,
      '-cp',
      cp,
      'org.apache.kafka.connect.mirror.MirrorMaker',
      propsFile,
      '--clusters',
      clusters,
    ],
    path.join(dir, 'mirrormaker.log'),
  );
}

/** The rig's Kafka 3.9 jar directory (RIG_KAFKA_CLASSPATH is `<dir>/*`). */
export function kafka39Lib(classpath: string): string {
  return classpath.replace(/[/\\]\*$/, '');
}

/** Runs a one-node Kafka Connect cluster in distributed mode (Kafka 3.9 jars) with `workerProps`; REST on a free port. */
export async function startConnect(lib: string, workerProps: string, dir: string, extraClasspath: string[] = []): Promise<Proc & { readonly rest: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort(Number(process.env.MIRROR_IT_PORT_BASE ?? 37500) + 50);
  const props = path.join(dir, 'worker.properties');
  fs.writeFileSync(props, `${fs.readFileSync(workerProps, 'utf8')}\nlisteners=http://127.0.0.1:${port}\n`);
  const cp = [`${lib}/*`, ...extraClasspath].join(path.delimiter);
  const p = launch(
    [...JVM, '-Xmx768m', `-Dlog4j.configuration=file:${log4j(dir, 'INFO')}`, '-cp', cp, 'org.apache.kafka.connect.cli.ConnectDistributed', props],
    path.join(dir, 'connect.log'),
  );
  const rest = `http://127.0.0.1:${port}`;
  for (;;) {
    if (p.proc.exitCode !== null) throw new Error(`Connect exited while starting (log: ${p.log}):\n${fs.readFileSync(p.log, 'utf8').slice(-3000)}`);
    const ok = await fetch(`${rest}/connectors`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ...p, rest };
}
