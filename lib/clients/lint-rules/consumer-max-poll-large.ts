import { practiceRule } from './types';

/** consumer max.poll.records (large messages): 1 */
export const rule = practiceRule('consumer-max-poll-large', 'consumer max.poll.records (large messages): 1');
