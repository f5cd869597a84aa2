import { practiceRule } from './types';

/** producer retry.backoff.ms: at least 1000 ms between retries */
export const rule = practiceRule('producer-retry-backoff', 'producer retry.backoff.ms: at least 1000 ms between retries');
