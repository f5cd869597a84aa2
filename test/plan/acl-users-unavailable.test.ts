import { validateMetadata } from '../../lib/model';
import { planMigration } from '../../lib/plan';

const acl = {
  principal: 'User:alice',
  resourceType: 'Topic',
  resourceName: 'orders',
  patternType: 'LITERAL',
  operation: 'Read',
  permission: 'Allow',
  host: '*',
};

function skippedAcls(source: Record<string, unknown>): string[] {
  const meta = validateMetadata({ formatVersion: 1, source, topics: [{ name: 'orders', partitions: 12 }], acls: [acl] });
  const p = planMigration(meta, { target: { mode: 'existing', instanceId: 'alikafka_post-cn-abc', specType: 'professional' } });
  return p.skipped.filter((s) => s.kind === 'acl').map((s) => s.reason);
}

describe('ACL skip reason when the export could not read SCRAM users', () => {
  test("names the export's reason and the fix", () => {
    const reasons = skippedAcls({
      kind: 'kafka-admin',
      usersUnavailable: 'not authorized to describe SCRAM users on broker 1 (CLUSTER_AUTHORIZATION_FAILED); grant Describe on the Cluster resource',
    });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /user alice has no SASL user in the plan: the export could not read the source's SCRAM users \(not authorized .*CLUSTER_AUTHORIZATION_FAILED.*\); fix that and export again, or add the user to the metadata's users/,
    );
  });

  test('without that record the reason stays the plain one', () => {
    expect(skippedAcls({ kind: 'kafka-admin' })).toEqual(["user alice has no SASL user in the plan (not in the metadata's users, or outside the selection)"]);
  });
});
