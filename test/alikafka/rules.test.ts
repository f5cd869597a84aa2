import * as fs from 'fs';
import * as path from 'path';
import {
  DISK_SIZE_GB,
  EDITIONS,
  findIoSpec,
  GROUP_NAME,
  IO_SPECS,
  isSellableDiskSize,
  isValidName,
  nameProblem,
  quotasFor,
  RULE_SOURCES,
  SPEC_TYPES,
  TOPIC_NAME,
  USER_NAME,
  withoutDots,
} from '../../lib/alikafka';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
const TOOLS = path.join(ROOT, 'tools');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(path.join('constructs', 'gen')) || p.endsWith(path.join('lib', 'alikafka')) ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without its comments: doc comments may quote a limit, code may not. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the rule module is the only place AliKafka values appear', () => {
  // values of lib/alikafka that have no other meaning in this code base
  const forbidden: ReadonlyArray<[string, RegExp]> = [
    ['partitions per topic', /\b360\b/],
    ['message size limits', /\b10_?485_?760\b|\b1_?048_?576\b/],
    ['disk sizes', /\b96_?000\b/],
    ['retention limits', /\b3_?600_?000\b|\b31_?536_?000_?000\b|\b43_?200\b|\b10_?080\b/],
    ['edition names', /'(normal|professional|professionalForHighRead)'/],
    ['traffic specs', /'alikafka\.h[wr]2?\.\d+xlarge'/],
    ['name character classes', /A-Za-z0-9_\.-|A-Za-z0-9_-\]\{3,64\}/],
    ['disk and deploy types', /\[\s*'ssd'|'ssd',\s*'cloud'|\b(deployType|deploy_type|diskType|disk_type)\s*[:=]\s*[0-5]\b/],
    ['service versions', /'2\.(2\.0|6\.2)'/],
    ['instance config keys', /'(enable\.acl|kafka\.message\.max\.bytes|kafka\.log\.retention\.hours)'/],
    ['provider resource types', /'alicloud_alikafka_(topic|instance|consumer_group|sasl_user|sasl_acl)'/],
    ['endpoint ports', /\b909[2-5]\b/],
    ['ACL operation lists', /'Read',\s*'Write',\s*'Describe'/],
  ];
  const libFiles = sourceFiles(LIB);
  // the control plane stands in for AliKafka: it reads the same rules (tools/control-plane/rules.ts), never its own copy
  const files = [...libFiles, ...sourceFiles(TOOLS)];

  test('lib/ outside lib/alikafka and the generated bindings, lib/kafka and tools/ have source files to check', () => {
    expect(libFiles.length).toBeGreaterThan(20);
    expect(files.filter((f) => f.startsWith(path.join(LIB, 'kafka') + path.sep)).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith(TOOLS + path.sep)).length).toBeGreaterThan(0);
  });

  test.each(forbidden)('no %s outside lib/alikafka', (_what, re) => {
    const hits = files
      .flatMap((f) =>
        code(fs.readFileSync(f, 'utf8'))
          .split('\n')
          .map((l, i) => [f, i + 1, l] as const)
          .filter(([, , l]) => re.test(l)),
      )
      .map(([f, n, l]) => `${path.relative(ROOT, f)}:${n}: ${l.trim()}`);
    expect(hits).toEqual([]);
  });

  test("lib/plan has no I/O and no CDK framework (cdktn, cdktf); the constructs import only the plan's types", () => {
    const planFiles = files.filter((f) => f.includes(`${path.sep}plan${path.sep}`));
    for (const f of planFiles)
      expect([f, code(fs.readFileSync(f, 'utf8'))]).not.toEqual([f, expect.stringMatching(/from '(fs|path|os|net|child_process|cdktn|cdktf|constructs)'/)]);
    const constructFiles = files.filter((f) => f.includes(`${path.sep}constructs${path.sep}`));
    for (const f of constructFiles) {
      const imports = [...fs.readFileSync(f, 'utf8').matchAll(/^import (type )?.*from '(\.\.\/plan[^']*)';$/gm)];
      for (const m of imports) expect([f, m[1]]).toEqual([f, 'type ']);
    }
  });

  test("lib/kafka (Kafka's and MirrorMaker's facts) imports nothing from the project and does no I/O", () => {
    for (const f of libFiles.filter((x) => x.startsWith(path.join(LIB, 'kafka') + path.sep))) {
      const imports = [...code(fs.readFileSync(f, 'utf8')).matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect([f, imports.filter((i) => !i.startsWith('./'))]).toEqual([f, []]);
    }
  });

  test('every rule source has an id, a title and a date', () => {
    for (const s of RULE_SOURCES)
      expect(s).toEqual({ id: expect.stringMatching(/^[a-z0-9.-]+$/), title: expect.any(String), date: expect.stringMatching(/^\d{4}(-\d{2}){0,2}$/) });
  });
});

describe('name rules', () => {
  test.each<[string, string, boolean]>([
    ['orders.created', 'topic', true],
    ['ab', 'topic', false],
    ['a'.repeat(64), 'topic', true],
    ['a'.repeat(65), 'topic', false],
    ['a b', 'topic', false],
    ['a', 'user', true],
    ['al.ice', 'user', false],
    ['billing.v2', 'group', true],
  ])('%s is a valid %s name: %s', (name, kind, valid) => {
    const rule = kind === 'topic' ? TOPIC_NAME : kind === 'group' ? GROUP_NAME : USER_NAME;
    expect(isValidName(rule, name)).toBe(valid);
  });

  test('withoutDots forbids "." and says which characters are wrong', () => {
    expect(nameProblem(withoutDots(TOPIC_NAME), 'orders.v1')).toBe('contains "."');
    expect(nameProblem(TOPIC_NAME, 'x/')).toBe('contains "/" and is shorter than 3 characters');
  });
});

describe('editions, specs, disks and quotas', () => {
  test('every edition has at least one traffic spec, and Standard tops out at 12xlarge', () => {
    for (const e of SPEC_TYPES) expect(IO_SPECS.some((s) => s.editions.includes(e))).toBe(true);
    expect(
      IO_SPECS.filter((s) => s.editions.includes('normal'))
        .map((s) => s.name)
        .pop(),
    ).toBe('alikafka.hw.12xlarge');
  });

  test('only Standard lacks local storage, ACLs and multi-zone', () => {
    expect(SPEC_TYPES.filter((s) => !EDITIONS[s].localStorage)).toEqual(['normal']);
    expect(SPEC_TYPES.filter((s) => !EDITIONS[s].acl)).toEqual(['normal']);
    expect(SPEC_TYPES.filter((s) => !EDITIONS[s].multiZone)).toEqual(['normal']);
  });

  test.each<[number, string | undefined, boolean]>([
    [500, 'alikafka.hw.2xlarge', true],
    [550, 'alikafka.hw.2xlarge', false],
    [800, 'alikafka.hw.6xlarge', false],
    [1400, 'alikafka.hw.6xlarge', true],
    [DISK_SIZE_GB.max + DISK_SIZE_GB.step, undefined, false],
  ])('%d GB is sellable for %s: %s', (gb, spec, ok) => {
    expect(isSellableDiskSize(gb, spec ? findIoSpec(spec) : undefined)).toBe(ok);
  });

  test('topics = partitions and groups = 2 x partitions', () => {
    expect(quotasFor(1050)).toEqual({ topics: 1050, partitions: 1050, groups: 2100 });
  });
});
