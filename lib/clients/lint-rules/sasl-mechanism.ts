import { endpointKindOfPort, endpointSpec } from '../../alikafka/endpoints';
import { portOf } from '../target';
import { bootstrapServers, isAliKafkaServer } from './servers';
import { effective, LintContext, LintFinding, LintRule } from './types';

/** AliKafka's SASL endpoints offer PLAIN and SCRAM-SHA-256 only (no SCRAM-SHA-512, GSSAPI or OAUTHBEARER). */
export const rule: LintRule = {
  id: 'sasl-mechanism',
  description: 'sasl.mechanism must be one the AliKafka endpoint offers',
  check(ctx: LintContext): LintFinding[] {
    const protocol = (effective(ctx.file, 'security.protocol')?.value ?? '').toUpperCase();
    if (!protocol.startsWith('SASL_')) return [];
    const kinds = new Set(
      bootstrapServers(ctx)
        .filter((s) => isAliKafkaServer(ctx, s))
        .map((s) => endpointKindOfPort(portOf(s))),
    );
    const specs = [...kinds]
      .filter((k) => k !== undefined)
      .map((k) => endpointSpec(k as NonNullable<typeof k>))
      .filter((s) => s.mechanisms.length > 0);
    if (specs.length === 0) return [];
    const m = effective(ctx.file, 'sasl.mechanism');
    const mechanism = (m?.value ?? 'GSSAPI').toUpperCase();
    const offered = specs[0].mechanisms;
    if ((offered as readonly string[]).includes(mechanism)) return [];
    return [
      {
        rule: 'sasl-mechanism',
        severity: 'error',
        key: 'sasl.mechanism',
        current: m?.explicit ? mechanism : `${mechanism} (default)`,
        recommended: offered.join(' or '),
        reason: `port ${specs[0].port} (${specs[0].kind}) offers ${offered.join(', ')}${mechanism === 'SCRAM-SHA-512' ? '; SCRAM-SHA-512 users become SCRAM-SHA-256 (scram) users in the plan' : ''}`,
      },
    ];
  },
};
