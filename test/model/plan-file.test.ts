import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlanFile, parsePlanFileText, PlanFileError, validatePlanFile } from '../../lib/model';

const GOLDEN = path.join(__dirname, '..', 'golden', 'bundled-example', 'stacks', 'alikafka-migration', 'migration-plan.json');

/** The golden plan file, parsed afresh (tests change their own copy). */
function golden(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
}

function issuesOf(value: unknown): string[] {
  try {
    validatePlanFile(value, 'p.json');
  } catch (e) {
    expect(e).toBeInstanceOf(PlanFileError);
    return (e as PlanFileError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the plan file to be refused');
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('plan file loader', () => {
  test("the bundled example's golden plan file loads, with its topics, groups and source brokers", () => {
    const plan = loadPlanFile(GOLDEN);
    expect(plan.planVersion).toBe(1);
    expect(plan.topics.length).toBe(45);
    expect(plan.groups.length).toBe(15);
    expect(plan.source.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(['10.20.1.11:9092', '10.20.1.12:9092', '10.20.1.13:9092']);
    expect(plan.metadata.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each<[string, (d: Doc) => void, RegExp]>([
    ['a topic whose partitions are a string', (d) => (d.topics[3].partitions = '12'), /^topics\[3\]\.partitions: must be an integer, got "12"$/],
    ['a group without its name', (d) => delete d.groups[1].name, /^groups\[1\]\.name: is required$/],
    ['a broker port out of range', (d) => (d.source.brokers[0].port = 70000), /^source\.brokers\[0\]\.port: must be an integer <= 65535, got 70000$/],
    ['a metadata hash that is not SHA-256 hex', (d) => (d.metadata.sha256 = 'abc'), /^metadata\.sha256: must match pattern/],
    ['a new instance without its disk size', (d) => delete d.instance.diskSize, /^instance\.diskSize: is required$/],
    ['an existing instance without its ID', (d) => (d.instance = { mode: 'existing', decisions: [] }), /^instance\.instanceId: is required$/],
    ['a rename of an unknown kind', (d) => (d.renames[0].kind = 'table'), /^renames\[0\]\.kind: must be one of "topic", "group", "user", "acl", got "table"$/],
    ['no topics list', (d) => delete d.topics, /^topics: is required$/],
    [
      'a pacing sleep whose duration is not whole seconds',
      (d) => (d.pacing.sleeps[0].createDuration = '1m'),
      /^pacing\.sleeps\[0\]\.createDuration: must match pattern/,
    ],
    ['a pacing sleep without the topics it releases', (d) => delete d.pacing.sleeps[1].topics, /^pacing\.sleeps\[1\]\.topics: is required$/],
    ['pacing without its provider', (d) => delete d.pacing.provider, /^pacing\.provider: is required$/],
  ])('refuses %s, naming the JSON path', (_what, change, expected) => {
    const d = golden() as Doc;
    change(d);
    const issues = issuesOf(d);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(expected);
  });

  test('lists every problem, not only the first', () => {
    const d = golden() as Doc;
    d.topics[0].compact = 'yes';
    d.users[0].passwordVariable = '';
    expect(issuesOf(d)).toEqual([
      'topics[0].compact: must be of type boolean, got "yes"',
      'users[0].passwordVariable: must have at least 1 character(s), got ""',
    ]);
  });

  test.each([2, 3, 17])('refuses plan version %d (an unknown major version): upgrade, or synth again', (v) => {
    const d = golden();
    d.planVersion = v;
    expect(issuesOf(d)).toEqual([
      `planVersion: plan version ${v} is not supported by this build (supported: 1); upgrade alikafka-migrate, or synth the plan again with this version`,
    ]);
  });

  test('a file without planVersion (cdk.tf.json given as --plan) is refused as not a plan file', () => {
    const tf = { resource: {}, terraform: {} };
    expect(issuesOf(tf)).toEqual(['planVersion: is required (is this the migration-plan.json synth writes beside cdk.tf.json?)']);
  });

  test("the golden plan's pacing section (the bundled example's 45 topics: waves 1 and 2 after sleeps of 1 s and 2 s) loads as written", () => {
    const plan = loadPlanFile(GOLDEN);
    expect(plan.pacing?.provider).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
    expect(plan.pacing?.sleeps.map((s) => [s.terraformName, s.wave, s.createDuration, s.topics.length])).toEqual([
      ['pace_create_topics_wave_1', 1, '1s', 20],
      ['pace_create_topics_wave_2', 2, '2s', 5],
    ]);
  });

  test('a chained pacing section (remote state: wave 0 has a sleep, each sleep names the one it starts after) loads as written', () => {
    const d = golden() as Doc;
    const names = d.pacing.sleeps.flatMap((s: Doc) => s.topics);
    d.pacing.sleeps = [0, 1, 2].map((k) => ({
      terraformName: `pace_create_topics_wave_${k}`,
      wave: k,
      createDuration: '1s',
      ...(k > 0 ? { after: `pace_create_topics_wave_${k - 1}` } : {}),
      topics: names.slice(0, 1),
    }));
    expect(validatePlanFile(d).pacing?.sleeps.map((s) => [s.wave, s.after])).toEqual([
      [0, undefined],
      [1, 'pace_create_topics_wave_0'],
      [2, 'pace_create_topics_wave_1'],
    ]);
  });

  test('a plan file written before pacing (no pacing section) still loads: the section is optional within plan version 1', () => {
    const d = golden() as Doc;
    delete d.pacing;
    expect(validatePlanFile(d).pacing).toBeUndefined();
  });

  test('accepts fields a later build adds within plan version 1 (optional and additive), at the top and inside objects', () => {
    const d = golden() as Doc;
    d.handover = { topics: [{ topic: 'orders', copy: 'same-name' }] };
    d.topics[0].copy = { how: 'same-name' };
    d.instance.multiZone = { wanted: false };
    d.mirror = { checkpointIntervalSeconds: 30, mode: 'dedicated' };
    const plan = validatePlanFile(d);
    expect(plan.topics[0].name).toBe((golden() as Doc).topics[0].name);
  });

  test('text that is not JSON, and a missing file, are PlanFileErrors naming the file', () => {
    expect(() => parsePlanFileText('{"planVersion": 1,', 'p.json')).toThrow(/^p\.json: invalid plan file \(1 problem\):\n {2}not valid JSON/);
    const missing = path.join(os.tmpdir(), 'no-such-dir-alikafka', 'migration-plan.json');
    expect(() => loadPlanFile(missing)).toThrow(
      new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid plan file \\(1 problem\\):\\n {2}cannot read the plan file: no such file`),
    );
  });
});
