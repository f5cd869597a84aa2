/** Issue 11 (fidelity) at the CLI: the new flags reach cdk.tf.json and the report, bad values exit 2, and item 12. */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_METADATA, exampleSynthArgs, NEW_INSTANCE, ROOT, runCli, tmpDir } from '../helpers';

const BIN = path.join(ROOT, 'bin', 'alikafka-migrate');

type Tf = {
  terraform: { backend: Record<string, Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string }>;
  variable: Record<string, { sensitive?: boolean }>;
};
const readTf = (out: string, stack = 'alikafka-migration'): Tf => JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Tf;

describe('synth flags of issue 11', () => {
  let out: string;
  let tf: Tf;
  let report: string;

  beforeAll(async () => {
    out = path.join(tmpDir('fid'), 'out');
    const r = await runCli([
      'synth',
      '--metadata',
      EXAMPLE_METADATA,
      ...NEW_INSTANCE,
      '--out',
      out,
      '--paid-type',
      'PrePaid',
      '--tag',
      'team=data',
      '--tag',
      'env=prod',
      '--allow-cidr',
      '10.20.0.0/16',
      '--instance-password',
      '--retention-hours',
      '240',
      '--backend',
      'oss',
      '--backend-config',
      'bucket=tf-state',
      '--backend-config',
      'prefix=kafka',
      '--backend-config',
      'region=cn-hangzhou',
    ]);
    expect(r.code).toBe(0);
    // the only lines on stderr: what --retention-hours 240 did to topics that keep messages longer on the source
    expect(r.err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^warning: --retention-hours: topic audit-log: retention shortens: the source keeps messages 17520 h, .* 240 h/),
      expect.stringMatching(/^warning: --retention-hours: topic notifications\.push\.v1: retention shortens/),
      expect.stringMatching(/^warning: --retention-hours: topic payments\.captured\.v1: retention shortens/),
      expect.stringMatching(/^warning: --retention-hours: topic users\.login\.v1: retention shortens/),
    ]);
    expect(r.out).toMatch(/^state: oss backend, Alibaba Cloud OSS bucket tf-state, prefix kafka/m);
    tf = readTf(out);
    report = fs.readFileSync(path.join(out, 'migration-report.md'), 'utf8');
  });

  test('the instance: paid type, prevent_destroy, tags, a sensitive password variable, message size and retention', () => {
    const inst = tf.resource.alicloud_alikafka_instance.instance;
    expect(inst).toMatchObject({
      paid_type: 'PrePaid',
      tags: { env: 'prod', team: 'data' },
      lifecycle: { prevent_destroy: true },
      password: '${var.instance_password}',
    });
    expect(JSON.parse(inst.config as string)).toMatchObject({ 'kafka.message.max.bytes': '10485760', 'kafka.log.retention.hours': '240' });
    expect(tf.variable.instance_password.sensitive).toBe(true);
    for (const t of Object.values(tf.resource.alicloud_alikafka_topic)) expect(t.tags).toEqual({ env: 'prod', team: 'data' });
  });

  test('an output for every endpoint attribute, the allowlist on the VPC ports, and the OSS backend', () => {
    expect(Object.keys(tf.output).sort()).toEqual([
      'domain_endpoint',
      'endpoint',
      'instance_id',
      'sasl_domain_endpoint',
      'ssl_domain_endpoint',
      'ssl_endpoint',
      'vpc_sasl_domain_endpoint',
    ]);
    expect(tf.output.ssl_endpoint.value).toBe('${alicloud_alikafka_instance.instance.ssl_endpoint}');
    const ips = Object.values(tf.resource.alicloud_alikafka_instance_allowed_ip_attachment).map((a) => [a.allowed_ip, a.allowed_type, a.port_range]);
    expect(ips.sort()).toEqual([
      ['10.20.0.0/16', 'vpc', '9092/9092'],
      ['10.20.0.0/16', 'vpc', '9094/9094'],
    ]);
    expect(tf.terraform.backend).toEqual({ oss: { bucket: 'tf-state', prefix: 'kafka', region: 'cn-hangzhou' } });
  });

  test('a host-specific source ACL keeps its host in cdk.tf.json', () => {
    const acls = Object.values(tf.resource.alicloud_alikafka_sasl_acl).filter((a) => a.host !== undefined);
    expect(acls.map((a) => [a.username, a.acl_resource_name, a.acl_operation_type, a.host])).toEqual([
      ['legacy-app', 'legacy-batch-jobs', 'Read', '10.20.0.15'],
    ]);
  });

  test('the report shows message size, retention, paid type, endpoints, allowlist and where the state lives', () => {
    expect(report).toContain('| `config.kafka.message.max.bytes` | `10485760` |');
    expect(report).toContain('| `config.kafka.log.retention.hours` | `240` | given |');
    expect(report).toContain('| `paid_type` | `PrePaid` | given |');
    expect(report).toContain('### Endpoints');
    expect(report).toContain('| `ssl_endpoint` | `ssl_endpoint` |');
    expect(report).toContain('| `10.20.0.0/16` | vpc | `9094/9094` |');
    expect(report).toMatch(
      /### Terraform state\n\nBackend `oss` \(`bucket=tf-state`, `prefix=kafka`, `region=cn-hangzhou`\): Alibaba Cloud OSS bucket tf-state/,
    );
  });

  test('the default local state is relative, and the report names its file', async () => {
    const o = path.join(tmpDir('fid'), 'out');
    expect((await runCli(exampleSynthArgs(o))).code).toBe(0);
    expect(readTf(o).terraform.backend).toEqual({ local: { path: 'terraform.alikafka-migration.tfstate' } });
    expect(fs.readFileSync(path.join(o, 'migration-report.md'), 'utf8')).toContain(
      'a local file, terraform.alikafka-migration.tfstate, relative to the stack directory',
    );
  });
});

describe('options the cloud would reject exit 2 naming the flag, and write nothing', () => {
  test.each<[string, string[], RegExp]>([
    [
      'zone of another region',
      ['--region', 'cn-hangzhou', '--zone-id', 'cn-beijing-a', '--single-zone'],
      /--zone-id: zone cn-beijing-a is not in region cn-hangzhou/,
    ],
    [
      'vSwitch outside the VPC',
      [...NEW_INSTANCE, '--vpc-cidr', '10.0.0.0/8', '--vswitch-cidr', '192.168.1.0/24'],
      /--vswitch-cidr: vSwitch CIDR 192\.168\.1\.0\/24 is not inside the VPC CIDR 10\.0\.0\.0\/8/,
    ],
    [
      'overlapping vSwitches',
      [...NEW_INSTANCE, '--vpc-cidr', '10.0.0.0/8', '--vswitch-cidr', '10.0.0.0/16', '--vswitch-cidr', '10.0.1.0/24'],
      /--vswitch-cidr: vSwitch CIDRs 10\.0\.0\.0\/16 and 10\.0\.1\.0\/24 overlap/,
    ],
    ['eip-max without a public deployment', [...NEW_INSTANCE, '--eip-max', '5'], /--eip-max: public bandwidth only applies/],
    [
      'a credential in the backend settings',
      [
        ...NEW_INSTANCE,
        '--backend',
        's3',
        '--backend-config',
        'bucket=b',
        '--backend-config',
        'key=k',
        '--backend-config',
        'region=r',
        '--backend-config',
        'secret_key=hunter2',
      ],
      /--backend\.config: setting secret_key would put a credential into cdk\.tf\.json/,
    ],
    ['a malformed tag', [...NEW_INSTANCE, '--tag', 'novalue'], /--tag takes KEY=VALUE/],
  ])('%s', async (_n, args, message) => {
    const o = path.join(tmpDir('fid'), 'out');
    const r = await runCli(['synth', '--metadata', EXAMPLE_METADATA, ...args, '--out', o]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toContain('hunter2');
    expect(fs.existsSync(o)).toBe(false);
  });
});

describe('12. CLI robustness', () => {
  test('a closed pipe (| head) ends the command quietly', async () => {
    const child = spawn(process.execPath, [BIN, 'synth', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before anything is written, as with `| head -0`
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(code).toBe(0);
  });

  test('--metadata - reads the metadata from standard input', () => {
    const o = path.join(tmpDir('fid'), 'out');
    const r = spawnSync(process.execPath, [BIN, 'synth', '--metadata', '-', ...NEW_INSTANCE, '--out', o], {
      input: fs.readFileSync(EXAMPLE_METADATA),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(o, 'stacks', 'alikafka-migration', 'cdk.tf.json'))).toBe(true);
  });

  test('--out under /proc fails at once with a sentence', () => {
    const r = spawnSync(process.execPath, [BIN, 'synth', '--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--out', '/proc/akm-x/out'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: --out /proc/akm-x/out: cannot create directory /proc/akm-x: no such file or directory\n');
  });

  test('an --out below a file says so in words, not as a raw errno text', async () => {
    const d = tmpDir('fid');
    fs.writeFileSync(path.join(d, 'file'), 'x');
    const r = await runCli(exampleSynthArgs(path.join(d, 'file', 'out')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot create a directory in .*file: a part of the path is a file, not a directory/);
    expect(r.err).not.toMatch(/ENOTDIR|EEXIST/);
  });

  test('a second --stack into the same --out keeps a manifest that lists exactly the stacks there', async () => {
    const o = path.join(tmpDir('fid'), 'out');
    expect((await runCli(exampleSynthArgs(o))).code).toBe(0);
    expect((await runCli(exampleSynthArgs(o, ['--stack', 'second']))).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(o, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    expect(Object.keys(manifest.stacks)).toEqual(['alikafka-migration', 'second']);
    for (const s of Object.values(manifest.stacks)) expect(fs.existsSync(path.join(o, s.synthesizedStackPath))).toBe(true);
    fs.rmSync(path.join(o, 'stacks', 'alikafka-migration'), { recursive: true });
    expect((await runCli(exampleSynthArgs(o, ['--stack', 'second']))).code).toBe(0);
    const again = JSON.parse(fs.readFileSync(path.join(o, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(again.stacks)).toEqual(['second']);
  });

  test('help shows no "(default: [])"', async () => {
    const r = await runCli(['synth', '--help']);
    expect(r.out).toContain('--zone-id');
    expect(r.out).not.toContain('(default: [])');
  });
});
