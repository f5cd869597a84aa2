import { SpecType } from './editions';

/**
 * AliKafka non-serverless traffic specifications (`io_max_spec`) and disks.
 *
 * @see spec-kb §2 (2026-04-29): editions, included and maximum partitions per spec
 * @see billing-2021: business read/write MB/s per spec (hw = N x 10 MB/s), minimum disk per spec (topic era)
 * `included` is the partitions the spec includes free; `max` the total cap (included + purchased).
 */
export interface IoSpec {
  readonly name: string;
  /** `hw` (High Write: `normal`, `professional`) or `hr` (High Read: `professionalForHighRead`). */
  readonly family: SpecFamily;
  /** The N of `Nxlarge`: specs of one family grow (and cost more) with it. */
  readonly size: number;
  readonly editions: readonly SpecType[];
  /** Business write MB/s. */
  readonly writeMBps: number;
  /** Business read MB/s. */
  readonly readMBps: number;
  readonly included: number;
  readonly max: number;
  /** Minimum disk in GB where documented (old provider doc table); otherwise the 500 GB floor. */
  readonly minDiskGb: number;
  /** Which of the values above a current source confirms (alikafka-specs.md §2, §8); false: best guess. */
  readonly confirmed: SpecConfirmation;
}

export type SpecFamily = 'hw' | 'hr';

export interface SpecConfirmation {
  /** `writeMBps` and `readMBps`: hw 2x-200x and hr 2x-12x from the 2021 price tables; hw2 and hr 16x+ only from a third-party console form. */
  readonly throughput: boolean;
  /** `included`: the spec KB (2026) and the limits page. */
  readonly included: boolean;
  /** `max`: "Maximum Partitions" read as the total cap (included + purchased); the KB does not define it. */
  readonly maxPartitions: boolean;
  /** `minDiskGb`: the topic-era provider table (2x-12x) or the 500 GB floor; current minimums were not available. */
  readonly minDisk: boolean;
}

/**
 * Disk sizes AliKafka sells, in GB: from the spec's minimum (`IoSpec.minDiskGb`) to `max` in steps of `step`.
 * @see ros-kafka-instance (500-96,000 GB), billing-2021 (priced per 100 GB; minimum 500 GB)
 */
export const DISK_SIZE_GB = { min: 500, max: 96_000, step: 100 } as const;

const HW_ALL: readonly SpecType[] = ['normal', 'professional'];
const HW_PRO: readonly SpecType[] = ['professional'];
const HR: readonly SpecType[] = ['professionalForHighRead'];

function band(n: number): number {
  if (n <= 12) return 1000;
  if (n <= 80) return 2000;
  if (n <= 200) return 3000;
  if (n <= 500) return 4000;
  return 5000;
}

const MAX_BY_N: Readonly<Record<number, number>> = {
  2: 4000,
  3: 4200,
  6: 4400,
  9: 4600,
  12: 4800,
  16: 5000,
  20: 6000,
  25: 7000,
  30: 8000,
  60: 9000,
  80: 10000,
  100: 12000,
  120: 14000,
  150: 16000,
  180: 18000,
  200: 20000,
  220: 24000,
  300: 26000,
  400: 28000,
  500: 30000,
  600: 32000,
  700: 34000,
  800: 36000,
  900: 38000,
  1000: 40000,
};

const MIN_DISK_BY_N: Readonly<Record<number, number>> = { 2: 500, 3: 800, 6: 1400, 9: 2100, 12: 2700 };

const HR_WRITE_READ: Readonly<Record<number, readonly [number, number]>> = {
  2: [10, 50],
  3: [15, 75],
  6: [30, 150],
  9: [45, 180],
  12: [60, 240],
};

function build(): IoSpec[] {
  const specs: IoSpec[] = [];
  for (const n of Object.keys(MAX_BY_N)
    .map(Number)
    .sort((a, b) => a - b)) {
    const family = n >= 220 ? 'hw2' : 'hw';
    const rFamily = n >= 220 ? 'hr2' : 'hr';
    const minDiskGb = MIN_DISK_BY_N[n] ?? DISK_SIZE_GB.min;
    specs.push({
      name: `alikafka.${family}.${n}xlarge`,
      family: 'hw',
      size: n,
      editions: n <= 12 ? HW_ALL : HW_PRO,
      writeMBps: n * 10,
      readMBps: n * 10,
      included: band(n),
      max: MAX_BY_N[n],
      minDiskGb,
      confirmed: { throughput: n <= 200, included: true, maxPartitions: false, minDisk: false },
    });
    const hr = HR_WRITE_READ[n];
    specs.push({
      name: `alikafka.${rFamily}.${n}xlarge`,
      family: 'hr',
      size: n,
      editions: HR,
      writeMBps: hr ? hr[0] : n * 5,
      readMBps: hr ? hr[1] : n * 15,
      included: band(n),
      max: MAX_BY_N[n],
      minDiskGb,
      confirmed: { throughput: hr !== undefined, included: true, maxPartitions: false, minDisk: false },
    });
  }
  return specs;
}

/** Every known spec, cheapest first within each family. */
export const IO_SPECS: readonly IoSpec[] = build();

export function findIoSpec(name: string): IoSpec | undefined {
  return IO_SPECS.find((s) => s.name === name);
}

/** True when `gb` is a disk size AliKafka sells for `spec` (or for the smallest spec when it is unknown). */
export function isSellableDiskSize(gb: number, spec?: IoSpec): boolean {
  const min = spec?.minDiskGb ?? DISK_SIZE_GB.min;
  return Number.isInteger(gb) && gb >= min && gb <= DISK_SIZE_GB.max && gb % DISK_SIZE_GB.step === 0;
}

/** Which of `DISK_SIZE_GB`'s values a current source confirms: min and max by ROS; the 100 GB step is inferred from per-100 GB pricing. */
export const DISK_SIZE_CONFIRMED = { min: true, max: true, step: false } as const;

/**
 * Sizing guidance (alikafka-specs.md §4.3, §5, §7).
 * @see billing-2021: buy about 30% above the higher of the business read and write peaks
 * @see storage-engines, spec-kb §4: keep daily disk usage below 70% (deletion regardless of retention from 85%,
 *   write protection from 90%)
 */
export const SIZING_GUIDANCE = {
  /** Default traffic headroom above the measured business peak, as a fraction. */
  trafficHeadroom: 0.3,
  /** Highest planned disk usage (share of the usable disk). */
  diskTargetUsage: 0.7,
  /** Disk usage from which AliKafka deletes the oldest messages regardless of retention (cloud storage). */
  diskPurgeUsage: 0.85,
} as const;

/**
 * Units of AliKafka's sizing values, in bytes. Neither the spec tables nor the disk sizes say whether MB and GB
 * are decimal or binary: the decimal reading is taken because it gives the larger need (not confirmed).
 */
export const SIZING_UNITS = { trafficMBBytes: 1_000_000, diskGBBytes: 1_000_000_000, confirmed: false } as const;

/**
 * Local-storage topics (compaction) keep their own replicas on the purchased disk: "free storage applies only
 * to cloud-storage topics" (storage-engines). The replication factor AliKafka gives them by default is not
 * documented; 3 is assumed (not confirmed). CreateTopic takes a `ReplicationFactor` of 1-3 for local-storage
 * topics (sdk-createtopic): the range of the replica count the sizing accepts. Cloud-storage topics keep 3
 * replicas whatever is asked (inside the disk on Standard, free on top on Professional: storage-engines).
 */
export const LOCAL_TOPIC_REPLICAS = { value: 3, min: 1, max: 3, confirmed: false } as const;

/**
 * Public (Internet) bandwidth `eip_max` of an Internet-and-VPC instance, in **Mbit/s**, sized on the higher of the
 * public read and write peaks. One unit for sizing, the plan, the report and the client configs.
 * @see ros-kafka-instance (EipMax 1-160), alikafka-specs.md S19 ("keep public bandwidth above 3 Mbit/s" while
 *   enabled), §8: Alibaba's published ranges read as Mbit/s (an Internet bandwidth, like every EIP); the unit and the
 *   per-spec maximum are not confirmed (a third-party helper reads MB/s).
 */
export const PUBLIC_BANDWIDTH = { unit: 'Mbit/s', min: 1, max: 160, advisedMin: 3, confirmed: false } as const;

/** Bits per byte: `eip_max` (Mbit/s) against business traffic (MB/s, `SIZING_UNITS`). */
const BITS_PER_BYTE = 8;

/** The `eip_max` (Mbit/s, not rounded) that carries `mbps` MB/s of public traffic. */
export function eipMaxForMBps(mbps: number): number {
  return (mbps * SIZING_UNITS.trafficMBBytes * BITS_PER_BYTE) / 1_000_000;
}

/** The bytes per second an `eip_max` of `eipMax` Mbit/s carries (for clients' fetch sizes over the Internet). */
export function eipMaxBytesPerSecond(eipMax: number): number {
  return Math.floor((eipMax * 1_000_000) / BITS_PER_BYTE);
}

/**
 * Cost order of (edition, traffic spec), cheapest first, from the 2021 price tables (billing-2021): within an
 * edition cost grows with the spec; Standard is cheaper than Professional at the same size; Professional High
 * Write and High Read cost the same at the same size; across editions (CN subscription): Std 2x < Std 3x <
 * Std 6x < Pro 2x < Std 9x < Std 12x < Pro 3x < Pro 6x < ... (Std 12x and Pro 3x swap on other sites and billing
 * methods). Whether the 2021 orderings still hold is not confirmed (alikafka-specs.md §8).
 */
const COST_ORDER: readonly string[] = (() => {
  const pro = [...new Set(Object.keys(MAX_BY_N).map(Number))].sort((a, b) => a - b).map((n) => `pro:${n}`);
  return ['normal:2', 'normal:3', 'normal:6', 'pro:2', 'normal:9', 'normal:12', ...pro];
})();

export const COST_ORDER_CONFIRMED = false;

/** The position of `spec` sold as `edition` in AliKafka's cost order (0 = cheapest); equal ranks cost the same. Undefined if not sold so. */
export function costRank(spec: IoSpec, edition: SpecType): number | undefined {
  if (!spec.editions.includes(edition)) return undefined;
  const i = COST_ORDER.indexOf(`${edition === 'normal' ? 'normal' : 'pro'}:${spec.size}`);
  return i < 0 ? undefined : i;
}

/** Every (edition, spec) AliKafka sells, cheapest first; ties (Pro High Write = High Read) in `editions` order. */
export function specsByCost(): ReadonlyArray<{ readonly edition: SpecType; readonly spec: IoSpec; readonly rank: number }> {
  const out: Array<{ edition: SpecType; spec: IoSpec; rank: number }> = [];
  for (const spec of IO_SPECS) {
    for (const edition of spec.editions) {
      const rank = costRank(spec, edition);
      if (rank !== undefined) out.push({ edition, spec, rank });
    }
  }
  const editionOrder: readonly SpecType[] = ['normal', 'professional', 'professionalForHighRead'];
  return out.sort((a, b) => a.rank - b.rank || editionOrder.indexOf(a.edition) - editionOrder.indexOf(b.edition));
}

/** Disk types, cheapest first. @see billing-2021: ultra cloud disk costs less than SSD per GB */
export const DISK_TYPES_BY_COST: readonly ('cloud' | 'ssd')[] = ['cloud', 'ssd'];

/**
 * What SSD costs against ultra cloud disk, per GB: about 2.7-2.9 times (CN 35 vs 100 CNY per 100 GB a month, intl
 * 6 vs 16 USD). AliKafka publishes no latency or throughput figure per disk type, and no spec or disk-size rule
 * depends on it: the disk type changes the price, not the sizing.
 * @see billing-2021
 */
export const SSD_PRICE_RATIO = { min: 2.7, max: 2.9 } as const;
