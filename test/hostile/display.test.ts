/**
 * Issue 19 item 6: shown safely. Control characters and bidirectional overrides in names are shown escaped in the
 * Markdown reports and on stderr; HTML from a plan JSON is escaped in plan-summary's output; credential-looking
 * topic config values (by key and by the value's shape) are never printed. Item 8: the same over arbitrary
 * Unicode names (fast-check, seeded).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { displayText, hasUnsafeDisplay, htmlText, terminalText } from '../../lib/util/escape';
import { looksLikeCredential } from '../../lib/util/redact';
import { hostileMetadata } from './samples';
import { ONE_ZONE, runCli, tmpDir } from '../helpers';

const SEED = 1919;
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

/** Controls other than line feed, bidirectional overrides and isolates, separators: what a report never shows raw. */
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
/** The same, tabs allowed: what the terminal never gets raw. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Markdown text outside code spans (inside them, HTML is shown as text). */
function outsideCode(md: string): string {
  return md.replace(/``.*?``|`[^`\n]*`/g, '');
}

/** The first raw unsafe character, as a code point, for a readable failure. */
function firstRaw(re: RegExp, text: string): string | undefined {
  const m = re.exec(text);
  return m ? `U+${m[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10))}` : undefined;
}

async function synthAndMirror(
  meta: unknown,
  extra: readonly string[] = [],
): Promise<{ code: number; err: string; report: string; mirror: string; dir: string }> {
  const dir = tmpDir('display');
  const file = path.join(dir, 'metadata.json');
  fs.writeFileSync(file, JSON.stringify(meta));
  // synth plans MirrorMaker (Connect mode plans on every edition); mirror renders the plan file
  const plan = [...ONE_ZONE, '--mirror', 'connect'];
  const s = await runCli(['synth', '--metadata', file, ...plan, '--out', path.join(dir, 'out'), ...extra]);
  const m = await runCli([
    'mirror',
    '--plan',
    path.join(dir, 'out', 'stacks', 'alikafka-migration', 'migration-plan.json'),
    '--source-bootstrap',
    '127.0.0.1:9092',
    '--target-bootstrap',
    '127.0.0.1:9093',
    '--out',
    path.join(dir, 'mm'),
  ]);
  const read = (f: string): string => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  return {
    code: s.code || m.code,
    err: s.err + m.err,
    report: read(path.join(dir, 'out', 'migration-report.md')),
    mirror: read(path.join(dir, 'mm', 'mirror-report.md')),
    dir,
  };
}

describe('displayText, terminalText and htmlText', () => {
  test.each([
    ['NUL', 'a\u0000b', 'a\\0b'],
    ['a line break', 'a\nb', 'a\\nb'],
    ['an escape sequence', 'a\u001b[31mb', 'a\\u001b[31mb'],
    ['a right-to-left override', 'abc\u202etxt.exe', 'abc\\u202etxt.exe'],
    ['an isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['a backslash next to an escape', 'a\\n\u202e', 'a\\\\n\\u202e'],
  ])('%s is shown escaped', (_name, input, shown) => {
    expect(displayText(input)).toBe(shown);
  });

  test('plain text, other scripts and emoji are kept as they are', () => {
    expect(displayText('订单-topic_é😀 a\\b')).toBe('订单-topic_é😀 a\\b');
  });

  test('terminal text keeps the message layout (line feeds, tabs) and escapes the rest; it is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const t = terminalText(s);
        expect(TERMINAL_UNSAFE.test(t)).toBe(false);
        expect(terminalText(t)).toBe(t);
        expect(t.split('\n').length).toBe(s.split('\n').length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('html text opens no tag or entity', () => {
    expect(htmlText('<summary>x</summary>&#x202e;')).toBe('&lt;summary&gt;x&lt;/summary&gt;&amp;#x202e;');
  });
});

describe('reports and stderr show hostile names escaped', () => {
  test('NUL, escape sequences, bidirectional overrides and HTML in every field: the Markdown reports and stderr hold none raw', async () => {
    const s = 'x\u0000\u001b[2J\u202eevil\u2066<summary>boom</summary>\r';
    const r = await synthAndMirror(hostileMetadata(s));
    expect(r.code).toBe(0);
    for (const [what, text] of [
      ['migration-report.md', r.report],
      ['mirror-report.md', r.mirror],
      ['stderr', r.err],
    ]) {
      expect({ what, raw: firstRaw(what === 'stderr' ? TERMINAL_UNSAFE : RAW_UNSAFE, text) }).toEqual({ what, raw: undefined });
      // HTML matters where Markdown is rendered, not on a terminal
      if (what !== 'stderr') expect({ what, html: /<summary>boom/.test(outsideCode(text)) }).toEqual({ what, html: false });
    }
    expect(r.report).toContain('\\u202eevil');
  });

  test('arbitrary Unicode in names (fast-check): the reports and stderr never show a control or bidirectional character raw', async () => {
    const samples = fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { seed: SEED, numRuns: RUNS });
    for (const s of samples) {
      const r = await synthAndMirror(hostileMetadata(s));
      if (r.code !== 0) {
        expect(r.err).toMatch(/^error: /);
        expect(r.err).not.toMatch(/\n\s+at /);
      }
      for (const text of [r.report, r.mirror]) expect({ s, raw: firstRaw(RAW_UNSAFE, text) }).toEqual({ s, raw: undefined });
      expect({ s, raw: firstRaw(TERMINAL_UNSAFE, r.err) }).toEqual({ s, raw: undefined });
    }
  });
});

describe('plan-summary escapes HTML from the plan JSON', () => {
  test('a resource type with <summary> in it, in a collapsed list and in the versions line', async () => {
    const dir = tmpDir('display');
    const type = 'alicloud_x</summary><img src=x onerror=alert(1)>';
    const doc = {
      format_version: '1.2',
      terraform_version: '1.11.0</sub><script>',
      resource_changes: Array.from({ length: 12 }, (_, i) => ({
        address: `${type}.r${i}\u202e`,
        mode: 'managed',
        type,
        name: `r${i}`,
        change: { actions: ['create'], before: null, after: {} },
      })),
    };
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['plan-summary', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('<details><summary>alicloud_x&lt;/summary&gt;&lt;img src=x onerror=alert(1)&gt; (12)</summary>');
    expect(outsideCode(r.out)).not.toMatch(/<img|<script|<\/sub><script/);
    expect(firstRaw(RAW_UNSAFE, r.out)).toBeUndefined();
  });
});

describe('credential-looking topic config values are never printed', () => {
  const secrets: Array<[string, string, string]> = [
    ['by key', 'ssl.keystore.password', 'hunter2-plain'],
    ['a JAAS line under an innocent key', 'x.login', 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="hunter2-jaas";'],
    ['an Alibaba Cloud AccessKey ID', 'x.owner', 'LTAI5tHunter2AccessKey99'],
    ['a URL with a password', 'x.endpoint', 'https://svc:hunter2-url@example.com/x'],
    ['a PEM private key', 'x.cert', '-----BEGIN PRIVATE KEY-----hunter2-pem'],
    ['a long random token', 'x.token-ish', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9'],
  ];

  test.each(secrets)('%s: not in the report, the JSON report, the plan or stderr (also as a changed config)', async (_name, key, value) => {
    expect(looksLikeCredential(value) || /password/.test(key)).toBe(true);
    const meta = (v: string) => ({
      formatVersion: 1,
      source: { kind: 'manual' },
      topics: [{ name: 'orders', partitions: 6, configs: { 'cleanup.policy': 'compact', [key]: v } }],
    });
    const dir = tmpDir('display');
    const prev = path.join(dir, 'previous.json');
    fs.writeFileSync(prev, JSON.stringify(meta(`${value}-old`)));
    const r = await synthAndMirror(meta(value), ['--previous-metadata', prev]);
    expect(r.code).toBe(0);
    const json = fs.readFileSync(path.join(r.dir, 'out', 'migration-report.json'), 'utf8');
    for (const text of [r.report, json, r.err, r.mirror]) expect(text).not.toContain('hunter2');
    expect(r.report).toContain(key);
  });

  test('ordinary config values are still shown', () => {
    expect(['604800000', 'compact,delete', 'LogAppendTime', 'producer', '2.8-IV1', '0:1,1:2'].filter(looksLikeCredential)).toEqual([]);
  });

  test('hasUnsafeDisplay flags exactly what displayText changes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        expect(hasUnsafeDisplay(s)).toBe(displayText(s) !== s);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
