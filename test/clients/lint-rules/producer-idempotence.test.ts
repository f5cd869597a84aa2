import type { TopicStorage } from '../../../lib/alikafka';
import { rule } from '../../../lib/clients/lint-rules/producer-idempotence';
import { names, props, run } from './helpers';

const storage = (entries: Array<[string, TopicStorage]>): ReturnType<typeof names> => names({ topicStorage: new Map(entries) });
const mixed = storage([
  ['orders', 'cloud'],
  ['ledger', 'local'],
]);
const localOnly = storage([['ledger', 'local']]);

describe('producer-idempotence', () => {
  test('fires (error) on enable.idempotence=true writing a cloud-storage topic of the plan', () => {
    expect(run(rule, props('enable.idempotence=true\ntopic=orders'), { role: 'producer', names: mixed })).toEqual([
      expect.objectContaining({ rule: 'producer-idempotence', severity: 'error', key: 'enable.idempotence', current: 'true', recommended: 'false' }),
    ]);
  });

  test('fires on a transactional producer, and on a Java 3.x producer that leaves enable.idempotence unset', () => {
    expect(run(rule, props('transactional.id=tx-1\ntopic=orders'), { role: 'producer', names: mixed })).toEqual([
      expect.objectContaining({ severity: 'error', key: 'transactional.id' }),
    ]);
    expect(run(rule, props('acks=all\ntopic=orders'), { role: 'producer', names: mixed })).toEqual([
      expect.objectContaining({ severity: 'error', current: expect.stringMatching(/^true \(default: a 3\.x Java client assumed/) }),
    ]);
    expect(run(rule, props('topic=orders'), { role: 'producer', names: mixed, clientVersion: '3.7.1' })).toEqual([
      expect.objectContaining({ current: 'true (default: Java client 3.7.1)' }),
    ]);
  });

  test('warns when the file names no topic and the plan has cloud-storage topics', () => {
    expect(run(rule, props('enable.idempotence=true'), { role: 'producer', names: mixed })).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  test('quiet on an idempotent producer writing only local-storage topics', () => {
    expect(run(rule, props('enable.idempotence=true\ntopic=ledger'), { role: 'producer', names: mixed })).toEqual([]);
    expect(run(rule, props('enable.idempotence=true'), { role: 'producer', names: localOnly })).toEqual([]);
  });

  test('quiet when idempotence is off: explicitly, by a 2.x client, or by a setting that keeps the 3.x default off', () => {
    for (const [text, clientVersion] of [
      ['enable.idempotence=false\ntopic=orders', undefined],
      ['topic=orders', '2.8'],
      ['acks=1\ntopic=orders', undefined],
      ['max.in.flight.requests.per.connection=10\ntopic=orders', undefined],
      ['retries=0\ntopic=orders', undefined],
    ] as const)
      expect([text, run(rule, props(text), { role: 'producer', names: mixed, clientVersion })]).toEqual([text, []]);
  });

  test('quiet without the plan, and for consumers', () => {
    expect(run(rule, props('enable.idempotence=true\ntopic=orders'), { role: 'producer' })).toEqual([]);
    expect(run(rule, props('enable.idempotence=true\ntopic=orders'), { role: 'consumer', names: mixed })).toEqual([]);
  });
});
