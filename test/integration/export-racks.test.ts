/**
 * Broker racks in every export mode: the rig's ZooKeeper-mode cluster (broker 0, rack-a) gets a second broker
 * (broker 1, rack-b) for this file only, so the source spans two racks. Admin mode (the only export for a KRaft
 * source) must give the evaluation the same brokers, racks included, as ZooKeeper mode.
 */
import * as path from 'path';
import { kafkaClient, describeWithRig, readJson, runCli, tmpDir, waitFor, withAdmin } from './rig';
import { kafka39Lib, PlainBroker, startZkBroker } from './mirror-procs';
import type { ClusterMetadata } from '../../lib/model';

jest.setTimeout(240_000);

describeWithRig('export: broker racks from the Admin API and from ZooKeeper (a source over two racks)', (env) => {
  const dir = tmpDir('racks');
  let second: PlainBroker | undefined;

  beforeAll(async () => {
    second = await startZkBroker(kafka39Lib(env.classpath), env.zookeeper, env.kafkaZkChroot, path.join(dir, 'broker-1'), { brokerId: 1, rack: 'rack-b' });
    await waitFor(
      'broker 1 in the metadata of the rig broker',
      async () => (await withAdmin(kafkaClient(env.kafkaZk), (a) => a.describeCluster())).brokers.length === 2,
      60_000,
    );
  });

  afterAll(async () => {
    await second?.stop();
  });

  test('Admin mode and ZooKeeper mode export the same two brokers with their racks, and the evaluation keeps zone redundancy', async () => {
    const admin = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'admin.json']);
    expect(admin.code).toBe(0);
    const zk = await runCli(['export', '--zookeeper', `${env.zookeeper}${env.kafkaZkChroot}`, '--target-directory', dir, '--file-name', 'zk.json']);
    expect(zk.code).toBe(0);
    const brokers = (file: string) =>
      ((readJson(path.join(dir, file)) as ClusterMetadata).brokers ?? []).map((b) => ({ id: b.id, host: b.host, port: b.port, rack: b.rack }));
    const [host, port] = env.kafkaZk.split(':');
    const secondPort = Number((second as PlainBroker).bootstrap.split(':')[1]);
    expect(brokers('admin.json')).toEqual([
      { id: 0, host, port: Number(port), rack: 'rack-a' },
      { id: 1, host: '127.0.0.1', port: secondPort, rack: 'rack-b' },
    ]);
    expect(brokers('zk.json')).toEqual(brokers('admin.json'));

    for (const file of ['admin.json', 'zk.json']) {
      const e = await runCli(['evaluate', '--metadata', path.join(dir, file), '--json']);
      const inputs = (JSON.parse(e.out) as { inputs: Array<{ name: string; value: string; origin: string; detail: string }> }).inputs;
      expect(inputs.find((i) => i.name === 'multi-zone')).toMatchObject({
        value: 'yes',
        origin: 'metadata',
        detail: expect.stringContaining('2 racks (rack-a, rack-b)'),
      });
    }
  });
});
