import { ClusterMetadata } from '../model';

/** A Kafka Connect cluster of the source: its workers' group and the config, offset and status topics it keeps. */
export interface ConnectCluster {
  readonly groupId: string;
  /** Source names of its internal topics found in the metadata, sorted. */
  readonly topics: readonly string[];
}

const SUFFIXES = ['configs', 'offsets', 'status'];

/**
 * Finds Kafka Connect clusters: groups with protocol type `connect` (distributed workers). Their internal topics
 * are `<P>-configs`, `<P>-offsets` and `<P>-status` for P the group ID, the group ID without a `-cluster` or
 * `-group` suffix, or `connect` (Connect's defaults, claimed by the only Connect group, or by `connect-cluster`).
 */
export function findConnectClusters(meta: ClusterMetadata): ConnectCluster[] {
  const groups = (meta.consumerGroups ?? []).filter((g) => g.protocolType === 'connect');
  const names = new Set(meta.topics.map((t) => t.name));
  const claimed = new Set<string>();
  return groups.map((g) => {
    const prefixes = new Set([g.groupId, g.groupId.replace(/-(cluster|group)$/, '')]);
    if (groups.length === 1 || g.groupId === 'connect-cluster') prefixes.add('connect');
    const topics = [...prefixes].flatMap((p) => SUFFIXES.map((s) => `${p}-${s}`)).filter((t) => names.has(t) && !claimed.has(t));
    topics.forEach((t) => claimed.add(t));
    return { groupId: g.groupId, topics: [...new Set(topics)].sort() };
  });
}
