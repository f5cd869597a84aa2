/**
 * MirrorMaker 2 for a rehearsal: dedicated mode (`connect-mirror-maker.sh mm2.properties --clusters ALIAS`) from the
 * rig's Kafka 3.9 jars (`scripts/rig/rig.sh fetch`, outside the namespace), and javac for the renaming policy that
 * `alikafka-migrate mirror` writes beside the configuration when the plan renames topics.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CACHE_HOME, REPO_ROOT } from './broker';

/** The Kafka 3.9 jars of the rig (RIG_KAFKA_CLASSPATH is `<dir>/*`; RIG_HOME moves the cache). */
export function kafka39Lib(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RIG_KAFKA_CLASSPATH) return env.RIG_KAFKA_CLASSPATH.replace(/[/\\]\*$/, '');
  return path.join(env.RIG_HOME ?? path.join(CACHE_HOME, 'rig'), 'lib-kafka39');
}

/** Resolves the rig's jars (Kafka 3.9 among them) into the cache: needs the network, so call it outside the namespace. */
export function fetchKafka39Jars(): string {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'rig', 'rig.sh'), 'fetch'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return kafka39Lib();
}

/** Compiles the renaming policy `mirror` wrote into a jar, against the MirrorMaker jars. */
export function buildPolicyJar(javaFile: string, lib: string, dir: string): string {
  const classes = path.join(dir, 'policy-classes');
  fs.mkdirSync(classes, { recursive: true });
  execFileSync('javac', ['--release', '8', '-nowarn', '-cp', `${lib}/*`, '-d', classes, javaFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const jar = path.join(dir, 'alikafka-migrate-mm2-policy.jar');
  execFileSync('jar', ['cf', jar, '-C', classes, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return jar;
}

const running = new Set<ChildProcess>();
/** Kills every MirrorMaker this module started (on an abnormal exit of the rehearsal). */
export function killMirrorMakers(): void {
  for (const p of running) {
    try {
      p.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export interface MirrorMakerProcess {
  readonly proc: ChildProcess;
  readonly log: string;
  /** The end of its log, for an error message. */
  tail(chars?: number): string;
  stop(): Promise<void>;
}

/** Starts dedicated MirrorMaker 2 on `propsFile` for the herder that writes to `alias`, logging into `dir`. */
export function startMirrorMaker(lib: string, propsFile: string, alias: string, dir: string, extraClasspath: readonly string[] = []): MirrorMakerProcess {
  fs.mkdirSync(dir, { recursive: true });
  const log4j = path.join(dir, 'log4j.properties');
  fs.writeFileSync(
    log4j,
    [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.org.reflections=ERROR',
      '',
    ].join('\n'),
  );
  const logFile = path.join(dir, 'mirrormaker.log');
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(
    'java',
    [
      '-Xms128m',
      `-Xmx${process.env.REHEARSE_MM2_HEAP ?? '512m'}`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      '-Djava.net.preferIPv4Stack=true',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      [`${lib}/*`, ...extraClasspath].join(path.delimiter),
      'org.apache.kafka.connect.mirror.MirrorMaker',
      propsFile,
      '--clusters',
      alias,
    ],
    { stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  return {
    proc,
    log: logFile,
    tail: (chars = 4000) => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-chars) : ''),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const done = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await done;
      clearTimeout(t);
    },
  };
}
