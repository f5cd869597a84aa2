/**
 * The other files a user hands the tool besides metadata: a rename map, and what already exists on the target
 * instance (a metadata export of it, or `terraform show -json` of a state that manages it). Each reader detects
 * the file's format and throws `InputError` naming the file and, where it can, the JSON path at fault.
 */
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';
import { MetadataError, validateMetadata } from './load';
import { RESOURCE_TYPES } from '../alikafka';
import type { ClusterMetadata } from './types';
import { AlikafkaMigrateError } from '../errors';

/** Which user file an `InputError` is about. */
export type InputKind = 'rename-map' | 'existing-target';

/** A user file that cannot be used: which one, where, and why. */
export class InputError extends AlikafkaMigrateError {
  /** Which user file: the option it was given with (`renameMap`, `existing`). */
  public readonly input: InputKind;
  public readonly file: string;
  /** The problem without the file name, e.g. `topics["a"] must be a string, got 1`. */
  public readonly problem: string;

  constructor(input: InputKind, file: string, problem: string, path?: string) {
    super('input', `${file}: ${problem}`, { field: path });
    this.name = 'InputError';
    this.input = input;
    this.file = file;
    this.problem = problem;
  }
}

/** Maps source names to target names, resolving renames and collisions by hand. */
export interface RenameMap {
  readonly topics?: Readonly<Record<string, string>>;
  readonly groups?: Readonly<Record<string, string>>;
  readonly users?: Readonly<Record<string, string>>;
}

const RENAME_SECTIONS = ['topics', 'groups', 'users'] as const;

/** Validates a parsed rename map: `{"topics": {"src": "dst"}, "groups": {...}, "users": {...}}`. */
export function parseRenameMap(value: unknown, file: string): RenameMap {
  const fail = (problem: string): never => {
    throw new InputError('rename-map', file, problem);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('must be a JSON object like {"topics": {"old.name": "new_name"}, "groups": {}, "users": {}}');
  }
  const out: Record<string, Record<string, string>> = {};
  for (const [key, section] of Object.entries(value as Record<string, unknown>)) {
    if (!(RENAME_SECTIONS as readonly string[]).includes(key)) fail(`unknown section ${JSON.stringify(key)}; use topics, groups or users`);
    if (section === null || typeof section !== 'object' || Array.isArray(section)) fail(`${key} must be an object of source name to target name`);
    for (const [from, to] of Object.entries(section as Record<string, unknown>)) {
      if (typeof to !== 'string') fail(`${key}[${JSON.stringify(from)}] must be a string, got ${JSON.stringify(to)}`);
    }
    out[key] = section as Record<string, string>;
  }
  return out;
}

function readJson(kind: InputKind, file: string): unknown {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new InputError(kind, file, (e as Error).message);
  }
  try {
    return parseJsonText(text);
  } catch (e) {
    throw new InputError(kind, file, `${e instanceof JsonShapeError ? '' : 'not valid JSON: '}${(e as Error).message}`);
  }
}

/** Reads and validates a rename map file. */
export function loadRenameMap(file: string): RenameMap {
  return parseRenameMap(readJson('rename-map', file), file);
}

/** What already exists on the target instance, by target name. */
export interface ExistingObjects {
  readonly topics: ReadonlyMap<string, { readonly partitions: number; readonly local?: boolean; readonly compact?: boolean }>;
  readonly groups: ReadonlySet<string>;
  readonly users: ReadonlySet<string>;
}

/** The objects of a metadata export of the target instance. */
export function existingObjectsFromMetadata(meta: ClusterMetadata): ExistingObjects {
  return {
    topics: new Map(
      meta.topics.map((t) => {
        const compact = (t.configs?.['cleanup.policy'] ?? '').includes('compact');
        // an AliKafka export knows each topic's storage engine; otherwise only compaction implies local storage
        const local = t.storageEngine !== undefined ? t.storageEngine === 'local' : compact ? true : undefined;
        return [t.name, { partitions: t.partitions, compact, local }];
      }),
    ),
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
 * The objects in `terraform show -json` of a state (or the planned values of a plan) that manages the target
 * instance: its `alicloud_alikafka_topic`, `alicloud_alikafka_consumer_group` and `alicloud_alikafka_sasl_user`
 * resources, in any module.
 */
export function existingObjectsFromTerraformShow(value: unknown, file: string): ExistingObjects {
  const doc = value as { values?: { root_module?: StateModule }; planned_values?: { root_module?: StateModule } };
  const root = doc.values?.root_module ?? doc.planned_values?.root_module;
  if (!root) throw new InputError('existing-target', file, 'no values.root_module: is this the output of terraform show -json?');
  const topics = new Map<string, { partitions: number; local?: boolean; compact?: boolean }>();
  const groups = new Set<string>();
  const users = new Set<string>();
  const visit = (m: StateModule): void => {
    for (const r of m.resources ?? []) {
      if (r.mode !== 'managed' || !r.values) continue;
      const v = r.values;
      if (r.type === RESOURCE_TYPES.topic && typeof v.topic === 'string') {
        topics.set(v.topic, {
          partitions: typeof v.partition_num === 'number' ? v.partition_num : 0,
          local: typeof v.local_topic === 'boolean' ? v.local_topic : undefined,
          compact: typeof v.compact_topic === 'boolean' ? v.compact_topic : undefined,
        });
      } else if (r.type === RESOURCE_TYPES.group && typeof v.consumer_id === 'string') {
        groups.add(v.consumer_id);
      } else if (r.type === RESOURCE_TYPES.user && typeof v.username === 'string') {
        users.add(v.username);
      }
    }
    for (const c of m.child_modules ?? []) visit(c);
  };
  visit(root);
  return { topics, groups, users };
}

/** Reads what exists on the target: `terraform show -json` output, or a metadata export of the instance. */
export function loadExistingTarget(file: string): ExistingObjects {
  const value = readJson('existing-target', file);
  if (isTerraformShowJson(value)) return existingObjectsFromTerraformShow(value, file);
  try {
    return existingObjectsFromMetadata(validateMetadata(value, file));
  } catch (e) {
    if (e instanceof MetadataError) {
      throw new InputError('existing-target', file, `neither terraform show -json output nor valid metadata; ${e.message.replace(`${file}: `, '')}`);
    }
    throw e;
  }
}
