import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runCli, tmpDir, writePlanFileOnExistingInstance } from '../helpers';

const SAMPLE = path.join(ROOT, 'examples', 'clients', 'orders-producer.properties');
const PLAN = path.join(ROOT, 'test', 'golden', 'bundled-example', 'stacks', 'alikafka-migration', 'migration-plan.json');
const STATE = path.join(__dirname, 'fixtures', 'state-sasl.json');

describe('lint-client', () => {
  test('the README sample: old brokers and a renamed topic are errors (exit 1); the password is never printed', async () => {
    const r = await runCli(['lint-client', SAMPLE, '--plan', PLAN, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.files[0].role).toBe('producer');
    const rules = j.files[0].findings.map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'error old-bootstrap',
        'error renamed-names',
        'warning clear-password',
        'warning producer-retries',
        'warning producer-acks',
        'warning producer-partitioner',
      ]),
    );
    expect(r.out + r.err).not.toContain('orders-secret');
  });

  test('a config written by client-config passes its own lint (properties and kafkajs, against the same state)', async () => {
    const dir = tmpDir('lint');
    for (const [fmt, name] of [
      ['properties', 'c.properties'],
      ['kafkajs', 'c.json'],
    ]) {
      const file = path.join(dir, name);
      expect(
        (await runCli(['client-config', '--state', STATE, '--auth', 'sasl-scram', '--role', 'consumer', '--group', 'billing', '--format', fmt, '--out', file]))
          .code,
      ).toBe(0);
      const r = await runCli(['lint-client', file, '--state', STATE]);
      expect([name, r.code, r.out]).toEqual([name, 0, expect.stringContaining('0 errors, 0 warnings, 0 info')]);
    }
  });

  test('the same file checked against an endpoint it does not match: protocol and mechanism errors', async () => {
    const dir = tmpDir('lint');
    const file = path.join(dir, 'p.properties');
    fs.writeFileSync(
      file,
      'bootstrap.servers=alikafka-post-cn-abc123-1-vpc.alikafka.aliyuncs.com:9094\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nacks=1\n',
    );
    const r = await runCli(['lint-client', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error {3}endpoint-protocol: security.protocol = SASL_SSL; recommended: SASL_PLAINTEXT/);
    expect(r.out).toMatch(/error {3}sasl-mechanism: sasl.mechanism = SCRAM-SHA-512; recommended: PLAIN or SCRAM-SHA-256/);
  });

  test("a bare kafkajs KafkaConfig is judged with kafkajs's own defaults (300 ms backoff), the helper's JSON with the helper's", async () => {
    const dir = tmpDir('lint');
    const bare = path.join(dir, 'bare.json');
    fs.writeFileSync(bare, JSON.stringify({ clientId: 'app', brokers: ['alikafka-x-1-vpc.alikafka.aliyuncs.com:9092'] }));
    const r = await runCli(['lint-client', bare, '--role', 'producer', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].findings).toEqual([expect.objectContaining({ rule: 'producer-retry-backoff', current: '300 (default)' })]);
    const helper = path.join(dir, 'helper.json');
    fs.writeFileSync(helper, JSON.stringify({ kafka: { brokers: ['alikafka-x-1-vpc.alikafka.aliyuncs.com:9092'] }, producer: {} }));
    const h = await runCli(['lint-client', helper, '--json']);
    expect(JSON.parse(h.out).files[0]).toMatchObject({ role: 'producer', findings: [] });
  });

  test('a file without role keys gets an info finding and no role-specific practices', async () => {
    const dir = tmpDir('lint');
    const file = path.join(dir, 'x.properties');
    fs.writeFileSync(file, 'bootstrap.servers=h:9092\n');
    const r = await runCli(['lint-client', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].findings).toEqual([expect.objectContaining({ rule: 'role', severity: 'info' })]);
  });

  test('bad input: unreadable file exits 1 naming it; an unknown profile is a usage error', async () => {
    const r = await runCli(['lint-client', '/nonexistent/app.properties']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\/nonexistent\/app.properties: cannot read: no such file/);
    expect((await runCli(['lint-client', SAMPLE, '--profile', 'fast'])).code).toBe(2);
    expect((await runCli(['lint-client', SAMPLE, '--profile', 'large-messages'])).code).toBe(2);
  });

  test('--max-warnings N: more warnings than N exit 1, N or fewer exit 0; a bad N is a usage error', async () => {
    const dir = tmpDir('lint');
    const file = path.join(dir, 'p.properties');
    // two warnings (retries 0, acks 0), no error
    fs.writeFileSync(file, 'bootstrap.servers=alikafka-x-1-vpc.alikafka.aliyuncs.com:9092\nretries=0\nretry.backoff.ms=1000\nacks=0\nlinger.ms=100\n');
    const none = await runCli(['lint-client', file]);
    expect([none.code, none.out]).toEqual([0, expect.stringContaining('0 errors, 2 warnings')]);
    const zero = await runCli(['lint-client', file, '--max-warnings', '0']);
    expect([zero.code, zero.err]).toEqual([1, expect.stringContaining('2 warnings, more than --max-warnings 0 allows')]);
    expect(zero.out).toContain('warning producer-retries'); // the findings are still printed
    expect((await runCli(['lint-client', file, '--max-warnings', '1'])).code).toBe(1);
    expect((await runCli(['lint-client', file, '--max-warnings', '2'])).code).toBe(0);
    for (const bad of ['-1', 'x', '1.5']) expect((await runCli(['lint-client', file, '--max-warnings', bad])).code).toBe(2);
  });

  test("an idempotent producer writing the plan's cloud-storage topics is an error; writing only local-storage topics it passes", async () => {
    const dir = tmpDir('lint');
    const meta = {
      formatVersion: 1,
      source: { kind: 'manual' },
      consumerGroups: [],
      topics: [
        { name: 'orders', partitions: 6, replicationFactor: 3 },
        { name: 'ledger', partitions: 6, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
      ],
    };
    const plan = writePlanFileOnExistingInstance(meta as never, path.join(dir, 'migration-plan.json'));
    const storage = Object.fromEntries(
      (JSON.parse(fs.readFileSync(plan, 'utf8')).topics as Array<{ name: string; storage: string }>).map((t) => [t.name, t.storage]),
    );
    expect(storage).toEqual({ orders: 'cloud', ledger: 'local' });
    const base = 'bootstrap.servers=alikafka-x-1-vpc.alikafka.aliyuncs.com:9092\nretries=3\nretry.backoff.ms=1000\nacks=all\nlinger.ms=100\n';
    const toCloud = path.join(dir, 'cloud.properties');
    fs.writeFileSync(toCloud, `${base}enable.idempotence=true\napp.topic=orders\n`);
    const r = await runCli(['lint-client', toCloud, '--plan', plan]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error {3}producer-idempotence: enable.idempotence = true; recommended: false/);
    expect(r.out).toContain('the plan puts orders on cloud storage');
    // a 3.x client that leaves enable.idempotence unset is idempotent too; a 2.x client is not
    const unset = path.join(dir, 'unset.properties');
    fs.writeFileSync(unset, `${base}app.topic=orders\n`);
    expect((await runCli(['lint-client', unset, '--plan', plan])).code).toBe(1);
    expect((await runCli(['lint-client', unset, '--plan', plan, '--client-version', '2.8'])).code).toBe(0);
    const toLocal = path.join(dir, 'local.properties');
    fs.writeFileSync(toLocal, `${base}enable.idempotence=true\napp.topic=ledger\n`);
    const ok = await runCli(['lint-client', toLocal, '--plan', plan, '--max-warnings', '0']);
    expect([ok.code, ok.out]).toEqual([0, expect.stringContaining('0 errors, 0 warnings')]);
  });
});
