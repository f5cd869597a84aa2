/**
 * Offline stand-in for "after apply" / "after import": a Terraform state (format v4) written from a plan's
 * planned values, with the IDs the provider would set (its importers and Create functions use
 * `instance_id:name`; alicloud/resource_alicloud_alikafka_{topic,consumer_group,sasl_user}.go at v1.289.0)
 * and the references resolved to them. Nothing can be applied offline, so this is how a re-plan against an
 * existing state is checked with the real provider: `plan -refresh=false` diffs the new configuration against
 * this state with the provider's own schema (ForceNew attributes become `replace`).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import type { PlanJson, TfJson } from './tf';

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

interface PlanWithValues extends PlanJson {
  readonly planned_values: { readonly root_module: { readonly resources?: readonly PlannedResource[] } };
}

const PROVIDER = 'provider["registry.terraform.io/aliyun/alicloud"]';

function fabricatedId(r: PlannedResource, instanceId: string): string {
  const v = r.values;
  switch (r.type) {
    case 'alicloud_alikafka_instance':
      return instanceId;
    case 'alicloud_alikafka_topic':
      return `${instanceId}:${String(v.topic)}`;
    case 'alicloud_alikafka_consumer_group':
      return `${instanceId}:${String(v.consumer_id)}`;
    case 'alicloud_alikafka_sasl_user':
      return `${instanceId}:${String(v.username)}`;
    case 'alicloud_alikafka_sasl_acl':
      return [instanceId, v.username, v.acl_resource_type, v.acl_resource_name, v.acl_resource_pattern_type, v.acl_operation_type].map(String).join(':');
    case 'time_sleep':
      return '2026-12-01T00:00:00Z'; // the time provider's ID: the RFC 3339 time the sleep was created
    default:
      return `${r.type.replace(/^alicloud_/, '')}-${crypto.createHash('sha256').update(r.address).digest('hex').slice(0, 12)}`;
  }
}

/**
 * State for every resource of `plan` (its planned values), IDs fabricated as the provider sets them; attributes
 * the configuration takes from another resource's `id` (`${alicloud_x.y.id}`) get that resource's ID, and
 * `instance_id` is `instanceId` when the instance is not in the stack.
 */
export function stateFromPlan(plan: PlanJson, tfJson: TfJson, instanceId: string): string {
  const resources = (plan as PlanWithValues).planned_values.root_module.resources ?? [];
  const ids = new Map<string, string>();
  for (const r of resources) ids.set(r.address, fabricatedId(r, instanceId));
  const out = resources
    .filter((r) => r.mode === 'managed')
    .map((r) => {
      const config = tfJson.resource[r.type]?.[r.name] ?? {};
      const attributes: Record<string, unknown> = { ...r.values, id: ids.get(r.address) };
      for (const [k, v] of Object.entries(config)) {
        if (typeof v === 'string') {
          const m = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/.exec(v);
          if (m) attributes[k] = ids.get(m[1]) ?? instanceId;
        }
      }
      if (r.type.startsWith('alicloud_alikafka_') && r.type !== 'alicloud_alikafka_instance' && attributes.instance_id === undefined)
        attributes.instance_id = instanceId;
      // Optional+Computed+ForceNew attributes the configuration leaves unset: the provider's Read fills them after
      // apply, so the state must hold what it would read (null would plan a replacement no real state shows)
      if (r.type === 'alicloud_alikafka_instance' && attributes.vswitch_ids == null) attributes.vswitch_ids = [attributes.vswitch_id];
      if (r.type === 'alicloud_vpc') {
        for (const k of ['user_cidrs', 'ipv6_cidr_blocks', 'secondary_cidr_blocks']) if (attributes[k] == null) attributes[k] = [];
      }
      return {
        mode: 'managed',
        type: r.type,
        name: r.name,
        provider: r.type.startsWith('time_') ? 'provider["registry.terraform.io/hashicorp/time"]' : PROVIDER,
        // the SASL password comes from a sensitive variable, and the state records that sensitivity
        instances: [
          { schema_version: 0, attributes, sensitive_attributes: r.type === 'alicloud_alikafka_sasl_user' ? [[{ type: 'get_attr', value: 'password' }]] : [] },
        ],
      };
    });
  return JSON.stringify(
    {
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: '7c1d2a9e-0000-4000-8000-000000000001',
      outputs: {},
      resources: out,
      check_results: null,
    },
    null,
    2,
  );
}

export function writeState(file: string, text: string): void {
  fs.writeFileSync(file, text);
}
