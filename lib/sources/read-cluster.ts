/**
 * `export`: reads a source cluster (ZooKeeper and/or Admin API), optionally samples traffic, and
 * returns validated metadata. Writing the file is the caller's job (see lib/cli/export.ts).
 */
import { BrokerInfo, ClusterMetadata, ConsumerGroupMetadata, validateMetadata } from '../model';
import { readAdmin } from './admin';
import { readBrokerFacts } from './broker-facts';
import { SourceError, SourceProgress, silentProgress } from './errors';
import { ClientSettings } from './properties';
import { sampleTraffic } from './traffic';
import { readZookeeper } from './zookeeper';

export interface ExportOptions {
  /** ZooKeeper connect string `host:port[,host:port][/chroot]` (ZooKeeper mode). */
  readonly zookeeper?: string;
  /** `user:password` for ZooKeeper digest auth. */
  readonly zkDigest?: string;
  /** Bootstrap servers (Admin mode, or groups/offsets next to ZooKeeper mode). */
  readonly bootstrapServers?: readonly string[];
  readonly clientSettings?: ClientSettings;
  /** Overall time limit in seconds. */
  readonly timeoutSeconds: number;
  /** Window of the traffic sample, in seconds. */
  readonly sampleTrafficSeconds?: number;
  readonly progress?: SourceProgress;
  /** Injected clock for tests. */
  readonly now?: () => Date;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function exportCluster(opts: ExportOptions): Promise<ClusterMetadata> {
  const progress = opts.progress ?? silentProgress;
  const started = (opts.now ?? (() => new Date()))();
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const brokers = opts.bootstrapServers && opts.bootstrapServers.length ? opts.bootstrapServers : undefined;
  if (!opts.zookeeper && !brokers) throw new SourceError('give `zookeeper` or `bootstrapServers`', 'usage');
  if (opts.sampleTrafficSeconds !== undefined && !brokers) {
    throw new SourceError('sampleTrafficSeconds reads log-end offsets and messages from the brokers: add `bootstrapServers`', 'usage', {
      field: 'sampleTrafficSeconds',
    });
  }

  let meta: ClusterMetadata;
  if (opts.zookeeper) {
    progress.phase('reading ZooKeeper');
    const zk = await readZookeeper({ connect: opts.zookeeper, digest: opts.zkDigest, deadline, progress });
    let groups: ConsumerGroupMetadata[] = zk.consumerGroups;
    let zkBrokers: BrokerInfo[] = zk.brokers;
    if (brokers) {
      progress.phase('reading consumer groups through the Admin API');
      const oldGroupTopics = [...new Set(zk.consumerGroups.flatMap((g) => g.topics ?? []))];
      const admin = await readAdmin({
        brokers,
        settings: opts.clientSettings,
        deadline,
        progress,
        include: { topics: false, groups: true, acls: false },
        extraOffsetTopics: oldGroupTopics,
      });
      if (zk.clusterId && admin.clusterId && zk.clusterId !== admin.clusterId) {
        throw new SourceError(
          `\`zookeeper\` ${zk.endpoint} holds cluster ${zk.clusterId} but \`bootstrapServers\` ${admin.endpoint} belong to cluster ${admin.clusterId}; point both at the same cluster`,
          'usage',
        );
      }
      const fromAdmin = new Map((admin.consumerGroups ?? []).map((g) => [g.groupId, g]));
      const oldOnly = zk.consumerGroups
        .filter((g) => {
          if (!fromAdmin.has(g.groupId)) return true;
          progress.warn(`group ${g.groupId} has offsets both in ZooKeeper (old consumer) and in Kafka; the Kafka-stored offsets are exported`);
          return false;
        })
        .map((g) => ({
          ...g,
          offsets: g.offsets?.map((o) => ({ ...o, logEndOffset: admin.logEndOffsets.get(o.topic)?.get(o.partition) })),
        }));
      groups = [...fromAdmin.values(), ...oldOnly];
      // the brokers' own view of their settings includes server.properties, which ZooKeeper does not hold
      const fromBrokers = new Map(admin.brokers.map((b) => [b.id, b.configs]));
      zkBrokers = zk.brokers.map((b) => {
        const configs = fromBrokers.get(b.id) ?? b.configs;
        return configs ? { ...b, configs } : b;
      });
    } else {
      progress.warn(
        "broker settings from server.properties (message.max.bytes, log.retention.*, ...) are not in ZooKeeper, only dynamic ones: add `bootstrapServers` to read them, else the plan uses Kafka's defaults where a topic has no override",
      );
    }
    meta = {
      formatVersion: 1,
      source: { kind: 'zookeeper', clusterId: zk.clusterId, kafkaVersion: zk.kafkaVersion, endpoint: zk.endpoint, collectedAt: isoSeconds(started) },
      brokers: zkBrokers,
      topics: zk.topics,
      consumerGroups: groups,
      users: zk.users,
      acls: zk.acls,
    };
  } else {
    progress.phase('reading the cluster through the Admin API');
    const admin = await readAdmin({ brokers: brokers as readonly string[], settings: opts.clientSettings, deadline, progress });
    meta = {
      formatVersion: 1,
      source: { kind: 'kafka-admin', clusterId: admin.clusterId, endpoint: admin.endpoint, collectedAt: isoSeconds(started) },
      brokers: admin.brokers,
      topics: admin.topics ?? [],
      consumerGroups: admin.consumerGroups,
      acls: admin.acls,
    };
  }

  if (brokers) {
    // Kafka release, stored bytes, and (Admin-only exports) SCRAM users, from the brokers themselves.
    progress.phase('reading broker versions, log directory sizes' + (opts.zookeeper ? '' : ' and SCRAM users'));
    const facts = await readBrokerFacts({
      brokers,
      settings: opts.clientSettings,
      deadline,
      progress,
      storageTopics: meta.topics.filter((t) => !t.internal).map((t) => ({ name: t.name, partitions: t.partitions })),
      users: !opts.zookeeper,
    });
    meta = {
      ...meta,
      source: { ...meta.source, kafkaVersion: facts.kafkaVersion ?? meta.source.kafkaVersion, usersUnavailable: facts.usersUnavailable },
      users: opts.zookeeper ? meta.users : facts.users,
      storage: facts.storage,
    };
  } else {
    const range = meta.source.kafkaVersion
      ? ` (recorded: "${meta.source.kafkaVersion}", the releases that write the brokers' ZooKeeper registration format)`
      : '';
    progress.warn(
      `stored bytes per topic and the exact Kafka version are read from the brokers: add \`bootstrapServers\` to record them (synth then sizes the disk from them)${range}`,
    );
  }

  if (opts.sampleTrafficSeconds !== undefined) {
    const topics = meta.topics.filter((t) => !t.internal).map((t) => t.name);
    const traffic = await sampleTraffic({
      brokers: brokers as readonly string[],
      settings: opts.clientSettings,
      windowSeconds: opts.sampleTrafficSeconds,
      topics,
      deadline,
      progress,
    });
    meta = { ...meta, traffic };
  }
  // The contract: never hand out a file that does not validate.
  return validateMetadata(JSON.parse(JSON.stringify(meta)));
}
