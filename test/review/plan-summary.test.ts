// plan-summary: `terraform show -json PLANFILE` → Markdown / JSON review summary.
// The first block runs real Terraform (built-in terraform_data only, so nothing is downloaded); the rest
// feeds small hand-built plan objects to the pure functions and to the CLI.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  parsePlanSummary,
  PlanSummaryError,
  PlanSummaryJson,
  planSummaryToJson,
  renderPlanSummaryMarkdown,
  summarizePlan,
} from '../../lib/review/plan-summary';
import { runCli, tmpDir } from '../helpers';

// ---------------------------------------------------------------------------------------------------
// Real Terraform

const TERRAFORM = process.env.TERRAFORM_BIN ?? 'terraform';
const hasTerraform = spawnSync(TERRAFORM, ['version'], { stdio: 'ignore' }).status === 0;
// Missing Terraform fails in CI and skips locally.
const tfDescribe = hasTerraform || process.env.CI === 'true' ? describe : describe.skip;

const SECRET = 's3cr3t-from-a-sensitive-variable';

const CONFIG_V1 = `
resource "terraform_data" "keep" { input = "a" }
resource "terraform_data" "upd" { input = "old" }
resource "terraform_data" "rep" { triggers_replace = ["1"] }
resource "terraform_data" "cbd" {
  triggers_replace = ["1"]
  lifecycle { create_before_destroy = true }
}
resource "terraform_data" "gone" { input = "x" }
resource "terraform_data" "old_name" { input = "m" }
resource "terraform_data" "forgotten" { input = "f" }
`;

// create (added), update (upd: input), replace (rep: triggers_replace), create-before-destroy replace (cbd),
// destroy (gone: removed), move (old_name → new_name), forget (removed block, destroy = false), no-op (keep).
const CONFIG_V2 = `
variable "password" {
  type      = string
  sensitive = true
  default   = "${SECRET}"
}
resource "terraform_data" "keep" { input = "a" }
resource "terraform_data" "upd" { input = "new" }
resource "terraform_data" "rep" { triggers_replace = ["2"] }
resource "terraform_data" "cbd" {
  triggers_replace = ["2"]
  lifecycle { create_before_destroy = true }
}
resource "terraform_data" "added" { input = var.password }
resource "terraform_data" "new_name" { input = "m" }
moved {
  from = terraform_data.old_name
  to   = terraform_data.new_name
}
removed {
  from = terraform_data.forgotten
  lifecycle { destroy = false }
}
output "pw" {
  value     = var.password
  sensitive = true
}
`;

function terraform(dir: string, args: string[]): string {
  if (!hasTerraform) throw new Error(`terraform not found (${TERRAFORM}); it is required in CI (CI=true)`);
  const cliConfig = path.join(dir, 'cli.tfrc');
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  delete env.TF_DATA_DIR;
  delete env.TF_WORKSPACE;
  for (const k of Object.keys(env)) if (k.startsWith('TF_VAR_') || k.startsWith('TF_CLI_ARGS')) delete env[k];
  return execFileSync(TERRAFORM, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

tfDescribe('plan-summary of a real terraform plan (terraform_data)', () => {
  let dir: string;
  let planJsonFile: string;
  let planText: string;

  beforeAll(() => {
    dir = tmpDir('plan-summary-tf');
    fs.writeFileSync(path.join(dir, 'cli.tfrc'), '# empty: no provider installation overrides, no credentials\n');
    fs.writeFileSync(path.join(dir, 'main.tf'), CONFIG_V1);
    terraform(dir, ['init', '-input=false', '-no-color']);
    terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    fs.writeFileSync(path.join(dir, 'main.tf'), CONFIG_V2);
    terraform(dir, ['plan', '-out', 'p.tfplan', '-input=false', '-no-color']);
    planText = terraform(dir, ['show', '-json', 'p.tfplan']);
    planJsonFile = path.join(dir, 'plan.json');
    fs.writeFileSync(planJsonFile, planText);
  }, 120000);

  test('counts creates, updates, replaces, destroys, forgets and no-ops', () => {
    const s = parsePlanSummary(planText, planJsonFile);
    expect(s.totals).toEqual({ create: 1, update: 1, replace: 2, destroy: 1, forget: 1, other: 0, 'no-op': 2, read: 0 });
    expect(s.byType).toEqual([{ type: 'terraform_data', counts: s.totals }]);
    expect(s.warnings).toEqual([]);
    const byAddress = Object.fromEntries(s.changes.map((c) => [c.address, c]));
    expect(byAddress['terraform_data.upd'].changedAttributes).toEqual(['input']);
    expect(byAddress['terraform_data.rep'].changedAttributes).toEqual(['triggers_replace']);
    expect(byAddress['terraform_data.cbd'].createBeforeDestroy).toBe(true);
    expect(byAddress['terraform_data.gone'].actionReason).toBe('delete_because_no_resource_config');
    expect(byAddress['terraform_data.new_name'].previousAddress).toBe('terraform_data.old_name');
  });

  test('the CLI puts every destroy and replace at the top, before the by-type table and the creates', async () => {
    const r = await runCli(['plan-summary', planJsonFile]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const md = r.out;
    expect(md).toContain('**1 to create, 1 to update, 2 to replace, 1 to destroy** (2 unchanged, 0 to read, 1 to forget)');
    const top = md.indexOf('### 🛑');
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(md.indexOf('### By resource type'));
    expect(md.indexOf('### By resource type')).toBeLessThan(md.indexOf('### Created'));
    const attention = md.slice(top, md.indexOf('### By resource type'));
    // destroys first, then replaces, then forgets; addresses sorted within each
    const rows = attention.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows.map((l) => l.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| **destroy** | `terraform_data.gone`',
      '| **replace** | `terraform_data.cbd`',
      '| **replace** | `terraform_data.rep`',
      '| **forget** | `terraform_data.forgotten`',
    ]);
    expect(rows[2]).toContain('`triggers_replace`');
    expect(rows[1]).toContain('create before destroy');
    expect(md).toMatch(/- `terraform_data\.upd` — changes `input`/);
    expect(md).toContain('- `terraform_data.new_name` — moved from `terraform_data.old_name`');
    expect(md).toContain('| `terraform_data` | 1 | 1 | 2 | 1 | 1 | 2 | 0 |');
  });

  test('never prints a sensitive value that the plan JSON contains in clear text', async () => {
    expect(planText).toContain(SECRET); // terraform show -json does include it: the test is meaningful
    const md = await runCli(['plan-summary', planJsonFile]);
    const json = await runCli(['plan-summary', '--json', planJsonFile]);
    expect(md.code).toBe(0);
    expect(json.code).toBe(0);
    expect(md.out).not.toContain(SECRET);
    expect(json.out).not.toContain(SECRET);
    // nor any other attribute value of the plan
    for (const value of ['"old"', '"new"', 'old`', 'new`']) expect(md.out).not.toContain(value);
  });

  test('--json is the machine-readable twin; --out writes the file atomically and prints nothing on stdout', async () => {
    const json = await runCli(['plan-summary', planJsonFile, '--json']);
    const parsed = JSON.parse(json.out) as PlanSummaryJson;
    expect(parsed.totals).toEqual({ create: 1, update: 1, replace: 2, destroy: 1, forget: 1, other: 0, 'no-op': 2, read: 0 });
    expect(parsed.terraformVersion).toMatch(/^1\./);
    expect(parsed.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create terraform_data.added',
      'replace terraform_data.cbd',
      'forget terraform_data.forgotten',
      'destroy terraform_data.gone',
      'replace terraform_data.rep',
      'update terraform_data.upd',
    ]);

    const outFile = path.join(dir, 'review', 'summary.md');
    const r = await runCli(['plan-summary', planJsonFile, '--out', outFile]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe(`wrote ${outFile}\n`);
    const direct = await runCli(['plan-summary', planJsonFile]);
    expect(fs.readFileSync(outFile, 'utf8')).toBe(direct.out);
    expect(fs.readdirSync(path.dirname(outFile))).toEqual(['summary.md']); // no temp file left behind
  });
});

// ---------------------------------------------------------------------------------------------------
// Hand-built plans

type Change = {
  address: string;
  type: string;
  actions: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  extra?: Record<string, unknown>;
};

function plan(changes: Change[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: 'managed',
      type: c.type,
      name: c.address.split('.')[1],
      provider_name: 'registry.terraform.io/aliyun/alicloud',
      change: {
        actions: c.actions,
        before: c.before ?? null,
        after: c.after ?? null,
        after_unknown: {},
        before_sensitive: {},
        after_sensitive: {},
      },
      ...c.extra,
    })),
    ...extra,
  };
}

const topic = (name: string, actions: string[], extra: Record<string, unknown> = {}): Change => ({
  address: `alicloud_alikafka_topic.${name}`,
  type: 'alicloud_alikafka_topic',
  actions,
  before: actions.includes('delete') || actions.includes('update') ? { topic: name, partition_num: 12, compact_topic: false } : null,
  after: actions.includes('create') || actions.includes('update') ? { topic: name, partition_num: 12, compact_topic: true } : null,
  extra,
});

describe('plan-summary renderer', () => {
  test('a destroyed alicloud_alikafka_topic puts a data-loss warning on the first line after the title', () => {
    const s = summarizePlan(plan([topic('orders', ['delete']), topic('payments', ['create'])]), 'plan.json');
    const md = renderPlanSummaryMarkdown(s);
    const lines = md.split('\n').filter((l) => l !== '');
    expect(lines[0]).toBe('## Terraform plan summary');
    expect(lines[1]).toMatch(/^> \*\*⚠ DATA WOULD BE LOST: 1 alicloud_alikafka_topic resource would be destroyed or replaced/);
    expect(md).toContain('| **destroy** | `alicloud_alikafka_topic.orders` |');
    expect(planSummaryToJson(s).warnings[0]).toMatch(/^DATA WOULD BE LOST/);
  });

  test('a replaced topic also warns, and names the attributes in replace_paths', () => {
    const s = summarizePlan(
      plan([
        topic('orders', ['delete', 'create'], {
          replace_paths: [['compact_topic'], ['tags', 'env'], ['rule', 0, 'port']],
          action_reason: 'replace_because_cannot_update',
        }),
      ]),
      'plan.json',
    );
    expect(s.warnings).toHaveLength(1);
    expect(s.changes[0].replacePaths).toEqual(['compact_topic', 'rule[0].port', 'tags["env"]']);
    const md = renderPlanSummaryMarkdown(s);
    expect(md).toContain('| **replace** | `alicloud_alikafka_topic.orders` | forced by `compact_topic`, `rule[0].port`, `tags["env"]`;');
  });

  test('no warning when topics are only created or updated', () => {
    const s = summarizePlan(plan([topic('a', ['create']), topic('b', ['update']), topic('c', ['no-op'])]), 'plan.json');
    expect(s.warnings).toEqual([]);
    const md = renderPlanSummaryMarkdown(s);
    expect(md).not.toContain('DATA WOULD BE LOST');
    expect(md).toContain('Nothing is destroyed or replaced.');
    expect(md).toContain('- `alicloud_alikafka_topic.b` — changes `compact_topic`');
  });

  test('sensitive values never appear in Markdown or JSON, only attribute names', () => {
    const doc = plan(
      [
        {
          address: 'alicloud_alikafka_sasl_user.app',
          type: 'alicloud_alikafka_sasl_user',
          actions: ['update'],
          before: { username: 'app', password: 's3cr3t-old' },
          after: { username: 'app', password: 's3cr3t' },
          extra: {
            change: {
              actions: ['update'],
              before: { username: 'app', password: 's3cr3t-old' },
              after: { username: 'app', password: 's3cr3t' },
              after_unknown: {},
              before_sensitive: { password: true },
              after_sensitive: { password: true },
            },
          },
        },
        {
          address: 'alicloud_alikafka_sasl_user.ops',
          type: 'alicloud_alikafka_sasl_user',
          actions: ['delete', 'create'],
          before: { username: 'ops', password: 's3cr3t' },
          after: { username: 'ops2', password: 's3cr3t' },
          extra: { replace_paths: [['username']] },
        },
        { address: 'alicloud_alikafka_sasl_user.gone', type: 'alicloud_alikafka_sasl_user', actions: ['delete'], before: { password: 's3cr3t' } },
      ],
      {
        planned_values: { root_module: { resources: [{ values: { password: 's3cr3t' } }] } },
        output_changes: { pw: { actions: ['create'], after: 's3cr3t', after_sensitive: true } },
        variables: { password: { value: 's3cr3t' } },
        configuration: { root_module: { resources: [{ expressions: { password: { constant_value: 's3cr3t' } } }] } },
      },
    );
    const s = summarizePlan(doc, 'plan.json');
    const md = renderPlanSummaryMarkdown(s);
    const json = JSON.stringify(planSummaryToJson(s));
    for (const out of [md, json]) {
      expect(out).not.toContain('s3cr3t');
      expect(out).not.toContain('ops2');
    }
    expect(md).toContain('- `alicloud_alikafka_sasl_user.app` — changes `password`');
    expect(md).toContain('forced by `username`');
  });

  test('long lists of one type collapse into <details>; short ones do not', () => {
    const many = Array.from({ length: 12 }, (_, i) => topic(`t${String(i).padStart(2, '0')}`, ['create']));
    const few = [{ address: 'alicloud_alikafka_consumer_group.g', type: 'alicloud_alikafka_consumer_group', actions: ['create'], after: {} }];
    const s = summarizePlan(plan([...many, ...few]), 'plan.json');
    const md = renderPlanSummaryMarkdown(s);
    expect(md).toContain('<details><summary>alicloud_alikafka_topic (12)</summary>\n\n- `alicloud_alikafka_topic.t00`');
    expect(md).toContain('\n\n</details>');
    expect(md).toContain('**alicloud_alikafka_consumer_group** (1)\n\n- `alicloud_alikafka_consumer_group.g`');
    expect(renderPlanSummaryMarkdown(s, { collapseAfter: 20 })).not.toContain('<details>');
  });

  test('output is deterministic: the order of resource_changes does not matter', () => {
    const changes = [
      topic('b', ['create']),
      topic('a', ['delete']),
      topic('c', ['update']),
      { address: 'alicloud_vpc.main', type: 'alicloud_vpc', actions: ['no-op'], before: {}, after: {} },
      { address: 'alicloud_alikafka_instance.main', type: 'alicloud_alikafka_instance', actions: ['update'], before: { a: 1 }, after: { a: 2 } },
    ];
    const a = summarizePlan(plan(changes), 'plan.json');
    const b = summarizePlan(plan([...changes].reverse()), 'plan.json');
    expect(renderPlanSummaryMarkdown(b)).toBe(renderPlanSummaryMarkdown(a));
    expect(JSON.stringify(planSummaryToJson(b))).toBe(JSON.stringify(planSummaryToJson(a)));
    expect(a.byType.map((t) => t.type)).toEqual(['alicloud_alikafka_instance', 'alicloud_alikafka_topic', 'alicloud_vpc']);
  });

  test('addresses with backticks or pipes stay inside their code span', () => {
    const s = summarizePlan(plan([topic('x["a|b`c"]', ['delete'])]), 'plan.json');
    const md = renderPlanSummaryMarkdown(s);
    expect(md).toContain('| **destroy** | ``alicloud_alikafka_topic.x["a\\|b`c"]`` |');
  });

  test('a plan with no resources (Terraform omits resource_changes) is an empty summary, not an error', () => {
    const s = summarizePlan({ format_version: '1.2', planned_values: { outputs: {} } }, 'plan.json');
    expect(s.changes).toEqual([]);
    expect(renderPlanSummaryMarkdown(s)).toContain('No resources in this plan.');
  });

  test('errored plans and unknown action lists are flagged at the top', () => {
    const s = summarizePlan(plan([{ address: 'x.y', type: 'x', actions: ['delete', 'update'] }], { errored: true }), 'plan.json');
    expect(s.totals.other).toBe(1);
    expect(s.warnings).toEqual([
      'The plan errored: Terraform could not finish planning, so this summary is incomplete.',
      '1 change has actions this tool does not recognize; review them in the plan.',
    ]);
    expect(renderPlanSummaryMarkdown(s)).toContain('| **other** | `x.y` | actions `delete, update` |');
  });
});

// ---------------------------------------------------------------------------------------------------
// CLI errors

describe('plan-summary CLI errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('plan-summary-err');
  });
  const write = (name: string, content: string): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };

  test.each([
    ['not JSON', 'bad.json', '{"format_version": ', /bad\.json: not valid JSON/],
    ['a JSON array', 'array.json', '[]', /array\.json: not a Terraform plan JSON: the top level must be an object/],
    ['missing format_version', 'nofv.json', '{"resource_changes": []}', /nofv\.json: format_version: missing; not a Terraform plan JSON/],
    ['an unsupported format_version', 'fv2.json', '{"format_version": "2.0", "resource_changes": []}', /fv2\.json: format_version: unsupported version "2\.0"/],
    [
      'a state, not a plan',
      'state.json',
      '{"format_version": "1.0", "values": {"root_module": {}}}',
      /state\.json: resource_changes: missing; this looks like a state, not a plan/,
    ],
    ['missing resource_changes', 'norc.json', '{"format_version": "1.2"}', /norc\.json: resource_changes: missing; not a Terraform plan JSON/],
    ['resource_changes not a list', 'rcobj.json', '{"format_version": "1.2", "resource_changes": {}}', /rcobj\.json: resource_changes: must be a list/],
    [
      'an entry without address',
      'noaddr.json',
      '{"format_version": "1.2", "resource_changes": [{"type": "x", "change": {"actions": ["create"]}}]}',
      /noaddr\.json: resource_changes\[0\]\.address: must be a non-empty string, but it is missing/,
    ],
    [
      'an entry without actions',
      'noact.json',
      '{"format_version": "1.2", "resource_changes": [{"address": "x.y", "type": "x", "change": {}}]}',
      /noact\.json: resource_changes\[0\]\.change\.actions: must be a non-empty list/,
    ],
    [
      'a bad replace_paths',
      'rp.json',
      '{"format_version": "1.2", "resource_changes": [{"address": "x.y", "type": "x", "change": {"actions": ["delete","create"]}, "replace_paths": [[{}]]}]}',
      /rp\.json: resource_changes\[0\]\.replace_paths\[0\]\[0\]/,
    ],
  ])('fails with exit 1 if the input is %s', async (_what, name, content, message) => {
    const r = await runCli(['plan-summary', write(name, content)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: /);
    expect(r.err).toMatch(message);
  });

  test('fails with exit 1 if the file does not exist or is a directory', async () => {
    const missing = path.join(dir, 'missing.json');
    expect(await runCli(['plan-summary', missing])).toMatchObject({ code: 1, out: '', err: `error: ${missing}: cannot read: no such file\n` });
    expect(await runCli(['plan-summary', dir])).toMatchObject({ code: 1, out: '', err: `error: ${dir}: cannot read: is a directory, not a file\n` });
  });

  test('fails with exit 1 and leaves no file behind if --out cannot be written', async () => {
    const good = write('good.json', JSON.stringify(plan([topic('a', ['create'])])));
    const blocker = write('blocker', 'a file, not a directory');
    const r = await runCli(['plan-summary', good, '--out', path.join(blocker, 'summary.md')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
  });

  test.each([
    ['no file', ['plan-summary'], /missing required argument 'plan-json'/],
    ['two files', ['plan-summary', 'a.json', 'b.json'], /too many arguments/],
    ['an unknown flag', ['plan-summary', 'a.json', '--bogus'], /unknown option '--bogus'/],
    ['a bad --collapse-after', ['plan-summary', 'a.json', '--collapse-after', 'ten'], /--collapse-after must be a whole number, got "ten"/],
  ])('fails with exit 2 for %s', async (_what, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('PlanSummaryError names the source and the field', () => {
    expect(() => parsePlanSummary('{"format_version": 3}', 'x.json')).toThrow(PlanSummaryError);
    try {
      parsePlanSummary('{"format_version": 3}', 'x.json');
    } catch (e) {
      expect((e as PlanSummaryError).source).toBe('x.json');
      expect((e as PlanSummaryError).field).toBe('format_version');
    }
  });
});
