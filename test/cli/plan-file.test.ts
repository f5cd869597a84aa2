import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { loadPlanFile } from '../../lib/model';
import { checkpointInterval } from '../../lib/cli/cutover';
import { DEFAULT_CHECKPOINT_INTERVAL_SECONDS } from '../../lib/cutover/verdict';
import { EXAMPLE_METADATA, runCli, synthPlanFile, tmpDir } from '../helpers';

const READERS = ['cutover', 'verify', 'client-config', 'lint-client'] as const;

/** Arguments a reader needs besides the ones under test, so only the flag under test can be at fault. */
function readerArgs(command: (typeof READERS)[number], plan: string): string[] {
  if (command === 'lint-client') return [EXAMPLE_METADATA, '--plan', plan];
  if (command === 'client-config') return ['--bootstrap', 'broker:9092', '--plan', plan];
  return ['--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:1', '--timeout', '1', '--plan', plan];
}

describe('synth writes migration-plan.json beside each stack', () => {
  test('one plan file per stack in one --out (neither overwrites the other), tied to the metadata by its SHA-256', async () => {
    const out = tmpDir('plan-file');
    for (const [stack, zone] of [
      ['east', 'cn-hangzhou-k'],
      ['west', 'cn-hangzhou-j'],
    ]) {
      const r = await runCli([
        'synth',
        '--metadata',
        EXAMPLE_METADATA,
        '--region',
        'cn-hangzhou',
        '--zone-id',
        zone,
        '--single-zone',
        '--out',
        out,
        '--stack',
        stack,
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`wrote ${path.join(out, 'stacks', stack, 'migration-plan.json')}`);
    }
    const sha = createHash('sha256').update(fs.readFileSync(EXAMPLE_METADATA)).digest('hex');
    const east = loadPlanFile(path.join(out, 'stacks', 'east', 'migration-plan.json'));
    const west = loadPlanFile(path.join(out, 'stacks', 'west', 'migration-plan.json'));
    expect([east.stack, west.stack]).toEqual(['east', 'west']);
    expect(east.instance.mode === 'new' && east.instance.zoneIds).toEqual(['cn-hangzhou-k']);
    expect(west.instance.mode === 'new' && west.instance.zoneIds).toEqual(['cn-hangzhou-j']);
    expect(east.metadata.sha256).toBe(sha);
    expect(east.options).toEqual({
      target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], network: { mode: 'new' }, singleZone: true },
      noDots: false,
    });
  });

  test('two synths of the same input write byte-identical plan files', () => {
    const a = fs.readFileSync(synthPlanFile(tmpDir('plan-file')), 'utf8');
    const b = fs.readFileSync(synthPlanFile(tmpDir('plan-file')), 'utf8');
    expect(a.length).toBeGreaterThan(10_000);
    expect(a).toBe(b);
  });

  test('files named by options appear by their SHA-256, never their contents; the plan options are as given', () => {
    const dir = tmpDir('plan-file');
    const renames = path.join(dir, 'renames.json');
    fs.writeFileSync(renames, JSON.stringify({ groups: { 'order-service': 'orders-svc' } }));
    const file = synthPlanFile(path.join(dir, 'out'), { previousMetadata: EXAMPLE_METADATA, renameMap: renames, include: ['orders.*'], tag: ['env=prod'] });
    const plan = loadPlanFile(file);
    expect(plan.options.previous).toEqual({ sha256: createHash('sha256').update(fs.readFileSync(EXAMPLE_METADATA)).digest('hex') });
    expect(plan.options.include).toEqual(['orders.*']);
    expect(plan.options.tags).toEqual({ env: 'prod' });
    expect(plan.options.renameMap?.groups).toEqual({ 'order-service': 'orders-svc' });
    // the previous export's topics are not copied into the options
    expect(JSON.stringify(plan.options)).not.toContain('"topics"');
  });

  test('a bad --plan is refused naming the JSON path (exit 1), and a missing --plan names synth (exit 2)', async () => {
    const dir = tmpDir('plan-file');
    const file = path.join(dir, 'migration-plan.json');
    const doc = JSON.parse(fs.readFileSync(synthPlanFile(path.join(dir, 'out')), 'utf8'));
    doc.groups[2].topics = 'orders';
    fs.writeFileSync(file, JSON.stringify(doc));
    const bad = await runCli(['cutover', ...readerArgs('cutover', file)]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(`error: --plan ${file}: invalid plan file (1 problem):\n  groups[2].topics: must be of type array, got "orders"\n`);
    const none = await runCli(['verify', '--source-bootstrap', '127.0.0.1:1', '--target-bootstrap', '127.0.0.1:1']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^error: verify needs --plan FILE: the migration-plan.json synth writes/);
  });
});

describe('readers take --plan and refuse plan flags', () => {
  let plan: string;
  beforeAll(() => {
    plan = synthPlanFile(tmpDir('plan-file'));
  });

  const cases = READERS.flatMap((command) =>
    [['--include', 'orders.*'], ['--rename-map', 'renames.json'], ['--no-dots'], ['--spec-type', 'professional'], ['--zone-id', 'cn-hangzhou-k']].map(
      (flag) => [command, flag] as const,
    ),
  );

  test.each(cases)('%s %p is a usage error that names synth (exit 2, nothing printed on stdout)', async (command, flag) => {
    const r = await runCli([command, ...readerArgs(command, plan), ...flag]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `error: ${flag[0]} is a plan flag: it decides what is created on the target or copied, so give it to synth, review the plan it writes, and pass ${command} --plan FILE (${command} never plans again)\n`,
    );
  });

  test.each(READERS)('%s --metadata is refused: the command reads the plan file synth writes', async (command) => {
    const r = await runCli([command, ...readerArgs(command, plan), '--metadata', EXAMPLE_METADATA]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${command} reads the reviewed plan, not the metadata: run synth --metadata FILE`));
  });

  test.each(READERS)('%s --help offers --plan and none of the plan flags', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    const help = r.out + r.err;
    expect(help).toContain('--plan <file>');
    for (const flag of ['--metadata', '--include', '--exclude', '--rename-map', '--no-dots', '--region', '--spec-type']) expect(help).not.toContain(flag);
  });
});

describe('a reader acts on the reviewed plan, even when its inputs changed after synth', () => {
  test('cutover checks --group against the plan file: the metadata file changed since', async () => {
    const dir = tmpDir('plan-file');
    const meta = path.join(dir, 'meta.json');
    fs.copyFileSync(EXAMPLE_METADATA, meta);
    const file = synthPlanFile(path.join(dir, 'out'), { metadata: meta, include: ['orders.*'] });
    // day 3: a new export without the orders topics and the order-service group, written over the reviewed one
    const changed = JSON.parse(fs.readFileSync(meta, 'utf8'));
    changed.topics = changed.topics.filter((t: { name: string }) => !t.name.startsWith('orders.'));
    changed.consumerGroups = changed.consumerGroups.filter((g: { groupId: string }) => g.groupId !== 'order-service');
    fs.writeFileSync(meta, JSON.stringify(changed));

    // a group of the reviewed selection is accepted and checked against the clusters (none runs here)
    const planned = await runCli(['cutover', ...readerArgs('cutover', file), '--group', 'order-service']);
    expect(planned.err).toMatch(/^error: Kafka source 127\.0\.0\.1:1: no bootstrap server reachable/);
    expect(planned.code).toBe(1);
    // a group outside the reviewed selection is not planned, whatever the metadata says now
    const other = await runCli(['cutover', ...readerArgs('cutover', file), '--group', 'billing-reconciler']);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--group billing-reconciler is not a planned group/);
  });

  test('synth --no-copy writes a copy-free plan the loader accepts; cutover --producers/--drain usage is checked before any connection', async () => {
    const dir = tmpDir('plan-file');
    const file = synthPlanFile(path.join(dir, 'out'), { copy: false });
    const loaded = loadPlanFile(file);
    expect(loaded.options.noCopy).toBe(true);
    expect(loaded.transfer?.path).toBe('copy-free');
    const mirror = await runCli([
      'synth',
      '--metadata',
      EXAMPLE_METADATA,
      '--instance-id',
      'alikafka_post-cn-x',
      '--no-copy',
      '--mirror',
      'connect',
      '--out',
      path.join(dir, 'both'),
    ]);
    expect(mirror.code).toBe(2);
    expect(mirror.err).toMatch(/--no-copy: the copy-free path copies nothing/);
    const cases: Array<[string[], RegExp]> = [
      [['--producers', '--stable-seconds', '0'], /--producers measures writes over a window: give --stable-seconds 1 or more/],
      [['--drain', '--max-lag', '3'], /--max-lag applies to the group verdicts/],
      [['--producers', '--group', 'ledger'], /--group selects groups for --drain/],
      [['--drain', '--group', 'nope'], /--group nope is not a planned group/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['cutover', ...readerArgs('cutover', file), ...extra]);
      expect({ extra, code: r.code }).toEqual({ extra, code: 2 });
      expect(r.err).toMatch(message);
    }
    // --drain needs only the source
    const drain = await runCli(['cutover', '--plan', file, '--source-bootstrap', '127.0.0.1:1', '--timeout', '1', '--drain']);
    expect(drain.err).toMatch(/^error: Kafka source 127\.0\.0\.1:1: no bootstrap server reachable/);
    expect(drain.code).toBe(1);
  });

  test('client-config maps a group through the reviewed renames: the rename map and the metadata are gone', async () => {
    const dir = tmpDir('plan-file');
    const meta = path.join(dir, 'meta.json');
    const renames = path.join(dir, 'renames.json');
    fs.copyFileSync(EXAMPLE_METADATA, meta);
    fs.writeFileSync(renames, JSON.stringify({ groups: { 'order-service': 'orders-svc' } }));
    const file = synthPlanFile(path.join(dir, 'out'), { metadata: meta, renameMap: renames });
    fs.rmSync(meta);
    fs.rmSync(renames);
    const r = await runCli(['client-config', ...readerArgs('client-config', file), '--role', 'consumer', '--group', 'order-service']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^group\.id=orders-svc$/m);
    expect(r.out).toContain(`Names the migration plan changes (from --plan ${file})`);
  });

  test('lint-client names the source brokers from the plan file as old bootstrap servers', async () => {
    const dir = tmpDir('plan-file');
    const file = synthPlanFile(path.join(dir, 'out'));
    const cfg = path.join(dir, 'c.properties');
    fs.writeFileSync(cfg, 'bootstrap.servers=10.20.1.11:9092\nacks=all\n');
    const r = await runCli(['lint-client', cfg, '--plan', file, '--json']);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.out).files[0].findings.map((f: { rule: string; reason: string }) => `${f.rule}: ${f.reason}`);
    expect(rules.join('\n')).toMatch(/old-bootstrap: 10\.20\.1\.11:9092 is a broker of the source cluster \(from --plan\)/);
  });
});

describe("cutover's checkpoint interval", () => {
  test('comes from --checkpoint-interval, else from the plan file, else the default', () => {
    expect(checkpointInterval(undefined, {})).toBe(DEFAULT_CHECKPOINT_INTERVAL_SECONDS);
    expect(checkpointInterval(undefined, { mirror: { checkpointIntervalSeconds: 45 } })).toBe(45);
    expect(checkpointInterval(10, { mirror: { checkpointIntervalSeconds: 45 } })).toBe(10);
  });
});
