import { practiceRule } from './types';

/** consumer max.partition.fetch.bytes (public internet): a third to a quarter of fetch.max.bytes */
export const rule = practiceRule(
  'consumer-partition-fetch-public',
  'consumer max.partition.fetch.bytes (public internet): a third to a quarter of fetch.max.bytes',
);
