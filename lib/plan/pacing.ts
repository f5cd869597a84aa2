/**
 * Paced topic creation: AliKafka takes CreateTopic at API_RATE_LIMITS.CreateTopic calls a second, and the provider
 * retries a throttled call only after 3-5 s while holding its slot, so an unpaced apply at a high -parallelism
 * wastes the quota in bursts. The plan splits the topics it creates into waves of the limit; wave k waits for a
 * `time_sleep` of k x CREATE_TOPIC_PACING.waveSeconds, all sleeps starting with the apply (after the instance, when
 * the plan creates one). Pure: the plan decides, the constructs render, the plan file and the drift check list the
 * sleeps.
 */
import { API_RATE_LIMITS, CREATE_TOPIC_PACING } from '../alikafka';

export interface PlannedPaceSleep {
  /** Terraform resource name (the address is `time_sleep.NAME`). */
  readonly terraformName: string;
  /** The wave this sleep releases (1 is the second wave; the first has no sleep). */
  readonly wave: number;
  /** `create_duration` of the sleep, e.g. `3s`. */
  readonly createDuration: string;
  /** Terraform names of the topics that wait for it. */
  readonly topics: readonly string[];
}

export interface PlannedPacing {
  /** Topics per wave: the CreateTopic limit per second. */
  readonly topicsPerWave: number;
  readonly waveSeconds: number;
  readonly provider: { readonly source: string; readonly version: string };
  readonly sleeps: readonly PlannedPaceSleep[];
  readonly reason: string;
}

/** The shape of a paced apply of `topics` created topics: waves of the limit, or none when one wave holds them all. */
export function pacingWaves(topics: number): { topicsPerWave: number; waveSeconds: number; waves: number } | undefined {
  const perWave = API_RATE_LIMITS.CreateTopic;
  if (topics <= perWave) return undefined;
  return { topicsPerWave: perWave, waveSeconds: CREATE_TOPIC_PACING.waveSeconds, waves: Math.ceil(topics / perWave) };
}

/** The Terraform name of the sleep of wave `k`. */
export function paceSleepName(wave: number): string {
  return `pace_create_topics_wave_${wave}`;
}

/**
 * The pacing of the topics an apply creates (Terraform names, in the order the plan lists them: the planned topics,
 * then MirrorMaker's); undefined when they fit in one wave.
 */
export function planPacing(created: readonly string[]): PlannedPacing | undefined {
  const shape = pacingWaves(created.length);
  if (!shape) return undefined;
  const sleeps: PlannedPaceSleep[] = [];
  for (let k = 1; k < shape.waves; k++) {
    sleeps.push({
      terraformName: paceSleepName(k),
      wave: k,
      createDuration: `${k * shape.waveSeconds}s`,
      topics: created.slice(k * shape.topicsPerWave, (k + 1) * shape.topicsPerWave),
    });
  }
  const p = CREATE_TOPIC_PACING.provider;
  return {
    topicsPerWave: shape.topicsPerWave,
    waveSeconds: shape.waveSeconds,
    provider: { source: p.source, version: p.version },
    sleeps,
    reason:
      `AliKafka takes ${API_RATE_LIMITS.CreateTopic} CreateTopic calls a second and the provider retries a throttled one only after seconds, ` +
      `so the ${created.length} topics are created in ${shape.waves} waves of ${shape.topicsPerWave}, one every ${shape.waveSeconds} s ` +
      `(wave k waits for a ${p.resourceType} of k s from ${p.source}); with the recommended -parallelism none is throttled`,
  };
}
