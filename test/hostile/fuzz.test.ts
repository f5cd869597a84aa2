/**
 * Issue 19 item 8: property tests (fast-check, seeded, bounded) over the metadata, rename maps and plan JSON.
 * Arbitrary Unicode, biased towards Terraform's template syntax and line breaks, in every string field never
 * yields an interpolation Terraform would evaluate, and never a stack trace: the command succeeds, or refuses with
 * one `error:` message, exit 1 or 2, and nothing written. FUZZ_RUNS raises the number of samples.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { hasTerraformTemplate } from '../../lib/util/escape';
import { evaluatedStrings, hostileMetadata } from './samples';
import { ONE_ZONE, runCli, tmpDir } from '../helpers';

const SEED = 1919;
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Any code point, with Terraform's and cdktn's syntax, line breaks and controls coming often. */
const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom('${', '%{', '$${', '}', '~}', '\n', '\r', '\u2028', '\\', '"', '\u0000', '\u202e', 'TfToken[', '#', '=') },
  ),
  minLength: 1,
  maxLength: 16,
});

function expectClean(r: { code: number; err: string }, out: string): void {
  if (r.code === 0) return;
  expect([1, 2]).toContain(r.code);
  expect(r.err).toMatch(/^error: /);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(out)).toBe(false);
}

test('metadata, flags and a rename map with arbitrary text: no evaluated interpolation, no stack trace', async () => {
  const samples = fc.sample(fc.tuple(hostileText, hostileText), { seed: SEED, numRuns: RUNS });
  let synthesized = 0;
  for (const [s, t] of samples) {
    const dir = tmpDir('fuzz');
    const meta = path.join(dir, 'metadata.json');
    fs.writeFileSync(meta, JSON.stringify(hostileMetadata(s)));
    const renames = path.join(dir, 'renames.json');
    fs.writeFileSync(renames, JSON.stringify({ topics: { orders: `o${t}` }, groups: { billing: `b${t}` } }));
    const out = path.join(dir, 'out');
    const args = ['synth', '--metadata', meta, ...ONE_ZONE, '--out', out];
    const flags = ['--instance-name', `i${t}`.slice(0, 60), '--tag', `k${t}=v${s}`];
    // with the rename map (often refused: target names must follow AliKafka's rules), and without it
    for (const extra of [['--rename-map', renames, ...flags], flags]) {
      fs.rmSync(out, { recursive: true, force: true });
      const r = await runCli([...args, ...extra]);
      expectClean(r, out);
      if (r.code !== 0) continue;
      synthesized++;
      const tfJson = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8')) as unknown;
      expect({ s, t, evaluated: evaluatedStrings(tfJson, hasTerraformTemplate) }).toEqual({ s, t, evaluated: [] });
    }
  }
  expect(synthesized).toBeGreaterThan(0);
});

test('plan JSON with arbitrary text in addresses, types, reasons and versions: a summary or one clear error', async () => {
  const samples = fc.sample(fc.tuple(hostileText, hostileText, fc.constantFrom('create', 'delete', 'update', 'no-op', 'bogus')), {
    seed: SEED,
    numRuns: RUNS * 4,
  });
  for (const [s, t, action] of samples) {
    const dir = tmpDir('fuzz');
    const file = path.join(dir, 'plan.json');
    const doc = {
      format_version: '1.2',
      terraform_version: `1.11${t}`,
      resource_changes: [
        {
          address: `alicloud_alikafka_topic.${s}`,
          mode: 'managed',
          type: `alicloud_${t}`,
          name: s,
          action_reason: t,
          change: { actions: [action], before: action === 'create' ? null : { x: s }, after: action === 'delete' ? null : { x: t } },
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['plan-summary', file]);
    expectClean(r, path.join(dir, 'none'));
    if (r.code === 0) {
      // eslint-disable-next-line no-control-regex
      expect({ s, t, raw: /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.exec(r.out)?.[0] }).toEqual({
        s,
        t,
        raw: undefined,
      });
      // outside code spans, no tag from the data opens
      expect(r.out.replace(/``.*?``|`[^`\n]*`/g, '')).not.toMatch(/<(?!details>|summary>|\/details>|\/summary>|sub>|\/sub>)[A-Za-z/!?]/);
    }
  }
});
