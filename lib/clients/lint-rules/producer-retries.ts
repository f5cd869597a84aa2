import { practiceRule } from './types';

/** producer retries: at least 3, for the sends that fail after AliKafka closes an idle connection */
export const rule = practiceRule('producer-retries', 'producer retries: at least 3, for the sends that fail after AliKafka closes an idle connection');
