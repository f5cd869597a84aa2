// Bounded work on hostile input (issue 19 item 5): every input file has a size limit (--max-input-mb), a
// nesting limit and no duplicate keys, each error naming the file; binary files are refused.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { InputTooLargeError, readUserFile, setInputLimit } from '../../lib/util/fs';
import { kafkaModule } from '../../lib/sources/client';
import { ONE_ZONE, runCli, tmpDir } from '../helpers';

const BIN = path.resolve(__dirname, '../../bin/alikafka-migrate');
let dir: string;
beforeAll(() => {
  dir = tmpDir('bounds');
});

function write(name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

const META = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  formatVersion: 1,
  source: { kind: 'zookeeper', clusterId: 'c1', kafkaVersion: '3.7.1', collectedAt: '2026-11-20T09:30:00Z' },
  brokers: [{ id: 1, host: '10.0.0.1', port: 9092 }],
  topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }],
  ...extra,
});

describe('input size limit', () => {
  test('an endless --metadata /dev/zero fails within seconds, exit 1, naming the file, the limit and --max-input-mb', () => {
    const t0 = Date.now();
    const r = spawnSync(BIN, ['synth', '--metadata', '/dev/zero', ...ONE_ZONE, '--out', path.join(dir, 'zero')], { encoding: 'utf8', timeout: 60_000 });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\/dev\/zero.*\n.*larger than the input size limit of 128 MB; .*--max-input-mb/);
    expect(fs.existsSync(path.join(dir, 'zero'))).toBe(false);
  });

  test('plan-summary reading an endless standard input stops at the limit given by --max-input-mb', () => {
    const r = spawnSync('sh', ['-c', `"${BIN}" plan-summary - --max-input-mb 1 < /dev/zero`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error: <stdin>: cannot read: larger than the input size limit of 1 MB; if the file is genuine, raise the limit with --max-input-mb\n',
    );
  });

  test('reading past the limit keeps memory near the limit, not the size of the input', () => {
    setInputLimit({ maxBytes: 8 * 1024 * 1024, raiseWith: 'the test' });
    try {
      const before = process.memoryUsage().rss;
      expect(() => readUserFile('/dev/zero')).toThrow(InputTooLargeError);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      setInputLimit(undefined);
    }
  });

  test('a file over --max-input-mb is refused before it is read, and a higher --max-input-mb accepts it', async () => {
    const big = META({ 'x-padding': 'p'.repeat(2 * 1024 * 1024) });
    const file = write('big.json', JSON.stringify(big));
    const small = await runCli(['synth', '--metadata', file, ...ONE_ZONE, '--out', path.join(dir, 'big1'), '--max-input-mb', '1']);
    expect(small.code).toBe(1);
    expect(small.err).toContain(`${file}: invalid metadata (1 problem):\n  cannot read the metadata file: larger than the input size limit of 1 MB`);
    const ok = await runCli(['synth', '--metadata', file, ...ONE_ZONE, '--out', path.join(dir, 'big2'), '--max-input-mb', '3']);
    expect(ok.code).toBe(0);
    const bad = await runCli(['synth', '--metadata', file, ...ONE_ZONE, '--out', path.join(dir, 'big3'), '--max-input-mb', '99999']);
    expect([bad.code, bad.err]).toEqual([2, 'error: --max-input-mb must be in 1-16384 MB, got 99999\n']);
  });
});

describe('JSON limits', () => {
  test('metadata nested 100,000 levels deep is refused naming the file and the nesting limit (no stack overflow)', async () => {
    const file = write('deep.json', `{"formatVersion": 1, "x-deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await runCli(['synth', '--metadata', file, ...ONE_ZONE, '--out', path.join(dir, 'deep')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `^error: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid metadata \\(1 problem\\):\\n  x-deep(\\[0\\])+\\.\\.\\.: nested deeper than 100 levels, the nesting limit`,
      ),
    );
    expect(fs.existsSync(path.join(dir, 'deep'))).toBe(false);
  });

  test('a plan JSON nested too deep is refused by plan-summary naming the file', async () => {
    const file = write('deep-plan.json', `{"format_version": "1.2", "resource_changes": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    const r = await runCli(['plan-summary', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: resource_changes[0][0]`);
    expect(r.err).toContain('nested deeper than 100 levels');
  });

  test('duplicate keys are refused in metadata, rename maps and plan JSON, with the path and line', async () => {
    const meta = write('dup-meta.json', JSON.stringify(META()).replace('"partitions":3', '"partitions":3,\n"partitions":6'));
    const r1 = await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', path.join(dir, 'dup')]);
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('topics[0].partitions: duplicate key "partitions": JSON keeps only the last value');
    expect(r1.err).toContain('(line 2, column 1)');

    const okMeta = write('ok-meta.json', JSON.stringify(META()));
    const map = write('dup-map.json', '{"topics": {"orders": "orders_a", "orders": "orders_b"}}');
    const r2 = await runCli(['synth', '--metadata', okMeta, ...ONE_ZONE, '--rename-map', map, '--out', path.join(dir, 'dup2')]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain(`--rename-map ${map}: topics.orders: duplicate key "orders"`);

    const plan = write('dup-plan.json', '{"format_version": "1.2", "format_version": "1.2", "resource_changes": []}');
    const r3 = await runCli(['plan-summary', plan]);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain(`${plan}: format_version: duplicate key "format_version"`);
  });
});

test('a binary .properties file is refused naming the file, not read as settings', async () => {
  const bin = write('client.properties', Buffer.concat([Buffer.from('bootstrap.servers=10.0.0.1:9092\n'), Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2])]));
  const r = await runCli(['lint-client', bin]);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`${bin}: cannot read: is a binary file, not text (a NUL byte at offset 36)`);
});

describe('values outside their ranges are refused with the range', () => {
  test.each([
    ['mirror --target-bootstrap', ['--target-bootstrap', '127.0.0.1:99999'], '--target-bootstrap: bad server "127.0.0.1:99999": port 99999 is outside 1-65535'],
    [
      'mirror --source-bootstrap port 0',
      ['--target-bootstrap', '127.0.0.1:9092', '--source-bootstrap', '10.0.0.1:0'],
      '--source-bootstrap: bad server "10.0.0.1:0": port 0 is outside 1-65535',
    ],
  ])('%s', async (_name, args, message) => {
    const meta = write('ports-meta.json', JSON.stringify(META()));
    const synthOut = path.join(dir, 'ports-synth');
    expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--mirror', 'connect', '--out', synthOut])).code).toBe(0);
    const plan = path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json');
    const r = await runCli(['mirror', '--plan', plan, ...args, '--out', path.join(dir, 'ports')]);
    expect([r.code, r.err]).toEqual([2, `error: ${message}\n`]);
  });

  test('export --bootstrap-servers with a port above 65535 is a usage error naming the range', async () => {
    const r = await runCli(['export', '--bootstrap-servers', '127.0.0.1:70000', '--target-directory', dir]);
    expect([r.code, r.err]).toEqual([2, 'error: --bootstrap-servers: bad server "127.0.0.1:70000": port 70000 is outside 1-65535\n']);
  });

  test('a 300-character --instance-name is refused with the provider rule (3-64 bytes), nothing written', async () => {
    const meta = write('name-meta.json', JSON.stringify(META()));
    const out = path.join(dir, 'long-name');
    const r = await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--instance-name', 'k'.repeat(300), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--instance-name: must be 3-64 bytes long in UTF-8');
    expect(r.err).toContain('got 300');
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    ['--replication-factor', '32768', '--replication-factor must be in 1-32767, got 32768'],
    ['--max-tasks', '2147483648', '--max-tasks must be in 1-2147483647, got 2147483648'],
    ['--checkpoint-interval', '86401', '--checkpoint-interval must be in 1-86400 seconds, got 86401'],
    ['--checkpoint-interval', '0', '--checkpoint-interval must be in 1-86400 seconds, got 0'],
  ])('synth --mirror connect %s %s is a usage error naming the range, nothing written', async (flag, value, message) => {
    const meta = write('mm-range-meta.json', JSON.stringify(META()));
    const out = path.join(dir, `mm-range-${flag}-${value}`);
    const r = await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--mirror', 'connect', flag, value, '--out', out]);
    expect([r.code, r.err]).toEqual([2, `error: ${message}\n`]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    ['client-config', '161', '--bandwidth-mbps must be in 1-160 Mbit/s, got 161'],
    ['lint-client', '0', '--bandwidth-mbps must be in 1-160 Mbit/s, got 0'],
  ])('%s --bandwidth-mbps %s is a usage error naming the range of eip_max', async (command, value, message) => {
    const meta = write('bw-meta.json', JSON.stringify(META()));
    const synthOut = path.join(dir, 'bw-synth');
    expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', synthOut])).code).toBe(0);
    const plan = path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json');
    const props = write('bw-app.properties', 'bootstrap.servers=127.0.0.1:9092\n');
    const args =
      command === 'client-config'
        ? ['client-config', '--plan', plan, '--bootstrap', '127.0.0.1:9092', '--bandwidth-mbps', value]
        : ['lint-client', props, '--plan', plan, '--bandwidth-mbps', value];
    const r = await runCli(args);
    expect([r.code, r.err]).toEqual([2, `error: ${message}\n`]);
  });

  test.each(['cutover', 'verify'])('%s --timeout above 86400 s is a usage error naming the range', async (command) => {
    const meta = write('to-meta.json', JSON.stringify(META()));
    const synthOut = path.join(dir, 'to-synth');
    expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', synthOut])).code).toBe(0);
    const plan = path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json');
    const r = await runCli([command, '--plan', plan, '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:2', '--timeout', '86401']);
    expect([r.code, r.err]).toEqual([2, 'error: --timeout must be in 1-86400 seconds, got 86401\n']);
  });

  test('a rename-map entry that names no source object is flagged on stderr with the entry, not passed silently', async () => {
    const meta = write('rename-meta.json', JSON.stringify(META()));
    const map = write('rename-map.json', JSON.stringify({ topics: { orders: 'orders-v2', ordrs: 'typo' }, groups: { billing: 'billing-v2' } }));
    const r = await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--rename-map', map, '--out', path.join(dir, 'rename')]);
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: --rename-map'));
    expect(warnings).toEqual([
      'warning: --rename-map.groups["billing"]: names no group of the source (0 groups): nothing is renamed by this entry; check the spelling',
      'warning: --rename-map.topics["ordrs"]: names no topic of the source (1 topics): nothing is renamed by this entry; check the spelling',
    ]);
  });

  test('an --existing-target partition count of 10^15 is refused with the range, not planned', async () => {
    const meta = write('adopt-meta.json', JSON.stringify(META()));
    const target = write(
      'adopt-target.json',
      JSON.stringify({ ...META(), topics: [{ name: 'orders', partitions: 1e15, replicationFactor: 3 }], brokers: undefined }),
    );
    const out = path.join(dir, 'adopt');
    const r = await runCli(['synth', '--metadata', meta, '--instance-id', 'alikafka_post-cn-abc123', '--existing-target', target, '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--existing-target: topic orders: 1000000000000000 partitions on the target is outside 1-40000');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('--timeout and --deadline against a host that accepts TCP and never answers', () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let hole: string;
  let planFile: string;
  beforeAll(async () => {
    // the Kafka client is loaded once per process, by the first command that connects: loaded here, so the runs
    // below time the timeouts, not that one-time load (seconds on a loaded machine)
    kafkaModule();
    server = net.createServer((c) => {
      sockets.add(c);
      c.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hole = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const meta = write(
      'hole-meta.json',
      JSON.stringify(META({ consumerGroups: [{ groupId: 'g1', offsets: [{ topic: 'orders', partition: 0, offset: 1 }] }] })),
    );
    const out = path.join(dir, 'hole');
    expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', out])).code).toBe(0);
    planFile = path.join(out, 'stacks', 'alikafka-migration', 'migration-plan.json');
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  test.each(['cutover', 'verify'])('%s --timeout 2 fails within the timeout (not after the client retries), naming the host', async (command) => {
    const r = await runCli([command, '--plan', planFile, '--source-bootstrap', hole, '--target-bootstrap', hole, '--timeout', '2']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Kafka source ${hole}: no answer within the per-request timeout of 2 s`);
    expect(r.ms).toBeLessThan(3500);
  });

  test.each(['cutover', 'verify'])('%s --deadline 1 ends the whole run after 1 s with exit 1', async (command) => {
    const r = await runCli([command, '--plan', planFile, '--source-bootstrap', hole, '--target-bootstrap', hole, '--deadline', '1']);
    expect([r.code, r.err]).toEqual([1, `error: ${command} did not finish within --deadline 1 s\n`]);
    expect(r.ms).toBeLessThan(2500);
  });

  test('--deadline outside 1-86400 seconds is a usage error naming the range', async () => {
    const r = await runCli(['cutover', '--plan', planFile, '--source-bootstrap', hole, '--target-bootstrap', hole, '--deadline', '0']);
    expect([r.code, r.err]).toEqual([2, 'error: --deadline must be in 1-86400 seconds, got 0\n']);
  });
});
