import { practiceRule } from './types';

/** producer buffer.memory: at most 32 MiB per producer */
export const rule = practiceRule('producer-buffer-memory', 'producer buffer.memory: at most 32 MiB per producer');
