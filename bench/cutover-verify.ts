/**
 * `cutover` and `verify` at size, against the test rig: 2 000 topics × 2 partitions with 5 messages per partition
 * on both the ZooKeeper-mode broker (source) and the KRaft broker (target), and 5 000 consumer groups committed
 * at the end on both (test setup writes them; the tools only read). The metadata file is written directly.
 *
 * Each command (the CLI, as a user runs it) is timed next to Kafka's own tools from the same jars, same run:
 * - cutover (--stable-seconds 0) vs `kafka-consumer-groups --describe --all-groups` on the source alone;
 * - verify (all messages) vs `kafka-console-consumer` reading the same messages from both clusters.
 *
 * `runCutoverVerifyBench()` returns `name: value` lines.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../lib/cli';
import { Kafka } from '../tools/kafka';
import { need, median } from './util';

const TOPICS = 2_000;
const PARTITIONS = 2;
const PER_PARTITION = 5;
const GROUPS = 5_000;
const RUNS = 3;
// the same timestamps on both clusters, as MirrorMaker 2 keeps them; recent, so retention keeps the messages
const SEED_TIME = Date.now() - 3_600_000;

const topicName = (i: number): string => `bench-cv-${String(i).padStart(5, '0')}`;
const groupName = (i: number): string => `bench-cv-group-${String(i).padStart(5, '0')}`;

/** Topics, messages and group offsets on one broker, once (a marker group makes it idempotent). */
async function seed(bootstrap: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-seed', brokers: [bootstrap], requestTimeout: 120_000 });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const marker = `bench-cv-seeded-v3-${TOPICS}-${GROUPS}`;
    if ((await admin.listGroups()).groups.some((g) => g.groupId === marker)) return;
    const have = new Set(await admin.listTopics());
    const missing = Array.from({ length: TOPICS }, (_, i) => topicName(i)).filter((t) => !have.has(t));
    for (let k = 0; k < missing.length; k += 200) {
      await admin
        .createTopics({
          timeout: 120_000,
          waitForLeaders: false,
          topics: missing.slice(k, k + 200).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
        })
        .catch(() => undefined);
    }
    for (let tries = 0; ; tries++) {
      const now = new Set(await admin.listTopics());
      const still = Array.from({ length: TOPICS }, (_, i) => topicName(i)).filter((n) => !now.has(n));
      if (still.length === 0) break;
      if (tries > 120) throw new Error(`${still.length} bench topics could not be created on ${bootstrap}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const names = Array.from({ length: TOPICS }, (_, i) => topicName(i));
    // every partition led before the first write or ListOffsets: a just-created topic answers "not the leader" until then
    for (let tries = 0; ; tries++) {
      const md = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = md.topics.reduce((n, t) => n + t.partitions.filter((x) => x.leader < 0).length, 0);
      if (leaderless === 0) break;
      if (tries > 120) throw new Error(`${leaderless} partitions of the bench topics have no leader on ${bootstrap} after 2 min`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    // ListOffsets of every partition at once (the admin client sends one request per leader)
    const endOffsets = async (fromBeginning = false): Promise<Map<string, string[]>> => {
      const res = await admin.raw.listOffsets({
        topics: names.map((name) => ({
          name,
          partitions: Array.from({ length: PARTITIONS }, (_, partitionIndex) => ({ partitionIndex, timestamp: fromBeginning ? -2n : -1n })),
        })),
      });
      return new Map(res.map((t) => [t.name, [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => String(p.offset))]));
    };
    // messages only into topics that hold none yet (an interrupted seed is completed, not doubled)
    const [starts, ends0] = await Promise.all([endOffsets(true), endOffsets()]);
    const empty = new Set([...ends0].filter(([t, ends]) => ends.every((e, i) => e === starts.get(t)?.[i])).map(([t]) => t));
    const producer = kafka.producer();
    await producer.connect();
    const todo = names.filter((t) => empty.has(t));
    for (let k = 0; k < todo.length; k += 100) {
      await producer.sendBatch({
        topicMessages: todo.slice(k, k + 100).map((topic) => ({
          topic,
          messages: Array.from({ length: PARTITIONS * PER_PARTITION }, (_, m) => ({
            key: `key-${m}`,
            value: `value-${topic}-${m}`,
            partition: m % PARTITIONS,
            timestamp: String(SEED_TIME + m),
          })),
        })),
      });
    }
    await producer.disconnect();
    const ends = await endOffsets();
    // plain OffsetCommit requests without a join (generation -1, as a consumer using assign() commits): setOffsets
    // would run a consumer through a whole group join per group
    const ids = Array.from({ length: GROUPS }, (_, i) => i);
    for (let k = 0; k < ids.length; k += 100) {
      await Promise.all(
        ids.slice(k, k + 100).map((i) =>
          admin.raw.alterConsumerGroupOffsets({
            groupId: groupName(i),
            topics: [
              {
                name: topicName(i % TOPICS),
                partitionOffsets: (ends.get(topicName(i % TOPICS)) ?? []).map((offset, partition) => ({ partition, offset: BigInt(offset) })),
              },
            ],
          }),
        ),
      );
    }
    await admin.setOffsets({ groupId: marker, topic: topicName(0), partitions: [{ partition: 0, offset: '0' }] });
  } finally {
    await admin.disconnect();
  }
}

function metadataFile(dir: string, source: string): string {
  const meta = {
    formatVersion: 1,
    source: { kind: 'kafka-admin', endpoint: source, collectedAt: '2026-12-01T00:00:00Z' },
    topics: Array.from({ length: TOPICS }, (_, i) => ({ name: topicName(i), partitions: PARTITIONS, replicationFactor: 1 })),
    consumerGroups: Array.from({ length: GROUPS }, (_, i) => ({
      groupId: groupName(i),
      protocolType: 'consumer',
      state: 'Empty',
      members: 0,
      topics: [topicName(i % TOPICS)],
      offsets: Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: topicName(i % TOPICS), partition, offset: PER_PARTITION })),
    })),
  };
  const file = path.join(dir, 'bench-cv-metadata.json');
  fs.writeFileSync(file, JSON.stringify(meta));
  return file;
}

async function timeCli(argv: string[]): Promise<{ ms: number; out: string; code: number }> {
  let out = '';
  let err = '';
  const t0 = process.hrtime.bigint();
  const code = await main(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTty: false,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code > 1 || out === '') throw new Error(`alikafka-migrate ${argv[0]} failed (${code}): ${err.slice(0, 500)}`);
  return { ms, out, code };
}

function timeJava(cp: string, cls: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('java', ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-cp', cp, cls, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cls} failed: ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

export async function runCutoverVerifyBench(log: (line: string) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  const push = (l: string): void => {
    out.push(l);
    log(l);
  };
  const source = need('RIG_KAFKA_ZK');
  const target = need('RIG_KAFKA_KRAFT');
  const cp = need('RIG_KAFKA_CLASSPATH');
  // the seed is idempotent (it completes an interrupted one), so a transient broker error is retried whole
  const seeded = async (bootstrap: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await seed(bootstrap);
      } catch (e) {
        if (attempt >= 3) throw e;
        process.stderr.write(`cutover-verify bench: seeding ${bootstrap} failed (${(e as Error).message}); again\n`);
      }
    }
  };
  await Promise.all([seeded(source), seeded(target)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alikafka-bench-cv-'));
  const metadata = metadataFile(dir, source);
  // the commands read the plan file synth writes for this metadata
  const synth = await timeCli(['synth', '--metadata', metadata, '--instance-id', 'alikafka_post-cn-bench', '--out', path.join(dir, 'synth')]);
  if (synth.code !== 0) throw new Error(`synth exited ${synth.code}`);
  const plan = path.join(dir, 'synth', 'stacks', 'alikafka-migration', 'migration-plan.json');
  const common = ['--plan', plan, '--source-bootstrap', source, '--target-bootstrap', target, '--json'];
  const cutoverArgs = ['cutover', ...common, '--stable-seconds', '0'];
  const verifyArgs = ['verify', ...common];

  // warm-up, and a check that the commands see what the bench set up
  const c = await timeCli(cutoverArgs);
  const cr = JSON.parse(c.out) as { counts: Record<string, number>; groups: unknown[] };
  if (cr.groups.length !== GROUPS || cr.counts['ready-to-switch'] !== GROUPS)
    throw new Error(`cutover: expected ${GROUPS} ready-to-switch groups, got ${JSON.stringify(cr.counts)}`);
  const v = await timeCli(verifyArgs);
  const vr = JSON.parse(v.out) as { ok: boolean; messagesCompared: number; differences: unknown[]; partitions: number };
  if (!vr.ok || vr.partitions !== TOPICS * PARTITIONS || vr.messagesCompared < TOPICS * PARTITIONS * PER_PARTITION) {
    throw new Error(
      `verify: expected a match over ${TOPICS * PARTITIONS} partitions, got ok=${vr.ok}, ${vr.partitions} partitions, ${vr.differences.length} differences`,
    );
  }

  const cutoverMs: number[] = [];
  const groupsToolMs: number[] = [];
  const verifyMs: number[] = [];
  const consumerMs: number[] = [];
  const total = vr.messagesCompared;
  const consume = (bootstrap: string, run: number): number =>
    timeJava(cp, 'org.apache.kafka.tools.consumer.ConsoleConsumer', [
      '--bootstrap-server',
      bootstrap,
      '--include',
      'bench-cv-[0-9]+',
      '--from-beginning',
      '--max-messages',
      String(total),
      '--group',
      `bench-cv-console-${Date.now()}-${run}`,
      '--property',
      'print.key=true',
      '--timeout-ms',
      '120000',
    ]);
  for (let i = 0; i < RUNS; i++) {
    cutoverMs.push((await timeCli(cutoverArgs)).ms);
    groupsToolMs.push(timeJava(cp, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', source, '--describe', '--all-groups']));
    verifyMs.push((await timeCli(verifyArgs)).ms);
    consumerMs.push(consume(source, i) + consume(target, i));
  }
  const cm = median(cutoverMs);
  const gm = median(groupsToolMs);
  const vm = median(verifyMs);
  const km = median(consumerMs);
  push(`cutover_verify_topics: ${TOPICS} x ${PARTITIONS} partitions, ${total} messages per cluster`);
  push(`cutover_verify_groups: ${GROUPS}`);
  push(`cutover_ms: ${cm.toFixed(0)} (both clusters, --stable-seconds 0, ${GROUPS} groups ready-to-switch)`);
  push(`kafka_consumer_groups_describe_all_ms: ${gm.toFixed(0)} (source only)`);
  push(`cutover_ratio_to_kafka_consumer_groups: ${(cm / gm).toFixed(2)}`);
  push(`verify_ms: ${vm.toFixed(0)} (both clusters, all ${total} messages per side)`);
  push(`kafka_console_consumer_both_clusters_ms: ${km.toFixed(0)}`);
  push(`verify_ratio_to_console_consumer: ${(vm / km).toFixed(2)}`);
  return out;
}
