/**
 * Progress of `verify` and `cutover` on stderr when stderr is not a terminal: plain lines (no carriage return, no
 * escape sequence), with what is done of the total and the time left, and nothing of it on stdout, so `--json`
 * stays one JSON document. The rig's ZooKeeper-mode broker is the source, the KRaft broker the target, with the
 * same records written to both. The interval between lines is the io's (0 here: every step prints).
 */
import * as fs from 'fs';
import * as path from 'path';
import { captureIo } from '../helpers/cli';
import { synthPlanFile } from '../helpers/plan-file';
import { describeWithRig, kafkaClient, runCli, tmpDir, unique, withAdmin } from './rig';

jest.setTimeout(120_000);

describeWithRig('progress lines of verify and cutover off a terminal', (env) => {
  const p = unique('progress');
  const topic = `${p}.data`;
  const dir = tmpDir('progress');
  let plan: string;
  const RECORDS = 4000;

  beforeAll(async () => {
    const value = 'x'.repeat(2000);
    for (const bootstrap of [env.kafkaZk, env.kafkaKraft]) {
      const k = kafkaClient(bootstrap);
      await withAdmin(k, (a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 4, replicationFactor: 1 }] }));
      const producer = k.producer();
      await producer.connect();
      for (let b = 0; b < RECORDS; b += 500)
        await producer.send({
          topic,
          messages: Array.from({ length: 500 }, (_, i) => ({ key: `k${(b + i) % 97}`, value, partition: (b + i) % 4 })),
        });
      await producer.disconnect();
    }
    const metadata = path.join(dir, 'metadata.json');
    fs.writeFileSync(
      metadata,
      JSON.stringify({
        formatVersion: 1,
        source: { kind: 'kafka-admin', endpoint: env.kafkaZk, collectedAt: '2026-12-01T00:00:00Z' },
        topics: [{ name: topic, partitions: 4, replicationFactor: 1 }],
        consumerGroups: [],
      }),
    );
    plan = synthPlanFile(path.join(dir, 'synth'), { metadata, instanceId: 'alikafka_post-cn-it' });
  });

  const clusters = (): string[] => ['--source-bootstrap', env.kafkaZk, '--target-bootstrap', env.kafkaKraft];

  test('verify: plain lines of records read of the total on stderr, ending at 100%; stdout is the JSON result alone', async () => {
    const io = { ...captureIo(), progressEveryMs: 0 };
    const r = await runCli(['verify', '--plan', plan, ...clusters(), '--json'], io);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { ok: boolean; messagesCompared: number }).messagesCompared).toBe(RECORDS);
    const lines = r.err.trimEnd().split('\n');
    expect(r.err.includes('\r') || r.err.includes('\u001b')).toBe(false);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^verify: [\d,]+ of 8,000 records \(\d+%\)(, .+)?$/);
    expect(lines[lines.length - 1]).toMatch(/^verify: 8,000 of 8,000 records \(100%\)/);
  });

  test('cutover: plain lines of the sampling window, with the time left of it, and none on stdout', async () => {
    const io = { ...captureIo(), progressEveryMs: 0 };
    const r = await runCli(['cutover', '--plan', plan, ...clusters(), '--stable-seconds', '2', '--json'], io);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.out)).not.toThrow();
    const lines = r.err.trimEnd().split('\n');
    expect(r.err.includes('\r') || r.err.includes('\u001b')).toBe(false);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^cutover: \d of 3 samples \(\d+%\), \d s left$/);
    expect(lines[lines.length - 1]).toBe('cutover: 3 of 3 samples (100%), 0 s left');
  });
});
