import { KAFKA_INTERNAL_TOPICS } from '../kafka';

const INTERNAL_TOPICS: ReadonlySet<string> = new Set(KAFKA_INTERNAL_TOPICS);

/** Kafka's own internal topics (Topic.isInternal plus the 4.x share-group state topic). */
export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}
