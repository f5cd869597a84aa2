/**
 * Issue 19 item 1: no string that comes from the metadata, a rename map or a flag is evaluated by Terraform.
 * Every hostile string lands in every string field of the metadata and in --instance-name, --tag and
 * --backend-config; the only interpolations left in cdk.tf.json are the stack's own references.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktn';
import { KafkaMigration } from '../../lib/constructs';
import { literalFragment } from '../../lib/constructs/literal';
import { validateMetadata } from '../../lib/model';
import { planMigration } from '../../lib/plan';
import { hasTerraformTemplate, terraformLiteral } from '../../lib/util/escape';
import { evaluatedStrings, HOSTILE_STRINGS, hostileMetadata, stringsOf } from './samples';
import { ONE_ZONE, runCli, tmpDir } from '../helpers';

interface Synth {
  readonly code: number;
  readonly err: string;
  readonly tf?: Record<string, unknown>;
  readonly out: string;
}

async function synth(metadata: unknown, flags: readonly string[] = []): Promise<Synth> {
  const dir = tmpDir('hostile');
  const file = path.join(dir, 'metadata.json');
  fs.writeFileSync(file, JSON.stringify(metadata));
  const out = path.join(dir, 'out');
  const r = await runCli(['synth', '--metadata', file, '--out', out, '--stack', 's', ...ONE_ZONE, ...flags]);
  const tfFile = path.join(out, 'stacks', 's', 'cdk.tf.json');
  return { code: r.code, err: r.err, out, tf: fs.existsSync(tfFile) ? (JSON.parse(fs.readFileSync(tfFile, 'utf8')) as Record<string, unknown>) : undefined };
}

describe('terraformLiteral', () => {
  test.each([
    ['${x}', '$${x}'],
    ['%{ if a }', '%%{ if a }'],
    ['$${x}', '$$${x}'],
    ['a$b%c{d}', 'a$b%c{d}'],
    ['${a}${b}%{c}', '$${a}$${b}%%{c}'],
  ])('%j is written %j', (input, expected) => {
    expect(terraformLiteral(input)).toBe(expected);
    expect(hasTerraformTemplate(expected)).toBe(false);
  });

  test('hasTerraformTemplate reads dollar runs as Terraform does: one $ before { interpolates, two or more do not', () => {
    expect(['${x}', 'a${x}', '%{x}', '$$$${x}'.slice(3)].map(hasTerraformTemplate)).toEqual([true, true, true, true]);
    expect(['$${x}', '$$${x}', '%%{x}', '$ {x}', '{x}'].map(hasTerraformTemplate)).toEqual([false, false, false, false, false]);
  });
});

describe('synth writes every string of the metadata and the flags literally', () => {
  test.each(HOSTILE_STRINGS.map((s) => [s]))('%j in every field: no interpolation but the stack’s own references', async (s) => {
    const r = await synth(hostileMetadata(s), [
      '--instance-name',
      `inst${s}`.slice(0, 60),
      '--tag',
      `k${s}=v${s}`,
      '--backend',
      'local',
      '--backend-config',
      `workspace_dir=ws${s}`,
    ]);
    if (r.code !== 0) {
      // refused: one clear message, exit 1, nothing written
      expect({ code: r.code, written: fs.existsSync(r.out) }).toEqual({ code: 1, written: false });
      expect(r.err).toMatch(/^error: /);
      expect(r.err).not.toMatch(/\n\s+at /);
      return;
    }
    expect(evaluatedStrings(r.tf, hasTerraformTemplate)).toEqual([]);
    // and the data is all there, escaped: the hostile text appears (as Terraform will read it) in the stack
    if (s.includes('${') || s.includes('%{')) {
      expect(stringsOf(r.tf).some((x) => x.value.includes(terraformLiteral(s)))).toBe(true);
    }
  });

  test('the stack keeps its own references (instance ID, passwords, network) as interpolations', async () => {
    const r = await synth(hostileMetadata('${var.sasl_password_alice}'));
    expect(r.code).toBe(0);
    const text = JSON.stringify(r.tf);
    expect(text).toContain('"instance_id":"${alicloud_alikafka_instance.instance.id}"');
    expect(text).toContain('"password":"${var.sasl_password_alice}"');
    expect(text).toContain('"vpc_id":"${alicloud_vpc.network_vpc.id}"');
    // the same text from the data is literal wherever it lands
    expect(evaluatedStrings(r.tf, hasTerraformTemplate)).toEqual([]);
  });

  test('an ACL host of ${file(...)} is not sent to Terraform: it is not an IP address, the rule is skipped with that reason', async () => {
    const meta = hostileMetadata('${file("/etc/hostname")}');
    const r = await synth(meta);
    expect(r.code).toBe(0);
    const acls = Object.values((r.tf as { resource: Record<string, Record<string, { host?: string }>> }).resource.alicloud_alikafka_sasl_acl);
    expect(acls.map((a) => a.host).filter((h) => h !== undefined)).toEqual(['10.0.0.7']);
    const report = JSON.parse(fs.readFileSync(path.join(r.out, 'migration-report.json'), 'utf8')) as {
      plan: { skipped: Array<{ kind: string; reason: string }> };
    };
    expect(report.plan.skipped.filter((x) => x.kind === 'acl').map((x) => x.reason)).toContainEqual(
      expect.stringMatching(/^host "\$\{file\(\\"\/etc\/hostname\\"\)\}" is not \* or an IP address: Kafka matches ACL hosts by client IP only/),
    );
  });
});

describe('ACL hosts and resource names the target cannot hold', () => {
  const base = { topics: [{ name: 'orders', partitions: 6 }], users: [{ name: 'alice' }] };
  const plan = (acl: Record<string, unknown>) =>
    planMigration(
      validateMetadata({
        formatVersion: 1,
        source: { kind: 'manual' },
        ...base,
        acls: [
          { principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Read', permission: 'Allow', ...acl },
        ],
      }),
      { target: { mode: 'existing', instanceId: 'alikafka_post-cn-abc', specType: 'professional' } },
    );

  test.each([['*'], ['10.1.2.3'], ['::1'], ['2001:db8::7']])('host %s is kept', (host) => {
    const p = plan({ host });
    expect(p.acls.map((a) => a.host ?? '*')).toEqual([host]);
  });

  test.each([['client.example.com'], ['10.1.2.3/24'], [' 10.1.2.3'], ['${var.x}'], ['']])('host %j is skipped, not fatal', (host) => {
    const p = plan({ host });
    expect(p.acls).toEqual([]);
    expect(p.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/is not \* or an IP address: Kafka matches ACL hosts by client IP only/)]);
  });

  test.each([
    ['a 65-byte transactional ID', 'x'.repeat(65), /65 bytes long; the provider accepts 1-64/],
    ['a transactional ID with a colon', 'tx:1', /contains ':'/],
  ])('%s is skipped with the provider’s reason', (_name, resourceName, reason) => {
    const p = plan({ resourceType: 'TransactionalId', resourceName, operation: 'Write' });
    expect(p.acls).toEqual([]);
    expect(p.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(reason)]);
  });
});

describe('text that cdktn reads as its own token', () => {
  test.each([
    ['a string token marker', 'g${TfToken[TOKEN.1]}'],
    ['a list token marker', 'g#{TfToken[TOKEN.1]}'],
    ['an encoded number token', 'g-1.8881545897087626e+289'],
  ])('%s in a transactional ID is refused, naming the field, never resolved to another object', async (_name, id) => {
    const r = await synth({
      formatVersion: 1,
      source: { kind: 'manual' },
      topics: [{ name: 'orders', partitions: 6 }],
      users: [{ name: 'alice' }],
      acls: [{ principal: 'User:alice', resourceType: 'TransactionalId', resourceName: id, patternType: 'LITERAL', operation: 'Write', permission: 'Allow' }],
    });
    expect({ code: r.code, written: fs.existsSync(r.out) }).toEqual({ code: 1, written: false });
    expect(r.err).toMatch(
      /plan field acls\[0\]\.resourceName (contains "\{TfToken\[", the marker cdktn uses|contains .* a number cdktn reads as one of its number tokens)/,
    );
  });

  test('KafkaMigration refuses a plan whose variable description would carry a token marker', () => {
    const p = planMigration(
      validateMetadata({
        formatVersion: 1,
        source: { kind: 'manual' },
        topics: [{ name: 'orders', partitions: 6 }],
        users: [{ name: 'x${TfToken[TOKEN.1]}' }],
      }),
      { target: { mode: 'existing', instanceId: 'alikafka_post-cn-abc', specType: 'professional' }, keepAllUsers: true },
    );
    const app = Testing.app();
    const stack = new TerraformStack(app, 't');
    expect(() => new KafkaMigration(stack, 'm', { plan: p, userPasswords: Object.fromEntries(p.users.map((u) => [u.name, 'pw'])) })).toThrow(
      /plan field users\[0\]\.sourceName contains "\{TfToken\[", the marker cdktn uses for references between resources/,
    );
  });
});

describe('literalFragment', () => {
  test('escapes literal text and keys, keeps token markers and non-plain objects', () => {
    const marker = '${TfToken[TOKEN.7]}';
    const lazy = { resolve: () => 'x', creationStack: [] as string[], toString: () => 'lazy' };
    expect(literalFragment({ a: `x${marker}\${y}`, [`k\${z}`]: [`%{w}`, 3, true, null], lazy })).toEqual({
      a: `x${marker}$\${y}`,
      [`k$\${z}`]: ['%%{w}', 3, true, null],
      lazy,
    });
  });
});
