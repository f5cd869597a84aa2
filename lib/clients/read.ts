/**
 * Reads an existing client configuration for lint-client: a Java `.properties` file (parsed by the one
 * properties parser, lib/sources/properties.ts) or a kafkajs helper config (JSON, the shape client-config
 * writes). Both become one view keyed by Java client keys, so every rule reads one shape.
 */
import * as path from 'path';
import type { ClientDefaults, ClientRole } from '../alikafka/client-practices';
import { parseProperties } from '../sources/properties';
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';
import { ClientConfigError } from './target';

export type ClientFileFormat = 'properties' | 'kafkajs';

export interface ClientFile {
  readonly file: string;
  readonly format: ClientFileFormat;
  /** Settings by Java client key (kafkajs fields mapped to the Java key they stand for). */
  readonly settings: ReadonlyMap<string, string>;
  /** For kafkajs files: Java key → the JSON path it came from, for messages. */
  readonly origin: ReadonlyMap<string, string>;
  /** The role the file's keys show, when they show one. */
  readonly role?: ClientRole;
  /** Whose defaults apply to absent keys: the Java client's, the helper's (its JSON shape), or plain kafkajs's (a bare KafkaConfig). @default the format's */
  readonly defaults?: ClientDefaults;
}

const CONSUMER_KEYS =
  /^(group\.id|group\.instance\.id|key\.deserializer|value\.deserializer|auto\.offset\.reset|enable\.auto\.commit|auto\.commit\.interval\.ms|max\.poll\.records|max\.poll\.interval\.ms|fetch\.max\.bytes|fetch\.min\.bytes|max\.partition\.fetch\.bytes|isolation\.level|partition\.assignment\.strategy)$/;
const PRODUCER_KEYS =
  /^(key\.serializer|value\.serializer|acks|linger\.ms|batch\.size|buffer\.memory|partitioner\.class|max\.request\.size|enable\.idempotence|transactional\.id|delivery\.timeout\.ms|compression\.type|max\.in\.flight\.requests\.per\.connection)$/;

function roleOfKeys(keys: Iterable<string>): ClientRole | undefined {
  let consumer = false;
  let producer = false;
  for (const k of keys) {
    if (CONSUMER_KEYS.test(k)) consumer = true;
    if (PRODUCER_KEYS.test(k)) producer = true;
  }
  return consumer === producer ? undefined : consumer ? 'consumer' : 'producer';
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function fromKafkajs(value: unknown, file: string): Omit<ClientFile, 'file' | 'format'> {
  if (!isObj(value)) throw new ClientConfigError(`${file}: a kafkajs config must be a JSON object`);
  // the helper's shape ({kafka, producer, consumer}) or a bare KafkaConfig ({brokers, ssl, sasl})
  const kafka = isObj(value.kafka) ? value.kafka : value;
  if (!Array.isArray(kafka.brokers)) throw new ClientConfigError(`${file}: no kafka.brokers list: is this a kafkajs config (client-config's kafkajs format)?`);
  const settings = new Map<string, string>();
  const origin = new Map<string, string>();
  const prefix = kafka === value ? '' : 'kafka.';
  const set = (key: string, v: unknown, from: string): void => {
    if (v === undefined || v === null) return;
    settings.set(key, Array.isArray(v) ? v.map(String).join(',') : String(v));
    origin.set(key, from);
  };
  set('bootstrap.servers', kafka.brokers, `${prefix}brokers`);
  if (kafka.clientId !== undefined) set('client.id', kafka.clientId, `${prefix}clientId`);
  const sasl = isObj(kafka.sasl) ? kafka.sasl : undefined;
  const ssl = kafka.ssl !== undefined && kafka.ssl !== false;
  set('security.protocol', sasl ? (ssl ? 'SASL_SSL' : 'SASL_PLAINTEXT') : ssl ? 'SSL' : 'PLAINTEXT', `${prefix}ssl/${prefix}sasl`);
  if (sasl) {
    set('sasl.mechanism', String(sasl.mechanism ?? '').toUpperCase(), `${prefix}sasl.mechanism`);
    if (sasl.password !== undefined) set('sasl.password', sasl.password, `${prefix}sasl.password`);
  }
  const retry = isObj(kafka.retry) ? kafka.retry : {};
  set('retries', retry.retries, `${prefix}retry.retries`);
  set('retry.backoff.ms', retry.initialRetryTime, `${prefix}retry.initialRetryTime`);
  const producer = isObj(value.producer) ? value.producer : undefined;
  if (producer) {
    set('acks', producer.acks === -1 ? 'all' : producer.acks, 'producer.acks');
    set('batch.size', producer.batchSize, 'producer.batchSize');
    set('enable.idempotence', producer.idempotent, 'producer.idempotent');
    set('transactional.id', producer.transactionalId, 'producer.transactionalId');
  }
  const consumer = isObj(value.consumer) ? value.consumer : undefined;
  if (consumer) {
    set('group.id', consumer.groupId, 'consumer.groupId');
    if (typeof consumer.fromBeginning === 'boolean') set('auto.offset.reset', consumer.fromBeginning ? 'earliest' : 'latest', 'consumer.fromBeginning');
    set('enable.auto.commit', consumer.autoCommit, 'consumer.autoCommit');
    set('fetch.max.bytes', consumer.maxBytes, 'consumer.maxBytes');
    set('max.partition.fetch.bytes', consumer.maxBytesPerPartition, 'consumer.maxBytesPerPartition');
  }
  for (const [where, v] of [
    ['topics', value.topics],
    ['consumer.topics', consumer?.topics],
    ['producer.topic', producer?.topic],
  ] as const) {
    if (v !== undefined) set(where, v, where);
  }
  const role = producer && !consumer ? 'producer' : consumer && !producer ? 'consumer' : undefined;
  return { settings, origin, role, defaults: kafka === value ? 'kafkajs' : 'kafkajs-helper' };
}

/** Reads one client configuration file; the format comes from the extension (.json) or the first character. */
export function readClientFile(file: string): ClientFile {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new ClientConfigError(`${file}: cannot read: ${(e as Error).message}`);
  }
  const json = path.extname(file).toLowerCase() === '.json' || /^\s*\{/.test(text);
  if (json) {
    let value: unknown;
    try {
      value = parseJsonText(text);
    } catch (e) {
      throw new ClientConfigError(`${file}: ${e instanceof JsonShapeError ? '' : 'not valid JSON: '}${(e as Error).message}`);
    }
    return { file, format: 'kafkajs', ...fromKafkajs(value, file) };
  }
  const settings = parseProperties(text);
  return { file, format: 'properties', settings, origin: new Map(), role: roleOfKeys(settings.keys()), defaults: 'java' };
}
