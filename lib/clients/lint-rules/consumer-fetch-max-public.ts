import { practiceRule } from './types';

/** consumer fetch.max.bytes (public internet): about half the public bandwidth */
export const rule = practiceRule('consumer-fetch-max-public', 'consumer fetch.max.bytes (public internet): about half the public bandwidth');
