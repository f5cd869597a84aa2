/**
 * Export through the Admin API from a real Kafka 4.x KRaft broker, and from a SASL/SCRAM broker with
 * an authorizer (users and ACLs are real), through a Java client properties file.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, KafkaConsumer as Consumer, Kafka, ResourcePatternTypes } from '../../tools/kafka';
import { loadMetadataFile } from '../../lib/model';
import { describeWithRig, groupsAndOffsets, kafkaClient, runCli, tmpDir, unique, waitFor, withAdmin } from './rig';

jest.setTimeout(180_000);

describeWithRig('export from a KRaft cluster (Kafka 4.x) through the Admin API', (env) => {
  const p = unique('kraftit');
  const payments = `${p}.payments`;
  const audit = `${p}.audit`;
  const group = `${p}-billing`;
  const simple = `${p}-simple`;
  let kafka: Kafka;
  let consumer: Consumer;
  const dir = tmpDir('kraft');

  beforeAll(async () => {
    kafka = kafkaClient(env.kafkaKraft);
    await withAdmin(kafka, (a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: payments,
            numPartitions: 4,
            replicationFactor: 1,
            configEntries: [
              { name: 'retention.bytes', value: '1073741824' },
              { name: 'min.insync.replicas', value: '1' },
            ],
          },
          { topic: audit, numPartitions: 2, replicationFactor: 1 },
        ],
      }),
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: payments, messages: Array.from({ length: 8 }, (_, i) => ({ value: `p${i}`, partition: i % 4 })) });
    await producer.disconnect();
    await withAdmin(kafka, (a) => a.setOffsets({ groupId: simple, topic: audit, partitions: [{ partition: 1, offset: '0' }] }));
    consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic: payments, fromBeginning: true });
    let seen = 0;
    await consumer.run({
      eachMessage: async () => {
        seen++;
      },
    });
    await waitFor('the consumer to commit', async () => {
      if (seen < 8) return false;
      const offs = await withAdmin(kafka, (a) => a.fetchOffsets({ groupId: group }));
      return offs[0]?.partitions.every((x) => x.offset === '2');
    });
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
  });

  test('topics, configs, groups with state, members, subscriptions and offsets; internal topics marked', async () => {
    const groupsBefore = await groupsAndOffsets(kafka);
    const r = await runCli(['export', '--bootstrap-servers', env.kafkaKraft, '--target-directory', dir]);
    expect(r.code).toBe(0);
    const meta = loadMetadataFile(path.join(dir, 'kafka-metadata-export.json'));
    expect(meta.source.kind).toBe('kafka-admin');
    expect(meta.brokers).toEqual([
      {
        id: 1,
        host: '127.0.0.1',
        port: Number(env.kafkaKraft.split(':')[1]),
        rack: 'rack-k', // from the Metadata response (kafkajs' describeCluster drops it)
        // the rig's server.properties, and min.insync.replicas, which the broker reports as a dynamic cluster default (source 3) that the rig does not set itself
        configs: { 'auto.create.topics.enable': 'false', 'log.segment.bytes': '10485760', 'min.insync.replicas': '1', 'num.partitions': '1' },
      },
    ]);
    expect(meta.topics.find((t) => t.name === payments)).toEqual({
      name: payments,
      partitions: 4,
      replicationFactor: 1,
      configs: { 'min.insync.replicas': '1', 'retention.bytes': '1073741824' },
    });
    expect(meta.topics.find((t) => t.name === audit)).toEqual({ name: audit, partitions: 2, replicationFactor: 1 });
    expect(meta.topics.find((t) => t.name === '__consumer_offsets')).toMatchObject({ internal: true });
    const g = meta.consumerGroups?.find((x) => x.groupId === group);
    expect(g).toMatchObject({ protocolType: 'consumer', state: 'Stable', members: 1, topics: [payments] });
    expect(g?.offsets).toEqual([0, 1, 2, 3].map((partition) => ({ topic: payments, partition, offset: 2, logEndOffset: 2 })));
    expect(meta.consumerGroups?.find((x) => x.groupId === simple)).toMatchObject({
      state: 'Empty',
      members: 0,
      topics: [audit],
      offsets: [{ topic: audit, partition: 1, offset: 0, logEndOffset: 0 }],
    });
    expect(meta.acls).toEqual([]); // no authorizer on this broker
    expect(await groupsAndOffsets(kafka)).toEqual(groupsBefore); // read-only: no group created, no offset moved
  });
});

describeWithRig('export from a SASL/SCRAM cluster with an authorizer (Kafka 3.9)', (env) => {
  const p = unique('saslit');
  const topic = `${p}.secure`;
  const dir = tmpDir('sasl');
  const propsFile = path.join(dir, 'client.properties');
  const badProps = path.join(dir, 'bad.properties');
  let kafka: Kafka;

  beforeAll(async () => {
    const jaas = (pw: string): string => `org.apache.kafka.common.security.scram.ScramLoginModule required username="${env.saslUser}" password="${pw}";`;
    fs.writeFileSync(
      propsFile,
      [
        `bootstrap.servers=${env.kafkaSasl}`,
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-256',
        `sasl.jaas.config=${jaas(env.saslPassword)}`,
        'group.id=ignored',
        'sasl.kerberos.service.name=kafka',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(badProps, fs.readFileSync(propsFile, 'utf8').replace(env.saslPassword, 'not-the-password'));
    kafka = kafkaClient(env.kafkaSasl, { sasl: { mechanism: 'scram-sha-256', username: env.saslUser, password: env.saslPassword } });
    // a second SCRAM user, created the way operators do it on a ZooKeeper cluster
    execFileSync(
      'java',
      [
        '-Xmx256m',
        '-cp',
        env.classpath,
        'kafka.admin.ConfigCommand',
        '--zookeeper',
        `${env.zookeeper}${env.kafkaSaslChroot}`,
        '--alter',
        '--entity-type',
        'users',
        '--entity-name',
        `${p}-alice`,
        '--add-config',
        'SCRAM-SHA-512=[password=alice-secret]',
      ],
      { stdio: 'pipe' },
    );
    await withAdmin(kafka, async (a) => {
      await a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
      await a.createAcls({
        acl: [
          {
            resourceType: AclResourceTypes.TOPIC,
            resourceName: topic,
            resourcePatternType: ResourcePatternTypes.LITERAL,
            principal: `User:${p}-alice`,
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
          {
            resourceType: AclResourceTypes.GROUP,
            resourceName: `${p}-`,
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            principal: `User:${p}-alice`,
            host: '*',
            operation: AclOperationTypes.READ,
            permissionType: AclPermissionTypes.ALLOW,
          },
          {
            resourceType: AclResourceTypes.CLUSTER,
            resourceName: 'kafka-cluster',
            resourcePatternType: ResourcePatternTypes.LITERAL,
            principal: `User:${p}-alice`,
            host: '*',
            operation: AclOperationTypes.IDEMPOTENT_WRITE,
            permissionType: AclPermissionTypes.ALLOW,
          },
        ],
      });
    });
  });

  const expected = (): unknown[] => [
    {
      principal: `User:${p}-alice`,
      resourceType: 'Cluster',
      resourceName: 'kafka-cluster',
      patternType: 'LITERAL',
      operation: 'IdempotentWrite',
      permission: 'Allow',
      host: '*',
    },
    { principal: `User:${p}-alice`, resourceType: 'Group', resourceName: `${p}-`, patternType: 'PREFIXED', operation: 'Read', permission: 'Allow', host: '*' },
    { principal: `User:${p}-alice`, resourceType: 'Topic', resourceName: topic, patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
  ];

  test('through the Admin API with a properties file: topics and ACLs; unsupported keys named; no secret in the file or logs', async () => {
    const r = await runCli(['export', '--properties', propsFile, '--target-directory', dir, '--file-name', 'admin.json']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('sasl.kerberos.service.name');
    const text = fs.readFileSync(path.join(dir, 'admin.json'), 'utf8');
    expect(text).not.toContain(env.saslPassword);
    expect(r.err + r.out).not.toContain(env.saslPassword);
    const meta = loadMetadataFile(path.join(dir, 'admin.json'));
    expect(meta.topics.find((t) => t.name === topic)).toEqual({ name: topic, partitions: 2, replicationFactor: 1 });
    expect((meta.acls ?? []).filter((a) => a.principal === `User:${p}-alice`)).toEqual(expected());
  });

  test('from ZooKeeper: SCRAM users (names and mechanisms only) and the same ACLs', async () => {
    const r = await runCli(['export', '--zookeeper', `${env.zookeeper}${env.kafkaSaslChroot}`, '--target-directory', dir, '--file-name', 'zk.json']);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'zk.json'), 'utf8');
    expect(text).not.toMatch(/salt|stored_key|server_key|iterations/);
    const meta = loadMetadataFile(path.join(dir, 'zk.json'));
    expect(meta.users).toEqual(
      expect.arrayContaining([
        { name: env.saslUser, mechanism: 'SCRAM-SHA-256' },
        { name: `${p}-alice`, mechanism: 'SCRAM-SHA-512' },
      ]),
    );
    expect((meta.acls ?? []).filter((a) => a.principal === `User:${p}-alice`)).toEqual(expected());
    expect(meta.brokers?.[0]).toMatchObject({ id: 0, rack: 'rack-s' });
  });

  test('a wrong password: exit 1, "authentication failed" naming the broker, no file, no password in the message', async () => {
    const r = await runCli(['export', '--properties', badProps, '--target-directory', dir, '--file-name', 'bad.json', '--timeout', '20']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`Kafka ${env.kafkaSasl}: authentication failed`));
    expect(r.err).not.toContain('not-the-password');
    expect(fs.existsSync(path.join(dir, 'bad.json'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
