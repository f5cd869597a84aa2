/**
 * Dress rehearsal: `terraform apply` with the real aliyun/alicloud provider v1.289.0 against the local AliKafka
 * control plane (tools/control-plane), whose data plane is a real Kafka 2.6 broker. Runs inside `unshare -n`
 * (scripts/test.sh), one broker per describe block.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Kafka } from '../../tools/kafka';
import { Rehearsal } from '../../tools/control-plane/rehearsal';
import { StateServer } from '../../tools/control-plane/state-server';
import { unpaceStack } from '../../tools/control-plane/unpaced';
import { applyStack, expectedBroker, newRehearsal, PlanJson, synth, workDir } from './helpers';
import { EXAMPLE_METADATA, ONE_ZONE, runCliOk } from '../helpers';

jest.setTimeout(900_000);

describe('new instance from the bundled example', () => {
  let rh: Rehearsal;
  const work = workDir('new');
  const out = path.join(work, 'synth');
  const state = path.join(work, 'terraform.tfstate');
  let env: Record<string, string>;
  let stackDir: string;
  let planOfExample: PlanJson;

  beforeAll(async () => {
    rh = newRehearsal();
    await rh.start();
  });
  afterAll(async () => {
    await rh?.stop();
  });

  it('applies, and the broker then holds exactly the planned topics, partitions, configs, groups, SCRAM users and ACLs', async () => {
    // one zone, accepted for the example's 3 racks: the stand-in runs one broker
    const s = await synth(out, ['--metadata', EXAMPLE_METADATA, ...ONE_ZONE, '--single-zone']);
    stackDir = s.stackDir;
    planOfExample = s.plan;
    env = rh.passwordVars(stackDir);
    const { planned } = await applyStack(rh, stackDir, env, undefined, state);
    // every resource of the synthesized stack is created
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    expect(planned.create).toBe(Object.values(tf.resource).reduce((n, byName) => n + Object.keys(byName).length, 0));
    expect(planned.replace + planned.delete + planned.update).toBe(0);
    const snap = await rh.snapshot();
    expect(snap).toEqual(expectedBroker(s.plan));
    expect(snap.topics.length).toBe(45);
  });

  it('plans no changes a second time (no perpetual diff on topic configs, instance config or ACLs)', async () => {
    const replan = await rh.plan(stackDir, env, 'replan.tfplan');
    expect(replan.addresses).toEqual([]);
    expect(replan.total).toBe(0);
  });

  it('reports the instance endpoints of the broker, and a planned SCRAM user can produce through the SASL endpoint', async () => {
    const show = await rh.terraform(stackDir, ['output', '-json'], env);
    const outputs = JSON.parse(show.stdout) as Record<string, { value: string }>;
    expect(outputs.endpoint.value).toBe(rh.broker.plaintextEndpoint);
    const password = env.TF_VAR_sasl_password_admin;
    const kafka = new Kafka({
      brokers: [rh.broker.saslEndpoint],
      sasl: { mechanism: 'scram-sha-256', username: 'admin', password },
      retries: 2,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders.created.v1', messages: [{ value: 'rehearsal' }] });
    await producer.disconnect();
    const wrong = new Kafka({
      brokers: [rh.broker.saslEndpoint],
      sasl: { mechanism: 'scram-sha-256', username: 'admin', password: 'not-the-password' },
      retries: 0,
    });
    await expect(wrong.producer().connect()).rejects.toThrow(/SASL|authentication/i);
  });

  it('refuses `terraform destroy` of a topic (prevent_destroy) and the topic stays on the broker', async () => {
    const address = planOfExample.topics.find((t) => t.name === 'orders.created.v1')!.terraformName;
    const r = await rh.terraform(stackDir, ['destroy', '-input=false', '-no-color', '-auto-approve', `-target=alicloud_alikafka_topic.${address}`], env);
    const text = r.stdout + r.stderr;
    expect(r.code).not.toBe(0);
    expect(text).toMatch(/prevent_destroy/);
    expect((await rh.snapshot()).topics.map((t) => t.name)).toContain('orders.created.v1');
  });

  it('adds one topic to the metadata: the plan is one create, and apply makes it on the broker', async () => {
    const meta = JSON.parse(fs.readFileSync(EXAMPLE_METADATA, 'utf8')) as { topics: unknown[] };
    meta.topics.push({ name: 'rehearsal.added-topic', partitions: 6, replicationFactor: 3 });
    const newer = path.join(work, 'newer.json');
    fs.writeFileSync(newer, JSON.stringify(meta));
    const s = await synth(out, ['--metadata', newer, '--previous-metadata', EXAMPLE_METADATA, ...ONE_ZONE, '--single-zone']);
    const { planned } = await applyStack(rh, s.stackDir, env, undefined, state);
    const added = s.plan.topics.find((t) => t.name === 'rehearsal.added-topic')!;
    // the topic, and the literal Allows the plan narrows around Deny rules for it (analytics' wildcard Read)
    const aclsOfNewTopic = s.plan.acls
      .filter((x) => x.patternType === 'LITERAL' && x.resourceName === added.name)
      .map((x) => `create alicloud_alikafka_sasl_acl.${x.terraformName}`);
    expect([...planned.addresses].sort()).toEqual([...aclsOfNewTopic, `create alicloud_alikafka_topic.${added.terraformName}`].sort());
    expect(planned.create).toBe(1 + aclsOfNewTopic.length);
    expect(planned.total).toBe(1 + aclsOfNewTopic.length);
    const snap = await rh.snapshot();
    expect(snap.topics.find((t) => t.name === 'rehearsal.added-topic')).toEqual({ name: 'rehearsal.added-topic', partitions: 6, configs: {} });
    expect(snap).toEqual(expectedBroker(s.plan));
  });
});

describe('existing instance: adopt objects created out of band (--existing-target from an export)', () => {
  let rh: Rehearsal;
  const work = workDir('adopt');
  const instanceId = 'alikafka_post-cn-rehearsal01';

  beforeAll(async () => {
    rh = newRehearsal();
    await rh.start();
    rh.controlPlane.provisionInstance({ id: instanceId, ioMaxSpec: 'alikafka.hw.2xlarge', specType: 'professional', partitionNum: 1000 });
  });
  afterAll(async () => {
    await rh?.stop();
  });

  it('imports what exists (no replacement, no data loss), creates the rest, and re-plans empty', async () => {
    const I = { InstanceId: instanceId };
    await rh.controlPlane.call('CreateTopic', { ...I, Topic: 'payments.authorized.v1', Remark: 'made_by_hand', PartitionNum: '12' });
    await rh.controlPlane.call('CreateTopic', { ...I, Topic: 'inventory.reserved.v1', Remark: 'made_by_hand', PartitionNum: '6' });
    await rh.controlPlane.call('CreateTopic', { ...I, Topic: 'orders.paid.v1', Remark: 'made_by_hand', PartitionNum: '8' });
    await rh.controlPlane.call('CreateConsumerGroup', { ...I, ConsumerId: 'payment-service', Remark: 'made_by_hand' });
    const kafka = new Kafka({ brokers: [rh.broker.plaintextEndpoint] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'payments.authorized.v1', messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}`, partition: 0 })) });
    await producer.disconnect();

    // the target's metadata, exported from the broker by the project's own export command
    await runCliOk(['export', '--bootstrap-servers', rh.broker.plaintextEndpoint, '--target-directory', work, '--file-name', 'target.json']);

    const s = await synth(path.join(work, 'synth'), [
      '--metadata',
      EXAMPLE_METADATA,
      '--instance-id',
      instanceId,
      '--spec-type',
      'professional',
      '--io-max-spec',
      'alikafka.hw.2xlarge',
      '--partition-num',
      '1000',
      '--existing-target',
      path.join(work, 'target.json'),
    ]);
    const imported = s.plan.topics
      .filter((t) => t.adopted !== undefined)
      .map((t) => t.name)
      .sort();
    expect(imported).toEqual(['inventory.reserved.v1', 'orders.paid.v1', 'payments.authorized.v1']);
    // a higher partition count on the target is kept, a lower one grows (in place)
    expect(s.plan.topics.find((t) => t.name === 'orders.paid.v1')!.partitions).toBe(8);
    expect(s.plan.topics.find((t) => t.name === 'payments.authorized.v1')!.partitions).toBe(36);
    expect(s.plan.groups.filter((g) => g.adopted !== undefined).map((g) => g.name)).toEqual(['payment-service']);
    const env = rh.passwordVars(s.stackDir);
    const { planned } = await applyStack(rh, s.stackDir, env);
    expect(planned.import).toBe(4);
    expect(planned.replace + planned.delete).toBe(0);
    const snap = await rh.snapshot();
    expect(snap).toEqual(expectedBroker(s.plan));
    const offsets = await (async () => {
      const a = kafka.admin();
      await a.connect();
      try {
        return await a.fetchTopicOffsets('payments.authorized.v1');
      } finally {
        await a.disconnect();
      }
    })();
    expect(offsets.find((o) => o.partition === 0)?.high).toBe('5');
    const replan = await rh.plan(s.stackDir, env, 'replan.tfplan');
    expect(replan.addresses.filter((a) => !a.startsWith('import '))).toEqual([]);
  });
});

describe('throttled apply, and the paced shape that avoids it', () => {
  let rh: Rehearsal;
  const work = workDir('throttle');

  beforeAll(async () => {
    rh = newRehearsal();
    await rh.start();
  });
  afterAll(async () => {
    await rh?.stop();
  });

  /** Synthesizes 60 topics named PREFIX-NNN for a provisioned instance of their own. */
  async function sixtyTopics(prefix: string, instanceId: string, extra: string[] = []): Promise<{ stackDir: string; plan: PlanJson; names: string[] }> {
    rh.controlPlane.provisionInstance({ id: instanceId, ioMaxSpec: 'alikafka.hw.2xlarge', specType: 'professional', partitionNum: 0 });
    const topics = Array.from({ length: 60 }, (_, i) => ({ name: `${prefix}-${String(i).padStart(3, '0')}`, partitions: 2, replicationFactor: 3 }));
    const meta = path.join(work, `${prefix}.json`);
    fs.writeFileSync(meta, JSON.stringify({ formatVersion: 1, source: { kind: 'manual' }, topics, consumerGroups: [] }));
    const s = await synth(path.join(work, prefix), [
      '--metadata',
      meta,
      '--instance-id',
      instanceId,
      '--spec-type',
      'professional',
      '--io-max-spec',
      'alikafka.hw.2xlarge',
      '--partition-num',
      '0',
      ...extra,
    ]);
    return { stackDir: s.stackDir, plan: s.plan, names: topics.map((t) => t.name) };
  }

  /** CreateTopic calls the control plane admitted since `from`, per one-second window, in time order. */
  const admittedSince = (from: number): number[] =>
    [...(rh.controlPlane.admittedPerSecond.get('CreateTopic') ?? new Map<number, number>()).entries()]
      .filter(([second]) => second >= from)
      .sort(([a], [b]) => a - b)
      .map(([, n]) => n);

  it('unpaced (the stack without its pacing sleeps), 60 topics at -parallelism=60: CreateTopic is throttled at 20/s and the provider retries until every topic exists', async () => {
    const s = await sixtyTopics('throttle.topic', 'alikafka_post-cn-rehearsal02');
    expect(unpaceStack(s.stackDir)).toBe(2);
    const throttledBefore = rh.controlPlane.stats.throttled.CreateTopic ?? 0;
    const { planned } = await applyStack(rh, s.stackDir, {}, 60);
    expect(planned.create).toBe(60);
    expect((rh.controlPlane.stats.throttled.CreateTopic ?? 0) - throttledBefore).toBeGreaterThan(0);
    const snap = await rh.snapshot();
    expect(snap.topics.filter((t) => t.name.startsWith('throttle.topic-')).map((t) => t.name)).toEqual(s.names);
    expect(snap.topics.every((t) => t.partitions === 2)).toBe(true);
  });

  it("paced (the plan's shape), 60 topics at the recommended -parallelism: waves of 20 a second behind 2 sleeps, every topic exists", async () => {
    const s = await sixtyTopics('paced.topic', 'alikafka_post-cn-rehearsal03');
    expect(s.plan.pacing?.sleeps.map((x) => x.createDuration)).toEqual(['1s', '2s']);
    const from = Math.floor(Date.now() / 1000);
    const throttledBefore = rh.controlPlane.stats.throttled.CreateTopic ?? 0;
    const { planned } = await applyStack(rh, s.stackDir, {}, s.plan.applyEstimate.recommendedParallelism);
    expect(planned.create).toBe(62);
    // the waves arrive a second apart: the 60 admitted calls (one a topic) span at least three one-second windows
    const windows = admittedSince(from);
    expect(windows.reduce((a, b) => a + b, 0)).toBe(60);
    expect(windows.length).toBeGreaterThanOrEqual(3);
    // throttled calls are reported, not asserted: on a loaded machine Terraform can start a wave late, into the next one's second
    process.stderr.write(
      `paced rehearsal: CreateTopic per second ${windows.join(' ')}, ${(rh.controlPlane.stats.throttled.CreateTopic ?? 0) - throttledBefore} throttled\n`,
    );
    const snap = await rh.snapshot();
    expect(snap.topics.filter((t) => t.name.startsWith('paced.topic-')).map((t) => t.name)).toEqual(s.names);
  });
  it('paced with remote state (synthesized for OSS, applied with the http backend on loopback): waves of 20 behind a chain of 1 s sleeps arrive about a second apart, every topic exists', async () => {
    const s = await sixtyTopics('chained.topic', 'alikafka_post-cn-rehearsal04', ['--backend', 'oss', '--backend-config', 'bucket=rehearsal-state']);
    expect(s.plan.pacing?.sleeps.map((x) => [x.terraformName, x.createDuration, x.after])).toEqual([
      ['pace_create_topics_wave_0', '1s', undefined],
      ['pace_create_topics_wave_1', '1s', 'pace_create_topics_wave_0'],
      ['pace_create_topics_wave_2', '1s', 'pace_create_topics_wave_1'],
    ]);
    const state = new StateServer();
    try {
      const backend = await state.start();
      const from = Math.floor(Date.now() / 1000);
      const throttledBefore = rh.controlPlane.stats.throttled.CreateTopic ?? 0;
      const arrivalsBefore = rh.controlPlane.createTopicArrivals.length;
      const { planned } = await applyStack(rh, s.stackDir, {}, s.plan.applyEstimate.recommendedParallelism, undefined, backend);
      expect(planned.create).toBe(63);
      expect(state.uploads).toBeGreaterThan(0); // the state went to the server, not a local file
      const windows = admittedSince(from);
      expect(windows.reduce((a, b) => a + b, 0)).toBe(60);
      // each wave's first call about a sleep (1 s) after the previous wave's (less the spread of Terraform starting a
      // wave's topics, tens of ms; throttled calls are reported, not asserted, as in the test above)
      const first = new Map<number, number>();
      for (const a of rh.controlPlane.createTopicArrivals.slice(arrivalsBefore)) {
        const wave = Math.floor(Number(/(\d+)$/.exec(a.topic)?.[1]) / 20);
        if (!first.has(wave)) first.set(wave, a.ms);
      }
      expect([...first.keys()].sort()).toEqual([0, 1, 2]);
      expect(first.get(1)! - first.get(0)!).toBeGreaterThanOrEqual(900);
      expect(first.get(2)! - first.get(1)!).toBeGreaterThanOrEqual(900);
      process.stderr.write(
        `chained rehearsal: CreateTopic per second ${windows.join(' ')}, waves ${first.get(1)! - first.get(0)!} and ${first.get(2)! - first.get(1)!} ms apart, ` +
          `${(rh.controlPlane.stats.throttled.CreateTopic ?? 0) - throttledBefore} throttled\n`,
      );
      const snap = await rh.snapshot();
      expect(snap.topics.filter((t) => t.name.startsWith('chained.topic-')).map((t) => t.name)).toEqual(s.names);
    } finally {
      await state.stop();
    }
  });
});
