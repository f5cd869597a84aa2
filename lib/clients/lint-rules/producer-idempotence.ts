import { IDEMPOTENCE_STORAGE, JAVA_IDEMPOTENCE_DEFAULT } from '../../alikafka';
import { namedTopics } from './topic-keys';
import type { LintContext, LintFinding, LintRule } from './types';

const ID = 'producer-idempotence';

/** Whether the producer is idempotent, and what says so (an explicit key, or the client's default). */
function idempotence(ctx: LintContext): { on: boolean; key: string; current: string; fix: string } | undefined {
  const s = ctx.file.settings;
  const origin = (k: string): string => (ctx.file.origin.get(k) ? `${k} (${ctx.file.origin.get(k)})` : k);
  const txn = s.get('transactional.id')?.trim();
  if (txn) return { on: true, key: origin('transactional.id'), current: '(set)', fix: 'unset, and enable.idempotence=false' };
  const explicit = s.get('enable.idempotence')?.trim().toLowerCase();
  if (explicit !== undefined && explicit !== '') return { on: explicit === 'true', key: origin('enable.idempotence'), current: explicit, fix: 'false' };
  if (ctx.file.format === 'kafkajs') return undefined; // kafkajs is idempotent only when asked
  const d = JAVA_IDEMPOTENCE_DEFAULT;
  const given = ctx.clientVersion;
  const major = given === undefined ? d.assumedMajor : Number(given.split('.')[0]);
  const version = given === undefined ? `a ${d.assumedMajor}.x Java client assumed (give the client version to change this)` : `Java client ${given}`;
  if (major < d.onFromMajor) return undefined;
  // from 3.0.1/3.1.1/3.2 a conflicting setting keeps an unset enable.idempotence off (KAFKA-13598)
  const acks = s.get('acks')?.trim().toLowerCase();
  const inFlight = Number(s.get('max.in.flight.requests.per.connection') ?? '5');
  const retries = s.get('retries')?.trim();
  if (
    (acks !== undefined && (d.conflicts.acks as readonly string[]).includes(acks)) ||
    inFlight > d.conflicts.maxInFlightAbove ||
    retries === d.conflicts.retries
  )
    return undefined;
  return { on: true, key: 'enable.idempotence', current: `true (default: ${version})`, fix: 'false' };
}

/**
 * AliKafka takes idempotent and transactional producers only on local-storage topics (the rule module's
 * IDEMPOTENCE_STORAGE): a producer that is idempotent (explicitly, by a transactional.id, or by the Java 3.x
 * default) and writes a topic the plan puts on cloud storage fails. Needs the plan (--plan) for the storage.
 */
export const rule: LintRule = {
  id: ID,
  description: 'idempotent and transactional producers only to local-storage topics',
  check(ctx: LintContext): LintFinding[] {
    const storage = ctx.names?.topicStorage;
    if (ctx.role !== 'producer' || storage === undefined || storage.size === 0) return [];
    const idem = idempotence(ctx);
    if (!idem?.on) return [];
    const allowed = IDEMPOTENCE_STORAGE.join(' or ');
    const named = namedTopics(ctx.file);
    if (named.length > 0) {
      const onCloud = (t: string): boolean => {
        const s = storage.get(t);
        return s !== undefined && !IDEMPOTENCE_STORAGE.includes(s);
      };
      const cloud = [...new Set(named.map((n) => n.topic).filter(onCloud))];
      if (cloud.length === 0) return [];
      return [
        {
          rule: ID,
          severity: 'error',
          key: idem.key,
          current: idem.current,
          recommended: idem.fix,
          reason: `AliKafka accepts idempotent and transactional producers only on ${allowed}-storage topics; the plan puts ${cloud.join(', ')} on cloud storage, so these sends fail: turn idempotence off, or plan the topics on local storage`,
        },
      ];
    }
    const cloud = [...storage.entries()].filter(([, s]) => !IDEMPOTENCE_STORAGE.includes(s)).length;
    if (cloud === 0) return [];
    return [
      {
        rule: ID,
        severity: 'warning',
        key: idem.key,
        current: idem.current,
        recommended: idem.fix,
        reason: `AliKafka accepts idempotent and transactional producers only on ${allowed}-storage topics, and the plan puts topics on cloud storage; the file names no topic, so which it writes is unknown: name them in a topic key, or turn idempotence off`,
      },
    ];
  },
};
