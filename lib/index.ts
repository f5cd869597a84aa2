/** alikafka-migrate: Kafka cluster metadata → migration plan → cdktf constructs for AliKafka. */
export * from './model';
export * from './plan';
export * from './constructs';
export * from './report/report';
export { ACCOUNT_TYPES, AccountType, MigrationStack, MigrationStackProps, synthesizeFiles, SynthFile } from './synth';
export { main } from './cli';
export { AlicloudProvider, AlicloudProviderConfig } from './constructs/gen/providers/alicloud/provider';
