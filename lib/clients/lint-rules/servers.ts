/** Bootstrap servers of a linted file, and which of them are AliKafka endpoints. */
import { ALIKAFKA_DOMAIN_SUFFIX } from '../../alikafka/endpoints';
import { hostOf, portOf } from '../target';
import type { LintContext } from './types';

/** The file's bootstrap servers as host:port (a `PROTOCOL://` prefix is dropped). */
export function bootstrapServers(ctx: LintContext): string[] {
  const raw = ctx.file.settings.get('bootstrap.servers') ?? '';
  return raw
    .split(',')
    .map((s) => s.trim().replace(/^[A-Za-z_]+:\/\//, ''))
    .filter((s) => /:\d+$/.test(s));
}

const same = (a: string, b: string): boolean => hostOf(a).toLowerCase() === hostOf(b).toLowerCase() && portOf(a) === portOf(b);

/** Every endpoint of the target instance (--state), over all its endpoint attributes. */
export function targetServers(ctx: LintContext): string[] {
  return ctx.target ? [...ctx.target.attributes.values()].flat() : [];
}

/** True when a server is an AliKafka endpoint: an AliKafka host name, or an endpoint of the target state. */
export function isAliKafkaServer(ctx: LintContext, server: string): boolean {
  return hostOf(server).toLowerCase().endsWith(ALIKAFKA_DOMAIN_SUFFIX) || targetServers(ctx).some((t) => same(t, server));
}

export function inList(list: readonly string[], server: string): boolean {
  return list.some((t) => same(t, server));
}
