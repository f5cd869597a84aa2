/**
 * The AliKafka rules the control plane enforces, read from the project's rule code (one import site, so
 * moving the rules into lib/alikafka/ is a change of these two paths only).
 */
export { isValidName, isValidUsername, NAME_MIN, NAME_MAX } from '../../lib/plan/names';
export { findIoSpec, hasLocalStorage, MAX_PARTITIONS_PER_TOPIC, SPEC_TYPES } from '../../lib/plan/specs';
