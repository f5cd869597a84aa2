import { ClusterMetadata } from '../model';
import { EDITIONS, findIoSpec, IO_SPECS, SPEC_TYPES } from '../alikafka';
const hasLocalStorage = (s: SpecType): boolean => EDITIONS[s].localStorage;
import {
  Decision,
  ExistingInstanceOptions,
  NewInstanceOptions,
  PlannedExistingInstance,
  PlannedNewInstance,
  PlanWarning,
  SpecType,
} from './types';
import { PlanProblem } from './errors';
import { sanitizeName } from './names';

export const DEFAULT_SPEC_TYPE: SpecType = 'professional';
export const DEFAULT_IO_MAX_SPEC = 'alikafka.hw.2xlarge';
const GB = 1024 ** 3;
/** Share of extra partitions bought when the plan sizes `partition_num` itself. */
export const PARTITION_HEADROOM = 0.25;

/** What the topic and group planning needs to know about the target before the instance is sized. */
export interface TargetCapabilities {
  readonly specType: SpecType;
  readonly localStorage: boolean;
  readonly warnings: PlanWarning[];
  readonly problems: PlanProblem[];
}

export function targetCapabilities(target: NewInstanceOptions | ExistingInstanceOptions): TargetCapabilities {
  const warnings: PlanWarning[] = [];
  const problems: PlanProblem[] = [];
  let specType = target.specType;
  if (specType !== undefined && !SPEC_TYPES.includes(specType)) {
    problems.push({ subject: '--spec-type', message: `must be one of ${SPEC_TYPES.join(', ')}, got ${JSON.stringify(specType)}` });
    specType = undefined;
  }
  if (specType === undefined) {
    specType = DEFAULT_SPEC_TYPE;
    if (target.mode === 'existing') {
      warnings.push({
        code: 'assumed-edition',
        subject: `instance ${target.instanceId}`,
        message: 'edition not given (--spec-type); planned as professional (local storage and compaction available). Pass --spec-type normal if the instance is Standard',
      });
    }
  }
  return { specType, localStorage: hasLocalStorage(specType), warnings, problems };
}

function sourceServiceVersion(meta: ClusterMetadata): Decision {
  const v = meta.source.kafkaVersion;
  const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
  if (m && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 6))) {
    return { field: 'service_version', value: '2.6.2', reason: `source runs Kafka ${v}; 2.6.2 is the newest reserved-instance version` };
  }
  if (m) {
    return { field: 'service_version', value: '2.2.0', reason: `source runs Kafka ${v} (before 2.6); 2.2.0 is the closest reserved-instance version` };
  }
  return { field: 'service_version', value: '2.6.2', reason: 'source Kafka version unknown; 2.6.2 is the newest reserved-instance version' };
}

/** Sizes and validates a new instance. `partitionsNeeded` is the sum of planned topic partitions. */
export function planNewInstance(
  meta: ClusterMetadata,
  opts: NewInstanceOptions,
  specType: SpecType,
  partitionsNeeded: number,
  topicsNeeded: number,
  aclsPlanned: boolean,
  maxMessageBytes: number | undefined,
  problems: PlanProblem[],
  previous?: PlannedNewInstance,
): PlannedNewInstance {
  const decisions: Decision[] = [];
  const given = (field: string, value: string): void => {
    decisions.push({ field, value, reason: 'given' });
  };
  if (opts.specType) given('spec_type', specType);
  else decisions.push({ field: 'spec_type', value: specType, reason: 'default: professional offers local storage, compaction, ACLs and multi-zone' });

  const ioMaxSpec = opts.ioMaxSpec ?? DEFAULT_IO_MAX_SPEC;
  const spec = findIoSpec(ioMaxSpec);
  if (!spec) {
    problems.push({ subject: '--io-max-spec', message: `unknown traffic spec ${JSON.stringify(ioMaxSpec)}; known specs include ${IO_SPECS.filter((s) => s.editions.includes(specType)).slice(0, 6).map((s) => s.name).join(', ')}, ...` });
  } else if (!spec.editions.includes(specType)) {
    problems.push({ subject: '--io-max-spec', message: `${ioMaxSpec} is not sold for edition ${specType} (it is for ${spec.editions.join(', ')})` });
  }
  if (opts.ioMaxSpec) given('io_max_spec', ioMaxSpec);
  else decisions.push({ field: 'io_max_spec', value: ioMaxSpec, reason: 'default: the smallest traffic spec (20 MB/s); size it with measured peak traffic' });

  const diskType = opts.diskType ?? 'cloud';
  if (opts.diskType) given('disk_type', diskType);
  else decisions.push({ field: 'disk_type', value: diskType, reason: 'default: ultra cloud disk, the cheaper type; pass --disk-type ssd for lower latency' });

  const minDisk = spec?.minDiskGb ?? 500;
  let diskSize: number;
  if (opts.diskSize !== undefined) {
    diskSize = opts.diskSize;
    if (!Number.isInteger(diskSize) || diskSize < minDisk || diskSize > 96000 || diskSize % 100 !== 0) {
      problems.push({ subject: '--disk-size', message: `must be a multiple of 100 GB from ${minDisk} (minimum for ${ioMaxSpec}) to 96000, got ${diskSize}` });
    }
    given('disk_size', String(diskSize));
  } else if (meta.storage) {
    const usable = specType === 'normal' ? 1 / 3 : 1;
    const needGb = (meta.storage.usedBytes * 1.3) / GB / usable;
    diskSize = Math.max(minDisk, Math.ceil(needGb / 100) * 100);
    decisions.push({
      field: 'disk_size',
      value: String(diskSize),
      reason: `source uses ${(meta.storage.usedBytes / GB).toFixed(1)} GiB; with 30% headroom${specType === 'normal' ? ' and Standard\'s 1/3 usable ratio' : ''}, rounded up to 100 GB, at least ${minDisk}`,
    });
  } else {
    diskSize = minDisk;
    decisions.push({ field: 'disk_size', value: String(diskSize), reason: `no storage figures in the metadata; the minimum for ${ioMaxSpec}` });
  }

  if (opts.diskSize === undefined && previous && previous.diskSize !== diskSize) {
    decisions.pop();
    decisions.push({
      field: 'disk_size',
      value: String(previous.diskSize),
      reason: `kept from the previous plan, so re-planning only adds (the current export alone suggests ${diskSize}); pass --disk-size to change it`,
    });
    diskSize = previous.diskSize;
  }

  const included = spec?.included ?? 0;
  let partitionNum: number;
  if (opts.partitionNum !== undefined) {
    partitionNum = opts.partitionNum;
    if (!Number.isInteger(partitionNum) || partitionNum < 0) {
      problems.push({ subject: '--partition-num', message: `must be a whole number >= 0, got ${partitionNum}` });
    }
    given('partition_num', String(partitionNum));
  } else if (previous && included + previous.partitionNum >= Math.max(partitionsNeeded, topicsNeeded)) {
    partitionNum = previous.partitionNum;
    decisions.push({
      field: 'partition_num',
      value: String(partitionNum),
      reason: `kept from the previous plan: ${included + partitionNum} partitions still cover the ${Math.max(partitionsNeeded, topicsNeeded)} planned`,
    });
  } else {
    const needed = Math.max(partitionsNeeded, topicsNeeded);
    const withHeadroom = Math.ceil((needed * (1 + PARTITION_HEADROOM)) / 50) * 50;
    partitionNum = Math.max(0, withHeadroom - included);
    decisions.push({
      field: 'partition_num',
      value: String(partitionNum),
      reason: `${needed} partitions planned, +${PARTITION_HEADROOM * 100}% headroom rounded up to 50 = ${withHeadroom}; ${included} included in ${ioMaxSpec}${partitionNum > 0 ? `, so buy ${partitionNum}` : ', so buy none'}`,
    });
  }
  if (spec && included + partitionNum > spec.max) {
    problems.push({ subject: 'partition quota', message: `${included + partitionNum} partitions exceed the ${spec.max} maximum of ${ioMaxSpec}; choose a larger --io-max-spec` });
  }

  const deployType = opts.deployType ?? 'vpc';
  if (opts.deployType) given('deploy_type', deployType);
  else decisions.push({ field: 'deploy_type', value: deployType, reason: 'default: VPC only, no public endpoint' });
  if (deployType === 'public' && (opts.eipMax === undefined || !Number.isInteger(opts.eipMax) || opts.eipMax < 1)) {
    problems.push({ subject: '--eip-max', message: 'a public instance (--deploy-type public) needs --eip-max, the public bandwidth in MB/s (1 or more)' });
  }

  const zoneIds = opts.zoneIds;
  if (zoneIds.length === 0) problems.push({ subject: '--zone-id', message: 'at least one zone is required for a new instance' });
  if (zoneIds.length > 1 && specType === 'normal') {
    problems.push({ subject: '--zone-id', message: 'Standard edition (normal) is single-zone only; give one zone or use --spec-type professional' });
  }
  if (new Set(zoneIds).size !== zoneIds.length) problems.push({ subject: '--zone-id', message: 'the same zone is given twice' });
  let network: PlannedNewInstance['network'];
  if (opts.network.mode === 'new') {
    const cidrs = opts.network.vswitchCidrs;
    if (cidrs.length !== zoneIds.length) {
      problems.push({ subject: '--vswitch-cidr', message: `give one vSwitch CIDR per zone (${zoneIds.length} zone(s), ${cidrs.length} CIDR(s))` });
    }
    network = { mode: 'new', vpcCidr: opts.network.vpcCidr, vswitches: zoneIds.map((zoneId, i) => ({ zoneId, cidr: cidrs[i] ?? '' })) };
  } else {
    if (opts.network.vswitchIds.length !== zoneIds.length) {
      problems.push({ subject: '--vswitch-id', message: `give one vSwitch ID per zone (${zoneIds.length} zone(s), ${opts.network.vswitchIds.length} vSwitch ID(s))` });
    }
    network = { mode: 'existing', vpcId: opts.network.vpcId, vswitchIds: opts.network.vswitchIds };
  }

  let serviceVersion: string;
  if (opts.serviceVersion) {
    serviceVersion = opts.serviceVersion;
    given('service_version', serviceVersion);
  } else if (previous) {
    serviceVersion = previous.serviceVersion;
    decisions.push({ field: 'service_version', value: serviceVersion, reason: 'kept from the previous plan (an upgrade is a change to review on its own)' });
  } else {
    const d = sourceServiceVersion(meta);
    serviceVersion = d.value;
    decisions.push(d);
  }

  const config: Record<string, string> = {};
  if (aclsPlanned) {
    config['enable.acl'] = 'true';
    decisions.push({ field: 'config.enable.acl', value: 'true', reason: 'the plan carries ACLs' });
  }
  if (maxMessageBytes !== undefined && maxMessageBytes > 1_048_576) {
    const v = Math.min(maxMessageBytes, 10_485_760);
    config['kafka.message.max.bytes'] = String(v);
    decisions.push({ field: 'config.kafka.message.max.bytes', value: String(v), reason: 'the largest max.message.bytes among the planned topics' });
  }

  const name = opts.name ?? sanitizeName(meta.source.clusterId ? `kafka-${meta.source.clusterId}` : 'kafka-migrated');
  return {
    mode: 'new',
    name,
    region: opts.region,
    zoneIds,
    network,
    specType,
    ioMaxSpec,
    diskType,
    diskSize,
    partitionNum,
    deployType,
    eipMax: deployType === 'public' ? opts.eipMax : undefined,
    serviceVersion,
    config,
    decisions,
  };
}

export function planExistingInstance(opts: ExistingInstanceOptions, specType: SpecType): PlannedExistingInstance {
  const decisions: Decision[] = [{ field: 'instance_id', value: opts.instanceId, reason: 'existing instance: topics, groups, users and ACLs are added to it' }];
  if (opts.specType) decisions.push({ field: 'spec_type', value: specType, reason: 'given' });
  return { mode: 'existing', instanceId: opts.instanceId, specType, ioMaxSpec: opts.ioMaxSpec, partitionNum: opts.partitionNum, decisions };
}
