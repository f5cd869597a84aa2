import { practiceRule } from './types';

/** consumer max.partition.fetch.bytes (large messages): above the largest message */
export const rule = practiceRule('consumer-partition-fetch-large', 'consumer max.partition.fetch.bytes (large messages): above the largest message');
