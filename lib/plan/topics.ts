import { TopicMetadata } from '../model';
import { globToRegExp } from './names';
import { ConfigDecision, SinglePartitionPolicy } from './types';

/**
 * Topics that belong to Kafka or its ecosystem rather than to applications. They are excluded unless
 * an `--include` glob that does not start with a wildcard names them (for example `--include _schemas`).
 */
export const DEFAULT_INTERNAL_TOPIC_GLOBS: readonly string[] = [
  '__*', // __consumer_offsets, __transaction_state, __cluster_metadata, ...
  '_schemas', // Confluent Schema Registry
  '_confluent-*', // Confluent Platform
  'connect-configs',
  'connect-offsets',
  'connect-status', // Kafka Connect (distributed-mode defaults)
  'heartbeats', // MirrorMaker 2
  '*.checkpoints.internal',
  'mm2-offset-syncs.*.internal',
  'mm2-configs.*.internal',
  'mm2-offsets.*.internal',
  'mm2-status.*.internal',
];

const INTERNAL_RES = DEFAULT_INTERNAL_TOPIC_GLOBS.map(globToRegExp);

export function isInternalTopic(t: Pick<TopicMetadata, 'name' | 'internal'>): boolean {
  return t.internal === true || INTERNAL_RES.some((re) => re.test(t.name));
}

/** Decides whether a topic is in the plan; returns the reason when it is not. */
export function topicSelection(
  t: TopicMetadata,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
): { readonly selected: true } | { readonly selected: false; readonly reason: string } {
  const excl = (exclude ?? []).find((g) => globToRegExp(g).test(t.name));
  if (excl !== undefined) return { selected: false, reason: `excluded by --exclude ${JSON.stringify(excl)}` };
  const includes = include ?? [];
  if (isInternalTopic(t)) {
    const explicit = includes.find((g) => !/^[*?]/.test(g) && globToRegExp(g).test(t.name));
    if (explicit === undefined) {
      return { selected: false, reason: 'internal topic (Kafka, Connect, Schema Registry or MirrorMaker); include it explicitly with --include NAME to migrate it' };
    }
    return { selected: true };
  }
  if (includes.length > 0 && !includes.some((g) => globToRegExp(g).test(t.name))) {
    return { selected: false, reason: `not matched by any --include (${includes.join(', ')})` };
  }
  return { selected: true };
}

/** AliKafka per-topic config keys (reserved instances, local-storage topics) and their accepted ranges. */
export const TOPIC_CONFIG_RULES = {
  'retention.ms': { min: 3_600_000, max: 31_536_000_000 },
  'max.message.bytes': { min: 1_048_576, max: 10_485_760 },
  'message.timestamp.type': { values: ['CreateTime', 'LogAppendTime'] },
} as const;

/** Config keys whose values may be secrets: dropped, and their values never reach the plan or report. */
const SENSITIVE_CONFIG_KEY = /password|secret|jaas|token|credential|private|\.key$/i;
const REDACTED = '(redacted)';

export interface TopicShape {
  readonly partitions: number;
  readonly storage: 'local' | 'cloud';
  readonly compact: boolean;
  readonly configs: Record<string, string>;
  readonly notes: string[];
  readonly decisions: ConfigDecision[];
}

function clampInteger(
  topic: string,
  key: string,
  raw: string,
  min: number,
  max: number,
  what: { readonly below: string; readonly above: string; readonly invalid: string },
): ConfigDecision {
  if (!/^-?\d+$/.test(raw.trim())) {
    return { topic, key, action: 'dropped', from: raw, reason: what.invalid };
  }
  const n = Number(raw.trim());
  if (n < min) return { topic, key, action: 'coerced', from: raw, to: String(min), reason: what.below };
  if (n > max) return { topic, key, action: 'coerced', from: raw, to: String(max), reason: what.above };
  return { topic, key, action: 'carried', from: raw, to: String(n), reason: 'within AliKafka range' };
}

/**
 * Maps one topic's partitions, storage, compaction and configs to AliKafka.
 * `localStorage` says whether the target edition offers local-storage topics.
 */
export function shapeTopic(t: TopicMetadata, localStorage: boolean, singlePartition: SinglePartitionPolicy): TopicShape {
  const notes: string[] = [];
  const decisions: ConfigDecision[] = [];
  const configs: Record<string, string> = {};
  const cfg = t.configs ?? {};
  const policy = (cfg['cleanup.policy'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const compact = policy.includes('compact');
  let storage: 'local' | 'cloud' = 'cloud';
  let partitions = t.partitions;

  if (compact) {
    storage = 'local';
    notes.push('cleanup.policy=compact: compaction exists only on local-storage topics, so local_topic = true');
  }
  if (t.partitions === 1) {
    if (singlePartition === 'local' && localStorage) {
      if (storage !== 'local') notes.push('1 partition: cloud-storage topics need at least 2, so local storage keeps the single partition (and its total order)');
      storage = 'local';
    } else {
      if (storage === 'local') {
        notes.push('1 partition kept: local-storage topics accept 1');
      } else {
        partitions = 2;
        notes.push(localStorage
          ? '1 partition grown to 2 (--single-partition grow): cloud-storage topics need at least 2; total order across the topic is lost'
          : '1 partition grown to 2: cloud-storage topics need at least 2 and this edition has no local storage; total order across the topic is lost');
      }
    }
  }

  for (const key of Object.keys(cfg).sort()) {
    if (SENSITIVE_CONFIG_KEY.test(key)) {
      decisions.push({ topic: t.name, key, action: 'dropped', from: REDACTED, reason: 'looks like a credential: never copied, and its value is not shown' });
      continue;
    }
    const raw = cfg[key];
    let d: ConfigDecision;
    if (key === 'cleanup.policy') {
      if (compact && policy.length > 1) {
        d = { topic: t.name, key, action: 'coerced', from: raw, to: 'compact', reason: 'AliKafka topics are compacted or not; time-based deletion of compacted topics is not offered' };
      } else if (compact) {
        d = { topic: t.name, key, action: 'carried', from: raw, to: 'compact', reason: 'as compact_topic = true' };
      } else {
        d = { topic: t.name, key, action: 'carried', from: raw, to: raw, reason: 'delete is the AliKafka default' };
      }
      decisions.push(d);
      continue;
    }
    if (key === 'retention.ms') {
      if (raw.trim() === '-1') {
        d = { topic: t.name, key, action: 'coerced', from: raw, to: String(TOPIC_CONFIG_RULES[key].max), reason: 'unlimited retention is not offered; set to the AliKafka maximum (365 days)' };
      } else {
        d = clampInteger(t.name, key, raw, TOPIC_CONFIG_RULES[key].min, TOPIC_CONFIG_RULES[key].max, {
          below: 'below the AliKafka minimum of 1 hour',
          above: 'above the AliKafka maximum of 365 days',
          invalid: 'not an integer',
        });
      }
    } else if (key === 'max.message.bytes') {
      d = clampInteger(t.name, key, raw, TOPIC_CONFIG_RULES[key].min, TOPIC_CONFIG_RULES[key].max, {
        below: 'below the AliKafka minimum of 1 MiB; raised (accepts everything the source did)',
        above: 'above the AliKafka maximum of 10 MiB: producers of larger messages will be rejected',
        invalid: 'not an integer',
      });
    } else if (key === 'message.timestamp.type') {
      d = (TOPIC_CONFIG_RULES[key].values as readonly string[]).includes(raw)
        ? { topic: t.name, key, action: 'carried', from: raw, to: raw, reason: 'accepted by AliKafka' }
        : { topic: t.name, key, action: 'dropped', from: raw, reason: 'must be CreateTime or LogAppendTime' };
    } else {
      d = { topic: t.name, key, action: 'dropped', from: raw, reason: 'not a per-topic setting AliKafka accepts (retention.ms, max.message.bytes, message.timestamp.type)' };
    }
    if (d.action !== 'dropped' && storage !== 'local') {
      d = { topic: t.name, key, action: 'dropped', from: raw, reason: 'per-topic configs apply only to local-storage topics; the instance-level setting applies on cloud storage' };
    }
    if (d.action !== 'dropped' && d.to !== undefined) configs[key] = d.to;
    decisions.push(d);
  }
  return { partitions, storage, compact, configs, notes, decisions };
}
