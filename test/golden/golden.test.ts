import * as fs from 'fs';
import * as path from 'path';
import { bundledExampleFiles, GOLDEN_FILES } from '../../scripts/golden';

const DIR = path.join(__dirname, 'bundled-example');

describe('golden files of the bundled example', () => {
  const files = bundledExampleFiles();
  test.each(GOLDEN_FILES)('%s is byte-identical to the reviewed golden file (npm run golden:update rewrites it)', (rel) => {
    const golden = fs.readFileSync(path.join(DIR, rel), 'utf8');
    const now = files.get(rel);
    if (now !== golden) {
      throw new Error(`${rel} differs from test/golden/bundled-example/${rel}; review the change, then run \`npm run golden:update\``);
    }
    expect(now).toBe(golden);
  });
});
