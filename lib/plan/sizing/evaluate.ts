/**
 * The evaluation: `evaluateSizing(input)` walks AliKafka's (edition, traffic spec) pairs cheapest first and keeps the
 * first that meets every need with headroom, then sizes disk and partitions for it. Each choice has a reason; an
 * estate no spec carries gets errors naming the dimension and by how much, and a split suggestion.
 *
 * Every AliKafka value (specs, cost order, quotas, disk steps, guidance) comes from `lib/alikafka`; values the
 * references do not confirm raise an `unconfirmed` warning when the evaluation uses them.
 */
import {
  COST_ORDER_CONFIRMED,
  DISK_SIZE_CONFIRMED,
  DISK_SIZE_GB,
  DISK_TYPES_BY_COST,
  EDITIONS,
  GROUPS_PER_QUOTA_PARTITION,
  INSTANCE_RETENTION_HOURS,
  LOCAL_TOPIC_REPLICAS,
  SSD_PRICE_RATIO,
  eipMaxForMBps,
  PUBLIC_BANDWIDTH,
  SIZING_GUIDANCE,
  SIZING_UNITS,
  IoSpec,
  SPEC_TYPES,
  SpecType,
  specsByCost,
  TOPICS_PER_QUOTA_PARTITION,
} from '../../alikafka';
import type {
  EvaluateOptions,
  RejectedSpec,
  SizedInstance,
  SizingChoice,
  SizingDimension,
  SizingDimensionName,
  SizingEvaluation,
  SizingInput,
  SizingInputLine,
  SizingProblem,
  SizingValue,
  SizingWarning,
} from './types';
import { fmt, plural, round } from './format';
import { candidates, cheapestFit, globalsFor, Globals, isFeature, Load, loadEntries, shapeOn, sizeCandidate, Sized, sumLoad, versionParts } from './candidates';
import { suggestSplit } from './split';

const GB = SIZING_UNITS.diskGBBytes;

function pct(capacity: number, need: number): number | undefined {
  return need > 0 ? round((capacity / need - 1) * 100, 0) : undefined;
}

function dimensionsFor(load: Load, g: Globals, c: Sized, eipMax: number | undefined): SizingDimension[] {
  const f = 1 + g.h;
  const el = load.perEdition[c.specType];
  const quota = c.spec.included + c.partitionNum;
  const edition = EDITIONS[c.specType];
  const usableGb = c.usableBytes / GB;
  const dims: SizingDimension[] = [
    {
      dimension: 'write',
      unit: 'MB/s',
      need: round(load.writeMBps),
      required: round(load.writeMBps * f),
      capacity: c.spec.writeMBps,
      limit: c.spec.writeMBps,
      headroomPct: pct(c.spec.writeMBps, load.writeMBps),
    },
    {
      dimension: 'read',
      unit: 'MB/s',
      need: round(load.readMBps),
      required: round(load.readMBps * f),
      capacity: c.spec.readMBps,
      limit: c.spec.readMBps,
      headroomPct: pct(c.spec.readMBps, load.readMBps),
    },
    {
      dimension: 'partitions',
      unit: 'partitions',
      need: el.partitions,
      required: Math.ceil(el.partitions * f),
      capacity: quota,
      limit: c.spec.max,
      headroomPct: pct(quota, el.partitions),
    },
    {
      dimension: 'topics',
      unit: 'topics',
      need: load.topics,
      required: Math.ceil(load.topics * f),
      capacity: quota * TOPICS_PER_QUOTA_PARTITION,
      limit: c.spec.max * TOPICS_PER_QUOTA_PARTITION,
      headroomPct: pct(quota * TOPICS_PER_QUOTA_PARTITION, load.topics),
    },
    {
      dimension: 'groups',
      unit: 'groups',
      need: load.groups,
      required: Math.ceil(load.groups * f),
      capacity: quota * GROUPS_PER_QUOTA_PARTITION,
      limit: c.spec.max * GROUPS_PER_QUOTA_PARTITION,
      headroomPct: pct(quota * GROUPS_PER_QUOTA_PARTITION, load.groups),
    },
    {
      dimension: 'disk',
      unit: 'GB usable',
      need: round(usableGb),
      required: round(c.diskRequiredGb * edition.usableDiskShare),
      capacity: round(c.diskSize * edition.usableDiskShare),
      limit: round(DISK_SIZE_GB.max * edition.usableDiskShare),
      headroomPct: pct(c.diskSize * edition.usableDiskShare, usableGb),
    },
  ];
  if (g.publicMBps > 0) {
    dims.push({
      dimension: 'public',
      unit: PUBLIC_BANDWIDTH.unit,
      need: round(eipMaxForMBps(g.publicMBps)),
      required: round(eipMaxForMBps(g.publicMBps * f)),
      capacity: eipMax ?? 0,
      limit: PUBLIC_BANDWIDTH.max,
      headroomPct: pct(eipMax ?? 0, eipMaxForMBps(g.publicMBps)),
    });
  }
  return dims;
}

function rejection(c: Sized): RejectedSpec {
  return { specType: c.specType, ioMaxSpec: c.spec.name, reasons: c.reasons };
}

function reasonList(c: Sized): string {
  return c.reasons.map((r) => r.message).join('; ');
}

function fitProblems(load: Load, g: Globals, all: readonly Sized[]): SizingProblem[] {
  const problems: SizingProblem[] = [];
  const featureOk = all.filter((c) => !c.reasons.some(isFeature));
  if (featureOk.length === 0) {
    const seen = new Set<string>(all.flatMap((c) => c.reasons.filter(isFeature).map((r) => r.message)));
    problems.push({ dimension: 'combination', need: 0, limit: 0, over: 0, message: `no edition offers everything needed: ${[...seen].join('; ')}` });
    return problems;
  }
  const f = 1 + g.h;
  const largest = (pick: (c: Sized) => number): Sized => featureOk.reduce((best, c) => (pick(c) > pick(best) ? c : best));
  const check = (dimension: SizingDimensionName, need: number, unit: string, pick: (c: Sized) => number, what: string): void => {
    const best = largest(pick);
    const limit = pick(best);
    if (need > limit) {
      const over = need - limit;
      problems.push({
        dimension,
        need: round(need),
        limit,
        over: round(over),
        message: `${what}: needs ${fmt(need)} ${unit} with ${fmt(g.h * 100, 0)}% headroom; the largest spec (${best.spec.name}, ${best.specType}) allows ${fmt(limit)} ${unit}: ${fmt(over)} ${unit} (${fmt((over / limit) * 100, 0)}%) over`,
      });
    }
  };
  check('write', load.writeMBps * f, 'MB/s', (c) => c.spec.writeMBps, 'write throughput');
  check('read', load.readMBps * f, 'MB/s', (c) => c.spec.readMBps, 'read throughput');
  // Quota per dimension; partitions depend on the edition (grown single-partition topics on Standard).
  const minPartitions = Math.min(...featureOk.map((c) => load.perEdition[c.specType].partitions));
  check('partitions', Math.ceil(minPartitions * f), 'partitions', (c) => c.spec.max, 'partition quota');
  check('topics', Math.ceil(load.topics * f), 'topics', (c) => c.spec.max * TOPICS_PER_QUOTA_PARTITION, 'topic quota');
  check('groups', Math.ceil(load.groups * f), 'groups', (c) => c.spec.max * GROUPS_PER_QUOTA_PARTITION, 'group quota');
  const minDisk = Math.min(...featureOk.map((c) => c.diskRequiredGb));
  if (minDisk > DISK_SIZE_GB.max) {
    const over = minDisk - DISK_SIZE_GB.max;
    problems.push({
      dimension: 'disk',
      need: round(minDisk, 0),
      limit: DISK_SIZE_GB.max,
      over: round(over, 0),
      message: `disk: needs ${fmt(minDisk, 0)} GB; the largest disk is ${fmt(DISK_SIZE_GB.max, 0)} GB: ${fmt(over, 0)} GB (${fmt((over / DISK_SIZE_GB.max) * 100, 0)}%) over${diskChoices(g)}`,
    });
  }
  if (problems.length === 0) {
    const nearest = featureOk[featureOk.length - 1];
    problems.push({
      dimension: 'combination',
      need: 0,
      limit: 0,
      over: 0,
      message: `each need fits some spec, but no single spec meets them together (the largest, ${nearest.spec.name}: ${reasonList(nearest)})`,
    });
  }
  return problems;
}

/** The choices when the disk cannot hold the instance retention. */
function diskChoices(g: Globals): string {
  const r = g.retention[EDITIONS.professional.specType];
  return `; the instance retention of ${fmt(r.hours, 0)} h (${r.given ? 'given' : r.reason}) governs: give a shorter one (\`retentionHours\`), keep the long-retention topics on local storage (their own retention.ms), or split the estate`;
}

function publicProblem(g: Globals): { eipMax?: number; problem?: SizingProblem } {
  if (g.publicMBps <= 0) return {};
  const required = Math.ceil(eipMaxForMBps(g.publicMBps * (1 + g.h)));
  const eipMax = Math.max(PUBLIC_BANDWIDTH.advisedMin, required);
  if (eipMax > PUBLIC_BANDWIDTH.max) {
    const over = eipMax - PUBLIC_BANDWIDTH.max;
    return {
      eipMax,
      problem: {
        dimension: 'public',
        need: eipMax,
        limit: PUBLIC_BANDWIDTH.max,
        over,
        message: `public bandwidth: ${fmt(g.publicMBps)} MB/s of public traffic +${fmt(g.h * 100, 0)}% needs an eip_max of ${fmt(eipMax, 0)} ${PUBLIC_BANDWIDTH.unit}; eip_max allows ${fmt(PUBLIC_BANDWIDTH.max, 0)} ${PUBLIC_BANDWIDTH.unit}: ${fmt(over, 0)} (${fmt((over / PUBLIC_BANDWIDTH.max) * 100, 0)}%) over. Keep bulk traffic inside the VPC`,
      },
    };
  }
  return { eipMax };
}

function unconfirmedWarnings(input: SizingInput, load: Load, g: Globals, c: Sized, next: Sized | undefined): SizingWarning[] {
  const w: SizingWarning[] = [];
  const add = (subject: string, message: string): void => {
    w.push({ code: 'unconfirmed', subject, message: `${message} (not confirmed: alikafka-specs.md §8)` });
  };
  if (!COST_ORDER_CONFIRMED) add('cost order', 'specs are ranked by the 2021 price tables; current prices may order them differently');
  if (!c.spec.confirmed.throughput)
    add(c.spec.name, `its ${fmt(c.spec.writeMBps, 0)}/${fmt(c.spec.readMBps, 0)} MB/s write/read come only from a third-party console form`);
  const quotaUsed =
    c.partitionNum > 0 || (next?.reasons.some((r) => r.dimension === 'partitions' || r.dimension === 'topics' || r.dimension === 'groups') ?? false);
  if (quotaUsed && !c.spec.confirmed.maxPartitions)
    add('maximum partitions', `${c.spec.name}'s ${fmt(c.spec.max, 0)} "maximum partitions" is read as the total quota (included + purchased)`);
  if (c.diskAtMinimum && !c.spec.confirmed.minDisk)
    add(
      'minimum disk',
      `${c.spec.name}'s minimum disk of ${fmt(Math.max(DISK_SIZE_GB.min, c.spec.minDiskGb), 0)} GB is from the topic-era table; current minimums may be lower`,
    );
  if (!c.diskAtMinimum && !DISK_SIZE_CONFIRMED.step) add('disk step', `disk sizes are rounded up to ${DISK_SIZE_GB.step} GB steps`);
  if (!SIZING_UNITS.confirmed && (load.writeMBps > 0 || c.usableBytes > 0))
    add('units', `MB/s and GB are read as decimal (${fmt(SIZING_UNITS.trafficMBBytes, 0)} and ${fmt(SIZING_UNITS.diskGBBytes, 0)} bytes), the larger need`);
  const local = load.perEdition[c.specType];
  if (!LOCAL_TOPIC_REPLICAS.confirmed && input.localReplicas.origin !== 'flag' && EDITIONS[c.specType].localStorage && local.localBytes > 0) {
    add(
      'local storage',
      `${plural(local.localTopics, 'local-storage topic')} are counted ${g.localReplicas} times on the disk (their replicas are not free; give the replica count to change it)`,
    );
  }
  if (!PUBLIC_BANDWIDTH.confirmed && g.publicMBps > 0)
    add('public bandwidth', `eip_max is read as ${PUBLIC_BANDWIDTH.unit} with a range of ${PUBLIC_BANDWIDTH.min}-${PUBLIC_BANDWIDTH.max} for every spec`);
  return w;
}

function inputLines(input: SizingInput, g: Globals, specType: SpecType): SizingInputLine[] {
  const line = (name: string, v: SizingValue<unknown>, value: string): SizingInputLine => ({ name, value, origin: v.origin, detail: v.detail });
  const partitions = input.topics.reduce((s, t) => s + t.partitions, 0);
  const compact = input.topics.filter((t) =>
    (t.configs?.['cleanup.policy'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .includes('compact'),
  ).length;
  return [
    line('peak write', input.writeMBps, `${fmt(input.writeMBps.value)} MB/s`),
    line('peak read', input.readMBps, `${fmt(input.readMBps.value)} MB/s`),
    line('public traffic', input.publicMBps, `${fmt(input.publicMBps.value)} MB/s`),
    line('stored bytes', input.storedBytes, input.storedBytes.value === undefined ? 'unknown' : `${fmt(input.storedBytes.value / GB)} GB`),
    line(
      'retention',
      input.retentionHours,
      `${fmt(g.retention[specType].hours, 0)} h${input.retentionHours.value === undefined ? ` (${EDITIONS[specType].title})` : ''}`,
    ),
    line('headroom', input.headroomPct, `${fmt(input.headroomPct.value, 0)}%`),
    {
      name: 'topics',
      value: `${fmt(input.topics.length, 0)} (${fmt(partitions, 0)} partitions, ${compact} compacted)`,
      origin: 'metadata',
      detail:
        input.include?.length || input.exclude?.length
          ? `selected by ${[...(input.include ?? []).map((g) => `--include ${g}`), ...(input.exclude ?? []).map((g) => `--exclude ${g}`)].join(' ')}`
          : 'the topics the plan migrates (internal topics left out)',
    },
    {
      name: 'consumer groups',
      value: fmt(input.groups.length, 0),
      origin: 'metadata',
      detail: 'the consumer groups the plan migrates (those reading a migrated topic, and active ones with unknown topics)',
    },
    line('ACLs', input.acls, fmt(input.acls.value, 0)),
    line('multi-zone', input.multiZone, input.multiZone.value ? 'yes' : 'no'),
    line('local-storage replicas', input.localReplicas, fmt(input.localReplicas.value, 0)),
    line('disk type', input.diskType, input.diskType.value),
    line('source Kafka version', input.sourceKafkaVersion, input.sourceKafkaVersion.value ?? 'unknown'),
  ];
}

function editionSummary(all: readonly Sized[], specType: SpecType): string {
  const ofEdition = all.filter((c) => c.specType === specType);
  const features = ofEdition[0]?.reasons.filter(isFeature) ?? [];
  if (features.length > 0) return features.map((r) => r.message).join('; ');
  const last = ofEdition[ofEdition.length - 1];
  return last ? `its cheaper specs fall short, up to ${last.spec.name}: ${reasonList(last)}` : 'not sold';
}

/** Why the disk type: given or the default, with what SSD costs and what it does not change. */
function diskTypeReason(input: SizingInput): string {
  const price = `about ${SSD_PRICE_RATIO.min}-${SSD_PRICE_RATIO.max}x the price per GB of ultra cloud disk`;
  if (input.diskType.value !== DISK_TYPES_BY_COST[0])
    return `SSD, asked for: ${price}; AliKafka publishes no latency or throughput figure per disk type, so the spec and the disk size are the same as on ultra cloud disk`;
  return input.diskType.origin === 'flag'
    ? 'ultra cloud disk, asked for: the cheaper type'
    : `ultra cloud disk, the cheaper type (SSD costs ${price}); nothing in the metadata calls for SSD`;
}

function choicesFor(
  input: SizingInput,
  load: Load,
  g: Globals,
  all: readonly Sized[],
  c: Sized,
  eipMax: number | undefined,
  next: Sized | undefined,
): SizingChoice[] {
  const edition = EDITIONS[c.specType];
  const h = fmt(g.h * 100, 0);
  const el = load.perEdition[c.specType];
  const cheaperEditions = SPEC_TYPES.filter((e) => e !== c.specType && all.findIndex((x) => x.specType === e) < all.indexOf(c));
  const editionReason =
    cheaperEditions.length === 0
      ? `${edition.title}: the cheapest edition that carries the estate`
      : `${edition.title}: ${cheaperEditions.map((e) => `${EDITIONS[e].title} rejected (${editionSummary(all.slice(0, all.indexOf(c)), e)})`).join('; ')}`;
  const specReason = `the cheapest traffic spec (AliKafka's cost order) meeting write ${fmt(load.writeMBps)} and read ${fmt(load.readMBps)} MB/s +${h}% (${fmt(c.spec.writeMBps, 0)}/${fmt(c.spec.readMBps, 0)} MB/s), a quota of ${fmt(c.quotaRequired, 0)} partitions (at most ${fmt(c.spec.max, 0)}) and ${fmt(c.diskSize, 0)} GB of disk${next ? `; the next cheaper, ${next.spec.name} (${next.specType}), was rejected: ${reasonList(next)}` : ''}`;
  const dataGb = c.usableBytes / GB;
  const governs = el.storedShare >= el.retentionShare ? 'stored bytes' : 'retention x ingress';
  const localNote =
    edition.localStorage && el.localBytes > 0
      ? `, local-storage topics x${g.localReplicas} for their replicas: ${input.localReplicas.origin === 'flag' ? 'the replica count given' : 'assumed, AliKafka does not publish its default'}`
      : '';
  const shareNote = edition.usableDiskShare < 1 ? `, / ${fmt(edition.usableDiskShare, 2)} (${edition.title} keeps its replicas inside the disk)` : '';
  const factor = Math.max(1 + g.h, 1 / SIZING_GUIDANCE.diskTargetUsage);
  const factorNote =
    1 + g.h >= 1 / SIZING_GUIDANCE.diskTargetUsage
      ? `+${h}% headroom`
      : `/ ${SIZING_GUIDANCE.diskTargetUsage} (keep disk usage under ${fmt(SIZING_GUIDANCE.diskTargetUsage * 100, 0)}%, more than the ${h}% headroom)`;
  const diskReason =
    dataGb === 0
      ? `no data to size from; the minimum for ${c.spec.name}`
      : `${fmt(dataGb)} GB of data (${governs} governs${localNote})${shareNote}, ${factorNote} = ${fmt((dataGb / edition.usableDiskShare) * factor, 0)} GB, rounded up to ${DISK_SIZE_GB.step} GB${c.diskAtMinimum ? `; raised to ${c.spec.name}'s minimum of ${fmt(c.diskSize, 0)} GB` : ''}${retentionCost(input, load, g, c)}`;
  const quotaParts = [
    `${plural(el.partitions, 'partition')}`,
    `${plural(load.topics, 'topic')}`,
    `${plural(load.groups, 'group')} / ${GROUPS_PER_QUOTA_PARTITION}`,
  ];
  const partitionReason = `quota need ${fmt(c.quotaNeed, 0)} (the largest of ${quotaParts.join(', ')}) +${h}% = ${fmt(c.quotaRequired, 0)}; ${c.spec.name} includes ${fmt(c.spec.included, 0)}, so ${c.partitionNum > 0 ? `buy ${fmt(c.partitionNum, 0)}` : 'buy none'}`;
  const choices: SizingChoice[] = [
    { field: 'spec_type', value: c.specType, reason: editionReason },
    { field: 'io_max_spec', value: c.spec.name, reason: specReason },
    { field: 'disk_type', value: input.diskType.value, reason: diskTypeReason(input) },
    { field: 'disk_size', value: String(c.diskSize), reason: diskReason },
    { field: 'partition_num', value: String(c.partitionNum), reason: partitionReason },
    {
      field: 'deploy_type',
      value: g.publicMBps > 0 ? 'public' : 'vpc',
      reason:
        g.publicMBps > 0
          ? `${fmt(g.publicMBps)} MB/s of public traffic (${input.publicMBps.origin}): Internet and VPC`
          : 'no public traffic: VPC only, no public endpoint',
    },
  ];
  if (eipMax !== undefined) {
    choices.push({
      field: 'eip_max',
      value: String(eipMax),
      reason: `public peak ${fmt(g.publicMBps)} MB/s +${h}% = ${fmt(eipMaxForMBps(g.publicMBps * (1 + g.h)))} ${PUBLIC_BANDWIDTH.unit} (8 bits a byte), rounded up, at least ${PUBLIC_BANDWIDTH.advisedMin} ${PUBLIC_BANDWIDTH.unit}`,
    });
  }
  choices.push(
    { field: 'service_version', value: g.serviceVersion, reason: g.versionReason },
    {
      field: 'multi_zone',
      value: g.multiZone ? 'true' : 'false',
      reason:
        input.multiZone.origin === 'flag'
          ? input.multiZone.detail
          : g.multiZone
            ? `${input.multiZone.detail}; give two zones (--zone-id twice)`
            : `${input.multiZone.detail}; single zone`,
    },
    {
      field: 'config.kafka.log.retention.hours',
      value: String(g.retention[c.specType].hours),
      reason: `${g.retention[c.specType].given ? 'given' : g.retention[c.specType].reason}: cloud-storage topics keep messages this long, and the disk is sized for it`,
    },
  );
  return choices;
}

/**
 * What the instance retention costs in disk, and the cheaper alternatives: a shorter retention, or the few
 * long-retention topics on local storage (where they keep their own retention.ms).
 */
function retentionCost(input: SizingInput, load: Load, g: Globals, c: Sized): string {
  const el = load.perEdition[c.specType];
  const r = g.retention[c.specType];
  if (el.retentionShare <= 0) return '';
  const cost = `; the instance retention of ${fmt(r.hours, 0)} h at ${fmt(load.writeMBps)} MB/s of ingress keeps ${fmt(el.retentionShare / GB)} GB`;
  const fallback = INSTANCE_RETENTION_HOURS.default;
  if (r.hours <= fallback) return cost;
  const shorter: Globals = {
    ...g,
    retention: Object.fromEntries(SPEC_TYPES.map((e) => [e, { hours: fallback, given: true, reason: '' }])) as Globals['retention'],
  };
  const alt = sizeCandidate(sumLoad(loadEntries(input, shorter), load.groups), shorter, c.specType, c.spec, c.rank, false);
  const long = input.topics.filter((t) => t.retention.hours > fallback && shapeOn(t, c.specType, input.singlePartition).storage === 'cloud').map((t) => t.name);
  const local = EDITIONS[c.specType].localStorage
    ? `, or keep the long-retention topics (${long.slice(0, 3).join(', ')}${long.length > 3 ? `, ... ${long.length} in all` : ''}) on local storage, where each keeps its own retention.ms`
    : '';
  return `${cost}; to buy less disk, give a shorter instance retention (--retention-hours ${fallback}: ${fmt(alt.diskSize, 0)} GB)${local}`;
}

function otherWarnings(input: SizingInput, load: Load, g: Globals, all: readonly Sized[], c: Sized): SizingWarning[] {
  const w: SizingWarning[] = [];
  const v = input.sourceKafkaVersion.value;
  const sv = v === undefined ? undefined : versionParts(v);
  const gv = versionParts(g.serviceVersion);
  if (sv && gv && (sv[0] > gv[0] || (sv[0] === gv[0] && sv[1] > gv[1]))) {
    w.push({
      code: 'version',
      subject: 'service_version',
      message: `the source runs Kafka ${v}, newer than ${g.serviceVersion}, the newest reserved-instance version: check that clients use no broker features newer than ${g.serviceVersion}`,
    });
  }
  if (c.specType === EDITIONS.normal.specType) {
    const pro = all.find((x) => x.specType !== EDITIONS.normal.specType && x.reasons.filter((r) => !isFeature(r)).length === 0 && x.reasons.length === 0);
    if (pro && c.diskSize > pro.diskSize) {
      w.push({
        code: 'standard-disk',
        subject: 'disk_size',
        message: `${EDITIONS.normal.title} buys ${fmt(c.diskSize, 0)} GB (replicas inside the disk) where ${pro.spec.name} (${pro.specType}) would buy ${fmt(pro.diskSize, 0)} GB; for storage-heavy estates Professional can cost less overall: compare current prices`,
      });
    }
  }
  if (g.publicMBps > load.writeMBps + load.readMBps && load.writeMBps + load.readMBps > 0) {
    w.push({
      code: 'public-traffic',
      subject: 'public traffic',
      message: `public traffic ${fmt(g.publicMBps)} MB/s is more than the business traffic measured (${fmt(load.writeMBps + load.readMBps)} MB/s read and write); public clients are part of the business traffic`,
    });
  }
  return w;
}

export function evaluateSizing(input: SizingInput, options: EvaluateOptions = {}): SizingEvaluation {
  const g = globalsFor(input);
  const entries = loadEntries(input, g);
  const load = sumLoad(entries, input.groups.length);
  const all = candidates(load, g);
  const chosen = cheapestFit(all);
  const pub = publicProblem(g);
  const inputs = inputLines(input, g, chosen?.specType ?? EDITIONS.professional.specType);
  const warnings: SizingWarning[] = [...input.warnings];
  if (!chosen || pub.problem) {
    const problems = [...(chosen ? [] : fitProblems(load, g, all)), ...(pub.problem ? [pub.problem] : [])];
    const splittable = problems.every((p) => p.dimension !== 'public' && !(p.dimension === 'combination' && p.message.startsWith('no edition')));
    return {
      fits: false,
      inputs,
      choices: [],
      dimensions: [],
      problems,
      split: options.split !== false && !chosen && splittable && entries.length > 1 ? suggestSplit(input, entries, g) : undefined,
      warnings,
    };
  }
  const i = all.indexOf(chosen);
  const next = i > 0 ? all[i - 1] : undefined;
  const sameEdition = all
    .slice(0, i)
    .filter((c) => c.specType === chosen.specType)
    .pop();
  const instance: SizedInstance = {
    specType: chosen.specType,
    ioMaxSpec: chosen.spec.name,
    diskType: input.diskType.value,
    diskSize: chosen.diskSize,
    partitionNum: chosen.partitionNum,
    deployType: g.publicMBps > 0 ? 'public' : 'vpc',
    eipMax: pub.eipMax,
    serviceVersion: g.serviceVersion,
    multiZone: g.multiZone,
    retentionHours: g.retention[chosen.specType].hours,
  };
  warnings.push(...otherWarnings(input, load, g, all, chosen), ...unconfirmedWarnings(input, load, g, chosen, next));
  return {
    fits: true,
    inputs,
    instance,
    choices: choicesFor(input, load, g, all, chosen, pub.eipMax, next),
    dimensions: dimensionsFor(load, g, chosen, pub.eipMax),
    nextSmaller: next ? rejection(next) : undefined,
    nextSmallerSameEdition: sameEdition && sameEdition !== next ? rejection(sameEdition) : undefined,
    problems: [],
    warnings,
  };
}

/** The (edition, spec) cost rank of an evaluation's choice, for comparisons (higher costs more). */
export function chosenCostRank(e: SizingEvaluation): number | undefined {
  if (!e.instance) return undefined;
  const list = specsByCost();
  const i = list.findIndex((c) => c.edition === e.instance?.specType && c.spec.name === e.instance.ioMaxSpec);
  return i < 0 ? undefined : list[i].rank;
}

/** The disk an instance needs to keep `retentionHours` of the estate's ingress (and its stored bytes). */
export interface DiskNeed {
  /** Usable data, GB (the larger of stored bytes and retention x ingress per topic; local-storage replicas counted). */
  readonly dataGb: number;
  /** The disk that holds the data below AliKafka's purge threshold (`SIZING_GUIDANCE.diskPurgeUsage`), GB. */
  readonly holdGb: number;
  /** The disk the evaluation buys for it (headroom or the advised usage, rounded, at least the spec's minimum), GB. */
  readonly advisedGb: number;
  /** The retention x ingress part of the data, GB. */
  readonly retentionGb: number;
  readonly retentionHours: number;
  readonly writeMBps: number;
}

/** What `specType`/`spec` needs in disk for the estate at the instance retention `retentionHours`. */
export function diskNeed(input: SizingInput, specType: SpecType, spec: IoSpec, retentionHours: number): DiskNeed {
  const base = globalsFor(input);
  const g: Globals = {
    ...base,
    retention: Object.fromEntries(SPEC_TYPES.map((e) => [e, { hours: retentionHours, given: true, reason: '' }])) as Globals['retention'],
  };
  const load = sumLoad(loadEntries(input, g), input.groups.length);
  const c = sizeCandidate(load, g, specType, spec, 0, false);
  const dataGb = c.usableBytes / GB;
  return {
    dataGb,
    holdGb: dataGb / EDITIONS[specType].usableDiskShare / SIZING_GUIDANCE.diskPurgeUsage,
    advisedGb: c.diskSize,
    retentionGb: load.perEdition[specType].retentionShare / GB,
    retentionHours,
    writeMBps: load.writeMBps,
  };
}
