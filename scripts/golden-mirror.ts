/**
 * The golden files of `mirror` for the bundled example: what `synth --mirror dedicated|connect` and then
 * `mirror --plan` write for examples/kafka-metadata-export.json as a new single-zone Professional instance in
 * cn-hangzhou, with a fixed target endpoint (the source's brokers come from the plan file). `npm run golden:update`
 * rewrites them (scripts/golden.ts calls this module); test/golden/mirror.test.ts fails on any other difference.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMirror } from '../lib/cli/mirror';
import { runSynth } from '../lib/cli/synth';
import { PLAN_FILE_NAME } from '../lib/plan';

/** The repository root: this file runs from scripts/ (ts-jest) or dist/scripts/ (compiled). */
const ROOT = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'package.json'))) ?? process.cwd();

export const MIRROR_GOLDEN_DIR = path.join(ROOT, 'test', 'golden', 'mirror');

/** Per mode, the files of `mirror` that are golden (relative to its --out). */
export const MIRROR_GOLDEN_FILES: Readonly<Record<'dedicated' | 'connect', readonly string[]>> = {
  dedicated: ['mm2.properties', 'mirror-report.md', 'mirror-report.json'],
  connect: [
    'connect-worker.properties',
    'connectors/alikafka-migrate-source.json',
    'connectors/alikafka-migrate-checkpoint.json',
    'connectors/alikafka-migrate-heartbeat.json',
    'mirror-report.md',
    'mirror-report.json',
  ],
};

/** The golden paths (`<mode>/<file>`) and their contents, made through synth's and mirror's own code paths. */
export async function mirrorGoldenFiles(): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-migrate-golden-mirror-'));
  const quiet = { out: (): void => undefined, err: (): void => undefined, isTty: false };
  const files = new Map<string, string>();
  try {
    for (const mode of ['dedicated', 'connect'] as const) {
      const synthOut = path.join(dir, `synth-${mode}`);
      runSynth(
        {
          metadata: path.join(ROOT, 'examples', 'kafka-metadata-export.json'),
          out: synthOut,
          stack: 'alikafka-migration',
          region: 'cn-hangzhou',
          zoneId: ['cn-hangzhou-k', 'cn-hangzhou-j'],
          specType: 'professional',
          mirror: mode,
        },
        quiet,
      );
      const out = path.join(dir, `mirror-${mode}`);
      await runMirror(
        {
          plan: path.join(synthOut, 'stacks', 'alikafka-migration', PLAN_FILE_NAME),
          targetBootstrap: 'alikafka-post-cn-golden-1-vpc.alikafka.aliyuncs.com:9092',
          offsetsFrom: 'source',
          out,
        },
        quiet,
      );
      for (const rel of MIRROR_GOLDEN_FILES[mode]) files.set(`${mode}/${rel}`, fs.readFileSync(path.join(out, rel), 'utf8'));
    }
    return files;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the golden files (npm run golden:update). */
export async function writeMirrorGoldenFiles(): Promise<void> {
  for (const [rel, content] of await mirrorGoldenFiles()) {
    const dest = path.join(MIRROR_GOLDEN_DIR, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content, 'utf8');
    process.stdout.write(`wrote ${path.relative(process.cwd(), dest)}\n`);
  }
}
