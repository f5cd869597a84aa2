/**
 * How MirrorMaker 2's replication policies treat topic names (Kafka 3.x `ReplicationPolicy`).
 * @see https://github.com/apache/kafka/blob/trunk/connect/mirror-client/src/main/java/org/apache/kafka/connect/mirror/ReplicationPolicy.java
 */

/** MirrorMaker never copies these, whatever the filters say (`ReplicationPolicy.isInternalTopic`). */
export function mirrorMakerSkips(topic: string): boolean {
  return topic.startsWith('__') || topic.startsWith('.') || topic.endsWith('.internal') || topic.endsWith('-internal');
}

/** `IdentityReplicationPolicy` prefixes these with the source alias (it treats them as heartbeat topics). */
export function identityRenames(topic: string): boolean {
  return topic.endsWith('heartbeats');
}
