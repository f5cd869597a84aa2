/**
 * The repeated `synth` set-up of the tests: the bundled example, the target-instance flags, and where synth puts
 * its stack. `synthPlanFile` (plan-file.ts) makes a plan file through synth's own code without the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CliRun, runCli } from './cli';
import { tmpDir } from './tmp';

export const ROOT = path.join(__dirname, '..', '..');
/** The bundled example export (examples/kafka-metadata-export.json). */
export const EXAMPLE_METADATA = path.join(ROOT, 'examples', 'kafka-metadata-export.json');
export const DEFAULT_STACK = 'alikafka-migration';

/** A new instance in two zones of cn-hangzhou (the example has three racks). */
export const NEW_INSTANCE: readonly string[] = ['--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--zone-id', 'cn-hangzhou-j'];
/** A new instance in one zone of cn-hangzhou. */
export const ONE_ZONE: readonly string[] = ['--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k'];

/** `synth --metadata EXAMPLE <new instance in two zones> --out OUT EXTRA...` */
export function exampleSynthArgs(out: string, extra: readonly string[] = []): string[] {
  return ['synth', '--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE, '--out', out, ...extra];
}

export interface SynthRun extends CliRun {
  /** The --out directory. */
  readonly outDir: string;
}

/** `synth` of the bundled example onto a new two-zone instance, in-process, into `out` (default: a new temporary directory). */
export async function synthExample(extra: readonly string[] = [], out: string = tmpDir('synth')): Promise<SynthRun> {
  return { ...(await runCli(exampleSynthArgs(out, extra))), outDir: out };
}

/** The directory synth writes the stack NAME into. */
export function stackDir(out: string, stack: string = DEFAULT_STACK): string {
  return path.join(out, 'stacks', stack);
}

/** The parsed cdk.tf.json of a synthesized stack. */
export function readTfJson<T = Record<string, unknown>>(out: string, stack: string = DEFAULT_STACK): T {
  return JSON.parse(fs.readFileSync(path.join(stackDir(out, stack), 'cdk.tf.json'), 'utf8')) as T;
}
