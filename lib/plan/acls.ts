import {
  ACL_ALL_EXPANSION,
  ACL_DENY_SUPPORTED,
  ACL_HOST_SUPPORTED,
  ACL_OPERATIONS,
  AclOperation,
  aclResourceNameProblem,
  isAclHost,
  isAclOperation,
} from '../alikafka';
import { displayText } from '../util/escape';
import { AclMetadata } from '../model';
import { PlanProblem } from './errors';
import { terraformName } from './names';
import { DenyAclPolicy, PlannedAcl, PlanWarning, Rename, Skipped } from './types';

/**
 * Source ACLs to AliKafka ACLs, never granting more than the source did:
 * - a Deny rule (reserved instances have Allow rules only) narrows the Allow rules it overrides to LITERAL Allows
 *   for the planned objects it does not cover, or fails the plan (policy `fail`);
 * - literal names and prefixes are renamed by the same rule as the objects they match, or the plan fails naming
 *   the ACL when no prefix on the target matches exactly the renamed objects;
 * - host-specific rules keep their host; a host that is not `*` or an IP address never matched a client (Kafka
 *   matches hosts by IP only) and is left out with that reason;
 * - a resource name the provider cannot hold (length, `:`) is left out with the provider's reason.
 */

export function normalizeOp(op: string): string {
  const k = op.replace(/[_\s]/g, '').toLowerCase();
  const map: Record<string, string> = {
    read: 'Read',
    write: 'Write',
    describe: 'Describe',
    idempotentwrite: 'IdempotentWrite',
    all: 'All',
    create: 'Create',
    delete: 'Delete',
    alter: 'Alter',
    alterconfigs: 'AlterConfigs',
    describeconfigs: 'DescribeConfigs',
    clusteraction: 'ClusterAction',
  };
  return map[k] ?? op;
}

export function describeAcl(a: AclMetadata): string {
  return `${a.permission} ${a.principal} ${a.operation} ${a.resourceType}:${a.patternType}:${a.resourceName}${a.host && a.host !== '*' ? ` from ${a.host}` : ''}`;
}

interface Pattern {
  readonly patternType: AclMetadata['patternType'];
  readonly resourceName: string;
}

/** True when the pattern matches the resource name (Kafka's rules: `*` literal matches all). */
export function patternCovers(p: Pattern, name: string): boolean {
  if (p.patternType === 'LITERAL') return p.resourceName === '*' || p.resourceName === name;
  return name.startsWith(p.resourceName);
}

/** True when some resource name could match both patterns. */
function patternsOverlap(a: Pattern, b: Pattern): boolean {
  if (a.patternType === 'LITERAL' && a.resourceName === '*') return true;
  if (b.patternType === 'LITERAL' && b.resourceName === '*') return true;
  if (a.patternType === 'LITERAL' && b.patternType === 'LITERAL') return a.resourceName === b.resourceName;
  if (a.patternType === 'LITERAL') return a.resourceName.startsWith(b.resourceName);
  if (b.patternType === 'LITERAL') return b.resourceName.startsWith(a.resourceName);
  return a.resourceName.startsWith(b.resourceName) || b.resourceName.startsWith(a.resourceName);
}

function hostsOverlap(a?: string, b?: string): boolean {
  return a === undefined || a === '*' || b === undefined || b === '*' || a === b;
}

/** Deny rules that override operation `op` of Allow rule `a`. */
function overridingDenies(a: AclMetadata, op: AclOperation, denies: readonly AclMetadata[]): AclMetadata[] {
  return denies.filter(
    (d) =>
      (d.principal === a.principal || d.principal === 'User:*') &&
      d.resourceType === a.resourceType &&
      (normalizeOp(d.operation) === op || normalizeOp(d.operation) === 'All') &&
      hostsOverlap(a.host, d.host) &&
      patternsOverlap(a, d),
  );
}

export interface AclInput {
  readonly acls: readonly AclMetadata[];
  /** Source user name → target user name, for users in the plan. */
  readonly users: ReadonlyMap<string, string>;
  /** Source name → target name of the planned topics and groups. */
  readonly topics: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, string>;
  /** The target name the rename rule gives a group that is not planned (a literal group ACL). */
  readonly groupName: (source: string) => string;
  /** A prefix renamed by the character rule of topic or group names (no padding, no truncation). */
  readonly prefixName: (kind: 'Topic' | 'Group', prefix: string) => string;
  readonly denyPolicy: DenyAclPolicy;
  /** Why the export could not read the source's SCRAM users (metadata `source.usersUnavailable`). */
  readonly usersUnavailable?: string;
  /** True when include/exclude patterns select the topics: ACLs outside the selection are left out. */
  readonly selectionActive: boolean;
}

export interface AclOutput {
  readonly acls: PlannedAcl[];
  readonly skipped: Skipped[];
  readonly warnings: PlanWarning[];
  readonly problems: PlanProblem[];
  readonly renames: Rename[];
}

const list = (xs: readonly string[]): string => `${xs.slice(0, 3).join(', ')}${xs.length > 3 ? `, ... (${xs.length} in all)` : ''}`;

export function planAcls(input: AclInput): AclOutput {
  const out: AclOutput = { acls: [], skipped: [], warnings: [], problems: [], renames: [] };
  const byName = new Map<string, PlannedAcl>();
  const denies = input.acls.filter((a) => a.permission === 'Deny');
  const usedDenies = new Set<AclMetadata>();
  const renamedPrefixes = new Set<string>();
  const failedPrefixes = new Set<string>();

  const emit = (acl: PlannedAcl): void => {
    if (!byName.has(acl.terraformName)) byName.set(acl.terraformName, acl);
  };
  const planned = (resourceType: string): ReadonlyMap<string, string> | undefined =>
    resourceType === 'Topic' ? input.topics : resourceType === 'Group' ? input.groups : undefined;

  for (const a of input.acls) {
    if (a.permission === 'Deny') continue;
    const source = describeAcl(a);
    const skip = (reason: string, name = source): void => {
      out.skipped.push({ kind: 'acl', name, reason });
    };
    if (a.host !== undefined && a.host !== '*' && !ACL_HOST_SUPPORTED) {
      skip(`host-specific rules are not migratable (host ${a.host}); use the instance IP allowlist instead`);
      continue;
    }
    if (a.host !== undefined && !isAclHost(a.host)) {
      skip(
        `host ${JSON.stringify(displayText(a.host))} is not * or an IP address: Kafka matches ACL hosts by client IP only, so this rule never matched a client`,
      );
      continue;
    }
    const m = /^User:(.+)$/.exec(a.principal);
    if (!m) {
      skip(`principal ${a.principal} is not a user; AliKafka ACLs name SASL users`);
      continue;
    }
    if (m[1] === '*') {
      skip('wildcard principal User:* is not migratable; grant each SASL user instead');
      continue;
    }
    const username = input.users.get(m[1]);
    if (username === undefined) {
      skip(
        input.usersUnavailable
          ? `user ${m[1]} has no SASL user in the plan: the export could not read the source's SCRAM users (${input.usersUnavailable}); fix that and export again, or add the user to the metadata's users`
          : `user ${m[1]} has no SASL user in the plan (not in the metadata's users, or outside the selection)`,
      );
      continue;
    }
    const op = normalizeOp(a.operation);
    let ops: readonly AclOperation[];
    if (isAclOperation(op)) {
      ops = [op];
    } else if (op === 'All') {
      ops = ACL_ALL_EXPANSION[a.resourceType];
      out.warnings.push({
        code: 'acl-expanded',
        subject: source,
        message: `operation All expanded to ${ops.join(', ')}: the operations AliKafka offers for ${a.resourceType}`,
      });
    } else {
      skip(`operation ${a.operation} is not offered by AliKafka ACLs (${ACL_OPERATIONS.join(', ')})`);
      continue;
    }
    const host = a.host !== undefined && a.host !== '*' ? a.host : undefined;
    const make = (operation: AclOperation, patternType: AclMetadata['patternType'], resourceName: string): PlannedAcl => ({
      terraformName: terraformName('acl', `${username}_${a.resourceType}_${patternType}_${resourceName}_${operation}${host ? `_${host}` : ''}`),
      username,
      resourceType: a.resourceType,
      resourceName,
      patternType,
      operation,
      ...(host ? { host } : {}),
      source,
    });

    // the resource as named on the target, or why the rule is left out
    const resource = targetResource(a, input, out, source, renamedPrefixes, failedPrefixes);
    if (resource.skip !== undefined) {
      skip(resource.skip);
      continue;
    }
    if (resource.failed) continue;
    const nameProblem = aclResourceNameProblem(resource.name);
    if (nameProblem !== undefined) {
      skip(`${nameProblem}; grant it by hand if it is needed`);
      continue;
    }

    for (const operation of ops) {
      const ds = ACL_DENY_SUPPORTED ? [] : overridingDenies(a, operation, denies);
      if (ds.length === 0) {
        emit(make(operation, a.patternType, resource.name));
        continue;
      }
      ds.forEach((d) => usedDenies.add(d));
      const denyText = ds.map(describeAcl).join('; ');
      if (input.denyPolicy === 'fail') {
        out.problems.push({
          subject: `acl ${source}`,
          message: `${operation} is overridden by ${denyText}; AliKafka reserved instances have Allow rules only, and the Deny-ACL policy is fail: narrow the Allow in the source, or plan with the narrow policy`,
        });
        continue;
      }
      const objects = planned(a.resourceType);
      if (objects === undefined) {
        skip(`${operation} not planned: overridden by ${denyText}, and AliKafka reserved instances have Allow rules only`, `${source} (${operation})`);
        continue;
      }
      const keep = [...objects.entries()]
        .filter(([src]) => patternCovers(a, src) && !ds.some((d) => patternCovers(d, src)))
        .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
      for (const [, target] of keep) emit(make(operation, 'LITERAL', target));
      const kind = a.resourceType === 'Topic' ? 'topic' : 'group';
      const isSingle = a.patternType === 'LITERAL' && a.resourceName !== '*';
      if (keep.length === 0) {
        skip(
          `${operation} not planned: ${denyText} overrides it for every planned ${kind} it covers (AliKafka reserved instances have Allow rules only)`,
          `${source} (${operation})`,
        );
      }
      if (!isSingle) {
        out.warnings.push({
          code: 'acl-narrowed',
          subject: source,
          message: `${operation} narrowed to ${keep.length} LITERAL Allow(s) for the planned ${kind}s that ${denyText} does not cover (AliKafka reserved instances have no Deny rules); ${kind}s created later are not covered by this rule`,
        });
      }
    }
  }

  for (const d of denies) {
    out.skipped.push({
      kind: 'acl',
      name: describeAcl(d),
      reason: usedDenies.has(d)
        ? 'AliKafka reserved instances have Allow rules only: enforced by narrowing the Allow rules it overrides'
        : 'overrides no Allow rule of the plan: nothing to enforce (AliKafka reserved instances have Allow rules only)',
    });
  }
  out.acls.push(...byName.values());
  return out;
}

/** The resource name on the target: a planned object's new name, or a prefix renamed by the same rule. */
function targetResource(
  a: AclMetadata,
  input: AclInput,
  out: AclOutput,
  source: string,
  renamedPrefixes: Set<string>,
  failedPrefixes: Set<string>,
): { name: string; skip?: string; failed?: boolean } {
  const name = a.resourceName;
  if (a.resourceType !== 'Topic' && a.resourceType !== 'Group') return { name };
  const objects = a.resourceType === 'Topic' ? input.topics : input.groups;
  const kind = a.resourceType === 'Topic' ? 'topic' : 'group';
  if (a.patternType === 'LITERAL') {
    if (name === '*') return { name };
    const t = objects.get(name);
    if (t !== undefined) return { name: t };
    if (a.resourceType === 'Topic') return { name, skip: `topic ${name} is not in the plan` };
    if (input.selectionActive) return { name, skip: `group ${name} is not in the plan (outside the selection)` };
    return { name: input.groupName(name) };
  }
  const matched = [...objects.entries()].filter(([src]) => src.startsWith(name));
  if (matched.length === 0 && input.selectionActive) return { name, skip: `prefix ${name} matches no planned ${kind} (outside the selection)` };
  const renamed = input.prefixName(a.resourceType, name);
  const key = `${a.resourceType}:${name}`;
  const lost = matched.filter(([, t]) => !t.startsWith(renamed)).map(([s, t]) => `${s} → ${t}`);
  const gained = [...objects.entries()].filter(([src, t]) => !src.startsWith(name) && t.startsWith(renamed)).map(([s, t]) => (s === t ? s : `${s} → ${t}`));
  if (lost.length > 0 || gained.length > 0) {
    if (!failedPrefixes.has(key)) {
      failedPrefixes.add(key);
      const why =
        lost.length > 0
          ? `renamed ${kind}(s) ${list(lost)} no longer start with ${JSON.stringify(renamed)}`
          : `${JSON.stringify(renamed)} would also match ${kind}(s) ${list(gained)} that ${JSON.stringify(name)} does not`;
      out.problems.push({
        subject: `acl ${source}`,
        message: `prefix ${JSON.stringify(name)} cannot be renamed with the ${kind}s it matches: ${why}; give those ${kind}s names that keep one common prefix (rename map), or replace the ACL with literal ones`,
      });
    }
    return { name, failed: true };
  }
  if (renamed !== name && !renamedPrefixes.has(key)) {
    renamedPrefixes.add(key);
    out.renames.push({
      kind: 'acl',
      from: `${a.resourceType}:PREFIXED:${name}`,
      to: `${a.resourceType}:PREFIXED:${renamed}`,
      reason: `renamed by the rule that renamed the ${kind}s it matches`,
    });
  }
  return { name: renamed };
}

/**
 * Users an include/exclude selection touches: those with an Allow rule on a planned topic or group
 * (a literal name, a prefix or `*` that covers one).
 */
export function usersTouching(acls: readonly AclMetadata[], topics: ReadonlySet<string>, groups: ReadonlySet<string>): Set<string> {
  const users = new Set<string>();
  for (const a of acls) {
    if (a.permission === 'Deny') continue;
    const m = /^User:(.+)$/.exec(a.principal);
    if (!m) continue;
    const objects = a.resourceType === 'Topic' ? topics : a.resourceType === 'Group' ? groups : undefined;
    if (objects && [...objects].some((o) => patternCovers(a, o))) users.add(m[1]);
  }
  return users;
}
