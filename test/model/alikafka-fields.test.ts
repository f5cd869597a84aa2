import * as fs from 'fs';
import * as path from 'path';
import { existingObjectsFromMetadata, parseMetadataText, serializeMetadata, validateMetadata } from '../../lib/model';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json');

describe('format version 1, additive fields: source.alikafka, topics[].storageEngine/remark/tags, consumerGroups[].remark/tags', () => {
  const meta = {
    formatVersion: 1,
    source: {
      kind: 'alikafka',
      kafkaVersion: '2.6.x',
      alikafka: {
        tags: { team: 'pay', env: 'prod' },
        regionId: 'cn-hangzhou',
        instanceId: 'alikafka_post-cn-a',
        specType: 'professional',
        ioMaxSpec: 'alikafka.hw.6xlarge',
        diskType: 'ssd',
        diskSize: 900,
        partitionQuota: 1100,
        partitionNum: 100,
        serviceVersion: '2.6.2',
        zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'],
        deployType: 'vpc',
        config: { 'kafka.log.retention.hours': '72', 'enable.acl': 'true' },
        allowedIps: [
          { type: 'vpc', portRange: '9094/9094', cidrs: ['10.0.0.0/8'] },
          { type: 'vpc', portRange: '9092/9092', cidrs: ['192.168.0.0/16', '10.0.0.0/8'] },
        ],
      },
    },
    topics: [
      { name: 'orders', partitions: 12, storageEngine: 'local', remark: 'order events', tags: { team: 'pay' } },
      { name: 'audit', partitions: 6, storageEngine: 'cloud' },
    ],
    consumerGroups: [{ groupId: 'billing', remark: 'billing service', tags: { team: 'pay' } }],
  };

  test('a file with every new field is valid and serializes in a fixed order (lists sorted)', () => {
    const back = JSON.parse(serializeMetadata(validateMetadata(meta)));
    expect(Object.keys(back.source.alikafka)).toEqual([
      'instanceId',
      'regionId',
      'specType',
      'ioMaxSpec',
      'diskType',
      'diskSize',
      'partitionQuota',
      'partitionNum',
      'serviceVersion',
      'zoneIds',
      'deployType',
      'config',
      'allowedIps',
      'tags',
    ]);
    expect(back.source.alikafka.tags).toEqual({ env: 'prod', team: 'pay' });
    expect(Object.keys(back.source.alikafka.tags)).toEqual(['env', 'team']);
    expect(back.source.alikafka.allowedIps).toEqual([
      { type: 'vpc', portRange: '9092/9092', cidrs: ['10.0.0.0/8', '192.168.0.0/16'] },
      { type: 'vpc', portRange: '9094/9094', cidrs: ['10.0.0.0/8'] },
    ]);
    // the zones keep their order: the first is the primary
    expect(back.source.alikafka.zoneIds).toEqual(['cn-hangzhou-k', 'cn-hangzhou-j']);
    expect(back.topics.map((t: { name: string }) => t.name)).toEqual(['audit', 'orders']);
    expect(back.topics[1]).toEqual({ name: 'orders', partitions: 12, storageEngine: 'local', remark: 'order events', tags: { team: 'pay' } });
    expect(back.consumerGroups[0]).toEqual({ groupId: 'billing', remark: 'billing service', tags: { team: 'pay' } });
    // and it reads back to the same text
    expect(serializeMetadata(parseMetadataText(serializeMetadata(validateMetadata(meta))))).toBe(serializeMetadata(validateMetadata(meta)));
  });

  test.each([
    [
      'topics[0].storageEngine',
      { ...meta, topics: [{ name: 'orders', partitions: 1, storageEngine: 'ssd' }] },
      /topics\[0\]\.storageEngine: must be one of "local", "cloud"/,
    ],
    ['topics[0].tags.team', { ...meta, topics: [{ name: 'orders', partitions: 1, tags: { team: 1 } }] }, /topics\[0\]\.tags\.team: must be of type string/],
    ['consumerGroups[0].remark', { ...meta, consumerGroups: [{ groupId: 'billing', remark: 7 }] }, /consumerGroups\[0\]\.remark: must be of type string/],
    ['source.alikafka.regionId', { ...meta, source: { kind: 'alikafka', alikafka: { instanceId: 'i' } } }, /source\.alikafka\.regionId: is required/],
    [
      'source.alikafka.diskType',
      { ...meta, source: { kind: 'alikafka', alikafka: { instanceId: 'i', regionId: 'r', diskType: 1 } } },
      /source\.alikafka\.diskType: must be one of/,
    ],
    [
      'source.alikafka.accessKeySecret',
      { ...meta, source: { kind: 'alikafka', alikafka: { instanceId: 'i', regionId: 'r', accessKeySecret: 'x' } } },
      /source\.alikafka\.accessKeySecret: is not a known field/,
    ],
  ])('%s: a bad value is refused, naming the path', (_path, bad, message) => {
    expect(() => validateMetadata(bad)).toThrow(message);
  });

  /** Every key path of a JSON value (array indices left out). */
  const keyPaths = (v: unknown, at = '', out = new Set<string>()): Set<string> => {
    if (Array.isArray(v)) v.forEach((x) => keyPaths(x, `${at}[]`, out));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.add(`${at}.${k}`);
        keyPaths(x, `${at}.${k}`, out);
      }
    return out;
  };

  test("files written by today's export stay valid and serialize with the same fields as before (no new key appears)", () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const parsed = parseMetadataText(text, EXAMPLE);
    expect([...keyPaths(JSON.parse(serializeMetadata(parsed)))].sort()).toEqual([...keyPaths(JSON.parse(text))].sort());
    const kafkaAdmin = {
      formatVersion: 1,
      source: { kind: 'kafka-admin' },
      topics: [{ name: 'orders', partitions: 3, configs: { 'cleanup.policy': 'compact' } }],
    };
    expect(JSON.parse(serializeMetadata(validateMetadata(kafkaAdmin)))).toEqual(kafkaAdmin);
  });

  test("an export of the target instance gives each topic's storage engine to adoption, not only compaction", () => {
    const existing = existingObjectsFromMetadata(
      validateMetadata({
        formatVersion: 1,
        source: { kind: 'alikafka' },
        topics: [
          { name: 'orders', partitions: 12, storageEngine: 'local' },
          { name: 'audit', partitions: 6, storageEngine: 'cloud' },
          { name: 'compacted', partitions: 2, configs: { 'cleanup.policy': 'compact' } },
          { name: 'plain', partitions: 2 },
        ],
      }),
    );
    expect(existing.topics.get('orders')).toEqual({ partitions: 12, compact: false, local: true });
    expect(existing.topics.get('audit')).toEqual({ partitions: 6, compact: false, local: false });
    expect(existing.topics.get('compacted')).toEqual({ partitions: 2, compact: true, local: true });
    expect(existing.topics.get('plain')).toEqual({ partitions: 2, compact: false, local: undefined });
  });
});
