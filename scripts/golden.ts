/**
 * The golden files of the bundled example: what `alikafka-migrate synth` writes for
 * examples/kafka-metadata-export.json as a new single-zone instance in cn-hangzhou. `npm run golden:update`
 * rewrites them after a reviewed change; test/golden/golden.test.ts fails on any other difference.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadMetadataFile } from '../lib/model';
import { planMigration } from '../lib/plan';
import { synthesizeFiles } from '../lib/stack';

/** The repository root: this file runs from scripts/ (ts-jest) or dist/scripts/ (compiled). */
const ROOT = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'package.json'))) ?? process.cwd();

export const GOLDEN_DIR = path.join(ROOT, 'test', 'golden', 'bundled-example');
export const GOLDEN_FILES = ['stacks/alikafka-migration/cdk.tf.json', 'migration-report.md', 'migration-report.json'];

/** The files synth writes for the bundled example, by path relative to the output directory. */
export function bundledExampleFiles(): Map<string, string> {
  const meta = loadMetadataFile(path.join(ROOT, 'examples', 'kafka-metadata-export.json'));
  const plan = planMigration(meta, { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'] } });
  const files = synthesizeFiles(plan, 'alikafka-migration');
  return new Map(files.filter((f) => GOLDEN_FILES.includes(f.path)).map((f) => [f.path, f.content]));
}

if (require.main === module) {
  for (const [rel, content] of bundledExampleFiles()) {
    const dest = path.join(GOLDEN_DIR, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content, 'utf8');
    process.stdout.write(`wrote ${path.relative(process.cwd(), dest)}\n`);
  }
}
