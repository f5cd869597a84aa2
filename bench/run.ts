/**
 * `npm run bench`: every benchmark of the project, each next to a baseline measured in the same run,
 * printed as `name: value` lines.
 */
import { runSynthBench } from './synth';

function main(): void {
  const only = process.argv[2];
  if (!only || only === 'synth') runSynthBench();
}

main();
