import { practiceRule } from './types';

/** consumer enable.auto.commit: commit after processing */
export const rule = practiceRule('consumer-auto-commit', 'consumer enable.auto.commit: commit after processing');
