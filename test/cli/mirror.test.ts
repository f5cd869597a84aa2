import * as fs from 'fs';
import * as path from 'path';
import { parseProperties } from '../../lib/sources/properties';
import { EXAMPLE_METADATA, listFiles, NEW_INSTANCE, runCli, tmpDir } from '../helpers';

/** `synth` of the example with these plan flags; returns the migration-plan.json it wrote. */
async function synthPlan(flags: readonly string[], metadata = EXAMPLE_METADATA): Promise<string> {
  const out = tmpDir('mirror');
  const r = await runCli(['synth', '--metadata', metadata, ...flags, '--out', out]);
  if (r.code !== 0) throw new Error(`synth exited ${r.code}: ${r.err}`);
  return path.join(out, 'stacks', 'alikafka-migration', 'migration-plan.json');
}

describe('alikafka-migrate mirror', () => {
  let dedicated: string;
  let connect: string;
  let noMirror: string;
  beforeAll(async () => {
    dedicated = await synthPlan([...NEW_INSTANCE, '--mirror', 'dedicated']);
    connect = await synthPlan([...NEW_INSTANCE, '--mirror', 'connect']);
    noMirror = await synthPlan(NEW_INSTANCE);
  });

  test('writes mm2.properties, the report and the renaming policy for the example from the plan file, selection as synth planned it', async () => {
    const out = tmpDir('mirror');
    const plan = await synthPlan([...NEW_INSTANCE, '--exclude', 'legacy-*', '--mirror', 'dedicated']);
    const r = await runCli(['mirror', '--plan', plan, '--target-bootstrap', 'ali-1:9092,ali-2:9092', '--out', out]);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(listFiles(out)).toEqual([
      '.alikafka-migrate-files.json',
      'RenamingReplicationPolicy.java',
      'mirror-report.json',
      'mirror-report.md',
      'mm2.properties',
    ]);
    const p = parseProperties(fs.readFileSync(path.join(out, 'mm2.properties'), 'utf8'));
    // the source brokers come from the plan file when no --source-bootstrap is given
    expect(p.get('src.bootstrap.servers')).toBe('10.20.1.11:9092,10.20.1.12:9092,10.20.1.13:9092');
    expect(p.get('ali.bootstrap.servers')).toBe('ali-1:9092,ali-2:9092');
    const topics = p.get('src->ali.topics')?.split(',') ?? [];
    expect(topics).not.toContain('legacy-batch-jobs');
    expect(topics).toContain('orders\\.created\\.v1');
    expect(r.out).toMatch(/^forward src -> ali \(dedicated\): 44 topics configured to copy \(2 renamed by RenamingReplicationPolicy\), 0 not copied;/m);
  });

  test('the same input twice gives byte-identical files', async () => {
    const a = tmpDir('mirror');
    const b = tmpDir('mirror');
    for (const d of [a, b]) expect((await runCli(['mirror', '--plan', connect, '--target-bootstrap', 'ali:9092', '--out', d])).code).toBe(0);
    expect(listFiles(a)).toEqual(listFiles(b));
    for (const f of listFiles(a)) expect(fs.readFileSync(path.join(b, f))).toEqual(fs.readFileSync(path.join(a, f)));
  });

  test('secrets in the properties files never reach the output, only references to the files', async () => {
    const dir = tmpDir('mirror');
    const srcProps = path.join(dir, 'source.properties');
    fs.writeFileSync(
      srcProps,
      'bootstrap.servers=10.9.9.9:9093\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="pw-source-123";\n',
    );
    const tgtProps = path.join(dir, 'target.properties');
    fs.writeFileSync(
      tgtProps,
      'security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="pw-target-456";\nssl.truststore.password=KafkaOnsClient\n',
    );
    // one directory per plan: a Connect run into the dedicated run's directory removes mm2.properties
    const outOf = (plan: string): string => path.join(dir, plan === dedicated ? 'out-dedicated' : 'out-connect');
    for (const plan of [dedicated, connect]) {
      const out = outOf(plan);
      const r = await runCli([
        'mirror',
        '--plan',
        plan,
        '--target-bootstrap',
        'ali:9094',
        '--source-properties',
        srcProps,
        '--target-properties',
        tgtProps,
        '--out',
        out,
        '--json',
      ]);
      expect(r.code).toBe(0);
      for (const text of [r.out, r.err, ...listFiles(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'))]) {
        expect(text).not.toContain('pw-source-123');
        expect(text).not.toContain('pw-target-456');
        expect(text).not.toContain('KafkaOnsClient');
      }
    }
    const p = parseProperties(fs.readFileSync(path.join(outOf(dedicated), 'mm2.properties'), 'utf8'));
    expect(p.get('src.bootstrap.servers')).toBe('10.9.9.9:9093');
    expect(p.get('src.sasl.jaas.config')).toBe(`\${file:${srcProps}:sasl.jaas.config}`);
    expect(p.get('ali.ssl.truststore.password')).toBe(`\${file:${tgtProps}:ssl.truststore.password}`);
    expect(p.get('config.providers.file.param.allowed.paths')).toBe([srcProps, tgtProps].sort().join(','));
  });

  test('a key MirrorMaker cannot take in a properties file is refused by name, exit 1, nothing written', async () => {
    const dir = tmpDir('mirror');
    const tgtProps = path.join(dir, 'target.properties');
    fs.writeFileSync(tgtProps, 'security.protocol=PLAINTEXT\ngroup.id=my-app\n');
    const out = path.join(dir, 'out');
    const r = await runCli(['mirror', '--plan', dedicated, '--target-bootstrap', 'ali:9092', '--target-properties', tgtProps, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--target-properties .*target\.properties: MirrorMaker 2 cannot take this setting: group\.id \(MirrorMaker reads with assign\(\)/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('--reverse --offsets-from EXPORT keeps the committed offsets per group of the export the plan was made from', async () => {
    const out = tmpDir('mirror');
    const r = await runCli(['mirror', '--plan', dedicated, '--target-bootstrap', 'ali:9092', '--reverse', '--offsets-from', EXAMPLE_METADATA, '--out', out]);
    expect(r.code).toBe(0);
    const files = listFiles(out);
    expect(files).toContain('rollback-offsets.json');
    expect(files).toContain('mirror-reverse-report.md');
    const rb = JSON.parse(fs.readFileSync(path.join(out, 'rollback-offsets.json'), 'utf8')) as {
      origin: string;
      readAt: string;
      groups: Array<{ group: string; offsets: unknown[] }>;
    };
    expect(rb.origin).toBe('metadata');
    expect(rb.readAt).toBe('2026-11-20T09:30:00Z');
    const meta = JSON.parse(fs.readFileSync(EXAMPLE_METADATA, 'utf8')) as { consumerGroups: Array<{ groupId: string; offsets?: Array<{ topic: string }> }> };
    const orders = meta.consumerGroups.find((g) => g.groupId === 'order-service');
    expect(rb.groups.find((g) => g.group === 'order-service')?.offsets.length).toBe(orders?.offsets?.length);
    const p = parseProperties(fs.readFileSync(path.join(out, 'mm2.properties'), 'utf8'));
    expect(p.get('ali->src.enabled')).toBe('true');
    expect(p.get('ali.consumer.auto.offset.reset')).toBe('latest');
  });

  test('--switched re-renders with those groups left out of offset sync (groups, groups.exclude), the others unchanged', async () => {
    const before = tmpDir('mirror');
    const after = tmpDir('mirror');
    expect((await runCli(['mirror', '--plan', dedicated, '--target-bootstrap', 'ali-1:9092', '--out', before])).code).toBe(0);
    const r = await runCli([
      'mirror',
      '--plan',
      dedicated,
      '--target-bootstrap',
      'ali-1:9092',
      '--out',
      after,
      '--switched',
      'ledger',
      '--switched',
      'billing-reconciler',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/12 groups synced, 1 not, 2 switched \(excluded from offset sync\)/);
    const p0 = parseProperties(fs.readFileSync(path.join(before, 'mm2.properties'), 'utf8'));
    const p1 = parseProperties(fs.readFileSync(path.join(after, 'mm2.properties'), 'utf8'));
    expect(p0.get('src->ali.groups.exclude')).toBe('');
    expect(p1.get('src->ali.groups.exclude')).toBe('billing-reconciler,ledger');
    const list = (p: Map<string, string>): string[] => (p.get('src->ali.groups') ?? '').split(',');
    expect(list(p1)).toEqual(list(p0).filter((g) => g !== 'ledger' && g !== 'billing-reconciler'));
    expect(list(p0)).toHaveLength(14);
    for (const k of new Set([...p0.keys(), ...p1.keys()]))
      if (!['src->ali.groups', 'src->ali.groups.exclude'].includes(k)) expect([k, p1.get(k)]).toEqual([k, p0.get(k)]);
  });

  test('usage errors exit 2 and bad input exits 1, writing nothing', async () => {
    const out = tmpDir('mirror');
    const otherExport = path.join(tmpDir('mirror'), 'other.json');
    fs.writeFileSync(otherExport, `${fs.readFileSync(EXAMPLE_METADATA, 'utf8')}\n`);
    const badPlan = path.join(tmpDir('mirror'), 'migration-plan.json');
    fs.writeFileSync(badPlan, JSON.stringify({ planVersion: 2 }));
    const cases: Array<[string[], number, RegExp]> = [
      [['mirror', '--plan', dedicated, '--out', out], 2, /--target-bootstrap/],
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'no-port', '--out', out], 2, /--target-bootstrap: bad server "no-port"/],
      [['mirror', '--target-bootstrap', 'a:1', '--out', out], 2, /mirror needs --plan FILE/],
      [['mirror', '--plan', noMirror, '--target-bootstrap', 'a:1', '--out', out], 2, /has no MirrorMaker: run synth with --mirror dedicated\|connect/],
      // plan flags and the metadata belong to synth
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--max-tasks', '4', '--out', out], 2, /--max-tasks is a plan flag: .* give it to synth/],
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--mirror', 'connect', '--out', out], 2, /--mirror is a plan flag/],
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--compression', 'lz4', '--out', out], 2, /--compression is a plan flag/],
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--include', 'x*', '--out', out], 2, /--include is a plan flag/],
      [['mirror', '--metadata', EXAMPLE_METADATA, '--target-bootstrap', 'a:1', '--out', out], 2, /mirror reads the reviewed plan, not the metadata: run synth/],
      [['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--reverse', '--offsets-from', 'metadata', '--out', out], 2, /--offsets-from FILE/],
      [
        ['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--reverse', '--offsets-from', otherExport, '--out', out],
        1,
        /--offsets-from .*other\.json: not the export the plan was made from/,
      ],
      [
        ['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--source-properties', path.join(out, 'nope.properties'), '--out', out],
        1,
        /--source-properties .*nope\.properties: no such file/,
      ],
      [['mirror', '--plan', path.join(out, 'missing.json'), '--target-bootstrap', 'a:1', '--out', out], 1, /missing\.json/],
      [['mirror', '--plan', badPlan, '--target-bootstrap', 'a:1', '--out', out], 1, /planVersion/],
      [
        ['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--switched', 'nope', '--out', out],
        2,
        /--switched nope is not a planned group; the plan has 15 group\(s\)/,
      ],
      [
        ['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--switched', 'cg_', '--out', out],
        2,
        /--switched cg_ is not a planned group \(it is the target name of cg: give the source id\)/,
      ],
      [
        ['mirror', '--plan', dedicated, '--target-bootstrap', 'a:1', '--reverse', '--switched', 'ledger', '--out', out],
        2,
        /--switched applies to the forward flow only/,
      ],
    ];
    for (const [args, code, msg] of cases) {
      const r = await runCli(args);
      expect({ args: args.slice(-6), code: r.code }).toEqual({ args: args.slice(-6), code });
      expect(r.err).toMatch(msg);
    }
    expect(listFiles(out)).toEqual([]);
  });

  test("synth refuses MirrorMaker's settings without --mirror, and dedicated mode on an edition without local storage, naming the flag", async () => {
    const small = path.join(tmpDir('mirror'), 'small.json');
    fs.writeFileSync(small, JSON.stringify({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 3 }] }));
    const cases: Array<[string[], number, RegExp]> = [
      [[...NEW_INSTANCE, '--max-tasks', '4'], 2, /--max-tasks only apply with --mirror dedicated\|connect/],
      [[...NEW_INSTANCE, '--mirror', 'dedicated', '--max-tasks', '0'], 2, /--max-tasks must be in 1-2147483647, got 0/],
      [[...NEW_INSTANCE, '--mirror', 'sideways'], 2, /--mirror/],
      [
        [...NEW_INSTANCE, '--spec-type', 'normal', '--mirror', 'dedicated'],
        2,
        /--mirror: dedicated MirrorMaker keeps its worker's topics on the target: edition normal has no local storage/,
      ],
    ];
    for (const [flags, code, msg] of cases) {
      const out = tmpDir('mirror');
      const r = await runCli(['synth', '--metadata', small, ...flags, '--out', out]);
      expect({ flags, code: r.code }).toEqual({ flags, code });
      expect(r.err).toMatch(msg);
      expect(listFiles(out)).toEqual([]);
    }
  });
});
