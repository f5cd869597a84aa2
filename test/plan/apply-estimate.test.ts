import { API_RATE_LIMITS, TOPIC_SLOT_SECONDS } from '../../lib/alikafka';
import { estimateApply, expectedTopicRate, recommendedParallelism } from '../../lib/plan';

describe('apply-time estimate', () => {
  test.each<[number, number]>([
    [10, 10 / TOPIC_SLOT_SECONDS],
    [100, 100 / TOPIC_SLOT_SECONDS],
    [1000, API_RATE_LIMITS.CreateTopic],
  ])('at -parallelism=%d topics are created at %d/s (slot-bound, then the CreateTopic limit)', (p, rate) => {
    expect(expectedTopicRate(p)).toBeCloseTo(rate);
  });

  test('the recommended parallelism reaches the CreateTopic limit, never below the default nor above the topics', () => {
    expect(expectedTopicRate(recommendedParallelism(2000))).toBe(API_RATE_LIMITS.CreateTopic);
    expect(recommendedParallelism(3)).toBe(10);
    expect(recommendedParallelism(50)).toBe(50);
  });

  test('2,000 topics: over 30 minutes at the default, under 2 minutes at the recommended parallelism', () => {
    const e = estimateApply(2000);
    expect(e.defaultSeconds).toBe(Math.ceil(2000 / (10 / TOPIC_SLOT_SECONDS)));
    expect(e.defaultSeconds).toBeGreaterThan(30 * 60);
    expect(e.recommendedSeconds).toBe(2000 / API_RATE_LIMITS.CreateTopic);
  });
});
