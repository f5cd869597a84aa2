/**
 * Paced topic creation: AliKafka takes CreateTopic at API_RATE_LIMITS.CreateTopic calls a second, and the provider
 * retries a throttled call only after 3-5 s while holding its slot, so an unpaced apply at a high -parallelism
 * wastes the quota in bursts. The plan splits the topics it creates into waves of the limit, each released by a
 * `time_sleep`, in one of two shapes (CREATE_TOPIC_PACING says why each, with the measurements):
 * - chained (remote state): the sleep of wave k starts when the sleep of wave k-1 ends and sleeps waveSeconds, so
 *   two waves are always more than a second apart, whatever the phase of the API's one-second windows;
 * - together (local state): the sleep of wave k>0 sleeps k x waveSeconds from the apply's start, so a late wave does
 *   not hold up the next ones while Terraform rewrites its state file after every resource.
 * Pure: the plan decides, the constructs render, the plan file and the drift check list the sleeps.
 */
import { API_RATE_LIMITS, CREATE_TOPIC_PACING } from '../alikafka';
import type { BackendType } from './types';

export interface PlannedPaceSleep {
  /** Terraform resource name (the address is `time_sleep.NAME`). */
  readonly terraformName: string;
  /** The wave this sleep releases (0 is the first; together, the first wave has no sleep). */
  readonly wave: number;
  /** `create_duration` of the sleep, e.g. `1s`. */
  readonly createDuration: string;
  /** Chained: Terraform name of the sleep this one starts after (the previous wave's); absent for the first. */
  readonly after?: string;
  /** Terraform names of the topics that wait for it. */
  readonly topics: readonly string[];
}

export interface PlannedPacing {
  /** Topics per wave: the CreateTopic limit per second. */
  readonly topicsPerWave: number;
  /** Seconds between waves: each chained sleep's duration, or the step between the sleeps started together. */
  readonly waveSeconds: number;
  readonly provider: { readonly source: string; readonly version: string };
  readonly sleeps: readonly PlannedPaceSleep[];
  readonly reason: string;
}

/** Whether the sleeps form a chain: with remote state (CREATE_TOPIC_PACING: local state stalls a chain). */
export function chainedPacing(backend: BackendType): boolean {
  return backend !== 'local';
}

/** The shape of a paced apply of `topics` created topics: waves of the limit, or none when one wave holds them all. */
export function pacingWaves(topics: number, chained: boolean): { topicsPerWave: number; waveSeconds: number; waves: number; chained: boolean } | undefined {
  const perWave = API_RATE_LIMITS.CreateTopic;
  if (topics <= perWave) return undefined;
  return { topicsPerWave: perWave, waveSeconds: CREATE_TOPIC_PACING.waveSeconds, waves: Math.ceil(topics / perWave), chained };
}

/** The Terraform name of the sleep of wave `k`. */
export function paceSleepName(wave: number): string {
  return `pace_create_topics_wave_${wave}`;
}

/**
 * The pacing of the topics an apply creates (Terraform names, in the order the plan lists them: the planned topics,
 * then MirrorMaker's); undefined when they fit in one wave. Chained, the first wave waits for a sleep too: released
 * at the apply's start, its calls would race the chain's first sleep (measured: the alicloud provider's first calls
 * reached the API 0.3 s after the sleep started, and that wave and the next shared a one-second window).
 */
export function planPacing(created: readonly string[], chained: boolean): PlannedPacing | undefined {
  const shape = pacingWaves(created.length, chained);
  if (!shape) return undefined;
  const sleeps: PlannedPaceSleep[] = [];
  for (let k = chained ? 0 : 1; k < shape.waves; k++) {
    sleeps.push({
      terraformName: paceSleepName(k),
      wave: k,
      createDuration: `${(chained ? 1 : k) * shape.waveSeconds}s`,
      ...(chained && k > 0 ? { after: paceSleepName(k - 1) } : {}),
      topics: created.slice(k * shape.topicsPerWave, (k + 1) * shape.topicsPerWave),
    });
  }
  const p = CREATE_TOPIC_PACING.provider;
  const how = chained
    ? `each released by a ${p.resourceType} (${p.source}) of ${shape.waveSeconds} s that starts when the previous wave's ends: waves are always more than ${shape.waveSeconds} s apart, so none is throttled`
    : `wave k after a ${p.resourceType} (${p.source}) of k s, all started with the apply: a wave Terraform starts late can share a second with the next, ` +
      'and calls are then throttled (with remote state the sleeps form a chain that avoids it; with local state a chain would wait for every rewrite of the state file)';
  return {
    topicsPerWave: shape.topicsPerWave,
    waveSeconds: shape.waveSeconds,
    provider: { source: p.source, version: p.version },
    sleeps,
    reason:
      `AliKafka takes ${API_RATE_LIMITS.CreateTopic} CreateTopic calls a second and the provider retries a throttled one only after seconds, ` +
      `so the ${created.length} topics are created in ${shape.waves} waves of ${shape.topicsPerWave}, ${how}`,
  };
}
