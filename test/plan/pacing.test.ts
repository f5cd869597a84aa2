import { App, Testing, TerraformStack } from 'cdktn';
import { API_RATE_LIMITS } from '../../lib/alikafka';
import { KafkaMigration } from '../../lib/constructs';
import type { ClusterMetadata } from '../../lib/model';
import { MigrationPlan, planMigration, plannedResourceAddresses } from '../../lib/plan';
import { MigrationStack } from '../../lib/stack';
import { unpaceStack } from '../../tools/control-plane/unpaced';
import * as fs from 'fs';
import * as path from 'path';
import { tmpDir } from '../helpers';

function estate(topics: number): ClusterMetadata {
  return {
    formatVersion: 1,
    source: { kind: 'manual' },
    consumerGroups: [],
    topics: Array.from({ length: topics }, (_, i) => ({ name: `pace.t-${String(i).padStart(3, '0')}`, partitions: 2, replicationFactor: 3 })),
  } as unknown as ClusterMetadata;
}

const plan = (topics: number): MigrationPlan => planMigration(estate(topics), { target: { mode: 'existing', instanceId: 'alikafka_post-cn-pace' } });

function synth(p: MigrationPlan): { resource: Record<string, Record<string, { depends_on?: string[]; create_duration?: string }>> } {
  const app = Testing.app();
  const stack = new TerraformStack(app as App, 'pace');
  new KafkaMigration(stack, 'm', { plan: p });
  return JSON.parse(Testing.synth(stack, false));
}

describe('paced topic creation (a small estate)', () => {
  test('45 topics: three waves of at most the CreateTopic limit, the 2nd and 3rd after sleeps of 1 s and 2 s, in the plan and its addresses', () => {
    const p = plan(45);
    expect(p.pacing?.topicsPerWave).toBe(API_RATE_LIMITS.CreateTopic);
    expect(p.pacing?.sleeps.map((s) => [s.terraformName, s.createDuration, s.topics.length])).toEqual([
      ['pace_create_topics_wave_1', '1s', 20],
      ['pace_create_topics_wave_2', '2s', 5],
    ]);
    const waited = new Set(p.pacing?.sleeps.flatMap((s) => s.topics));
    expect(p.topics.filter((t) => !waited.has(t.terraformName))).toHaveLength(20);
    expect(plannedResourceAddresses(p)).toEqual(expect.arrayContaining(['time_sleep.pace_create_topics_wave_1', 'time_sleep.pace_create_topics_wave_2']));
    expect(plan(45)).toEqual(p); // the same estate, the same pacing
  });

  test('the stack renders the plan: the sleeps, and each later wave depending on its sleep; topic addresses are those of an unpaced stack', () => {
    const p = plan(45);
    const out = synth(p);
    expect(Object.keys(out.resource.time_sleep).sort()).toEqual(['pace_create_topics_wave_1', 'pace_create_topics_wave_2']);
    expect(out.resource.time_sleep.pace_create_topics_wave_2.create_duration).toBe('2s');
    const topics = out.resource.alicloud_alikafka_topic;
    for (const s of p.pacing?.sleeps ?? []) for (const t of s.topics) expect(topics[t].depends_on).toEqual([`time_sleep.${s.terraformName}`]);
    expect(Object.values(topics).filter((t) => t.depends_on === undefined)).toHaveLength(20);
    const unpaced = synth({ ...p, pacing: undefined });
    expect(Object.keys(topics).sort()).toEqual(Object.keys(unpaced.resource.alicloud_alikafka_topic).sort());
    expect(unpaced.resource.time_sleep).toBeUndefined();
  });

  test('no pacing while one wave holds every created topic', () => {
    expect(plan(API_RATE_LIMITS.CreateTopic).pacing).toBeUndefined();
    expect(plan(API_RATE_LIMITS.CreateTopic + 1).pacing?.sleeps).toHaveLength(1);
  });
});

describe('the unpaced shape the apply bench compares against (tools/control-plane/unpaced.ts)', () => {
  test("removes the sleeps, the topics' depends_on on them and the time provider; every other resource and address stays", () => {
    const p = plan(45);
    const app = Testing.app();
    const stack = new MigrationStack(app as App, 'pace', { plan: p });
    const dir = tmpDir('unpaced');
    const paced = JSON.parse(Testing.synth(stack, false)) as {
      terraform: { required_providers: Record<string, unknown> };
      provider: Record<string, unknown>;
      resource: Record<string, Record<string, { depends_on?: string[] }>>;
    };
    expect(paced.terraform.required_providers.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(paced));
    expect(unpaceStack(dir)).toBe(2);
    const out = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as typeof paced;
    expect(out.resource.time_sleep).toBeUndefined();
    expect(out.terraform.required_providers.time).toBeUndefined();
    expect(out.provider.time).toBeUndefined();
    expect(Object.keys(out.resource).sort()).toEqual(
      Object.keys(paced.resource)
        .filter((t) => t !== 'time_sleep')
        .sort(),
    );
    for (const [type, byName] of Object.entries(out.resource)) {
      expect(Object.keys(byName).sort()).toEqual(Object.keys(paced.resource[type]).sort());
      for (const r of Object.values(byName)) expect((r.depends_on ?? []).filter((d) => d.startsWith('time_sleep.'))).toEqual([]);
    }
  });
});
