/**
 * Messages below lib/cli name options, never CLI flags: a library user never reads a flag, and the CLI translates
 * option keys into its flags (lib/cli/errors.ts), so a CLI user always does.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { endpointFor } from '../../lib/alikafka/endpoints';
import { resolvePractices } from '../../lib/alikafka/client-practices';
import { buildClientConfig, ClientConfigError, pickInstance } from '../../lib/clients';
import { exportCluster } from '../../lib/sources/read-cluster';
import { scramUsersUnsupported } from '../../lib/sources/broker-facts';
import { sizingInputFromMetadata } from '../../lib/plan';
import { estate, MB } from '../plan/estates';
import { EXAMPLE_METADATA, NEW_INSTANCE, runCli, tmpDir, writeJson } from '../helpers';
import { loadMetadataFile } from '../../lib/model';
import { planMigration } from '../../lib/plan';
import { AlikafkaMigrateError } from '../../lib/errors';

const LIB = path.join(__dirname, '..', '..', 'lib');
/** A command-line flag: `--retention-hours`, not `a--b` nor the `--` of a decrement. */
const FLAG = /(^|[\s('"`[{=,])--[a-z][a-z0-9]*(-[a-z0-9]+)*/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return p === path.join(LIB, 'cli') || p === path.join(LIB, 'constructs', 'gen') ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The text of every string and template literal under `node` (template parts joined with `${}`). */
function literalTexts(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) out.push([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('${}'));
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * The messages of a file that reach a user as an error or a warning: what is thrown, what an error class is
 * constructed with, what is rejected, and what is handed to a `warn(...)`.
 */
function messageSites(file: string): Array<{ line: number; text: string }> {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: Array<{ line: number; text: string }> = [];
  const seen = new Set<ts.Node>();
  const add = (n: ts.Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const text of literalTexts(n)) out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isThrowStatement(n) && !ts.isNewExpression(n.expression)) add(n.expression);
    else if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText(sf))) n.arguments?.forEach(add);
    else if (ts.isCallExpression(n) && /(^|\.)(warn|reject)$/.test(n.expression.getText(sf))) n.arguments.forEach(add);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('no CLI flag in a message below lib/cli', () => {
  test('the scan finds a flag where one is (it would have caught the old messages)', () => {
    const file = path.join(__dirname, 'fixture-with-flag.ts.txt');
    fs.writeFileSync(file, "throw new SourceError('give --zookeeper or --bootstrap-servers', 'usage');\nprogress.warn(`add --bootstrap-servers to ${x}`);\n");
    try {
      expect(messageSites(file).filter((m) => FLAG.test(m.text))).toEqual([
        { line: 1, text: 'give --zookeeper or --bootstrap-servers' },
        { line: 2, text: 'add --bootstrap-servers to ${}' },
      ]);
    } finally {
      fs.rmSync(file);
    }
  });

  test('thrown errors, error constructors, rejections and warnings in lib/ outside lib/cli', () => {
    const hits = sourceFiles(LIB).flatMap((f) =>
      messageSites(f)
        .filter((m) => FLAG.test(m.text))
        .map((m) => `${path.relative(LIB, f)}:${m.line}: ${m.text}`),
    );
    expect(hits).toEqual([]);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['endpointFor (rule module)', () => endpointFor('public', 'none'), /use `auth` sasl-plain or sasl-scram/],
    ['resolvePractices (rule module)', () => resolvePractices('producer', ['large-messages']), /give `maxMessageBytes`/],
    [
      'buildClientConfig, consumer without a group',
      () =>
        buildClientConfig({
          role: 'consumer',
          endpoint: endpointFor('vpc', 'none'),
          servers: ['h:9092'],
          serversFrom: 'test',
          auth: 'none',
        }),
      /needs `group`/,
    ],
    [
      'pickInstance, two instances',
      () =>
        pickInstance(
          [
            { address: 'a', attributes: new Map() },
            { address: 'b', attributes: new Map() },
          ],
          's.json',
        ),
      /choose one with `instanceId`/,
    ],
    [
      'sizingInputFromMetadata, an option out of range',
      () => sizingInputFromMetadata(estate({ families: ['app'], topicsPerFamily: 1, partitions: 1 }), { retentionHours: 1 }),
      /retentionHours: must be a number/,
    ],
  ])('%s: the message names the option, not a flag', (_name, fail, option) => {
    let caught: unknown;
    try {
      fail();
    } catch (e) {
      caught = e;
    }
    expect(AlikafkaMigrateError.isAlikafkaMigrateError(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(option);
    expect(message).not.toMatch(FLAG);
  });

  test('exportCluster without a source names the options', async () => {
    await expect(exportCluster({ timeoutSeconds: 1 })).rejects.toThrow(/^give `zookeeper` or `bootstrapServers`$/);
  });

  test('the SCRAM users warning names the option', () => {
    expect(scramUsersUnsupported({}, 'broker 0')).toMatch(/export with `zookeeper`/);
  });

  test('a ClientConfigError about the state file carries the option as its field', () => {
    try {
      pickInstance([], 's.json');
    } catch (e) {
      expect(e).toBeInstanceOf(ClientConfigError);
      expect((e as ClientConfigError).field).toBe('state');
      expect((e as Error).message).toMatch(/^state s\.json: no alicloud_alikafka_instance/);
    }
    expect.assertions(3);
  });
});

describe('the CLI shows the same failures with its flags', () => {
  const run = runCli;
  const EXAMPLE = EXAMPLE_METADATA;

  test.each<[string[], number, RegExp]>([
    [
      ['client-config', '--network', 'public', '--auth', 'none', '--bootstrap', 'h:9093'],
      2,
      /^error: the Internet endpoint \(9093\) needs SASL: use --auth sasl-plain or sasl-scram$/m,
    ],
    [['client-config', '--bootstrap', 'h:9092', '--role', 'consumer'], 1, /^error: a consumer configuration needs --group \(.*with --plan\)$/m],
    [['client-config', '--bootstrap', 'h:9092', '--group', 'g'], 1, /^error: --group applies to --role consumer only$/m],
    [['client-config', '--bootstrap', 'h:9092', '--user', 'a b'], 1, /^error: --user "a b": a SASL user name/m],
    [['evaluate', '--metadata', EXAMPLE, '--retention-hours', '1000'], 2, /^error: --retention-hours must be a number from 24 to 480, got 1000$/m],
    [['evaluate', '--metadata', EXAMPLE, '--headroom', '5000'], 2, /^error: --headroom must be a number from 0 to 1000, got 5000$/m],
  ])('%j', async (args, code, message) => {
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/`[a-z][A-Za-z]*`/);
  });

  test('a plan that needs a split: the library names `include`, synth shows --include', async () => {
    const file = writeJson(
      tmpDir('split'),
      'meta.json',
      estate({ families: ['alpha', 'beta', 'gamma'], topicsPerFamily: 100, partitions: 120, bytesInPerSec: 10 * MB }),
    );
    let message = '';
    try {
      planMigration(loadMetadataFile(file), { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'] } } as never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/split the estate into instances that each fit: instance 1 \([^)]*\): `include` alpha\.\*/);
    expect(message).not.toMatch(FLAG);
    const r = await runCli(['synth', '--metadata', file, ...NEW_INSTANCE, '--out', tmpDir('split-out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/split the estate into instances that each fit: instance 1 \([^)]*\): --include alpha\.\*/);
    expect(r.err).not.toMatch(/`include`/);
  });
});
