/** Every lint-client rule, one per file, in the order findings are listed. */
import type { LintRule } from './types';
import { rule as oldBootstrap } from './old-bootstrap';
import { rule as endpointProtocol } from './endpoint-protocol';
import { rule as saslMechanism } from './sasl-mechanism';
import { rule as renamedNames } from './renamed-names';
import { rule as clearPassword } from './clear-password';
import { rule as producerRetries } from './producer-retries';
import { rule as producerRetryBackoff } from './producer-retry-backoff';
import { rule as producerAcks } from './producer-acks';
import { rule as producerBatchSize } from './producer-batch-size';
import { rule as producerLinger } from './producer-linger';
import { rule as producerLingerHighVolume } from './producer-linger-high-volume';
import { rule as producerBufferMemory } from './producer-buffer-memory';
import { rule as producerPartitioner } from './producer-partitioner';
import { rule as producerMaxRequestLarge } from './producer-max-request-large';
import { rule as producerIdempotence } from './producer-idempotence';
import { rule as consumerOffsetReset } from './consumer-offset-reset';
import { rule as consumerAutoCommit } from './consumer-auto-commit';
import { rule as consumerMaxPollLarge } from './consumer-max-poll-large';
import { rule as consumerFetchMaxLarge } from './consumer-fetch-max-large';
import { rule as consumerPartitionFetchLarge } from './consumer-partition-fetch-large';
import { rule as consumerFetchMaxPublic } from './consumer-fetch-max-public';
import { rule as consumerPartitionFetchPublic } from './consumer-partition-fetch-public';

export const LINT_RULES: readonly LintRule[] = [
  oldBootstrap,
  endpointProtocol,
  saslMechanism,
  renamedNames,
  clearPassword,
  producerRetries,
  producerRetryBackoff,
  producerAcks,
  producerBatchSize,
  producerLinger,
  producerLingerHighVolume,
  producerBufferMemory,
  producerPartitioner,
  producerMaxRequestLarge,
  producerIdempotence,
  consumerOffsetReset,
  consumerAutoCommit,
  consumerMaxPollLarge,
  consumerFetchMaxLarge,
  consumerPartitionFetchLarge,
  consumerFetchMaxPublic,
  consumerPartitionFetchPublic,
];

export type { LintContext, LintFinding, LintRule } from './types';
