import { API_RATE_LIMITS, CREATE_TOPIC_RETRY, TERRAFORM_DEFAULT_PARALLELISM, TOPIC_SLOT_SECONDS } from '../../lib/alikafka';
import { estimateApply, expectedTopicRate, recommendedParallelism, retryWaitSeconds, simulateTopicApply } from '../../lib/plan';

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

  test('below the CreateTopic limit no call is throttled and topics are created at parallelism / slot', () => {
    const sim = simulateTopicApply(500, TERRAFORM_DEFAULT_PARALLELISM);
    expect(sim.throttled).toBe(0);
    expect(500 / sim.seconds).toBeCloseTo(TERRAFORM_DEFAULT_PARALLELISM / TOPIC_SLOT_SECONDS, 1);
  });

  test.each([50, 100, 200, 400, 1000])('at -parallelism=%d the rate stays under the CreateTopic limit', (p) => {
    expect(expectedTopicRate(p)).toBeLessThan(API_RATE_LIMITS.CreateTopic);
  });

  test('near the limit throttled retries cost slot time: twice the recommended parallelism is slower, with more throttled calls', () => {
    const rec = recommendedParallelism(2000);
    expect(rec).toBeLessThan(API_RATE_LIMITS.CreateTopic * TOPIC_SLOT_SECONDS);
    const at = simulateTopicApply(2000, rec);
    const twice = simulateTopicApply(2000, 2 * rec);
    expect(twice.seconds).toBeGreaterThan(at.seconds);
    expect(twice.throttled).toBeGreaterThan(at.throttled);
  });

  test('the recommended parallelism is never below the default nor above the topics, and the same estate gives the same estimate', () => {
    expect(recommendedParallelism(3)).toBe(TERRAFORM_DEFAULT_PARALLELISM);
    expect(recommendedParallelism(50)).toBeLessThanOrEqual(50);
    expect(estimateApply(1234)).toEqual(estimateApply(1234));
  });

  test('2,000 topics: over 30 minutes at the default, under a tenth of that at the recommended parallelism', () => {
    const e = estimateApply(2000);
    expect(e.defaultSeconds).toBeGreaterThan(30 * 60);
    expect(e.recommendedSeconds).toBeLessThan(e.defaultSeconds / 10);
    expect(e.recommendedSeconds).toBeGreaterThan(2000 / API_RATE_LIMITS.CreateTopic);
  });

  test('beyond the simulated estate the steady rate is extrapolated: 10,000 topics take about five times 2,000', () => {
    const a = estimateApply(2000);
    const b = estimateApply(10000);
    expect(b.recommendedParallelism).toBe(a.recommendedParallelism);
    expect(b.recommendedSeconds / a.recommendedSeconds).toBeCloseTo(5, 1);
  });
});
