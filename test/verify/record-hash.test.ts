import { kafkaModule } from '../../lib/sources/client';
import { batchesReach, headerPairs, newRecordView, scanRecords } from '../../lib/sources/record-batches';
import { checksum, keyId, messageHash } from '../../lib/verify/compare';
import { RunningSum, KeyTable, keyIdHex, RecordHasher } from '../../lib/verify/record-hash';

interface Msg {
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[Buffer, Buffer | null]>;
}

/** A record batch as a producer writes it (the Kafka module's own encoder), at `baseOffset`. */
function batch(msgs: readonly Msg[], baseOffset: bigint, compression: 'none' | 'gzip' = 'none'): Buffer {
  const m = kafkaModule() as unknown as {
    createRecordsBatch(messages: unknown[], options: { compression: string }): { buffer: Buffer };
  };
  const buf = Buffer.from(
    m.createRecordsBatch(
      msgs.map((x) => ({ topic: 't', key: x.key ?? undefined, value: x.value ?? undefined, headers: new Map(x.headers), timestamp: 1700000000000n })),
      { compression },
    ).buffer,
  );
  buf.writeBigInt64BE(baseOffset, 0);
  return buf;
}

// a fixed pseudo-random sequence
let seed = 7;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => rnd(256)));

function messages(n: number): Msg[] {
  return Array.from({ length: n }, (_, i) => ({
    key: i % 5 === 0 ? null : i % 7 === 0 ? Buffer.alloc(0) : bytes(1 + rnd(40)),
    value: i % 11 === 0 ? Buffer.alloc(0) : bytes(rnd(3000)),
    headers:
      i % 3 === 0 ? [[Buffer.from(`h${i}`), i % 2 ? null : bytes(rnd(20))] as [Buffer, Buffer | null], [Buffer.from('b'), bytes(3)] as [Buffer, Buffer]] : [],
  }));
}

describe('hashing records in place in a Fetch response', () => {
  test.each(['none', 'gzip'] as const)('each record hashes as messageHash and its key as keyId (%s batches), in offset order', (compression) => {
    const msgs = messages(120);
    // the Kafka module's encoder writes absent (undefined) keys and values as null
    const buf = Buffer.concat([batch(msgs.slice(0, 50), 1000n, compression), batch(msgs.slice(50), 1050n, compression)]);
    const h = new RecordHasher();
    const seen: Array<{ offset: bigint; hash: bigint; key?: string; headers: number }> = [];
    expect(
      scanRecords(buf, 1000n, 2000n, newRecordView(), (v) => {
        h.record(v);
        const hash = (BigInt(h.hi) << 32n) | BigInt(h.lo);
        let key: string | undefined;
        if (v.keyLength >= 0) {
          h.key(v);
          key = keyIdHex(h.hi, h.lo);
        }
        seen.push({ offset: v.baseOffset + BigInt(v.offsetDelta), hash, key, headers: headerPairs(v).length });
      }),
    ).toBe(true);
    expect(seen.map((x) => x.offset)).toEqual(msgs.map((_, i) => 1000n + BigInt(i)));
    expect(seen.map((x) => x.hash)).toEqual(msgs.map((m) => messageHash(m.key, m.value, m.headers)));
    expect(seen.map((x) => x.key)).toEqual(msgs.map((m) => (m.key === null ? undefined : keyId(m.key))));
    expect(seen.map((x) => x.headers)).toEqual(msgs.map((m) => m.headers.length));
    expect(batchesReach(buf)).toEqual({ reached: 1119n });
  });

  test('a record larger than the scratch buffer hashes the same (streamed), and a range limits what is visited', () => {
    const msgs: Msg[] = [
      { key: Buffer.from('k'), value: bytes(300 * 1024), headers: [[Buffer.from('x'), bytes(10)]] },
      { key: null, value: bytes(10), headers: [] },
      { key: Buffer.from('k2'), value: null, headers: [] },
    ];
    const buf = batch(msgs, 0n);
    const h = new RecordHasher();
    const hashes: bigint[] = [];
    scanRecords(buf, 0n, 3n, newRecordView(), (v) => {
      h.record(v);
      hashes.push((BigInt(h.hi) << 32n) | BigInt(h.lo));
    });
    expect(hashes).toEqual(msgs.map((m) => messageHash(m.key, m.value, m.headers)));
    const offsets: bigint[] = [];
    scanRecords(buf, 1n, 2n, newRecordView(), (v) => {
      offsets.push(v.baseOffset + BigInt(v.offsetDelta));
    });
    expect(offsets).toEqual([1n]);
  });

  test('the visitor stops the scan by returning false; a batch cut off at the end of the response is left out', () => {
    const buf = Buffer.concat([batch(messages(10), 0n), batch(messages(10), 10n)]);
    let n = 0;
    expect(scanRecords(buf, 0n, 100n, newRecordView(), () => ++n < 4)).toBe(false);
    expect(n).toBe(4);
    const cut = buf.subarray(0, buf.length - 5);
    n = 0;
    scanRecords(cut, 0n, 100n, newRecordView(), () => {
      n++;
    });
    expect(n).toBe(10);
    expect(batchesReach(cut)).toEqual({ reached: 9n });
  });
});

test('keys read again are looked up, not hashed again: every keyId stays exact through slot collisions, empty and long keys', () => {
  const h = new RecordHasher();
  const view = newRecordView();
  const keys = [
    ...Array.from({ length: 100_000 }, (_, i) => Buffer.from(`customer-${(i * 7919) % 70_000}`)),
    Buffer.alloc(0),
    Buffer.from('x'.repeat(65)),
    Buffer.from('x'.repeat(64)),
    Buffer.from('customer-1\u0000'),
    Buffer.alloc(0),
    Buffer.from('x'.repeat(65)),
  ];
  const wrong: string[] = [];
  for (const key of [...keys, ...keys.slice(0, 1000)]) {
    // the key somewhere inside a larger buffer, as in a Fetch response
    const buf = Buffer.concat([Buffer.from('pre'), key, Buffer.from('post')]);
    view.buf = buf;
    view.keyStart = 3;
    view.keyLength = key.length;
    h.key(view);
    if (keyIdHex(h.hi, h.lo) !== keyId(key)) wrong.push(key.toString());
  }
  expect(wrong).toEqual([]);
});

describe('RunningSum and KeyTable', () => {
  test('the sum of halves equals checksum() of the hashes, and minus() gives the sum of the later ones', () => {
    const hashes = Array.from({ length: 500 }, (_, i) => messageHash(Buffer.from(`k${i}`), Buffer.from(`v${i}`)));
    const all = new RunningSum();
    const head = new RunningSum();
    hashes.forEach((x, i) => {
      const hi = Number(x >> 32n);
      const lo = Number(x & 0xffffffffn);
      all.add(hi, lo);
      if (i < 123) head.add(hi, lo);
    });
    expect(all.value).toBe(checksum(hashes));
    expect(all.count).toBe(500);
    expect(all.minus(head)).toBe(checksum(hashes, 123));
  });

  test('keeps the first place of each key through growth, and looks keys up by their keyId text', () => {
    const t = new KeyTable();
    const ref = new Map<string, { partition: number; offset: bigint }>();
    for (let i = 0; i < 5000; i++) {
      const key = Buffer.from(`key-${i % 3000}`);
      const id = keyId(key);
      t.addFirst(parseInt(id.slice(0, 8), 16), parseInt(id.slice(8), 16), i % 7, () => BigInt(i));
      if (!ref.has(id)) ref.set(id, { partition: i % 7, offset: BigInt(i) });
    }
    expect(t.size).toBe(3000);
    expect(new Map(t)).toEqual(ref);
    expect(t.get(keyId(Buffer.from('key-42')))).toEqual(ref.get(keyId(Buffer.from('key-42'))));
    expect(t.get(keyId(Buffer.from('absent')))).toBeUndefined();
  });
});
