/**
 * Reads an AliKafka instance through the AliKafka OpenAPI into the metadata format: the instance (edition, spec,
 * disk, quota, version, zones, deploy type, config, allowlists, tags), topics (partitions, compaction, storage engine,
 * remark, tags, per-topic configs), consumer groups (remark, tags), SASL users (names and types; the API also returns
 * passwords, which are dropped here and never kept) and ACLs. Read-only: only Get/Describe/List actions are called.
 */
import type {
  AclMetadata,
  AclPatternType,
  AclPermission,
  AclResourceType,
  AliKafkaAllowedIps,
  AliKafkaInstanceFacts,
  ConsumerGroupMetadata,
  ScramMechanism,
  TopicMetadata,
  UserMetadata,
} from '../../model';
import * as $ from '@alicloud/alikafka20190916';
import { DEPLOY_TYPE_NAMES, DEPLOY_TYPES, DISK_TYPE_NAMES, DISK_TYPES } from '../../alikafka';
import { AliKafkaApi, ApiTarget } from './client';
import { ResolvedCredentials } from './credentials';
import { SourceError, SourceProgress, silentProgress } from '../errors';

/** Page size of GetTopicList and GetConsumerList. */
const PAGE_SIZE = 100;

export interface AliKafkaReadOptions extends ApiTarget {
  readonly credentials: ResolvedCredentials;
  /** Epoch milliseconds by which everything must be read. */
  readonly deadline: number;
  readonly progress?: SourceProgress;
}

/** What the OpenAPI says about an instance, in the metadata's terms. */
export interface AliKafkaInstanceRead {
  readonly facts: AliKafkaInstanceFacts;
  /** The instance's Kafka endpoint (VPC, plain), for `source.endpoint`. */
  readonly endpoint?: string;
  readonly topics: TopicMetadata[];
  readonly consumerGroups: ConsumerGroupMetadata[];
  readonly users: UserMetadata[];
  readonly acls: AclMetadata[];
  /** OpenAPI calls per action. */
  readonly calls: Readonly<Record<string, number>>;
}

type TagVO = { key?: string; value?: string };

function tagsOf(list: readonly TagVO[] | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of list ?? []) if (t.key) out[t.key] = t.value ?? '';
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A JSON object of string values (AllConfig, TopicConfig), or undefined when it is not one. */
function stringMap(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== null && x !== undefined) out[k] = String(x);
    return out;
  } catch {
    return undefined;
  }
}

const RESOURCE_TYPES: Readonly<Record<string, AclResourceType>> = {
  TOPIC: 'Topic',
  GROUP: 'Group',
  CLUSTER: 'Cluster',
  TRANSACTIONAL_ID: 'TransactionalId',
  TRANSACTIONALID: 'TransactionalId',
};
/** Kafka's operation names as `kafka-acls` spells them, from AliKafka's upper-case or camel-case answers. */
const OPERATIONS: Readonly<Record<string, string>> = {
  READ: 'Read',
  WRITE: 'Write',
  DESCRIBE: 'Describe',
  IDEMPOTENT_WRITE: 'IdempotentWrite',
  IDEMPOTENTWRITE: 'IdempotentWrite',
  DESCRIBE_CONFIGS: 'DescribeConfigs',
  DESCRIBECONFIGS: 'DescribeConfigs',
  ALL: 'All',
};

/** Reads one instance through the OpenAPI. Throws `SourceError` naming the instance and the region. */
export async function readAliKafkaInstance(opts: AliKafkaReadOptions): Promise<AliKafkaInstanceRead> {
  const progress = opts.progress ?? silentProgress;
  const api = new AliKafkaApi(opts, opts.credentials, opts.deadline);
  const base = { instanceId: opts.instanceId, regionId: opts.regionId };

  progress.phase(`reading AliKafka instance ${opts.instanceId} (${opts.regionId}) through the OpenAPI`);
  const list = await api.call('GetInstanceList', () =>
    api.sdk.getInstanceList(new $.GetInstanceListRequest({ regionId: opts.regionId, instanceId: [opts.instanceId] })),
  );
  const vo = (list.body?.instanceList?.instanceVO ?? []).find((i) => i.instanceId === opts.instanceId);
  if (!vo) throw api.notFound('GetInstanceList lists no instance of that ID there');
  if (vo.regionId !== undefined && vo.regionId !== '' && vo.regionId !== opts.regionId) throw api.notFound(`it is in region ${vo.regionId}`);
  const quota = await api.call('GetQuotaTip', () => api.sdk.getQuotaTip(new $.GetQuotaTipRequest(base)));
  const q = quota.body?.quotaData;
  const allowed = await api.call('GetAllowedIpList', () => api.sdk.getAllowedIpList(new $.GetAllowedIpListRequest(base)));
  const allowedIps: AliKafkaAllowedIps[] = [];
  for (const [type, entries] of [
    ['vpc', allowed.body?.allowedList?.vpcList ?? []],
    ['internet', allowed.body?.allowedList?.internetList ?? []],
  ] as const) {
    for (const e of entries) if (e.portRange) allowedIps.push({ type, portRange: e.portRange, cidrs: [...(e.allowedIpList ?? [])] });
  }
  // the instance's tags: ListTagResources (paged by NextToken), else those GetInstanceList carries
  const instanceTags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await api.call('ListTagResources', () =>
      api.sdk.listTagResources(
        new $.ListTagResourcesRequest({ regionId: opts.regionId, resourceType: 'INSTANCE', resourceId: [opts.instanceId], nextToken: token }),
      ),
    );
    for (const t of page.body?.tagResources?.tagResource ?? []) if (t.tagKey && t.resourceId === opts.instanceId) instanceTags[t.tagKey] = t.tagValue ?? '';
    nextToken = page.body?.nextToken || undefined;
  } while (nextToken);
  const zoneIds = [vo.zoneId, vo.standardZoneId, vo.backupZoneId].filter((z, i, all): z is string => !!z && all.indexOf(z) === i);
  const facts: AliKafkaInstanceFacts = {
    instanceId: opts.instanceId,
    regionId: opts.regionId,
    name: vo.name || undefined,
    specType: vo.specType || undefined,
    ioMaxSpec: vo.ioMaxSpec || undefined,
    diskType: DISK_TYPE_NAMES.find((n) => DISK_TYPES[n] === vo.diskType),
    diskSize: vo.diskSize,
    partitionQuota: q?.partitionQuota ?? q?.topicQuota,
    partitionNum: q?.partitionNumOfBuy,
    serviceVersion: vo.upgradeServiceDetailInfo?.current2OpenSourceVersion || undefined,
    zoneIds: zoneIds.length > 0 ? zoneIds : undefined,
    deployType: DEPLOY_TYPE_NAMES.find((n) => DEPLOY_TYPES[n] === vo.deployType),
    eipMax: vo.deployType === DEPLOY_TYPES.public ? vo.eipMax : undefined,
    config: stringMap(vo.allConfig),
    allowedIps: allowedIps.length > 0 ? allowedIps : undefined,
    tags: Object.keys(instanceTags).length > 0 ? instanceTags : tagsOf(vo.tags?.tagVO),
  };

  // topics, paged
  const topics: TopicMetadata[] = [];
  for (let page = 1; ; page++) {
    const r = await api.call('GetTopicList', () =>
      api.sdk.getTopicList(new $.GetTopicListRequest({ ...base, currentPage: String(page), pageSize: String(PAGE_SIZE) })),
    );
    const items = r.body?.topicList?.topicVO ?? [];
    if (page === 1) progress.phase('reading topics', r.body?.total);
    for (const t of items) {
      if (!t.topic) continue;
      const local = t.localTopic === true || t.compactTopic === true;
      const configs: Record<string, string> = { ...(local ? (stringMap(t.topicConfig) ?? {}) : {}) };
      if (t.compactTopic) configs['cleanup.policy'] = 'compact';
      topics.push({
        name: t.topic,
        partitions: t.partitionNum ?? 1,
        ...(Object.keys(configs).length > 0 ? { configs } : {}),
        storageEngine: local ? 'local' : 'cloud',
        ...(t.remark ? { remark: t.remark } : {}),
        ...(tagsOf(t.tags?.tagVO) ? { tags: tagsOf(t.tags?.tagVO) } : {}),
      });
    }
    progress.tick(items.length);
    if (items.length < PAGE_SIZE || (r.body?.total !== undefined && topics.length >= r.body.total)) break;
  }

  // consumer groups, paged
  const consumerGroups: ConsumerGroupMetadata[] = [];
  for (let page = 1; ; page++) {
    const r = await api.call('GetConsumerList', () =>
      api.sdk.getConsumerList(new $.GetConsumerListRequest({ ...base, currentPage: page, pageSize: PAGE_SIZE })),
    );
    const items = r.body?.consumerList?.consumerVO ?? [];
    for (const g of items) {
      if (!g.consumerId) continue;
      consumerGroups.push({
        groupId: g.consumerId,
        ...(g.remark ? { remark: g.remark } : {}),
        ...(tagsOf(g.tags?.tagVO) ? { tags: tagsOf(g.tags?.tagVO) } : {}),
      });
    }
    if (items.length < PAGE_SIZE || (r.body?.total !== undefined && consumerGroups.length >= r.body.total)) break;
  }

  // SASL users: names and types only (the answer's Password is dropped at once, never kept)
  progress.phase('reading SASL users and ACLs');
  const saslAnswer = await api.call('DescribeSaslUsers', () => api.sdk.describeSaslUsers(new $.DescribeSaslUsersRequest(base)));
  const users: UserMetadata[] = (saslAnswer.body?.saslUserList?.saslUserVO ?? [])
    .filter((u) => !!u.username)
    .map((u) => {
      const mechanism: ScramMechanism =
        (u.type ?? '').toLowerCase() === 'scram' ? (u.mechanism === 'SCRAM-SHA-512' ? 'SCRAM-SHA-512' : 'SCRAM-SHA-256') : 'PLAIN';
      return { name: u.username as string, mechanism };
    });

  const acls = await readAcls(api, base, users, topics, consumerGroups);
  return {
    facts,
    endpoint: vo.domainEndpoint || vo.endPoint || undefined,
    topics,
    consumerGroups,
    users,
    acls,
    calls: api.calls,
  };
}

/**
 * Every ACL of the instance. DescribeAcls needs a user, a resource type and a resource name, so it is asked per user
 * and per resource that can carry an ACL: each topic and group (literal), `*`, the cluster, and the prefixes
 * DescribeAclResourceName lists. Its published limit (80/s) paces this.
 */
async function readAcls(
  api: AliKafkaApi,
  base: { instanceId: string; regionId: string },
  users: readonly UserMetadata[],
  topics: readonly TopicMetadata[],
  groups: readonly ConsumerGroupMetadata[],
): Promise<AclMetadata[]> {
  if (users.length === 0) return [];
  const resources: Array<{ type: AclResourceType; name: string; pattern?: AclPatternType }> = [
    ...topics.map((t) => ({ type: 'Topic' as const, name: t.name, pattern: 'LITERAL' as const })),
    ...groups.map((g) => ({ type: 'Group' as const, name: g.groupId, pattern: 'LITERAL' as const })),
    { type: 'Topic', name: '*', pattern: 'LITERAL' },
    { type: 'Group', name: '*', pattern: 'LITERAL' },
    { type: 'Cluster', name: 'kafka-cluster', pattern: 'LITERAL' },
  ];
  for (const type of ['Topic', 'Group', 'TransactionalId'] as const) {
    try {
      const r = await api.call('DescribeAclResourceName', () =>
        api.sdk.describeAclResourceName(new $.DescribeAclResourceNameRequest({ ...base, aclResourceType: type, aclResourcePatternType: 'PREFIXED' })),
      );
      for (const name of r.body?.data?.data ?? []) resources.push({ type, name, pattern: 'PREFIXED' });
    } catch (e) {
      // older instances and stand-ins may not answer it: literal ACLs are still read
      if (!(e instanceof SourceError) || e.reason !== 'invalid') throw e;
    }
  }
  const seen = new Set<string>();
  const out: AclMetadata[] = [];
  for (const u of users) {
    for (const res of resources) {
      const r = await api.call('DescribeAcls', () =>
        api.sdk.describeAcls(
          new $.DescribeAclsRequest({
            ...base,
            username: u.name,
            aclResourceType: res.type,
            aclResourceName: res.name,
            ...(res.pattern ? { aclResourcePatternType: res.pattern } : {}),
          }),
        ),
      );
      for (const a of r.body?.kafkaAclList?.kafkaAclVO ?? []) {
        const resourceType = RESOURCE_TYPES[(a.aclResourceType ?? '').toUpperCase()];
        const operation = OPERATIONS[(a.aclOperationType ?? '').toUpperCase()] ?? a.aclOperationType;
        if (!resourceType || !operation || !a.aclResourceName) continue;
        const acl: AclMetadata = {
          principal: `User:${a.username ?? u.name}`,
          resourceType,
          resourceName: a.aclResourceName,
          patternType: (a.aclResourcePatternType ?? 'LITERAL').toUpperCase() === 'PREFIXED' ? 'PREFIXED' : 'LITERAL',
          operation,
          permission: ((a.aclPermissionType ?? 'ALLOW').toUpperCase() === 'DENY' ? 'Deny' : 'Allow') as AclPermission,
          host: a.host || '*',
        };
        const key = JSON.stringify(acl);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(acl);
        }
      }
    }
  }
  return out;
}
