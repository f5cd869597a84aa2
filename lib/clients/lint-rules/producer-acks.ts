import { practiceRule } from './types';

/** producer acks: 1 in general, all for important data, never 0 */
export const rule = practiceRule('producer-acks', 'producer acks: 1 in general, all for important data, never 0');
