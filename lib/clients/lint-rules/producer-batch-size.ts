import { practiceRule } from './types';

/** producer batch.size: at least 16384 */
export const rule = practiceRule('producer-batch-size', 'producer batch.size: at least 16384');
