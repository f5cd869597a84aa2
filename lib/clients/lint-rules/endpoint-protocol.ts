import { describeEndpointPorts, endpointKindOfPort, endpointSpec } from '../../alikafka/endpoints';
import { portOf } from '../target';
import { bootstrapServers, isAliKafkaServer } from './servers';
import { effective, LintContext, LintFinding, LintRule } from './types';

/** An AliKafka endpoint speaks one security protocol per port (9092 PLAINTEXT, 9094 SASL_PLAINTEXT, 9093/9095 SASL_SSL). */
export const rule: LintRule = {
  id: 'endpoint-protocol',
  description: 'security.protocol must be the one the AliKafka port speaks',
  check(ctx: LintContext): LintFinding[] {
    const servers = bootstrapServers(ctx).filter((s) => isAliKafkaServer(ctx, s));
    if (servers.length === 0) return [];
    const protocol = (effective(ctx.file, 'security.protocol')?.value ?? 'PLAINTEXT').toUpperCase();
    const out: LintFinding[] = [];
    const badPorts = servers.filter((s) => endpointKindOfPort(portOf(s)) === undefined);
    if (badPorts.length) {
      out.push({
        rule: 'endpoint-protocol',
        severity: 'error',
        key: 'bootstrap.servers',
        current: badPorts.join(','),
        recommended: `an AliKafka endpoint port: ${describeEndpointPorts()}`,
        reason: 'AliKafka endpoints listen on these ports only',
      });
    }
    const kinds = [...new Set(servers.map((s) => endpointKindOfPort(portOf(s))).filter((k) => k !== undefined))];
    if (kinds.length > 1) {
      out.push({
        rule: 'endpoint-protocol',
        severity: 'error',
        key: 'bootstrap.servers',
        current: servers.join(','),
        recommended: 'servers of one endpoint (one port)',
        reason: `the list mixes endpoints ${kinds.join(', ')}, which speak different protocols`,
      });
    } else if (kinds.length === 1) {
      const spec = endpointSpec(kinds[0] as NonNullable<(typeof kinds)[0]>);
      if (protocol !== spec.securityProtocol) {
        out.push({
          rule: 'endpoint-protocol',
          severity: 'error',
          key: 'security.protocol',
          current: protocol,
          recommended: spec.securityProtocol,
          reason: `port ${spec.port} is AliKafka's ${spec.kind} endpoint, which speaks ${spec.securityProtocol}`,
        });
      }
    }
    return out;
  },
};
