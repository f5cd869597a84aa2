import { bootstrapServers, inList, targetServers } from './servers';
import type { LintContext, LintFinding, LintRule } from './types';

/**
 * bootstrap.servers still names the old cluster: a broker of the source (--plan), or, with --state, any
 * server that is not an endpoint of the target instance.
 */
export const rule: LintRule = {
  id: 'old-bootstrap',
  description: 'bootstrap.servers must name the target instance, not the source cluster',
  check(ctx: LintContext): LintFinding[] {
    const servers = bootstrapServers(ctx);
    const source = ctx.names?.sourceServers ?? [];
    const target = targetServers(ctx);
    const wrong = servers.filter((s) => inList(source, s) || (ctx.target !== undefined && !inList(target, s)));
    if (wrong.length === 0) return [];
    const fromSource = wrong.filter((s) => inList(source, s));
    const why = fromSource.length
      ? `${fromSource.join(', ')} ${fromSource.length === 1 ? 'is a broker' : 'are brokers'} of the source cluster (from --plan)`
      : `${wrong.join(', ')} ${wrong.length === 1 ? 'is not an endpoint' : 'are not endpoints'} of the target instance (from --state)`;
    return [
      {
        rule: 'old-bootstrap',
        severity: 'error',
        key: 'bootstrap.servers',
        current: servers.join(','),
        recommended: ctx.target
          ? `an endpoint of ${ctx.target.address} (client-config --state writes it)`
          : "the target instance's endpoint (client-config writes it)",
        reason: `${why}; after the cutover the clients must reach the AliKafka instance`,
      },
    ];
  },
};
