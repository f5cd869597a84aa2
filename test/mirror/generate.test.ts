import type { ClusterMetadata } from '../../lib/model';
import { planMigration, PlanOptions } from '../../lib/plan';
import type { MigrationPlan } from '../../lib/plan';
import { clusterConnection, exactRegex, generateMirror, MirrorOptions, MirrorSetup, POLICY_CLASS, POLICY_FILE, IDENTITY_POLICY_CLASS } from '../../lib/mirror';
import { parseProperties } from '../../lib/sources/properties';

const TARGET: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-test', specType: 'professional' };

function meta(topics: ClusterMetadata['topics'], groups: ClusterMetadata['consumerGroups'] = []): ClusterMetadata {
  return { formatVersion: 1, source: { kind: 'manual', clusterId: 'unit' }, topics, consumerGroups: groups };
}

const META = meta(
  [
    { name: 'orders.v1', partitions: 6 },
    { name: 'events', partitions: 3 },
    { name: 'legacy.name', partitions: 2 },
    { name: 'device-heartbeats', partitions: 2 },
    { name: 'jobs-internal', partitions: 2 },
    { name: 'profiles', partitions: 4, configs: { 'cleanup.policy': 'compact' } },
  ],
  [
    {
      groupId: 'billing',
      topics: ['orders.v1'],
      offsets: [
        { topic: 'orders.v1', partition: 0, offset: 5 },
        { topic: 'orders.v1', partition: 1, offset: 7 },
      ],
    },
    { groupId: 'old.group', topics: ['events'], offsets: [{ topic: 'events', partition: 0, offset: 3 }] },
  ],
);

function plan(m: ClusterMetadata = META, extra: Partial<PlanOptions> = {}): MigrationPlan {
  return planMigration(m, {
    target: TARGET,
    renameMap: { topics: { 'legacy.name': 'new-name' }, groups: { 'old.group': 'new-group' } },
    mirror: { mode: 'dedicated' },
    ...extra,
  });
}

const NO_CONN = clusterConnection(undefined, undefined);

function gen(p: MigrationPlan, extra: Partial<MirrorOptions> = {}): MirrorSetup {
  return generateMirror(p, {
    sourceBootstrap: ['10.0.0.1:9092', '10.0.0.2:9092'],
    targetBootstrap: ['ali-1:9092'],
    source: NO_CONN,
    target: NO_CONN,
    ...extra,
  });
}

function file(s: MirrorSetup, name: string): string {
  const f = s.files.find((x) => x.path === name);
  if (!f) throw new Error(`no ${name} in ${s.files.map((x) => x.path).join(', ')}`);
  return f.content;
}

function props(s: MirrorSetup): Map<string, string> {
  return parseProperties(file(s, 'mm2.properties'));
}

describe('dedicated mm2.properties from the plan', () => {
  const s = gen(plan());
  const p = props(s);

  test('lists exactly the planned topics MirrorMaker can copy, by source name, as exact regexes, with the excludes emptied', () => {
    // read back with Java properties rules: the regex MirrorMaker compiles
    expect(p.get('src->ali.topics')?.split(',')).toEqual(['device-heartbeats', 'events', 'legacy\\.name', 'orders\\.v1', 'profiles']);
    expect(p.get('src->ali.topics.exclude')).toBe('');
    expect(p.get('src->ali.groups')).toBe('billing');
    expect(p.get('src->ali.groups.exclude')).toBe('');
  });

  test('renamed topics go through the renaming policy, with heartbeats-suffixed names kept', () => {
    expect(p.get('replication.policy.class')).toBe(POLICY_CLASS);
    expect(p.get('replication.policy.topic.renames')).toBe('device-heartbeats:device-heartbeats,legacy.name:new-name');
    expect(file(s, POLICY_FILE)).toContain('public class RenamingReplicationPolicy extends IdentityReplicationPolicy');
    const byFrom = Object.fromEntries(s.report.topics.map((t) => [t.from, t]));
    expect(byFrom['legacy.name']).toMatchObject({ to: 'new-name', copy: 'renamed-by-policy' });
    expect(byFrom['legacy.name'].how).toMatch(/checkpoints and group offset sync use the new name/);
    expect(byFrom['device-heartbeats'].copy).toBe('name-kept-by-policy');
    expect(byFrom['orders.v1'].copy).toBe('identity');
  });

  test('a topic MirrorMaker treats as internal is reported as not copied, and left out of the allowlist', () => {
    const t = s.report.topics.find((x) => x.from === 'jobs-internal');
    expect(t?.copy).toBe('not-copied');
    expect(s.report.warnings.join('\n')).toMatch(/topic jobs-internal is not copied/);
  });

  test('a renamed group is not synced and is reported', () => {
    const g = s.report.groups.find((x) => x.from === 'old.group');
    expect(g).toMatchObject({ to: 'new-group', synced: false });
    expect(s.report.groups.find((x) => x.from === 'billing')?.synced).toBe(true);
  });

  test('one flow to the target, nothing written to the source, configs and ACLs left to Terraform, offsets synced', () => {
    expect(p.get('clusters')).toBe('src, ali');
    expect(p.get('src.bootstrap.servers')).toBe('10.0.0.1:9092,10.0.0.2:9092');
    expect(p.get('ali.bootstrap.servers')).toBe('ali-1:9092');
    expect(p.get('src->ali.enabled')).toBe('true');
    expect(p.get('ali->src.enabled')).toBe('false');
    expect(p.get('emit.heartbeats.enabled')).toBe('false');
    expect(p.get('offset-syncs.topic.location')).toBe('target');
    expect(p.get('sync.topic.configs.enabled')).toBe('false');
    expect(p.get('sync.topic.acls.enabled')).toBe('false');
    expect(p.get('sync.group.offsets.enabled')).toBe('true');
    expect(p.get('emit.checkpoints.enabled')).toBe('true');
    expect(p.get('src.consumer.auto.offset.reset')).toBe('earliest');
    // no key that would send a producer or worker setting to the source cluster
    expect([...p.keys()].filter((k) => k.startsWith('src.producer.') || k.startsWith('src.admin.'))).toEqual([]);
  });

  test('tasks.max is one task per 4 copied partitions, rounded up, capped by the plan', () => {
    // 6 + 3 + 2 + 2 + 4 = 17 copied partitions (jobs-internal is not copied): 5 tasks
    expect(s.report.tasksMax).toBe(5);
    expect(props(s).get('src->ali.tasks.max')).toBe('5');
    expect(gen(plan(META, { mirror: { mode: 'dedicated', maxTasks: 100 } })).report.tasksMax).toBe(5);
    expect(gen(plan(META, { mirror: { mode: 'dedicated', maxTasks: 3 } })).report.tasksMax).toBe(3);
    expect(gen(plan(meta([{ name: 'orders', partitions: 3 }]))).report.tasksMax).toBe(1);
  });

  test("producer settings come from the client practices (with MirrorMaker's departures), with their reasons, under the target prefix", () => {
    expect(p.get('ali.producer.acks')).toBe('all');
    expect(p.get('ali.producer.retry.backoff.ms')).toBe('1000');
    // a bulk copy departs from the practice's 16 KiB batches and 100 ms linger (mirrormaker2.md §7)
    expect(p.get('ali.producer.batch.size')).toBe('262144');
    expect(p.get('ali.producer.linger.ms')).toBe('20');
    expect(p.get('ali.producer.buffer.memory')).toBe('33554432');
    expect(p.has('ali.producer.retries')).toBe(false);
    expect(s.report.settings.find((x) => x.key === 'batch.size')?.reason).toMatch(/^bulk copy: .*one request in flight/);
    expect(s.report.settings.find((x) => x.key === 'buffer.memory')?.reason).toMatch(/^client practice producer-/);
    expect(s.report.settings.find((x) => x.key === 'acks')?.reason).toMatch(/important data/);
    expect(s.report.settings.find((x) => x.key === 'retries')?.value).toBe('(client default)');
  });

  test('without renames the stock identity policy is used and no Java source is written', () => {
    const m = meta([{ name: 'orders', partitions: 3 }]);
    const plain = gen(planMigration(m, { target: TARGET, mirror: { mode: 'dedicated' } }));
    expect(props(plain).get('replication.policy.class')).toBe(IDENTITY_POLICY_CLASS);
    expect(props(plain).has('replication.policy.topic.renames')).toBe(false);
    expect(plain.files.map((f) => f.path)).toEqual(['mirror-report.json', 'mirror-report.md', 'mm2.properties']);
  });

  test('the same plan and options give byte-identical files', () => {
    const again = gen(plan());
    expect(again.files).toEqual(s.files);
  });

  test("on the Standard edition, Connect mode leaves the workers' topics on their own cluster and says why; the worker file is merge-only", () => {
    const std = gen(
      planMigration(meta([{ name: 'orders', partitions: 3 }]), {
        target: { mode: 'existing', instanceId: 'alikafka_post-cn-x', specType: 'normal' },
        mirror: { mode: 'connect' },
      }),
    );
    expect(std.report.warnings.join('\n')).toMatch(/workers' own topics are not on ali: edition normal has no local storage/);
    expect(std.report.internalTopics.map((t) => t.role)).toEqual(['heartbeats', 'offset-syncs', 'checkpoints']);
    const worker = parseProperties(file(std, 'connect-worker.properties'));
    expect(worker.has('config.storage.topic')).toBe(false);
    expect(worker.has('bootstrap.servers')).toBe(false);
  });

  test("the worker's topics and the internal topic names are the plan's: Terraform creates them, the file names them", () => {
    const mm = plan().transfer?.mirrorMaker;
    expect(p.get('config.storage.topic')).toBe('mm2-configs.src.internal');
    expect(p.get('offset.storage.topic')).toBe(mm?.topics.find((t) => t.role === 'offset-storage')?.name);
    expect(p.get('offset.storage.partitions')).toBe(String(mm?.topics.find((t) => t.role === 'offset-storage')?.partitions));
    expect(s.report.internalTopics.every((t) => t.createdBy === 'terraform')).toBe(true);
    expect(s.report.steps[0]).toMatch(/^Apply the synth --mirror stack first/);
  });

  test("without dots in names, the separator keeps them out of MirrorMaker's internal topic names", () => {
    const m = meta([{ name: 'orders', partitions: 3 }]);
    const nd = props(gen(planMigration(m, { target: TARGET, noDots: true, mirror: { mode: 'dedicated' } })));
    expect(nd.get('replication.policy.separator')).toBe('-');
    expect(nd.get('config.storage.topic')).toBe('mm2-configs-src-internal');
    expect(p.has('replication.policy.separator')).toBe(false);
  });

  test('a plan without the mirror option is refused with what to do', () => {
    expect(() => gen(planMigration(META, { target: TARGET }))).toThrow(/plan it with the mirror option/);
  });
});

describe('secrets', () => {
  const SRC = new Map([
    ['bootstrap.servers', 'ignored:9092'],
    ['security.protocol', 'SASL_SSL'],
    ['sasl.mechanism', 'SCRAM-SHA-512'],
    ['sasl.jaas.config', 'org.apache.kafka.common.security.scram.ScramLoginModule required username="mm2" password="s3cr3t-src";'],
    ['ssl.truststore.location', '/etc/kafka/truststore.jks'],
    ['ssl.truststore.password', 'trust-pass'],
  ]);
  const TGT = new Map([
    ['security.protocol', 'SASL_PLAINTEXT'],
    ['sasl.mechanism', 'PLAIN'],
    ['sasl.jaas.config', 'org.apache.kafka.common.security.plain.PlainLoginModule required username="ali" password="${env:MM2_ALI_PASSWORD}";'],
  ]);
  const src = clusterConnection(SRC, '/secure/source.properties');
  const tgt = clusterConnection(TGT, '/secure/target.properties');

  test("secret values become ${file:...} references to the user's own file; references already written are kept", () => {
    expect(src.referenced).toEqual(['sasl.jaas.config', 'ssl.truststore.password']);
    expect(tgt.referenced).toEqual([]);
    for (const mode of ['dedicated', 'connect'] as const) {
      const s = gen(plan(META, { mirror: { mode } }), { source: src, target: tgt });
      const all = s.files.map((f) => f.content).join('\n');
      expect(all).not.toContain('s3cr3t-src');
      expect(all).not.toContain('trust-pass');
      expect(all).toContain('${file:/secure/source.properties:sasl.jaas.config}');
      expect(all).toContain('${env:MM2_ALI_PASSWORD}');
      expect(s.report.secrets).toEqual([
        { cluster: 'src', key: 'sasl.jaas.config', reference: '${file:/secure/source.properties:sasl.jaas.config}' },
        { cluster: 'src', key: 'ssl.truststore.password', reference: '${file:/secure/source.properties:ssl.truststore.password}' },
      ]);
    }
    const p = props(gen(plan(), { source: src, target: tgt }));
    expect(p.get('src.sasl.jaas.config')).toBe('${file:/secure/source.properties:sasl.jaas.config}');
    expect(p.get('src.security.protocol')).toBe('SASL_SSL');
    expect(p.get('src.ssl.truststore.location')).toBe('/etc/kafka/truststore.jks');
    expect(p.get('config.providers')).toBe('env,file');
    expect(p.get('config.providers.file.class')).toBe('org.apache.kafka.common.config.provider.FileConfigProvider');
    expect(p.get('config.providers.env.class')).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    expect(p.get('config.providers.file.param.allowed.paths')).toBe('/secure/source.properties');
  });

  test('without secrets no config provider is configured', () => {
    expect(props(gen(plan())).has('config.providers')).toBe(false);
  });
});

describe('Connect mode', () => {
  const s = gen(plan(META, { mirror: { mode: 'connect' } }));
  const body = (n: string): Record<string, string> => JSON.parse(file(s, `connectors/${n}.json`)) as Record<string, string>;
  const source = body('alikafka-migrate-source');
  const checkpoint = body('alikafka-migrate-checkpoint');
  const heartbeat = body('alikafka-migrate-heartbeat');

  test('writes the three connector bodies and the worker settings', () => {
    expect(s.files.map((f) => f.path)).toEqual([
      POLICY_FILE,
      'connect-worker.properties',
      'connectors/alikafka-migrate-checkpoint.json',
      'connectors/alikafka-migrate-heartbeat.json',
      'connectors/alikafka-migrate-source.json',
      'mirror-report.json',
      'mirror-report.md',
    ]);
    expect(source['connector.class']).toBe('org.apache.kafka.connect.mirror.MirrorSourceConnector');
    expect(checkpoint['connector.class']).toBe('org.apache.kafka.connect.mirror.MirrorCheckpointConnector');
    expect(heartbeat['connector.class']).toBe('org.apache.kafka.connect.mirror.MirrorHeartbeatConnector');
    expect(parseProperties(file(s, 'connect-worker.properties')).get('header.converter')).toBe('org.apache.kafka.connect.converters.ByteArrayConverter');
  });

  test('every connector has the byte-array converters, the same policy, and the same topics in source and checkpoint', () => {
    for (const b of [source, checkpoint, heartbeat]) {
      for (const k of ['key.converter', 'value.converter', 'header.converter']) expect(b[k]).toBe('org.apache.kafka.connect.converters.ByteArrayConverter');
      expect(b['replication.policy.class']).toBe(POLICY_CLASS);
      expect(b['replication.policy.topic.renames']).toBe('device-heartbeats:device-heartbeats,legacy.name:new-name');
      expect(b['source.cluster.alias']).toBe('src');
      expect(b['target.cluster.alias']).toBe('ali');
      expect(b['producer.override.bootstrap.servers']).toBe('ali-1:9092');
    }
    expect(source.topics).toBe(checkpoint.topics);
    expect(source.topics).toBe('device-heartbeats,events,legacy\\.name,orders\\.v1,profiles');
    expect(source['offset-syncs.topic.location']).toBe(checkpoint['offset-syncs.topic.location']);
    expect(checkpoint.groups).toBe('billing');
    expect(checkpoint['sync.group.offsets.enabled']).toBe('true');
    expect(source['sync.topic.configs.enabled']).toBe('false');
    expect(source['source.consumer.isolation.level']).toBe('read_committed');
    expect(source['producer.override.linger.ms']).toBe('20');
  });
});

describe('--reverse (rollback)', () => {
  const rollback = {
    origin: 'source-cluster' as const,
    readAt: '2026-12-01T00:00:00.000Z',
    groups: [
      {
        group: 'billing',
        offsets: [
          { topic: 'orders.v1', partition: 1, offset: 7 },
          { topic: 'orders.v1', partition: 0, offset: 5 },
        ],
      },
    ],
  };
  const s = gen(plan(), { reverse: true, rollbackOffsets: rollback });
  const p = props(s);

  test('mirrors the target names back to the source names, from the end of the target topics, without touching source groups', () => {
    expect(p.get('ali->src.enabled')).toBe('true');
    expect(p.get('src->ali.enabled')).toBe('false');
    expect(p.get('ali->src.topics')?.split(',')).toEqual(['device-heartbeats', 'events', 'new-name', 'orders\\.v1', 'profiles']);
    expect(p.get('replication.policy.topic.renames')).toBe('device-heartbeats:device-heartbeats,new-name:legacy.name');
    expect(p.get('ali.consumer.auto.offset.reset')).toBe('latest');
    expect(p.get('sync.group.offsets.enabled')).toBe('false');
    expect(p.get('config.storage.topic')).toBe('mm2-configs.ali.internal');
    expect(s.report.direction).toBe('reverse');
  });

  test('keeps the source offsets per group in the report, a JSON file and a reset CSV', () => {
    expect(s.report.rollback).toEqual(rollback);
    expect(JSON.parse(file(s, 'rollback-offsets.json'))).toEqual(rollback);
    expect(file(s, 'rollback/billing.csv')).toBe('orders.v1,0,5\norders.v1,1,7\n');
    expect(file(s, 'mirror-reverse-report.md')).toMatch(/\| billing \| orders\.v1 \| 1 \| 7 \|/);
  });
});

describe('escaping', () => {
  test('exact regexes escape metacharacters and refuse commas', () => {
    expect(exactRegex('a.b-c_d')).toBe('a\\.b-c_d');
    expect(new RegExp(`^(?:${exactRegex('a.b')})$`).test('aXb')).toBe(false);
    expect(() => exactRegex('a,b')).toThrow(/commas/);
  });
});

describe('client sizes from the largest message the plan allows', () => {
  // dedicated MirrorMaker needs local storage for its worker's topics: the edition that has it
  const NEW: PlanOptions['target'] = { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], specType: 'professional' };
  const BIG = meta([
    { name: 'blobs', partitions: 2, configs: { 'max.message.bytes': '5242880' } },
    { name: 'small', partitions: 2 },
  ]);
  const bigPlan = planMigration(BIG, { target: NEW, mirror: { mode: 'dedicated' } });
  const need = String(5242880 + 65536);

  test("forward: the producer's max.request.size and the consumer's fetch sizes cover the instance's kafka.message.max.bytes, with the reason", () => {
    expect(bigPlan.instance.mode === 'new' && bigPlan.instance.config['kafka.message.max.bytes']).toBe('5242880');
    const s = gen(bigPlan);
    const p = props(s);
    expect(p.get('ali.producer.max.request.size')).toBe(need);
    expect(p.get('src.consumer.max.partition.fetch.bytes')).toBe(need);
    expect(Number(p.get('src.consumer.fetch.max.bytes'))).toBeGreaterThanOrEqual(Number(need));
    expect(s.report.messageLimit).toEqual({ bytes: 5242880, from: expect.stringMatching(/instance config kafka.message.max.bytes = 5242880/), known: true });
    const reason = s.report.settings.find((x) => x.key === 'max.request.size')?.reason;
    expect(reason).toMatch(/largest message the plan allows on the copied topics is 5 MiB/);
    expect(file(s, 'mirror-report.md')).toMatch(/configured to copy/);
    expect(file(s, 'mirror-report.md')).not.toMatch(/\| copied \|/);
  });

  test('reverse: the target is read and the source written with the same limit, and the reason says so', () => {
    const s = gen(bigPlan, { reverse: true });
    const p = props(s);
    expect(p.get('src.producer.max.request.size')).toBe(need);
    expect(p.get('ali.consumer.max.partition.fetch.bytes')).toBe(need);
    expect(s.report.settings.find((x) => x.key === 'max.request.size')?.reason).toMatch(/records produced on the target may be as large/);
  });

  test('connect mode carries the same sizes to the data producer and the replication consumer', () => {
    const s = gen(planMigration(BIG, { target: NEW, mirror: { mode: 'connect' } }));
    const body = JSON.parse(file(s, 'connectors/alikafka-migrate-source.json')) as Record<string, string>;
    expect(body['producer.override.max.request.size']).toBe(need);
    expect(body['source.consumer.max.partition.fetch.bytes']).toBe(need);
  });

  test("only the copied topics count, and an existing instance (limit not in the plan) gets AliKafka's maximum", () => {
    const small = planMigration(BIG, { target: NEW, include: ['small'], mirror: { mode: 'dedicated' } });
    expect(props(gen(small)).get('ali.producer.max.request.size')).toBe(String(1048576 + 65536));
    const existing = gen(plan());
    expect(existing.report.messageLimit.bytes).toBe(10485760);
    expect(existing.report.messageLimit.from).toMatch(/existing instance/);
  });
});

describe('every key of the client properties reaches its MirrorMaker client or is refused by name', () => {
  const TGT = new Map([
    ['bootstrap.servers', 'ali:9092'],
    ['security.protocol', 'PLAINTEXT'],
    ['max.request.size', '8000000'],
    ['acks', '1'],
    ['request.timeout.ms', '45000'],
    ['default.api.timeout.ms', '70000'],
    ['retries', '7'],
  ]);
  const SRC = new Map([
    ['max.poll.records', '5000'],
    ['client.dns.lookup', 'use_all_dns_ips'],
    ['linger.ms', '5'],
    ['check.crcs', 'false'],
  ]);
  const s = gen(plan(), { source: clusterConnection(SRC, '/s.properties'), target: clusterConnection(TGT, '/t.properties') });
  const p = props(s);

  test('dedicated: producer keys of the target file under ali.producer., consumer keys of the source file under src.consumer., the rest under each client that knows it', () => {
    expect(p.get('ali.security.protocol')).toBe('PLAINTEXT');
    expect(p.get('ali.producer.max.request.size')).toBe('8000000');
    expect(p.get('ali.producer.acks')).toBe('1');
    expect(p.get('ali.request.timeout.ms')).toBe('45000');
    for (const c of ['producer', 'consumer', 'admin']) expect(p.get(`ali.${c}.request.timeout.ms`)).toBe('45000');
    expect(p.get('ali.consumer.default.api.timeout.ms')).toBe('70000');
    expect(p.get('ali.admin.default.api.timeout.ms')).toBe('70000');
    expect(p.get('ali.producer.retries')).toBe('7');
    expect(p.get('ali.admin.retries')).toBe('7');
    expect(p.get('src.consumer.max.poll.records')).toBe('5000');
    expect(p.get('src.consumer.check.crcs')).toBe('false');
    expect(p.get('src.producer.linger.ms')).toBe('5');
    expect(p.get('src.client.dns.lookup')).toBe('use_all_dns_ips');
    // no key is dropped: each one of the files is somewhere under its cluster's prefix
    for (const [alias, file] of [
      ['ali', TGT],
      ['src', SRC],
    ] as const) {
      for (const k of file.keys()) {
        if (k === 'bootstrap.servers') continue;
        expect([...p.keys()].some((x) => x.startsWith(`${alias}.`) && x.endsWith(`.${k}`) && p.get(x) === file.get(k))).toBe(true);
      }
    }
    const r = s.report.settings.find((x) => x.key === 'acks');
    expect(r).toMatchObject({ cluster: 'ali', client: 'producer', value: '1', reason: "from the target's client properties" });
  });

  test('connect mode: the same keys under the connector prefixes', () => {
    const c = gen(plan(META, { mirror: { mode: 'connect' } }), {
      source: clusterConnection(SRC, '/s.properties'),
      target: clusterConnection(TGT, '/t.properties'),
    });
    const body = JSON.parse(file(c, 'connectors/alikafka-migrate-source.json')) as Record<string, string>;
    expect(body['producer.override.max.request.size']).toBe('8000000');
    expect(body['source.consumer.max.poll.records']).toBe('5000');
    expect(body['source.producer.linger.ms']).toBe('5');
    expect(body['target.admin.retries']).toBe('7');
    expect(body['target.consumer.default.api.timeout.ms']).toBe('70000');
  });

  test('settings a copy cannot take, and unknown keys, are refused with their names and reasons', () => {
    expect(() =>
      clusterConnection(
        new Map([
          ['group.id', 'app'],
          ['securty.protocol', 'SSL'],
          ['acks', 'all'],
        ]),
        '/x.properties',
      ),
    ).toThrow(
      /group\.id \(MirrorMaker reads with assign\(\) and never joins a group\); securty\.protocol \(not a setting of the Kafka 3\.9 producer, consumer or admin client\)/,
    );
    expect(() => clusterConnection(new Map([['value.serializer', 'x']]), '/x.properties')).toThrow(/value\.serializer \(MirrorMaker copies bytes/);
  });

  test('a size below the largest message the plan allows is refused', () => {
    const BIG = meta([{ name: 'blobs', partitions: 2, configs: { 'max.message.bytes': '5242880' } }]);
    const big = planMigration(BIG, {
      target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], specType: 'professional' },
      mirror: { mode: 'dedicated' },
    });
    expect(() => gen(big, { target: clusterConnection(new Map([['max.request.size', '1048576']]), '/t.properties') })).toThrow(
      /max\.request\.size = 1048576 in the target's client properties is below 5308416/,
    );
    expect(() => gen(big, { source: clusterConnection(new Map([['max.partition.fetch.bytes', '1048576']]), '/s.properties') })).toThrow(
      /max\.partition\.fetch\.bytes = 1048576 in the source's client properties/,
    );
  });
});

describe('switched groups (mirror --switched): left out of checkpoints and offset sync', () => {
  const two = meta(META.topics, [
    ...(META.consumerGroups ?? []),
    { groupId: 'stats', topics: ['events'], offsets: [{ topic: 'events', partition: 0, offset: 1 }] },
  ]);

  test('dedicated: the switched group leaves src->ali.groups and is listed in src->ali.groups.exclude; the others stay synced', () => {
    const before = props(gen(plan(two)));
    expect(before.get('src->ali.groups')).toBe('billing,stats');
    const s = gen(plan(two), { switched: ['billing'] });
    const p = props(s);
    expect(p.get('src->ali.groups')).toBe('stats');
    expect(p.get('src->ali.groups.exclude')).toBe('billing');
    expect(p.get('sync.group.offsets.enabled')).toBe('true');
    const g = s.report.groups.find((x) => x.from === 'billing');
    expect(g).toMatchObject({ synced: false, switched: true });
    expect(g?.how).toMatch(/left out of groups and listed in src->ali\.groups\.exclude/);
    expect(s.report.groups.find((x) => x.from === 'stats')?.synced).toBe(true);
    expect(s.report.warnings.join('\n')).not.toMatch(/group billing/);
  });

  test('every synced group switched: the groups list matches nothing, and the exclude names them all', () => {
    const p = props(gen(plan(two), { switched: ['stats', 'billing'] }));
    expect(p.get('src->ali.groups')).toBe('__alikafka-migrate-nothing__');
    expect(p.get('src->ali.groups.exclude')).toBe('billing,stats');
  });

  test('connect: the checkpoint connector carries the exclude', () => {
    const s = gen(plan(two, { mirror: { mode: 'connect' } }), { switched: ['billing'] });
    const checkpoint = JSON.parse(file(s, 'connectors/alikafka-migrate-checkpoint.json')) as Record<string, string>;
    expect(checkpoint.groups).toBe('stats');
    expect(checkpoint['groups.exclude']).toBe('billing');
  });

  test('a renamed group MirrorMaker never synced is excluded too, and says so', () => {
    const s = gen(plan(two), { switched: ['old.group'] });
    expect(props(s).get('src->ali.groups.exclude')).toBe('old\\.group');
    expect(s.report.groups.find((x) => x.from === 'old.group')?.how).toMatch(/^switched to the target; MirrorMaker never synced its offsets/);
  });

  test.each([
    ['a group the plan does not have', { switched: ['nope'] }, /switched group\(s\) "nope" not in the plan/],
    ['the reverse flow', { switched: ['billing'], reverse: true }, /forward flow only/],
  ])('refused: %s', (_, extra, message) => {
    expect(() => gen(plan(two), extra)).toThrow(message);
  });
});
