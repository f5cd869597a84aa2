import { AclMetadata, AliKafkaAllowedIps, AliKafkaInstanceFacts, ClusterMetadata, ConsumerGroupMetadata, TopicMetadata } from './types';

/** Returns a copy with keys in a fixed order and lists sorted, so two exports of one cluster diff cleanly. */
export function normalizeMetadata(meta: ClusterMetadata): ClusterMetadata {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sortRecord = <V, W = V>(r: Readonly<Record<string, V>> | undefined, f?: (v: V) => W): Record<string, W> | undefined => {
    if (!r) return undefined;
    const out: Record<string, W> = {};
    for (const k of Object.keys(r).sort(cmp)) out[k] = f ? f(r[k]) : (r[k] as unknown as W);
    return out;
  };
  const topic = (t: TopicMetadata): TopicMetadata => ({
    name: t.name,
    partitions: t.partitions,
    replicationFactor: t.replicationFactor,
    configs: sortRecord(t.configs),
    internal: t.internal,
    storageEngine: t.storageEngine,
    remark: t.remark,
    tags: sortRecord(t.tags),
  });
  const group = (g: ConsumerGroupMetadata): ConsumerGroupMetadata => ({
    groupId: g.groupId,
    protocolType: g.protocolType,
    state: g.state,
    members: g.members,
    topics: g.topics ? [...g.topics].sort(cmp) : undefined,
    offsets: g.offsets
      ? [...g.offsets]
          .sort((a, b) => cmp(a.topic, b.topic) || a.partition - b.partition)
          .map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset, logEndOffset: o.logEndOffset }))
      : undefined,
    remark: g.remark,
    tags: sortRecord(g.tags),
  });
  const aclKey = (a: AclMetadata): string =>
    [a.principal, a.resourceType, a.resourceName, a.patternType, a.operation, a.permission, a.host ?? ''].join('\u0000');
  return {
    formatVersion: meta.formatVersion,
    source: {
      kind: meta.source.kind,
      clusterId: meta.source.clusterId,
      kafkaVersion: meta.source.kafkaVersion,
      usersUnavailable: meta.source.usersUnavailable,
      endpoint: meta.source.endpoint,
      collectedAt: meta.source.collectedAt,
      alikafka: meta.source.alikafka ? alikafkaFacts(meta.source.alikafka, sortRecord) : undefined,
    },
    brokers: meta.brokers
      ? [...meta.brokers].sort((a, b) => a.id - b.id).map((b) => ({ id: b.id, host: b.host, port: b.port, rack: b.rack, configs: sortRecord(b.configs) }))
      : undefined,
    topics: [...meta.topics].sort((a, b) => cmp(a.name, b.name)).map(topic),
    consumerGroups: meta.consumerGroups ? [...meta.consumerGroups].sort((a, b) => cmp(a.groupId, b.groupId)).map(group) : undefined,
    users: meta.users ? [...meta.users].sort((a, b) => cmp(a.name, b.name)).map((u) => ({ name: u.name, mechanism: u.mechanism })) : undefined,
    acls: meta.acls
      ? [...meta.acls]
          .sort((a, b) => cmp(aclKey(a), aclKey(b)))
          .map((a) => ({
            principal: a.principal,
            resourceType: a.resourceType,
            resourceName: a.resourceName,
            patternType: a.patternType,
            operation: a.operation,
            permission: a.permission,
            host: a.host,
          }))
      : undefined,
    traffic: meta.traffic
      ? {
          windowSeconds: meta.traffic.windowSeconds,
          bytesInPerSec: meta.traffic.bytesInPerSec,
          messagesInPerSec: meta.traffic.messagesInPerSec,
          peakBytesInPerSec: meta.traffic.peakBytesInPerSec,
          peakMessagesInPerSec: meta.traffic.peakMessagesInPerSec,
          perTopic: sortRecord(meta.traffic.perTopic, (t) => ({
            bytesInPerSec: t.bytesInPerSec,
            messagesInPerSec: t.messagesInPerSec,
            peakBytesInPerSec: t.peakBytesInPerSec,
            peakMessagesInPerSec: t.peakMessagesInPerSec,
          })),
        }
      : undefined,
    storage: meta.storage ? { usedBytes: meta.storage.usedBytes, perTopic: sortRecord(meta.storage.perTopic) } : undefined,
  };
}

function alikafkaFacts(
  a: AliKafkaInstanceFacts,
  sortRecord: (r: Readonly<Record<string, string>> | undefined) => Record<string, string> | undefined,
): AliKafkaInstanceFacts {
  const key = (x: AliKafkaAllowedIps): string => `${x.type}\u0000${x.portRange}`;
  return {
    instanceId: a.instanceId,
    regionId: a.regionId,
    name: a.name,
    specType: a.specType,
    ioMaxSpec: a.ioMaxSpec,
    diskType: a.diskType,
    diskSize: a.diskSize,
    partitionQuota: a.partitionQuota,
    partitionNum: a.partitionNum,
    serviceVersion: a.serviceVersion,
    zoneIds: a.zoneIds ? [...a.zoneIds] : undefined,
    deployType: a.deployType,
    eipMax: a.eipMax,
    config: sortRecord(a.config),
    allowedIps: a.allowedIps
      ? [...a.allowedIps]
          .sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))
          .map((x) => ({ type: x.type, portRange: x.portRange, cidrs: [...x.cidrs].sort() }))
      : undefined,
    tags: sortRecord(a.tags),
  };
}

/** Serializes metadata the way the tool writes it: normalized, pretty-printed, trailing newline. */
export function serializeMetadata(meta: ClusterMetadata): string {
  return `${JSON.stringify(normalizeMetadata(meta), null, 2)}\n`;
}
