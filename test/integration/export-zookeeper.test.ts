/**
 * Export from a real Kafka 3.9 cluster in ZooKeeper mode: from ZooKeeper (+ groups through the Admin
 * API) and through the Admin API alone; the source must be unchanged afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, KafkaConsumer as Consumer, Kafka, ResourcePatternTypes } from '../../tools/kafka';
import { ClusterMetadata, loadMetadataFile } from '../../lib/model';
import { describeWithRig, groupsAndOffsets, kafkaClient, runCli, TestZk, tmpDir, unique, waitFor, withAdmin } from './rig';

jest.setTimeout(180_000);

describeWithRig('export from a ZooKeeper-mode cluster (Kafka 3.9)', (env) => {
  const p = unique('zkit');
  const orders = `${p}.orders`;
  const events = `${p}.events`;
  const logs = `${p}.logs`;
  const simpleGroup = `${p}-simple`;
  const liveGroup = `${p}-live`;
  const oldGroup = `${p}-old`;
  const zkConnect = `${env.zookeeper}${env.kafkaZkChroot}`;
  let kafka: Kafka;
  let consumer: Consumer;
  let zk: TestZk;
  const dir = tmpDir('zk');

  beforeAll(async () => {
    kafka = kafkaClient(env.kafkaZk);
    zk = await TestZk.open(env.zookeeper);
    await withAdmin(kafka, async (a) => {
      await a.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: orders,
            numPartitions: 6,
            replicationFactor: 1,
            configEntries: [
              { name: 'cleanup.policy', value: 'compact' },
              { name: 'retention.ms', value: '86400000' },
            ],
          },
          { topic: events, numPartitions: 3, replicationFactor: 1 },
          { topic: logs, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: '2097152' }] },
        ],
      });
      await a.createAcls({
        acl: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: orders,
            resourcePatternType: ResourcePatternTypes.LITERAL,
            principal: 'User:alice',
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: `${p}.`,
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            principal: 'User:bob',
            host: '10.0.0.1',
            operation: AclOperationTypes.WRITE,
            permissionType: AclPermissionTypes.DENY,
          },
          {
            resourceType: AclResourceTypes.GROUP,
            resourceName: `${p}-`,
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            principal: 'User:alice',
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
        ],
      });
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: orders, messages: Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: `order-${i}`, partition: i % 6 })) });
    await producer.send({ topic: events, messages: Array.from({ length: 5 }, (_, i) => ({ value: `event-${i}`, partition: 0 })) });
    await producer.disconnect();
    await withAdmin(kafka, (a) =>
      a.setOffsets({
        groupId: simpleGroup,
        topic: orders,
        partitions: [
          { partition: 0, offset: '1' },
          { partition: 3, offset: '2' },
        ],
      }),
    );

    // A live consumer group (Stable, one member, subscribed to events) that has consumed everything.
    consumer = kafka.consumer({ groupId: liveGroup, sessionTimeout: 30000, heartbeatInterval: 3000 });
    await consumer.connect();
    await consumer.subscribe({ topic: events, fromBeginning: true });
    let seen = 0;
    await consumer.run({
      eachMessage: async () => {
        seen++;
      },
    });
    await waitFor(
      'the live group to consume and commit',
      async () => {
        if (seen < 5) return false;
        const offs = await withAdmin(kafka, (a) => a.fetchOffsets({ groupId: liveGroup }));
        return offs.some((t) => t.partitions.some((x) => x.offset === '5'));
      },
      60000,
    );

    // An old (Kafka ≤ 1.1 consumer) group whose offsets live in ZooKeeper: written as such a consumer would.
    await zk.put(`${env.kafkaZkChroot}/consumers/${oldGroup}/offsets/${events}/0`, '2');
    await zk.put(`${env.kafkaZkChroot}/consumers/${oldGroup}/offsets/${events}/1`, '0');
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    zk?.close();
  });

  function topicOf(meta: ClusterMetadata, name: string) {
    const t = meta.topics.find((x) => x.name === name);
    expect(t).toBeDefined();
    return t!;
  }

  function expectCommonContent(meta: ClusterMetadata): void {
    expect(topicOf(meta, orders)).toEqual({
      name: orders,
      partitions: 6,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' },
    });
    expect(topicOf(meta, events)).toEqual({ name: events, partitions: 3, replicationFactor: 1 });
    expect(topicOf(meta, logs)).toEqual({ name: logs, partitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': '2097152' } });
    expect(topicOf(meta, '__consumer_offsets')).toMatchObject({ internal: true, partitions: 4 });

    const simple = meta.consumerGroups?.find((g) => g.groupId === simpleGroup);
    expect(simple).toMatchObject({ state: 'Empty', members: 0, topics: [orders] });
    expect(simple?.offsets).toEqual([
      { topic: orders, partition: 0, offset: 1, logEndOffset: 2 },
      { topic: orders, partition: 3, offset: 2, logEndOffset: 2 },
    ]);
    const live = meta.consumerGroups?.find((g) => g.groupId === liveGroup);
    expect(live).toMatchObject({ protocolType: 'consumer', state: 'Stable', members: 1, topics: [events] });
    expect(live?.offsets).toEqual([{ topic: events, partition: 0, offset: 5, logEndOffset: 5 }]);

    const mine = (meta.acls ?? []).filter((a) => a.resourceName.startsWith(p));
    expect(mine).toEqual([
      { principal: 'User:alice', resourceType: 'Group', resourceName: `${p}-`, patternType: 'PREFIXED', operation: 'Read', permission: 'Allow', host: '*' },
      { principal: 'User:alice', resourceType: 'Topic', resourceName: orders, patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
      {
        principal: 'User:bob',
        resourceType: 'Topic',
        resourceName: `${p}.`,
        patternType: 'PREFIXED',
        operation: 'Write',
        permission: 'Deny',
        host: '10.0.0.1',
      },
    ]);
  }

  test('--zookeeper with --bootstrap-servers: topics, configs, brokers, ACLs, old and new groups with offsets', async () => {
    const r = await runCli(['export', '--zookeeper', zkConnect, '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'zk.json']);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const meta = loadMetadataFile(path.join(dir, 'zk.json')); // validates against the schema
    expect(meta.source).toMatchObject({ kind: 'zookeeper', endpoint: zkConnect });
    expect(meta.source.clusterId).toMatch(/^[\w-]{22}$/);
    // with --bootstrap-servers the brokers' own settings come in too, those of server.properties included
    expect(meta.brokers).toEqual([
      {
        id: 0,
        host: '127.0.0.1',
        port: Number(env.kafkaZk.split(':')[1]),
        rack: 'rack-a',
        configs: { 'auto.create.topics.enable': 'false', 'log.segment.bytes': '10485760', 'num.partitions': '1' },
      },
    ]);
    expectCommonContent(meta);
    const old = meta.consumerGroups?.find((g) => g.groupId === oldGroup);
    expect(old).toEqual({
      groupId: oldGroup,
      state: 'Empty',
      members: 0,
      topics: [events],
      offsets: [
        { topic: events, partition: 0, offset: 2, logEndOffset: 5 },
        { topic: events, partition: 1, offset: 0, logEndOffset: 0 },
      ],
    });
  });

  test('--bootstrap-servers alone reads the same topics, configs, groups and ACLs through the Admin API', async () => {
    const r = await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'admin.json']);
    expect(r.code).toBe(0);
    const meta = loadMetadataFile(path.join(dir, 'admin.json'));
    expect(meta.source.kind).toBe('kafka-admin');
    expectCommonContent(meta);
    // same cluster, same topic set as the ZooKeeper export
    const zkMeta = loadMetadataFile(path.join(dir, 'zk.json'));
    expect(meta.source.clusterId).toBe(zkMeta.source.clusterId);
    const ours = (m: ClusterMetadata) => m.topics.filter((t) => t.name.startsWith(p) || t.internal);
    expect(ours(meta)).toEqual(ours(zkMeta));
  });

  test('the source is unchanged: znodes (mzxid and data), topics, groups and committed offsets; no group created', async () => {
    const before = await zk.snapshot(env.kafkaZkChroot);
    const groupsBefore = await groupsAndOffsets(kafka);
    const topicsBefore = await withAdmin(kafka, (a) => a.listTopics());

    expect(
      (await runCli(['export', '--zookeeper', zkConnect, '--bootstrap-servers', env.kafkaZk, '--target-directory', dir, '--file-name', 'ro1.json'])).code,
    ).toBe(0);
    expect(
      (await runCli(['export', '--bootstrap-servers', env.kafkaZk, '--sample-traffic', '1', '--target-directory', dir, '--file-name', 'ro2.json'])).code,
    ).toBe(0);

    const after = await zk.snapshot(env.kafkaZkChroot);
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    // the broker may purge its own old change notifications meanwhile; nothing else may disappear
    const removed = [...before.keys()].filter(
      (k) => !after.has(k) && !/\/(kafka-acl-changes|kafka-acl-extended-changes|config\/changes|isr_change_notification)\//.test(k),
    );
    expect(changed).toEqual([]);
    expect(removed).toEqual([]);
    expect(await groupsAndOffsets(kafka)).toEqual(groupsBefore);
    expect((await withAdmin(kafka, (a) => a.listTopics())).sort()).toEqual(topicsBefore.sort());
  });

  test('the exported file round-trips through synth', async () => {
    const out = path.join(dir, 'synth');
    const r = await runCli([
      'synth',
      '--metadata',
      path.join(dir, 'zk.json'),
      '--out',
      out,
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--include',
      `${p}*`,
    ]);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const tf = fs.readFileSync(path.join(out, 'stacks', 'alikafka-migration', 'cdk.tf.json'), 'utf8');
    expect(tf).toContain(orders);
  });
});
