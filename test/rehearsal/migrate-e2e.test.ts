/**
 * The whole migration, end to end, all real, inside the rehearsal's loopback-only network namespace:
 *
 * - source: a ZooKeeper-mode Kafka 3.9 broker from the rig's Maven Central jars (started here, on the rehearsal's
 *   ZooKeeper under its own chroot: the rig's own brokers are outside this namespace);
 * - target: the AliKafka stand-in, i.e. the local control plane (tools/control-plane; it stands in for Alibaba's
 *   API only) in front of a real Kafka 2.6 broker, with the topics and groups made by `terraform apply` of the
 *   synthesized stack through the real aliyun/alicloud provider;
 * - MirrorMaker 2 from the Kafka 3.9 jars with the configuration `alikafka-migrate mirror --plan` rendered from the
 *   plan file synth wrote (and the renaming policy it wrote, compiled with javac), pointed at the instance's
 *   endpoint that Terraform output; `synth --mirror dedicated` planned MirrorMaker's own topics and group, so it
 *   starts on what the one `terraform apply` created, and no topic is created by hand or by MirrorMaker;
 * - `cutover --plan` and `verify --plan` through the CLI: after synth, every step reads the plan file alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Kafka } from '../../tools/kafka';
import { kafkaClient, unique, waitFor, withAdmin } from '../integration/rig';
import { buildPolicyJar, kafka39Lib, PlainBroker, Proc, startMirrorMaker, startZkBroker } from '../integration/mirror-procs';
import { checksum, consumeUntil, endOffsets, Msg, offsetsAt, produceNumbered, readAll } from '../integration/mirror-data';
import { parseProperties } from '../../lib/sources/properties';
import type { MirrorReport } from '../../lib/mirror';
import type { CutoverResult, GroupVerdict } from '../../lib/cutover/verdict';
import type { VerifyResult } from '../../lib/verify/compare';
import { Rehearsal } from '../../tools/control-plane/rehearsal';
import { applyStack, expectedBroker, newRehearsal, synth, workDir } from './helpers';
import { ONE_ZONE, runCli } from '../helpers';

jest.setTimeout(1_200_000);

const N = Number(process.env.MIRROR_IT_MESSAGES ?? 2000);
const CHECKPOINT_SECONDS = 5;

/** The Kafka 3.9 jars of the rig (fetched outside the namespace by scripts/rig/rig.sh, which scripts/test.sh runs first). */
function rigKafka39Lib(): string {
  const rigHome = process.env.RIG_HOME ?? path.join(process.env.HOME ?? '/root', '.cache', 'alikafka-migrate', 'rig');
  const lib = kafka39Lib(process.env.RIG_KAFKA_CLASSPATH ?? path.join(rigHome, 'lib-kafka39'));
  if (!fs.existsSync(lib)) throw new Error(`the Kafka 3.9 jars are not in ${lib}: run \`bash scripts/rig/rig.sh fetch\` outside the namespace first`);
  return lib;
}

const tail = (p: Proc | undefined): string => (p ? fs.readFileSync(p.log, 'utf8').slice(-6000) : '');

/**
 * MirrorMaker's lines that say why a group got no checkpoint, from the whole log (the tail has only the last minute):
 * a checkpoint task whose checkpoints topic could not be read loads only the latest offset sync per partition
 * (MirrorCheckpointTask: OffsetSyncStore.start(!checkpointsLoaded)); an offset sync that failed to send leaves a gap.
 * (A half-way group with no checkpoint on some partition had neither in the run that showed it: there the source
 * task had sent too few syncs, see the half-way test.)
 */
const translationLog = (p: Proc | undefined): string =>
  p
    ? fs
        .readFileSync(p.log, 'utf8')
        .split('\n')
        .filter((l) => /degrade offset translation|Failure sending offset sync|checkpoint and offset sync stores|Started MirrorCheckpointConnector/.test(l))
        .slice(-20)
        .join('\n')
    : '';

describe('migration end to end: Kafka 3.9 (ZooKeeper) -> terraform apply on the AliKafka stand-in -> MirrorMaker 2 -> cutover -> verify', () => {
  const p = unique('e2e');
  const work = workDir('e2e');
  const T = { keyed: `${p}-keyed`, keyless: `${p}-keyless`, compact: `${p}-compact`, old: `${p}-old`, renamed: `${p}-new`, large: `${p}-large` };
  /** Records over 1 MiB (the source topic allows 5 MiB): partition 0 big, small, big; partition 1 small, big. */
  const LARGE_LIMIT = 5 * 1024 * 1024;
  const LARGE = [
    { partition: 0, key: 'l-0', value: Buffer.alloc(2 * 1024 * 1024, 1) },
    { partition: 0, key: 'l-1', value: Buffer.from('small') },
    { partition: 0, key: 'l-2', value: Buffer.alloc(2 * 1024 * 1024, 2) },
    { partition: 1, key: 'l-3', value: Buffer.from('small') },
    { partition: 1, key: 'l-4', value: Buffer.alloc(3 * 1024 * 1024, 3) },
  ];
  const GROUP = `${p}-billing`;
  const DRAINED = `${p}-drained`;
  const pairs: Array<[string, string]> = [
    [T.keyed, T.keyed],
    [T.keyless, T.keyless],
    [T.compact, T.compact],
    [T.old, T.renamed],
  ];
  let rh: Rehearsal;
  let source: PlainBroker | undefined;
  let src: Kafka;
  let tgt: Kafka;
  let mm2: Proc | undefined;
  let endpoint: string;
  let report: MirrorReport;
  let policyJar: string;
  let lib39: string;
  let planFlags: string[];
  /** `--plan` of the plan file synth wrote beside the stack: what cutover and verify read. */
  let planFile: string[];
  let applied: { planned: number; brokerMatchesPlan: boolean; topicsOnBroker: string[]; groupsOnBroker: string[]; messageMaxBytes: number };
  const produced = new Map<string, Msg[]>();
  let consumedHalf = new Map<string, Msg[]>();
  const mmDir = path.join(work, 'mirror');

  const clusters = (): string[] => ['--source-bootstrap', (source as PlainBroker).bootstrap, '--target-bootstrap', endpoint];

  async function cutover(extra: string[] = []): Promise<{ g: GroupVerdict; result: CutoverResult }> {
    const r = await runCli(['cutover', ...planFile, ...clusters(), '--group', GROUP, '--json', ...extra]);
    if (r.code !== 0) throw new Error(`cutover exited ${r.code}: ${r.err}`);
    const result = JSON.parse(r.out) as CutoverResult;
    return { g: result.groups.find((x) => x.group === GROUP) as GroupVerdict, result };
  }

  async function verify(): Promise<{ code: number; result: VerifyResult; out: string }> {
    const r = await runCli(['verify', ...planFile, ...clusters(), '--json']);
    return { code: r.code, result: JSON.parse(r.out) as VerifyResult, out: r.out + r.err };
  }

  async function translatedOffsets(): Promise<Map<string, Map<number, number>>> {
    const o = await withAdmin(tgt, (a) => a.fetchOffsets({ groupId: GROUP, topics: [T.keyed, T.renamed] }));
    return new Map(o.map((t) => [t.topic, new Map(t.partitions.map((x) => [x.partition, Number(x.offset)]))]));
  }

  beforeAll(async () => {
    rh = newRehearsal();
    await rh.start();
    lib39 = rigKafka39Lib();
    source = await startZkBroker(lib39, `127.0.0.1:${rh.ports.zk}`, '/source39', path.join(work, 'source39'));
    src = kafkaClient(source.bootstrap);

    // --- source topics, data and groups (test setup writes to the source; the tool never does)
    await withAdmin(src, (a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: T.keyed, numPartitions: 3, replicationFactor: 1 },
          { topic: T.keyless, numPartitions: 2, replicationFactor: 1 },
          { topic: T.compact, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
          { topic: T.old, numPartitions: 2, replicationFactor: 1 },
          { topic: T.large, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(LARGE_LIMIT) }] },
        ],
      }),
    );
    const lp = src.producer();
    await lp.connect();
    for (const m of LARGE) await lp.send({ topic: T.large, messages: [m] });
    await lp.disconnect();
    for (const topic of [T.keyed, T.keyless, T.compact, T.old]) await produceNumbered(src, topic, N, topic !== T.keyless);
    for (const topic of [T.keyed, T.keyless, T.compact, T.old]) produced.set(topic, await readAll(src, topic, `${p}-read-src-${topic}`));
    // a group consumed the first half of every partition of two topics (one renamed on the target), and stopped
    consumedHalf = await consumeUntil(src, GROUP, await offsetsAt(src, [T.keyed, T.old], 0.5));
    // a second group read all of the keyless topic
    await consumeUntil(src, DRAINED, await offsetsAt(src, [T.keyless], 1));
    // ... and all of the large topic (committed as a consumer that read it would: test setup on the source)
    const largeEnds = await withAdmin(src, (a) => a.fetchTopicOffsets(T.large));
    await withAdmin(src, (a) =>
      a.setOffsets({ groupId: DRAINED, topic: T.large, partitions: largeEnds.map((o) => ({ partition: o.partition, offset: o.high })) }),
    );

    // --- export, plan, synth and apply, as a user would
    const meta = path.join(work, 'meta.json');
    const exp = await runCli(['export', '--bootstrap-servers', source.bootstrap, '--target-directory', work, '--file-name', 'meta.json']);
    if (exp.code !== 0) throw new Error(`export exited ${exp.code}: ${exp.err}`);
    const renames = path.join(work, 'renames.json');
    fs.writeFileSync(renames, JSON.stringify({ topics: { [T.old]: T.renamed } }));
    // MirrorMaker's settings are plan flags: synth plans its topics, terraform apply creates them, mirror renders the rest
    planFlags = [
      '--metadata',
      meta,
      '--include',
      `${p}-*`,
      '--rename-map',
      renames,
      ...ONE_ZONE,
      '--mirror',
      'dedicated',
      '--replication-factor',
      '1',
      '--checkpoint-interval',
      String(CHECKPOINT_SECONDS),
      '--max-tasks',
      '4',
    ];
    const s = await synth(path.join(work, 'synth'), planFlags);
    planFile = ['--plan', path.join(s.stackDir, 'migration-plan.json')];
    const env = rh.passwordVars(s.stackDir);
    const { planned } = await applyStack(rh, s.stackDir, env, undefined, path.join(work, 'terraform.tfstate'));
    const snap = await rh.snapshot();
    const outputs = JSON.parse((await rh.terraform(s.stackDir, ['output', '-json'], env)).stdout) as Record<string, { value: string }>;
    endpoint = outputs.endpoint.value;
    tgt = kafkaClient(endpoint);
    applied = {
      planned: planned.create,
      brokerMatchesPlan: JSON.stringify(snap) === JSON.stringify(expectedBroker(s.plan)),
      topicsOnBroker: snap.topics.map((t) => `${t.name}/${t.partitions}`),
      messageMaxBytes: (await rh.broker.instanceSettings()).messageMaxBytes,
      groupsOnBroker: snap.groups,
    };

    // --- MirrorMaker 2 from the same plan, at the endpoint Terraform reported
    const gen = await runCli(['mirror', ...planFile, ...clusters(), '--out', mmDir]);
    if (gen.code !== 0) throw new Error(`mirror exited ${gen.code}: ${gen.err}`);
    report = JSON.parse(fs.readFileSync(path.join(mmDir, 'mirror-report.json'), 'utf8')) as MirrorReport;
    policyJar = buildPolicyJar(path.join(mmDir, 'RenamingReplicationPolicy.java'), lib39, path.join(work, 'policy'));
    mm2 = startMirrorMaker(lib39, path.join(mmDir, 'mm2.properties'), 'ali', path.join(work, 'mm2'), [policyJar]);
  }, 900_000);

  afterAll(async () => {
    await mm2?.stop();
    await source?.stop();
    await rh?.stop();
  }, 120_000);

  test('terraform apply made exactly the planned topics on the stand-in, and the generated config copies them, renaming one through the policy', () => {
    expect(applied.brokerMatchesPlan).toBe(true);
    // the planned topics and MirrorMaker's own (synth --mirror dedicated on Professional: compacted, local storage)
    const own = [
      'heartbeats/1',
      'mm2-configs.src.internal/1',
      'mm2-offset-syncs.src.internal/1',
      'mm2-offsets.src.internal/5',
      'mm2-status.src.internal/5',
      'src.checkpoints.internal/1',
    ];
    expect([...applied.topicsOnBroker].sort()).toEqual([`${T.compact}/2`, `${T.keyed}/3`, `${T.keyless}/2`, `${T.large}/2`, `${T.renamed}/2`, ...own].sort());
    expect(applied.groupsOnBroker).toContain('src-mm2');
    // the instance's message limit (planned from the large topic's 5 MiB) reached the stand-in's broker, and MirrorMaker's producer
    expect(applied.messageMaxBytes).toBe(LARGE_LIMIT);
    expect(endpoint).toBe(rh.broker.plaintextEndpoint);
    const props = parseProperties(fs.readFileSync(path.join(mmDir, 'mm2.properties'), 'utf8'));
    expect(props.get('src->ali.topics')?.split(',').sort()).toEqual([T.compact, T.keyed, T.keyless, T.large, T.old].sort());
    expect(props.get('ali.producer.max.request.size')).toBe(String(LARGE_LIMIT + 64 * 1024));
    expect(props.get('replication.policy.topic.renames')).toBe(`${T.old}:${T.renamed}`);
    expect(props.get('src->ali.groups')?.split(',').sort()).toEqual([GROUP, DRAINED].sort());
    expect(report.topics.find((t) => t.from === T.old)).toMatchObject({ to: T.renamed, copy: 'renamed-by-policy' });
  });

  test('every message arrives exactly once per topic with its key in the same partition number, and verify passes', async () => {
    await waitFor(
      'MirrorMaker to copy every topic',
      async () => {
        if (mm2 && mm2.proc.exitCode !== null) throw new Error('MirrorMaker exited');
        for (const [from, to] of pairs) if ((await endOffsets(tgt, to)) < (produced.get(from)?.length ?? 0)) return false;
        return (await endOffsets(tgt, T.large)) >= LARGE.length;
      },
      600_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- MirrorMaker log tail:\n${tail(mm2)}`);
    });
    // MirrorMaker ran on what one terraform apply created: it created no topic of its own (it would have, had one been missing)
    expect((await rh.snapshot()).topics.map((t) => `${t.name}/${t.partitions}`)).toEqual(applied.topicsOnBroker);
    const counts: string[] = [];
    for (const [from, to] of pairs) {
      const a = produced.get(from) ?? [];
      const b = await readAll(tgt, to, `${p}-read-tgt-${to}`);
      expect(a.length).toBe(N);
      expect(b.length).toBe(N);
      expect(new Set(b.map((m) => `${m.key}\u0000${m.value}`)).size).toBe(N);
      expect(checksum(b)).toBe(checksum(a));
      const where = new Map(a.map((m) => [m.value, m.partition]));
      expect(b.filter((m) => where.get(m.value) !== m.partition)).toEqual([]);
      counts.push(`${from} -> ${to}: ${b.length} messages, sha256 ${checksum(b).slice(0, 12)}`);
    }
    const v = await verify();
    expect(v.result.differences).toEqual([]);
    expect(v.result.ok).toBe(true);
    expect(v.code).toBe(0);
    // every record read: the keyed, keyless and renamed topics record by record, the large records included; the
    // compacted topic by the latest record per key
    expect(v.result.messagesCompared).toBe(3 * N + LARGE.length);
    expect(v.result.compactedResults).toEqual([{ topic: T.compact, sourceKeys: N, targetKeys: N, match: true }]);
    expect(v.result.partitionResults.filter((r) => r.topic === T.large).map((r) => [r.partition, r.sourceCount, r.targetCount, r.match])).toEqual([
      [0, 3, 3, true],
      [1, 2, 2, true],
    ]);

    console.log(
      `e2e copy (N=${N} per topic):\n  ${counts.join('\n  ')}\n  verify: ok, ${v.result.messagesCompared} messages, ${v.result.partitions} partitions`,
    );
  });

  test('a group that read the topic with records over 1 MiB is ready-to-switch on the target', async () => {
    let last: GroupVerdict | undefined;
    await waitFor(
      'cutover to say ready-to-switch for the group of the large topic',
      async () => {
        const r = await runCli(['cutover', ...planFile, ...clusters(), '--group', DRAINED, '--json', '--max-lag', '0', '--stable-seconds', '0']);
        if (r.code !== 0) throw new Error(`cutover exited ${r.code}: ${r.err}`);
        last = (JSON.parse(r.out) as CutoverResult).groups.find((x) => x.group === DRAINED);
        return last?.verdict === 'ready-to-switch';
      },
      300_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last verdict: ${JSON.stringify(last)}\n--- MirrorMaker log tail:\n${tail(mm2)}`);
    });
    const translated = await withAdmin(tgt, (a) => a.fetchOffsets({ groupId: DRAINED, topics: [T.large] }));
    expect(translated[0].partitions.map((x) => [x.partition, Number(x.offset)]).sort()).toEqual([
      [0, 3],
      [1, 2],
    ]);
  });

  test('half-way: cutover says draining, and the translated offsets on the target skip nothing the group had not read (re-reads counted)', async () => {
    let seen = new Map<string, Map<number, number>>();
    const translated = await waitFor(
      'translated offsets of the group on the target',
      async () => {
        const t = await translatedOffsets();
        seen = t;
        return t.size === 2 && [...t.values()].every((m) => [...m.values()].some((o) => o >= 0)) ? t : false;
      },
      300_000,
    ).catch((e: Error) => {
      const last = [...seen].map(([topic, m]) => `${topic}: ${JSON.stringify([...m])}`).join('; ');
      const committed = [...consumedHalf].map(([topic, msgs]) => `${topic}: ${msgs.length} read`).join('; ');
      throw new Error(
        `${e.message}; last seen on the target (partition, offset): ${last}; on the source the group had ${committed}\n--- MirrorMaker on offset translation:\n${translationLog(mm2)}\n--- MirrorMaker log tail:\n${tail(mm2)}`,
      );
    });
    // MirrorMaker 3.9 sends at most 10 offset syncs at a time and keeps only the latest waiting one per partition
    // (OffsetSyncWriter: MAX_OUTSTANDING_OFFSET_SYNCS, pendingOffsetSyncs), so when it copies the data in one burst
    // most partitions get a sync at the start and one at the end, and a group stopped in between is translated
    // coarsely (to just after the earlier sync) or, with no sync at or below its offset, not at all (-1). The
    // delayed syncs go out at the source task's next commit (offset.flush.interval.ms, 10 s) and checkpoints follow
    // within emit.checkpoints.interval: wait that long once, then read what MirrorMaker settled on.
    await new Promise((r) => setTimeout(r, 20_000));
    for (const [topic, m] of await translatedOffsets()) translated.set(topic, m);
    const { g } = await cutover(['--max-lag', '0']);
    expect(g.verdict).toBe('draining');
    expect(g.members).toBe(0);
    expect(g.lag).toBe(2 * N - [...consumedHalf.values()].reduce((n, m) => n + m.length, 0));
    const lines: string[] = [];
    for (const [from, to] of [
      [T.keyed, T.keyed],
      [T.old, T.renamed],
    ]) {
      const all = await readAll(tgt, to, unique(`${p}-resume-${to}`));
      const seen = new Set((consumedHalf.get(from) ?? []).map((m) => m.value));
      for (const [part, at] of [...(translated.get(to) ?? new Map<number, number>()).entries()].sort(([a], [b]) => a - b)) {
        const inPart = all.filter((m) => m.partition === part);
        expect(inPart.filter((m) => m.offset < at && !seen.has(m.value))).toEqual([]); // no gap
        const consumed = inPart.filter((m) => seen.has(m.value)).length;
        const reread = inPart.filter((m) => m.offset >= at && seen.has(m.value)).length;
        expect(at).toBeLessThanOrEqual(consumed); // never ahead of the source group: ahead would skip records
        lines.push(
          at < 0
            ? `${to}[${part}]: source committed ${consumed}, not translated (no offset sync at or below it)`
            : `${to}[${part}]: source committed ${consumed}, translated ${at}, a resume would re-read ${reread}`,
        );
      }
    }

    console.log(`e2e half-way: cutover ${g.verdict} (lag ${g.lag}); ${lines.join('; ')}`);
  });

  test('after the source consumer finishes: cutover says ready-to-switch, and the group on the target reads exactly the records produced later, no gap, no duplicate', async () => {
    await consumeUntil(src, GROUP, await offsetsAt(src, [T.keyed, T.old], 1));
    let last: GroupVerdict | undefined;
    const t0 = Date.now();
    await waitFor(
      'cutover to say ready-to-switch',
      async () => {
        last = (await cutover(['--max-lag', '0', '--stable-seconds', '2'])).g;
        return last.verdict === 'ready-to-switch';
      },
      300_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last verdict: ${JSON.stringify(last)}\n--- MirrorMaker log tail:\n${tail(mm2)}`);
    });
    const readyAfter = (Date.now() - t0) / 1000;
    expect(last?.targetIssues).toEqual([]);
    // the translated offsets are the source group's committed offsets, partition by partition
    const committed = await withAdmin(src, (a) => a.fetchOffsets({ groupId: GROUP, topics: [T.keyed, T.old] }));
    const translated = await translatedOffsets();
    for (const c of committed) {
      const to = c.topic === T.old ? T.renamed : c.topic;
      for (const x of c.partitions) expect(translated.get(to)?.get(x.partition)).toBe(Number(x.offset));
    }

    // producers keep writing to the source for a moment; MirrorMaker copies it; then the consumer switches
    const LATER = 60;
    await produceNumbered(src, T.keyed, LATER, true, N);
    await produceNumbered(src, T.old, LATER, true, N);
    await waitFor(
      'the later records on the target',
      async () => (await endOffsets(tgt, T.keyed)) >= N + LATER && (await endOffsets(tgt, T.renamed)) >= N + LATER,
      300_000,
    );
    await mm2?.stop(); // MirrorMaker syncs a group's offsets only while it is inactive on the target: stop it before the switch
    mm2 = undefined;
    const c = tgt.consumer({ groupId: GROUP, maxWaitTimeInMs: 200 });
    const got: Msg[] = [];
    await c.connect();
    await c.subscribe({ topics: [T.keyed, T.renamed], fromBeginning: true });
    await c.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        got.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', partition, offset: Number(message.offset) });
      },
    });
    await waitFor('the switched consumer to read the later records', async () => got.length >= 2 * LATER, 120_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 3000)); // anything beyond the later records would arrive now
    await c.disconnect();
    const want = [...Array.from({ length: LATER }, (_, i) => `${T.keyed}:${N + i}`), ...Array.from({ length: LATER }, (_, i) => `${T.old}:${N + i}`)].sort();
    expect(got.map((m) => m.value.split(':').slice(0, 2).join(':')).sort()).toEqual(want);

    console.log(
      `e2e switch: ready-to-switch ${readyAfter.toFixed(1)} s after the source consumer finished (checkpoint interval ${CHECKPOINT_SECONDS} s); the group on the target read ${got.length} records: the ${2 * LATER} produced later, 0 re-read, 0 missed`,
    );
  });

  test('verify fails, naming the partition, when one message is removed from the target', async () => {
    // out of band, through the broker (test setup): the first record of partition 0 is gone
    await withAdmin(tgt, async (a) => {
      await a.fetchTopicMetadata({ topics: [T.keyed] });
      await a.deleteTopicRecords({ topic: T.keyed, partitions: [{ partition: 0, offset: '1' }] });
    });
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.result.ok).toBe(false);
    expect(v.result.differences.filter((d) => d.kind === 'count')).toEqual([expect.objectContaining({ kind: 'count', object: T.keyed, partition: 0 })]);

    console.log(
      `e2e verify after removing one record: exit ${v.code}, ${v.result.differences.map((d) => `${d.kind} ${d.object}[${d.partition}] ${d.source} vs ${d.target}`).join('; ')}`,
    );
  });

  test("--reverse keeps the source group's committed offsets (read-only) and its MirrorMaker copies only what is produced on the target afterwards, back under the source names", async () => {
    const before = await withAdmin(src, (a) => a.fetchOffsets({ groupId: GROUP, topics: [T.keyed, T.old] }));
    const revDir = path.join(work, 'mirror-reverse');
    const gen = await runCli(['mirror', '--reverse', ...planFile, ...clusters(), '--out', revDir]);
    expect(gen.err).not.toMatch(/^error/m);
    expect(gen.code).toBe(0);
    const rb = JSON.parse(fs.readFileSync(path.join(revDir, 'rollback-offsets.json'), 'utf8')) as {
      origin: string;
      groups: Array<{ group: string; offsets: Array<{ topic: string; partition: number; offset: number }> }>;
    };
    expect(rb.origin).toBe('source-cluster');
    const order = (xs: Array<{ topic: string; partition: number; offset: number }>): string[] => xs.map((x) => `${x.topic}[${x.partition}]=${x.offset}`).sort();
    expect(order(rb.groups.find((g) => g.group === GROUP)?.offsets ?? [])).toEqual(
      order(before.flatMap((t) => t.partitions.map((x) => ({ topic: t.topic, partition: x.partition, offset: Number(x.offset) })))),
    );
    expect(await withAdmin(src, (a) => a.fetchOffsets({ groupId: GROUP, topics: [T.keyed, T.old] }))).toEqual(before);

    const props = parseProperties(fs.readFileSync(path.join(revDir, 'mm2.properties'), 'utf8'));
    expect(props.get('replication.policy.topic.renames')).toBe(`${T.renamed}:${T.old}`);
    const onSourceBefore = await endOffsets(src, T.old);
    const rev = startMirrorMaker(lib39, path.join(revDir, 'mm2.properties'), 'src', path.join(work, 'mm2-reverse'), [policyJar]);
    try {
      const producer = tgt.producer();
      await producer.connect();
      // the reverse flow starts at the end of the target topics: probe until it copies, then send the real records
      let probes = 0;
      await waitFor(
        'the reverse MirrorMaker to copy a probe record',
        async () => {
          if (rev.proc.exitCode !== null) throw new Error(`reverse MirrorMaker exited: ${tail(rev)}`);
          await producer.send({ topic: T.renamed, messages: [{ key: `probe-${probes}`, value: `probe:${probes++}` }] });
          return (await endOffsets(src, T.old)) > onSourceBefore;
        },
        600_000,
      );
      const fresh = Array.from({ length: 100 }, (_, i) => ({ key: `rb-${i}`, value: `rollback:${i}` }));
      await producer.send({ topic: T.renamed, messages: fresh });
      await producer.disconnect();
      const all = await waitFor(
        'the 100 records produced on the target to reach the source',
        async () => {
          const a = await readAll(src, T.old, unique(`${p}-rb`));
          return fresh.every((f) => a.some((m) => m.value === f.value)) ? a : false;
        },
        600_000,
      );
      // nothing that was on the target before the reverse flow started came back: no duplicates on the source
      expect(new Set(all.map((m) => m.value)).size).toBe(all.length);
      expect(all.filter((m) => m.value.startsWith(`${T.old}:`)).length).toBe(onSourceBefore);
      expect(all.filter((m) => m.value.startsWith('rollback:')).length).toBe(100);

      console.log(
        `e2e reverse: ${T.renamed} -> ${T.old}: 100 new records copied back once, ${all.filter((m) => m.value.startsWith('probe:')).length} of ${probes} probes, 0 of ${onSourceBefore} earlier records`,
      );
    } finally {
      await rev.stop();
    }
  });
});
