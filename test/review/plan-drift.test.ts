// plan-summary --plan: the Terraform plan checked against the migration plan file synth wrote.
import * as fs from 'fs';
import * as path from 'path';
import { loadPlanFile } from '../../lib/model';
import { plannedResourceAddresses } from '../../lib/plan';
import { summarizePlan, withDrift } from '../../lib/review/plan-summary';
import { runCli, tmpDir } from '../helpers';

const GOLDEN = path.join(__dirname, '..', 'golden', 'bundled-example', 'stacks', 'alikafka-migration');
const PLAN_FILE = path.join(GOLDEN, 'migration-plan.json');

/** The addresses of the golden stack's cdk.tf.json: what a first `terraform plan` of it creates. */
function stackAddresses(): string[] {
  const tf = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
  return Object.entries(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** A `terraform show -json` plan with one change per address. */
function tfPlan(changes: ReadonlyArray<[string, string[]]>): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes.map(([address, actions]) => {
      const [type, name] = address.split('.');
      return { address, mode: 'managed', type, name, change: { actions, before: null, after: {} } };
    }),
  };
}

describe('plan drift (pure)', () => {
  const planned = plannedResourceAddresses(loadPlanFile(PLAN_FILE));

  test('the golden stack planned from scratch matches its plan file exactly', () => {
    expect(planned.length).toBe(stackAddresses().length);
    const s = withDrift(summarizePlan(tfPlan(stackAddresses().map((a) => [a, ['create']])), 'tf.json'), planned, 'plan.json');
    expect(s.drift).toEqual({ planFile: 'plan.json', unplanned: [], missing: [] });
  });

  test('both ways: a change Terraform would make outside the plan, and planned resources Terraform would not keep', () => {
    const addresses = stackAddresses();
    const gone = 'alicloud_alikafka_topic.topic_audit-log';
    const destroyed = 'alicloud_alikafka_consumer_group.group_ledger';
    expect(addresses).toEqual(expect.arrayContaining([gone, destroyed]));
    const changes: Array<[string, string[]]> = addresses.filter((a) => a !== gone && a !== destroyed).map((a) => [a, ['no-op']]);
    changes.push(['alicloud_alikafka_topic.topic_not-in-plan', ['create']], ['alicloud_alikafka_sasl_user.user_stale', ['delete']], [destroyed, ['delete']]);
    const s = withDrift(summarizePlan(tfPlan(changes), 'tf.json'), planned, 'plan.json');
    expect(s.drift?.unplanned).toEqual([
      { address: 'alicloud_alikafka_sasl_user.user_stale', kind: 'destroy' },
      { address: 'alicloud_alikafka_topic.topic_not-in-plan', kind: 'create' },
    ]);
    // no-op counts as present; a destroy does not
    expect(s.drift?.missing).toEqual([destroyed, gone]);
  });
});

describe('plan-summary TF_PLAN_JSON --plan FILE', () => {
  const dir = tmpDir('drift');
  const write = (name: string, doc: unknown): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(doc));
    return f;
  };

  test('lists the drift first in the Markdown, before the warnings and counts, and in the JSON', async () => {
    const extra = 'alicloud_alikafka_topic.topic_not-in-plan';
    const changes: Array<[string, string[]]> = stackAddresses().map((a) => [a, ['create']]);
    changes.push([extra, ['create']], ['alicloud_alikafka_instance.instance', ['delete', 'create']]);
    const tf = write('drift.json', tfPlan(changes.filter(([a]) => a !== 'alicloud_alikafka_topic.topic_audit-log')));
    const md = await runCli(['plan-summary', tf, '--plan', PLAN_FILE]);
    expect(md.code).toBe(0);
    const lines = md.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['## Terraform plan summary', '', '### ⚠ Drift from the migration plan (2)']);
    expect(md.out.indexOf(`\`${extra}\``)).toBeLessThan(md.out.indexOf('DATA WOULD BE LOST'));
    expect(md.out).toContain('- **create** `alicloud_alikafka_topic.topic_not-in-plan`');
    expect(md.out).toContain('**In the migration plan, absent from the Terraform plan** (1)\n\n- `alicloud_alikafka_topic.topic_audit-log`');
    const json = await runCli(['plan-summary', tf, '--plan', PLAN_FILE, '--json']);
    expect(JSON.parse(json.out).drift).toEqual({
      planFile: PLAN_FILE,
      unplanned: [{ address: extra, kind: 'create' }],
      missing: ['alicloud_alikafka_topic.topic_audit-log'],
    });
  });

  test('says the Terraform plan matches when it does; without --plan there is no drift section', async () => {
    const tf = write('same.json', tfPlan(stackAddresses().map((a) => [a, ['create']])));
    const md = await runCli(['plan-summary', tf, '--plan', PLAN_FILE]);
    expect(md.out.split('\n')[2]).toMatch(/^Matches the migration plan `.*migration-plan\.json`/);
    const plain = await runCli(['plan-summary', tf, '--json']);
    expect(JSON.parse(plain.out)).not.toHaveProperty('drift');
  });

  test('a --plan that is not a plan file is refused naming the JSON path (exit 1)', async () => {
    const tf = write('t.json', tfPlan([]));
    const r = await runCli(['plan-summary', tf, '--plan', path.join(GOLDEN, 'cdk.tf.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--plan .*cdk\.tf\.json: invalid plan file \(1 problem\):\n {2}planVersion: is required/);
  });
});
