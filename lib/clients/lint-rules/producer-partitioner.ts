import { practiceRule } from './types';

/** producer partitioner.class: the built-in sticky partitioner, not round-robin */
export const rule = practiceRule('producer-partitioner', 'producer partitioner.class: the built-in sticky partitioner, not round-robin');
