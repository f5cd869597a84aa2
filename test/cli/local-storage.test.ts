import * as fs from 'fs';
import * as path from 'path';
import { runCli, tmpDir } from '../helpers';

describe('synth --local-storage GLOB', () => {
  const dir = tmpDir('local');
  const meta = path.join(dir, 'meta.json');
  fs.writeFileSync(
    meta,
    JSON.stringify({
      formatVersion: 1,
      source: { kind: 'manual' },
      topics: [
        { name: 'ledger.eu', partitions: 12 },
        { name: 'clicks', partitions: 12 },
      ],
    }),
  );

  test('is in synth --help', async () => {
    const r = await runCli(['synth', '--help']);
    expect((r.out + r.err).replace(/\s+/g, ' ')).toMatch(/--local-storage <glob> put matching non-compacted topics on local storage/);
  });

  test('puts the matching topic on local storage and says why in the report', async () => {
    const out = path.join(dir, 'out');
    const r = await runCli([
      'synth',
      '--metadata',
      meta,
      '--instance-id',
      'alikafka_post-cn-b',
      '--spec-type',
      'professional',
      '--local-storage',
      'ledger.*',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const report = fs.readFileSync(path.join(out, 'migration-report.md'), 'utf8');
    expect(report).toMatch(/ledger\.eu.*matches the local-storage pattern "ledger\.\*": on local storage as asked/);
    const stack = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8')) as {
      resource: { alicloud_alikafka_topic: Record<string, { topic: string; local_topic?: boolean }> };
    };
    const topics = Object.values(stack.resource.alicloud_alikafka_topic);
    expect(topics.find((t) => t.topic === 'ledger.eu')?.local_topic).toBe(true);
    expect(topics.find((t) => t.topic === 'clicks')?.local_topic).toBe(false);
  });

  test('on an edition without local storage: a usage error naming --local-storage and the topic, nothing written', async () => {
    const out = path.join(dir, 'refused');
    const r = await runCli([
      'synth',
      '--metadata',
      meta,
      '--instance-id',
      'alikafka_post-cn-b',
      '--spec-type',
      'normal',
      '--local-storage',
      'ledger.*',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--local-storage: topic ledger\.eu needs local storage \(a local-storage pattern matches it\), which edition normal does not offer/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
