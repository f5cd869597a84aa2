/**
 * Plan files for tests: what `synth` writes, made through synth's own code (runSynth) into a directory, without
 * the cluster. Returns the path of the plan file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runSynth, SynthFlags } from '../../lib/cli/synth';
import { ClusterMetadata, textSha256 } from '../../lib/model';
import { buildPlanFile, PLAN_FILE_NAME, planMigration, PlanOptions, renderPlanFile } from '../../lib/plan';
import { EXAMPLE_METADATA } from './synth';

const quiet = { out: (): void => undefined, err: (): void => undefined, isTty: false };

/** Synthesizes `flags` (default: the bundled example as a new single-zone instance, one zone accepted for its 3 racks) into `out`; the plan file's path. */
export function synthPlanFile(out: string, flags: Partial<SynthFlags> = {}): string {
  const stack = flags.stack ?? 'alikafka-migration';
  const f: SynthFlags = {
    metadata: EXAMPLE_METADATA,
    ...(flags.instanceId === undefined ? { region: 'cn-hangzhou', zoneId: ['cn-hangzhou-k'], singleZone: true } : {}),
    ...flags,
    out,
    stack,
  };
  runSynth(f, quiet);
  return path.join(out, 'stacks', stack, PLAN_FILE_NAME);
}

/**
 * The plan file of `meta` planned onto an existing instance, written to `file` through the library (planMigration,
 * buildPlanFile) without synthesizing a stack: for tests of the readers with metadata the stack would refuse.
 */
export function writePlanFileOnExistingInstance(meta: ClusterMetadata, file: string, instanceId = 'alikafka_post-cn-test'): string {
  const options: PlanOptions = { target: { mode: 'existing', instanceId } };
  const text = JSON.stringify(meta);
  const plan = planMigration(meta, options);
  fs.writeFileSync(
    file,
    renderPlanFile(buildPlanFile(plan, { stack: 'alikafka-migration', metadataSha256: textSha256(text), brokers: meta.brokers, options })),
  );
  return file;
}
