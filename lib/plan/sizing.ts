/**
 * Sizing: the cheapest AliKafka instance that carries an estate, chosen from measured evidence.
 *
 * - sizing/inputs.ts: `sizingInput(meta, estate, flags)` derives every input of the estate the plan selected and
 *   says where each came from;
 * - sizing/evaluate.ts: `evaluateSizing(input)` chooses the cheapest (edition, traffic spec) meeting every need with
 *   headroom, sizes disk and partitions, and gives each choice its reason; `diskNeed` is the disk a given spec needs;
 * - sizing/candidates.ts: the load per edition and each candidate sized for it (shared by the evaluation and the split);
 * - sizing/split.ts: sets of topics that each fit one instance, when nothing fits;
 * - sizing/types.ts: the shapes of all of it (a leaf: lib/plan/types.ts imports only this).
 */
export * from './sizing/types';
export { sizingInput, sourceRacks } from './sizing/inputs';
export { evaluateSizing, chosenCostRank, diskNeed, DiskNeed } from './sizing/evaluate';
export { prefixOf } from './sizing/split';
