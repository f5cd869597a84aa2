/**
 * Fetch responses read without decoding each record into objects: the response parser keeps every partition's
 * record batches as one Buffer ({@link fetchRawApi}), and {@link scanRecords} walks them in place, handing each
 * record to a visitor as positions in that Buffer (a {@link RecordView}, one object reused for every record).
 * Keys, values and headers are never copied; a compressed batch is decompressed once into its own Buffer.
 *
 * `verify` reads gigabytes this way at the speed of the wire; `readRanges` builds its message objects from the
 * same views.
 */
import { kafkaModule } from './client';
import { SourceError } from './errors';

/** One partition of a Fetch response: its error code and its record batches, undecoded. */
export interface RawFetchPartition {
  readonly partitionIndex: number;
  readonly errorCode: number;
  readonly records: Buffer | null;
}

export interface RawFetchResponse {
  readonly errorCode: number;
  readonly responses: ReadonlyArray<{ readonly topicId: string; readonly partitions: readonly RawFetchPartition[] }>;
}

/** A request function of the Kafka module (as `createAPI` makes them). */
export type ApiFunction = ((connection: unknown, ...args: unknown[]) => void) & { readonly version: number };

/** The Kafka module's protocol Reader, as far as the parser uses it. */
interface Reader {
  position: number;
  readonly buffer: { slice(start: number, end: number): Buffer };
  readInt16(): number;
  readInt32(): number;
  readInt64(): bigint;
  readUnsignedVarInt(): number;
  readString(compact?: boolean): string;
  readUUID(): string;
  readTaggedFields(): void;
  skip(n: number): void;
}

const apis = new Map<number, ApiFunction>();

/**
 * The Fetch API of `version` (4 to 17) with a response parser that keeps each partition's records as one Buffer.
 * The request is the Kafka module's own (same arguments as its Fetch of that version).
 */
export function fetchRawApi(version: number): ApiFunction {
  const known = apis.get(version);
  if (known) return known;
  const m = kafkaModule() as unknown as Record<string, unknown> & {
    createAPI(key: number, version: number, req: unknown, parse: unknown, reqTags?: boolean, resTags?: boolean): ApiFunction;
    ResponseError: new (api: number, version: number, errors: Record<string, [number, null]>, response: unknown) => Error;
  };
  const mod = m[`fetchV${version}`] as { createRequest: unknown } | undefined;
  if (!mod) throw new SourceError(`Fetch version ${version} is not supported by the Kafka client`, 'invalid');
  const flexible = version >= 12;
  const parse = (_correlationId: number, apiKey: number, apiVersion: number, reader: Reader): RawFetchResponse => {
    const errors: Array<[string, [number, null]]> = [];
    reader.readInt32(); // throttle time
    let errorCode = 0;
    if (version >= 7) {
      errorCode = reader.readInt16();
      reader.readInt32(); // session id
      if (errorCode !== 0) errors.push(['/', [errorCode, null]]);
    }
    const count = (): number => (flexible ? reader.readUnsignedVarInt() - 1 : reader.readInt32());
    const responses: Array<{ topicId: string; partitions: RawFetchPartition[] }> = [];
    const topics = count();
    for (let i = 0; i < topics; i++) {
      const topicId = version >= 13 ? reader.readUUID() : reader.readString(flexible);
      const partitions: RawFetchPartition[] = [];
      const n = count();
      for (let j = 0; j < n; j++) {
        const partitionIndex = reader.readInt32();
        const pe = reader.readInt16();
        reader.skip(16); // high watermark, last stable offset
        if (version >= 5) reader.skip(8); // log start offset
        const aborted = count();
        for (let a = 0; a < aborted; a++) {
          reader.skip(16); // producer id, first offset
          if (flexible) reader.readTaggedFields();
        }
        if (version >= 11) reader.skip(4); // preferred read replica
        let size = flexible ? reader.readUnsignedVarInt() - 1 : reader.readInt32();
        let records: Buffer | null = null;
        if (size >= 0) {
          records = reader.buffer.slice(reader.position, reader.position + size);
          reader.skip(size);
        } else size = 0;
        if (flexible) reader.readTaggedFields();
        if (pe !== 0) errors.push([`/responses/${i}/partitions/${j}`, [pe, null]]);
        partitions.push({ partitionIndex, errorCode: pe, records });
      }
      if (flexible) reader.readTaggedFields();
      responses.push({ topicId, partitions });
    }
    if (flexible) reader.readTaggedFields();
    const response: RawFetchResponse = { errorCode, responses };
    if (errors.length) throw new m.ResponseError(apiKey, apiVersion, Object.fromEntries(errors), response);
    return response;
  };
  const api = m.createAPI(1, version, mod.createRequest, parse, flexible, flexible);
  apis.set(version, api);
  return api;
}

/** Record batch attributes: compression codec, timestamp type (LogAppendTime), control batch (transaction markers). */
const COMPRESSION = 0x07;
const LOG_APPEND_TIME = 0x08;
const IS_CONTROL = 0x20;
/** Bytes before a batch's records (v2). */
const BATCH_HEADER = 61;

/**
 * One record, as positions in `buf` (the response's Buffer, or a decompressed batch's). The same object is
 * handed to the visitor for every record: read what you need during the call, never keep it.
 */
export interface RecordView {
  buf: Buffer;
  /** Offset of the batch's first record; the record's is `baseOffset + BigInt(offsetDelta)`. */
  baseOffset: bigint;
  offsetDelta: number;
  /** Milliseconds since the epoch (LogAppendTime batches: the batch's). */
  timestamp: number;
  /** Start of the key in `buf`, and its length (-1: null key). */
  keyStart: number;
  keyLength: number;
  valueStart: number;
  valueLength: number;
  /** Start of the first header (its key length varint), and the number of headers. */
  headersStart: number;
  headerCount: number;
  /** End of the record in `buf`. */
  end: number;
}

let at = 0;

/** A zigzag varint (up to 64 bits, as a number) at `pos`; leaves the position after it in `at`. */
export function readVarint(buf: Buffer, pos: number): number {
  const b = buf[pos];
  if (b < 0x80) {
    at = pos + 1;
    return (b >>> 1) ^ -(b & 1);
  }
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    const x = buf[pos++];
    if (x === undefined) throw malformed('a varint runs past the end of the data');
    result += (x & 0x7f) * mul;
    mul *= 128;
    if (x < 0x80) {
      at = pos;
      return result % 2 === 1 ? -(result + 1) / 2 : result / 2;
    }
  }
  throw malformed('a varint is longer than 10 bytes');
}

/** The position after the last {@link readVarint}. */
export function varintEnd(): number {
  return at;
}

function malformed(what: string): SourceError {
  return new SourceError(`a record batch could not be decoded: ${what}`, 'invalid');
}

/** What the complete batches in `buf` cover: the last offset of the last one, and an old format's magic if any. */
export function batchesReach(buf: Buffer): { reached: bigint; oldMagic?: number } {
  let pos = 0;
  let reached = -1n;
  while (pos + 17 <= buf.length) {
    const length = buf.readInt32BE(pos + 8);
    if (pos + 12 + length > buf.length) break;
    const magic = buf.readInt8(pos + 16);
    if (magic !== 2) return { reached, oldMagic: magic };
    const end = buf.readBigInt64BE(pos) + BigInt(buf.readInt32BE(pos + 23));
    if (end > reached) reached = end;
    pos += 12 + length;
  }
  return { reached };
}

/**
 * Calls `visit` for every record of the complete v2 batches in `buf` whose offset is in [from, to), in offset
 * order, leaving out control batches (transaction markers). Stops when `visit` returns false, and then returns
 * false. Old message formats are left to the caller ({@link batchesReach} finds them).
 */
export function scanRecords(buf: Buffer, from: bigint, to: bigint, view: RecordView, visit: (v: RecordView) => boolean | void): boolean {
  let pos = 0;
  while (pos + BATCH_HEADER <= buf.length) {
    const length = buf.readInt32BE(pos + 8);
    const batchEnd = pos + 12 + length;
    if (batchEnd > buf.length) break;
    if (buf.readInt8(pos + 16) !== 2) break;
    const baseOffset = buf.readBigInt64BE(pos);
    const attributes = buf.readInt16BE(pos + 21);
    const lastOffsetDelta = buf.readInt32BE(pos + 23);
    if ((attributes & IS_CONTROL) !== 0 || baseOffset + BigInt(lastOffsetDelta) < from || baseOffset >= to) {
      pos = batchEnd;
      continue;
    }
    const firstTimestamp = Number(buf.readBigInt64BE(pos + 27));
    const appendTime = (attributes & LOG_APPEND_TIME) !== 0 ? Number(buf.readBigInt64BE(pos + 35)) : undefined;
    const count = buf.readInt32BE(pos + 57);
    let data = buf;
    let p = pos + BATCH_HEADER;
    let dataEnd = batchEnd;
    const codec = attributes & COMPRESSION;
    if (codec !== 0) {
      const algorithm = (kafkaModule() as unknown as { compressionsAlgorithmsByBitmask: Record<number, { decompressSync(b: Buffer): Buffer } | undefined> })
        .compressionsAlgorithmsByBitmask[codec];
      if (!algorithm) throw malformed(`unknown compression codec ${codec}`);
      const out = algorithm.decompressSync(buf.subarray(p, batchEnd));
      data = Buffer.isBuffer(out) ? out : Buffer.from(out);
      p = 0;
      dataEnd = data.length;
    }
    // the offsets of this batch to visit, as deltas (exact whatever the offsets' size)
    const lo = from > baseOffset ? Number(from - baseOffset) : 0;
    const hi = Number((to < baseOffset + BigInt(lastOffsetDelta) + 1n ? to : baseOffset + BigInt(lastOffsetDelta) + 1n) - baseOffset);
    view.buf = data;
    view.baseOffset = baseOffset;
    for (let i = 0; i < count; i++) {
      const len = readVarint(data, p);
      const start = at;
      const end = start + len;
      if (len < 0 || end > dataEnd) throw malformed(`a record at offset ${baseOffset} + ${i} runs past its batch`);
      const tsDelta = readVarint(data, start + 1);
      const offsetDelta = readVarint(data, at);
      const keyLength = readVarint(data, at);
      const keyStart = at;
      const valueLength = readVarint(data, keyStart + (keyLength > 0 ? keyLength : 0));
      const valueStart = at;
      const headerCount = readVarint(data, valueStart + (valueLength > 0 ? valueLength : 0));
      p = end;
      if (offsetDelta < lo || offsetDelta >= hi) continue;
      view.offsetDelta = offsetDelta;
      view.timestamp = appendTime ?? firstTimestamp + tsDelta;
      view.keyStart = keyStart;
      view.keyLength = keyLength;
      view.valueStart = valueStart;
      view.valueLength = valueLength;
      view.headersStart = at;
      view.headerCount = headerCount;
      view.end = end;
      if (visit(view) === false) return false;
    }
    pos = batchEnd;
  }
  return true;
}

/** A fresh view for {@link scanRecords}. */
export function newRecordView(): RecordView {
  return {
    buf: Buffer.alloc(0),
    baseOffset: 0n,
    offsetDelta: 0,
    timestamp: 0,
    keyStart: 0,
    keyLength: -1,
    valueStart: 0,
    valueLength: -1,
    headersStart: 0,
    headerCount: 0,
    end: 0,
  };
}

/** The headers of a record as (key, value) pairs (copies of nothing: subarrays of the view's Buffer). */
export function headerPairs(v: RecordView): Array<[Buffer | null, Buffer | null]> {
  const out: Array<[Buffer | null, Buffer | null]> = [];
  let p = v.headersStart;
  for (let i = 0; i < v.headerCount; i++) {
    const kl = readVarint(v.buf, p);
    const k = kl < 0 ? null : v.buf.subarray(at, at + kl);
    const vl = readVarint(v.buf, at + (kl > 0 ? kl : 0));
    const val = vl < 0 ? null : v.buf.subarray(at, at + vl);
    p = at + (vl > 0 ? vl : 0);
    out.push([k, val]);
  }
  return out;
}
