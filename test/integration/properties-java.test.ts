/**
 * Issue 19 item 2: no live lines from data. Every generated Java properties file (client-config's properties
 * and librdkafka formats, mirror's mm2.properties and connect-worker.properties) is loaded with the JVM's own
 * java.util.Properties, as Kafka's clients and tools load it, and must hold exactly the keys a file generated
 * from harmless input holds: a group ID, client ID, user, topic name or settings value with a line break, a
 * form feed, a backslash or a leading comment character never adds, removes or replaces a key.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { propertiesLine } from '../../lib/util/escape';
import { HOSTILE_STRINGS, hostileMetadata } from '../hostile/samples';
import { runCli, tmpDir } from './rig';
import { writePlanFileOnExistingInstance } from '../helpers/plan-file';

jest.setTimeout(300_000);

const DUMP = path.join(__dirname, 'java', 'PropertiesDump.java');

/** Every entry of each file, as java.util.Properties reads it. */
function loadWithJava(files: readonly string[]): Record<string, Record<string, string>> {
  const r = spawnSync('java', [DUMP, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`java is needed for this test (the integration tier has it): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`java PropertiesDump.java exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Record<string, string>>;
}

interface Generated {
  readonly label: string;
  readonly file?: string;
  readonly refused?: string;
}

const dir = tmpDir('props-java');
let n = 0;

/** client-config with `s` in the group and the client ID (and the user, when given), and the plan file's rename comments from metadata holding `s`. */
async function clientConfig(s: string, format: 'properties' | 'librdkafka', role: 'producer' | 'consumer', user = 'alice'): Promise<Generated> {
  const d = path.join(dir, `cc-${n++}`);
  fs.mkdirSync(d);
  const out = path.join(d, `client.${format}`);
  const label = `client-config ${format} ${role} ${JSON.stringify(s)}`;
  // the plan file synth writes, with names from metadata holding `s` (a plan refused is a refusal with exit 1)
  let plan: string;
  try {
    plan = writePlanFileOnExistingInstance(hostileMetadata(s), path.join(d, 'migration-plan.json'));
  } catch (e) {
    expect({ label, error: (e as Error).name }).toEqual({ label, error: 'PlanError' });
    return { label, refused: (e as Error).message };
  }
  const r = await runCli([
    'client-config',
    '--bootstrap',
    '127.0.0.1:9094',
    '--auth',
    'sasl-scram',
    '--role',
    role,
    '--format',
    format,
    '--plan',
    plan,
    '--client-id',
    `id${s}`,
    '--user',
    user,
    ...(role === 'consumer' ? ['--group', `g${s}`] : []),
    '--out',
    out,
  ]);
  if (r.code !== 0) {
    expect({ label, code: r.code, written: fs.existsSync(out), trace: /\n\s+at /.test(r.err) }).toEqual({ label, code: 1, written: false, trace: false });
    return { label, refused: r.err };
  }
  return { label, file: out };
}

/** mirror with metadata holding `s` everywhere and `s` in a setting of the source's client properties. */
async function mirror(s: string): Promise<Generated[]> {
  const d = path.join(dir, `mm-${n++}`);
  fs.mkdirSync(d);
  const meta = path.join(d, 'metadata.json');
  fs.writeFileSync(meta, JSON.stringify(hostileMetadata(s)));
  const props = path.join(d, 'source.properties');
  fs.writeFileSync(props, `${propertiesLine('security.protocol', 'PLAINTEXT')}\n${propertiesLine('ssl.endpoint.identification.algorithm', `mm${s}`)}\n`);
  const out = path.join(d, 'out');
  const files: Generated[] = [];
  for (const mode of ['dedicated', 'connect']) {
    const o = path.join(out, mode);
    // synth plans MirrorMaker in this mode; mirror renders the plan file
    const synthOut = path.join(d, `synth-${mode}`);
    const planned = await runCli([
      'synth',
      '--metadata',
      meta,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--spec-type',
      'professional',
      '--mirror',
      mode,
      '--out',
      synthOut,
    ]);
    const r =
      planned.code !== 0
        ? planned
        : await runCli([
            'mirror',
            '--plan',
            path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json'),
            '--source-bootstrap',
            '127.0.0.1:9092',
            '--target-bootstrap',
            '127.0.0.1:9093',
            '--source-properties',
            props,
            '--out',
            o,
          ]);
    const label = `mirror ${mode} ${JSON.stringify(s)}`;
    if (r.code !== 0) {
      expect({ label, code: r.code, trace: /\n\s+at /.test(r.err) }).toEqual({ label, code: 1, trace: false });
      files.push({ label, refused: r.err });
      continue;
    }
    for (const f of fs.readdirSync(o).filter((x) => x.endsWith('.properties'))) files.push({ label: `${label} ${f}`, file: path.join(o, f) });
  }
  return files;
}

const keySet = (entries: Record<string, string>): string[] => Object.keys(entries).sort();

test('every generated properties file loads in java.util.Properties with exactly the keys of the same file from harmless input', async () => {
  const cases: Array<{ baseline: Generated; hostile: Generated; s: string }> = [];
  for (const s of HOSTILE_STRINGS) {
    for (const format of ['properties', 'librdkafka'] as const) {
      for (const role of ['producer', 'consumer'] as const) {
        cases.push({ s, baseline: await clientConfig('x', format, role), hostile: await clientConfig(s, format, role) });
      }
      cases.push({ s, baseline: await clientConfig('x', format, 'producer', 'userx'), hostile: await clientConfig(s, format, 'producer', `user${s}`) });
    }
    const base = await mirror('x');
    const hostile = await mirror(s);
    base.forEach((b, i) => cases.push({ s, baseline: b, hostile: hostile[i] }));
  }
  const files = cases.flatMap((c) => [c.baseline.file, c.hostile.file]).filter((f): f is string => f !== undefined);
  const loaded = loadWithJava(files);
  let compared = 0;
  for (const c of cases) {
    expect(c.baseline.file).toBeDefined();
    if (c.hostile.file === undefined) continue; // refused, checked above: exit 1, nothing written, no stack trace
    compared++;
    const base = loaded[c.baseline.file as string];
    const got = loaded[c.hostile.file];
    expect({ file: c.hostile.label, keys: keySet(got) }).toEqual({ file: c.hostile.label, keys: keySet(base) });
    // and the connection settings are the ones given, not a value a hostile line put after them
    for (const k of ['bootstrap.servers', 'security.protocol', 'src.bootstrap.servers', 'ali.bootstrap.servers']) {
      expect({ file: c.hostile.label, [k]: got[k] }).toEqual({ file: c.hostile.label, [k]: base[k] });
    }
    if (base['sasl.jaas.config'] !== undefined)
      expect(got['sasl.jaas.config']).toMatch(/^org\.apache\.kafka\.common\.security\.scram\.ScramLoginModule required /);
  }
  // the Java properties formats take every hostile string (escaped) but a SASL user name with whitespace, quotes or
  // backslashes (refused for every format: the JAAS line quotes it); librdkafka refuses what it cannot hold
  expect(compared).toBeGreaterThan(HOSTILE_STRINGS.length * 4);
  const refusedJava = cases.filter(
    (c) => c.hostile.refused !== undefined && !c.hostile.label.includes('librdkafka') && !/^error: --user /.test(c.hostile.refused),
  );
  expect(refusedJava.map((c) => c.hostile.label)).toEqual([]);
});

test('values come back exactly: the hostile client.id, group.id and a mirror client setting are what Java reads', async () => {
  const s = 'a\nbootstrap.servers=evil:9092\r\\x#y\u2028z\u202e';
  const consumer = await clientConfig(s, 'properties', 'consumer');
  const m = await mirror(s);
  const dedicated = m.find((g) => g.label.endsWith('mm2.properties'));
  const loaded = loadWithJava([consumer.file as string, dedicated?.file as string]);
  const cc = loaded[consumer.file as string];
  expect({ clientId: cc['client.id'], bootstrap: cc['bootstrap.servers'] }).toEqual({ clientId: `id${s}`, bootstrap: '127.0.0.1:9094' });
  expect(cc['group.id']).toBeDefined();
  const mm = loaded[dedicated?.file as string];
  expect(mm['src.ssl.endpoint.identification.algorithm']).toBe(`mm${s}`);
  expect(mm['src.bootstrap.servers']).toBe('127.0.0.1:9092');
});
