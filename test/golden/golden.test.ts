import * as fs from 'fs';
import * as path from 'path';
import { bundledExampleFiles, GOLDEN_FILES, goldenRenderings } from '../../scripts/golden';

const DIR = path.join(__dirname, 'bundled-example');
const RENDERINGS = path.join(__dirname, 'renderings');

function expectSame(dir: string, rel: string, now: string | undefined): void {
  const golden = fs.readFileSync(path.join(dir, rel), 'utf8');
  if (now !== golden) {
    throw new Error(`${rel} differs from ${path.relative(path.join(__dirname, '..', '..'), path.join(dir, rel))}; review the change, then run \`npm run golden:update\``);
  }
  expect(now).toBe(golden);
}

describe('golden files of the bundled example', () => {
  const files = bundledExampleFiles();
  test.each(GOLDEN_FILES)('%s is byte-identical to the reviewed golden file (npm run golden:update rewrites it)', (rel) => {
    expectSame(DIR, rel, files.get(rel));
  });
});

describe('golden renderings: client configs in each format, cutover and verify (fixed inputs, no cluster)', () => {
  const files = goldenRenderings();
  const expected = [
    'client-config/consumer.kafkajs.json',
    'client-config/consumer.librdkafka.conf',
    'client-config/consumer.properties',
    'client-config/producer.properties',
    'cutover/verdicts.txt',
    'verify/differences.txt',
    'verify/ok.txt',
  ];

  test('every rendering has a golden file and every golden file a rendering', () => {
    const onDisk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? onDisk(path.join(d, e.name)) : [path.relative(RENDERINGS, path.join(d, e.name))]));
    expect([...files.keys()].sort()).toEqual(expected);
    expect(onDisk(RENDERINGS).sort()).toEqual(expected);
  });

  test.each(expected)('%s is byte-identical to the reviewed golden file (npm run golden:update rewrites it)', (rel) => {
    expectSame(RENDERINGS, rel, files.get(rel));
  });
});
