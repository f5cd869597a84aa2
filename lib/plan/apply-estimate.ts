import { pacingWaves } from './pacing';
import {
  API_RATE_LIMITS,
  CREATE_TOPIC_LATENCY_SECONDS,
  CREATE_TOPIC_PACING,
  CREATE_TOPIC_RETRY,
  TERRAFORM_DEFAULT_PARALLELISM,
  THROTTLED_CALL_SECONDS,
  TOPIC_SLOT_SECONDS,
} from '../alikafka';

/**
 * How long `terraform apply` takes to create the planned topics, from what the provider does per topic (the
 * rule book's CREATE_TOPIC_RETRY, TOPIC_SLOT_SECONDS): each topic holds one `-parallelism` slot; its CreateTopic
 * counts against the per-second CreateTopic limit; a throttled call costs THROTTLED_CALL_SECONDS and is retried
 * after the provider's waits (3 s, then 5 s, plus the SDK's doubling backoff), still holding the slot; an accepted
 * one holds the slot TOPIC_SLOT_SECONDS more; the two times are fitted to the apply bench. The simulation runs
 * these events in time order, with the rule book's per-call latency spread drawn from a fixed seed, so the same
 * estate always gives the same estimate.
 *
 * Below the limit the rate is parallelism / slot; near it, bursts of retries cost slot time, so the best
 * parallelism is below rate x slot, and above it more parallelism makes the apply slower.
 */
export interface ApplyEstimate {
  readonly topics: number;
  readonly defaultParallelism: number;
  /** Seconds at Terraform's default parallelism. */
  readonly defaultSeconds: number;
  /** The smallest parallelism whose simulated apply is within 5% of the fastest one (at least the default; see recommendedParallelism). */
  readonly recommendedParallelism: number;
  readonly recommendedSeconds: number;
  readonly reason: string;
}

export interface ApplySimulation {
  readonly seconds: number;
  /** CreateTopic calls answered with throttling. */
  readonly throttled: number;
}

/** Topics simulated at most; beyond, the steady rate of this many is extrapolated. */
const SIMULATED_TOPICS = 2000;

interface Event {
  readonly t: number;
  /** Throttled attempts so far; -1 marks a slot that frees at `t`. */
  readonly k: number;
}

class MinHeap {
  private readonly a: Event[] = [];
  get size(): number {
    return this.a.length;
  }
  push(e: Event): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].t <= a[i].t) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Event {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as Event;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].t < a[m].t) m = l;
        if (r < a.length && a[r].t < a[m].t) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Seconds the provider waits after its `k`-th throttled CreateTopic of one topic, before the next attempt. */
export function retryWaitSeconds(k: number): number {
  const r = CREATE_TOPIC_RETRY;
  const sleep = k === 1 ? r.firstWaitSeconds : r.laterWaitSeconds;
  return sleep + Math.min(r.backoffMaxSeconds, r.backoffStartSeconds * 2 ** (k - 1));
}

/** The shape of the apply the simulation runs: paced waves (the plan's pacing) or every topic at once. */
export interface ApplyShape {
  /** Topics per wave, seconds between waves, and whether the sleeps form a chain; undefined: unpaced. */
  readonly paced?: { readonly topicsPerWave: number; readonly waveSeconds: number; readonly chained: boolean };
}

/**
 * The shape the plan gives `topics` created topics (lib/plan/pacing.ts): chained sleeps with remote state, sleeps
 * started together with local state (the default backend, so the default here).
 */
export function planShape(topics: number, chained = false): ApplyShape {
  const w = pacingWaves(topics, chained);
  return w ? { paced: { topicsPerWave: w.topicsPerWave, waveSeconds: w.waveSeconds, chained: w.chained } } : {};
}

/**
 * Simulates `terraform apply -parallelism=P` of `topics` topics against the CreateTopic limit (fixed one-second
 * windows). Paced (the plan's shape by default), wave k's topics are ready when its sleep ends. Chained, the next
 * sleep is ready when one ends (and takes a slot before that wave's topics), each lasting the wave's seconds plus
 * Terraform's step overhead (CREATE_TOPIC_PACING); together, every sleep (wave k>0) is ready at the start, sleeps
 * k waves' seconds and holds a slot meanwhile, taken before any topic (the worst order Terraform may pick).
 */
export function simulateTopicApply(
  topics: number,
  parallelism: number,
  slotSeconds = TOPIC_SLOT_SECONDS,
  shape: ApplyShape = planShape(topics),
): ApplySimulation {
  const limit = API_RATE_LIMITS.CreateTopic;
  let seed = 0x9e3779b9;
  const latency = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return CREATE_TOPIC_LATENCY_SECONDS.base + (CREATE_TOPIC_LATENCY_SECONDS.spread * seed) / 2 ** 32;
  };
  const perWave = shape.paced?.topicsPerWave ?? topics;
  const waves = Math.max(1, Math.ceil(topics / Math.max(1, perWave)));
  // ready work, in the order slots take it: paced, the first sleep; when the sleep of wave k ends, the next sleep,
  // then wave k's topics. Unpaced, every topic at once.
  const ready: Array<{ sleep: number } | { topic: true }> = [];
  const release = (wave: number): void => {
    const n = Math.min(perWave, topics - wave * perWave);
    for (let i = 0; i < n; i++) ready.push({ topic: true });
  };
  const chained = shape.paced?.chained === true;
  const waveSeconds = shape.paced?.waveSeconds ?? 0;
  const sleepSeconds = (wave: number): number => (chained ? waveSeconds + CREATE_TOPIC_PACING.stepOverheadSeconds : wave * waveSeconds);
  if (chained) ready.push({ sleep: 0 });
  else {
    for (let k = 1; k < waves; k++) ready.push({ sleep: k });
    release(0);
  }
  let head = 0;
  const q = new MinHeap();
  let free = parallelism;
  const take = (t: number): void => {
    while (free > 0 && head < ready.length) {
      const item = ready[head++];
      free -= 1;
      if ('sleep' in item) q.push({ t: t + sleepSeconds(item.sleep), k: -2 - item.sleep });
      else q.push({ t: t + latency(), k: 0 });
    }
  };
  take(0);
  let window = -1;
  let inWindow = 0;
  let throttled = 0;
  let end = 0;
  while (q.size > 0) {
    const e = q.pop();
    if (e.k < 0) {
      // -1: a topic's slot frees; -2-k: the sleep of wave k ends (its slot frees, its wave is ready)
      end = Math.max(end, e.t);
      free += 1;
      if (e.k <= -2) {
        const wave = -2 - e.k;
        if (chained && wave + 1 < waves) ready.push({ sleep: wave + 1 });
        release(wave);
      }
      take(e.t);
      continue;
    }
    const w = Math.floor(e.t);
    if (w !== window) {
      window = w;
      inWindow = 0;
    }
    inWindow += 1;
    if (inWindow <= limit) {
      q.push({ t: e.t + slotSeconds, k: -1 });
    } else {
      throttled += 1;
      q.push({ t: e.t + THROTTLED_CALL_SECONDS + retryWaitSeconds(e.k + 1) + latency(), k: e.k + 1 });
    }
  }
  return { seconds: end, throttled };
}

/** Seconds to create `topics` topics at `parallelism` (simulated up to SIMULATED_TOPICS, then the steady rate). */
function applySeconds(topics: number, parallelism: number, shape: ApplyShape = planShape(topics)): number {
  if (topics <= 0) return 0;
  const n = Math.min(topics, SIMULATED_TOPICS);
  if (shape.paced && topics > n) {
    // paced, the waves arrive on a schedule: the simulation of the first n topics at the same parallelism tells
    // whether slots keep up; the whole apply is then the schedule plus the last wave's slot
    const sim = simulateTopicApply(n, parallelism, TOPIC_SLOT_SECONDS, shape).seconds;
    const { topicsPerWave, waveSeconds, chained } = shape.paced;
    // chained, every wave is a step after the previous one's; together, wave k is k waves' seconds after the start
    const scheduled = (of: number): number =>
      (chained ? Math.ceil(of / topicsPerWave) * (waveSeconds + CREATE_TOPIC_PACING.stepOverheadSeconds) : (of / topicsPerWave - 1) * waveSeconds) +
      TOPIC_SLOT_SECONDS;
    return Math.ceil(scheduled(topics) * Math.max(1, sim / scheduled(n)));
  }
  const s = simulateTopicApply(n, parallelism, TOPIC_SLOT_SECONDS, topics <= n ? shape : {}).seconds;
  return Math.ceil(topics <= n ? s : (s * topics) / n);
}

/** Topics per second at `parallelism` for an estate of `topics` topics (in the plan's shape). */
export function expectedTopicRate(parallelism: number, topics = SIMULATED_TOPICS, shape: ApplyShape = planShape(topics)): number {
  return topics / applySeconds(topics, parallelism, shape);
}

const recommended = new Map<string, number>();

/**
 * Paced (the plan's shape for more topics than one wave): the parallelism at which no topic waits for a slot, the
 * sleeps that hold slots (chained, the one sleeping; together, all but the first wave's) plus the waves whose topics
 * hold slots (a slot is held TOPIC_SLOT_SECONDS and the call's latency; chained, half as long again, since a busy
 * machine holds slots longer and spare slots cost nothing when the sleeps set the rate), rounded up to 5.
 * Unpaced: the smallest parallelism (at least the default, at most the topics, a multiple of 5 between) whose
 * simulated apply is within 5% of the fastest (the simulation is within about 6% of the bench, so closer calls mean
 * nothing; the curve is flat near its best, and fewer slots ask less of the API). Steps of 10, then the step of 5
 * below the pick. Remembered per estate size and shape.
 */
export function recommendedParallelism(topics: number, shape: ApplyShape = planShape(topics)): number {
  const key = `${topics}:${shape.paced ? `${shape.paced.topicsPerWave}/${shape.paced.waveSeconds}/${shape.paced.chained}` : '-'}`;
  const known = recommended.get(key);
  if (known !== undefined) return known;
  const lo = TERRAFORM_DEFAULT_PARALLELISM;
  if (shape.paced) {
    const { topicsPerWave, waveSeconds, chained } = shape.paced;
    const sleeps = chained ? 1 : Math.ceil(topics / topicsPerWave) - 1;
    const slot = (chained ? 1.5 : 1) * TOPIC_SLOT_SECONDS;
    const held = Math.ceil((slot + CREATE_TOPIC_LATENCY_SECONDS.base + CREATE_TOPIC_LATENCY_SECONDS.spread) / waveSeconds) + 1;
    const p = Math.max(lo, Math.min(topics + sleeps, Math.ceil((sleeps + held * topicsPerWave) / 5) * 5));
    recommended.set(key, p);
    return p;
  }
  const cap = Math.max(lo, Math.min(topics, Math.ceil(2 * API_RATE_LIMITS.CreateTopic * TOPIC_SLOT_SECONDS)));
  const seconds = new Map<number, number>();
  for (let p = lo; p < cap; p += 10) seconds.set(p, applySeconds(topics, p, shape));
  seconds.set(cap, applySeconds(topics, cap, shape));
  const pickOf = (): number => {
    const best = Math.min(...seconds.values());
    return [...seconds.entries()].filter(([, s]) => s <= best * 1.05).sort(([x], [y]) => x - y)[0][0];
  };
  const coarse = pickOf();
  if (coarse - 5 > lo) seconds.set(coarse - 5, applySeconds(topics, coarse - 5, shape));
  const pick = pickOf();
  recommended.set(key, pick);
  return pick;
}

export function estimateApply(topics: number, shape: ApplyShape = planShape(topics)): ApplyEstimate {
  const rec = recommendedParallelism(topics, shape);
  return {
    topics,
    defaultParallelism: TERRAFORM_DEFAULT_PARALLELISM,
    defaultSeconds: applySeconds(topics, TERRAFORM_DEFAULT_PARALLELISM, shape),
    recommendedParallelism: rec,
    recommendedSeconds: applySeconds(topics, rec, shape),
    reason: shape.paced
      ? `the topics are created in waves of ${shape.paced.topicsPerWave}, ${shape.paced.chained ? `each ${shape.paced.waveSeconds} s and a little more after the last` : `one every ${shape.paced.waveSeconds} s`} ` +
        `(CreateTopic is limited to ${API_RATE_LIMITS.CreateTopic}/s), each topic holding a -parallelism slot about ${TOPIC_SLOT_SECONDS} s (the provider waits before reading it back), ` +
        `${shape.paced.chained ? "and the next wave's pacing sleep holds one" : 'and every pacing sleep holds one while it sleeps'}: ` +
        `at the recommended parallelism no topic waits for a slot; fewer slots make the apply slower (a simulation of these rules)`
      : `each topic holds a -parallelism slot about ${TOPIC_SLOT_SECONDS} s (the provider waits before reading it back); CreateTopic is limited to ` +
        `${API_RATE_LIMITS.CreateTopic}/s and the provider retries a throttled call after ${CREATE_TOPIC_RETRY.firstWaitSeconds} s, then ${CREATE_TOPIC_RETRY.laterWaitSeconds} s, ` +
        'still holding its slot, so past the recommended parallelism the apply gets slower, not faster (a simulation of these rules)',
  };
}
