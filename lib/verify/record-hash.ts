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
/** Slots of the table of recent keys (a power of two), and the longest key it holds. */
const KEY_CACHE = 1 << 16;
const KEY_CACHE_BYTES = 64;
const TWO32 = 0x1_0000_0000;

/**
 * SHA-256 of `b` as a latin1 string (a character per byte: the digest without a Buffer object), one-shot where
 * Node.js has it (21.7+).
 */
const sha256: (b: Uint8Array) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (b) => (crypto as unknown as { hash(alg: string, data: Uint8Array, enc: 'latin1'): string }).hash('sha256', b, 'latin1')
    : (b) => crypto.createHash('sha256').update(b).digest().toString('latin1');

/** The first 32 bits of a latin1 digest from `at`. */
function word(d: string, at: number): number {
  return ((d.charCodeAt(at) << 24) | (d.charCodeAt(at + 1) << 16) | (d.charCodeAt(at + 2) << 8) | d.charCodeAt(at + 3)) >>> 0;
}

/** Views of the scratch buffer's first N bytes, by N (up to this many bytes): no view object per record. */
const VIEWS_UP_TO = 16 * 1024;

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
  private readonly views: Array<Buffer | undefined> = [];
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
    let view = p <= VIEWS_UP_TO ? this.views[p] : undefined;
    if (!view) {
      view = s.subarray(0, p);
      if (p <= VIEWS_UP_TO) this.views[p] = view;
    }
    const d = sha256(view);
    this.hi = word(d, 0);
    this.lo = word(d, 4);
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

  // keys seen lately and their keyIds: a key read again (most keyed topics repeat their keys) is looked up by its
  // bytes instead of hashed again; a fixed table, a new key takes its slot
  private readonly cacheLength = new Int32Array(KEY_CACHE).fill(-1);
  private readonly cacheTag = new Int32Array(KEY_CACHE);
  private readonly cacheIds = new Uint32Array(KEY_CACHE * 2);
  private readonly cacheBytes = Buffer.alloc(KEY_CACHE * KEY_CACHE_BYTES);

  /** keyId's 64 bits of the record's key (which must not be null). */
  key(v: RecordView): void {
    const { buf, keyStart: start, keyLength: len } = v;
    if (len > KEY_CACHE_BYTES) return this.keyHash(buf.subarray(start, start + len));
    // FNV-1a of the key picks the slot
    let tag = 0x811c9dc5 | 0;
    for (let i = 0; i < len; i++) tag = Math.imul(tag ^ buf[start + i], 0x01000193);
    const slot = (tag >>> 0) & (KEY_CACHE - 1);
    const base = slot * KEY_CACHE_BYTES;
    if (this.cacheLength[slot] === len && this.cacheTag[slot] === tag) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.cacheBytes[base + i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hi = this.cacheIds[2 * slot];
        this.lo = this.cacheIds[2 * slot + 1];
        return;
      }
    }
    this.keyHash(buf.subarray(start, start + len));
    buf.copy(this.cacheBytes, base, start, start + len);
    this.cacheLength[slot] = len;
    this.cacheTag[slot] = tag;
    this.cacheIds[2 * slot] = this.hi;
    this.cacheIds[2 * slot + 1] = this.lo;
  }

  private keyHash(key: Buffer): void {
    const d = sha256(key);
    this.hi = word(d, 0);
    this.lo = word(d, 4);
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
