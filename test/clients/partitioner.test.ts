import { PartitionMetadata, Partitioners } from 'kafkajs';
import { createStickyPartitioner, javaKeyPartition, murmur2 } from '../../lib/clients/partitioner';

const meta = (n: number, down: number[] = []): PartitionMetadata[] =>
  Array.from({ length: n }, (_, i) => ({
    partitionId: i,
    leader: down.includes(i) ? -1 : 0,
    replicas: [0],
    isr: [0],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));

/** A seeded generator (mulberry32), so the long-run test is the same every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('murmur2', () => {
  // values printed by Kafka 3.9's org.apache.kafka.common.utils.Utils.murmur2 (java -cp $RIG_KAFKA_CLASSPATH)
  test.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
    ['', 275646681],
    ['k\u00e9y-\u4e2d', 1364572764],
  ])("murmur2(%j) is Java's %d", (s, h) => {
    expect(murmur2(Buffer.from(s, 'utf8'))).toBe(h);
  });
});

describe('sticky partitioner', () => {
  test("keyed messages go where kafkajs's Java-compatible partitioner and Java's formula put them", () => {
    const sticky = createStickyPartitioner({ random: seeded(1) })();
    const reference = Partitioners.DefaultPartitioner();
    const partitionMetadata = meta(7);
    for (let i = 0; i < 2000; i++) {
      const key = `order-${i}-${'x'.repeat(i % 5)}`;
      const p = sticky({ topic: 't', partitionMetadata, message: { key, value: 'v' } });
      expect(p).toBe(reference({ topic: 't', partitionMetadata, message: { key, value: 'v' } }));
      expect(p).toBe(javaKeyPartition(key, 7));
    }
  });

  test('keyless messages stay on one partition for about batch.size bytes, then move to another', () => {
    const part = createStickyPartitioner({ batchSize: 1000, random: seeded(2) })();
    const partitionMetadata = meta(6);
    const value = 'x'.repeat(80); // 100 bytes with the record overhead
    const seq = Array.from({ length: 50 }, () => part({ topic: 't', partitionMetadata, message: { value } }));
    const runs: number[][] = [];
    for (const p of seq) {
      if (runs.length && runs[runs.length - 1][0] === p) runs[runs.length - 1].push(p);
      else runs.push([p]);
    }
    expect(runs.length).toBe(5);
    expect(runs.every((r) => r.length === 10)).toBe(true);
  });

  test('an explicit partition wins; partitions without a leader are avoided', () => {
    const part = createStickyPartitioner({ random: seeded(3) })();
    const partitionMetadata = meta(4, [0, 1, 2]);
    expect(part({ topic: 't', partitionMetadata, message: { value: 'a', partition: 1 } })).toBe(1);
    for (let i = 0; i < 500; i++) expect(part({ topic: 't', partitionMetadata, message: { value: 'x'.repeat(200) } })).toBe(3);
  });

  test('over a long run keyless messages spread evenly: 1 000 000 messages on 12 partitions, each within 1 % of the mean', () => {
    const part = createStickyPartitioner({ random: seeded(4) })();
    const partitionMetadata = meta(12);
    const counts = new Array<number>(12).fill(0);
    const message = { value: 'x'.repeat(80) };
    const n = 1_000_000;
    for (let i = 0; i < n; i++) counts[part({ topic: 't', partitionMetadata, message })]++;
    const mean = n / 12;
    for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThan(0.01);
  });
});
