/**
 * A small promise wrapper around node-zookeeper-client (which has no types of its own here) with
 * the guards the library lacks: a connect timeout with a real cause (it never reports an unreachable
 * server), a deadline on every call, and read-only calls only.
 */
import * as net from 'net';
import { SourceError } from './errors';

// node-zookeeper-client ships no type declarations; this is the part of its API used here.
interface ZkStat {
  readonly mzxid: Buffer;
  readonly version: number;
  readonly numChildren: number;
  readonly dataLength: number;
}
interface ZkException extends Error {
  getCode(): number;
}
interface RawClient {
  connect(): void;
  close(): void;
  addAuthInfo(scheme: string, auth: Buffer): void;
  once(event: string, cb: (...args: unknown[]) => void): void;
  on(event: string, cb: (...args: unknown[]) => void): void;
  getData(path: string, cb: (err: ZkException | null, data: Buffer | null, stat: ZkStat) => void): void;
  getChildren(path: string, cb: (err: ZkException | null, children: string[], stat: ZkStat) => void): void;
  exists(path: string, cb: (err: ZkException | null, stat: ZkStat | null) => void): void;
}
interface ZkModule {
  createClient(conn: string, opts: { sessionTimeout: number; spinDelay: number; retries: number }): RawClient;
  Exception: { NO_NODE: number; NO_AUTH: number; CONNECTION_LOSS: number; SESSION_EXPIRED: number };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zookeeper = require('node-zookeeper-client') as ZkModule;

export const ZK_NO_NODE = zookeeper.Exception.NO_NODE;
export const ZK_NO_AUTH = zookeeper.Exception.NO_AUTH;

export interface ZkConnectString {
  /** host:port pairs. */
  readonly hosts: readonly { host: string; port: number }[];
  /** '' or '/chroot'. */
  readonly chroot: string;
  /** As given, normalized (no credentials ever). */
  readonly display: string;
}

/** Parses `host:port[,host:port][/chroot]`; throws a plain Error with the reason when malformed. */
export function parseZkConnect(s: string): ZkConnectString {
  const trimmed = s.trim();
  const slash = trimmed.indexOf('/');
  const hostPart = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  let chroot = slash >= 0 ? trimmed.slice(slash) : '';
  if (chroot === '/') chroot = '';
  if (chroot.endsWith('/')) throw new Error(`chroot must not end with "/": ${JSON.stringify(s)}`);
  if (/\/\//.test(chroot)) throw new Error(`chroot has an empty path segment: ${JSON.stringify(s)}`);
  if (!hostPart) throw new Error(`no host in ${JSON.stringify(s)} (expected HOST:PORT[,HOST:PORT][/chroot])`);
  const hosts = hostPart.split(',').map((h) => {
    const m = /^([^:\s]+)(?::(\d+))?$/.exec(h.trim());
    if (!m) throw new Error(`bad ZooKeeper host ${JSON.stringify(h)} in ${JSON.stringify(s)} (expected HOST:PORT)`);
    const port = m[2] ? Number(m[2]) : 2181;
    if (port < 1 || port > 65535) throw new Error(`bad port in ${JSON.stringify(h)}`);
    return { host: m[1], port };
  });
  return { hosts, chroot, display: `${hosts.map((h) => `${h.host}:${h.port}`).join(',')}${chroot}` };
}

/** Tries a TCP connection to each host; returns a readable reason for each one that fails. */
export async function probeHosts(conn: { readonly hosts: readonly { host: string; port: number }[] }, timeoutMs: number): Promise<string[]> {
  const reasons = await Promise.all(
    conn.hosts.map(
      (h) =>
        new Promise<string | null>((resolve) => {
          const sock = net.connect({ host: h.host, port: h.port });
          const done = (r: string | null): void => {
            sock.removeAllListeners();
            sock.destroy();
            resolve(r);
          };
          sock.setTimeout(timeoutMs, () => done(`${h.host}:${h.port}: no answer within ${timeoutMs} ms`));
          sock.once('connect', () => done(null));
          sock.once('error', (e: NodeJS.ErrnoException) => done(`${h.host}:${h.port}: ${e.code ?? e.message}`));
        }),
    ),
  );
  return reasons.filter((r): r is string => r !== null);
}

export interface ZkReadResult {
  readonly data: Buffer | null;
  readonly mzxid: bigint;
  readonly version: number;
}

/** A connected, read-only ZooKeeper session with a deadline. */
export class ZkReader {
  private closed = false;
  private lostReason: string | undefined;

  private constructor(
    private readonly client: RawClient,
    public readonly conn: ZkConnectString,
    private readonly deadline: number,
  ) {
    client.on('expired', () => {
      this.lostReason = 'session expired';
    });
  }

  /**
   * Connects within the time left before `deadline` (epoch ms). `digest` is `user:password` for
   * ZooKeeper digest auth; it is never logged.
   */
  static async open(connect: string, deadline: number, digest?: string): Promise<ZkReader> {
    let conn: ZkConnectString;
    try {
      conn = parseZkConnect(connect);
    } catch (e) {
      throw new SourceError(`ZooKeeper connect string: ${(e as Error).message}`, 'usage');
    }
    // node-zookeeper-client never reports an unreachable server; find out first, and say why.
    const down = await probeHosts(conn, Math.min(3000, Math.max(500, deadline - Date.now())));
    if (down.length === conn.hosts.length) {
      throw new SourceError(`ZooKeeper ${conn.display}: not reachable (${down.join('; ')})`, 'unreachable');
    }
    const left = Math.max(1, deadline - Date.now());
    const client = zookeeper.createClient(conn.display, {
      sessionTimeout: Math.min(30_000, Math.max(6_000, left)),
      spinDelay: 200,
      retries: 2,
    });
    if (digest) client.addAuthInfo('digest', Buffer.from(digest, 'utf8'));
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (msg: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          client.close();
        } catch {
          // ignore
        }
        reject(new SourceError(msg, 'unreachable'));
      };
      const timer = setTimeout(() => {
        void probeHosts(conn, 1000).then((reasons) => {
          const cause = reasons.length ? reasons.join('; ') : 'TCP connects but no ZooKeeper session was established';
          fail(`ZooKeeper ${conn.display}: not reachable within ${Math.round(left / 1000)} s (${cause})`);
        });
      }, left);
      client.once('connected', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve();
      });
      client.once('authenticationFailed', () => fail(`ZooKeeper ${conn.display}: authentication failed`));
      client.connect();
    });
    return new ZkReader(client, conn, deadline);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.close();
    } catch {
      // ignore
    }
  }

  private describe(path: string, e: unknown): SourceError {
    const err = e as ZkException;
    const code = typeof err?.getCode === 'function' ? err.getCode() : undefined;
    const full = `${this.conn.chroot}${path}`;
    if (code === ZK_NO_AUTH) {
      return new SourceError(
        `ZooKeeper ${this.conn.display}: not authorized to read ${full} (NO_AUTH); pass \`zkDigest\` USER:PASS with a ZooKeeper identity that may read it`,
        'auth',
      );
    }
    return new SourceError(`ZooKeeper ${this.conn.display}: reading ${full} failed: ${this.lostReason ?? String(err?.message ?? e)}`, 'unreachable');
  }

  /** Runs one call with the deadline; retries connection losses until the deadline. */
  private call<T>(path: string, op: (cb: (err: ZkException | null, v: T) => void) => void, missing: T): Promise<T> {
    const attempt = (tries: number): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const left = this.deadline - Date.now();
        if (left <= 0) {
          reject(new SourceError(`ZooKeeper ${this.conn.display}: timed out reading ${this.conn.chroot}${path}`, 'timeout'));
          return;
        }
        let done = false;
        const timer = setTimeout(() => {
          if (done) return;
          done = true;
          reject(
            new SourceError(
              `ZooKeeper ${this.conn.display}: timed out reading ${this.conn.chroot}${path}${this.lostReason ? ` (${this.lostReason})` : ''}`,
              'timeout',
            ),
          );
        }, left);
        op((err, v) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (!err) {
            resolve(v);
            return;
          }
          const code = typeof err.getCode === 'function' ? err.getCode() : undefined;
          if (code === ZK_NO_NODE) {
            resolve(missing);
            return;
          }
          if (code === zookeeper.Exception.CONNECTION_LOSS && tries < 5 && !this.closed && !this.lostReason) {
            setTimeout(() => attempt(tries + 1).then(resolve, reject), 200 * (tries + 1));
            return;
          }
          reject(this.describe(path, err));
        });
      });
    return attempt(0);
  }

  /** Data and stat of a node, or null when it does not exist. */
  read(path: string): Promise<ZkReadResult | null> {
    return this.call<ZkReadResult | null>(
      path,
      (cb) =>
        this.client.getData(path, (err, data, stat) => {
          cb(err, err ? null : { data: data && data.length ? data : null, mzxid: stat.mzxid.readBigInt64BE(0), version: stat.version });
        }),
      null,
    );
  }

  /** Data of a node, or null when it does not exist or is empty. */
  async data(path: string): Promise<Buffer | null> {
    const r = await this.read(path);
    return r ? r.data : null;
  }

  /** Children of a node (sorted), or null when it does not exist. */
  children(path: string): Promise<string[] | null> {
    return this.call<string[] | null>(path, (cb) => this.client.getChildren(path, (err, ch) => cb(err, err ? null : [...ch].sort())), null);
  }

  async exists(path: string): Promise<boolean> {
    return (await this.call<ZkStat | null>(path, (cb) => this.client.exists(path, (err, stat) => cb(err, stat)), null)) !== null;
  }
}

/** Runs `f` over `items` with at most `limit` calls in flight; results keep input order. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, f: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k], k);
    }
  });
  await Promise.all(workers);
  return out;
}
