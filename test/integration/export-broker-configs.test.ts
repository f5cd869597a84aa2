/**
 * Broker settings in the export (`brokers[].configs`), read from the rig's ZooKeeper-mode Kafka 3.9 broker: the
 * settings of its server.properties through the Admin API, a dynamic per-broker setting through both the Admin
 * API and ZooKeeper, nothing host-specific or secret, and the plan carrying the brokers' message.max.bytes to the
 * instance, so a large message the source accepts is not rejected after cutover.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigResourceTypes } from '../../tools/kafka';
import { BROKER_CONFIGS_KEPT } from '../../lib/sources/broker-configs';
import { ClusterMetadata, loadMetadataFile } from '../../lib/model';
import { describeWithRig, kafkaClient, runCli, tmpDir, unique, withAdmin } from './rig';

jest.setTimeout(180_000);

const FIVE_MIB = String(5 * 1024 * 1024);

describeWithRig('broker settings in the export', (env) => {
  const dir = tmpDir('broker-configs');
  const kafka = kafkaClient(env.kafkaZk);
  const topic = unique('bc.plain'); // no max.message.bytes override: the broker setting applies to it
  let brokerId: string;

  async function exportWith(args: string[], name: string): Promise<{ meta: ClusterMetadata; err: string }> {
    const r = await runCli(['export', ...args, '--target-directory', dir, '--file-name', name]);
    expect(r.code).toBe(0);
    return { meta: loadMetadataFile(path.join(dir, name)), err: r.err };
  }

  beforeAll(async () => {
    // test setup writes to the source (a dynamic broker setting and a topic); the tool itself never does
    await withAdmin(kafka, async (a) => {
      brokerId = String((await a.describeCluster()).brokers[0].nodeId);
      await a.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: brokerId, configEntries: [{ name: 'message.max.bytes', value: FIVE_MIB }] }],
      });
      await a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
    });
  });

  afterAll(async () => {
    // back to the rig's state: no dynamic settings on the broker
    await withAdmin(kafka, (a) =>
      a.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: brokerId, configEntries: [] }] }),
    );
  });

  test('an Admin export records the dynamic setting and those of server.properties, and nothing host-specific or secret', async () => {
    const { meta } = await exportWith(['--bootstrap-servers', env.kafkaZk], 'admin.json');
    const configs = meta.brokers?.find((b) => String(b.id) === brokerId)?.configs ?? {};
    expect(configs['message.max.bytes']).toBe(FIVE_MIB);
    // scripts/rig/rig.sh writes these into the broker's server.properties
    expect(configs['log.segment.bytes']).toBe('10485760');
    expect(configs['num.partitions']).toBe('1');
    expect(configs['auto.create.topics.enable']).toBe('false');
    expect(Object.keys(configs).filter((k) => !BROKER_CONFIGS_KEPT.has(k))).toEqual([]);
    const text = fs.readFileSync(path.join(dir, 'admin.json'), 'utf8');
    expect(text).not.toMatch(/listeners|log\.dirs|zookeeper\.connect|password|jaas/);
  });

  test('a ZooKeeper export records the dynamic setting and says that server.properties needs --bootstrap-servers', async () => {
    const zk = `${env.zookeeper}${env.kafkaZkChroot}`;
    const only = await exportWith(['--zookeeper', zk], 'zk.json');
    expect(only.meta.brokers?.find((b) => String(b.id) === brokerId)?.configs).toEqual({ 'message.max.bytes': FIVE_MIB });
    expect(only.err).toMatch(/server\.properties .*--bootstrap-servers/);
    const both = await exportWith(['--zookeeper', zk, '--bootstrap-servers', env.kafkaZk], 'zk-admin.json');
    const configs = both.meta.brokers?.find((b) => String(b.id) === brokerId)?.configs ?? {};
    expect(configs['message.max.bytes']).toBe(FIVE_MIB);
    expect(configs['log.segment.bytes']).toBe('10485760');
    expect(both.err).not.toMatch(/server\.properties/);
  });

  test("synth carries the brokers' message.max.bytes to the new instance for a topic without an override", async () => {
    const out = path.join(dir, 'synth');
    const r = await runCli([
      'synth',
      '--metadata',
      path.join(dir, 'admin.json'),
      '--include',
      topic,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--out',
      out,
    ]);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const report = fs.readFileSync(path.join(out, 'migration-report.md'), 'utf8');
    expect(report).toMatch(new RegExp(`topic ${topic.replace(/\./g, '\\.')} \\(the source brokers' message\\.max\\.bytes\\)`));
    const tf = fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8');
    expect(tf).toContain(FIVE_MIB);
  });
});
