/**
 * `export --alikafka-instance`: an AliKafka instance as the source, read through the AliKafka OpenAPI, and optionally
 * through its Kafka endpoint too (committed offsets, group state, stored bytes) as for any cluster.
 */
import type { ClusterMetadata, ConsumerGroupMetadata } from '../../model';
import { validateMetadata } from '../../model';
import { readAdmin } from '../admin';
import { readBrokerFacts } from '../broker-facts';
import { SourceProgress, silentProgress } from '../errors';
import { ClientSettings } from '../properties';
import { resolveCredentials } from './credentials';
import { readAliKafkaInstance } from './export';

export { resolveCredentials, CREDENTIAL_VARIABLES } from './credentials';
export type { ResolvedCredentials } from './credentials';
export { AliKafkaApi, sdkConfig } from './client';
export type { ApiTarget } from './client';
export { readAliKafkaInstance } from './export';
export type { AliKafkaInstanceRead, AliKafkaReadOptions } from './export';

export interface AliKafkaExportOptions {
  readonly instanceId: string;
  readonly regionId: string;
  /** `http://HOST:PORT` of a private or local endpoint; default Alibaba's endpoint of the region. */
  readonly endpoint?: string;
  /** The instance's Kafka endpoint, to read offsets, group state and stored bytes as for any cluster. */
  readonly bootstrapServers?: readonly string[];
  readonly clientSettings?: ClientSettings;
  readonly timeoutSeconds: number;
  readonly progress?: SourceProgress;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads an AliKafka instance into validated metadata (`source.kind` `alikafka`). Throws `SourceError`. */
export async function exportAliKafka(opts: AliKafkaExportOptions): Promise<ClusterMetadata> {
  const progress = opts.progress ?? silentProgress;
  const started = (opts.now ?? (() => new Date()))();
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  // credentials first: missing keys fail here, before any call
  const credentials = await resolveCredentials(opts.env);
  const read = await readAliKafkaInstance({
    instanceId: opts.instanceId,
    regionId: opts.regionId,
    endpoint: opts.endpoint,
    credentials,
    deadline,
    progress,
  });
  let groups: ConsumerGroupMetadata[] = read.consumerGroups;
  let meta: ClusterMetadata = {
    formatVersion: 1,
    source: {
      kind: 'alikafka',
      clusterId: opts.instanceId,
      kafkaVersion: read.facts.serviceVersion,
      endpoint: read.endpoint,
      collectedAt: isoSeconds(started),
      alikafka: read.facts,
    },
    topics: read.topics,
    consumerGroups: groups,
    users: read.users,
    acls: read.acls,
  };
  const brokers = opts.bootstrapServers && opts.bootstrapServers.length > 0 ? opts.bootstrapServers : undefined;
  if (brokers) {
    progress.phase('reading consumer groups and offsets through the Kafka endpoint');
    const admin = await readAdmin({ brokers, settings: opts.clientSettings, deadline, progress, include: { topics: false, groups: true, acls: false } });
    const fromKafka = new Map((admin.consumerGroups ?? []).map((g) => [g.groupId, g]));
    // the OpenAPI's groups (remark, tags) with what the group coordinator knows (state, members, offsets)
    groups = groups.map((g) => {
      const k = fromKafka.get(g.groupId);
      fromKafka.delete(g.groupId);
      return k ? { ...k, ...(g.remark !== undefined ? { remark: g.remark } : {}), ...(g.tags !== undefined ? { tags: g.tags } : {}) } : g;
    });
    groups.push(...fromKafka.values());
    progress.phase('reading broker versions and log directory sizes');
    const facts = await readBrokerFacts({
      brokers,
      settings: opts.clientSettings,
      deadline,
      progress,
      storageTopics: meta.topics.map((t) => ({ name: t.name, partitions: t.partitions })),
      users: false,
    });
    meta = {
      ...meta,
      source: { ...meta.source, kafkaVersion: facts.kafkaVersion ?? meta.source.kafkaVersion, endpoint: admin.endpoint },
      brokers: admin.brokers,
      consumerGroups: groups,
      storage: facts.storage,
    };
  } else {
    progress.warn(
      "committed offsets, group state and stored bytes are read through the Kafka endpoint: add the instance's `bootstrapServers` (and `properties`) to record them (synth then sizes the disk from them)",
    );
  }
  return validateMetadata(JSON.parse(JSON.stringify(meta)));
}
