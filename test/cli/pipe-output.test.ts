// The launcher exits only after standard output has drained: each command's output (over 1 MB) read through a
// pipe (`| cat`) is byte-identical to the same output redirected to a file, and the exit code is the command's.
// Before the fix, the launcher called process.exit() right after the last write: a pipe got the first 64 KiB.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ONE_ZONE, tmpDir } from '../helpers';

const BIN = path.resolve(__dirname, '../../bin/alikafka-migrate');
let dir: string;

beforeAll(() => {
  dir = tmpDir('pipe-output');
});

/** Runs the launcher once with stdout to a file and once through `| cat`; both outputs and both exit codes. */
function fileAndPipe(args: readonly string[]): { file: Buffer; piped: Buffer; fileCode: number; pipeCode: number } {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [BIN, ...args].map(q).join(' ');
  const toFile = path.join(dir, 'to-file.out');
  const throughPipe = path.join(dir, 'through-pipe.out');
  const r1 = spawnSync('bash', ['-c', `${cmd} > ${q(toFile)} 2>/dev/null; echo -n $?`], { encoding: 'utf8', cwd: dir });
  const r2 = spawnSync('bash', ['-c', `${cmd} 2>/dev/null | cat > ${q(throughPipe)}; echo -n \${PIPESTATUS[0]}`], { encoding: 'utf8', cwd: dir });
  return { file: fs.readFileSync(toFile), piped: fs.readFileSync(throughPipe), fileCode: Number(r1.stdout), pipeCode: Number(r2.stdout) };
}

function planJson(changes: number, nameLength: number): string {
  const actions = [['create'], ['delete'], ['update'], ['delete', 'create']];
  const rc = Array.from({ length: changes }, (_, i) => {
    const name = `topic_${String(i).padStart(6, '0')}_${'x'.repeat(nameLength)}`;
    return {
      address: `alicloud_alikafka_topic.${name}`,
      mode: 'managed',
      type: 'alicloud_alikafka_topic',
      name,
      provider_name: 'registry.terraform.io/aliyun/alicloud',
      change: { actions: actions[i % 4], before: null, after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    };
  });
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: rc });
}

test('plan-summary of a 3,000-change plan: through a pipe, to a file and with --out, byte-identical (over 1 MB)', () => {
  const plan = path.join(dir, 'plan.json');
  fs.writeFileSync(plan, planJson(3000, 300));
  const r = fileAndPipe(['plan-summary', plan]);
  expect(r.file.length).toBeGreaterThan(1_000_000);
  expect(r.piped.length).toBe(r.file.length);
  expect(r.piped.equals(r.file)).toBe(true);
  expect([r.fileCode, r.pipeCode]).toEqual([0, 0]);
  const out = path.join(dir, 'summary.md');
  expect(spawnSync(BIN, ['plan-summary', plan, '--out', out]).status).toBe(0);
  expect(fs.readFileSync(out).equals(r.piped)).toBe(true);
});

test('mirror --json: the report through a pipe equals the report redirected to a file (over 1 MB)', () => {
  const topics = Array.from({ length: 4000 }, (_, i) => ({ name: `orders.region-${String(i).padStart(5, '0')}.events`, partitions: 2, replicationFactor: 3 }));
  const meta = path.join(dir, 'meta.json');
  fs.writeFileSync(
    meta,
    JSON.stringify({
      formatVersion: 1,
      source: { kind: 'zookeeper', clusterId: 'c1', kafkaVersion: '3.7.1', collectedAt: '2026-11-20T09:30:00Z' },
      brokers: [{ id: 1, host: '10.0.0.1', port: 9092 }],
      topics,
    }),
  );
  const synth = spawnSync(BIN, ['synth', '--metadata', meta, ...ONE_ZONE, '--mirror', 'connect', '--out', path.join(dir, 'synth')], { encoding: 'utf8' });
  expect(synth.status).toBe(0);
  const r = fileAndPipe([
    'mirror',
    '--plan',
    path.join(dir, 'synth', 'stacks', 'alikafka-migration', 'migration-plan.json'),
    '--target-bootstrap',
    '127.0.0.1:9093',
    '--json',
    '--out',
    path.join(dir, 'mirror'),
  ]);
  expect(r.file.length).toBeGreaterThan(1_000_000);
  expect(r.piped.length).toBe(r.file.length);
  expect(r.piped.equals(r.file)).toBe(true);
  expect(JSON.parse(r.piped.toString('utf8')).report.topics).toHaveLength(4000);
  expect([r.fileCode, r.pipeCode]).toEqual([0, 0]);
});

test('lint-client: findings through a pipe equal the findings redirected to a file (over 1 MB), and exit 1 still comes through', () => {
  const files: string[] = [];
  for (let i = 0; i < 1600; i++) {
    const f = path.join(dir, `client-${String(i).padStart(4, '0')}.properties`);
    fs.writeFileSync(f, 'bootstrap.servers=10.0.0.1:9092\nacks=1\nretries=0\n');
    files.push(f);
  }
  const r = fileAndPipe(['lint-client', ...files]);
  expect(r.file.length).toBeGreaterThan(1_000_000);
  expect(r.piped.equals(r.file)).toBe(true);
  expect([r.fileCode, r.pipeCode]).toEqual([0, 0]);
  // an error finding: exit 1 after the whole output
  fs.writeFileSync(
    files[0],
    'bootstrap.servers=alikafka-post-cn-abc-1-vpc.alikafka.aliyuncs.com:9094\nsasl.mechanism=GSSAPI\nsecurity.protocol=SASL_PLAINTEXT\n',
  );
  const e = fileAndPipe(['lint-client', '--json', ...files]);
  expect(e.piped.equals(e.file)).toBe(true);
  expect(JSON.parse(e.piped.toString('utf8')).counts.error).toBeGreaterThan(0);
  expect([e.fileCode, e.pipeCode]).toEqual([1, 1]);
});
