/**
 * Re-plans never replace a topic or the instance. The provider (v1.289.0 source) forces replacement of a topic
 * on `instance_id`, `topic`, `local_topic` and `compact_topic`, of the instance on `disk_type`, `instance_type`,
 * `security_group`, `kms_key_id`, `vpc_id`, `vswitch_id`, `vswitch_ids` and `zone_id`, and of a consumer group on
 * `remark`. Here the real provider diffs our second plan against a state standing in for the applied first one
 * (or for the imported target), and the plan must have no `replace` (or destroy) action at all.
 */
import * as fs from 'fs';
import * as path from 'path';
import { changesByAddress, initValidatePlan, ResourceChange, synth, tfOk, toolchain, writeVarFile } from './tf';
import { stateFromPlan, writeState } from './state';
import { EXAMPLE_METADATA, ONE_ZONE, tmpDir } from '../helpers';

jest.setTimeout(300_000);

const tc = toolchain();
const INSTANCE_ID = 'alikafka_post-cn-mp91test0001';

function destructive(changes: Map<string, ResourceChange>): string[] {
  return [...changes.values()]
    .filter((rc) => rc.change.actions.includes('delete'))
    .map((rc) => `${rc.address} ${rc.change.actions.join(',')} ${JSON.stringify(rc.change.replace_paths ?? [])}`);
}

interface Meta {
  topics: Array<{ name: string; partitions: number; configs?: Record<string, string> }>;
  consumerGroups: Array<Record<string, unknown>>;
}

test('--previous-metadata re-plan of a newer export against the applied first plan: no replace, no destroy, only the additions and the partition growth', async () => {
  const first = await synth(['--metadata', EXAMPLE_METADATA, ...ONE_ZONE, '--single-zone']);
  const firstRun = initValidatePlan(tc.terraform, first.stackDir, first.tfJson);

  // the newer export: two new topics (one compacted), one topic grown, one gone, one new group, more traffic
  const meta = JSON.parse(fs.readFileSync(EXAMPLE_METADATA, 'utf8')) as Meta & Record<string, unknown>;
  const grown = meta.topics.find((t) => t.name === 'orders.created.v1');
  if (!grown) throw new Error('fixture changed: orders.created.v1 missing');
  grown.partitions += 6;
  meta.topics = meta.topics.filter((t) => t.name !== 'legacy-batch-jobs');
  meta.topics.push(
    { name: 'orders.returned.v1', partitions: 12 },
    { name: 'returns-state-changelog', partitions: 6, configs: { 'cleanup.policy': 'compact' } },
  );
  meta.consumerGroups.push({ groupId: 'returns-service', protocolType: 'consumer', state: 'Stable', members: 2, topics: ['orders.returned.v1'] });
  const dir = tmpDir('newer');
  const newer = path.join(dir, 'newer.json');
  fs.writeFileSync(newer, JSON.stringify(meta));

  const second = await synth(['--metadata', newer, '--previous-metadata', EXAMPLE_METADATA, ...ONE_ZONE, '--single-zone'], 'alikafka-migration', first.outDir);
  writeVarFile(second.stackDir, second.tfJson);
  writeState(path.join(second.stackDir, 'terraform.tfstate'), stateFromPlan(firstRun.plan, first.tfJson, INSTANCE_ID));
  // same directory, so the state is the applied first plan's
  const plan = tfOk(tc.terraform, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=second.tfplan'], second.stackDir);
  expect(plan.stdout).toMatch(/Plan: \d+ to add, \d+ to change, 0 to destroy\./);
  const show = tfOk(tc.terraform, ['show', '-json', 'second.tfplan'], second.stackDir);
  const changes = changesByAddress(JSON.parse(show.stdout));
  expect(destructive(changes)).toEqual([]);

  const byTopic = new Map(second.plan.topics.map((t) => [t.sourceName, t]));
  const act = (sourceName: string): string =>
    changes.get(`alicloud_alikafka_topic.${byTopic.get(sourceName)?.terraformName}`)?.change.actions.join(',') ?? 'missing';
  expect(act('orders.returned.v1')).toBe('create');
  expect(act('returns-state-changelog')).toBe('create');
  expect(act('orders.created.v1')).toBe('update');
  expect(changes.get(`alicloud_alikafka_topic.${byTopic.get('orders.created.v1')?.terraformName}`)?.change.after?.partition_num).toBe(30);
  expect(act('legacy-batch-jobs')).toBe('no-op'); // gone from the source: kept
  expect(act('audit-log')).toBe('no-op');
  const instance = [...changes.values()].find((rc) => rc.type === 'alicloud_alikafka_instance');
  expect(instance?.change.actions).toEqual(['no-op']);
  const others = [...changes.values()]
    .filter((rc) => rc.change.actions.join(',') !== 'no-op')
    .map((rc) => rc.address)
    .sort();
  const groupAddr = second.plan.groups.find((g) => g.sourceId === 'returns-service')?.terraformName;
  // analytics' wildcard Read is narrowed around its Deny into one literal Allow per planned topic, so each new topic
  // brings its own ACL (the plan's, looked up by resource name)
  const newTopicAcls = second.plan.acls
    .filter(
      (a) => a.patternType === 'LITERAL' && [byTopic.get('orders.returned.v1')?.name, byTopic.get('returns-state-changelog')?.name].includes(a.resourceName),
    )
    .map((a) => `alicloud_alikafka_sasl_acl.${a.terraformName}`);
  expect(others).toEqual(
    [
      ...newTopicAcls,
      `alicloud_alikafka_consumer_group.${groupAddr}`,
      `alicloud_alikafka_topic.${byTopic.get('orders.created.v1')?.terraformName}`,
      `alicloud_alikafka_topic.${byTopic.get('orders.returned.v1')?.terraformName}`,
      `alicloud_alikafka_topic.${byTopic.get('returns-state-changelog')?.terraformName}`,
    ].sort(),
  );
});

test('adopt mode (import {} blocks, target with more partitions, other storage): validate clean; planned against the imported state, no replace and no partition decrease', async () => {
  const dir = tmpDir('adopt');
  const target = path.join(dir, 'target.json');
  // the target instance already has three topics (one with more partitions than the source, one with fewer), and one user
  fs.writeFileSync(
    target,
    JSON.stringify({
      formatVersion: 1,
      source: { kind: 'alikafka', clusterId: INSTANCE_ID },
      topics: [
        { name: 'orders.created.v1', partitions: 48 },
        { name: 'orders.paid.v1', partitions: 6 },
        { name: 'audit-log', partitions: 12 },
      ],
      users: [{ name: 'order-service', mechanism: 'SCRAM-SHA-256' }],
    }),
  );
  const s = await synth(['--metadata', EXAMPLE_METADATA, '--instance-id', INSTANCE_ID, '--spec-type', 'professional', '--existing-target', target]);
  // the import IDs are the provider's importer format (ImportStatePassthrough, split on ":"): instance_id:name
  expect([...(s.tfJson.import ?? [])].map((i) => i.id).sort()).toEqual(
    ['audit-log', 'order-service', 'orders.created.v1', 'orders.paid.v1'].map((n) => `${INSTANCE_ID}:${n}`).sort(),
  );
  const validate = (() => {
    writeVarFile(s.stackDir, s.tfJson);
    tfOk(tc.terraform, ['init', '-input=false', '-no-color', `-backend-config=path=${path.join(s.stackDir, 'terraform.tfstate')}`], s.stackDir);
    return JSON.parse(tfOk(tc.terraform, ['validate', '-json', '-no-color'], s.stackDir).stdout) as { diagnostics: unknown[] };
  })();
  expect(validate.diagnostics).toEqual([]);

  // Importing reads the objects through the API (GetTopicList, DescribeSaslUsers), which cannot answer offline.
  // The state below is what those reads return, so the plan is the one after the import; terraform then skips
  // the import blocks of objects already in the state under the same ID.
  const targetPartitions: Record<string, number> = { 'orders.created.v1': 48, 'orders.paid.v1': 6, 'audit-log': 12 };
  const resources = (s.tfJson.import ?? []).map((imp) => {
    const [type, name] = imp.to.split('.');
    const objName = imp.id.slice(INSTANCE_ID.length + 1);
    const attributes: Record<string, unknown> =
      type === 'alicloud_alikafka_topic'
        ? {
            id: imp.id,
            instance_id: INSTANCE_ID,
            topic: objName,
            partition_num: targetPartitions[objName],
            local_topic: objName === 'audit-log',
            compact_topic: false,
            remark: 'made_by_hand',
            configs: null,
            tags: null,
          }
        : { id: imp.id, instance_id: INSTANCE_ID, username: objName, type: 'scram', password: null };
    return {
      mode: 'managed',
      type,
      name,
      provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
      instances: [
        { schema_version: 0, attributes, sensitive_attributes: type === 'alicloud_alikafka_sasl_user' ? [[{ type: 'get_attr', value: 'password' }]] : [] },
      ],
    };
  });
  writeState(
    path.join(s.stackDir, 'terraform.tfstate'),
    JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: '7c1d2a9e-0000-4000-8000-000000000002', outputs: {}, resources }),
  );
  tfOk(tc.terraform, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=adopt.tfplan'], s.stackDir);
  const changes = changesByAddress(JSON.parse(tfOk(tc.terraform, ['show', '-json', 'adopt.tfplan'], s.stackDir).stdout));
  expect(destructive(changes)).toEqual([]);
  const topic = (n: string): ResourceChange | undefined => changes.get(`alicloud_alikafka_topic.${s.plan.topics.find((t) => t.name === n)?.terraformName}`);
  // higher on the target: kept (48, not the source's 24); lower: grown to the plan's count
  expect(topic('orders.created.v1')?.change.after?.partition_num).toBe(48);
  expect(topic('audit-log')?.change.before?.partition_num).toBe(12);
  expect(topic('audit-log')?.change.after?.partition_num).toBe(s.plan.topics.find((t) => t.name === 'audit-log')?.partitions);
  // local_topic differs from the target's, and is ignored (it forces replacement): in-place update only
  expect(topic('audit-log')?.change.actions).toEqual(['update']);
  expect(topic('audit-log')?.change.after?.local_topic).toBe(true);
  // the adopted user keeps its password (ignore_changes): nothing to do
  expect(changes.get(`alicloud_alikafka_sasl_user.${s.plan.users.find((u) => u.name === 'order-service')?.terraformName}`)?.change.actions).toEqual(['no-op']);
  for (const t of s.plan.topics.filter((x) => x.adopted === undefined)) expect(topic(t.name)?.change.actions).toEqual(['create']);
});
