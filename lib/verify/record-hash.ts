/**
 * `verify`'s hashing at the read floor: the same 64 bits of SHA-256 as {@link messageHash} and {@link keyId}
 * (./compare), computed from a record in place in the Fetch response ({@link RecordView}), without a message
 * object, and summed as two 32-bit halves (no bigint per record).
 *
 * A record's fields are laid out as messageHash hashes them (each with its length as a 32-bit big-endian int, -1
 * for null) in one reused scratch buffer and hashed in one call; a record larger than the scratch is hashed
 * by updates on subarrays of the response instead (no copy).
 */
import * as crypto from 'crypto';
import { readVarint, RecordView, varintEnd } from '../sources/record-batches';

const SCRATCH_BYTES = 256 * 1024;
const TWO32 = 0x1_0000_0000;

/** One-shot SHA-256 (Node.js 21.7+), or the streaming API. */
const sha256: (b: Buffer) => Buffer =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (b) => (crypto as unknown as { hash(alg: string, data: Buffer, enc: 'buffer'): Buffer }).hash('sha256', b, 'buffer')
    : (b) => crypto.createHash('sha256').update(b).digest();

/** A running sum modulo 2^64 of 64-bit hashes, in two 32-bit halves. */
export class RunningSum {
  count = 0;
  hi = 0;
  lo = 0;

  add(hi: number, lo: number): void {
    this.count++;
    const l = this.lo + lo;
    this.lo = l >= TWO32 ? l - TWO32 : l;
    const h = this.hi + hi + (l >= TWO32 ? 1 : 0);
    this.hi = h >= TWO32 ? h - TWO32 : h;
  }

  /** The sum as checksum() gives it. */
  get value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** this − other, modulo 2^64 (the sum of the hashes added after `other`'s). */
  minus(other: RunningSum): bigint {
    return (this.value - other.value + (1n << 64n)) & ((1n << 64n) - 1n);
  }
}

export class RecordHasher {
  /** The halves of the last hash. */
  hi = 0;
  lo = 0;
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  private readonly len = Buffer.alloc(4);

  /** messageHash(key, value, headers) of the record in `v`. */
  record(v: RecordView): void {
    const buf = v.buf;
    const kl = v.keyLength > 0 ? v.keyLength : 0;
    const vl = v.valueLength > 0 ? v.valueLength : 0;
    // each header's two varints (at least a byte each) become two 4-byte lengths
    const bound = 8 + kl + vl + 4 * (v.end - v.headersStart);
    if (bound > SCRATCH_BYTES) return this.streamed(v);
    const s = this.scratch;
    s.writeInt32BE(v.keyLength < 0 ? -1 : v.keyLength, 0);
    let p = 4;
    if (kl) p += buf.copy(s, p, v.keyStart, v.keyStart + kl);
    s.writeInt32BE(v.valueLength < 0 ? -1 : v.valueLength, p);
    p += 4;
    if (vl) p += buf.copy(s, p, v.valueStart, v.valueStart + vl);
    let h = v.headersStart;
    for (let i = 0; i < v.headerCount; i++) {
      for (let part = 0; part < 2; part++) {
        const l = readVarint(buf, h);
        h = varintEnd();
        s.writeInt32BE(l < 0 ? -1 : l, p);
        p += 4;
        if (l > 0) {
          p += buf.copy(s, p, h, h + l);
          h += l;
        }
      }
    }
    const d = sha256(s.subarray(0, p));
    this.hi = d.readUInt32BE(0);
    this.lo = d.readUInt32BE(4);
  }

  private streamed(v: RecordView): void {
    const hash = crypto.createHash('sha256');
    const part = (start: number, length: number): void => {
      this.len.writeInt32BE(length < 0 ? -1 : length, 0);
      hash.update(this.len);
      if (length > 0) hash.update(v.buf.subarray(start, start + length));
    };
    part(v.keyStart, v.keyLength);
    part(v.valueStart, v.valueLength);
    let h = v.headersStart;
    for (let i = 0; i < v.headerCount * 2; i++) {
      const l = readVarint(v.buf, h);
      h = varintEnd();
      part(h, l);
      if (l > 0) h += l;
    }
    const d = hash.digest();
    this.hi = d.readUInt32BE(0);
    this.lo = d.readUInt32BE(4);
  }

  /** keyId's 64 bits of the record's key (which must not be null). */
  key(v: RecordView): void {
    const d = sha256(v.buf.subarray(v.keyStart, v.keyStart + v.keyLength));
    this.hi = d.readUInt32BE(0);
    this.lo = d.readUInt32BE(4);
  }
}

/** keyId's text (16 hex digits) of 64 bits. */
export function keyIdHex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The first place of each key (by its 64-bit keyId), in typed arrays: about 40 bytes a key, no object per key. */
export class KeyTable implements Iterable<[string, { partition: number; offset: bigint }]> {
  private mask = 1023;
  private ids = new Uint32Array(2048);
  private parts = new Int32Array(1024).fill(-1);
  private offsets = new Float64Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Records the key's place unless the key is known; `offset()` is called only then. */
  addFirst(hi: number, lo: number, partition: number, offset: () => bigint): void {
    let i = lo & this.mask;
    for (;;) {
      const p = this.parts[i];
      if (p === -1) break;
      if (this.ids[2 * i] === hi && this.ids[2 * i + 1] === lo) return;
      i = (i + 1) & this.mask;
    }
    this.ids[2 * i] = hi;
    this.ids[2 * i + 1] = lo;
    this.parts[i] = partition;
    this.offsets[i] = Number(offset());
    if (++this.n * 2 > this.mask) this.grow();
  }

  get(id: string): { partition: number; offset: bigint } | undefined {
    if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
    const hi = parseInt(id.slice(0, 8), 16);
    const lo = parseInt(id.slice(8), 16);
    let i = lo & this.mask;
    for (;;) {
      const p = this.parts[i];
      if (p === -1) return undefined;
      if (this.ids[2 * i] === hi && this.ids[2 * i + 1] === lo) return { partition: p, offset: BigInt(this.offsets[i]) };
      i = (i + 1) & this.mask;
    }
  }

  *[Symbol.iterator](): IterableIterator<[string, { partition: number; offset: bigint }]> {
    for (let i = 0; i <= this.mask; i++) {
      const p = this.parts[i];
      if (p !== -1) yield [keyIdHex(this.ids[2 * i], this.ids[2 * i + 1]), { partition: p, offset: BigInt(this.offsets[i]) }];
    }
  }

  private grow(): void {
    const { ids, parts, offsets } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.ids = new Uint32Array(cap * 2);
    this.parts = new Int32Array(cap).fill(-1);
    this.offsets = new Float64Array(cap);
    for (let j = 0; j < parts.length; j++) {
      if (parts[j] === -1) continue;
      let i = ids[2 * j + 1] & this.mask;
      while (this.parts[i] !== -1) i = (i + 1) & this.mask;
      this.ids[2 * i] = ids[2 * j];
      this.ids[2 * i + 1] = ids[2 * j + 1];
      this.parts[i] = parts[j];
      this.offsets[i] = offsets[j];
    }
  }
}
