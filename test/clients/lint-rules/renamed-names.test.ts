import { rule } from '../../../lib/clients/lint-rules/renamed-names';
import { names, props, run } from './helpers';

const plan = names({
  groups: new Map([['cg', { from: 'cg', to: 'cg_', reason: 'too short' }]]),
  topics: new Map([['ab', { from: 'ab', to: 'ab_', reason: 'too short' }]]),
  skippedTopics: new Map([['_schemas', 'internal topic']]),
});

describe('renamed-names', () => {
  test('fires on a renamed group, a renamed topic in a topic key, and a topic the plan does not migrate', () => {
    const f = run(rule, props('group.id=cg\ntopics=orders,ab\napp.dlq.topic=_schemas'), { names: plan });
    expect(f).toEqual([
      expect.objectContaining({ severity: 'error', key: 'group.id', current: 'cg', recommended: 'cg_' }),
      expect.objectContaining({ severity: 'warning', key: 'app.dlq.topic', current: '_schemas' }),
      expect.objectContaining({ severity: 'error', key: 'topics', current: 'ab', recommended: 'ab_' }),
    ]);
  });
  test('quiet on names the plan keeps, and without --metadata', () => {
    expect(run(rule, props('group.id=billing\ntopics=orders'), { names: plan })).toEqual([]);
    expect(run(rule, props('group.id=cg'))).toEqual([]);
  });
});
