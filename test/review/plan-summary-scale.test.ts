// plan-summary renders plans of 150,000 changes of one kind and type (a spread of that many items into one call
// overflowed the stack at about 120,000).
import { planSummaryToJson, renderPlanSummaryMarkdown, summarizePlan } from '../../lib/review/plan-summary';

function planOf(action: string[], n: number): Record<string, unknown> {
  const changes = Array.from({ length: n }, (_, i) => ({
    address: `alicloud_alikafka_topic.t${i}`,
    mode: 'managed',
    type: 'alicloud_alikafka_topic',
    name: `t${i}`,
    provider_name: 'registry.terraform.io/aliyun/alicloud',
    change: {
      actions: action,
      before: action.includes('create') && !action.includes('delete') ? null : { topic: `t${i}`, partition_num: 1 },
      after: action.includes('delete') && !action.includes('create') ? null : { topic: `t${i}`, partition_num: 2 },
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
    },
  }));
  return { format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: changes };
}

test.each([
  ['created', ['create'], '### Created (150000)'],
  ['updated in place', ['update'], '### Updated in place (150000)'],
  ['destroyed', ['delete'], 'alicloud_alikafka_topic.t149999'],
])('150,000 topics %s render as Markdown and JSON, every address listed', (_kind, action, marker) => {
  const s = summarizePlan(planOf(action, 150_000), 'plan.json');
  const md = renderPlanSummaryMarkdown(s);
  expect(md).toContain(marker);
  expect(md.split('\n').filter((l) => l.includes('alicloud_alikafka_topic.t')).length).toBeGreaterThanOrEqual(150_000);
  expect(planSummaryToJson(s).changes).toHaveLength(150_000);
});
