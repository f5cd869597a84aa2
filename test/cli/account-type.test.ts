import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_METADATA, exampleSynthArgs, runCli, tmpDir } from '../helpers';

function providerBlock(out: string): Record<string, unknown> {
  const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8')) as {
    provider: { alicloud: Array<Record<string, unknown>> };
  };
  return tf.provider.alicloud[0];
}

describe('synth --account-type', () => {
  test.each(['Domestic', 'International'])("%s sets the provider block's account_type next to the region", async (accountType) => {
    const out = tmpDir('acct');
    const r = await runCli(exampleSynthArgs(out, ['--account-type', accountType]));
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(providerBlock(out)).toEqual({ region: 'cn-hangzhou', account_type: accountType });
  });

  test('without it the provider block has no account_type', async () => {
    const out = tmpDir('acct');
    expect((await runCli(['synth', '--metadata', EXAMPLE_METADATA, '--instance-id', 'alikafka_post-cn-x1', '--out', out])).code).toBe(0);
    expect(providerBlock(out)).toEqual({});
  });

  test('another value is a usage error (exit 2) naming the choices, and nothing is written', async () => {
    const out = path.join(tmpDir('acct'), 'out');
    const r = await runCli(exampleSynthArgs(out, ['--account-type', 'domestic']));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--account-type.*domestic.*Domestic, International/s);
    expect(fs.existsSync(out)).toBe(false);
  });
});
