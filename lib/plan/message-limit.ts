/**
 * The largest message the plan lets the target accept on a set of planned topics, read from the plan's own
 * decisions: a topic's `max.message.bytes` where the plan carries one (local storage), else the instance's
 * `kafka.message.max.bytes` (the plan's instance config, or AliKafka's default when the plan sets none). For an
 * existing instance the plan does not know that setting, so AliKafka's maximum is the bound. Pure: MirrorMaker's
 * client sizes and `verify`'s fetch sizes both come from here, so they follow one decision.
 */
import { INSTANCE_CONFIG_KEYS, MESSAGE_MAX_BYTES } from '../alikafka';
import { formatBytes } from './format';
import type { MigrationPlan, PlannedTopic } from './types';

export interface MessageLimit {
  /** Bytes: the largest record batch a producer may write to one of the topics. */
  readonly bytes: number;
  /** Where the number comes from, for reports. */
  readonly from: string;
  /** False when the plan does not know the limit (an existing instance): `bytes` is then AliKafka's maximum. */
  readonly known: boolean;
}

const TOPIC_KEY = 'max.message.bytes';

function instanceLimit(plan: MigrationPlan): MessageLimit {
  const inst = plan.instance;
  const key = INSTANCE_CONFIG_KEYS.messageMaxBytes;
  if (inst.mode === 'existing')
    return {
      bytes: MESSAGE_MAX_BYTES.max,
      from: `the existing instance's ${key} is not in the plan: AliKafka's maximum, ${formatBytes(MESSAGE_MAX_BYTES.max)}`,
      known: false,
    };
  const raw = inst.config[key];
  if (raw !== undefined && /^\d+$/.test(raw)) return { bytes: Number(raw), from: `the plan's instance config ${key} = ${raw}`, known: true };
  return { bytes: MESSAGE_MAX_BYTES.default, from: `AliKafka's default ${key} (${formatBytes(MESSAGE_MAX_BYTES.default)}): the plan sets none`, known: true };
}

/** The limit of one planned topic on the target: its own `max.message.bytes` in the plan, else the instance's. */
export function topicMessageLimit(plan: MigrationPlan, t: PlannedTopic): MessageLimit {
  const raw = t.configs[TOPIC_KEY];
  if (raw !== undefined && /^\d+$/.test(raw)) return { bytes: Number(raw), from: `topic ${t.name}: ${TOPIC_KEY} = ${raw}`, known: true };
  return instanceLimit(plan);
}

/**
 * The largest limit among `topics` (target names; all planned topics when undefined). Ties keep the first topic
 * by name, so the reason is stable.
 */
export function largestMessageLimit(plan: MigrationPlan, topics?: ReadonlySet<string>): MessageLimit {
  let best: MessageLimit | undefined;
  const chosen = [...plan.topics].filter((t) => topics === undefined || topics.has(t.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of chosen) {
    const l = topicMessageLimit(plan, t);
    if (best === undefined || l.bytes > best.bytes) best = l;
  }
  return best ?? instanceLimit(plan);
}
