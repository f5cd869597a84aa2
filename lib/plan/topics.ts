import {
  INSTANCE_CONFIG_KEYS,
  COMPACTION_STORAGE,
  CONFIG_STORAGE,
  EnumConfigRule,
  IntegerConfigRule,
  isTopicConfigKey,
  MIN_PARTITIONS,
  TOPIC_CONFIG_KEYS,
  TOPIC_CONFIG_RULES,
  TopicStorage,
} from '../alikafka';
import { DEFAULT_INTERNAL_TOPIC_GLOBS, MIRRORMAKER_EVIDENCE_TOPIC_GLOBS, MIRRORMAKER_GROUP, MIRRORMAKER_HEARTBEATS } from '../kafka';
import { TopicMetadata } from '../model';
import { formatBytes, formatDuration } from './format';
import { compileGlob } from './names';
import { ConfigDecision, SinglePartitionPolicy } from './types';
import { credentialReason, REDACTED } from '../util/redact';

const INTERNAL_RES = DEFAULT_INTERNAL_TOPIC_GLOBS.map(compileGlob);
const MIRRORMAKER_EVIDENCE = MIRRORMAKER_EVIDENCE_TOPIC_GLOBS.map(compileGlob);

/** True when topics or groups of the source show MirrorMaker 2 (its internal topics, remote heartbeats, an mm2 group). */
export function mirrorMakerEvidence(topics: readonly Pick<TopicMetadata, 'name'>[], groupIds: readonly string[]): boolean {
  return topics.some((t) => MIRRORMAKER_EVIDENCE.some((re) => re.test(t.name))) || groupIds.some((g) => MIRRORMAKER_GROUP.test(g));
}

export function isInternalTopic(t: Pick<TopicMetadata, 'name' | 'internal'>, mirrorMaker = false): boolean {
  return t.internal === true || INTERNAL_RES.some((re) => re.test(t.name)) || (mirrorMaker && t.name === MIRRORMAKER_HEARTBEATS);
}

/** Decides whether a topic is in the plan; returns the reason when it is not. */
export function topicSelection(
  t: TopicMetadata,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  mirrorMaker = false,
): { readonly selected: true } | { readonly selected: false; readonly reason: string } {
  const excl = (exclude ?? []).find((g) => compileGlob(g).test(t.name));
  if (excl !== undefined) return { selected: false, reason: `excluded by --exclude ${JSON.stringify(excl)}` };
  const includes = include ?? [];
  if (isInternalTopic(t, mirrorMaker)) {
    const explicit = includes.find((g) => !/^[*?]/.test(g) && compileGlob(g).test(t.name));
    if (explicit === undefined) {
      const why =
        t.name === MIRRORMAKER_HEARTBEATS
          ? "MirrorMaker 2's heartbeat topic (the source has MirrorMaker's internal topics or groups)"
          : 'internal topic (Kafka, Connect, Schema Registry or MirrorMaker)';
      return { selected: false, reason: `${why}; include it explicitly with --include NAME to migrate it` };
    }
    return { selected: true };
  }
  if (includes.length > 0 && !includes.some((g) => compileGlob(g).test(t.name))) {
    return { selected: false, reason: `not matched by any --include (${includes.join(', ')})` };
  }
  return { selected: true };
}

export interface TopicShape {
  readonly partitions: number;
  readonly storage: TopicStorage;
  readonly compact: boolean;
  readonly configs: Record<string, string>;
  readonly notes: string[];
  readonly decisions: ConfigDecision[];
}

interface ClampTexts {
  readonly below: string;
  readonly above: string;
}

function clampInteger(topic: string, key: string, raw: string, rule: IntegerConfigRule, texts: ClampTexts): ConfigDecision {
  if (!/^-?\d+$/.test(raw.trim())) return { topic, key, action: 'dropped', from: raw, reason: 'not an integer' };
  const n = Number(raw.trim());
  if (n < rule.min) return { topic, key, action: 'coerced', from: raw, to: String(rule.min), reason: texts.below };
  if (n > rule.max) return { topic, key, action: 'coerced', from: raw, to: String(rule.max), reason: texts.above };
  return { topic, key, action: 'carried', from: raw, to: String(n), reason: 'within AliKafka range' };
}

const RETENTION = TOPIC_CONFIG_RULES['retention.ms'];
const MESSAGE_SIZE = TOPIC_CONFIG_RULES['max.message.bytes'];
const TIMESTAMP_TYPE: EnumConfigRule = TOPIC_CONFIG_RULES['message.timestamp.type'];

/** One config's decision as if the topic accepted per-topic configs (storage is applied afterwards). */
function decideConfig(topic: string, key: string, raw: string, compact: boolean, policy: readonly string[]): ConfigDecision {
  if (key === 'cleanup.policy') {
    if (compact && policy.length > 1) {
      return {
        topic,
        key,
        action: 'coerced',
        from: raw,
        to: 'compact',
        reason: 'AliKafka topics are compacted or not; time-based deletion of compacted topics is not offered',
      };
    }
    if (compact) return { topic, key, action: 'carried', from: raw, to: 'compact', reason: 'as compact_topic = true' };
    return { topic, key, action: 'carried', from: raw, to: raw, reason: 'delete is the AliKafka default' };
  }
  if (!isTopicConfigKey(key)) {
    return { topic, key, action: 'dropped', from: raw, reason: `not a per-topic setting AliKafka accepts (${TOPIC_CONFIG_KEYS.join(', ')})` };
  }
  if (key === 'retention.ms') {
    if (raw.trim() === '-1') {
      return {
        topic,
        key,
        action: 'coerced',
        from: raw,
        to: String(RETENTION.max),
        reason: `unlimited retention is not offered; set to the AliKafka maximum (${formatDuration(RETENTION.max)})`,
      };
    }
    return clampInteger(topic, key, raw, RETENTION, {
      below: `below the AliKafka minimum of ${formatDuration(RETENTION.min)}`,
      above: `above the AliKafka maximum of ${formatDuration(RETENTION.max)}`,
    });
  }
  if (key === 'max.message.bytes') {
    return clampInteger(topic, key, raw, MESSAGE_SIZE, {
      below: `below the AliKafka minimum of ${formatBytes(MESSAGE_SIZE.min)}; raised (accepts everything the source did)`,
      above: `above the AliKafka maximum of ${formatBytes(MESSAGE_SIZE.max)}: producers of larger messages will be rejected`,
    });
  }
  return TIMESTAMP_TYPE.values.includes(raw)
    ? { topic, key, action: 'carried', from: raw, to: raw, reason: 'accepted by AliKafka' }
    : { topic, key, action: 'dropped', from: raw, reason: `must be ${TIMESTAMP_TYPE.values.join(' or ')}` };
}

/** What applies instead of a per-topic config on cloud storage (true for the instance the plan targets). */
function cloudReason(key: string, raw: string, newInstance: boolean): string {
  if (key === 'max.message.bytes') {
    return newInstance
      ? `the instance's ${INSTANCE_CONFIG_KEYS.messageMaxBytes} applies, which the plan sets from the largest planned topic (up to AliKafka's limit)`
      : `the existing instance's ${INSTANCE_CONFIG_KEYS.messageMaxBytes} applies (see the message-size warning)`;
  }
  if (key === 'retention.ms') {
    return newInstance
      ? `the instance's ${INSTANCE_CONFIG_KEYS.retentionHours} applies (see the instance settings, and the retention warnings for topics it shortens)`
      : `the existing instance's ${INSTANCE_CONFIG_KEYS.retentionHours} applies (see the retention warnings)`;
  }
  if (key === 'message.timestamp.type') {
    return raw === 'LogAppendTime'
      ? "AliKafka has no instance-level timestamp type: messages keep the producer's timestamp (CreateTime) instead of the broker's append time (see warnings)"
      : 'CreateTime is what cloud-storage topics use: nothing changes';
  }
  return 'the instance-level setting applies on cloud storage';
}

/** Why a topic the source instance keeps on local storage stays there. */
export const SOURCE_LOCAL_REASON =
  'on local storage on the source instance: kept local (native storage keeps its per-partition order, its own retention and configs)';

/** Storage and partitions of one topic: compaction, single partitions and a reason to keep it local may need local storage. */
function decideStorage(
  t: TopicMetadata,
  compact: boolean,
  localStorage: boolean,
  singlePartition: SinglePartitionPolicy,
  localReason: string | undefined,
): { storage: TopicStorage; partitions: number; notes: string[] } {
  const notes: string[] = [];
  let storage: TopicStorage = 'cloud';
  let partitions = t.partitions;
  if (compact) {
    storage = COMPACTION_STORAGE;
    notes.push('cleanup.policy=compact: compaction exists only on local-storage topics, so local_topic = true');
  } else if (localReason !== undefined) {
    storage = 'local';
    notes.push(localReason);
  }
  if (t.partitions < MIN_PARTITIONS.cloud) {
    const min = MIN_PARTITIONS.cloud;
    if (singlePartition === 'local' && localStorage) {
      if (storage !== 'local')
        notes.push(`1 partition: cloud-storage topics need at least ${min}, so local storage keeps the single partition (and its total order)`);
      storage = 'local';
    } else if (storage === 'local') {
      notes.push('1 partition kept: local-storage topics accept 1');
    } else {
      partitions = min;
      notes.push(
        localStorage
          ? `1 partition grown to ${min} (single-partition policy grow): cloud-storage topics need at least ${min}; total order across the topic is lost`
          : `1 partition grown to ${min}: cloud-storage topics need at least ${min} and this edition has no local storage; total order across the topic is lost`,
      );
    }
  }
  return { storage, partitions, notes };
}

/**
 * Maps one topic's partitions, storage, compaction and configs to AliKafka.
 * `localStorage` says whether the target edition offers local-storage topics. A topic on local storage on the
 * source (`storageEngine`), or with a `localReason` (a local-storage pattern), stays on local storage.
 */
export function shapeTopic(
  t: TopicMetadata,
  localStorage: boolean,
  singlePartition: SinglePartitionPolicy,
  newInstance = true,
  localReason?: string,
): TopicShape {
  const cfg = t.configs ?? {};
  const policy = (cfg['cleanup.policy'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const compact = policy.includes('compact');
  const why = localReason ?? (t.storageEngine === 'local' ? SOURCE_LOCAL_REASON : undefined);
  const { storage, partitions, notes } = decideStorage(t, compact, localStorage, singlePartition, why);
  const decisions: ConfigDecision[] = [];
  const configs: Record<string, string> = {};
  for (const key of Object.keys(cfg).sort()) {
    // secrets (by key or by the value's shape) are dropped, and their values never reach the plan or report
    const secret = credentialReason(key, cfg[key]);
    if (secret !== undefined) {
      decisions.push({ topic: t.name, key, action: 'dropped', from: REDACTED, reason: `${secret}: never copied, and its value is not shown` });
      continue;
    }
    const raw = cfg[key];
    let d = decideConfig(t.name, key, raw, compact, policy);
    if (key !== 'cleanup.policy' && d.action !== 'dropped' && !CONFIG_STORAGE.includes(storage)) {
      d = {
        topic: t.name,
        key,
        action: 'dropped',
        from: raw,
        reason: `per-topic configs apply only to local-storage topics; ${cloudReason(key, raw, newInstance)}`,
      };
    }
    if (key !== 'cleanup.policy' && d.action !== 'dropped' && d.to !== undefined) configs[key] = d.to;
    decisions.push(d);
  }
  return { partitions, storage, compact, configs, notes, decisions };
}
