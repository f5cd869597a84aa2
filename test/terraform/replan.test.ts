/**
 * Re-plans never replace a topic or the instance. The provider (v1.289.0 source) forces replacement of a topic
 * on `instance_id`, `topic`, `local_topic` and `compact_topic`, of the instance on `disk_type`, `instance_type`,
 * `security_group`, `kms_key_id`, `vpc_id`, `vswitch_id`, `vswitch_ids` and `zone_id`, and of a consumer group on
 * `remark`. Here the real provider diffs our second plan against a state standing in for the applied first one
 * (or for the imported target), and the plan must have no `replace` (or destroy) action at all.
 */
import * as fs from 'fs';
import * as path from 'path';
import { changesByAddress, EXAMPLE, initValidatePlan, ResourceChange, synth, tfOk, tmpDir, toolchain, writeVarFile } from './tf';
import { stateFromPlan, writeState } from './state';

jest.setTimeout(300_000);

const tc = toolchain();
const INSTANCE_ID = 'alikafka_post-cn-mp91test0001';

function destructive(changes: Map<string, ResourceChange>): string[] {
  return [...changes.values()].filter((rc) => rc.change.actions.includes('delete')).map((rc) => `${rc.address} ${rc.change.actions.join(',')} ${JSON.stringify(rc.change.replace_paths ?? [])}`);
}

interface Meta { topics: Array<{ name: string; partitions: number; configs?: Record<string, string> }>; consumerGroups: Array<Record<string, unknown>> }

test('--previous-metadata re-plan of a newer export against the applied first plan: no replace, no destroy, only the additions and the partition growth', async () => {
  const first = await synth(['--metadata', EXAMPLE, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k']);
  const firstRun = initValidatePlan(tc.terraform, first.stackDir, first.tfJson);

  // the newer export: two new topics (one compacted), one topic grown, one gone, one new group, more traffic
  const meta = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Meta & Record<string, unknown>;
  const grown = meta.topics.find((t) => t.name === 'orders.created.v1');
  if (!grown) throw new Error('fixture changed: orders.created.v1 missing');
  grown.partitions += 6;
  meta.topics = meta.topics.filter((t) => t.name !== 'legacy-batch-jobs');
  meta.topics.push({ name: 'orders.returned.v1', partitions: 12 }, { name: 'returns-state-changelog', partitions: 6, configs: { 'cleanup.policy': 'compact' } });
  meta.consumerGroups.push({ groupId: 'returns-service', protocolType: 'consumer', state: 'Stable', members: 2, topics: ['orders.returned.v1'] });
  const dir = tmpDir('newer');
  const newer = path.join(dir, 'newer.json');
  fs.writeFileSync(newer, JSON.stringify(meta));

  const second = await synth(['--metadata', newer, '--previous-metadata', EXAMPLE, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k'], 'alikafka-migration', first.outDir);
  writeVarFile(second.stackDir, second.tfJson);
  writeState(path.join(second.stackDir, 'terraform.tfstate'), stateFromPlan(firstRun.plan, first.tfJson, INSTANCE_ID));
  // same directory, so the state is the applied first plan's
  const plan = tfOk(tc.terraform, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=second.tfplan'], second.stackDir);
  expect(plan.stdout).toMatch(/Plan: \d+ to add, \d+ to change, 0 to destroy\./);
  const show = tfOk(tc.terraform, ['show', '-json', 'second.tfplan'], second.stackDir);
  const changes = changesByAddress(JSON.parse(show.stdout));
  expect(destructive(changes)).toEqual([]);

  const byTopic = new Map(second.plan.topics.map((t) => [t.sourceName, t]));
  const act = (sourceName: string): string => changes.get(`alicloud_alikafka_topic.${byTopic.get(sourceName)?.address}`)?.change.actions.join(',') ?? 'missing';
  expect(act('orders.returned.v1')).toBe('create');
  expect(act('returns-state-changelog')).toBe('create');
  expect(act('orders.created.v1')).toBe('update');
  expect(changes.get(`alicloud_alikafka_topic.${byTopic.get('orders.created.v1')?.address}`)?.change.after?.partition_num).toBe(30);
  expect(act('legacy-batch-jobs')).toBe('no-op'); // gone from the source: kept
  expect(act('audit-log')).toBe('no-op');
  const instance = [...changes.values()].find((rc) => rc.type === 'alicloud_alikafka_instance');
  expect(instance?.change.actions).toEqual(['no-op']);
  const others = [...changes.values()].filter((rc) => rc.change.actions.join(',') !== 'no-op').map((rc) => rc.address).sort();
  const groupAddr = second.plan.groups.find((g) => g.sourceId === 'returns-service')?.address;
  expect(others).toEqual([
    `alicloud_alikafka_consumer_group.${groupAddr}`,
    `alicloud_alikafka_topic.${byTopic.get('orders.created.v1')?.address}`,
    `alicloud_alikafka_topic.${byTopic.get('orders.returned.v1')?.address}`,
    `alicloud_alikafka_topic.${byTopic.get('returns-state-changelog')?.address}`,
  ].sort());
});
