/**
 * The tier can fail: configurations the real provider rejects fail `terraform validate` (or plan), and the
 * provider's own message is what the test sees. Each case breaks one resource of the synthesized bundled example.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synth, tf, tfOk, toolchain, TfJson, ValidateJson, writeVarFile } from './tf';
import { EXAMPLE_METADATA, NEW_INSTANCE } from '../helpers';

jest.setTimeout(300_000);

const tc = toolchain();

type Mutate = (tfJson: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void;

const first = (r: Record<string, Record<string, unknown>>): Record<string, unknown> => r[Object.keys(r).sort()[0]];

const cases: Array<[string, Mutate, RegExp]> = [
  [
    "deploy_type outside the provider's IntInSlice (9)",
    (j) => {
      first(j.resource.alicloud_alikafka_instance).deploy_type = 9;
    },
    /expected deploy_type to be one of \[4 5\], got 9/,
  ],
  [
    'acl_operation_type outside the provider\'s StringInSlice ("Bogus")',
    (j) => {
      first(j.resource.alicloud_alikafka_sasl_acl).acl_operation_type = 'Bogus';
    },
    /expected acl_operation_type to be one of \[.*Write.*Read.*\], got Bogus/,
  ],
  [
    'a topic without its required remark',
    (j) => {
      delete first(j.resource.alicloud_alikafka_topic).remark;
    },
    /The argument "remark" is required, but no definition was found/,
  ],
  [
    'partition_num of the wrong type',
    (j) => {
      first(j.resource.alicloud_alikafka_topic).partition_num = 'many';
    },
    /Inappropriate value for attribute "partition_num": a number is required/,
  ],
];

describe.each([['terraform', tc.terraform], ...(tc.tofu ? [['tofu', tc.tofu]] : [])])('%s rejects what the provider rejects', (tool, bin) => {
  test.each(cases)('%s', async (_name, mutate, message) => {
    const s = await synth(['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE]);
    const file = path.join(s.stackDir, 'cdk.tf.json');
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as TfJson & { resource: Record<string, Record<string, Record<string, unknown>>> };
    mutate(j);
    fs.writeFileSync(file, JSON.stringify(j, null, 2));
    writeVarFile(s.stackDir, j);
    tfOk(bin, ['init', '-input=false', '-no-color', `-backend-config=path=${path.join(s.stackDir, 'state.tfstate')}`], s.stackDir);
    const v = tf(bin, ['validate', '-json', '-no-color'], s.stackDir);
    const json = JSON.parse(v.stdout) as ValidateJson;
    const text = json.diagnostics.map((d) => `${d.summary}: ${d.detail ?? ''}`).join('\n');
    expect(v.code).toBe(1);
    expect(json.valid).toBe(false);
    expect(json.error_count).toBe(1);
    expect(text).toMatch(message);
    // plan fails the same way (checked with terraform; with tofu validate is enough, to keep the tier short)
    if (tool !== 'terraform') return;
    const p = tf(bin, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false'], s.stackDir);
    expect(p.code).toBe(1);
    expect(p.stderr.replace(/\s+/g, ' ')).toMatch(new RegExp(message.source.replace(/ /g, '\\s+')));
  });
});
