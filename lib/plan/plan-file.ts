/**
 * The plan file (`migration-plan.json`): the plan as data, tied to its inputs. Pure: the caller reads the files and
 * gives their SHA-256; this module only shapes and renders. The loader (`loadPlanFile`) lives in `lib/model`.
 */
import { AlikafkaMigrateError } from '../errors';
import type { BrokerInfo } from '../model';
import { CREATE_TOPIC_PACING, RESOURCE_TYPES } from '../alikafka';
import { terraformName } from '../util/terraform-name';
import type { MigrationPlan, MigrationPlanFile, PlanFileBroker, PlanFileMirror, PlanFileOptions, PlanOptions } from './types';

export interface PlanFileInputs {
  /** The synth stack the plan is written for. */
  readonly stack: string;
  /** SHA-256 (hex) of the metadata file the plan was made from. */
  readonly metadataSha256: string;
  /** The source's brokers, from the metadata. */
  readonly brokers?: readonly BrokerInfo[];
  /** The options the plan was made with. */
  readonly options: PlanOptions;
  /** SHA-256 of the file behind `options.previous`; required when it is set. */
  readonly previousSha256?: string;
  /** SHA-256 of the file behind `options.existing`; required when it is set. */
  readonly existingSha256?: string;
  /** What MirrorMaker 2 will do, when the plan knows it. */
  readonly mirror?: PlanFileMirror;
}

const SHA256 = /^[0-9a-f]{64}$/;

function sha(what: string, value: string | undefined): string {
  if (value === undefined || !SHA256.test(value))
    throw new AlikafkaMigrateError('usage', `the plan file needs the SHA-256 of ${what} (64 lower-case hex digits), got ${JSON.stringify(value)}`);
  return value;
}

/** The options in a form the plan file holds: files by their SHA-256, everything else as given. */
export function planFileOptions(options: PlanOptions, previousSha256?: string, existingSha256?: string): PlanFileOptions {
  const { previous, existing, ...rest } = options;
  return {
    ...rest,
    ...(previous !== undefined ? { previous: { sha256: sha('the previous metadata', previousSha256) } } : {}),
    ...(existing !== undefined ? { existing: { sha256: sha('the existing target', existingSha256) } } : {}),
  };
}

/** The brokers later steps need (address and rack), sorted by id; never their settings. */
function planFileBrokers(brokers: readonly BrokerInfo[] | undefined): PlanFileBroker[] {
  return [...(brokers ?? [])]
    .sort((a, b) => a.id - b.id)
    .map((b) => ({
      id: b.id,
      ...(b.host !== undefined ? { host: b.host } : {}),
      ...(b.port !== undefined ? { port: b.port } : {}),
      ...(b.rack !== undefined ? { rack: b.rack } : {}),
    }));
}

/** The plan file of `plan`: its version and inputs first, then the plan as it is. */
export function buildPlanFile(plan: MigrationPlan, inputs: PlanFileInputs): MigrationPlanFile {
  const { planVersion, source, ...rest } = plan;
  return {
    planVersion,
    stack: inputs.stack,
    metadata: { sha256: sha('the metadata file', inputs.metadataSha256) },
    options: planFileOptions(inputs.options, inputs.previousSha256, inputs.existingSha256),
    source: { ...source, brokers: planFileBrokers(inputs.brokers) },
    ...(inputs.mirror !== undefined ? { mirror: inputs.mirror } : {}),
    ...rest,
  };
}

/** The plan file's text: 2-space JSON and a final newline, the same bytes for the same plan and inputs. */
export function renderPlanFile(file: MigrationPlanFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Terraform resource types of the network a new instance gets (not AliKafka's, so not in the rule module). */
const NETWORK_TYPES = { vpc: 'alicloud_vpc', vswitch: 'alicloud_vswitch', securityGroup: 'alicloud_security_group' } as const;

/**
 * The Terraform addresses (`TYPE.NAME`) of every resource the stack of `plan` manages, sorted: what a Terraform
 * plan of that stack must contain, and nothing else. `KafkaMigration` names its resources this way (a test
 * compares this list with the synthesized stack).
 */
export function plannedResourceAddresses(plan: MigrationPlan): string[] {
  const out: string[] = [];
  if (plan.instance.mode === 'new') {
    out.push(`${RESOURCE_TYPES.instance}.instance`);
    if (plan.instance.network.mode === 'new') {
      out.push(`${NETWORK_TYPES.vpc}.network_vpc`, `${NETWORK_TYPES.securityGroup}.network_security_group`);
      for (const v of plan.instance.network.vswitches) out.push(`${NETWORK_TYPES.vswitch}.${terraformName('network_vswitch', v.zoneId)}`);
    }
  }
  for (const t of plan.topics) out.push(`${RESOURCE_TYPES.topic}.${t.terraformName}`);
  for (const t of plan.transfer?.mirrorMaker?.topics ?? []) out.push(`${RESOURCE_TYPES.topic}.${t.terraformName}`);
  for (const g of plan.groups) out.push(`${RESOURCE_TYPES.group}.${g.terraformName}`);
  for (const g of plan.transfer?.mirrorMaker?.groups ?? []) out.push(`${RESOURCE_TYPES.group}.${g.terraformName}`);
  for (const u of plan.users) out.push(`${RESOURCE_TYPES.user}.${u.terraformName}`);
  for (const a of plan.acls) out.push(`${RESOURCE_TYPES.acl}.${a.terraformName}`);
  for (const ip of plan.allowedIps) out.push(`${RESOURCE_TYPES.allowedIp}.${ip.terraformName}`);
  for (const s of plan.pacing?.sleeps ?? []) out.push(`${CREATE_TOPIC_PACING.provider.resourceType}.${s.terraformName}`);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
