/**
 * The AliKafka rules the control plane enforces, read from the project's rule module (lib/alikafka), so the
 * stand-in and the plan can never disagree.
 */
import { GROUP_NAME, isValidName as matches, PARTITIONS_PER_TOPIC, TOPIC_NAME, USER_NAME } from '../../lib/alikafka';

export { findIoSpec, SPEC_TYPES, EDITIONS } from '../../lib/alikafka';

/** Topic (and, with `group`, group) names of reserved instances; `noDots` for older API versions. */
export function isValidName(name: string, _noDots: boolean, kind: 'topic' | 'group' = 'topic'): boolean {
  return matches(kind === 'topic' ? TOPIC_NAME : GROUP_NAME, name);
}

export function isValidUsername(name: string): boolean {
  return matches(USER_NAME, name);
}

export const MAX_PARTITIONS_PER_TOPIC = PARTITIONS_PER_TOPIC.max;
