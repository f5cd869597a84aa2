import * as path from 'path';
import { loadMetadataFile, MetadataError, parseMetadataText, serializeMetadata, validateMetadata } from '../../lib/model';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json');

function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 12 }], ...extra };
}

function issuesOf(value: unknown): string[] {
  try {
    validateMetadata(value);
  } catch (e) {
    expect(e).toBeInstanceOf(MetadataError);
    return (e as MetadataError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the metadata to be rejected');
}

describe('metadata loader', () => {
  test('the bundled example is valid and has 50+ topics, groups, users and ACLs', () => {
    const meta = loadMetadataFile(EXAMPLE);
    expect(meta.topics.length).toBeGreaterThanOrEqual(50);
    expect(meta.consumerGroups?.length).toBeGreaterThan(10);
    expect(meta.users?.length).toBeGreaterThan(3);
    expect(meta.acls?.length).toBeGreaterThan(10);
  });

  test('accepts x- extension keys at any level', () => {
    expect(() => validateMetadata(base({ 'x-note': { any: 1 }, topics: [{ name: 'orders', partitions: 12, 'x-owner': 'team-a' }] }))).not.toThrow();
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['partitions 0', base({ topics: [{ name: 'a-topic', partitions: 0 }] }), /^topics\[0\]\.partitions: must be an integer >= 1, got 0$/],
    ['partitions non-integer', base({ topics: [{ name: 'a-topic', partitions: 1.5 }] }), /^topics\[0\]\.partitions: must be an integer, got 1\.5$/],
    ['partitions as a string', base({ topics: [{ name: 'a-topic', partitions: '12' }] }), /^topics\[0\]\.partitions: must be an integer, got "12"$/],
    ['a missing topic name', base({ topics: [{ partitions: 3 }] }), /^topics\[0\]\.name: is required$/],
    ['topics not an array', base({ topics: { name: 'x' } }), /^topics: must be of type array/],
    ['an unknown field', base({ topics: [{ name: 'a-topic', partitions: 3, replicas: 3 }] }), /^topics\[0\]\.replicas: is not a known field/],
    [
      'an unknown source kind',
      base({ source: { kind: 'kafka' } }),
      /^source\.kind: must be one of "zookeeper", "kafka-admin", "alikafka", "manual", got "kafka"$/,
    ],
    ['a bad timestamp', base({ source: { kind: 'manual', collectedAt: 'yesterday' } }), /^source\.collectedAt: must be a date-time/],
    ['credentials in the endpoint', base({ source: { kind: 'manual', endpoint: 'admin:hunter2@zk:2181' } }), /^source\.endpoint: must not contain credentials/],
    [
      'a bad ACL permission',
      base({ acls: [{ principal: 'User:a', resourceType: 'Topic', resourceName: 'x', patternType: 'LITERAL', operation: 'Read', permission: 'Maybe' }] }),
      /^acls\[0\]\.permission: must be one of "Allow", "Deny"/,
    ],
    [
      'a duplicate topic',
      base({
        topics: [
          { name: 'orders', partitions: 3 },
          { name: 'orders', partitions: 6 },
        ],
      }),
      /^topics\[1\]: duplicate topic name "orders" \(first at topics\[0\]\)/,
    ],
    ['a duplicate group', base({ consumerGroups: [{ groupId: 'g1' }, { groupId: 'g1' }] }), /^consumerGroups\[1\]: duplicate group id "g1"/],
    [
      'an offset above 2^53',
      // eslint-disable-next-line no-loss-of-precision -- the point of the case: a value JSON.parse cannot hold exactly
      base({ consumerGroups: [{ groupId: 'g1', offsets: [{ topic: 'orders', partition: 0, offset: 9007199254740993 }] }] }),
      /^consumerGroups\[0\]\.offsets\[0\]\.offset: must be at most 2\^53-1/,
    ],
    ['a topic name of 250 characters', base({ topics: [{ name: 'a'.repeat(250), partitions: 3 }] }), /^topics\[0\]\.name: must have at most 249 characters/],
    ['an empty topic name', base({ topics: [{ name: '', partitions: 3 }] }), /^topics\[0\]\.name: must have at least 1 character/],
  ])('fails if %s', (_name, value, expected) => {
    const issues = issuesOf(value);
    expect(issues.some((i) => expected.test(i))).toBe(true);
  });

  test('reports every problem, not only the first', () => {
    const issues = issuesOf(base({ topics: [{ name: 'a-topic', partitions: 0 }, { name: 'b-topic', partitions: 'x' }, { partitions: 1 }] }));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^topics\[0\]\.partitions/),
        expect.stringMatching(/^topics\[1\]\.partitions/),
        expect.stringMatching(/^topics\[2\]\.name: is required/),
      ]),
    );
  });

  test('fails if the format version is from the future, naming the supported versions', () => {
    expect(() => validateMetadata(base({ formatVersion: 2 }))).toThrow(
      /format version 2 is not supported by this build \(supported: 1\); upgrade alikafka-migrate/,
    );
  });

  test('fails if the format version is missing', () => {
    expect(issuesOf({ source: { kind: 'manual' }, topics: [] })).toContain('formatVersion: is required');
  });

  test('fails if the JSON is truncated, saying so', () => {
    const text = JSON.stringify(base(), null, 2);
    expect(() => parseMetadataText(text.slice(0, text.length - 20), 'm.json')).toThrow(
      /m\.json: invalid metadata.*not valid JSON.*(truncated|line \d+, column \d+)/s,
    );
  });

  test('fails if the document is not an object', () => {
    expect(() => parseMetadataText('[1,2]')).toThrow(/the document must be a JSON object, got \[1,2\]/);
  });

  test('fails with a clear message if the file does not exist', () => {
    expect(() => loadMetadataFile('/nonexistent/meta.json')).toThrow(/\/nonexistent\/meta\.json: .*cannot read the metadata file: no such file/s);
  });

  test('accepts unicode topic names (the plan renames them)', () => {
    expect(() => validateMetadata(base({ topics: [{ name: '订单-事件', partitions: 3 }] }))).not.toThrow();
  });

  test('serializeMetadata sorts topics, groups and config keys, and round-trips', () => {
    const meta = validateMetadata(
      base({
        topics: [
          { name: 'zeta', partitions: 3, configs: { 'retention.ms': '1', 'cleanup.policy': 'delete' } },
          { name: 'alpha', partitions: 2 },
        ],
        consumerGroups: [{ groupId: 'g2' }, { groupId: 'g1' }],
      }),
    );
    const text = serializeMetadata(meta);
    const back = JSON.parse(text) as { topics: Array<{ name: string; configs?: Record<string, string> }>; consumerGroups: Array<{ groupId: string }> };
    expect(back.topics.map((t) => t.name)).toEqual(['alpha', 'zeta']);
    expect(Object.keys(back.topics[1].configs ?? {})).toEqual(['cleanup.policy', 'retention.ms']);
    expect(back.consumerGroups.map((g) => g.groupId)).toEqual(['g1', 'g2']);
    expect(serializeMetadata(validateMetadata(back))).toBe(text);
  });
});
