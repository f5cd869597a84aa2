import { practiceRule } from './types';

/** producer max.request.size (large messages): above the largest message */
export const rule = practiceRule('producer-max-request-large', 'producer max.request.size (large messages): above the largest message');
