import { ACL_ALL_EXPANSION, ACL_OPERATIONS, AclOperation, isAclOperation, SaslUserType, SCRAM_MECHANISM } from '../alikafka';
import { AclMetadata, UserMetadata } from '../model';
import { terraformName } from './names';
import { PlannedAcl, PlannedUser, PlanWarning, Skipped } from './types';

function normalizeOp(op: string): string {
  const k = op.replace(/[_\s]/g, '').toLowerCase();
  const map: Record<string, string> = {
    read: 'Read', write: 'Write', describe: 'Describe', idempotentwrite: 'IdempotentWrite', all: 'All',
    create: 'Create', delete: 'Delete', alter: 'Alter', alterconfigs: 'AlterConfigs', describeconfigs: 'DescribeConfigs',
    clusteraction: 'ClusterAction',
  };
  return map[k] ?? op;
}

export function userType(mechanism: string | undefined): SaslUserType {
  return mechanism === 'PLAIN' ? 'plain' : 'scram';
}

export function planUser(u: UserMetadata, name: string): PlannedUser {
  return {
    sourceName: u.name,
    name,
    terraformName: terraformName('user', name),
    type: userType(u.mechanism),
    sourceMechanism: u.mechanism,
    passwordVariable: terraformName('sasl_password', name),
  };
}

export function scramWarning(u: UserMetadata, name: string): PlanWarning | undefined {
  if (u.mechanism !== undefined && u.mechanism !== 'PLAIN' && u.mechanism !== SCRAM_MECHANISM) {
    return {
      code: 'scram-mechanism',
      subject: `user ${name}`,
      message: `source uses ${u.mechanism}; AliKafka reserved instances offer ${SCRAM_MECHANISM} (type scram): set sasl.mechanism=${SCRAM_MECHANISM} in this user's clients`,
    };
  }
  return undefined;
}

export function describeAcl(a: AclMetadata): string {
  return `${a.permission} ${a.principal} ${a.operation} ${a.resourceType}:${a.patternType}:${a.resourceName}${a.host && a.host !== '*' ? ` from ${a.host}` : ''}`;
}

export interface AclContext {
  /** Source user name → target user name, for users in the plan. */
  readonly users: ReadonlyMap<string, string>;
  readonly topicName: (source: string) => string | undefined;
  readonly groupName: (source: string) => string | undefined;
  /** Source names of renamed topics and groups, to flag prefixed ACLs that may no longer cover them. */
  readonly renamedTopics: readonly string[];
  readonly renamedGroups: readonly string[];
  /** Why the export could not read the source's SCRAM users (metadata `source.usersUnavailable`). */
  readonly usersUnavailable?: string;
}

/** Maps one source ACL to AliKafka ACLs, or says why it cannot be migrated. */
export function planAcl(
  a: AclMetadata,
  ctx: AclContext,
): { readonly acls: PlannedAcl[]; readonly skipped?: Skipped; readonly warnings: PlanWarning[] } {
  const source = describeAcl(a);
  const skip = (reason: string): { acls: PlannedAcl[]; skipped: Skipped; warnings: PlanWarning[] } => ({
    acls: [],
    skipped: { kind: 'acl', name: source, reason },
    warnings: [],
  });
  if (a.permission === 'Deny') return skip('Deny rules are not migratable: AliKafka reserved instances have Allow rules only; enforce the denial by not granting it');
  if (a.host !== undefined && a.host !== '*') return skip(`host-specific rules are not migratable (host ${a.host}); AliKafka ACLs apply to all hosts, use the instance IP allowlist instead`);
  const m = /^User:(.+)$/.exec(a.principal);
  if (!m) return skip(`principal ${a.principal} is not a user; AliKafka ACLs name SASL users`);
  if (m[1] === '*') return skip('wildcard principal User:* is not migratable; grant each SASL user instead');
  const username = ctx.users.get(m[1]);
  if (username === undefined) {
    if (ctx.usersUnavailable) return skip(`user ${m[1]} has no SASL user in the plan: the export could not read the source's SCRAM users (${ctx.usersUnavailable}); fix that and export again, or add the user to the metadata's users`);
    return skip(`user ${m[1]} has no SASL user in the plan (not in the metadata's users)`);
  }

  const op = normalizeOp(a.operation);
  let ops: readonly AclOperation[];
  const warnings: PlanWarning[] = [];
  if (isAclOperation(op)) {
    ops = [op];
  } else if (op === 'All') {
    ops = ACL_ALL_EXPANSION[a.resourceType];
    warnings.push({
      code: 'acl-expanded',
      subject: source,
      message: `operation All expanded to ${ops.join(', ')}: the operations AliKafka offers for ${a.resourceType}`,
    });
  } else {
    return skip(`operation ${a.operation} is not offered by AliKafka ACLs (${ACL_OPERATIONS.join(', ')})`);
  }

  let resourceName = a.resourceName;
  if (a.patternType === 'LITERAL' && resourceName !== '*') {
    if (a.resourceType === 'Topic') {
      const t = ctx.topicName(resourceName);
      if (t === undefined) return skip(`topic ${resourceName} is not in the plan`);
      resourceName = t;
    } else if (a.resourceType === 'Group') {
      const g = ctx.groupName(resourceName);
      if (g !== undefined) resourceName = g;
    }
  } else if (a.patternType === 'PREFIXED' && (a.resourceType === 'Topic' || a.resourceType === 'Group')) {
    const renamed = (a.resourceType === 'Topic' ? ctx.renamedTopics : ctx.renamedGroups).filter((n) => n.startsWith(resourceName));
    if (renamed.length > 0) {
      warnings.push({
        code: 'acl-prefixed-rename',
        subject: source,
        message: `prefix ${resourceName} is kept, but renamed ${a.resourceType === 'Topic' ? 'topic' : 'group'}(s) ${renamed.slice(0, 3).join(', ')}${renamed.length > 3 ? ', ...' : ''} it covered may no longer match: check their new names`,
      });
    }
  }
  const acls = ops.map((operation): PlannedAcl => ({
    terraformName: terraformName('acl', `${username}_${a.resourceType}_${a.patternType}_${resourceName}_${operation}`),
    username,
    resourceType: a.resourceType,
    resourceName,
    patternType: a.patternType,
    operation,
    source,
  }));
  return { acls, warnings };
}
