import { practiceRule } from './types';

/** consumer fetch.max.bytes (large messages): above the largest message */
export const rule = practiceRule('consumer-fetch-max-large', 'consumer fetch.max.bytes (large messages): above the largest message');
