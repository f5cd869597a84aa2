/**
 * Checks a real `terraform show -json` plan against the MigrationPlan it was synthesized from, resource by
 * resource: every planned topic, group, user and ACL is in the plan at its address with the planned values,
 * nothing else of those types is, and the instance (and network) carry the plan's fields.
 */
import { ACL_OPERATION_SENT } from '../../lib/alikafka';
import type { MigrationPlan, PlannedTopic } from '../../lib/plan';
import { changesByAddress, PlanJson, ResourceChange } from './tf';

const DISK_TYPE = { cloud: 0, ssd: 1 } as const;
const DEPLOY_TYPE = { vpc: 5, public: 4 } as const;

function after(rc: ResourceChange | undefined, address: string): Record<string, unknown> {
  if (!rc) throw new Error(`planned resource ${address} is missing from the terraform plan`);
  if (!rc.change.after) throw new Error(`${address}: the plan has no "after" values (actions ${rc.change.actions.join(',')})`);
  return rc.change.after;
}

function addressesOfType(changes: Map<string, ResourceChange>, type: string): string[] {
  return [...changes.values()]
    .filter((rc) => rc.type === type)
    .map((rc) => rc.address)
    .sort();
}

/** The topic's `configs` as the provider will send it: a JSON object of strings, or nothing. */
function configsOf(value: unknown): Record<string, string> {
  if (value === null || value === undefined || value === '') return {};
  return JSON.parse(String(value)) as Record<string, string>;
}

export interface ExpectOptions {
  /** the address prefix the stack put in front of every address (examples/existing-stack.ts uses wave1_) */
  readonly addressPrefix?: string;
  /** the instance_id topics must reference when the instance is not in the stack */
  readonly instanceId?: string;
  /** actions allowed on adopted (imported) objects; created ones must be ['create'] */
  readonly adoptedActions?: ReadonlyArray<readonly string[]>;
  /** the plan has no alikafka_instance resource even though the plan's instance is new (embedded in another stack) */
  readonly skipInstance?: boolean;
}

export function expectTopic(t: PlannedTopic, a: Record<string, unknown>): void {
  expect({
    address: t.terraformName,
    topic: a.topic,
    partition_num: a.partition_num,
    local_topic: a.local_topic,
    compact_topic: a.compact_topic,
    configs: configsOf(a.configs),
    remark: a.remark,
  }).toEqual({
    address: t.terraformName,
    topic: t.name,
    partition_num: t.partitions,
    local_topic: t.storage === 'local',
    compact_topic: t.compact,
    configs: t.configs,
    remark: t.remark,
  });
}

export function expectPlanMatches(plan: MigrationPlan, pj: PlanJson, opts: ExpectOptions = {}): void {
  const changes = changesByAddress(pj);
  const prefix = opts.addressPrefix ?? '';
  const checkActions = (rc: ResourceChange, imported: boolean): void => {
    if (imported) {
      expect(opts.adoptedActions ?? [['no-op'], ['update']]).toContainEqual(rc.change.actions);
    } else {
      expect({ address: rc.address, actions: rc.change.actions }).toEqual({ address: rc.address, actions: ['create'] });
    }
  };
  const instanceRef = (a: Record<string, unknown>, rc: ResourceChange): void => {
    if (opts.instanceId !== undefined)
      expect({ address: rc.address, instance_id: a.instance_id }).toEqual({ address: rc.address, instance_id: opts.instanceId });
    else if (plan.instance.mode === 'existing')
      expect({ address: rc.address, instance_id: a.instance_id }).toEqual({ address: rc.address, instance_id: plan.instance.instanceId });
  };

  const topicAddresses = plan.topics.map((t) => `alicloud_alikafka_topic.${prefix}${t.terraformName}`).sort();
  expect(addressesOfType(changes, 'alicloud_alikafka_topic')).toEqual(topicAddresses);
  for (const t of plan.topics) {
    const address = `alicloud_alikafka_topic.${prefix}${t.terraformName}`;
    const rc = changes.get(address);
    const a = after(rc, address);
    expectTopic(t, a);
    checkActions(rc as ResourceChange, t.adopted !== undefined);
    instanceRef(a, rc as ResourceChange);
  }

  expect(addressesOfType(changes, 'alicloud_alikafka_consumer_group')).toEqual(
    plan.groups.map((g) => `alicloud_alikafka_consumer_group.${prefix}${g.terraformName}`).sort(),
  );
  for (const g of plan.groups) {
    const address = `alicloud_alikafka_consumer_group.${prefix}${g.terraformName}`;
    const rc = changes.get(address);
    const a = after(rc, address);
    expect({ address, consumer_id: a.consumer_id, remark: a.remark }).toEqual({ address, consumer_id: g.name, remark: g.remark });
    checkActions(rc as ResourceChange, g.adopted !== undefined);
    instanceRef(a, rc as ResourceChange);
  }

  expect(addressesOfType(changes, 'alicloud_alikafka_sasl_user')).toEqual(
    plan.users.map((u) => `alicloud_alikafka_sasl_user.${prefix}${u.terraformName}`).sort(),
  );
  for (const u of plan.users) {
    const address = `alicloud_alikafka_sasl_user.${prefix}${u.terraformName}`;
    const rc = changes.get(address) as ResourceChange;
    const a = after(rc, address);
    expect({ address, username: a.username, type: a.type }).toEqual({ address, username: u.name, type: u.type });
    // the password comes from a sensitive variable: terraform marks it sensitive in the plan
    expect((rc.change.after_sensitive as Record<string, unknown>).password).toBe(true);
    checkActions(rc, u.adopted !== undefined);
    instanceRef(a, rc);
  }

  expect(addressesOfType(changes, 'alicloud_alikafka_sasl_acl')).toEqual(plan.acls.map((x) => `alicloud_alikafka_sasl_acl.${prefix}${x.terraformName}`).sort());
  for (const x of plan.acls) {
    const address = `alicloud_alikafka_sasl_acl.${prefix}${x.terraformName}`;
    const rc = changes.get(address) as ResourceChange;
    const a = after(rc, address);
    expect({
      address,
      username: a.username,
      acl_resource_type: a.acl_resource_type,
      acl_resource_name: a.acl_resource_name,
      acl_resource_pattern_type: a.acl_resource_pattern_type,
      acl_operation_type: a.acl_operation_type,
    }).toEqual({
      address,
      username: x.username,
      acl_resource_type: x.resourceType,
      acl_resource_name: x.resourceName,
      acl_resource_pattern_type: x.patternType,
      acl_operation_type: ACL_OPERATION_SENT[x.operation],
    });
    checkActions(rc, false);
    instanceRef(a, rc);
  }

  const instances = addressesOfType(changes, 'alicloud_alikafka_instance');
  const inst = plan.instance;
  if (inst.mode === 'existing') {
    expect(instances).toEqual([]);
    expect(addressesOfType(changes, 'alicloud_vpc')).toEqual([]);
    expect(addressesOfType(changes, 'alicloud_vswitch')).toEqual([]);
    return;
  }
  if (opts.skipInstance) return;
  expect(instances).toHaveLength(1);
  const rc = changes.get(instances[0]) as ResourceChange;
  const a = after(rc, instances[0]);
  checkActions(rc, false);
  const multiZone = inst.zoneIds.length > 1;
  expect({
    name: a.name,
    spec_type: a.spec_type,
    io_max_spec: a.io_max_spec,
    disk_type: a.disk_type,
    disk_size: a.disk_size,
    partition_num: a.partition_num,
    deploy_type: a.deploy_type,
    eip_max: a.eip_max ?? undefined,
    service_version: a.service_version,
    zone_id: a.zone_id,
    selected_zones: a.selected_zones ?? undefined,
    paid_type: a.paid_type,
    config: configsOf(a.config),
  }).toEqual({
    name: inst.name,
    spec_type: inst.specType,
    io_max_spec: inst.ioMaxSpec,
    disk_type: DISK_TYPE[inst.diskType],
    disk_size: inst.diskSize,
    partition_num: inst.partitionNum,
    deploy_type: DEPLOY_TYPE[inst.deployType],
    eip_max: inst.deployType === 'public' ? inst.eipMax : undefined,
    service_version: inst.serviceVersion,
    zone_id: inst.zoneIds[0],
    selected_zones: multiZone ? inst.zoneIds : undefined,
    paid_type: 'PostPaid',
    config: inst.config,
  });
  const unknown = rc.change.after_unknown ?? {};
  if (inst.network.mode === 'existing') {
    expect({ vpc_id: a.vpc_id, vswitch_id: a.vswitch_id, vswitch_ids: a.vswitch_ids ?? undefined }).toEqual({
      vpc_id: inst.network.vpcId,
      vswitch_id: inst.network.vswitchIds[0],
      vswitch_ids: multiZone ? inst.network.vswitchIds : undefined,
    });
    expect(addressesOfType(changes, 'alicloud_vpc')).toEqual([]);
    expect(addressesOfType(changes, 'alicloud_vswitch')).toEqual([]);
  } else {
    // new network: the IDs are known after apply, and the VPC and one vSwitch per zone are created
    expect({ vpc_id: unknown.vpc_id, vswitch_id: unknown.vswitch_id }).toEqual({ vpc_id: true, vswitch_id: true });
    const vpcs = addressesOfType(changes, 'alicloud_vpc');
    expect(vpcs).toHaveLength(1);
    expect(after(changes.get(vpcs[0]), vpcs[0]).cidr_block).toBe(inst.network.vpcCidr);
    const vsw = addressesOfType(changes, 'alicloud_vswitch').map((addr) => after(changes.get(addr), addr));
    expect(vsw.map((v) => ({ zoneId: v.zone_id, cidr: v.cidr_block })).sort((x, y) => String(x.zoneId).localeCompare(String(y.zoneId)))).toEqual(
      [...inst.network.vswitches].map((v) => ({ zoneId: v.zoneId, cidr: v.cidr })).sort((x, y) => x.zoneId.localeCompare(y.zoneId)),
    );
  }
}
