/**
 * Inputs shared by client-config and lint-client: the applied state (`--state`), and the reviewed plan's renames
 * and source brokers (`--plan`, the plan file synth wrote).
 */
import { namesFromPlan, PlanNames } from '../clients/plan-names';
import { InstanceEndpoints, instancesFromState, pickInstance } from '../clients/target';
import { readUserFile } from '../util/fs';
import { parseJsonText } from '../util/json';
import { CliError, UsageError } from './errors';
import { numberFlag } from './limits';
import { PUBLIC_BANDWIDTH } from '../alikafka';
import { loadPlanFromFlag, PlanFileFlag } from './plan-flags';

export type NameFlags = PlanFileFlag;

/** Reads `--state FILE` and picks its AliKafka instance. */
export function loadStateInstance(file: string, instanceId?: string): InstanceEndpoints {
  let doc: unknown;
  try {
    doc = parseJsonText(readUserFile(file));
  } catch (e) {
    throw new CliError(`--state ${file}: ${(e as Error).message}`);
  }
  return pickInstance(instancesFromState(doc, file), file, instanceId);
}

/** The plan's renames and source brokers for `--plan FILE`, or undefined without it. */
export function loadPlanNames(f: NameFlags): PlanNames | undefined {
  return f.plan === undefined ? undefined : namesFromPlan(loadPlanFromFlag(f.plan));
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--bandwidth-mbps`: the public bandwidth in the unit and range of `eip_max` (the rule module's PUBLIC_BANDWIDTH). */
export function bandwidthFlag(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : numberFlag('--bandwidth-mbps', raw, PUBLIC_BANDWIDTH.min, PUBLIC_BANDWIDTH.max, PUBLIC_BANDWIDTH.unit);
}

export function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}
