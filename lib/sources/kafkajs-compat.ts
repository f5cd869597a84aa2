/**
 * kafkajs 2.2.4 throws away a whole Metadata response when any one partition has no leader
 * (tulios/kafkajs#1460): its `parse` raises the first partition error. A migration export must still
 * read such a cluster (partition count and replicas are in the response), so while an export runs,
 * partition-level "no leader / replica not available" errors are tolerated. Topic-level errors are
 * still raised. The patch is reference-counted and only active inside `withTolerantMetadata`.
 */
interface MetadataPartition {
  readonly partitionErrorCode: number;
}
interface MetadataTopic {
  readonly topicErrorCode: number;
  readonly partitionMetadata: readonly MetadataPartition[];
}
interface MetadataResponseModule {
  parse: (data: { topicMetadata: MetadataTopic[] }) => Promise<unknown>;
}

/** LEADER_NOT_AVAILABLE, REPLICA_NOT_AVAILABLE, LISTENER_NOT_FOUND */
const TOLERATED_PARTITION_ERRORS = new Set([5, 9, 72]);

let depth = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (let v = 0; v <= 6; v++) {
    let mod: MetadataResponseModule;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(`kafkajs/src/protocol/requests/metadata/v${v}/response`) as MetadataResponseModule;
    } catch {
      continue;
    }
    const original = mod.parse;
    if (typeof original !== 'function') continue;
    mod.parse = async (data) => {
      if (depth > 0 && data && Array.isArray(data.topicMetadata)) {
        const topicError = data.topicMetadata.some((t) => t.topicErrorCode !== 0);
        const otherPartitionError = data.topicMetadata.some((t) =>
          t.partitionMetadata.some((p) => p.partitionErrorCode !== 0 && !TOLERATED_PARTITION_ERRORS.has(p.partitionErrorCode)),
        );
        if (!topicError && !otherPartitionError) return data;
      }
      return original(data);
    };
  }
}

export async function withTolerantMetadata<T>(f: () => Promise<T>): Promise<T> {
  install();
  depth++;
  try {
    return await f();
  } finally {
    depth--;
  }
}
