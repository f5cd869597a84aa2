import { InternalError } from '../errors';
import {
  DEFAULT_PAID_TYPE,
  DEPLOY_TYPE_NAMES,
  DISK_SIZE_GB,
  INSTANCE_RETENTION_HOURS,
  isPaidType,
  OFFSETS_RETENTION_MINUTES,
  VPC_CIDR_MASK,
  zoneInRegion,
  DISK_TYPE_NAMES,
  INSTANCE_ID,
  nameProblem,
  EDITIONS,
  PUBLIC_BANDWIDTH,
  findIoSpec,
  GROUPS_PER_QUOTA_PARTITION,
  INSTANCE_CONFIG_KEYS,
  INSTANCE_NAME,
  IO_SPECS,
  IoSpec,
  isSellableDiskSize,
  isSpecType,
  MESSAGE_MAX_BYTES,
  SERVICE_VERSIONS,
  SIZING_GUIDANCE,
  SPEC_TYPES,
  TOPIC_NAME,
} from '../alikafka';
import { ClusterMetadata } from '../model';
import { cidrContains, cidrsOverlap, isNetworkAddress, parseCidr } from './cidr';
import { estateProblem, optionProblem, PlanProblem } from './errors';
import { formatBytes } from './format';
import { sanitizeName } from './names';
import type { SizingChoice, SizingEvaluation, SizingInput } from './sizing/types';
import { diskNeed, DiskNeed } from './sizing/evaluate';
import { defaultInstanceRetention } from './retention';
import {
  Decision,
  DeployType,
  DiskType,
  ExistingInstanceOptions,
  NewInstanceOptions,
  PlannedExistingInstance,
  PlannedNewInstance,
  PlanWarning,
  SpecType,
} from './types';

/** The plan's defaults for a new instance, each with the reason the report shows. */
export const DEFAULT_SPEC_TYPE: SpecType = EDITIONS.professional.specType;
/** The plan's default traffic spec: the smallest (cheapest) one sold for the edition. */
export function defaultIoMaxSpec(specType: SpecType): string {
  const smallest = IO_SPECS.find((s) => s.editions.includes(specType));
  if (!smallest) throw new InternalError(`no traffic spec is sold for edition ${specType}`);
  return smallest.name;
}
export const DEFAULT_DISK_TYPE: DiskType = 'cloud';
export const DEFAULT_DEPLOY_TYPE: DeployType = 'vpc';
export const DEFAULT_VPC_CIDR = '172.16.0.0/12';
/** The default vSwitch CIDR of the Nth zone (0-based) inside the default VPC. */
export function defaultVswitchCidr(index: number): string {
  return `172.16.${index}.0/24`;
}
/** Share of extra partitions bought when the plan sizes `partition_num` itself. */
export const PARTITION_HEADROOM = 0.25;
/** Partition purchases are rounded up to this step. */
export const PARTITION_STEP = 50;

/** What the topic and group planning needs to know about the target before the instance is sized. */
export interface TargetCapabilities {
  readonly specType: SpecType;
  readonly localStorage: boolean;
  readonly warnings: PlanWarning[];
  readonly problems: PlanProblem[];
}

export function targetCapabilities(target: NewInstanceOptions | ExistingInstanceOptions, evaluated?: SpecType): TargetCapabilities {
  const warnings: PlanWarning[] = [];
  const problems: PlanProblem[] = [];
  let specType = target.specType;
  if (specType !== undefined && !isSpecType(specType)) {
    problems.push(optionProblem('target.specType', `must be one of ${SPEC_TYPES.join(', ')}, got ${JSON.stringify(specType)}`));
    specType = undefined;
  }
  if (specType === undefined && target.mode === 'new' && target.ioMaxSpec !== undefined) {
    // a given traffic spec decides the edition when none is given: the evaluated one if it sells that spec
    const editions = findIoSpec(target.ioMaxSpec)?.editions ?? [];
    specType = evaluated !== undefined && editions.includes(evaluated) ? evaluated : editions.includes(DEFAULT_SPEC_TYPE) ? DEFAULT_SPEC_TYPE : editions[0];
  }
  if (specType === undefined && evaluated !== undefined) specType = evaluated;
  if (specType === undefined) {
    specType = DEFAULT_SPEC_TYPE;
    if (target.mode === 'existing') {
      warnings.push({
        code: 'assumed-edition',
        subject: `instance ${target.instanceId}`,
        message: `edition not given; planned as ${DEFAULT_SPEC_TYPE} (local storage and compaction available). Give the instance's edition (spec type normal) if it is Standard`,
      });
    }
  }
  return { specType, localStorage: EDITIONS[specType].localStorage, warnings, problems };
}

/** What the planned topics, groups and ACLs need from a new instance. */
export interface InstanceNeeds {
  /** Sum of the planned topics' partitions. */
  readonly partitions: number;
  readonly topics: number;
  /** Planned consumer groups (each partition of quota carries GROUPS_PER_QUOTA_PARTITION of them). @default 0 */
  readonly groups?: number;
  readonly acls: boolean;
  /** The planned topic (or the source brokers' default) allowing the largest messages, when one allows more than AliKafka's default. */
  readonly largestMessage?: { readonly bytes: number; readonly from: string };
  /** The longest source retention among the planned cloud-storage topics (hours; Infinity: forever), when any is planned. */
  readonly longestCloudRetention?: { readonly hours: number; readonly from: string };
  /** The source brokers' `offsets.retention.minutes`, when the metadata has it. */
  readonly sourceOffsetsRetentionMinutes?: number;
  /** Warnings of the instance steps (offsets retention shortened). */
  readonly warnings: PlanWarning[];
}

/** What planning a new instance reads: the metadata, the options, the edition, the estate's needs and the evaluation. */
export interface NewInstanceContext {
  readonly meta: ClusterMetadata;
  readonly opts: NewInstanceOptions;
  readonly specType: SpecType;
  readonly needs: InstanceNeeds;
  /** The instance of the previous plan (re-planning only adds). */
  readonly previous?: PlannedNewInstance;
  readonly tags: Readonly<Record<string, string>>;
  /** The evaluation of the estate (lib/plan/sizing): what every setting not given is taken from. */
  readonly sizing?: SizingEvaluation;
  /** The sizing input of the selected estate: the disk is sized (or checked) for the instance retention from it. */
  readonly sizingInput?: SizingInput;
  /** Problems found are added here. */
  readonly problems: PlanProblem[];
}

/** The shared state of the steps that plan a new instance. */
interface InstanceContext extends NewInstanceContext {
  readonly decisions: Decision[];
  /** The instance retention (decided first: the disk holds it). */
  readonly retention: { readonly hours: number; readonly reason: string };
}

/** The evaluation's choice and reason for a field, when it chose one. */
function sized(ctx: InstanceContext, field: SizingChoice['field']): SizingChoice | undefined {
  return ctx.sizing?.instance ? ctx.sizing.choices.find((c) => c.field === field) : undefined;
}

function fromSizing(reason: string): string {
  return `evaluated: ${reason}`;
}

function decide<T extends string | number>(ctx: InstanceContext, field: string, value: T, reason: string): T {
  ctx.decisions.push({ field, value: String(value), reason });
  return value;
}

function decideSpecType(ctx: InstanceContext): SpecType {
  if (ctx.opts.specType) return decide(ctx, 'spec_type', ctx.specType, 'given');
  if (ctx.previous && ctx.previous.specType === ctx.specType) return decide(ctx, 'spec_type', ctx.specType, 'kept from the previous plan');
  const s = sized(ctx, 'spec_type');
  if (s && s.value === ctx.specType) return decide(ctx, 'spec_type', ctx.specType, fromSizing(s.reason));
  return decide(ctx, 'spec_type', ctx.specType, `default: ${DEFAULT_SPEC_TYPE} offers local storage, compaction, ACLs and multi-zone`);
}

function decideIoMaxSpec(ctx: InstanceContext): { name: string; spec?: IoSpec } {
  const evaluated = sized(ctx, 'io_max_spec');
  const kept = ctx.previous && ctx.previous.specType === ctx.specType ? ctx.previous.ioMaxSpec : undefined;
  const usable = evaluated && ctx.sizing?.instance?.specType === ctx.specType ? evaluated : undefined;
  const name = ctx.opts.ioMaxSpec ?? kept ?? usable?.value ?? defaultIoMaxSpec(ctx.specType);
  const spec = findIoSpec(name);
  if (!spec) {
    const known = IO_SPECS.filter((s) => s.editions.includes(ctx.specType))
      .slice(0, 6)
      .map((s) => s.name)
      .join(', ');
    ctx.problems.push(optionProblem('target.ioMaxSpec', `unknown traffic spec ${JSON.stringify(name)}; known specs include ${known}, ...`));
  } else if (!spec.editions.includes(ctx.specType)) {
    ctx.problems.push(optionProblem('target.ioMaxSpec', `${name} is not sold for edition ${ctx.specType} (it is for ${spec.editions.join(', ')})`));
  }
  const reason = ctx.opts.ioMaxSpec
    ? 'given'
    : kept !== undefined
      ? 'kept from the previous plan, so re-planning only adds; give the traffic spec to change it'
      : usable
        ? fromSizing(usable.reason)
        : `default: the smallest traffic spec (${spec?.writeMBps ?? '?'} MB/s); size it with measured peak traffic`;
  decide(ctx, 'io_max_spec', name, reason);
  return { name, spec };
}

function decideDiskType(ctx: InstanceContext): DiskType {
  const given = ctx.opts.diskType;
  if (given !== undefined && !DISK_TYPE_NAMES.includes(given)) {
    ctx.problems.push(optionProblem('target.diskType', `must be one of ${DISK_TYPE_NAMES.join(', ')}, got ${JSON.stringify(given)}`));
  }
  const s = sized(ctx, 'disk_type');
  if (s && s.value === (ctx.opts.diskType ?? s.value)) return decide(ctx, 'disk_type', s.value as DiskType, fromSizing(s.reason));
  return decide(
    ctx,
    'disk_type',
    ctx.opts.diskType ?? DEFAULT_DISK_TYPE,
    ctx.opts.diskType ? 'given' : 'default: ultra cloud disk, the cheaper type (--ssd for SSD)',
  );
}

/** The disk the planned spec needs for the estate at the instance retention, when the estate is known. */
function needOf(ctx: InstanceContext, spec: IoSpec | undefined): DiskNeed | undefined {
  return ctx.sizingInput && spec ? diskNeed(ctx.sizingInput, ctx.specType, spec, ctx.retention.hours) : undefined;
}

/** The disk the estate needs at the instance retention, or the spec's minimum when nothing is known. */
function diskFromEstate(ioMaxSpec: string, spec: IoSpec | undefined, need: DiskNeed | undefined): { size: number; reason: string } {
  const minDisk = spec?.minDiskGb ?? DISK_SIZE_GB.min;
  if (!need || need.dataGb === 0) return { size: Math.max(minDisk, need?.advisedGb ?? 0), reason: `no data to size from; the minimum for ${ioMaxSpec}` };
  return {
    size: need.advisedGb,
    reason: `${need.dataGb.toFixed(1)} GB of data (the instance retention of ${need.retentionHours} h at ${need.writeMBps.toFixed(1)} MB/s of ingress keeps ${need.retentionGb.toFixed(1)} GB), with headroom, rounded up to ${DISK_SIZE_GB.step} GB, at least ${minDisk}`,
  };
}

function decideDiskSize(ctx: InstanceContext, ioMaxSpec: string, spec: IoSpec | undefined): number {
  const given = ctx.opts.diskSize;
  const need = needOf(ctx, spec);
  if (given !== undefined) {
    if (!isSellableDiskSize(given, spec)) {
      ctx.problems.push(
        optionProblem(
          'target.diskSize',
          `must be a multiple of ${DISK_SIZE_GB.step} GB from ${spec?.minDiskGb ?? DISK_SIZE_GB.min} (minimum for ${ioMaxSpec}) to ${DISK_SIZE_GB.max}, got ${given}`,
        ),
      );
    }
    checkDiskHolds(ctx, given, 'target.diskSize', `the given ${given} GB`, need);
    return decide(ctx, 'disk_size', given, 'given');
  }
  const evaluated =
    ctx.sizing?.instance?.ioMaxSpec === ioMaxSpec && ctx.sizing.instance.retentionHours === ctx.retention.hours ? sized(ctx, 'disk_size') : undefined;
  const fromEstate = evaluated ? { size: Number(evaluated.value), reason: fromSizing(evaluated.reason) } : diskFromEstate(ioMaxSpec, spec, need);
  if (ctx.previous && ctx.previous.diskSize !== fromEstate.size) {
    if (ctx.previous.diskSize < fromEstate.size && need !== undefined && ctx.previous.diskSize < need.holdGb) {
      return decide(
        ctx,
        'disk_size',
        fromEstate.size,
        `grown from the previous plan's ${ctx.previous.diskSize} GB, which no longer holds the estate (a disk only grows, in place): ${fromEstate.reason}`,
      );
    }
    checkDiskHolds(ctx, ctx.previous.diskSize, 'target.diskSize', `the previous plan's ${ctx.previous.diskSize} GB`, need);
    return decide(
      ctx,
      'disk_size',
      ctx.previous.diskSize,
      `kept from the previous plan, so re-planning only adds (the current export alone suggests ${fromEstate.size}); pass --disk-size to change it`,
    );
  }
  return decide(ctx, 'disk_size', fromEstate.size, fromEstate.reason);
}

/**
 * The disk must hold the instance retention at the estate's ingress: below AliKafka's purge threshold it deletes the
 * oldest messages whatever the retention, so a disk too small for it is a problem; one above the advised usage, a
 * warning.
 */
function checkDiskHolds(ctx: InstanceContext, diskSize: number, path: 'target.diskSize', what: string, need: DiskNeed | undefined): void {
  if (!need || need.dataGb === 0) return;
  const usage = need.dataGb / EDITIONS[ctx.specType].usableDiskShare / diskSize;
  const facts =
    need.retentionGb > 0
      ? `the instance retention of ${need.retentionHours} h (${ctx.retention.reason}) at ${need.writeMBps.toFixed(1)} MB/s of ingress keeps ${need.retentionGb.toFixed(1)} GB, ${need.dataGb.toFixed(1)} GB of data in all`
      : `the estate stores ${need.dataGb.toFixed(1)} GB of data`;
  if (diskSize < need.holdGb) {
    const bigger =
      need.advisedGb <= DISK_SIZE_GB.max ? `a disk of ${need.advisedGb} GB or more` : `a disk above the largest (${DISK_SIZE_GB.max} GB): not possible`;
    ctx.problems.push(
      estateProblem(
        path,
        `${what} of disk cannot hold it: ${facts}, ${Math.ceil(need.holdGb)} GB of disk before AliKafka deletes messages early at ${SIZING_GUIDANCE.diskPurgeUsage * 100}% usage. Choose ${bigger}, a shorter instance retention (the retention-hours option), or local storage for the long-retention topics (they keep their own retention.ms)`,
      ),
    );
  } else if (need.advisedGb > diskSize) {
    ctx.needs.warnings.push({
      code: 'disk-usage',
      subject: 'disk_size',
      message: `${what} holds ${facts} at ${Math.round(usage * 100)}% usage, above the ${SIZING_GUIDANCE.diskTargetUsage * 100}% AliKafka advises (${need.advisedGb} GB keeps it below)`,
    });
  }
}

function decidePartitionNum(ctx: InstanceContext, ioMaxSpec: string, spec: IoSpec | undefined): number {
  const included = spec?.included ?? 0;
  const byGroups = Math.ceil((ctx.needs.groups ?? 0) / GROUPS_PER_QUOTA_PARTITION);
  const needed = Math.max(ctx.needs.partitions, ctx.needs.topics, byGroups);
  const neededText =
    byGroups > Math.max(ctx.needs.partitions, ctx.needs.topics)
      ? `${ctx.needs.groups} groups planned (${GROUPS_PER_QUOTA_PARTITION} per partition of quota) need ${needed}`
      : `${needed} partitions planned`;
  let partitionNum: number;
  if (ctx.opts.partitionNum !== undefined) {
    partitionNum = ctx.opts.partitionNum;
    if (!Number.isInteger(partitionNum) || partitionNum < 0) {
      ctx.problems.push(optionProblem('target.partitionNum', `must be a whole number >= 0, got ${partitionNum}`));
    }
    decide(ctx, 'partition_num', partitionNum, 'given');
  } else if (ctx.previous && included + ctx.previous.partitionNum >= needed) {
    partitionNum = decide(
      ctx,
      'partition_num',
      ctx.previous.partitionNum,
      `kept from the previous plan: ${included + ctx.previous.partitionNum} partitions still cover the ${needed} planned`,
    );
  } else if (ctx.sizing?.instance?.ioMaxSpec === ioMaxSpec && sized(ctx, 'partition_num') && included + (ctx.sizing?.instance?.partitionNum ?? 0) >= needed) {
    const s = sized(ctx, 'partition_num') as SizingChoice;
    partitionNum = decide(ctx, 'partition_num', Number(s.value), fromSizing(s.reason));
  } else {
    const withHeadroom = Math.ceil((needed * (1 + PARTITION_HEADROOM)) / PARTITION_STEP) * PARTITION_STEP;
    partitionNum = Math.max(0, withHeadroom - included);
    decide(
      ctx,
      'partition_num',
      partitionNum,
      `${neededText}, +${PARTITION_HEADROOM * 100}% headroom rounded up to ${PARTITION_STEP} = ${withHeadroom}; ${included} included in ${ioMaxSpec}${partitionNum > 0 ? `, so buy ${partitionNum}` : ', so buy none'}`,
    );
  }
  if (spec && included + partitionNum > spec.max) {
    ctx.problems.push({
      subject: 'partition quota',
      message: `${included + partitionNum} partitions exceed the ${spec.max} maximum of ${ioMaxSpec}; choose a larger traffic spec`,
    });
  }
  return partitionNum;
}

function decideDeployType(ctx: InstanceContext): { deployType: DeployType; eipMax?: number } {
  if (ctx.opts.deployType !== undefined && !DEPLOY_TYPE_NAMES.includes(ctx.opts.deployType)) {
    ctx.problems.push(optionProblem('target.deployType', `must be one of ${DEPLOY_TYPE_NAMES.join(', ')}, got ${JSON.stringify(ctx.opts.deployType)}`));
  }
  const deployType = decide(
    ctx,
    'deploy_type',
    ctx.opts.deployType ?? DEFAULT_DEPLOY_TYPE,
    ctx.opts.deployType ? 'given' : 'default: VPC only, no public endpoint',
  );
  const eip = ctx.opts.eipMax;
  if (deployType === 'public' && (eip === undefined || !Number.isInteger(eip) || eip < PUBLIC_BANDWIDTH.min || eip > PUBLIC_BANDWIDTH.max)) {
    ctx.problems.push(
      optionProblem(
        'target.eipMax',
        `a public instance needs the public bandwidth in ${PUBLIC_BANDWIDTH.unit}, a whole number from ${PUBLIC_BANDWIDTH.min} to ${PUBLIC_BANDWIDTH.max}${eip === undefined ? '' : `, got ${eip}`}`,
      ),
    );
  }
  if (deployType !== 'public' && eip !== undefined) {
    ctx.problems.push(
      optionProblem('target.eipMax', `public bandwidth only applies to an Internet-and-VPC instance (deploy type public); this one is ${deployType}`),
    );
  }
  return { deployType, eipMax: deployType === 'public' ? eip : undefined };
}

function checkZones(ctx: InstanceContext): void {
  const zoneIds = ctx.opts.zoneIds;
  if (zoneIds.length === 0) ctx.problems.push(optionProblem('target.zoneIds', 'at least one zone is required for a new instance'));
  if (zoneIds.length > 1 && !EDITIONS[ctx.specType].multiZone) {
    ctx.problems.push(
      optionProblem('target.zoneIds', `${EDITIONS[ctx.specType].title} (${ctx.specType}) is single-zone only; give one zone or use edition professional`),
    );
  }
  if (new Set(zoneIds).size !== zoneIds.length) ctx.problems.push(optionProblem('target.zoneIds', 'the same zone is given twice'));
  for (const z of zoneIds) {
    if (!zoneInRegion(z, ctx.opts.region)) {
      ctx.problems.push(
        optionProblem('target.zoneIds', `zone ${z} is not in region ${ctx.opts.region} (zone IDs start with their region, like ${ctx.opts.region}-k)`),
      );
    }
  }
}

function planNetwork(ctx: InstanceContext): PlannedNewInstance['network'] {
  const zoneIds = ctx.opts.zoneIds;
  const network = ctx.opts.network ?? { mode: 'new' };
  if (network.mode === 'existing') {
    if (network.vswitchIds.length !== zoneIds.length) {
      ctx.problems.push(
        optionProblem('target.network.vswitchIds', `give one vSwitch ID per zone (${zoneIds.length} zone(s), ${network.vswitchIds.length} vSwitch ID(s))`),
      );
    }
    return { mode: 'existing', vpcId: network.vpcId, vswitchIds: network.vswitchIds };
  }
  const givenCidrs = network.vswitchCidrs !== undefined && network.vswitchCidrs.length > 0;
  if (network.vpcCidr !== undefined && !givenCidrs) {
    ctx.problems.push(optionProblem('target.network.vswitchCidrs', 'a given VPC CIDR needs one vSwitch CIDR per zone'));
  }
  const cidrs = givenCidrs ? (network.vswitchCidrs as readonly string[]) : zoneIds.map((_, i) => defaultVswitchCidr(i));
  if (cidrs.length !== zoneIds.length) {
    ctx.problems.push(optionProblem('target.network.vswitchCidrs', `give one vSwitch CIDR per zone (${zoneIds.length} zone(s), ${cidrs.length} CIDR(s))`));
  }
  const vpcCidr = network.vpcCidr ?? DEFAULT_VPC_CIDR;
  checkCidrs(ctx, vpcCidr, cidrs, network.vpcCidr !== undefined);
  const reason = network.vpcCidr === undefined && !givenCidrs ? `default: VPC ${DEFAULT_VPC_CIDR}, one /24 per zone` : 'given';
  return { mode: 'new', vpcCidr, vswitches: zoneIds.map((zoneId, i) => ({ zoneId, cidr: cidrs[i] ?? '' })), reason };
}

function checkCidrs(ctx: InstanceContext, vpcText: string, vswitchTexts: readonly string[], vpcGiven: boolean): void {
  const vpc = parseCidr(vpcText);
  if (!vpc || !vpcText.includes('/') || !isNetworkAddress(vpcText)) {
    ctx.problems.push(optionProblem('target.network.vpcCidr', `${JSON.stringify(vpcText)} is not an IPv4 network in CIDR form (like 172.16.0.0/12)`));
  } else if (vpc.mask < VPC_CIDR_MASK.min || vpc.mask > VPC_CIDR_MASK.max) {
    ctx.problems.push(optionProblem('target.network.vpcCidr', `a VPC CIDR needs a mask from /${VPC_CIDR_MASK.min} to /${VPC_CIDR_MASK.max}, got /${vpc.mask}`));
  }
  const parsed = vswitchTexts.map((t) => ({ t, c: t.includes('/') && isNetworkAddress(t) ? parseCidr(t) : undefined }));
  for (const { t, c } of parsed) {
    if (!c) {
      ctx.problems.push(optionProblem('target.network.vswitchCidrs', `${JSON.stringify(t)} is not an IPv4 network in CIDR form (like 172.16.0.0/24)`));
    } else if (vpc && !cidrContains(vpc, c)) {
      ctx.problems.push(
        optionProblem('target.network.vswitchCidrs', `vSwitch CIDR ${t} is not inside the VPC CIDR ${vpcText}${vpcGiven ? '' : ' (the default VPC)'}`),
      );
    }
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i].c;
      const b = parsed[j].c;
      if (a && b && cidrsOverlap(a, b)) {
        ctx.problems.push(
          optionProblem('target.network.vswitchCidrs', `vSwitch CIDRs ${parsed[i].t} and ${parsed[j].t} overlap; each zone needs its own range`),
        );
      }
    }
  }
}

function sourceServiceVersion(meta: ClusterMetadata): { value: string; reason: string } {
  const [oldest, newest] = [SERVICE_VERSIONS[0], SERVICE_VERSIONS[SERVICE_VERSIONS.length - 1]];
  const v = meta.source.kafkaVersion;
  const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
  const [nMajor, nMinor] = newest.split('.').map(Number);
  if (m && (Number(m[1]) > nMajor || (Number(m[1]) === nMajor && Number(m[2]) >= nMinor))) {
    return { value: newest, reason: `source runs Kafka ${v}; ${newest} is the newest reserved-instance version` };
  }
  if (m) return { value: oldest, reason: `source runs Kafka ${v} (before ${nMajor}.${nMinor}); ${oldest} is the closest reserved-instance version` };
  return { value: newest, reason: `source Kafka version unknown; ${newest} is the newest reserved-instance version` };
}

function decideServiceVersion(ctx: InstanceContext): string {
  const given = ctx.opts.serviceVersion;
  if (given) {
    if (!(SERVICE_VERSIONS as readonly string[]).includes(given)) {
      ctx.problems.push(optionProblem('target.serviceVersion', `must be one of ${SERVICE_VERSIONS.join(', ')}, got ${JSON.stringify(given)}`));
    }
    return decide(ctx, 'service_version', given, 'given');
  }
  if (ctx.previous)
    return decide(ctx, 'service_version', ctx.previous.serviceVersion, 'kept from the previous plan (an upgrade is a change to review on its own)');
  const d = sourceServiceVersion(ctx.meta);
  return decide(ctx, 'service_version', d.value, d.reason);
}

function decideMessageSize(ctx: InstanceContext, config: Record<string, string>): void {
  const key = INSTANCE_CONFIG_KEYS.messageMaxBytes;
  const largest = ctx.needs.largestMessage;
  if (largest === undefined || largest.bytes <= MESSAGE_MAX_BYTES.default) {
    decide(
      ctx,
      `config.${key}`,
      MESSAGE_MAX_BYTES.default,
      `AliKafka's default (${formatBytes(MESSAGE_MAX_BYTES.default)}): no planned topic allows larger messages`,
    );
    return;
  }
  const capped = largest.bytes > MESSAGE_MAX_BYTES.max;
  const v = Math.min(largest.bytes, MESSAGE_MAX_BYTES.max);
  config[key] = String(v);
  decide(
    ctx,
    `config.${key}`,
    v,
    capped
      ? `${largest.from} allows ${largest.bytes}-byte messages; capped at AliKafka's limit of ${formatBytes(MESSAGE_MAX_BYTES.max)} (larger messages will be rejected)`
      : `the largest message size among the planned topics: ${largest.from} allows ${formatBytes(largest.bytes)}`,
  );
}

/** The instance retention: given, or the longest retention of the planned cloud-storage topics (as sizing takes it). */
function instanceRetention(opts: NewInstanceOptions, specType: SpecType, needs: InstanceNeeds, problems: PlanProblem[]): { hours: number; reason: string } {
  const edition = EDITIONS[specType];
  const max = Math.min(INSTANCE_RETENTION_HOURS.max, edition.maxRetentionHours);
  const given = opts.retentionHours;
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < INSTANCE_RETENTION_HOURS.min || given > max) {
      problems.push(
        optionProblem(
          'target.retentionHours',
          `must be a whole number of hours from ${INSTANCE_RETENTION_HOURS.min} to ${max} (${edition.title}), got ${given}`,
        ),
      );
    }
    return { hours: given, reason: 'given' };
  }
  const d = defaultInstanceRetention(needs.longestCloudRetention, edition.maxRetentionHours, edition.title);
  return { hours: d.hours, reason: d.reason };
}

function decideRetention(ctx: InstanceContext, config: Record<string, string>): void {
  const key = INSTANCE_CONFIG_KEYS.retentionHours;
  const { hours, reason } = ctx.retention;
  if (hours !== INSTANCE_RETENTION_HOURS.default) config[key] = String(hours);
  decide(ctx, `config.${key}`, hours, reason);
}

function decideOffsetsRetention(ctx: InstanceContext, config: Record<string, string>): void {
  const key = INSTANCE_CONFIG_KEYS.offsetsRetentionMinutes;
  const r = OFFSETS_RETENTION_MINUTES;
  const source = ctx.needs.sourceOffsetsRetentionMinutes;
  if (source === undefined) {
    decide(
      ctx,
      `config.${key}`,
      r.default,
      `AliKafka's default (${r.default} minutes = ${r.default / 1440} days); the source brokers' offsets.retention.minutes is not in the metadata (Kafka's default is also ${r.default})`,
    );
    return;
  }
  const v = Math.max(r.min, Math.min(source, r.max));
  if (v !== r.default) config[key] = String(v);
  if (source > r.max) {
    ctx.needs.warnings.push({
      code: 'offsets-retention',
      subject: 'instance',
      message: `source brokers keep committed offsets ${source} minutes; AliKafka keeps them at most ${r.max} minutes (${r.max / 1440} days): groups that pause longer lose their position`,
    });
  }
  decide(
    ctx,
    `config.${key}`,
    v,
    source > r.max
      ? `the source brokers' offsets.retention.minutes (${source}), capped at AliKafka's maximum of ${r.max}`
      : source < r.min
        ? `the source brokers' offsets.retention.minutes (${source}), raised to AliKafka's minimum of ${r.min}`
        : `the source brokers' offsets.retention.minutes (${source})`,
  );
}

function decideConfig(ctx: InstanceContext): Record<string, string> {
  const config: Record<string, string> = {};
  if (ctx.needs.acls) {
    config[INSTANCE_CONFIG_KEYS.acl] = decide(ctx, `config.${INSTANCE_CONFIG_KEYS.acl}`, 'true', 'the plan carries ACLs');
  }
  decideMessageSize(ctx, config);
  decideRetention(ctx, config);
  decideOffsetsRetention(ctx, config);
  return config;
}

function decidePaidType(ctx: InstanceContext): PlannedNewInstance['paidType'] {
  const given = ctx.opts.paidType;
  if (given !== undefined && !isPaidType(given)) {
    ctx.problems.push(optionProblem('target.paidType', `must be PostPaid or PrePaid, got ${JSON.stringify(given)}`));
  }
  return decide(ctx, 'paid_type', given ?? DEFAULT_PAID_TYPE, given ? 'given' : 'default: pay-as-you-go (PostPaid); PrePaid is a subscription');
}

/** Sizes and validates a new instance, one named step per setting. */
export function planNewInstance(context: NewInstanceContext): PlannedNewInstance {
  const ctx: InstanceContext = {
    ...context,
    decisions: [],
    retention: instanceRetention(context.opts, context.specType, context.needs, context.problems),
  };
  const { meta, opts, specType, tags, sizing } = ctx;
  decideSpecType(ctx);
  const io = decideIoMaxSpec(ctx);
  const diskType = decideDiskType(ctx);
  const diskSize = decideDiskSize(ctx, io.name, io.spec);
  const partitionNum = decidePartitionNum(ctx, io.name, io.spec);
  const { deployType, eipMax } = decideDeployType(ctx);
  checkZones(ctx);
  const network = planNetwork(ctx);
  const serviceVersion = decideServiceVersion(ctx);
  const config = decideConfig(ctx);
  const paidType = decidePaidType(ctx);
  const passwordVariable = opts.instancePassword ? 'instance_password' : undefined;
  if (passwordVariable)
    decide(ctx, 'password', `var.${passwordVariable}`, 'given: a custom instance password, from a sensitive variable (never in the plan or the report)');
  decide(ctx, 'prevent_destroy', 'true', "the instance holds every topic's data: Terraform must never destroy it by itself");
  // the provider checks StringLenBetween(3, 64) on the name's UTF-8 bytes
  const nameBytes = opts.name === undefined ? 0 : new TextEncoder().encode(opts.name).length;
  if (opts.name !== undefined && (nameBytes < INSTANCE_NAME.min || nameBytes > INSTANCE_NAME.max)) {
    ctx.problems.push(
      optionProblem(
        'target.name',
        `must be ${INSTANCE_NAME.min}-${INSTANCE_NAME.max} bytes long in UTF-8 (the provider's rule for an instance name), got ${nameBytes}`,
      ),
    );
  }
  const name =
    opts.name ?? sanitizeName(meta.source.clusterId ? `kafka-${meta.source.clusterId}` : 'kafka-migrated', { ...INSTANCE_NAME, chars: TOPIC_NAME.chars });
  return {
    mode: 'new',
    name,
    region: opts.region,
    zoneIds: opts.zoneIds,
    network,
    specType,
    ioMaxSpec: io.name,
    diskType,
    diskSize,
    partitionNum,
    deployType,
    eipMax,
    serviceVersion,
    paidType,
    preventDestroy: true,
    tags,
    ...(passwordVariable ? { passwordVariable } : {}),
    config,
    decisions: ctx.decisions,
    sizing,
  };
}

export function planExistingInstance(opts: ExistingInstanceOptions, specType: SpecType, problems: PlanProblem[]): PlannedExistingInstance {
  const idProblem = nameProblem(INSTANCE_ID, opts.instanceId);
  if (idProblem !== undefined)
    problems.push(optionProblem('target.instanceId', `${JSON.stringify(opts.instanceId)} is not an instance ID (like alikafka_post-cn-xxxx): it ${idProblem}`));
  const decisions: Decision[] = [{ field: 'instance_id', value: opts.instanceId, reason: 'existing instance: topics, groups, users and ACLs are added to it' }];
  if (opts.specType) decisions.push({ field: 'spec_type', value: specType, reason: 'given' });
  return { mode: 'existing', instanceId: opts.instanceId, specType, ioMaxSpec: opts.ioMaxSpec, partitionNum: opts.partitionNum, decisions };
}
