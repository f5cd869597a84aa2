export * from './errors';
export * from './types';
export * from './plan';
export * from './names';
export { DEFAULT_INTERNAL_TOPIC_GLOBS, TOPIC_CONFIG_RULES, isInternalTopic } from './topics';
export { ALIKAFKA_ACL_OPERATIONS } from './security';
export { mergePrevious } from './incremental';
export { TargetInventory, inventoryFromMetadata, inventoryFromTerraformShow, isTerraformShowJson } from './adopt';
