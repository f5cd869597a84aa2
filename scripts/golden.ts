/**
 * The golden files of the bundled example: what `alikafka-migrate synth` writes for
 * examples/kafka-metadata-export.json as a new single-zone instance in cn-hangzhou. `npm run golden:update`
 * rewrites them after a reviewed change; test/golden/golden.test.ts fails on any other difference.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { runSynth } from '../lib/cli/synth';
import { renderingFiles } from './golden-renderings';
import { writeMirrorGoldenFiles } from './golden-mirror';

/** The repository root: this file runs from scripts/ (ts-jest) or dist/scripts/ (compiled). */
const ROOT = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'package.json'))) ?? process.cwd();

export const GOLDEN_DIR = path.join(ROOT, 'test', 'golden', 'bundled-example');
export const RENDERINGS_DIR = path.join(ROOT, 'test', 'golden', 'renderings');

/** The renderings that need no cluster (client configs, cutover, verify), by path relative to RENDERINGS_DIR. */
export function goldenRenderings(): Map<string, string> {
  return renderingFiles(ROOT);
}
export const GOLDEN_FILES = [
  'stacks/alikafka-migration/cdk.tf.json',
  'stacks/alikafka-migration/migration-plan.json',
  'migration-report.md',
  'migration-report.json',
];

/** The files synth writes for the bundled example, by path relative to the output directory (synth's own code path). */
export function bundledExampleFiles(): Map<string, string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-migrate-golden-'));
  try {
    const quiet = { out: (): void => undefined, err: (): void => undefined, isTty: false };
    runSynth(
      {
        metadata: path.join(ROOT, 'examples', 'kafka-metadata-export.json'),
        out,
        stack: 'alikafka-migration',
        region: 'cn-hangzhou',
        zoneId: ['cn-hangzhou-k', 'cn-hangzhou-j'],
      },
      quiet,
    );
    return new Map(GOLDEN_FILES.map((rel) => [rel, fs.readFileSync(path.join(out, rel), 'utf8')]));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const [rel, content] of bundledExampleFiles()) {
    const dest = path.join(GOLDEN_DIR, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content, 'utf8');
    process.stdout.write(`wrote ${path.relative(process.cwd(), dest)}\n`);
  }
  for (const [rel, content] of goldenRenderings()) {
    const dest = path.join(RENDERINGS_DIR, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content, 'utf8');
    process.stdout.write(`wrote ${path.relative(process.cwd(), dest)}\n`);
  }
  // mirror's own golden files (scripts/golden-mirror.ts)
  writeMirrorGoldenFiles().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
