/** Client migration: configs for the target, lint-client, and kafkajs helpers. */
export { buildClientConfig, renderClientConfig, renderProperties, renderKafkajs, renderLibrdkafka } from './config';
export type { ClientConfigFormat, ClientConfigInput, ClientConfigModel, ConfigSetting } from './config';
export { createKafka, createProducer, createConsumer, loadKafkajsClientConfig, parseKafkajsClientConfig } from './kafkajs';
export type { KafkajsClientConfig, CreateProducerOptions, CreateConsumerOptions } from './kafkajs';
export { createStickyPartitioner, javaKeyPartition, murmur2 } from './partitioner';
export type { StickyPartitionerOptions } from './partitioner';
export { lintClientFile, lintClientFiles, renderLintText } from './lint';
export type { FileLint, LintOptions, LintResult } from './lint';
export { LINT_RULES } from './lint-rules';
export type { LintContext, LintFinding, LintRule } from './lint-rules';
export { readClientFile } from './read';
export type { ClientFile } from './read';
export { namesFromPlan } from './plan-names';
export type { NameChange, PlanNames } from './plan-names';
export { ClientConfigError, chooseEndpoint, instancesFromState, pickInstance } from './target';
export type { InstanceEndpoints, ChosenEndpoint } from './target';
export { resolveSecretRefs, parseSecretRef, isSecretRef } from './secrets';
