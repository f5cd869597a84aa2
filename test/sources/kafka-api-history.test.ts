import { KAFKA_API_HISTORY, kafkaVersionFromApiVersions } from '../../lib/sources/kafka-api-history';
import { releasesOfBrokerJson } from '../../lib/sources/zookeeper';
import { ApiVersionMap, scramUsersUnsupported, storageFromReplicas } from '../../lib/sources/broker-facts';

const row = (release: string): Map<number, number> => {
  const r = KAFKA_API_HISTORY.find(([name]) => name === release);
  if (!r) throw new Error(`no row ${release}`);
  return new Map(Object.entries(r[1]).map(([k, v]) => [Number(k), v]));
};

describe('Kafka release from ApiVersions', () => {
  test.each(KAFKA_API_HISTORY.map(([r]) => r).filter((r) => r !== '3.3'))('the versions of %s name that release exactly', (r) => {
    expect(kafkaVersionFromApiVersions(row(r))).toMatchObject({ version: `${r}.x`, exact: true });
  });

  test('3.3 and 3.4 differ only by Envelope (key 58): a broker without it is named as both', () => {
    expect(kafkaVersionFromApiVersions(row('3.3'))).toMatchObject({ version: '3.3.x or 3.4.x', exact: false });
  });

  test('a broker newer than the table is a lower bound, not an exact release', () => {
    const v = row('4.1');
    v.set(0, 99);
    expect(kafkaVersionFromApiVersions(v)).toMatchObject({ version: '4.1.x or later', exact: false });
  });

  test('a KRaft broker that lacks some APIs of its release still matches (missing keys are not counted)', () => {
    const v = row('3.9');
    v.delete(38); // CreateDelegationToken, not served by every broker type
    expect(kafkaVersionFromApiVersions(v).version).toBe('3.9.x');
  });

  test('a broker supporting an API its release lacks does not match that release', () => {
    const v = row('2.6');
    v.set(50, 0); // DescribeUserScramCredentials arrived in 2.7
    expect(kafkaVersionFromApiVersions(v).version).toBe('2.6.x or later');
  });

  test('nothing known: no version', () => {
    expect(kafkaVersionFromApiVersions(new Map([[0, 0]])).version).toBeUndefined();
  });
});

describe('storage from replica sizes', () => {
  test('one copy per partition (the largest replica), summed per topic; other topics left out', () => {
    const s = storageFromReplicas(
      [
        { broker: '1', logDir: '/d', topic: 'a', partition: 0, bytes: 100 },
        { broker: '2', logDir: '/d', topic: 'a', partition: 0, bytes: 90 }, // a lagging follower
        { broker: '2', logDir: '/d', topic: 'a', partition: 1, bytes: 50 },
        { broker: '1', logDir: '/d', topic: '__consumer_offsets', partition: 0, bytes: 7 },
      ],
      ['a', 'b'],
    );
    expect(s).toEqual({ usedBytes: 150, perTopic: { a: 150 } });
  });
});

describe('SCRAM users through the Admin API', () => {
  const versionsOf = (release: string): ApiVersionMap => {
    const out: ApiVersionMap = {};
    for (const [k, v] of row(release)) out[k] = { minVersion: 0, maxVersion: v };
    return out;
  };

  test('a 2.6 broker cannot list them: the reason names the release needed and the ZooKeeper fix', () => {
    expect(scramUsersUnsupported(versionsOf('2.6'), 'broker 0 (h:9092)')).toMatch(
      /^broker 0 \(h:9092\) does not support DescribeUserScramCredentials \(needs Kafka 2\.7\+, or 3\.5\+ in KRaft mode\); export with `zookeeper`/,
    );
  });

  test.each(['2.7', '3.9', '4.1'])('a %s broker can', (r) => {
    expect(scramUsersUnsupported(versionsOf(r), 'b')).toBeUndefined();
  });
});

describe('Kafka releases from the ZooKeeper broker registration format', () => {
  test.each<[number, string | undefined]>([
    [5, '2.7.x to 3.9.x'],
    [4, '0.10.2.x to 2.6.x'],
    [3, '0.10.0.x or 0.10.1.x'],
    [2, '0.9.0.x'],
    [1, undefined],
    [6, undefined],
  ])('version %i: %s', (v, expected) => {
    expect(releasesOfBrokerJson(v)).toBe(expected);
  });
});
