/**
 * Issue 23 item 6: `synth` writes topics, groups and ACLs straight from the plan (`emission: 'direct'`) instead of
 * one construct each. The two paths must write the same files, byte for byte: the same addresses, attributes,
 * escapes, `//` metadata, `import` blocks, `depends_on` chain and manifest, on plans that use every feature the
 * bulk resources have (new and existing instance, adoption, MirrorMaker's own topics and group, tags, ACL hosts)
 * with hostile strings in every field. Where a construct would refuse or warn, the direct path builds constructs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktn';
import { KafkaMigration } from '../../lib/constructs';
import { ClusterMetadata, existingObjectsFromMetadata, loadMetadataFile } from '../../lib/model';
import { MigrationPlan, PlanError, planMigration, PlanOptions } from '../../lib/plan';
import { MigrationStack } from '../../lib/stack';
import { HOSTILE_STRINGS, hostileMetadata } from '../hostile/samples';
import { EXAMPLE_METADATA, tmpDir } from '../helpers';

interface Written {
  readonly tf: string;
  readonly manifest: string;
  readonly stack: MigrationStack;
}

function synth(plan: MigrationPlan, emission: 'constructs' | 'direct'): Written {
  const out = tmpDir('direct');
  const app = new App({ outdir: out, skipValidation: false });
  const stack = new MigrationStack(app, 'st', { plan, emission, accountType: 'Domestic' });
  app.synth();
  return {
    tf: fs.readFileSync(path.join(out, 'stacks', 'st', 'cdk.tf.json'), 'utf8'),
    manifest: fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'),
    stack,
  };
}

/** Synthesizes `plan` both ways and expects the same files; returns the direct run. */
function expectSameBothWays(plan: MigrationPlan): Written {
  // one call site for both: annotations in the manifest carry the stack trace of their creation
  const [constructs, direct] = (['constructs', 'direct'] as const).map((emission) => synth(plan, emission));
  expect(direct.tf).toBe(constructs.tf);
  expect(direct.manifest).toBe(constructs.manifest);
  return direct;
}

const NEW: PlanOptions['target'] = {
  mode: 'new',
  region: 'cn-hangzhou',
  zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'],
  network: { mode: 'new', vpcCidr: '172.16.0.0/12', vswitchCidrs: ['172.16.0.0/24', '172.16.1.0/24'] },
};
const EXISTING: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-direct', specType: 'professional' };

/** Half of the estate already on the target (adopted with `import` blocks), the other half created. */
function halfExisting(m: ClusterMetadata): ReturnType<typeof existingObjectsFromMetadata> {
  return existingObjectsFromMetadata({
    ...m,
    topics: m.topics.filter((_, i) => i % 2 === 0),
    consumerGroups: (m.consumerGroups ?? []).filter((_, i) => i % 2 === 0),
  });
}

describe('direct emission writes what the constructs write', () => {
  const example = loadMetadataFile(EXAMPLE_METADATA);

  test('the bundled example on a new instance and network, with tags, MirrorMaker and topics direct', () => {
    const plan = planMigration(example, { target: NEW, tags: { team: 'kafka', 'cost-center': '42' }, mirror: { mode: 'dedicated' } });
    expect(plan.topics.length).toBeGreaterThan(20);
    expect(plan.acls.length).toBeGreaterThan(20);
    expect(plan.transfer?.mirrorMaker?.topics.length).toBeGreaterThan(0);
    const direct = expectSameBothWays(plan);
    // the direct path was taken: no construct per topic or group
    expect([direct.stack.migration.topics.size, direct.stack.migration.groups.size]).toEqual([0, 0]);
  });

  test('the bundled example on an existing instance with half of it adopted (import blocks, ignore_changes)', () => {
    const plan = planMigration(example, { target: EXISTING, existing: halfExisting(example), mirror: { mode: 'connect' } });
    expect(plan.topics.some((t) => t.adopted) && plan.topics.some((t) => !t.adopted)).toBe(true);
    expect(plan.groups.some((g) => g.adopted)).toBe(true);
    const direct = expectSameBothWays(plan);
    expect(direct.tf).toContain('"import": [');
    expect(direct.stack.migration.topics.size).toBe(0);
  });

  test.each(HOSTILE_STRINGS.map((s) => [s]))('%j in every field of the metadata and the tags', (s) => {
    const m = hostileMetadata(s);
    let planned = 0;
    for (const options of [
      { target: NEW, tags: { [`k${s}`]: `v${s}` } },
      { target: EXISTING, existing: halfExisting(m), mirror: { mode: 'dedicated' as const }, tags: { [`k${s}`]: `v${s}` } },
    ]) {
      let plan: MigrationPlan;
      try {
        plan = planMigration(m, options);
      } catch (e) {
        if (e instanceof PlanError) continue; // refused by the plan: neither path writes anything
        throw e;
      }
      planned++;
      expectSameBothWays(plan);
    }
    expect(planned).toBeGreaterThan(0);
  });

  test('a plan a construct would warn about (a topic over the partition limit) is built as constructs, with the same warning', () => {
    const plan = planMigration(example, { target: EXISTING });
    const over: MigrationPlan = { ...plan, topics: plan.topics.map((t, i) => (i === 0 ? { ...t, partitions: 400 } : t)) };
    const direct = expectSameBothWays(over);
    expect(direct.stack.migration.topics.size).toBe(plan.topics.length);
    expect(direct.manifest).toMatch(/400 partitions exceed the 360/);
  });

  test('a plan a construct would refuse (an invalid topic name) is refused with the same message', () => {
    const plan = planMigration(example, { target: EXISTING });
    const bad: MigrationPlan = { ...plan, topics: plan.topics.map((t, i) => (i === 0 ? { ...t, name: 'no spaces' } : t)) };
    const message = (emission: 'constructs' | 'direct'): string => {
      try {
        synth(bad, emission);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message('constructs')).toMatch(/topic name "no spaces" is invalid/);
    expect(message('direct')).toBe(message('constructs'));
  });

  test('a KafkaMigration asking for direct emission in a stack that does not write it is refused, naming the option', () => {
    const app = new App({ outdir: tmpDir('direct') });
    const stack = new TerraformStack(app, 'other');
    const plan = planMigration(example, { target: EXISTING });
    expect(() => new KafkaMigration(stack, 'm', { plan, userPasswords: Object.fromEntries(plan.users.map((u) => [u.name, 'x'])), emission: 'direct' })).toThrow(
      /emission 'direct' is written only by a MigrationStack/,
    );
  });
});
