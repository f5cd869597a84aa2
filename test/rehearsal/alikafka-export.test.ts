/**
 * `export --alikafka-instance` through Alibaba's official SDK (@alicloud/alikafka20190916) against the AliKafka
 * stand-in (tools/control-plane) and its real Kafka 2.6 broker, inside the rehearsal's loopback-only network
 * namespace: nothing can leave 127.0.0.0/8. The instance's objects are made out of band through the stand-in's own
 * actions (test setup), the export reads them back through the OpenAPI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import type { ClusterMetadata } from '../../lib/model';
import { Rehearsal } from '../../tools/control-plane/rehearsal';
import { newRehearsal, workDir } from './helpers';

jest.setTimeout(600_000);

const KEY = 'LTAI-rehearsal-export';
const SECRET = 'rehearsal-export-secret';
const A = 'alikafka_post-cn-exporta';
const REGION = 'cn-hangzhou';
const PASSWORD = 'Alice-Secret-Password-1';
/** More topics than one GetTopicList page (100), so the export pages. */
const FILLER = 101;

async function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let out = '';
  let err = '';
  try {
    const code = await main(args, {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      isTty: false,
    });
    return { code, out, err };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('export --alikafka-instance through the official SDK, against the stand-in (loopback only)', () => {
  const work = workDir('alikafka-export');
  const keys = { ALIBABA_CLOUD_ACCESS_KEY_ID: KEY, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_CREDENTIALS_FILE: path.join(work, 'none') };
  let rh: Rehearsal;
  let endpoint: string;

  const exportArgs = (file: string, extra: string[] = []): string[] => [
    'export',
    '--alikafka-instance',
    A,
    '--region',
    REGION,
    '--endpoint',
    endpoint,
    '--target-directory',
    work,
    '--file-name',
    file,
    ...extra,
  ];

  beforeAll(async () => {
    rh = newRehearsal({ accessKeyId: KEY });
    await rh.start();
    endpoint = `http://${rh.endpoint}`;
    const cp = rh.controlPlane;
    cp.provisionInstance({ id: A, specType: 'professional', ioMaxSpec: 'alikafka.hw.6xlarge', tags: { env: 'rehearsal' } });
    const base = { InstanceId: A };
    await cp.call('CreateTopic', {
      ...base,
      Topic: 'ledger',
      Remark: 'ledger-events',
      PartitionNum: '3',
      LocalTopic: 'true',
      Config: JSON.stringify({ 'retention.ms': '86400000' }),
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'pay',
    });
    await cp.call('CreateTopic', { ...base, Topic: 'state', Remark: 'state', PartitionNum: '2', LocalTopic: 'true', CompactTopic: 'true' });
    await cp.call('CreateTopic', { ...base, Topic: 'clicks', Remark: 'clicks', PartitionNum: '4' });
    for (let i = 0; i < FILLER; i++)
      await cp.call('CreateTopic', { ...base, Topic: `filler-${String(i).padStart(3, '0')}`, Remark: 'filler', PartitionNum: '2' });
    await cp.call('CreateConsumerGroup', { ...base, ConsumerId: 'billing', Remark: 'billing-service', 'Tag.1.Key': 'team', 'Tag.1.Value': 'pay' });
    await cp.call('CreateSaslUser', { ...base, Username: 'alice', Password: PASSWORD, Type: 'scram', Mechanism: 'SCRAM-SHA-512' });
    await cp.call('CreateAcl', {
      ...base,
      Username: 'alice',
      AclResourceType: 'Topic',
      AclResourceName: 'ledger',
      AclResourcePatternType: 'LITERAL',
      AclOperationType: 'Read',
    });
    await cp.call('CreateAcl', {
      ...base,
      Username: 'alice',
      AclResourceType: 'Group',
      AclResourceName: 'bill',
      AclResourcePatternType: 'PREFIXED',
      AclOperationType: 'Read',
    });
    await cp.call('UpdateAllowedIp', { ...base, AllowedListType: 'vpc', PortRange: '9092/9092', AllowedListIp: '10.0.0.0/8', UpdateType: 'add' });
    // the group commits offsets on the instance's broker (the stand-in's UpdateConsumerOffset, test setup)
    await cp.call('UpdateConsumerOffset', { ...base, ConsumerId: 'billing', Topic: 'ledger', ResetType: 'timestamp', Time: '0' });
  }, 300_000);

  afterAll(async () => {
    await rh?.stop();
  }, 120_000);

  test('reads the instance, its topics (storage engine, compaction, remark, tags, configs, paged), groups, users without passwords, ACLs and allowlist', async () => {
    const before = { ...rh.controlPlane.stats.calls };
    const r = await run(exportArgs('a.json'), keys);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`AliKafka instance ${A} \\(${REGION}\\), ${FILLER + 3} topics \\(2 on local storage\\)`));
    const text = fs.readFileSync(path.join(work, 'a.json'), 'utf8');
    expect(text).not.toContain(PASSWORD);
    const meta = JSON.parse(text) as ClusterMetadata;
    expect(meta.source).toMatchObject({ kind: 'alikafka', clusterId: A, kafkaVersion: '2.6.2' });
    expect(meta.source.alikafka).toMatchObject({
      instanceId: A,
      regionId: REGION,
      specType: 'professional',
      ioMaxSpec: 'alikafka.hw.6xlarge',
      diskType: 'cloud',
      serviceVersion: '2.6.2',
      deployType: 'vpc',
      partitionNum: 0,
      tags: { env: 'rehearsal' },
      config: expect.objectContaining({ 'enable.acl': 'true' }),
    });
    expect(meta.source.alikafka?.allowedIps).toContainEqual({ type: 'vpc', portRange: '9092/9092', cidrs: expect.arrayContaining(['10.0.0.0/8']) });
    const t = Object.fromEntries(meta.topics.map((x) => [x.name, x]));
    expect(meta.topics).toHaveLength(FILLER + 3);
    expect(t.ledger).toEqual({
      name: 'ledger',
      partitions: 3,
      configs: { 'retention.ms': '86400000' },
      storageEngine: 'local',
      remark: 'ledger-events',
      tags: { team: 'pay' },
    });
    expect(t.state).toMatchObject({ partitions: 2, storageEngine: 'local', configs: { 'cleanup.policy': 'compact' } });
    expect(t.clicks).toMatchObject({ partitions: 4, storageEngine: 'cloud' });
    expect(t.clicks.configs).toBeUndefined();
    expect(meta.consumerGroups).toEqual([{ groupId: 'billing', remark: 'billing-service', tags: { team: 'pay' } }]);
    expect(meta.users).toEqual([{ name: 'alice', mechanism: 'SCRAM-SHA-512' }]);
    expect(meta.acls).toEqual(
      expect.arrayContaining([
        { principal: 'User:alice', resourceType: 'Topic', resourceName: 'ledger', patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
        { principal: 'User:alice', resourceType: 'Group', resourceName: 'bill', patternType: 'PREFIXED', operation: 'Read', permission: 'Allow', host: '*' },
      ]),
    );
    expect(meta.acls).toHaveLength(2);
    // through the SDK's HTTP calls to the stand-in: two pages of topics, read-only actions only
    const calls = Object.fromEntries(Object.entries(rh.controlPlane.stats.calls).map(([k, v]) => [k, v - (before[k] ?? 0)]));
    expect(calls.GetTopicList).toBe(2);
    expect(Object.keys(calls).filter((k) => calls[k] > 0 && !/^(Get|Describe|List)/.test(k))).toEqual([]);
  });

  test('with --bootstrap-servers it also reads the committed offsets and stored bytes, keeping the remark', async () => {
    const r = await run(exportArgs('a-kafka.json', ['--bootstrap-servers', rh.broker.plaintextEndpoint]), keys);
    expect(r.code).toBe(0);
    const meta = JSON.parse(fs.readFileSync(path.join(work, 'a-kafka.json'), 'utf8')) as ClusterMetadata;
    const billing = meta.consumerGroups?.find((g) => g.groupId === 'billing');
    expect(billing).toMatchObject({ remark: 'billing-service', tags: { team: 'pay' } });
    expect(billing?.offsets?.map((o) => `${o.topic}[${o.partition}]=${o.offset}`)).toEqual(['ledger[0]=0', 'ledger[1]=0', 'ledger[2]=0']);
    expect(meta.storage).toBeDefined();
  });

  test.each<[string, string[], Record<string, string | undefined>, RegExp]>([
    ['an unknown instance', ['--alikafka-instance', 'alikafka_post-cn-nosuch'], {}, /instance alikafka_post-cn-nosuch was not found in region cn-hangzhou/],
    ['a wrong region', ['--region', 'cn-shanghai'], {}, new RegExp(`instance ${A} was not found in region cn-shanghai`)],
    [
      'a refused key',
      [],
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-wrong' },
      new RegExp(`refused the access key for instance ${A} in region ${REGION} .*InvalidAccessKeyId\\.NotFound`),
    ],
  ])('%s: exit 1, a message naming the instance and the region, no file', async (_what, override, env, message) => {
    const file = `bad-${Math.random().toString(36).slice(2)}.json`;
    const args = exportArgs(file);
    for (let i = 0; i < override.length; i += 2) args[args.indexOf(override[i]) + 1] = override[i + 1];
    const r = await run(args, { ...keys, ...env });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/nothing was written/);
    expect(fs.existsSync(path.join(work, file))).toBe(false);
  });

  test('no keys in the environment or a credentials file: exit 1 at once naming the variables, no call made, no file', async () => {
    const calls = JSON.stringify(rh.controlPlane.stats.calls);
    const r = await run(exportArgs('none.json'), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
      ALIBABA_CLOUD_CREDENTIALS_FILE: path.join(work, 'none'),
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
      ALIBABA_CLOUD_ECS_METADATA: undefined,
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no Alibaba Cloud credentials: .*ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(JSON.stringify(rh.controlPlane.stats.calls)).toBe(calls);
    expect(fs.existsSync(path.join(work, 'none.json'))).toBe(false);
  });
});
