/**
 * Inputs shared by client-config and lint-client: the applied state (`--state`), and the plan's renames
 * (`--metadata`, planned onto an existing instance with the same name options synth takes).
 */
import { loadMetadataFile } from '../model';
import type { RenameMap } from '../plan';
import { planNames, PlanNames } from '../clients/plan-names';
import { ClientConfigError, InstanceEndpoints, instancesFromState, pickInstance } from '../clients/target';
import { readUserFile } from '../util/fs';
import { CliError, UsageError } from './errors';
import { loadRenameMap } from '../model';

export interface NameFlags {
  readonly metadata?: string;
  readonly renameMap?: string;
  /** commander's `--no-dots` gives `dots: false`. */
  readonly dots?: boolean;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** Reads `--state FILE` and picks its AliKafka instance. */
export function loadStateInstance(file: string, instanceId?: string): InstanceEndpoints {
  let doc: unknown;
  try {
    doc = JSON.parse(readUserFile(file));
  } catch (e) {
    throw new CliError(`--state ${file}: ${(e as Error).message}`);
  }
  try {
    return pickInstance(instancesFromState(doc, file), file, instanceId);
  } catch (e) {
    if (e instanceof ClientConfigError) throw new CliError(e.message);
    throw e;
  }
}

/** The plan's renames for `--metadata FILE`, or undefined without it. */
export function loadPlanNames(f: NameFlags, instanceId?: string): PlanNames | undefined {
  if (f.metadata === undefined) {
    for (const [flag, set] of [
      ['--rename-map', f.renameMap !== undefined],
      ['--no-dots', f.dots === false],
    ] as const) {
      if (set) throw new UsageError(`${flag} only applies with --metadata`);
    }
    return undefined;
  }
  const meta = loadMetadataFile(f.metadata);
  const renameMap: RenameMap | undefined = f.renameMap ? loadRenameMap(f.renameMap) : undefined;
  return planNames(meta, { renameMap, noDots: f.dots === false, instanceId, include: f.include, exclude: f.exclude });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}
