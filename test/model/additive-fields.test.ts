import { serializeMetadata, validateMetadata } from '../../lib/model';

describe('format version 1, additive fields: source.usersUnavailable and traffic peaks', () => {
  const meta = {
    formatVersion: 1,
    source: { kind: 'kafka-admin', kafkaVersion: '3.9.x', usersUnavailable: 'broker too old' },
    topics: [{ name: 'orders', partitions: 3 }],
    traffic: {
      windowSeconds: 60,
      bytesInPerSec: 1000,
      peakBytesInPerSec: 5000,
      peakMessagesInPerSec: 50,
      perTopic: { orders: { peakMessagesInPerSec: 50, bytesInPerSec: 1000, peakBytesInPerSec: 5000 } },
    },
    storage: { usedBytes: 10, perTopic: { orders: 10 } },
  };

  test('validate, and serialize in a fixed key order', () => {
    const text = serializeMetadata(validateMetadata(meta));
    const back = JSON.parse(text);
    expect(back.source).toEqual({ kind: 'kafka-admin', kafkaVersion: '3.9.x', usersUnavailable: 'broker too old' });
    expect(Object.keys(back.traffic)).toEqual(['windowSeconds', 'bytesInPerSec', 'peakBytesInPerSec', 'peakMessagesInPerSec', 'perTopic']);
    expect(Object.keys(back.traffic.perTopic.orders)).toEqual(['bytesInPerSec', 'peakBytesInPerSec', 'peakMessagesInPerSec']);
  });

  test('negative peaks and an empty reason are refused, naming the path', () => {
    expect(() => validateMetadata({ ...meta, traffic: { ...meta.traffic, peakBytesInPerSec: -1 } })).toThrow(/traffic\.peakBytesInPerSec/);
    expect(() => validateMetadata({ ...meta, source: { kind: 'manual', usersUnavailable: '' } })).toThrow(/source\.usersUnavailable/);
  });
});
