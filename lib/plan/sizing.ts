/**
 * Sizing: the cheapest AliKafka instance that carries an estate, chosen from measured evidence.
 *
 * - inputs.ts: `sizingInputFromMetadata(meta, flags)` derives every input and says where each came from;
 * - evaluate.ts: `evaluateSizing(input)` chooses the cheapest (edition, traffic spec) meeting every need with
 *   headroom, sizes disk and partitions, and gives each choice its reason;
 * - candidates.ts: the load per edition and each candidate sized for it (shared by the evaluation and the split);
 * - split.ts: sets of topics that each fit one instance, when nothing fits;
 * - types.ts: the shapes of all of it (a leaf: lib/plan/types.ts imports only this).
 */
export * from './sizing/types';
export { sizingInputFromMetadata } from './sizing/inputs';
export { evaluateSizing, chosenCostRank } from './sizing/evaluate';
export { prefixOf } from './sizing/split';
