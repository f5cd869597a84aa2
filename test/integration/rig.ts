/**
 * Shared helpers for the integration tests: the rig's environment (scripts/rig/rig.sh start prints it),
 * a CLI runner, and ZooKeeper/Kafka helpers used only for test setup and for read-only checks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka, KafkaAdmin, KafkaConfig } from '../../tools/kafka';
// the in-process CLI and temporary directories are the shared test helpers': re-exported for the integration tests
export type { CliRun } from '../helpers';
export { runCli, tmpDir } from '../helpers';

export interface RigEnv {
  readonly zookeeper: string;
  readonly kafkaZk: string;
  readonly kafkaZkChroot: string;
  readonly kafkaKraft: string;
  readonly kafkaSasl: string;
  readonly kafkaSaslChroot: string;
  readonly saslUser: string;
  readonly saslPassword: string;
  readonly classpath: string;
  /** Kafka 4.x jars (the KRaft broker's). */
  readonly classpath4?: string;
  /** The rig's run directory: <broker>/logs holds each broker's log directory. */
  readonly runDir: string;
  /** The SASL broker's SASL_SSL listener and the client's truststores (CA made by keytool at rig start). */
  readonly ssl?: {
    readonly bootstrap: string;
    readonly truststoreJks: string;
    readonly truststoreP12: string;
    readonly caPem: string;
    readonly truststorePassword: string;
  };
}

const REQUIRED = ['RIG_ZOOKEEPER', 'RIG_KAFKA_ZK', 'RIG_KAFKA_KRAFT', 'RIG_KAFKA_SASL', 'RIG_SASL_USER', 'RIG_SASL_PASSWORD', 'RIG_KAFKA_CLASSPATH'];

/** The rig's environment, or undefined when it is not set (tests then skip locally, and fail in CI). */
export function rigEnv(): RigEnv | undefined {
  const missing = REQUIRED.filter((k) => !process.env[k]);
  if (missing.length) return undefined;
  const e = process.env as Record<string, string>;
  return {
    zookeeper: e.RIG_ZOOKEEPER,
    kafkaZk: e.RIG_KAFKA_ZK,
    kafkaZkChroot: e.RIG_KAFKA_ZK_CHROOT ?? '/kafka39',
    kafkaKraft: e.RIG_KAFKA_KRAFT,
    kafkaSasl: e.RIG_KAFKA_SASL,
    kafkaSaslChroot: e.RIG_KAFKA_SASL_CHROOT ?? '/kafka39sasl',
    saslUser: e.RIG_SASL_USER,
    saslPassword: e.RIG_SASL_PASSWORD,
    classpath: e.RIG_KAFKA_CLASSPATH,
    classpath4: e.RIG_KAFKA4_CLASSPATH,
    ssl: e.RIG_KAFKA_SSL
      ? {
          bootstrap: e.RIG_KAFKA_SSL,
          truststoreJks: e.RIG_SSL_TRUSTSTORE_JKS,
          truststoreP12: e.RIG_SSL_TRUSTSTORE_P12,
          caPem: e.RIG_SSL_CA_PEM,
          truststorePassword: e.RIG_SSL_TRUSTSTORE_PASSWORD,
        }
      : undefined,
    runDir: e.RIG_RUN_DIR ?? path.join(e.RIG_HOME ?? path.join(os.homedir(), '.cache', 'alikafka-migrate', 'rig'), `run-${e.RIG_PORT_BASE ?? '29000'}`),
  };
}

/**
 * `describe` when the rig is up; otherwise a suite that fails in CI (CI=true) and skips locally.
 */
export function describeWithRig(name: string, body: (env: RigEnv) => void): void {
  const env = rigEnv();
  if (env) {
    describe(name, () => body(env));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('the test rig is running', () => {
        throw new Error(`integration tests need the rig: ${REQUIRED.join(', ')} are not set. Run \`eval "$(npm run -s rig:start)"\` first.`);
      });
    });
    return;
  }
  describe.skip(`${name} (rig not running: eval "$(npm run -s rig:start)")`, () => {
    test('skipped', () => undefined);
  });
}

/** A name unique to this test run, so repeated runs against one rig do not collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** A client of the rig's broker at `brokers` (test setup: @platformatic/kafka through tools/kafka). */
export function kafkaClient(brokers: string, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ clientId: 'it-setup', brokers: [brokers], ...extra });
}

/** Runs `f` with an admin client of `kafka` (its metadata reads tolerate the leaderless partition one test leaves in the rig). */
export async function withAdmin<T>(kafka: Kafka, f: (a: KafkaAdmin) => Promise<T>): Promise<T> {
  const a = kafka.admin();
  await a.connect();
  try {
    return await f(a);
  } finally {
    await a.disconnect();
  }
}

/** Groups and their committed offsets, to compare before/after an export. */
export async function groupsAndOffsets(kafka: Kafka): Promise<Record<string, string>> {
  return withAdmin(kafka, async (a) => {
    const { groups } = await a.listGroups();
    const out: Record<string, string> = {};
    for (const g of groups.sort((x, y) => x.groupId.localeCompare(y.groupId))) {
      const offs = await a.fetchOffsets({ groupId: g.groupId });
      out[g.groupId] = JSON.stringify(offs.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.offset])]).sort());
    }
    return out;
  });
}

// ---- ZooKeeper (test setup and read-only snapshots)
interface ZkStat {
  mzxid: Buffer;
  ephemeralOwner: Buffer;
}
interface ZkErr extends Error {
  getCode(): number;
}
interface RawZk {
  connect(): void;
  close(): void;
  once(ev: string, cb: () => void): void;
  getData(p: string, cb: (e: ZkErr | null, d: Buffer | null, s: ZkStat) => void): void;
  getChildren(p: string, cb: (e: ZkErr | null, c: string[]) => void): void;
  mkdirp(p: string, data: Buffer, cb: (e: ZkErr | null) => void): void;
  setData(p: string, data: Buffer, v: number, cb: (e: ZkErr | null) => void): void;
  remove(p: string, v: number, cb: (e: ZkErr | null) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zookeeper = require('node-zookeeper-client') as { createClient(c: string, o: object): RawZk };

export class TestZk {
  private constructor(private readonly c: RawZk) {}

  static async open(connect: string): Promise<TestZk> {
    const c = zookeeper.createClient(connect, { sessionTimeout: 10000, spinDelay: 200, retries: 2 });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`ZooKeeper ${connect} not reachable`)), 10000);
      c.once('connected', () => {
        clearTimeout(t);
        resolve();
      });
      c.connect();
    });
    return new TestZk(c);
  }

  close(): void {
    this.c.close();
  }

  /** Creates (with parents) or overwrites a node. Test setup only. */
  async put(p: string, data: string): Promise<void> {
    const buf = Buffer.from(data);
    await new Promise<void>((resolve, reject) =>
      this.c.setData(p, buf, -1, (e) => {
        if (!e) return resolve();
        if (e.getCode() !== -101) return reject(e);
        // absent: create it with its parents (mkdirp sets the data on the last node)
        this.c.mkdirp(p, buf, (e2) => (e2 ? reject(e2) : resolve()));
      }),
    );
  }

  get(p: string): Promise<string> {
    return new Promise((resolve, reject) => this.c.getData(p, (e, d) => (e ? reject(e) : resolve(d ? d.toString('utf8') : ''))));
  }

  remove(p: string): Promise<void> {
    return new Promise((resolve, reject) => this.c.remove(p, -1, (e) => (e ? reject(e) : resolve())));
  }

  children(p: string): Promise<string[]> {
    return new Promise((resolve, reject) =>
      this.c.getChildren(p, (e, ch) => {
        if (e && e.getCode() === -101) return resolve([]);
        return e ? reject(e) : resolve(ch);
      }),
    );
  }

  /** Every persistent node under `root`: path → mzxid + data (ephemeral nodes are skipped). */
  async snapshot(root: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const walk = async (p: string): Promise<void> => {
      const r = await new Promise<{ d: Buffer | null; s: ZkStat } | null>((resolve, reject) =>
        this.c.getData(p, (e, d, s) => {
          if (e && e.getCode() === -101) return resolve(null);
          return e ? reject(e) : resolve({ d, s });
        }),
      );
      if (!r) return;
      if (r.s.ephemeralOwner.readBigInt64BE(0) === 0n) out.set(p, `${r.s.mzxid.readBigInt64BE(0)} ${r.d ? r.d.toString('base64') : ''}`);
      for (const ch of await this.children(p)) await walk(`${p === '/' ? '' : p}/${ch}`);
    };
    await walk(root);
    return out;
  }
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Polls `f` until it returns a value. There is no budget of its own by default: under load (a busy CI machine)
 * a condition can take long to come true, so the wait ends with the condition or with the test's own timeout.
 */
export async function waitFor<T>(what: string, f: () => Promise<T | undefined | false>, timeoutMs = Number.POSITIVE_INFINITY): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
