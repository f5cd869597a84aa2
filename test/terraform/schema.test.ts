/**
 * The checked-in schema (the input of `npm run gen:bindings`) is the installed provider's own
 * `terraform providers schema -json`, filtered by scripts/provider-schema.js: byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synth, tfOk, toolchain, writeVarFile } from './tf';
import { EXAMPLE_METADATA, ROOT } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script
const { filterSchema, render } = require('../../scripts/provider-schema.js') as { filterSchema: (s: unknown) => unknown; render: (s: unknown) => string };

jest.setTimeout(300_000);

test('schema/alicloud-provider-schema.v1.289.0.json is `terraform providers schema -json` of the provider binary, filtered', async () => {
  const tc = toolchain();
  const s = await synth(['--metadata', EXAMPLE_METADATA, '--instance-id', 'alikafka_post-cn-x1']);
  writeVarFile(s.stackDir, s.tfJson);
  tfOk(tc.terraform, ['init', '-input=false', '-no-color', `-backend-config=path=${path.join(s.stackDir, 'state.tfstate')}`], s.stackDir);
  const full = JSON.parse(tfOk(tc.terraform, ['providers', 'schema', '-json'], s.stackDir).stdout) as unknown;
  const checkedIn = fs.readFileSync(path.join(ROOT, 'schema', 'alicloud-provider-schema.v1.289.0.json'), 'utf8');
  const fresh = render(filterSchema(full));
  // compare as a boolean first so that a mismatch does not print a 10,000-line diff
  if (fresh !== checkedIn) {
    throw new Error(
      "schema/alicloud-provider-schema.v1.289.0.json differs from the provider binary's schema: regenerate it " +
        '(terraform providers schema -json | node scripts/provider-schema.js > schema/alicloud-provider-schema.v1.289.0.json; npm run gen:bindings)',
    );
  }
  expect(fresh).toBe(checkedIn);
});
