export { PlanError, PlanProblem, PlanOptionPath } from './errors';
export * from './types';
export { planMigration, QUOTA_HEADROOM_WARNING, sizingInputForPlan, sizingInputFromMetadata } from './plan';
export { nameRule, sanitizeName, nameProblem, remarkFor, terraformName, compileGlob, shortHash } from './names';
export { DEFAULT_INTERNAL_TOPIC_GLOBS } from '../kafka';
export { isInternalTopic } from './topics';
export { mergePrevious } from './incremental';
export {
  DEFAULT_SPEC_TYPE,
  defaultIoMaxSpec,
  DEFAULT_DISK_TYPE,
  DEFAULT_DEPLOY_TYPE,
  DEFAULT_VPC_CIDR,
  defaultVswitchCidr,
  PARTITION_HEADROOM,
} from './instance';
export * from './sizing';
export * from './apply-estimate';
export { largestMessageLimit, topicMessageLimit, MessageLimit } from './message-limit';
export { buildPlanFile, PlanFileInputs, planFileOptions, plannedResourceAddresses, renderPlanFile } from './plan-file';
export * from './transfer';
export * from './pacing';
export { LOCAL_STATE_APPLY, localStateWarning } from './state';
