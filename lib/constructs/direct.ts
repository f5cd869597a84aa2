/**
 * Direct emission: the bulk of a plan (topics, consumer groups, ACLs) written as Terraform JSON straight from the
 * plan, without a construct per object, byte for byte what the constructs would write.
 *
 * Why: at 10,000 topics and 5,000 groups, a construct per object costs a construct node, an L1 resource with its
 * token-producing attribute getters, an aspect visit, two passes of cdktn's token resolution over its fragment and
 * a deep merge, for objects whose JSON is fully known from the plan. That was 50 times the time of serializing the
 * plan itself. Rendering them directly keeps the same addresses, attributes, `//` metadata, `import` blocks and
 * `depends_on` (the SASL write chain, the pacing sleeps); everything else (provider, backend, variables, instance, network, SASL users, allowlist,
 * outputs) is still built as constructs and resolved by cdktn.
 *
 * Only `MigrationStack` accepts direct emission (it merges the JSON into the stack's own in `toTerraform`); the
 * constructs remain the default for embedders, who get `migration.topics`/`groups` with their L1 escape hatches.
 * A plan the constructs would refuse or warn about (an invalid name, a partition count out of range, a construct
 * ID cdktn would reject or rewrite) is not rendered directly: the caller builds constructs, so the same error or
 * annotation appears as before. test/constructs/direct.test.ts proves both paths write identical files.
 */
import { TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
import {
  ACL_OPERATION_SENT,
  ADOPTED_IGNORE_CHANGES,
  CONFIG_STORAGE,
  GROUP_NAME,
  isValidName,
  MIN_PARTITIONS,
  PARTITIONS_PER_TOPIC,
  REMARK,
  TOPIC_NAME,
} from '../alikafka';
import type { MigrationPlan, PlannedAcl, PlannedMirrorMakerTopic, PlannedTopic } from '../plan';
import { terraformLiteral } from '../util/escape';
import { jsonOfStrings, KafkaAdoption, lifecycle } from './common';
import { AlikafkaConsumerGroup } from './gen/providers/alicloud/alikafka-consumer-group';
import { AlikafkaSaslAcl } from './gen/providers/alicloud/alikafka-sasl-acl';
import { AlikafkaTopic } from './gen/providers/alicloud/alikafka-topic';

/** Terraform resource types written directly: those of the L1 bindings the constructs would create. */
const DIRECT_TYPES = {
  topic: AlikafkaTopic.tfResourceType,
  group: AlikafkaConsumerGroup.tfResourceType,
  acl: AlikafkaSaslAcl.tfResourceType,
} as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Resolved, escaped Terraform JSON of directly written resources, in the order constructs would have been created. */
export interface DirectFragment {
  /** `resource.TYPE.NAME`, each body as cdktn writes it (with its `//` metadata). */
  readonly resource: Record<string, Record<string, JsonObject>>;
  /** `import` blocks, in creation order. */
  readonly imports: ReadonlyArray<{ readonly id: string; readonly to: string }>;
  /** The stack metadata's `imports`: imported resource names by type, in creation order. */
  readonly importedNames: Readonly<Record<string, readonly string[]>>;
}

/** Everything the rendering needs from the `KafkaMigration` building it. */
export interface DirectContext {
  /** The construct path of the `KafkaMigration` (the resources' paths are `PATH/ID/Resource`). */
  readonly path: string;
  /** Terraform name of an object from its plan name (the migration's prefix). */
  readonly name: (terraformName: string) => string;
  /** The plan's adoption as the construct would import it. */
  readonly adopt: (adopted: KafkaAdoption | undefined) => KafkaAdoption | undefined;
  /** `preventDestroy` override for topics. */
  readonly preventDestroy?: boolean;
}

/** What is known only once the constructs are in place (read when the stack writes its JSON). */
export interface DirectReferences {
  /** `instance_id` as written: an escaped literal, or the resolved reference to the instance construct. */
  readonly instanceId: string;
  /** Address (`TYPE.NAME`) of each SASL user construct, by user name. */
  readonly userAddresses: ReadonlyMap<string, string>;
  /** Address of the last SASL user construct: the first ACL of the SASL write chain depends on it. */
  readonly lastUserAddress?: string;
  /** Address of the pacing sleep (`time_sleep`, lib/plan/pacing.ts) each paced topic waits for, by the topic's plan Terraform name. */
  readonly topicDependsOn?: ReadonlyMap<string, string>;
}

/** Fast `terraformLiteral`: most names hold neither `${` nor `%{`. */
function lit(s: string): string {
  return s.includes('{') ? terraformLiteral(s) : s;
}

function litMap(values: Readonly<Record<string, string>>): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(values)) out[lit(k)] = lit(values[k]);
  return out;
}

/** `lifecycle` as cdktn writes it (snake_case keys, literal strings), or undefined. */
function lifecycleJson(preventDestroy: boolean, adopt: KafkaAdoption | undefined, defaultIgnore: readonly string[]): JsonObject | undefined {
  const l = lifecycle(preventDestroy, adopt, defaultIgnore);
  if (l === undefined) return undefined;
  const out: JsonObject = {};
  if (l.preventDestroy !== undefined) out.prevent_destroy = l.preventDestroy;
  if (l.ignoreChanges !== undefined) out.ignore_changes = (l.ignoreChanges as string[]).map(lit);
  return out;
}

/**
 * A renderer of the plan's topics (planned, then MirrorMaker's), groups (planned, then MirrorMaker's) and ACLs as
 * cdk.tf.json writes them; undefined when a construct would refuse or annotate one of them, or when construct IDs
 * collide (`otherIds`: the IDs of the migration's other children), so that the caller builds constructs instead.
 */
export function directRenderer(plan: MigrationPlan, ctx: DirectContext, otherIds: readonly string[]): ((refs: DirectReferences) => DirectFragment) | undefined {
  const topics: ReadonlyArray<PlannedTopic | PlannedMirrorMakerTopic> = [...plan.topics, ...(plan.transfer?.mirrorMaker?.topics ?? [])];
  const groups = [
    ...plan.groups.map((g) => ({ name: g.name, terraformName: g.terraformName, remark: g.remark, tags: g.tags, adopted: g.adopted })),
    ...(plan.transfer?.mirrorMaker?.groups ?? []).map((g) => ({
      name: g.name,
      terraformName: g.terraformName,
      remark: g.remark,
      tags: undefined,
      adopted: g.adopted,
    })),
  ];
  // construct IDs: each must be one the constructs library keeps as given (no `/`, not empty) and unique among the
  // migration's children, or the constructs would fail (the caller then builds them and fails the same way)
  const ids = new Set(otherIds);
  const fresh = (id: string): boolean => {
    if (id === '' || id.includes('/') || ids.has(id)) return false;
    ids.add(id);
    return true;
  };
  for (const x of [...topics, ...groups, ...plan.acls]) if (!fresh(x.terraformName)) return undefined;
  // KafkaTopic's and KafkaConsumerGroup's checks: where one would throw or warn, the constructs are built instead
  for (const t of topics) {
    if (!isValidName(TOPIC_NAME, t.name) || !isValidName(REMARK, t.remark)) return undefined;
    const local = t.storage === 'local' || t.compact;
    if (t.compact && t.storage !== 'local') return undefined;
    if (!Number.isInteger(t.partitions) || t.partitions < PARTITIONS_PER_TOPIC.min || t.partitions > PARTITIONS_PER_TOPIC.max) return undefined;
    if (t.partitions < MIN_PARTITIONS.cloud && !local) return undefined;
    if ('configs' in t && Object.keys(t.configs).length > 0 && !CONFIG_STORAGE.includes(local ? 'local' : 'cloud')) return undefined;
  }
  for (const g of groups) if (!isValidName(GROUP_NAME, g.name) || !isValidName(REMARK, g.remark)) return undefined;
  return (refs) => render(plan, topics, groups, ctx, refs);
}

function render(
  plan: MigrationPlan,
  topics: ReadonlyArray<PlannedTopic | PlannedMirrorMakerTopic>,
  groups: ReadonlyArray<{ name: string; terraformName: string; remark: string; tags?: Readonly<Record<string, string>>; adopted?: KafkaAdoption }>,
  ctx: DirectContext,
  refs: DirectReferences,
): DirectFragment {
  const resource: Record<string, Record<string, JsonObject>> = { [DIRECT_TYPES.topic]: {}, [DIRECT_TYPES.group]: {}, [DIRECT_TYPES.acl]: {} };
  const imports: Array<{ id: string; to: string }> = [];
  const importedNames: Record<string, string[]> = {};
  const add = (type: string, id: string, name: string, body: JsonObject, adopt: KafkaAdoption | undefined): string => {
    body['//'] = { metadata: { path: lit(`${ctx.path}/${id}/Resource`), uniqueId: lit(name) } };
    resource[type][lit(name)] = body;
    const address = `${type}.${name}`;
    if (adopt !== undefined) {
      imports.push({ id: lit(adopt.importId), to: lit(address) });
      (importedNames[type] ??= []).push(name);
    }
    return address;
  };

  const topicAddress = new Map<string, string>();
  for (const t of topics) {
    const local = t.storage === 'local' || t.compact;
    const configs = jsonOfStrings('configs' in t ? t.configs : undefined);
    const adopt = ctx.adopt(t.adopted);
    const body: JsonObject = {
      compact_topic: Boolean(t.compact),
      instance_id: refs.instanceId,
      local_topic: local,
      partition_num: t.partitions,
      remark: lit(t.remark),
      topic: lit(t.name),
    };
    if (configs !== undefined) body.configs = lit(configs);
    if (t.tags && Object.keys(t.tags).length > 0) body.tags = litMap(t.tags);
    const sleep = refs.topicDependsOn?.get(t.terraformName);
    if (sleep !== undefined) body.depends_on = [sleep];
    const life = lifecycleJson((ctx.preventDestroy ?? t.preventDestroy) !== false, adopt, ADOPTED_IGNORE_CHANGES.topic);
    if (life !== undefined) body.lifecycle = life;
    topicAddress.set(t.name, add(DIRECT_TYPES.topic, t.terraformName, ctx.name(t.terraformName), body, adopt));
  }

  const groupAddress = new Map<string, string>();
  for (const g of groups) {
    const adopt = ctx.adopt(g.adopted);
    const body: JsonObject = { consumer_id: lit(g.name), instance_id: refs.instanceId, remark: lit(g.remark) };
    if (g.tags && Object.keys(g.tags).length > 0) body.tags = litMap(g.tags);
    const life = lifecycleJson(false, adopt, ADOPTED_IGNORE_CHANGES.group);
    if (life !== undefined) body.lifecycle = life;
    groupAddress.set(g.name, add(DIRECT_TYPES.group, g.terraformName, ctx.name(g.terraformName), body, adopt));
  }

  // ACLs: after their user and, for a literal topic or group, that object; and each after the SASL write before it
  let previous = refs.lastUserAddress;
  for (const a of plan.acls) {
    const dependsOn = aclDependencies(a, refs.userAddresses, topicAddress, groupAddress);
    if (previous !== undefined) dependsOn.push(previous);
    const body: JsonObject = {
      acl_operation_type: lit(ACL_OPERATION_SENT[a.operation]),
      acl_resource_name: lit(a.resourceName),
      acl_resource_pattern_type: lit(a.patternType),
      acl_resource_type: lit(a.resourceType),
      depends_on: dependsOn,
      instance_id: refs.instanceId,
      username: lit(a.username),
    };
    if (a.host !== undefined) body.host = lit(a.host);
    previous = add(DIRECT_TYPES.acl, a.terraformName, ctx.name(a.terraformName), body, undefined);
  }
  return { resource, imports, importedNames };
}

/** What `KafkaMigration.buildAcl` makes an ACL depend on: its user, then its literal topic or group. */
function aclDependencies(
  a: PlannedAcl,
  users: ReadonlyMap<string, string>,
  topics: ReadonlyMap<string, string>,
  groups: ReadonlyMap<string, string>,
): string[] {
  const deps: string[] = [];
  const user = users.get(a.username);
  if (user !== undefined) deps.push(user);
  const literal = a.patternType === 'LITERAL';
  const topic = literal && a.resourceType === 'Topic' ? topics.get(a.resourceName) : undefined;
  const group = literal && a.resourceType === 'Group' ? groups.get(a.resourceName) : undefined;
  if (topic !== undefined) deps.push(topic);
  if (group !== undefined) deps.push(group);
  return deps;
}

// ------------------------------------------------------------------ the stack side

const SINKS = new WeakMap<TerraformStack, Array<() => DirectFragment>>();

/** Makes `stack` accept direct emission: its `toTerraform` must call `mergeDirect`. */
export function acceptDirect(stack: TerraformStack): void {
  SINKS.set(stack, []);
}

/** True when the stack of `scope` accepts direct emission. */
export function acceptsDirect(scope: Construct): boolean {
  return SINKS.has(TerraformStack.of(scope));
}

/** Registers a renderer, called when the stack of `scope` writes its JSON. */
export function addDirect(scope: Construct, render: () => DirectFragment): void {
  const sink = SINKS.get(TerraformStack.of(scope));
  if (sink === undefined) throw new Error(`direct emission needs a stack that accepts it (MigrationStack); ${scope.node.path} is in another`);
  sink.push(render);
}

/**
 * Merges the stack's directly written resources into its resolved JSON (`tf`, from cdktn's `toTerraform`) where
 * cdktn would have put them: resources by type and name, `import` blocks ahead of those of the constructs (the
 * migration's topics and groups are created before its users, the only other objects it imports), and the names in
 * the metadata's `imports`.
 */
export function mergeDirect(stack: TerraformStack, tf: Record<string, unknown>): void {
  for (const render of SINKS.get(stack) ?? []) {
    const f = render();
    const resources = (tf.resource ??= {}) as Record<string, Record<string, JsonObject>>;
    for (const [type, byName] of Object.entries(f.resource)) {
      if (Object.keys(byName).length === 0) continue;
      resources[type] = { ...byName, ...(resources[type] ?? {}) };
    }
    if (f.imports.length > 0) tf.import = [...f.imports, ...((tf.import as unknown[] | undefined) ?? [])];
    const names = Object.entries(f.importedNames);
    if (names.length > 0) {
      const meta = ((tf['//'] as Record<string, Record<string, unknown>>).metadata ??= {}) as Record<string, unknown>;
      const imported = (meta.imports ??= {}) as Record<string, string[]>;
      for (const [type, list] of names) imported[type] = [...list, ...(imported[type] ?? [])];
    }
  }
}
