/**
 * The embedder's view of the package (issue 22, "done when"): the README's embedding example compiles as written in
 * a fresh project that installs the packed tarball.
 *
 * `npm pack` packs the built package (dist/ must be current: `npm run build`, which scripts/test.sh runs first). The
 * fresh project gets the tarball unpacked into node_modules/alikafka-migrate, as `npm install <tarball>` puts it; its
 * dependencies and peers (cdktn, constructs) are this repository's node_modules, linked one by one, since a test
 * cannot reach the registry (the npm cache holds tarballs but not the metadata an offline install needs). The
 * example is the first ```ts block of README.md's "Embedding the constructs" section, compiled with tsc
 * through the package's `exports` map (module node16) and through `typesVersions` (moduleResolution node).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { listFiles, ROOT, tmpDir, writeFile, writeJson } from '../helpers';

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

    const packed = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], ROOT);
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.out}`);
    const tgz = path.join(tmp, packed.out.trim().split('\n').pop() ?? '');
    fs.mkdirSync(installed, { recursive: true });
    const untar = run('tar', ['-xzf', tgz, '-C', installed, '--strip-components=1'], tmp);
    if (untar.status !== 0) throw new Error(`tar failed:\n${untar.out}`);
    manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    // its dependencies and peers, from this repository's node_modules
    for (const e of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (e.startsWith('.') || e === 'alikafka-migrate') continue;
      fs.symlinkSync(path.join(ROOT, 'node_modules', e), path.join(app, 'node_modules', e));
    }
    writeJson(app, 'package.json', {
      name: 'embedder',
      version: '1.0.0',
      private: true,
      dependencies: { 'alikafka-migrate': `file:${tgz}`, cdktn: '0.24.0', constructs: '10.7.2' },
    });
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
});
