/**
 * kafkajs helpers for Node applications on AliKafka: `createProducer` / `createConsumer` with Alibaba's
 * best-practice defaults (retries with a 1 s backoff for the 30 s idle disconnects, acks=1, latest offsets)
 * and a sticky partitioner for keyless messages that keeps keyed messages where Java's client puts them.
 * The config is the JSON that `client-config --format kafkajs` writes; its `${env:...}`/`${file:...}`
 * references are resolved when it is loaded.
 */
import { InternalError } from '../errors';
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';
import type { Consumer, ConsumerConfig, ConsumerSubscribeTopics, Kafka, KafkaConfig, Producer, ProducerConfig, ProducerRecord, SASLOptions } from 'kafkajs';
import { CLIENT_PRACTICES } from '../alikafka/client-practices';
import { kafkajsModule } from './kafkajs-module';
import { createStickyPartitioner } from './partitioner';
import { resolveSecretRefs } from './secrets';
import { ClientConfigError } from './target';
import type { ConnectionOptions } from 'tls';
import { tlsFromProperties } from '../sources/tls';

/** TLS of the kafkajs helper config, in the Java client's terms (the stores are read by lib/sources/tls). */
export interface KafkajsSsl {
  readonly truststore?: { readonly location: string; readonly password?: string; readonly type?: string };
  /** false: no host-name check (ssl.endpoint.identification.algorithm= for AliKafka 2.x); the chain is still verified. */
  readonly checkHostname?: boolean;
}

/** Node TLS options for the helper config's `kafka.ssl`, read the way a Java client reads the same settings. */
export function kafkajsTlsOptions(ssl: boolean | KafkajsSsl | undefined, source = 'kafkajs config'): boolean | ConnectionOptions | undefined {
  if (ssl === undefined || typeof ssl === 'boolean') return ssl;
  const props = new Map<string, string>();
  if (ssl.truststore) {
    props.set('ssl.truststore.location', ssl.truststore.location);
    if (ssl.truststore.password !== undefined) props.set('ssl.truststore.password', ssl.truststore.password);
    if (ssl.truststore.type !== undefined) props.set('ssl.truststore.type', ssl.truststore.type);
  }
  if (ssl.checkHostname === false) props.set('ssl.endpoint.identification.algorithm', '');
  const get = (k: string): string | undefined => {
    const v = props.get(k);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const options = tlsFromProperties(get, (k) => props.has(k), `${source}: kafka.ssl`).options;
  return Object.keys(options).length ? options : true;
}

/** The kafkajs helper config: what `client-config --format kafkajs` writes (extra keys are ignored). */
export interface KafkajsClientConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId?: string;
    /** true: TLS with Node's CA list; an object: the truststore (JKS, PKCS12 or PEM) and the host-name check. */
    readonly ssl?: boolean | KafkajsSsl;
    readonly sasl?: { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
    readonly retry?: { readonly retries?: number; readonly initialRetryTime?: number };
    readonly connectionTimeout?: number;
    readonly requestTimeout?: number;
  };
  readonly producer?: {
    /** 1, -1 (all) or 0. */
    readonly acks?: number;
    /** Bytes to a partition before the sticky partitioner moves on. */
    readonly batchSize?: number;
  };
  readonly consumer?: {
    readonly groupId?: string;
    readonly fromBeginning?: boolean;
    readonly maxBytes?: number;
    readonly maxBytesPerPartition?: number;
  };
}

const practiceNumber = (id: string): number => {
  const p = CLIENT_PRACTICES.find((x) => x.id === id);
  if (!p || p.value.kind !== 'fixed') throw new InternalError(`no fixed practice ${id}`);
  return Number(p.value.value);
};

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function resolveDeep(v: unknown, env: NodeJS.ProcessEnv, where: string): unknown {
  if (typeof v === 'string') return resolveSecretRefs(v, env, where);
  if (Array.isArray(v)) return v.map((x, i) => resolveDeep(x, env, `${where}[${i}]`));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveDeep(x, env, `${where}.${k}`)]));
  return v;
}

/**
 * Checks the shape of a parsed helper config and resolves its references. Throws ClientConfigError naming
 * the field (and never a secret's value).
 */
export function parseKafkajsClientConfig(value: unknown, source = 'kafkajs config', env: NodeJS.ProcessEnv = process.env): KafkajsClientConfig {
  if (!isObj(value) || !isObj(value.kafka))
    throw new ClientConfigError(`${source}: needs a "kafka" object with "brokers" (client-config writes one in its kafkajs format)`);
  const k = value.kafka;
  if (!Array.isArray(k.brokers) || k.brokers.length === 0 || !k.brokers.every((b) => typeof b === 'string' && b.trim() !== '')) {
    throw new ClientConfigError(`${source}: kafka.brokers must be a non-empty list of host:port strings`);
  }
  if (k.sasl !== undefined) {
    if (!isObj(k.sasl) || !['plain', 'scram-sha-256', 'scram-sha-512'].includes(String(k.sasl.mechanism))) {
      throw new ClientConfigError(`${source}: kafka.sasl.mechanism must be plain, scram-sha-256 or scram-sha-512`);
    }
    if (typeof k.sasl.username !== 'string' || typeof k.sasl.password !== 'string') {
      throw new ClientConfigError(`${source}: kafka.sasl needs username and password (a reference such as \${env:ALIKAFKA_SASL_PASSWORD})`);
    }
  }
  for (const section of ['producer', 'consumer'] as const) {
    if (value[section] !== undefined && !isObj(value[section])) throw new ClientConfigError(`${source}: ${section} must be an object`);
  }
  try {
    const resolved = {
      kafka: resolveDeep(k, env, `${source}: kafka`),
      producer: value.producer === undefined ? undefined : resolveDeep(value.producer, env, `${source}: producer`),
      consumer: value.consumer === undefined ? undefined : resolveDeep(value.consumer, env, `${source}: consumer`),
    };
    return resolved as KafkajsClientConfig;
  } catch (e) {
    throw new ClientConfigError((e as Error).message);
  }
}

/** Reads a helper config file (JSON) and resolves its references. */
export function loadKafkajsClientConfig(file: string, env: NodeJS.ProcessEnv = process.env): KafkajsClientConfig {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new ClientConfigError(`${file}: cannot read: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (e) {
    throw new ClientConfigError(`${file}: ${e instanceof JsonShapeError ? '' : 'not valid JSON: '}${(e as Error).message}`);
  }
  return parseKafkajsClientConfig(value, file, env);
}

/**
 * A kafkajs `Kafka` client for the config, with retries and backoff for AliKafka's idle disconnects. Needs kafkajs
 * installed (an optional peer dependency); without it, a usage error says to install it.
 */
export function createKafka(config: KafkajsClientConfig, extra: Partial<KafkaConfig> = {}): Kafka {
  return buildKafka(config, extra, 'createKafka');
}

/** `createKafka` for a helper, named in the error when kafkajs is not installed. */
function buildKafka(config: KafkajsClientConfig, extra: Partial<KafkaConfig>, helper: string): Kafka {
  const kafkajs = kafkajsModule(helper);
  const k = config.kafka;
  const cfg: KafkaConfig = {
    brokers: [...k.brokers],
    clientId: k.clientId ?? 'alikafka-client',
    ssl: kafkajsTlsOptions(k.ssl),
    sasl: k.sasl ? ({ ...k.sasl } as SASLOptions) : undefined,
    retry: {
      retries: k.retry?.retries ?? practiceNumber('producer-retries'),
      initialRetryTime: k.retry?.initialRetryTime ?? practiceNumber('producer-retry-backoff'),
    },
    connectionTimeout: k.connectionTimeout,
    requestTimeout: k.requestTimeout,
    logLevel: kafkajs.logLevel.WARN,
    ...extra,
  };
  return new kafkajs.Kafka(cfg);
}

export interface CreateProducerOptions {
  /** Use this Kafka client instead of one built from the config. */
  readonly kafka?: Kafka;
  /** Passed to kafkajs; `createPartitioner` defaults to the sticky partitioner. */
  readonly producer?: ProducerConfig;
  /** For tests: the sticky partitioner's random numbers. */
  readonly random?: () => number;
}

/**
 * A kafkajs producer for AliKafka: the sticky partitioner (keyless messages batch on one partition, keyed
 * ones go where Java puts them) and the config's `acks` (default 1) on every send that does not set its own.
 * One producer per application is enough.
 */
export function createProducer(config: KafkajsClientConfig, options: CreateProducerOptions = {}): Producer {
  const kafka = options.kafka ?? buildKafka(config, {}, 'createProducer');
  const batchSize = config.producer?.batchSize ?? practiceNumber('producer-batch-size');
  const inner = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: createStickyPartitioner({ batchSize, random: options.random }),
    ...options.producer,
  });
  const acks = config.producer?.acks ?? 1;
  const send = (record: ProducerRecord) => inner.send({ acks, ...record });
  const sendBatch: Producer['sendBatch'] = (batch) => inner.sendBatch({ acks, ...batch });
  return { ...inner, send, sendBatch };
}

export interface CreateConsumerOptions {
  readonly kafka?: Kafka;
  /** Passed to kafkajs over the config's values. */
  readonly consumer?: Partial<ConsumerConfig>;
}

/**
 * A kafkajs consumer for AliKafka: the config's group, fetch sizes, and `fromBeginning: false` (latest) on
 * every subscribe that does not set its own.
 */
export function createConsumer(config: KafkajsClientConfig, options: CreateConsumerOptions = {}): Consumer {
  const kafka = options.kafka ?? buildKafka(config, {}, 'createConsumer');
  const c = config.consumer ?? {};
  const groupId = options.consumer?.groupId ?? c.groupId;
  if (!groupId) throw new ClientConfigError('createConsumer: the config has no consumer.groupId (client-config writes it for a consumer with its group)');
  const inner = kafka.consumer({
    allowAutoTopicCreation: false,
    maxBytes: c.maxBytes,
    maxBytesPerPartition: c.maxBytesPerPartition,
    ...options.consumer,
    groupId,
  });
  const fromBeginning = c.fromBeginning ?? false;
  const subscribe = (s: ConsumerSubscribeTopics) => inner.subscribe({ fromBeginning, ...s });
  return { ...inner, subscribe } as Consumer;
}
