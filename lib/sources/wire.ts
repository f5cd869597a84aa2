/**
 * Requests kafkajs 2.2.4 does not implement (DescribeLogDirs, DescribeUserScramCredentials), sent over
 * kafkajs's own connections: its internal Cluster/Broker classes (kafkajs is pinned exactly in
 * package.json) carry the connection, SASL and TLS; this module only encodes request bodies and
 * decodes response bodies, including the "flexible" (KIP-482) encodings with compact strings, compact
 * arrays and tagged fields that kafkajs has no code for.
 *
 * Only read-only (Describe*) requests are built here.
 */
import { KafkaConfig } from 'kafkajs';

/** kafkajs' Broker: the parts used here and by the group-less Fetch in traffic.ts. */
export interface InternalBroker {
  readonly nodeId: number | string | null;
  readonly brokerAddress: string;
  apiVersions(): Promise<Record<number, { minVersion: number; maxVersion: number }>>;
  fetch(req: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{
    responses: Array<{
      topicName: string;
      partitions: Array<{
        partition: number;
        errorCode: number;
        messages: Array<{ key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | Buffer[] | string | undefined>; offset: string }>;
      }>;
    }>;
  }>;
  listOffsets(req: {
    replicaId?: number;
    isolationLevel: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number; offset: string }> }> }>;
  readonly connectionPool: { send(req: ProtocolRequest): Promise<unknown> };
}

/** A Metadata response as kafkajs decodes it (rack from v1, cluster id from v2). */
export interface MetadataResponse {
  readonly brokers: ReadonlyArray<{ readonly nodeId: number; readonly host: string; readonly port: number; readonly rack?: string | null }>;
  readonly clusterId?: string | null;
}

export interface InternalCluster {
  connect(): Promise<void>;
  /** One Metadata request (no topics: brokers and cluster id only with `topics: []`). */
  metadata(q: { topics: string[] }): Promise<MetadataResponse>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): string[];
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(q: { nodeId: string }): Promise<InternalBroker>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
  /** Log-end offsets (ListOffsets, latest), one request per leader broker. */
  fetchTopicsOffset(
    topics: Array<{ topic: string; partitions: Array<{ partition: number }> }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

interface KafkajsEncoder {
  writeBuffer(b: Buffer): KafkajsEncoder;
}
interface ProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<KafkajsEncoder> };
  response: { decode: (raw: Buffer) => Promise<unknown>; parse: (d: unknown) => Promise<unknown> };
}
interface ClusterCtor {
  new (opts: Record<string, unknown>): InternalCluster;
}
interface LoggerModule {
  createLogger(o: { level: number; logCreator: () => () => void }): unknown;
}
interface EncoderCtor {
  new (): KafkajsEncoder;
}

/** A kafkajs Cluster with logging off and topic auto-creation off. */
export function createCluster(cfg: KafkaConfig): InternalCluster {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Cluster = require('kafkajs/src/cluster') as ClusterCtor;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLogger } = require('kafkajs/src/loggers') as LoggerModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const socketFactory = (require('kafkajs/src/network/socketFactory') as () => unknown)();
  return new Cluster({
    socketFactory,
    logger: createLogger({ level: 0, logCreator: () => () => undefined }),
    brokers: cfg.brokers,
    ssl: cfg.ssl,
    sasl: cfg.sasl,
    clientId: cfg.clientId,
    connectionTimeout: cfg.connectionTimeout,
    authenticationTimeout: cfg.authenticationTimeout,
    requestTimeout: cfg.requestTimeout,
    enforceRequestTimeout: true,
    retry: cfg.retry,
    allowAutoTopicCreation: false,
    isolationLevel: 0,
    offsets: new Map(),
  });
}

/** Writes a request body; `flexible` selects the KIP-482 compact encodings. */
export class Writer {
  private readonly parts: Buffer[] = [];

  constructor(readonly flexible: boolean) {}

  int8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    this.parts.push(b);
    return this;
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }

  uvarint(v: number): this {
    const out: number[] = [];
    let x = v >>> 0;
    while (x >= 0x80) {
      out.push((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    out.push(x);
    this.parts.push(Buffer.from(out));
    return this;
  }

  string(s: string | null): this {
    if (s === null) return this.flexible ? this.uvarint(0) : this.int16(-1);
    const b = Buffer.from(s, 'utf8');
    if (this.flexible) this.uvarint(b.length + 1);
    else this.int16(b.length);
    this.parts.push(b);
    return this;
  }

  /** An array (null for a null array); each element is written by `f`. */
  array<T>(items: readonly T[] | null, f: (w: this, item: T) => void): this {
    if (items === null) return this.flexible ? this.uvarint(0) : this.int32(-1);
    if (this.flexible) this.uvarint(items.length + 1);
    else this.int32(items.length);
    for (const it of items) f(this, it);
    return this;
  }

  /** An empty tagged-field section (flexible versions only). */
  tags(): this {
    return this.flexible ? this.uvarint(0) : this;
  }

  buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Reads a response body; `flexible` selects the KIP-482 compact encodings. */
export class Reader {
  private pos = 0;

  constructor(
    private readonly buf: Buffer,
    readonly flexible: boolean,
  ) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error(`response truncated at byte ${this.pos} (needed ${n} more of ${this.buf.length})`);
  }

  int8(): number {
    this.need(1);
    const v = this.buf.readInt8(this.pos);
    this.pos += 1;
    return v;
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  bool(): boolean {
    return this.int8() !== 0;
  }

  uvarint(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = this.int8() & 0xff;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return v;
      shift += 7;
      if (shift > 28) throw new Error('malformed varint in response');
    }
  }

  string(): string | null {
    const n = this.flexible ? this.uvarint() - 1 : this.int16();
    if (n < 0) return null;
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  bytes(): Buffer | null {
    const n = this.flexible ? this.uvarint() - 1 : this.int32();
    if (n < 0) return null;
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  array<T>(f: (r: this) => T): T[] {
    const n = this.flexible ? this.uvarint() - 1 : this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(f(this));
    return out;
  }

  /** Skips a tagged-field section (flexible versions only). */
  tags(): void {
    if (!this.flexible) return;
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint(); // tag
      const size = this.uvarint();
      this.need(size);
      this.pos += size;
    }
  }
}

/**
 * Sends one request to one broker and decodes the response.
 * For a flexible version the request header is v2 (header v1 + an empty tagged-field section, which is
 * written as the first byte of the body, since kafkajs writes header v1) and the response header is v1
 * (correlation id + tagged fields, skipped here before `decode`).
 */
export async function sendRaw<T>(
  broker: InternalBroker,
  req: { apiKey: number; apiName: string; version: number; flexible: boolean; body: (w: Writer) => void },
  decode: (r: Reader) => T,
): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Encoder = require('kafkajs/src/protocol/encoder') as EncoderCtor;
  const w = new Writer(req.flexible);
  if (req.flexible) w.tags(); // request header v2's tagged fields
  req.body(w);
  const payload = w.buffer();
  const protocolRequest: ProtocolRequest = {
    request: { apiKey: req.apiKey, apiVersion: req.version, apiName: req.apiName, encode: async () => new Encoder().writeBuffer(payload) },
    response: {
      decode: async (raw: Buffer) => {
        const r = new Reader(raw, req.flexible);
        if (req.flexible) r.tags(); // response header v1's tagged fields
        return decode(r);
      },
      parse: async (d: unknown) => d,
    },
  };
  return (await broker.connectionPool.send(protocolRequest)) as T;
}

/** Kafka error codes used by the readers here. */
export const KafkaErrorCode = {
  NONE: 0,
  UNSUPPORTED_VERSION: 35,
  CLUSTER_AUTHORIZATION_FAILED: 31,
  SECURITY_DISABLED: 54,
  RESOURCE_NOT_FOUND: 91,
  KAFKA_STORAGE_ERROR: 56,
} as const;
