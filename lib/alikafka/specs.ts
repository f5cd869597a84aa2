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
  readonly editions: readonly SpecType[];
  /** Business write MB/s. */
  readonly writeMBps: number;
  /** Business read MB/s. */
  readonly readMBps: number;
  readonly included: number;
  readonly max: number;
  /** Minimum disk in GB where documented (old provider doc table); otherwise the 500 GB floor. */
  readonly minDiskGb: number;
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
  2: 4000, 3: 4200, 6: 4400, 9: 4600, 12: 4800, 16: 5000, 20: 6000, 25: 7000, 30: 8000, 60: 9000, 80: 10000,
  100: 12000, 120: 14000, 150: 16000, 180: 18000, 200: 20000, 220: 24000, 300: 26000, 400: 28000, 500: 30000,
  600: 32000, 700: 34000, 800: 36000, 900: 38000, 1000: 40000,
};

const MIN_DISK_BY_N: Readonly<Record<number, number>> = { 2: 500, 3: 800, 6: 1400, 9: 2100, 12: 2700 };

const HR_WRITE_READ: Readonly<Record<number, readonly [number, number]>> = {
  2: [10, 50], 3: [15, 75], 6: [30, 150], 9: [45, 180], 12: [60, 240],
};

function build(): IoSpec[] {
  const specs: IoSpec[] = [];
  for (const n of Object.keys(MAX_BY_N).map(Number).sort((a, b) => a - b)) {
    const family = n >= 220 ? 'hw2' : 'hw';
    const rFamily = n >= 220 ? 'hr2' : 'hr';
    const minDiskGb = MIN_DISK_BY_N[n] ?? DISK_SIZE_GB.min;
    specs.push({
      name: `alikafka.${family}.${n}xlarge`,
      editions: n <= 12 ? HW_ALL : HW_PRO,
      writeMBps: n * 10,
      readMBps: n * 10,
      included: band(n),
      max: MAX_BY_N[n],
      minDiskGb,
    });
    const hr = HR_WRITE_READ[n];
    specs.push({
      name: `alikafka.${rFamily}.${n}xlarge`,
      editions: HR,
      writeMBps: hr ? hr[0] : n * 5,
      readMBps: hr ? hr[1] : n * 15,
      included: band(n),
      max: MAX_BY_N[n],
      minDiskGb,
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
