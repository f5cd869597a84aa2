/** The apply-rate model lives in the library (lib/plan/apply-estimate.ts); the rehearsal bench reads it from there. */
export { expectedTopicRate, recommendedParallelism, simulateTopicApply } from '../../lib/plan/apply-estimate';
export { TOPIC_SLOT_SECONDS, TOPIC_STATE_DELAY_SECONDS, TERRAFORM_DEFAULT_PARALLELISM } from '../../lib/alikafka';
import { API_RATE_LIMITS } from '../../lib/alikafka';
export const CREATE_TOPIC_PER_SECOND = API_RATE_LIMITS.CreateTopic;
