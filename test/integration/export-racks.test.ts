/**
 * Broker racks in every export mode: a source over two racks. The file starts its own two-broker cluster
 * (broker 0 on rack-a, broker 1 on rack-b) under a chroot of its own on the rig's ZooKeeper, so the shared rig
 * cluster the other files use is never changed (a broker joining it could take over as controller when the rig
 * broker's session lapses on a loaded machine). Admin mode (the only export for a KRaft source) must give the
 * evaluation the same brokers, racks included, as ZooKeeper mode.
 */
import * as path from 'path';
import { kafkaClient, describeWithRig, readJson, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';
import { kafka39Lib, PlainBroker, startZkBroker } from './mirror-procs';
import type { ClusterMetadata } from '../../lib/model';

jest.setTimeout(300_000);

describeWithRig('export: broker racks from the Admin API and from ZooKeeper (a source over two racks)', (env) => {
  const dir = tmpDir('racks');
  const chroot = `/${unique('racks')}`;
  const brokers: PlainBroker[] = [];

  beforeAll(async () => {
    const lib = kafka39Lib(env.classpath);
    for (const [id, rack] of [
      [0, 'rack-a'],
      [1, 'rack-b'],
    ] as const) {
      brokers.push(await startZkBroker(lib, env.zookeeper, chroot, path.join(dir, `broker-${id}`), { brokerId: id, rack }));
    }
    await waitFor(
      'both brokers in the metadata',
      async () => (await withAdmin(kafkaClient(brokers[0].bootstrap), (a) => a.describeCluster())).brokers.length === 2,
      60_000,
    );
  });

  afterAll(async () => {
    for (const b of brokers) await b.stop();
  });

  test('Admin mode and ZooKeeper mode export the same two brokers with their racks, and the evaluation keeps zone redundancy', async () => {
    const admin = await runCli(['export', '--bootstrap-servers', brokers[0].bootstrap, '--target-directory', dir, '--file-name', 'admin.json']);
    expect(admin.code).toBe(0);
    const zk = await runCli(['export', '--zookeeper', `${env.zookeeper}${chroot}`, '--target-directory', dir, '--file-name', 'zk.json']);
    expect(zk.code).toBe(0);
    const exported = (file: string) =>
      ((readJson(path.join(dir, file)) as ClusterMetadata).brokers ?? []).map((b) => ({ id: b.id, host: b.host, port: b.port, rack: b.rack }));
    const port = (b: PlainBroker) => Number(b.bootstrap.split(':')[1]);
    expect(exported('admin.json')).toEqual([
      { id: 0, host: '127.0.0.1', port: port(brokers[0]), rack: 'rack-a' },
      { id: 1, host: '127.0.0.1', port: port(brokers[1]), rack: 'rack-b' },
    ]);
    expect(exported('zk.json')).toEqual(exported('admin.json'));

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
