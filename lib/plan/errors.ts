import { AlikafkaMigrateError } from '../errors';

/** The plan options a problem can be about, as paths in `PlanOptions`. */
export type PlanOptionPath =
  | 'target.instanceId'
  | 'target.specType'
  | 'target.ioMaxSpec'
  | 'target.diskType'
  | 'target.diskSize'
  | 'target.partitionNum'
  | 'target.deployType'
  | 'target.eipMax'
  | 'target.zoneIds'
  | 'target.network.vpcCidr'
  | 'target.network.vswitchCidrs'
  | 'target.network.vswitchIds'
  | 'target.serviceVersion'
  | 'target.region'
  | 'target.paidType'
  | 'target.retentionHours'
  | 'target.singleZone'
  | 'target.name'
  | 'include'
  | 'exclude'
  | 'denyAcls'
  | 'connect'
  | 'tags'
  | 'allowCidrs'
  | 'backend'
  | 'renameMap'
  | 'singlePartition'
  | 'localStorage'
  | 'previous'
  | 'allowDestroy'
  | 'existing'
  | 'keepAllUsers'
  | 'mirror'
  | 'mirror.replicationFactor'
  | 'mirror.checkpointIntervalSeconds'
  | 'mirror.maxTasks'
  | 'mirror.compression'
  | 'noCopy';

/**
 * One reason a plan cannot be made. `subject` says what it is about: an object of the metadata (`topic orders`,
 * `partition quota`) or, when a plan option is at fault, that option (`option` is then set too).
 */
export interface PlanProblem {
  readonly subject: string;
  /** The plan option at fault, when it is an option. */
  readonly option?: PlanOptionPath;
  readonly message: string;
  /**
   * True when the option does not fit what the metadata says (one zone for brokers on several racks, a disk too
   * small for the estate's retention): the estate is at fault as much as the option (exit 1, not a usage error).
   */
  readonly withMetadata?: boolean;
}

/** A problem with a plan option, its subject the option's path (`target.ioMaxSpec`). */
export function optionProblem(option: PlanOptionPath, message: string, detail?: string): PlanProblem {
  return { subject: detail ? `${option}${detail}` : option, option, message };
}

/** A plan option that does not fit the estate the metadata describes (`withMetadata`). */
export function estateProblem(option: PlanOptionPath, message: string): PlanProblem {
  return { ...optionProblem(option, message), withMetadata: true };
}

/** Thrown when metadata and options cannot give a valid plan; lists every problem found. */
export class PlanError extends AlikafkaMigrateError {
  public readonly problems: readonly PlanProblem[];

  /** Kind `usage` when only options are at fault (see `onlyOptions`), else `plan`; `field` is the first option at fault. */
  constructor(problems: readonly PlanProblem[]) {
    const lines = problems.map((p) => `  ${p.subject}: ${p.message}`);
    const onlyOptions = problems.every((p) => p.option !== undefined && p.withMetadata !== true);
    super(onlyOptions ? 'usage' : 'plan', `cannot plan the migration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
      field: problems.find((p) => p.option !== undefined)?.option,
    });
    this.name = 'PlanError';
    this.problems = problems;
  }

  /** True when only options are at fault (nothing in the metadata): the caller asked for something impossible. */
  public get onlyOptions(): boolean {
    return this.kind === 'usage';
  }
}
