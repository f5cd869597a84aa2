/**
 * The embedder's view of the package (issue 22, "done when"): the README's embedding example compiles as written in
 * a fresh project that installs the packed tarball.
 *
 * `npm pack` packs the built package (dist/ must be current: `npm run build`, which scripts/test.sh runs first). The
 * fresh project depends on the tarball and on the peers cdktn and constructs, and npm installs them for real:
 * `npm ci --offline` inside `unshare -n` (no network: every tarball comes from npm's cache, which this repository's
 * own `npm ci` filled). An offline `npm install` cannot resolve version ranges (the cache holds tarballs, not the
 * registry metadata ranges need), so the project gets a lock file: the tarball (file:, with its integrity) and the
 * packages its dependencies and peers resolve to in this repository's package-lock.json, at the same versions and
 * integrities. kafkajs, an optional peer, is not installed. Install scripts are skipped (--ignore-scripts): the only
 * one, @alicloud/openapi-core's postinstall, installs an older TypeScript on Node 10 and 12 only. The example is the
 * first ```ts block of README.md's "Embedding the constructs" section, compiled with tsc through the package's
 * `exports` map (module node16) and through `typesVersions` (moduleResolution node).
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_METADATA, listFiles, ROOT, tmpDir, writeFile, writeJson } from '../helpers';

jest.setTimeout(120_000);

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The first ```ts block of the README section with this heading. */
function readmeExample(heading: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const section = readme.slice(start + 1).split(/\n## /)[0];
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error(`README.md section "${heading}" has no \`\`\`ts block`);
  return m[1];
}

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

interface LockEntry {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly [key: string]: unknown;
}

/**
 * A lock file for a project that depends on the tarball TGZ and on DEPS: the tarball's entry (file:, its integrity)
 * and every package its dependencies, its required peers and DEPS resolve to (node_modules lookup, nearest first)
 * in this repository's package-lock.json, transitively, without their dev flags.
 */
function lockFor(app: string, tgz: string, manifest: LockEntry & { version: string }, deps: Record<string, string>): Record<string, unknown> {
  const repo = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {};
  const resolve = (from: string, name: string): string | undefined => {
    for (let at = from; ; at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '') {
      const loc = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (repo.packages[loc]) return loc;
      if (!at) return undefined;
    }
  };
  const visit = (from: string, e: LockEntry): void => {
    const optionalPeer = (n: string): boolean => e.peerDependenciesMeta?.[n]?.optional === true;
    const wanted = [
      ...Object.keys(e.dependencies ?? {}).map((n) => [n, false] as const),
      ...Object.keys(e.optionalDependencies ?? {}).map((n) => [n, true] as const),
      ...Object.keys(e.peerDependencies ?? {})
        .filter((n) => !optionalPeer(n))
        .map((n) => [n, false] as const),
    ];
    for (const [name, optional] of wanted) {
      const loc = resolve(from, name);
      if (!loc) {
        if (optional) continue;
        throw new Error(`${name} (needed by ${from || 'the project'}) is not in package-lock.json`);
      }
      if (packages[loc]) continue;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { dev, devOptional, peer, ...entry } = repo.packages[loc];
      packages[loc] = entry;
      visit(loc, repo.packages[loc]);
    }
  };
  visit('', { ...manifest, dependencies: { ...manifest.dependencies, ...deps } });
  const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}`;
  const own: Record<string, unknown> = { version: manifest.version, resolved: `file:${path.relative(app, tgz)}`, integrity };
  for (const k of ['license', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines'])
    if (manifest[k] !== undefined) own[k] = manifest[k];
  const dependencies = { 'alikafka-migrate': `file:${path.relative(app, tgz)}`, ...deps };
  return {
    name: 'embedder',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'embedder', version: '1.0.0', dependencies }, 'node_modules/alikafka-migrate': own, ...packages },
  };
}

describe('the packed package, installed in a fresh project', () => {
  const tmp = tmpDir('packed');
  const app = path.join(tmp, 'app');
  const installed = path.join(app, 'node_modules', 'alikafka-migrate');
  let manifest: Record<string, unknown> = {};

  beforeAll(() => {
    // dist/ must be what lib/ compiles to
    const stale = listFiles(path.join(ROOT, 'lib'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => {
        const js = path.join(ROOT, 'dist', 'lib', f.replace(/\.ts$/, '.js'));
        return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(ROOT, 'lib', f)).mtimeMs;
      });
    if (stale.length > 0) throw new Error(`dist/ is older than lib/ (${stale.slice(0, 3).join(', ')}...): run npm run build first`);
    // and holds no build of a source file since deleted (npm pack would ship it)
    const orphans = listFiles(path.join(ROOT, 'dist', 'lib'))
      .filter((f) => f.endsWith('.js'))
      .filter((f) => !fs.existsSync(path.join(ROOT, 'lib', f.replace(/\.js$/, '.ts'))));
    if (orphans.length > 0) throw new Error(`dist/lib/ has builds of deleted sources (${orphans.slice(0, 3).join(', ')}): rm -rf dist && npm run build`);

    const packed = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], ROOT);
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.out}`);
    const tgz = path.join(tmp, packed.out.trim().split('\n').pop() ?? '');
    const packedManifest = JSON.parse(run('tar', ['-xzOf', tgz, 'package/package.json'], tmp).out) as LockEntry & { version: string };
    // the peers at the versions this repository tests with (inside their ranges)
    const peers = { cdktn: '0.24.0', constructs: '10.7.2' };
    fs.mkdirSync(app, { recursive: true });
    const lock = lockFor(app, tgz, packedManifest, peers);
    writeJson(app, 'package.json', {
      name: 'embedder',
      version: '1.0.0',
      private: true,
      dependencies: (lock.packages as Record<string, LockEntry>)[''].dependencies,
    });
    writeFile(app, 'package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    const install = run('unshare', ['-n', 'npm', 'ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app);
    if (install.status !== 0) throw new Error(`npm ci --offline of the packed tarball failed:\n${install.out}`);
    manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFile(app, 'main.ts', readmeExample('Embedding the constructs'));
    writeFile(app, 'deep.ts', "import { KafkaInstance } from 'alikafka-migrate/dist/lib/constructs';\nexport const k = KafkaInstance;\n");
  });

  test("the tarball: cdktn and constructs (inside cdktn's range) as peers, kafkajs an optional peer, no cdktf, an exports map, only the library build", () => {
    expect(manifest.peerDependencies).toEqual({ cdktn: '^0.24.0', constructs: '>=10.6.0 <10.8.0', kafkajs: '^2.2.4' });
    expect(manifest.peerDependenciesMeta).toEqual({ kafkajs: { optional: true } });
    const deps = Object.keys((manifest.dependencies ?? {}) as Record<string, string>);
    expect(deps.filter((d) => /^(cdktf|cdktn|constructs|kafkajs)$/.test(d))).toEqual([]);
    expect(Object.keys(manifest.exports as Record<string, unknown>)).toEqual(
      expect.arrayContaining(['.', './constructs', './plan', './model', './mirror', './clients']),
    );
    const files = listFiles(installed);
    expect(files.filter((f) => /^dist\/(tools|examples|scripts|bench|test)\//.test(f))).toEqual([]);
    expect(files).toContain('dist/lib/constructs/index.d.ts');
  });

  test('no module of the library loads kafkajs, except the one the kafkajs helpers load it through', () => {
    const loadsKafkajs = listFiles(path.join(installed, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /(?:require|\))\(\s*['"]kafkajs(?:\/[^'"]*)?['"]\s*\)/.test(fs.readFileSync(path.join(installed, 'dist', f), 'utf8')));
    expect(loadsKafkajs).toEqual(['lib/clients/kafkajs-module.js']);
  });

  test('the README example compiles through the exports map (module node16); a deep dist/ import does not', () => {
    const r = run(
      process.execPath,
      [TSC, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', 'main.ts', 'deep.ts'],
      app,
    );
    const errorFiles = [...new Set([...r.out.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map((m) => m[1]))];
    expect([errorFiles, r.out]).toEqual([['deep.ts'], expect.stringContaining("Cannot find module 'alikafka-migrate/dist/lib/constructs'")]);
  });

  test('the README example compiles with moduleResolution node (typesVersions) too', () => {
    const r = run(
      process.execPath,
      [TSC, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', 'main.ts'],
      app,
    );
    expect([r.status, r.out]).toEqual([0, '']);
  });

  test('the installed entry points load; the library entry has no CLI main', () => {
    const script =
      "const c = require('alikafka-migrate/constructs'); const root = require('alikafka-migrate');" +
      "console.log(JSON.stringify([typeof c.KafkaInstance, typeof c.AlicloudProvider, typeof require('alikafka-migrate/plan').planMigration, typeof root.main, root.KafkaInstance === c.KafkaInstance]))";
    const r = run(process.execPath, ['-e', script], app);
    expect([r.status, r.out.trim()]).toEqual([0, JSON.stringify(['function', 'function', 'function', 'undefined', true])]);
  });
  test('kafkajs (an optional peer) is not installed: ./clients loads, and its kafkajs helpers say to install it', () => {
    const script =
      "let hidden = 'installed'; try { require.resolve('kafkajs'); } catch (e) { hidden = e.code; }" +
      "const c = require('alikafka-migrate/clients'); let e = 'no error'; try { c.createKafka({ kafka: { brokers: ['a:9092'] } }); } catch (x) { e = x.kind + ': ' + x.message; }" +
      'console.log(JSON.stringify([hidden, typeof c.createStickyPartitioner, typeof c.buildClientConfig, e]))';
    const r = run(process.execPath, ['-e', script], app);
    expect([r.status, JSON.parse(r.out.trim() || 'null')]).toEqual([
      0,
      ['MODULE_NOT_FOUND', 'function', 'function', expect.stringMatching(/^usage: createKafka needs kafkajs, which is not installed: install kafkajs/)],
    ]);
  });

  test("the installed CLI synthesizes the bundled example (the package's bin, its dependencies as npm installed them)", () => {
    const out = path.join(tmp, 'synth');
    const r = run(
      path.join(app, 'node_modules', '.bin', 'alikafka-migrate'),
      ['synth', '--metadata', EXAMPLE_METADATA, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--zone-id', 'cn-hangzhou-j', '--out', out],
      app,
    );
    expect([r.status, r.out]).toEqual([0, expect.stringContaining('migration-plan.json')]);
    const stack = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, unknown> };
    expect(Object.keys(stack.resource ?? {})).toEqual(expect.arrayContaining(['alicloud_alikafka_instance', 'alicloud_alikafka_topic']));
  });
});
