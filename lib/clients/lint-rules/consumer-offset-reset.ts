import { practiceRule } from './types';

/** consumer auto.offset.reset: latest */
export const rule = practiceRule('consumer-offset-reset', 'consumer auto.offset.reset: latest');
