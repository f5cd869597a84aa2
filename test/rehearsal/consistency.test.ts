/**
 * Eventual consistency on apply (issue 19 item 7). At provider 1.289.0, `alicloud_alikafka_sasl_user` and
 * `alicloud_alikafka_sasl_acl` read the object right after CreateSaslUser/CreateAcl and fail on "not found"
 * (fixed later, PR #10362). The control plane emulates the lag: a user or ACL whose create overlapped another
 * user/ACL create on the instance stays invisible to DescribeSaslUsers/DescribeAcls for a while. The generated
 * stack creates users and ACLs one at a time (a depends_on chain), so an apply at the report's recommended
 * -parallelism succeeds; the same stack without the chain fails on "not found", which shows the lag is real.
 */
import * as fs from 'fs';
import * as path from 'path';
import { recommendedParallelism } from '../../lib/plan/apply-estimate';
import { Rehearsal } from '../../tools/control-plane/rehearsal';
import { applyStack, expectedBroker, newRehearsal, synth, workDir } from './helpers';
import { ONE_ZONE } from '../helpers';

jest.setTimeout(900_000);

const USERS = ['orders-app', 'billing-app', 'audit-app', 'search-app', 'mailer-app'];
/** A topic, five SCRAM users and three ACLs each; `suffix` keeps two stacks apart on one broker. */
function metadata(suffix: string): Record<string, unknown> {
  const topic = `orders.events${suffix}`;
  return {
    formatVersion: 1,
    source: { kind: 'zookeeper', clusterId: `ec-1${suffix}`, kafkaVersion: '2.8.2', collectedAt: '2026-11-20T09:30:00Z' },
    brokers: [{ id: 1, host: '10.0.0.1', port: 9092 }],
    topics: [{ name: topic, partitions: 2, replicationFactor: 3 }],
    users: USERS.map((u) => ({ name: `${u}${suffix}`, mechanism: 'SCRAM-SHA-256' })),
    acls: USERS.flatMap((u) =>
      ['Read', 'Write', 'Describe'].map((operation) => ({
        principal: `User:${u}${suffix}`,
        resourceType: 'Topic',
        resourceName: topic,
        patternType: 'LITERAL',
        operation,
        permission: 'Allow',
        host: '*',
      })),
    ),
  };
}
const LAG = { consistencyLagMs: 4000, saslWriteMs: 300 };

async function synthTiny(work: string, suffix = ''): Promise<Awaited<ReturnType<typeof synth>>> {
  const meta = path.join(work, 'metadata.json');
  fs.writeFileSync(meta, JSON.stringify(metadata(suffix)));
  return synth(path.join(work, 'synth'), ['--metadata', meta, ...ONE_ZONE]);
}

type TfJson = { resource: Record<string, Record<string, { depends_on?: string[] }>> };
const SASL_TYPES = ['alicloud_alikafka_sasl_user', 'alicloud_alikafka_sasl_acl'];

describe('SASL users and ACLs invisible for a while after an overlapping create (one broker, two stacks)', () => {
  let rh: Rehearsal;
  beforeAll(async () => {
    rh = newRehearsal(LAG);
    await rh.start();
  });
  afterAll(async () => {
    await rh?.stop();
  });

  it('the generated stack applies at the recommended -parallelism: users and ACLs are created one after another', async () => {
    const work = workDir('consistency');
    const s = await synthTiny(work);
    const tf = JSON.parse(fs.readFileSync(path.join(s.stackDir, 'cdk.tf.json'), 'utf8')) as TfJson;
    // one chain: every user but the first waits for the user before it, every ACL but the first for the ACL before it
    const sameTypeLinks = (t: string): number =>
      Object.values(tf.resource[t] ?? {}).filter((r) => (r.depends_on ?? []).some((d) => d.startsWith(`${t}.`))).length;
    expect(sameTypeLinks(SASL_TYPES[0])).toBe(USERS.length - 1);
    expect(sameTypeLinks(SASL_TYPES[1])).toBe(USERS.length * 3 - 1);
    const env = rh.passwordVars(s.stackDir);
    await applyStack(rh, s.stackDir, env, recommendedParallelism(s.plan.topics.length), path.join(work, 'terraform.tfstate'));
    expect(await rh.snapshot()).toEqual(expectedBroker(s.plan));
  });

  it('the same stack without the chain fails on "not found" at the same -parallelism (the lag the chain avoids)', async () => {
    const work = workDir('consistency-unchained');
    const s = await synthTiny(work, '-x');
    const file = path.join(s.stackDir, 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8')) as TfJson;
    for (const t of SASL_TYPES) {
      for (const r of Object.values(tf.resource[t] ?? {})) {
        // keep each ACL's dependency on its own user and topic, drop the user-to-user and ACL-to-ACL links
        r.depends_on = (r.depends_on ?? []).filter((d) => !d.startsWith(`${t}.`));
      }
    }
    fs.writeFileSync(file, JSON.stringify(tf, null, 2));
    const env = rh.passwordVars(s.stackDir);
    await expect(applyStack(rh, s.stackDir, env, recommendedParallelism(s.plan.topics.length), path.join(work, 'terraform.tfstate'))).rejects.toThrow(
      /ResourceNotfound|is not found/i,
    );
  });
});
