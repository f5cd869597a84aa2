// All or nothing on disk, for the tool's own files only (issue 19 item 4): a failed synth leaves the previous
// outputs as they were; a later run removes the files an earlier run of the same command wrote and no longer
// writes, reports files it did not write and never touches Terraform's files.
import * as fs from 'fs';
import * as path from 'path';
import { ONE_ZONE, runCli, tmpDir } from '../helpers';

let dir: string;
beforeAll(() => {
  dir = tmpDir('output-set');
});

function metadata(file: string, topics: string[], groups: string[] = []): string {
  const p = path.join(dir, file);
  fs.writeFileSync(
    p,
    JSON.stringify({
      formatVersion: 1,
      source: { kind: 'zookeeper', clusterId: 'c1', kafkaVersion: '3.7.1', collectedAt: '2026-11-20T09:30:00Z' },
      brokers: [{ id: 1, host: '10.0.0.1', port: 9092 }],
      topics: topics.map((name) => ({ name, partitions: 3, replicationFactor: 3 })),
      consumerGroups: groups.map((groupId) => ({ groupId, offsets: [{ topic: topics[0], partition: 0, offset: 5 }] })),
    }),
  );
  return p;
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

test('a synth that fails on its last file leaves every earlier output as it was', async () => {
  const out = path.join(dir, 'synth-fail');
  expect((await runCli(['synth', '--metadata', metadata('v1.json', ['orders']), ...ONE_ZONE, '--out', out])).code).toBe(0);
  // the plan file, written last, cannot be replaced: a directory holds its place
  const planFile = path.join(out, 'stacks', 'alikafka-migration', 'migration-plan.json');
  fs.rmSync(planFile);
  fs.mkdirSync(planFile);
  fs.writeFileSync(path.join(planFile, 'keep'), 'x');
  const before = snapshot(out);
  const r = await runCli(['synth', '--metadata', metadata('v2.json', ['orders', 'payments']), ...ONE_ZONE, '--out', out]);
  expect(r.code).toBe(1);
  expect(r.err).toContain('migration-plan.json');
  expect(snapshot(out)).toEqual(before);
});

test("mirror: a Connect run removes the dedicated run's files, keeps files it did not write and says so", async () => {
  const out = path.join(dir, 'mirror');
  const meta = metadata('m.json', ['orders']);
  const planOf = async (mode: string, flags: string[]): Promise<string> => {
    const synthOut = path.join(dir, `plan-${mode}`);
    expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, ...flags, '--mirror', mode, '--out', synthOut])).code).toBe(0);
    return path.join(synthOut, 'stacks', 'alikafka-migration', 'migration-plan.json');
  };
  const mirror = async (plan: string): Promise<Awaited<ReturnType<typeof runCli>>> =>
    runCli(['mirror', '--plan', plan, '--target-bootstrap', '127.0.0.1:9093', '--out', out]);
  expect((await mirror(await planOf('dedicated', ['--spec-type', 'professional']))).code).toBe(0);
  expect(fs.existsSync(path.join(out, 'mm2.properties'))).toBe(true);
  fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
  fs.writeFileSync(path.join(out, 'terraform.tfstate'), '{}');
  const r = await mirror(await planOf('connect', []));
  expect(r.code).toBe(0);
  expect(fs.existsSync(path.join(out, 'mm2.properties'))).toBe(false);
  expect(r.err).toContain(`removed ${path.join(out, 'mm2.properties')} (written by an earlier run, no longer part of the output)`);
  expect(r.err).toContain(`note: ${path.join(out, 'notes.txt')} was not written by alikafka-migrate; left as it is`);
  expect(r.err).not.toContain('terraform.tfstate');
  expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  expect(fs.readFileSync(path.join(out, 'terraform.tfstate'), 'utf8')).toBe('{}');
  expect(fs.existsSync(path.join(out, 'connectors', 'alikafka-migrate-source.json'))).toBe(true);
});

test("synth of a second stack into the same --out keeps the first stack's files and Terraform state", async () => {
  const out = path.join(dir, 'two-stacks');
  const meta = metadata('s.json', ['orders']);
  expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', out, '--stack', 'a'])).code).toBe(0);
  const state = path.join(out, 'stacks', 'a', 'terraform.a.tfstate');
  fs.writeFileSync(state, '{"serial": 1}');
  fs.mkdirSync(path.join(out, 'stacks', 'a', '.terraform'));
  expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', out, '--stack', 'b'])).code).toBe(0);
  expect((await runCli(['synth', '--metadata', meta, ...ONE_ZONE, '--out', out, '--stack', 'a'])).code).toBe(0);
  expect(fs.existsSync(path.join(out, 'stacks', 'a', 'cdk.tf.json'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'stacks', 'b', 'cdk.tf.json'))).toBe(true);
  expect(fs.readFileSync(state, 'utf8')).toBe('{"serial": 1}');
  expect(fs.existsSync(path.join(out, 'stacks', 'a', '.terraform'))).toBe(true);
});
