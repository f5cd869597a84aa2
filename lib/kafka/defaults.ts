/**
 * Apache Kafka's own defaults, for what a source broker does when the metadata has no override.
 * @see https://kafka.apache.org/documentation/#brokerconfigs (log.retention.hours, offsets.retention.minutes)
 */

const HOUR_MS = 60 * 60 * 1000;

/** `log.retention.hours`: 7 days. */
export const KAFKA_LOG_RETENTION_HOURS = 168;

/** The broker-level retention in hours from `log.retention.ms` / `.minutes` / `.hours` (Kafka's precedence); -1 is Infinity. */
export function brokerRetentionHours(configs: Readonly<Record<string, string>>): number | undefined {
  const ms = configs['log.retention.ms'];
  if (ms !== undefined && /^-?\d+$/.test(ms.trim())) return Number(ms) < 0 ? Infinity : Number(ms) / HOUR_MS;
  const min = configs['log.retention.minutes'];
  if (min !== undefined && /^-?\d+$/.test(min.trim())) return Number(min) < 0 ? Infinity : Number(min) / 60;
  const h = configs['log.retention.hours'];
  if (h !== undefined && /^-?\d+$/.test(h.trim())) return Number(h) < 0 ? Infinity : Number(h);
  return undefined;
}

/** A topic's `retention.ms` in hours (-1: Infinity), or undefined when it has no valid override. */
export function topicRetentionHours(configs: Readonly<Record<string, string>> | undefined): number | undefined {
  const ms = configs?.['retention.ms'];
  if (ms === undefined || !/^-?\d+$/.test(ms.trim())) return undefined;
  return Number(ms) < 0 ? Infinity : Number(ms) / HOUR_MS;
}

/** True when a topic's `cleanup.policy` includes `compact`. */
export function isCompacted(configs: Readonly<Record<string, string>> | undefined): boolean {
  return (configs?.['cleanup.policy'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('compact');
}
