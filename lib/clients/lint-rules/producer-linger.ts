import { practiceRule } from './types';

/** producer linger.ms: 100-1000 ms */
export const rule = practiceRule('producer-linger', 'producer linger.ms: 100-1000 ms');
