import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json');

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, {
    out: () => undefined,
    err: (t) => {
      err += t;
    },
    isTty: false,
  });
  return { code, err };
}

function providerBlock(out: string): Record<string, unknown> {
  const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8')) as {
    provider: { alicloud: Array<Record<string, unknown>> };
  };
  return tf.provider.alicloud[0];
}

describe('synth --account-type', () => {
  test.each(['Domestic', 'International'])("%s sets the provider block's account_type next to the region", async (accountType) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'akm-acct-'));
    const r = await run([
      'synth',
      '--metadata',
      EXAMPLE,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--zone-id',
      'cn-hangzhou-j',
      '--account-type',
      accountType,
      '--out',
      out,
    ]);
    expect(r).toEqual({ code: 0, err: '' });
    expect(providerBlock(out)).toEqual({ region: 'cn-hangzhou', account_type: accountType });
  });

  test('without it the provider block has no account_type', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'akm-acct-'));
    expect((await run(['synth', '--metadata', EXAMPLE, '--instance-id', 'alikafka_post-cn-x1', '--out', out])).code).toBe(0);
    expect(providerBlock(out)).toEqual({});
  });

  test('another value is a usage error (exit 2) naming the choices, and nothing is written', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'akm-acct-')), 'out');
    const r = await run([
      'synth',
      '--metadata',
      EXAMPLE,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--zone-id',
      'cn-hangzhou-j',
      '--account-type',
      'domestic',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--account-type.*domestic.*Domestic, International/s);
    expect(fs.existsSync(out)).toBe(false);
  });
});
