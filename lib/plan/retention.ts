/**
 * Retention, decided once: how long the source keeps each topic's messages, and the instance retention
 * (`kafka.log.retention.hours`) that cloud-storage topics follow on AliKafka. Sizing sizes the disk for it and the
 * plan sets it, both through `defaultInstanceRetention`, so the two can never disagree.
 */
import { INSTANCE_RETENTION_HOURS } from '../alikafka';
import { brokerRetentionHours, KAFKA_LOG_RETENTION_HOURS, topicRetentionHours } from '../kafka';
import type { BrokerInfo, TopicMetadata } from '../model';

/** How long the source keeps a topic's messages (hours; Infinity: forever), and where that comes from. */
export interface SourceRetention {
  readonly hours: number;
  readonly from: string;
}

/** The largest value of a broker setting among the source brokers that state it. */
export function brokerSetting(
  brokers: readonly BrokerInfo[] | undefined,
  read: (configs: Readonly<Record<string, string>>) => number | undefined,
): number | undefined {
  const values = (brokers ?? []).map((b) => (b.configs ? read(b.configs) : undefined)).filter((v): v is number => v !== undefined);
  return values.length > 0 ? Math.max(...values) : undefined;
}

/** The source retention of a topic: its `retention.ms`, else the brokers' log retention, else Kafka's default. */
export function sourceRetention(t: Pick<TopicMetadata, 'name' | 'configs'>, brokers: readonly BrokerInfo[] | undefined): SourceRetention {
  const own = topicRetentionHours(t.configs);
  if (own !== undefined) return { hours: own, from: `topic ${t.name}` };
  const broker = brokerSetting(brokers, brokerRetentionHours);
  if (broker !== undefined) return { hours: broker, from: `topic ${t.name} (the source brokers' log retention)` };
  return {
    hours: KAFKA_LOG_RETENTION_HOURS,
    from: `topic ${t.name} (Kafka's default log.retention.hours, ${KAFKA_LOG_RETENTION_HOURS} h: no override and no broker settings in the metadata)`,
  };
}

/** The longest of `retentions` (the first of equals), or undefined for none. */
export function longestRetention(retentions: readonly SourceRetention[]): SourceRetention | undefined {
  let longest: SourceRetention | undefined;
  for (const r of retentions) if (longest === undefined || r.hours > longest.hours) longest = r;
  return longest;
}

export function formatHours(hours: number): string {
  return Number.isFinite(hours) ? `${hours % 1 === 0 ? hours : hours.toFixed(1)} h` : 'forever';
}

/** The instance retention when none is given, and why. */
export interface DefaultRetention {
  readonly hours: number;
  /** What the topics ask for (whole hours; Infinity: forever); undefined when no cloud-storage topic is planned. */
  readonly wanted?: number;
  readonly reason: string;
}

/**
 * The default instance retention: the longest retention among the cloud-storage topics (which follow the instance
 * retention on AliKafka), within AliKafka's range and at most `maxHours` (the edition's limit).
 */
export function defaultInstanceRetention(longestCloud: SourceRetention | undefined, maxHours: number, editionTitle: string): DefaultRetention {
  if (longestCloud === undefined) {
    return {
      hours: INSTANCE_RETENTION_HOURS.default,
      reason: `AliKafka's default: no cloud-storage topic is planned (local-storage topics keep their own retention.ms)`,
    };
  }
  const max = Math.min(INSTANCE_RETENTION_HOURS.max, maxHours);
  const wanted = Math.ceil(longestCloud.hours);
  const hours = Math.max(INSTANCE_RETENTION_HOURS.min, Math.min(wanted, max));
  const what = `the longest retention among the planned cloud-storage topics (${longestCloud.from}: ${formatHours(longestCloud.hours)})`;
  const reason =
    wanted > max
      ? `${what}, capped at ${max} h, ${max === INSTANCE_RETENTION_HOURS.max ? "AliKafka's maximum" : `the most ${editionTitle} keeps`}`
      : wanted < INSTANCE_RETENTION_HOURS.min
        ? `${what}, raised to AliKafka's minimum of ${INSTANCE_RETENTION_HOURS.min} h`
        : what;
  return { hours, wanted, reason };
}
