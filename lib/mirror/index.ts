export * from './generate';
export * from './secrets';
export * from './practices';
export { POLICY_CLASS, POLICY_FILE, POLICY_JAR, POLICY_RENAMES_KEY, POLICY_SOURCE, IDENTITY_POLICY_CLASS } from './policy';
export { routeClientKey, KeyRoute, ClientKind } from './client-keys';
