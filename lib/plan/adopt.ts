import { ClusterMetadata } from '../model';

/** What already exists on the target instance, by target name. */
export interface TargetInventory {
  readonly topics: ReadonlyMap<string, { readonly partitions: number; readonly local?: boolean; readonly compact?: boolean }>;
  readonly groups: ReadonlySet<string>;
  readonly users: ReadonlySet<string>;
}

/** The inventory from a metadata export of the target instance. */
export function inventoryFromMetadata(meta: ClusterMetadata): TargetInventory {
  return {
    topics: new Map(meta.topics.map((t) => {
      const compact = (t.configs?.['cleanup.policy'] ?? '').includes('compact');
      return [t.name, { partitions: t.partitions, compact, local: compact ? true : undefined }];
    })),
    groups: new Set((meta.consumerGroups ?? []).map((g) => g.groupId)),
    users: new Set((meta.users ?? []).map((u) => u.name)),
  };
}

interface StateResource {
  readonly type?: unknown;
  readonly mode?: unknown;
  readonly values?: Record<string, unknown>;
}
interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

/** True when a parsed JSON document looks like `terraform show -json` output (state or plan). */
export function isTerraformShowJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'format_version' in value && ('values' in value || 'planned_values' in value);
}

/**
 * The inventory from `terraform show -json` of a state (or the planned values of a plan) that manages the
 * target instance: its `alicloud_alikafka_topic`, `alicloud_alikafka_consumer_group` and
 * `alicloud_alikafka_sasl_user` resources, in any module. Throws with the field at fault.
 */
export function inventoryFromTerraformShow(value: unknown, file: string): TargetInventory {
  const doc = value as { values?: { root_module?: StateModule }; planned_values?: { root_module?: StateModule } };
  const root = doc.values?.root_module ?? doc.planned_values?.root_module;
  if (!root) throw new Error(`${file}: no values.root_module: is this the output of terraform show -json?`);
  const topics = new Map<string, { partitions: number; local?: boolean; compact?: boolean }>();
  const groups = new Set<string>();
  const users = new Set<string>();
  const visit = (m: StateModule): void => {
    for (const r of m.resources ?? []) {
      if (r.mode !== 'managed' || !r.values) continue;
      const v = r.values;
      if (r.type === 'alicloud_alikafka_topic' && typeof v.topic === 'string') {
        topics.set(v.topic, {
          partitions: typeof v.partition_num === 'number' ? v.partition_num : 0,
          local: typeof v.local_topic === 'boolean' ? v.local_topic : undefined,
          compact: typeof v.compact_topic === 'boolean' ? v.compact_topic : undefined,
        });
      } else if (r.type === 'alicloud_alikafka_consumer_group' && typeof v.consumer_id === 'string') {
        groups.add(v.consumer_id);
      } else if (r.type === 'alicloud_alikafka_sasl_user' && typeof v.username === 'string') {
        users.add(v.username);
      }
    }
    for (const c of m.child_modules ?? []) visit(c);
  };
  visit(root);
  return { topics, groups, users };
}
