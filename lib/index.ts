/**
 * alikafka-migrate: Kafka cluster metadata → migration plan → CDK Terrain (cdktn) constructs for AliKafka.
 *
 * The public API: AliKafka's rule book, the metadata model and its loaders, the planner and its plan types, the
 * constructs and their props, the synthesized stack, and the report renderers. Helpers not listed here are
 * internal and may change.
 */
export * as alikafka from './alikafka';
export {
  ClusterMetadata,
  TopicMetadata,
  ConsumerGroupMetadata,
  UserMetadata,
  AclMetadata,
  TrafficMetadata,
  StorageMetadata,
  SourceInfo,
  BrokerInfo,
  SUPPORTED_FORMAT_VERSIONS,
  MetadataError,
  MetadataIssue,
  loadMetadataFile,
  parseMetadataText,
  validateMetadata,
  serializeMetadata,
  InputError,
  RenameMap,
  loadRenameMap,
  parseRenameMap,
  ExistingObjects,
  loadExistingTarget,
  existingObjectsFromMetadata,
  existingObjectsFromTerraformShow,
  loadPlanFile,
  parsePlanFileText,
  validatePlanFile,
  PlanFileError,
  SUPPORTED_PLAN_FILE_VERSIONS,
} from './model';
export {
  planMigration,
  PlanError,
  PlanProblem,
  PlanOptionPath,
  PlanOptions,
  NewInstanceOptions,
  ExistingInstanceOptions,
  NewNetworkOptions,
  ExistingNetworkOptions,
  SinglePartitionPolicy,
  MigrationPlan,
  PlannedTopic,
  PlannedGroup,
  PlannedUser,
  PlannedAcl,
  PlannedNewInstance,
  PlannedExistingInstance,
  PlannedNewNetwork,
  PlannedExistingNetwork,
  Adoption,
  Decision,
  Rename,
  Skipped,
  ConfigDecision,
  PlanWarning,
  WarningCode,
  QuotaCheck,
  RemovedObject,
  TargetDifference,
  MigrationPlanFile,
  PlanFileOptions,
  PlanFileRef,
  PlanFileBroker,
  PlanFileMirror,
  PLAN_FILE_NAME,
  buildPlanFile,
  renderPlanFile,
  plannedResourceAddresses,
} from './plan';
export * from './constructs';
export { MigrationStack, MigrationStackProps, synthesizeFiles, SynthFile } from './stack';
export { buildReport, renderMarkdownReport, renderJsonReport, summarize, MigrationReport, ReportSummary } from './report/report';
export { summarizePlan, parsePlanSummary, renderPlanSummaryMarkdown, PlanSummary } from './review/plan-summary';
export { AlicloudProvider, AlicloudProviderConfig } from './constructs/gen/providers/alicloud/provider';
export { AlikafkaMigrateError, ValidationError, InternalError, ErrorKind, ERROR_KINDS, ErrorDetails, ConstructPathHolder } from './errors';
