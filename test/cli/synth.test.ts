import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_METADATA, exampleSynthArgs, listFiles, NEW_INSTANCE, ROOT, runCli, tmpDir, writeJson } from '../helpers';

type TfJson = { resource: Record<string, Record<string, unknown>> };

describe('alikafka-migrate synth', () => {
  test('the shipped binary writes the stack, the plan file and the reports for the bundled example', () => {
    const out = tmpDir('synth');
    const stdout = execFileSync(path.join(ROOT, 'bin', 'alikafka-migrate'), ['synth', '--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--out', out], {
      encoding: 'utf8',
    });
    expect(stdout).toMatch(/^45 topics \(1439 partitions\), 15 groups, 6 users, 62 ACLs; 4 renamed, 15 skipped, \d+ warnings$/m);
    expect(listFiles(out)).toEqual([
      '.alikafka-migrate-files.json',
      'manifest.json',
      'migration-report.json',
      'migration-report.md',
      'stacks/alikafka-migration/cdk.tf.json',
      'stacks/alikafka-migration/migration-plan.json',
    ]);
    const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks/alikafka-migration/cdk.tf.json'), 'utf8')) as TfJson & {
      terraform: { required_providers: Record<string, unknown> };
    };
    expect(Object.keys(tf.resource.alicloud_alikafka_topic)).toHaveLength(45);
    expect(tf.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '1.289.0' });
    const md = fs.readFileSync(path.join(out, 'migration-report.md'), 'utf8');
    for (const section of [
      '## Summary',
      '## Instance',
      '### Network',
      '### Quota',
      '## Warnings',
      '## Topics',
      '## Renamed',
      '## Skipped',
      '## Coerced and dropped topic configs',
      '## Consumer groups',
      '## SASL users',
      '## ACLs',
    ]) {
      expect(md).toContain(section);
    }
    const report = JSON.parse(fs.readFileSync(path.join(out, 'migration-report.json'), 'utf8')) as { summary: { topics: number }; plan: { topics: unknown[] } };
    expect(report.summary.topics).toBe(45);
    expect(report.plan.topics).toHaveLength(45);
  });

  test('synthesizing the same metadata twice gives byte-identical files', async () => {
    const a = tmpDir('synth');
    const b = tmpDir('synth');
    expect((await runCli(exampleSynthArgs(a))).code).toBe(0);
    expect((await runCli(exampleSynthArgs(b))).code).toBe(0);
    const files = listFiles(a);
    expect(files).toEqual(listFiles(b));
    for (const f of files) expect(fs.readFileSync(path.join(b, f))).toEqual(fs.readFileSync(path.join(a, f)));
  });

  test("adding one topic changes only that topic's entries in cdk.tf.json", async () => {
    const dir = tmpDir('synth');
    const meta = JSON.parse(fs.readFileSync(EXAMPLE_METADATA, 'utf8')) as { topics: Array<{ name: string; partitions: number }> };
    const before = writeJson(dir, 'meta.json', meta);
    const afterFile = path.join(dir, 'meta2.json');
    fs.writeFileSync(afterFile, JSON.stringify({ ...meta, topics: [...meta.topics, { name: 'aaa-new-topic', partitions: 12 }] }));
    // an existing instance, so the instance's sizing (partition_num) cannot change with the topic count
    const args = ['--instance-id', 'alikafka_post-cn-1', '--spec-type', 'professional'];
    expect((await runCli(['synth', '--metadata', before, ...args, '--out', path.join(dir, 'a')])).code).toBe(0);
    expect((await runCli(['synth', '--metadata', afterFile, ...args, '--out', path.join(dir, 'b')])).code).toBe(0);
    const read = (d: string): TfJson => JSON.parse(fs.readFileSync(path.join(dir, d, 'stacks/alikafka-migration/cdk.tf.json'), 'utf8')) as TfJson;
    const a = read('a');
    const b = read('b');
    const changed: string[] = [];
    const withoutChain = (r: unknown): unknown => {
      if (r === undefined || r === null || typeof r !== 'object') return r;
      const { depends_on: deps, ...rest } = r as { depends_on?: string[] };
      const kept = (deps ?? []).filter(
        (d) => (!/^alicloud_alikafka_sasl_(user|acl)\./.test(d) || d.startsWith('alicloud_alikafka_sasl_user.')) && !d.startsWith('time_sleep.'),
      );
      return { ...rest, depends_on: kept };
    };
    for (const type of new Set([...Object.keys(a.resource), ...Object.keys(b.resource)])) {
      for (const name of new Set([...Object.keys(a.resource[type] ?? {}), ...Object.keys(b.resource[type] ?? {})])) {
        // depends_on only orders creation (never a change in the Terraform plan): the SASL creation chain and the
        // pacing waves (a topic's sleep) move along
        if (JSON.stringify(withoutChain(a.resource[type]?.[name])) !== JSON.stringify(withoutChain(b.resource[type]?.[name]))) changed.push(`${type}.${name}`);
      }
    }
    // analytics' `Allow Read Topic:*` is narrowed around its Deny on audit-log into one literal Allow per planned topic,
    // so the new topic also gets analytics' read rule
    expect(changed).toEqual(['alicloud_alikafka_sasl_acl.acl_analytics_Topic_LITERAL_aaa-new-topic_Read', 'alicloud_alikafka_topic.topic_aaa-new-topic']);
    const { resource: _ra, ...restA } = a;
    const { resource: _rb, ...restB } = b;
    expect(restB).toEqual(restA);
  });

  test('passwords anywhere in the metadata never reach the outputs', async () => {
    const dir = tmpDir('synth');
    const secret = 'S3cr3t-Pa55w0rd';
    const file = writeJson(dir, 'meta.json', {
      formatVersion: 1,
      'x-admin-password': secret,
      source: { kind: 'manual', 'x-password': secret },
      topics: [
        {
          name: 'orders',
          partitions: 12,
          configs: {
            'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="a" password="${secret}";`,
            'ssl.key.password': secret,
          },
          'x-secret': secret,
        },
        { name: 'profiles', partitions: 3, configs: { 'cleanup.policy': 'compact', 'x.token': secret } },
      ],
      users: [{ name: 'alice', mechanism: 'SCRAM-SHA-256', 'x-password': secret }],
      acls: [
        {
          principal: 'User:alice',
          resourceType: 'Topic',
          resourceName: 'orders',
          patternType: 'LITERAL',
          operation: 'Read',
          permission: 'Allow',
          'x-credential': secret,
        },
      ],
    });
    const out = path.join(dir, 'out');
    const r = await runCli(['synth', '--metadata', file, ...NEW_INSTANCE, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toContain(secret);
    for (const f of listFiles(out)) expect(fs.readFileSync(path.join(out, f), 'utf8')).not.toContain(secret);
    const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks/alikafka-migration/cdk.tf.json'), 'utf8')) as TfJson & {
      variable: Record<string, { sensitive: boolean }>;
    };
    expect(tf.variable.sasl_password_alice.sensitive).toBe(true);
    expect((tf.resource.alicloud_alikafka_sasl_user.user_alice as { password: string }).password).toBe('${var.sasl_password_alice}');
  });

  test.each<[string, (dir: string) => string[], number, RegExp]>([
    [
      'malformed JSON',
      (d) => {
        fs.writeFileSync(path.join(d, 'm.json'), '{"formatVersion": 1, "topics": [');
        return ['--metadata', path.join(d, 'm.json'), ...NEW_INSTANCE];
      },
      1,
      /m\.json: invalid metadata .*not valid JSON/s,
    ],
    ['a missing metadata file', (d) => ['--metadata', path.join(d, 'nope.json'), ...NEW_INSTANCE], 1, /nope\.json: .*no such file/s],
    [
      'a wrong type',
      (d) => [
        '--metadata',
        writeJson(d, 'meta.json', { formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: '12' }] }),
        ...NEW_INSTANCE,
      ],
      1,
      /topics\[0\]\.partitions: must be an integer, got "12"/,
    ],
    [
      'a plan error',
      (d) => [
        '--metadata',
        writeJson(d, 'meta.json', { formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'big', partitions: 361 }] }),
        ...NEW_INSTANCE,
      ],
      1,
      /topic big: has 361 partitions/,
    ],
    [
      'no target',
      (d) => ['--metadata', writeJson(d, 'meta.json', { formatVersion: 1, source: { kind: 'manual' }, topics: [] })],
      2,
      /give --instance-id ID \(existing instance\) or --region R --zone-id Z/,
    ],
    [
      'conflicting flags',
      (d) => ['--metadata', EXAMPLE_METADATA, '--instance-id', 'i-1', '--region', 'r', '--out', d],
      2,
      /--instance-id targets an existing instance; --region only apply to a new instance/,
    ],
    [
      'both network kinds',
      (_d) => ['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--vpc-id', 'v', '--vswitch-id', 's', '--vpc-cidr', '10.0.0.0/8'],
      2,
      /either --vpc-id\/--vswitch-id .* or --vpc-cidr\/--vswitch-cidr/,
    ],
    ['a bad disk type', (d) => ['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--disk-type', 'nvme', '--out', d], 2, /--disk-type/],
    [
      'a non-numeric disk size',
      (d) => ['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--disk-size', 'big', '--out', d],
      2,
      /--disk-size must be a whole number, got "big"/,
    ],
    ['a missing --metadata', () => [...NEW_INSTANCE], 2, /required option '--metadata <file>' not specified/],
    [
      'a bad rename map',
      (d) => {
        fs.writeFileSync(path.join(d, 'r.json'), '{"topics": {"orders": 5}}');
        return ['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--rename-map', path.join(d, 'r.json')];
      },
      1,
      /--rename-map .*topics\["orders"\] must be a string, got 5/,
    ],
  ])('fails if %s, with the exit code, a clear message and no output written', async (_n, argsFor, code, message) => {
    const dir = tmpDir('synth');
    const out = path.join(dir, 'out');
    const args = argsFor(dir);
    const r = await runCli(['synth', ...args.filter((a, i) => !(a === '--out' || args[i - 1] === '--out')), '--out', out]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(listFiles(out)).toEqual([]);
  });

  test('an existing output directory is left as it was when synth fails', async () => {
    const dir = tmpDir('synth');
    const out = path.join(dir, 'out');
    expect((await runCli(exampleSynthArgs(out))).code).toBe(0);
    const before = listFiles(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
    const bad = writeJson(dir, 'meta.json', { formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'x', partitions: 0 }] });
    expect((await runCli(['synth', '--metadata', bad, ...NEW_INSTANCE, '--out', out])).code).toBe(1);
    expect(listFiles(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'))).toEqual(before);
  });

  test('the binary exits 2 on a usage error and 1 on bad input', () => {
    const bin = path.join(ROOT, 'bin', 'alikafka-migrate');
    expect(spawnSync(bin, ['synth', '--bogus'], { encoding: 'utf8' }).status).toBe(2);
    const r = spawnSync(bin, ['synth', '--metadata', '/nonexistent.json', ...NEW_INSTANCE], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: \/nonexistent\.json: invalid metadata/);
  });

  test.each<[string, string[], number, RegExp]>([
    ['an unknown traffic spec (a flag at fault)', ['--io-max-spec', 'alikafka.hw.7xlarge'], 2, /--io-max-spec: unknown traffic spec "alikafka\.hw\.7xlarge"/],
    [
      'a disk off the 100 GB step (a flag at fault)',
      ['--io-max-spec', 'alikafka.hw.6xlarge', '--disk-size', '60050'],
      2,
      /--disk-size: must be a multiple of 100 GB from 1400/,
    ],
    [
      'a disk too small for the instance retention at the estate ingress (the estate at fault too)',
      ['--io-max-spec', 'alikafka.hw.6xlarge', '--disk-size', '1400'],
      1,
      /--disk-size: the given 1400 GB of disk cannot hold it: the instance retention of 480 h .* Choose a disk of \d+ GB or more, a shorter instance retention/,
    ],
    [
      'a partition count above the spec maximum (the plan at fault, not a flag alone)',
      ['--partition-num', '99999'],
      1,
      /partition quota: .* exceed the \d+ maximum of alikafka\.hw\.\d+xlarge/,
    ],
  ])('plan problems name the flag and exit 2 only when flags alone are at fault: %s', async (_name, args, code, message) => {
    const r = await runCli(exampleSynthArgs(path.join(tmpDir('synth'), 'out'), [...args]));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/target\./);
  });
});
