/**
 * `npm run bench`: every benchmark of the project, each next to a baseline measured in the same run,
 * printed as `name: value` lines. `npm run bench -- NAME` runs one (see scripts/bench.sh for the list).
 * The rig benchmarks need the test rig; scripts/bench.sh starts it when it is not running.
 */
import { runSynthBench } from './synth-bench';
import { runExportBench } from './export-bench';
import { runTerraformBench } from './terraform';
import { runClientsBench } from './clients';
import { runCutoverVerifyBench } from './cutover-verify';
import { runMirrorBench } from './mirror';
import { runVerifyBench } from './verify';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'synth') runSynthBench();
  if (!only || only === 'terraform') runTerraformBench();
  if (!only || only === 'export') {
    if (!process.env.RIG_ZOOKEEPER) {
      console.log('export_bench: skipped (no rig: run through npm run bench, which starts it)');
    } else {
      const lines = await runExportBench();
      for (const line of lines) console.log(line);
    }
  }
  if (!only || only === 'clients') {
    if (!process.env.RIG_KAFKA_ZK) {
      console.log('clients_bench: skipped (no rig: run through npm run bench, which starts it)');
    } else {
      for (const line of await runClientsBench()) console.log(line);
    }
  }
  if (!only || only === 'cutover-verify') {
    if (!process.env.RIG_KAFKA_ZK) {
      console.log('cutover_verify_bench: skipped (no rig: run through npm run bench, which starts it)');
    } else {
      for (const line of await runCutoverVerifyBench()) console.log(line);
    }
  }
  if (!only || only === 'mirror') {
    if (!process.env.RIG_ZOOKEEPER) {
      console.log('mirror_bench: skipped (no rig: run through npm run bench, which starts it)');
    } else {
      for (const line of await runMirrorBench()) console.log(line);
    }
  }
  if (!only || only === 'verify') {
    if (!process.env.RIG_KAFKA_ZK) {
      console.log('verify_bench: skipped (no rig: run through npm run bench, which starts it)');
    } else {
      for (const line of await runVerifyBench()) console.log(line);
    }
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
