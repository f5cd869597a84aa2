import { App, Testing, TerraformStack } from 'cdktn';
import { API_RATE_LIMITS } from '../../lib/alikafka';
import { KafkaMigration } from '../../lib/constructs';
import type { ClusterMetadata } from '../../lib/model';
import { LOCAL_STATE_APPLY, MigrationPlan, planMigration, plannedResourceAddresses } from '../../lib/plan';
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

type Backend = { type: 'local' | 'oss'; config: Record<string, string> };
const OSS: Backend = { type: 'oss', config: { bucket: 'tf-state' } };
const plan = (topics: number, backend?: Backend): MigrationPlan =>
  planMigration(estate(topics), { target: { mode: 'existing', instanceId: 'alikafka_post-cn-pace' }, ...(backend ? { backend } : {}) });

function synth(p: MigrationPlan): { resource: Record<string, Record<string, { depends_on?: string[]; create_duration?: string }>> } {
  const app = Testing.app();
  const stack = new TerraformStack(app as App, 'pace');
  new KafkaMigration(stack, 'm', { plan: p });
  return JSON.parse(Testing.synth(stack, false));
}

describe('paced topic creation with local state: sleeps started together', () => {
  test('45 topics: three waves of at most the CreateTopic limit, the 2nd and 3rd after sleeps of 1 s and 2 s, in the plan and its addresses', () => {
    const p = plan(45);
    expect(p.pacing?.topicsPerWave).toBe(API_RATE_LIMITS.CreateTopic);
    expect(p.pacing?.sleeps.map((s) => [s.terraformName, s.createDuration, s.after, s.topics.length])).toEqual([
      ['pace_create_topics_wave_1', '1s', undefined, 20],
      ['pace_create_topics_wave_2', '2s', undefined, 5],
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
    expect(out.resource.time_sleep.pace_create_topics_wave_2).toEqual({ create_duration: '2s' });
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

describe('paced topic creation with remote state: a chain of sleeps', () => {
  test("45 topics on OSS state: three waves, each behind a 1 s sleep that starts after the previous wave's, in the plan and its addresses", () => {
    const p = plan(45, OSS);
    expect(p.pacing?.sleeps.map((s) => [s.terraformName, s.wave, s.createDuration, s.after, s.topics.length])).toEqual([
      ['pace_create_topics_wave_0', 0, '1s', undefined, 20],
      ['pace_create_topics_wave_1', 1, '1s', 'pace_create_topics_wave_0', 20],
      ['pace_create_topics_wave_2', 2, '1s', 'pace_create_topics_wave_1', 5],
    ]);
    // every created topic waits for exactly one sleep, in plan order
    expect(p.pacing?.sleeps.flatMap((s) => s.topics)).toEqual(p.topics.map((t) => t.terraformName));
    expect(plannedResourceAddresses(p)).toEqual(
      expect.arrayContaining(['time_sleep.pace_create_topics_wave_0', 'time_sleep.pace_create_topics_wave_1', 'time_sleep.pace_create_topics_wave_2']),
    );
    // the estimate follows the shape: one sleeping sleep holds a slot, not one per wave
    expect(p.applyEstimate.recommendedParallelism).toBe(45 + 1);
    expect(p.applyEstimate.reason).toMatch(/and the next wave's pacing sleep holds one/);
  });

  test('the stack renders the chain: the first sleep with the apply, each next one after the previous; each wave depends on its sleep', () => {
    const p = plan(45, OSS);
    const out = synth(p);
    expect(out.resource.time_sleep).toEqual({
      pace_create_topics_wave_0: { create_duration: '1s' },
      pace_create_topics_wave_1: { create_duration: '1s', depends_on: ['time_sleep.pace_create_topics_wave_0'] },
      pace_create_topics_wave_2: { create_duration: '1s', depends_on: ['time_sleep.pace_create_topics_wave_1'] },
    });
    const topics = out.resource.alicloud_alikafka_topic;
    for (const s of p.pacing?.sleeps ?? []) for (const t of s.topics) expect(topics[t].depends_on).toEqual([`time_sleep.${s.terraformName}`]);
    expect(Object.keys(topics).sort()).toEqual(Object.keys(synth(plan(45)).resource.alicloud_alikafka_topic).sort());
  });

  test('fails if a sleep starts after one the plan does not list before it', () => {
    const p = plan(45, OSS);
    const sleeps = [...p.pacing!.sleeps];
    sleeps[1] = { ...sleeps[1], after: 'pace_create_topics_wave_2' };
    expect(() => synth({ ...p, pacing: { ...p.pacing!, sleeps } })).toThrow(
      'plan pacing: sleep pace_create_topics_wave_1 starts after pace_create_topics_wave_2, which the plan does not list before it',
    );
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

describe('local state and a large apply', () => {
  const warned = (topics: number, backend?: Backend) => plan(topics, backend).warnings.filter((w) => w.code === 'local-state');

  test.each<[string, number, Backend | undefined, number]>([
    ['1,001 topics on the default local state: warned', LOCAL_STATE_APPLY.warnAboveTopics + 1, undefined, 1],
    ['1,001 topics on local state given explicitly: warned', LOCAL_STATE_APPLY.warnAboveTopics + 1, { type: 'local', config: {} }, 1],
    ['1,000 topics on local state: not warned', LOCAL_STATE_APPLY.warnAboveTopics, undefined, 0],
    ['1,001 topics on OSS state: not warned', LOCAL_STATE_APPLY.warnAboveTopics + 1, OSS, 0],
  ])('%s', (_title, topics, backend, count) => {
    const w = warned(topics, backend);
    expect(w).toHaveLength(count);
    if (count) expect(w[0].message).toMatch(new RegExp(`^the apply creates ${topics} topics on local state: .* use --backend oss or s3`));
  });
});
