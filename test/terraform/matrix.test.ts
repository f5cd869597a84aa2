/**
 * The Terraform tier: every kind of stack the tool synthesizes goes through the real terraform (and OpenTofu
 * when built) with the real aliyun/alicloud provider v1.289.0: init (offline, from the local mirror),
 * validate -json, plan -refresh=false, show -json; the planned resources are checked against the
 * MigrationPlan one by one, and plan-summary reads each real plan.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { MigrationPlan } from '../../lib/plan';
import { expectPlanMatches, expectTopic } from './expect-plan';
import { changesByAddress, initValidatePlan, PlanJson, StackRun, synth, TfJson, toolchain } from './tf';
import { EXAMPLE_METADATA, NEW_INSTANCE, ONE_ZONE, ROOT, runCli, tmpDir } from '../helpers';

jest.setTimeout(300_000);

const tc = toolchain();
const tools: Array<[string, string]> = [['terraform', tc.terraform], ...(tc.tofu ? [['tofu', tc.tofu] as [string, string]] : [])];
const FIXTURE = path.join(__dirname, 'fixtures', 'renames-compact-single.json');
const INSTANCE_ID = 'alikafka_post-cn-mp91test0001';

interface Case {
  readonly name: string;
  readonly metadata: string;
  readonly args: readonly string[];
  /** extra checks on the synthesized plan, so that the case shows what it claims to cover */
  readonly covers: (plan: MigrationPlan, tfJson: TfJson) => void;
}

const cases: Case[] = [
  {
    name: 'bundled example, new single-zone instance and network (one zone accepted for a source on 3 racks)',
    metadata: EXAMPLE_METADATA,
    args: [...ONE_ZONE, '--single-zone'],
    covers: (p) => {
      expect(p.instance.mode === 'new' && p.instance.zoneIds).toEqual(['cn-hangzhou-k']);
      expect(p.warnings.map((w) => w.code)).toContain('single-zone');
    },
  },
  {
    name: 'multi-zone Professional',
    metadata: EXAMPLE_METADATA,
    args: [...NEW_INSTANCE, '--spec-type', 'professional'],
    covers: (p) => {
      expect(p.instance.mode === 'new' && [p.instance.specType, p.instance.zoneIds]).toEqual(['professional', ['cn-hangzhou-k', 'cn-hangzhou-j']]);
    },
  },
  {
    name: 'public deployment with eip_max',
    metadata: EXAMPLE_METADATA,
    args: [...NEW_INSTANCE, '--deploy-type', 'public', '--eip-max', '3'],
    covers: (p) => {
      expect(p.instance.mode === 'new' && [p.instance.deployType, p.instance.eipMax]).toEqual(['public', 3]);
    },
  },
  {
    name: 'existing VPC and vSwitches (multi-zone)',
    metadata: EXAMPLE_METADATA,
    args: [
      ...NEW_INSTANCE,
      '--spec-type',
      'professional',
      '--vpc-id',
      'vpc-bp1existing0001',
      '--vswitch-id',
      'vsw-bp1existingk001',
      '--vswitch-id',
      'vsw-bp1existingj001',
    ],
    covers: (p) => {
      expect(p.instance.mode === 'new' && p.instance.network.mode).toBe('existing');
    },
  },
  {
    name: 'existing instance (--instance-id)',
    metadata: EXAMPLE_METADATA,
    args: ['--instance-id', INSTANCE_ID, '--spec-type', 'professional'],
    covers: (p, tfJson) => {
      expect(p.instance.mode).toBe('existing');
      expect(tfJson.resource.alicloud_alikafka_instance).toBeUndefined();
    },
  },
  {
    name: 'renames, 1-partition and compacted topics',
    metadata: FIXTURE,
    args: NEW_INSTANCE,
    covers: (p) => {
      expect(p.renames.filter((r) => r.kind === 'topic').length).toBeGreaterThanOrEqual(10);
      expect(p.topics.filter((t) => t.partitions === 1).length).toBeGreaterThanOrEqual(7);
      expect(p.topics.filter((t) => t.compact).length).toBeGreaterThanOrEqual(7);
      expect(p.topics.some((t) => Object.keys(t.configs).length > 0)).toBe(true);
    },
  },
];

/** plan-summary on the real plan JSON: its counts are those of the plan's resource_changes. */
async function expectPlanSummary(planJsonFile: string, pj: PlanJson): Promise<void> {
  const r = await runCli(['plan-summary', planJsonFile, '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const s = JSON.parse(r.out) as { errored: boolean; totals: Record<string, number>; warnings: string[] };
  const creates = (pj.resource_changes ?? []).filter((rc) => rc.change.actions.join(',') === 'create').length;
  expect(s.errored).toBe(false);
  expect(s.totals.create).toBe(creates);
  expect(s.totals.replace).toBe(0);
  expect(s.totals.destroy).toBe(0);
  expect(s.warnings).toEqual([]);
}

function expectCleanValidate(run: StackRun): void {
  // no errors and no warnings: a diagnostic would be printed in full here
  expect(run.validate.diagnostics).toEqual([]);
  expect(run.validate.valid).toBe(true);
}

describe.each(tools)('%s with aliyun/alicloud 1.289.0', (tool, bin) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s: init, validate, plan match the MigrationPlan', async (_name, c) => {
    const s = await synth(['--metadata', c.metadata, ...c.args]);
    c.covers(s.plan, s.tfJson);
    const run = initValidatePlan(bin, s.stackDir, s.tfJson);
    expectCleanValidate(run);
    expectPlanMatches(s.plan, run.plan);
    const total = (run.plan.resource_changes ?? []).length;
    expect(total).toBe(
      s.plan.topics.length +
        s.plan.groups.length +
        s.plan.users.length +
        s.plan.acls.length +
        (s.plan.pacing?.sleeps.length ?? 0) +
        (s.plan.instance.mode === 'new' ? 1 + (s.plan.instance.network.mode === 'new' ? 2 + s.plan.instance.network.vswitches.length : 0) : 0),
    );
    await expectPlanSummary(run.planJsonFile, run.plan);
    process.stdout.write(
      `${tool} ${c.name}: ${total} resources; init ${run.ms.init} ms, validate ${run.ms.validate} ms, plan ${run.ms.plan} ms, show ${run.ms.show} ms\n`,
    );
  });

  test('examples/app.ts (both stacks): validate and plan clean, and they plan what the CLI plans for the same input', async () => {
    const out = tmpDir('app');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'examples', 'app.js')], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: out },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    // alikafka-migration: the same plan as `synth --region cn-hangzhou --zone-id cn-hangzhou-k --zone-id cn-hangzhou-j`
    const migrationDir = path.join(out, 'stacks', 'alikafka-migration');
    const migrationJson = JSON.parse(fs.readFileSync(path.join(migrationDir, 'cdk.tf.json'), 'utf8')) as TfJson;
    const viaCli = await synth(['--metadata', EXAMPLE_METADATA, ...NEW_INSTANCE]);
    const migration = initValidatePlan(bin, migrationDir, migrationJson);
    expectCleanValidate(migration);
    expectPlanMatches(viaCli.plan, migration.plan);
    await expectPlanSummary(migration.planJsonFile, migration.plan);

    // existing-platform: wave1_ topics and groups of orders.* and payments.* on the instance the stack manages
    const platformDir = path.join(out, 'stacks', 'existing-platform');
    const platformJson = JSON.parse(fs.readFileSync(path.join(platformDir, 'cdk.tf.json'), 'utf8')) as TfJson;
    const meta = JSON.parse(fs.readFileSync(EXAMPLE_METADATA, 'utf8')) as Record<string, unknown>;
    const metaDir = tmpDir('wave1');
    const metaFile = path.join(metaDir, 'meta.json');
    fs.writeFileSync(metaFile, JSON.stringify({ ...meta, users: [], acls: [] }));
    const wave = await synth([
      '--metadata',
      metaFile,
      '--instance-id',
      'platform-kafka',
      '--spec-type',
      'professional',
      '--io-max-spec',
      'alikafka.hw.6xlarge',
      '--partition-num',
      '500',
      '--include',
      'orders.*',
      '--include',
      'payments.*',
    ]);
    const platform = initValidatePlan(bin, platformDir, platformJson);
    expectCleanValidate(platform);
    const changes = changesByAddress(platform.plan);
    const inst = changes.get('alicloud_alikafka_instance.platform_kafka');
    expect(inst?.change.actions).toEqual(['create']);
    expect(inst?.change.after).toMatchObject({
      name: 'platform-kafka',
      spec_type: 'professional',
      io_max_spec: 'alikafka.hw.6xlarge',
      disk_type: 1,
      disk_size: 1400,
      partition_num: 500,
      vpc_id: 'dummy-vpc_id',
      vswitch_id: 'dummy-vswitch_id',
    });
    expect(wave.plan.topics.length).toBeGreaterThan(0);
    // the embedded topics reference the stack's instance, which is only known after apply
    expectPlanMatches({ ...wave.plan, instance: { mode: 'new' } as unknown as MigrationPlan['instance'] }, platform.plan, {
      addressPrefix: 'wave1_',
      skipInstance: true,
    });
    for (const t of wave.plan.topics) {
      const rc = changes.get(`alicloud_alikafka_topic.wave1_${t.terraformName}`);
      expectTopic(t, rc?.change.after ?? {});
      expect(rc?.change.after_unknown?.instance_id).toBe(true);
    }
    await expectPlanSummary(platform.planJsonFile, platform.plan);
  });
});
