import { AclMetadata, ClusterMetadata } from '../model';
import { describeAcl } from './acls';
import { MigrationPlan, RemovedObject } from './types';

function aclKey(a: AclMetadata): string {
  return [a.principal, a.resourceType, a.resourceName, a.patternType, a.operation, a.permission, a.host ?? '*'].join('\u0000');
}

/**
 * Re-planning from a newer export: objects that the last plan planned from the previous export but that are gone
 * from the source now are kept (so Terraform does not destroy them), unless `allowDestroy` is set. Objects the
 * previous plan never planned (skipped there) are neither kept nor listed. Without `previousPlan`, every object
 * of the previous export counts as planned.
 * Returns the metadata to plan from and the list of removed objects for the report.
 */
export function mergePrevious(
  current: ClusterMetadata,
  previous: ClusterMetadata,
  allowDestroy: boolean,
  previousPlan?: MigrationPlan,
): { readonly meta: ClusterMetadata; readonly removed: RemovedObject[] } {
  const removed: RemovedObject[] = [];
  const action = allowDestroy ? 'destroy' : 'kept';
  const planned = previousPlan && {
    topics: new Set(previousPlan.topics.map((t) => t.sourceName)),
    groups: new Set(previousPlan.groups.map((g) => g.sourceId)),
    users: new Set(previousPlan.users.map((u) => u.sourceName)),
    acls: new Set(previousPlan.acls.map((a) => a.source)),
  };

  const topicNames = new Set(current.topics.map((t) => t.name));
  const goneTopics = previous.topics.filter((t) => !topicNames.has(t.name) && (!planned || planned.topics.has(t.name)));
  for (const t of goneTopics) removed.push({ kind: 'topic', name: t.name, action });

  const groupIds = new Set((current.consumerGroups ?? []).map((g) => g.groupId));
  const goneGroups = (previous.consumerGroups ?? []).filter((g) => !groupIds.has(g.groupId) && (!planned || planned.groups.has(g.groupId)));
  for (const g of goneGroups) removed.push({ kind: 'group', name: g.groupId, action });

  const userNames = new Set((current.users ?? []).map((u) => u.name));
  const goneUsers = (previous.users ?? []).filter((u) => !userNames.has(u.name) && (!planned || planned.users.has(u.name)));
  for (const u of goneUsers) removed.push({ kind: 'user', name: u.name, action });

  const aclKeys = new Set((current.acls ?? []).map(aclKey));
  const goneAcls = (previous.acls ?? []).filter((a) => !aclKeys.has(aclKey(a)) && (!planned || planned.acls.has(describeAcl(a))));
  for (const a of goneAcls) removed.push({ kind: 'acl', name: describeAcl(a), action });

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
