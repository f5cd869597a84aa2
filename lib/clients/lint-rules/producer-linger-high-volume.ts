import { practiceRule } from './types';

/** producer linger.ms at high volume: the upper end of 100-1000 ms */
export const rule = practiceRule('producer-linger-high-volume', 'producer linger.ms at high volume: the upper end of 100-1000 ms');
