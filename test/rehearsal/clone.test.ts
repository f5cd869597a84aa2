/**
 * Cloud to cloud, end to end, inside the rehearsal's loopback-only network namespace: `npm run rehearse -- --clone`
 * (the same function, in-process) on a small estate. Instance A gets the estate by `terraform apply` on the
 * AliKafka stand-in, is exported through Alibaba's SDK, instance B is planned from that export and applied, MirrorMaker 2
 * (Kafka 3.9) copies A to B with the configuration `mirror` rendered from B's plan, then `cutover` and `verify`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CloneResult } from '../../tools/control-plane/clone';
import { rehearseContained } from '../../tools/control-plane/rehearse';
import { ONE_ZONE } from '../helpers';
import { workDir } from './helpers';

jest.setTimeout(900_000);

const RECORDS = 30;

/** The estate: one topic of each kind a clone must keep, a drained group, a user and its ACL. */
const ESTATE = {
  formatVersion: 1,
  source: { kind: 'manual', clusterId: 'clone-estate', kafkaVersion: '2.6.x', collectedAt: '2026-12-05T00:00:00Z' },
  brokers: [{ id: 0, host: '127.0.0.1', port: 9092 }],
  topics: [
    // non-compacted, on local storage on the source (strict order per partition, its own retention)
    { name: 'ledger', partitions: 3, replicationFactor: 1, storageEngine: 'local', configs: { 'retention.ms': '86400000' } },
    { name: 'state', partitions: 2, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } },
    { name: 'orders', partitions: 2, replicationFactor: 1 },
    { name: 'clicks', partitions: 4, replicationFactor: 1 },
  ],
  consumerGroups: [
    {
      groupId: 'billing',
      topics: ['ledger', 'orders'],
      offsets: [
        ...[0, 1, 2].map((partition) => ({ topic: 'ledger', partition, offset: RECORDS })),
        ...[0, 1].map((partition) => ({ topic: 'orders', partition, offset: RECORDS })),
      ],
    },
  ],
  users: [{ name: 'alice', mechanism: 'SCRAM-SHA-256' }],
  acls: [
    { principal: 'User:alice', resourceType: 'Topic', resourceName: 'ledger', patternType: 'LITERAL', operation: 'Read', permission: 'Allow', host: '*' },
    { principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Write', permission: 'Allow', host: '*' },
  ],
};

describe('rehearse --clone: an AliKafka instance (the stand-in) moved into another through export, synth, apply, MirrorMaker 2, cutover and verify', () => {
  const work = workDir('clone');
  let result: CloneResult;
  let printed: string;
  let code: number;
  let seconds: number;

  beforeAll(async () => {
    const estate = path.join(work, 'estate.json');
    fs.writeFileSync(estate, JSON.stringify(ESTATE));
    const renames = path.join(work, 'renames.json');
    fs.writeFileSync(renames, JSON.stringify({ topics: { orders: 'orders-v2' } }));
    printed = '';
    const t0 = Date.now();
    code = await rehearseContained(
      ['--clone', '--metadata', estate, ...ONE_ZONE, '--rename-map', renames, '--records', String(RECORDS), '--json', '--work', path.join(work, 'run')],
      (s) => {
        printed += s;
      },
    );
    seconds = (Date.now() - t0) / 1000;
    if (!printed) throw new Error(`rehearse --clone exited ${code} and printed nothing (its error is in the log above)`);
    result = JSON.parse(printed) as CloneResult;
    console.log(`clone rehearsal: exit ${code} in ${seconds.toFixed(1)} s:\n${printed}`);
  }, 900_000);

  test('prints one JSON object and exits 0', () => {
    expect(printed.trim().split('\n')).toHaveLength(1);
    expect(result.ok).toBe(true);
    expect(code).toBe(0);
  });

  test('B holds the topics, partitions and storage of A (local, compacted-local and cloud), the renamed one under its new name', () => {
    expect(result.sourceTopics).toEqual([
      { name: 'clicks', partitions: 4, storage: 'cloud' },
      { name: 'ledger', partitions: 3, storage: 'local' },
      { name: 'orders', partitions: 2, storage: 'cloud' },
      { name: 'state', partitions: 2, storage: 'local' },
    ]);
    expect(result.targetTopics).toEqual([
      { name: 'clicks', partitions: 4, storage: 'cloud' },
      { name: 'ledger', partitions: 3, storage: 'local' },
      { name: 'orders-v2', partitions: 2, storage: 'cloud' },
      { name: 'state', partitions: 2, storage: 'local' },
    ]);
    expect(result.renames).toEqual({ orders: 'orders-v2' });
    expect(result.topicsMatch).toBe(true);
    expect(result.sourceInstance).not.toBe(result.targetInstance);
  });

  test('B holds the user and its ACLs (the one on the renamed topic under the new name)', () => {
    expect(result.sourceUsers).toEqual(['alice']);
    expect(result.targetUsers).toEqual(['alice']);
    expect(result.sourceAcls).toEqual(['User:alice READ TOPIC:LITERAL:ledger', 'User:alice WRITE TOPIC:LITERAL:orders']);
    expect(result.targetAcls).toEqual(['User:alice READ TOPIC:LITERAL:ledger', 'User:alice WRITE TOPIC:LITERAL:orders-v2']);
    expect(result.securityMatch).toBe(true);
  });

  test('a terraform plan of B after its apply has no changes', () => {
    expect(result.replanAddresses).toBeUndefined();
    expect(result.replanChanges).toBe(0);
  });

  test("the group's committed offsets on A are translated onto B (renamed topic included), and cutover says ready-to-switch", () => {
    const onA = { 'ledger[0]': RECORDS, 'ledger[1]': RECORDS, 'ledger[2]': RECORDS, 'orders[0]': RECORDS, 'orders[1]': RECORDS };
    expect(result.groups).toEqual([
      {
        group: 'billing',
        targetGroup: 'billing',
        verdict: 'ready-to-switch',
        sourceOffsets: onA,
        targetOffsets: { 'ledger[0]': RECORDS, 'ledger[1]': RECORDS, 'ledger[2]': RECORDS, 'orders-v2[0]': RECORDS, 'orders-v2[1]': RECORDS },
      },
    ]);
  });

  test('verify compares every record of every topic (the compacted one by key) and passes', () => {
    expect(result.verify.differences).toEqual([]);
    expect(result.verify.complete).toBe(true);
    expect(result.verify.ok).toBe(true);
    expect(result.verify.messagesCompared).toBe(result.recordsWritten - 2 * RECORDS);
    expect(result.verify.compactedResults).toEqual([{ topic: 'state', sourceKeys: 2 * RECORDS, targetKeys: 2 * RECORDS, match: true }]);
    expect(result.recordsWritten).toBe(11 * RECORDS);
  });
});
