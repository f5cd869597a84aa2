import { AclMetadata, ClusterMetadata } from '../model';
import { RemovedObject } from './types';

function aclKey(a: AclMetadata): string {
  return [a.principal, a.resourceType, a.resourceName, a.patternType, a.operation, a.permission, a.host ?? '*'].join('\u0000');
}

/**
 * Re-planning from a newer export: objects that were in the export the last plan came from but are gone
 * from the source now are kept (so Terraform does not destroy them), unless `allowDestroy` is set.
 * Returns the metadata to plan from and the list of removed objects for the report.
 */
export function mergePrevious(
  current: ClusterMetadata,
  previous: ClusterMetadata,
  allowDestroy: boolean,
): { readonly meta: ClusterMetadata; readonly removed: RemovedObject[] } {
  const removed: RemovedObject[] = [];
  const action = allowDestroy ? 'destroy' : 'kept';

  const topicNames = new Set(current.topics.map((t) => t.name));
  const goneTopics = previous.topics.filter((t) => !topicNames.has(t.name));
  for (const t of goneTopics) removed.push({ kind: 'topic', name: t.name, action });

  const groupIds = new Set((current.consumerGroups ?? []).map((g) => g.groupId));
  const goneGroups = (previous.consumerGroups ?? []).filter((g) => !groupIds.has(g.groupId));
  for (const g of goneGroups) removed.push({ kind: 'group', name: g.groupId, action });

  const userNames = new Set((current.users ?? []).map((u) => u.name));
  const goneUsers = (previous.users ?? []).filter((u) => !userNames.has(u.name));
  for (const u of goneUsers) removed.push({ kind: 'user', name: u.name, action });

  const aclKeys = new Set((current.acls ?? []).map(aclKey));
  const goneAcls = (previous.acls ?? []).filter((a) => !aclKeys.has(aclKey(a)));
  for (const a of goneAcls) removed.push({ kind: 'acl', name: `${a.permission} ${a.principal} ${a.operation} ${a.resourceType}:${a.patternType}:${a.resourceName}`, action });

  if (allowDestroy) return { meta: current, removed };
  return {
    meta: {
      ...current,
      topics: [...current.topics, ...goneTopics],
      consumerGroups: [...(current.consumerGroups ?? []), ...goneGroups],
      users: [...(current.users ?? []), ...goneUsers],
      acls: [...(current.acls ?? []), ...goneAcls],
    },
    removed,
  };
}
