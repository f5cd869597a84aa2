import { API_RATE_LIMITS, CREATE_TOPIC_PACING, CREATE_TOPIC_RETRY, TERRAFORM_DEFAULT_PARALLELISM, TOPIC_SLOT_SECONDS } from '../../lib/alikafka';
import { estimateApply, expectedTopicRate, planShape, recommendedParallelism, retryWaitSeconds, simulateTopicApply } from '../../lib/plan';

/** The shape of an apply without the plan's pacing: every topic ready at once. */
const UNPACED = {};

describe('apply-time estimate', () => {
  test.each<[number, number]>([
    [1, CREATE_TOPIC_RETRY.firstWaitSeconds + 0.5],
    [2, CREATE_TOPIC_RETRY.laterWaitSeconds + 1],
    [3, CREATE_TOPIC_RETRY.laterWaitSeconds + 2],
    [5, CREATE_TOPIC_RETRY.laterWaitSeconds + 8],
    [6, CREATE_TOPIC_RETRY.laterWaitSeconds + 10],
    [9, CREATE_TOPIC_RETRY.laterWaitSeconds + 10],
  ])("after the provider's throttled attempt %d it waits %d s (3 s then 5 s, plus the SDK's doubling backoff up to 10 s)", (k, s) => {
    expect(retryWaitSeconds(k)).toBe(s);
  });

  test('unpaced, below the CreateTopic limit no call is throttled and topics are created at parallelism / slot', () => {
    const sim = simulateTopicApply(500, TERRAFORM_DEFAULT_PARALLELISM, TOPIC_SLOT_SECONDS, UNPACED);
    expect(sim.throttled).toBe(0);
    expect(500 / sim.seconds).toBeCloseTo(TERRAFORM_DEFAULT_PARALLELISM / TOPIC_SLOT_SECONDS, 1);
  });

  test.each([50, 100, 200, 400, 1000])('at -parallelism=%d the rate stays under the CreateTopic limit, paced or not', (p) => {
    expect(expectedTopicRate(p, 2000, UNPACED)).toBeLessThan(API_RATE_LIMITS.CreateTopic);
    expect(expectedTopicRate(p, 2000)).toBeLessThan(API_RATE_LIMITS.CreateTopic);
  });

  test('unpaced, near the limit throttled retries cost slot time: twice the recommended parallelism is slower, with more throttled calls', () => {
    const rec = recommendedParallelism(2000, UNPACED);
    expect(rec).toBeLessThan(API_RATE_LIMITS.CreateTopic * TOPIC_SLOT_SECONDS);
    const at = simulateTopicApply(2000, rec, TOPIC_SLOT_SECONDS, UNPACED);
    const twice = simulateTopicApply(2000, 2 * rec, TOPIC_SLOT_SECONDS, UNPACED);
    expect(twice.seconds).toBeGreaterThan(at.seconds);
    expect(twice.throttled).toBeGreaterThan(at.throttled);
  });

  test('the recommended parallelism is never below the default nor above the topics and their sleeps, and the same estate gives the same estimate', () => {
    expect(recommendedParallelism(3)).toBe(TERRAFORM_DEFAULT_PARALLELISM);
    expect(recommendedParallelism(50)).toBeLessThanOrEqual(50 + 2); // the topics and the two pacing sleeps
    expect(estimateApply(1234)).toEqual(estimateApply(1234));
  });

  test('2,000 topics: over 30 minutes at the default, under a tenth of that at the recommended parallelism', () => {
    const e = estimateApply(2000);
    expect(e.defaultSeconds).toBeGreaterThan(30 * 60);
    expect(e.recommendedSeconds).toBeLessThan(e.defaultSeconds / 10);
    expect(e.recommendedSeconds).toBeGreaterThan(2000 / API_RATE_LIMITS.CreateTopic);
  });

  test("paced (the plan's shape): at the recommended parallelism 2,000 topics arrive at the limit, none throttled, at >= 90% of it", () => {
    const rec = recommendedParallelism(2000);
    const sim = simulateTopicApply(2000, rec);
    expect(sim.throttled).toBe(0);
    expect(2000 / sim.seconds).toBeGreaterThanOrEqual(0.9 * API_RATE_LIMITS.CreateTopic);
    // more slots change nothing (the sleeps set the rate); fewer make it slower
    expect(simulateTopicApply(2000, 2 * rec).seconds).toBeCloseTo(sim.seconds, 0);
    expect(simulateTopicApply(2000, Math.floor(rec / 2)).seconds).toBeGreaterThan(sim.seconds * 1.2);
    // unpaced, the best parallelism does much worse
    const unpaced = estimateApply(2000, UNPACED);
    expect(unpaced.recommendedSeconds).toBeGreaterThan(sim.seconds * 1.5);
  });

  test('beyond the simulated estate the paced schedule is extrapolated: 10,000 topics take (10,000 / 20 - 1) s plus one slot', () => {
    const b = estimateApply(10000);
    expect(b.recommendedSeconds).toBeGreaterThanOrEqual(10000 / API_RATE_LIMITS.CreateTopic - 1 + TOPIC_SLOT_SECONDS);
    expect(b.recommendedSeconds).toBeLessThan((10000 / API_RATE_LIMITS.CreateTopic) * 1.05 + TOPIC_SLOT_SECONDS);
    expect(b.recommendedParallelism).toBeGreaterThan(10000 / API_RATE_LIMITS.CreateTopic); // every pending sleep holds a slot
  });
});

describe('apply-time estimate, chained pacing (remote state)', () => {
  const CHAINED = (topics: number) => planShape(topics, true);
  const step = CREATE_TOPIC_PACING.waveSeconds + CREATE_TOPIC_PACING.stepOverheadSeconds;

  test('2,000 topics at the recommended parallelism: 100 waves a chain step apart, then the last slot; >= 90% of the limit while creating, none throttled', () => {
    const rec = recommendedParallelism(2000, CHAINED(2000));
    const sim = simulateTopicApply(2000, rec, TOPIC_SLOT_SECONDS, CHAINED(2000));
    expect(sim.throttled).toBe(0);
    expect(sim.seconds).toBeCloseTo(100 * step + TOPIC_SLOT_SECONDS, 0);
    expect(2000 / (sim.seconds - TOPIC_SLOT_SECONDS)).toBeGreaterThanOrEqual(0.9 * API_RATE_LIMITS.CreateTopic);
    // more slots change nothing; a third of them makes it slower
    expect(simulateTopicApply(2000, 2 * rec, TOPIC_SLOT_SECONDS, CHAINED(2000)).seconds).toBeCloseTo(sim.seconds, 0);
    expect(simulateTopicApply(2000, Math.floor(rec / 3), TOPIC_SLOT_SECONDS, CHAINED(2000)).seconds).toBeGreaterThan(sim.seconds * 1.2);
  });

  test('one sleep sleeps at a time: the recommended parallelism does not grow with the estate, unlike sleeps started together', () => {
    expect(recommendedParallelism(10000, CHAINED(10000))).toBe(recommendedParallelism(2000, CHAINED(2000)));
    expect(recommendedParallelism(10000, planShape(10000, false))).toBeGreaterThan(recommendedParallelism(2000, planShape(2000, false)));
  });

  test('beyond the simulated estate the chain is extrapolated: 10,000 topics take 500 steps plus one slot', () => {
    const b = estimateApply(10000, CHAINED(10000));
    expect(b.recommendedSeconds).toBeGreaterThanOrEqual((10000 / API_RATE_LIMITS.CreateTopic) * step + TOPIC_SLOT_SECONDS);
    expect(b.recommendedSeconds).toBeLessThan((10000 / API_RATE_LIMITS.CreateTopic) * step * 1.05 + TOPIC_SLOT_SECONDS);
  });
});
