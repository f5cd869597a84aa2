/**
 * The AliKafka rules the control plane enforces, read from the project's rule module (lib/alikafka), so the
 * stand-in and the plan can never disagree.
 */
import { GROUP_NAME, isValidName as matches, PARTITIONS_PER_TOPIC, TOPIC_NAME, USER_NAME } from '../../lib/alikafka';

export { findIoSpec, SPEC_TYPES, EDITIONS } from '../../lib/alikafka';

export function isValidTopicName(name: string): boolean {
  return matches(TOPIC_NAME, name);
}

export function isValidGroupName(name: string): boolean {
  return matches(GROUP_NAME, name);
}

export function isValidUsername(name: string): boolean {
  return matches(USER_NAME, name);
}

export const MAX_PARTITIONS_PER_TOPIC = PARTITIONS_PER_TOPIC.max;
