import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'examples', 'clients', 'orders-producer.properties');
const PLAN = path.join(ROOT, 'test', 'golden', 'bundled-example', 'stacks', 'alikafka-migration', 'migration-plan.json');
const STATE = path.join(__dirname, 'fixtures', 'state-sasl.json');

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTty: false,
  });
  return { code, out, err };
}

describe('lint-client', () => {
  test('the README sample: old brokers and a renamed topic are errors (exit 1); the password is never printed', async () => {
    const r = await cli(['lint-client', SAMPLE, '--plan', PLAN, '--json']);
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    for (const [fmt, name] of [
      ['properties', 'c.properties'],
      ['kafkajs', 'c.json'],
    ]) {
      const file = path.join(dir, name);
      expect(
        (await cli(['client-config', '--state', STATE, '--auth', 'sasl-scram', '--role', 'consumer', '--group', 'billing', '--format', fmt, '--out', file]))
          .code,
      ).toBe(0);
      const r = await cli(['lint-client', file, '--state', STATE]);
      expect([name, r.code, r.out]).toEqual([name, 0, expect.stringContaining('0 errors, 0 warnings, 0 info')]);
    }
  });

  test('the same file checked against an endpoint it does not match: protocol and mechanism errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'p.properties');
    fs.writeFileSync(
      file,
      'bootstrap.servers=alikafka-post-cn-abc123-1-vpc.alikafka.aliyuncs.com:9094\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nacks=1\n',
    );
    const r = await cli(['lint-client', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error {3}endpoint-protocol: security.protocol = SASL_SSL; recommended: SASL_PLAINTEXT/);
    expect(r.out).toMatch(/error {3}sasl-mechanism: sasl.mechanism = SCRAM-SHA-512; recommended: PLAIN or SCRAM-SHA-256/);
  });

  test("a bare kafkajs KafkaConfig is judged with kafkajs's own defaults (300 ms backoff), the helper's JSON with the helper's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const bare = path.join(dir, 'bare.json');
    fs.writeFileSync(bare, JSON.stringify({ clientId: 'app', brokers: ['alikafka-x-1-vpc.alikafka.aliyuncs.com:9092'] }));
    const r = await cli(['lint-client', bare, '--role', 'producer', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].findings).toEqual([expect.objectContaining({ rule: 'producer-retry-backoff', current: '300 (default)' })]);
    const helper = path.join(dir, 'helper.json');
    fs.writeFileSync(helper, JSON.stringify({ kafka: { brokers: ['alikafka-x-1-vpc.alikafka.aliyuncs.com:9092'] }, producer: {} }));
    const h = await cli(['lint-client', helper, '--json']);
    expect(JSON.parse(h.out).files[0]).toMatchObject({ role: 'producer', findings: [] });
  });

  test('a file without role keys gets an info finding and no role-specific practices', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'x.properties');
    fs.writeFileSync(file, 'bootstrap.servers=h:9092\n');
    const r = await cli(['lint-client', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].findings).toEqual([expect.objectContaining({ rule: 'role', severity: 'info' })]);
  });

  test('bad input: unreadable file exits 1 naming it; an unknown profile is a usage error', async () => {
    const r = await cli(['lint-client', '/nonexistent/app.properties']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\/nonexistent\/app.properties: cannot read: no such file/);
    expect((await cli(['lint-client', SAMPLE, '--profile', 'fast'])).code).toBe(2);
    expect((await cli(['lint-client', SAMPLE, '--profile', 'large-messages'])).code).toBe(2);
  });
});
