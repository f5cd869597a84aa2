import * as fs from 'fs';
import * as path from 'path';
import { MIRROR_GOLDEN_DIR, MIRROR_GOLDEN_FILES, mirrorGoldenFiles } from '../../scripts/golden-mirror';

const ALL = (['dedicated', 'connect'] as const).flatMap((mode) => MIRROR_GOLDEN_FILES[mode].map((rel) => `${mode}/${rel}`));

describe('golden files of mirror --plan for the bundled example', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = await mirrorGoldenFiles();
  });

  test.each(ALL)('%s is byte-identical to the reviewed golden file (npm run golden:update rewrites it)', (rel) => {
    const golden = fs.readFileSync(path.join(MIRROR_GOLDEN_DIR, rel), 'utf8');
    const now = files.get(rel);
    if (now !== golden) throw new Error(`${rel} differs from test/golden/mirror/${rel}; review the change, then run \`npm run golden:update\``);
    expect(now).toBe(golden);
  });
});
