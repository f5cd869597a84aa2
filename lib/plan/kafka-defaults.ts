/**
 * Apache Kafka's own defaults, for what a source broker does when the metadata has no override (these are Kafka's
 * rules, not AliKafka's: AliKafka's are in lib/alikafka).
 */

/** `log.retention.hours`: 7 days. */
export const KAFKA_LOG_RETENTION_HOURS = 168;

import { HOUR_MS } from '../alikafka';

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
