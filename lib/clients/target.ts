/**
 * The target instance as clients see it: its endpoints, read from `terraform show -json` of an applied state
 * (the `alicloud_alikafka_instance` endpoint attributes), or bootstrap servers given by hand.
 */
import {
  ENDPOINT_ATTRIBUTES,
  ENDPOINT_RESOURCE_TYPE,
  INSTANCE_MESSAGE_MAX_BYTES_KEY,
  EndpointAttribute,
  EndpointKind,
  EndpointSpec,
  endpointKindOfPort,
  endpointSpec,
} from '../alikafka/endpoints';
import { AlikafkaMigrateError, ErrorDetails } from '../errors';

/** Client configuration inputs that cannot be used (kind `input`, or `usage` for options that do not fit together). */
export class ClientConfigError extends AlikafkaMigrateError {
  constructor(message: string, details: ErrorDetails & { readonly kind?: 'usage' | 'input' } = {}) {
    super(details.kind ?? 'input', message, details);
    this.name = 'ClientConfigError';
  }
}

/** What an applied state says about one AliKafka instance. */
export interface InstanceEndpoints {
  readonly address: string;
  readonly instanceId?: string;
  /** Attribute → its host:port list, for the attributes that are set. */
  readonly attributes: ReadonlyMap<EndpointAttribute, readonly string[]>;
  /** `eip_max` (Mbit/s of public bandwidth), when set. */
  readonly eipMaxMbps?: number;
  /** `kafka.message.max.bytes` from the instance `config`, when set. */
  readonly messageMaxBytes?: number;
  /** `service_version` (2.2.0, 2.6.2, ...), when set. */
  readonly serviceVersion?: string;
}

interface StateResource {
  readonly address?: unknown;
  readonly type?: unknown;
  readonly mode?: unknown;
  readonly values?: Record<string, unknown>;
}
interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

/**
 * Splits `h1:9092,h2:9092` into trimmed, non-empty entries; throws naming the attribute on a bad entry (`what`),
 * with `field` the option the value came from.
 */
export function parseHostPorts(value: string, what: string, field?: string): string[] {
  const out = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const hp of out) {
    if (!/^[^\s:,]+:\d{1,5}$/.test(hp) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(hp)) {
      throw new ClientConfigError(`${what}: ${JSON.stringify(hp)} is not host:port`, { field });
    }
  }
  return out;
}

export const portOf = (hp: string): number => Number(hp.slice(hp.lastIndexOf(':') + 1));
export const hostOf = (hp: string): string => hp.slice(0, hp.lastIndexOf(':')).replace(/^\[|\]$/g, '');

/** Every `alicloud_alikafka_instance` in `terraform show -json` output of a state, in any module. */
export function instancesFromState(doc: unknown, file: string): InstanceEndpoints[] {
  const d = doc as { format_version?: unknown; values?: { root_module?: StateModule } } | null;
  if (d === null || typeof d !== 'object' || !d.values?.root_module) {
    throw new ClientConfigError(`state ${file}: no values.root_module: give the output of \`terraform show -json\` after apply (a state, not a plan)`, {
      field: 'state',
    });
  }
  const out: InstanceEndpoints[] = [];
  const visit = (m: StateModule): void => {
    for (const r of m.resources ?? []) {
      if (r.type !== ENDPOINT_RESOURCE_TYPE || r.mode !== 'managed' || !r.values) continue;
      const v = r.values;
      const address = typeof r.address === 'string' ? r.address : ENDPOINT_RESOURCE_TYPE;
      const attributes = new Map<EndpointAttribute, readonly string[]>();
      for (const a of ENDPOINT_ATTRIBUTES) {
        const raw = v[a];
        if (typeof raw === 'string' && raw.trim() !== '') attributes.set(a, parseHostPorts(raw, `state ${file}: ${address}.${a}`, 'state'));
      }
      let messageMaxBytes: number | undefined;
      if (typeof v.config === 'string' && v.config.trim() !== '') {
        try {
          const cfg = JSON.parse(v.config) as Record<string, unknown>;
          const m = Number(cfg[INSTANCE_MESSAGE_MAX_BYTES_KEY]);
          if (Number.isFinite(m) && m > 0) messageMaxBytes = m;
        } catch {
          // not JSON: the provider validates it, so ignore
        }
      }
      out.push({
        address,
        instanceId: typeof v.id === 'string' ? v.id : undefined,
        attributes,
        eipMaxMbps: typeof v.eip_max === 'number' && v.eip_max > 0 ? v.eip_max : undefined,
        messageMaxBytes,
        serviceVersion: typeof v.service_version === 'string' && v.service_version.trim() !== '' ? v.service_version.trim() : undefined,
      });
    }
    for (const c of m.child_modules ?? []) visit(c);
  };
  visit(d.values.root_module);
  return out;
}

/** Picks the one instance of a state (or the one with `instanceId`); throws listing the choices otherwise. */
export function pickInstance(instances: readonly InstanceEndpoints[], file: string, instanceId?: string): InstanceEndpoints {
  if (instanceId !== undefined) {
    const hit = instances.find((i) => i.instanceId === instanceId);
    if (!hit)
      throw new ClientConfigError(
        `state ${file}: no alicloud_alikafka_instance with id ${instanceId}; found ${instances.map((i) => i.instanceId ?? i.address).join(', ') || 'none'}`,
        { field: 'state' },
      );
    return hit;
  }
  if (instances.length === 0)
    throw new ClientConfigError(`state ${file}: no alicloud_alikafka_instance resource in the state; apply the plan first, then run terraform show -json`, {
      field: 'state',
    });
  if (instances.length > 1) {
    throw new ClientConfigError(
      `state ${file}: ${instances.length} alicloud_alikafka_instance resources (${instances.map((i) => `${i.address} = ${i.instanceId ?? '?'}`).join(', ')}); choose one with \`instanceId\``,
      { field: 'state' },
    );
  }
  return instances[0];
}

/** The endpoint of `kind` on an instance: the bootstrap list and the attribute it came from. */
export interface ChosenEndpoint {
  readonly spec: EndpointSpec;
  readonly servers: readonly string[];
  readonly attribute: EndpointAttribute;
}

/**
 * The servers of an endpoint kind. The spec's own attributes are tried first (domain names first); a value
 * is used only when its ports are the kind's port, and any other endpoint attribute with that port is the
 * fallback (the provider's and the SDK's docs disagree on what `vpc_sasl_domain_endpoint` holds).
 */
export function chooseEndpoint(inst: InstanceEndpoints, kind: EndpointKind, file: string): ChosenEndpoint {
  const spec = endpointSpec(kind);
  const matches = (a: EndpointAttribute): readonly string[] | undefined => {
    const list = inst.attributes.get(a);
    return list && list.length > 0 && list.every((hp) => portOf(hp) === spec.port) ? list : undefined;
  };
  for (const a of [...spec.attributes, ...ENDPOINT_ATTRIBUTES.filter((x) => !spec.attributes.includes(x))]) {
    const list = matches(a);
    if (list) return { spec, servers: list, attribute: a };
  }
  const have = [...inst.attributes.entries()].map(([a, l]) => `${a} (port ${[...new Set(l.map(portOf))].join('/')})`).join(', ') || 'none';
  throw new ClientConfigError(
    `state ${file}: ${inst.address} has no ${kind} endpoint (port ${spec.port}, ${spec.securityProtocol}) in ${spec.attributes.join('/')}; ` +
      `it exists on ${spec.availability}. Endpoint attributes set: ${have}`,
    { field: 'state' },
  );
}

/** The AliKafka endpoint kind of a bootstrap list, when all its ports are one AliKafka port. */
export function kindOfServers(servers: readonly string[]): EndpointKind | undefined {
  const kinds = new Set(servers.map((s) => endpointKindOfPort(portOf(s))));
  if (kinds.size !== 1) return undefined;
  return [...kinds][0];
}
