/**
 * Golden renderings that need no cluster: the client configurations in each format (client-config against the
 * sample applied state and the bundled example's golden plan file), and the cutover and verify renderings of
 * fixed results (their decision functions fed fixed offsets, groups and message hashes). Written under
 * test/golden/renderings by `npm run golden:update`; test/golden/golden.test.ts compares them byte for byte.
 */
import * as path from 'path';
import { runClientConfig } from '../lib/cli/client-config';
import { anchorKey, decideCutover, GroupState, renderCutover, Sample } from '../lib/cutover/verdict';
import { compareMigration, keyId, messageHash, renderVerify, TopicRead } from '../lib/verify/compare';

/** Paths relative to the repository root, so the files name them the same on every machine. */
const STATE = path.join('examples', 'clients', 'terraform-show-state.json');
const PLAN = path.join('test', 'golden', 'bundled-example', 'stacks', 'alikafka-migration', 'migration-plan.json');

const quiet = { out: (): void => undefined, err: (): void => undefined, isTty: false };

/** client-config's output per format and role, run from `root` (the paths in the files are relative to it). */
function clientConfigs(root: string): Array<[string, string]> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const base = { state: STATE, plan: PLAN, auth: 'sasl-scram', network: 'vpc', profile: [] } as const;
    return [
      ['client-config/consumer.properties', runClientConfig({ ...base, role: 'consumer', group: 'cg', format: 'properties' }, quiet)],
      ['client-config/consumer.kafkajs.json', runClientConfig({ ...base, role: 'consumer', group: 'cg', format: 'kafkajs' }, quiet)],
      ['client-config/consumer.librdkafka.conf', runClientConfig({ ...base, role: 'consumer', group: 'cg', format: 'librdkafka' }, quiet)],
      ['client-config/producer.properties', runClientConfig({ ...base, role: 'producer', format: 'properties', profile: ['high-volume'] }, quiet)],
    ];
  } finally {
    process.chdir(cwd);
  }
}

const offsets = (m: Record<string, Array<[number, number]>>): Sample['sourceOffsets'] =>
  new Map(Object.entries(m).map(([t, ps]) => [t, new Map(ps.map(([s, e], p) => [p, { start: BigInt(s), end: BigInt(e) }]))]));
const committed = (m: Record<string, number[]>): ReadonlyMap<string, ReadonlyMap<number, bigint>> =>
  new Map(Object.entries(m).map(([t, ps]) => [t, new Map(ps.map((o, p) => [p, BigInt(o)]))]));
const member = (host: string): GroupState['members'][number] => ({ clientId: 'app-1', clientHost: host });

/** One group per verdict, two topics (one renamed), two samples 10 s apart. */
function cutoverText(): string {
  const groups: ReadonlyMap<string, GroupState> = new Map<string, GroupState>([
    ['billing', { state: 'Stable', protocolType: 'consumer', members: [member('10.0.0.7')], subscribed: ['orders'] }],
    ['ledger', { state: 'Empty', protocolType: 'consumer', members: [], subscribed: [] }],
    ['reports', { state: 'Stable', protocolType: 'consumer', members: [member('10.0.0.9')], subscribed: ['events'] }],
    ['audit', { state: 'Empty', protocolType: '', members: [], subscribed: [] }],
    ['legacy', { state: 'Stable', protocolType: 'custom', members: [member('10.0.0.11')], subscribed: [] }],
    ['payments', { state: 'Empty', protocolType: 'consumer', members: [], subscribed: [] }],
  ]);
  const sample = (at: number, billing: number[]): Sample => ({
    at,
    sourceOffsets: offsets({
      orders: [
        [0, 100],
        [0, 100],
      ],
      events: [[0, 40]],
    }),
    targetOffsets: offsets({
      orders_v2: [
        [0, 100],
        [0, 90],
      ],
      events: [[0, 40]],
    }),
    sourceGroups: groups,
    sourceCommitted: new Map([
      ['billing', committed({ orders: billing })],
      ['ledger', committed({ orders: [100, 100] })],
      ['reports', committed({ events: [40] })],
      ['audit', committed({ events: [40] })],
      ['legacy', committed({ events: [40] })],
      ['payments', committed({ events: [30] })],
    ]),
  });
  const anchors = new Map(
    [
      ['ledger', 'orders', 0],
      ['ledger', 'orders', 1],
      ['reports', 'events', 0],
    ].map(([g, t, p]) => [anchorKey(g as string, t as string, p as number), { source: `m-${g}-${p}`, target: `m-${g}-${p}` }]),
  );
  const result = decideCutover({
    topics: [
      { sourceName: 'orders', targetName: 'orders_v2' },
      { sourceName: 'events', targetName: 'events' },
    ],
    groups: [
      { sourceId: 'billing', targetName: 'billing' },
      { sourceId: 'ledger', targetName: 'ledger', offsetsSynced: true },
      { sourceId: 'legacy', targetName: 'legacy', offsetsSynced: true },
      { sourceId: 'payments', targetName: 'payments', offsetsSynced: true },
      { sourceId: 'reports', targetName: 'reports' },
      { sourceId: 'audit', targetName: 'audit' },
    ],
    samples: [sample(1_700_000_000_000, [40, 60]), sample(1_700_000_010_000, [60, 80])],
    targetCommitted: new Map([
      ['ledger', committed({ orders_v2: [100, 100] })],
      ['reports', committed({ events: [40] })],
    ]),
    targetGroups: new Map([['payments', { state: 'Stable', protocolType: 'consumer', members: [member('10.0.1.5')], subscribed: ['events'] }]]),
    anchors,
    oldestUncopied: new Map([[`orders\u00001`, 1_700_000_005_000]]),
    maxLag: 0,
    stableSeconds: 10,
    mirror: { mode: 'dedicated', sourceAlias: 'src', targetAlias: 'ali' },
  });
  return renderCutover(result);
}

const b = (s: string): Buffer => Buffer.from(s);

/** A topic read of keyed messages per partition. */
function read(parts: Record<number, Array<[string, string]>>): TopicRead {
  const partitions = new Map<number, { start: bigint; end: bigint; count: number; hashes: bigint[] }>();
  const keys = new Map<string, { partition: number; offset: bigint }>();
  for (const [p, msgs] of Object.entries(parts)) {
    partitions.set(Number(p), { start: 0n, end: BigInt(msgs.length), count: msgs.length, hashes: msgs.map(([k, v]) => messageHash(b(k), b(v))) });
    msgs.forEach(([k], i) => {
      if (!keys.has(keyId(b(k)))) keys.set(keyId(b(k)), { partition: Number(p), offset: BigInt(i) });
    });
  }
  return { partitions, keys };
}

/** verify's rendering of a matching copy and of a copy with differences. */
function verifyTexts(): Array<[string, string]> {
  const orders = {
    0: [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ],
    1: [
      ['d', '4'],
      ['e', '5'],
    ],
  } as Record<number, Array<[string, string]>>;
  const topic = (target: TopicRead | undefined, targetName = 'orders_v2') => ({
    sourceName: 'orders',
    targetName,
    plannedPartitions: 2,
    sourcePartitions: 2,
    targetPartitions: target === undefined ? undefined : 2,
    source: read(orders),
    target,
  });
  const same = compareMigration({ topics: [topic(read(orders))], groups: [{ sourceId: 'billing', targetName: 'billing', onTarget: true }] });
  const fewer = {
    0: [
      ['a', '1'],
      ['b', '2'],
    ],
    1: [
      ['e', '5'],
      ['d', '4'],
    ],
  } as Record<number, Array<[string, string]>>;
  const differ = compareMigration({
    topics: [topic(read(fewer)), { ...topic(undefined, 'events'), sourceName: 'events' }],
    groups: [
      { sourceId: 'billing', targetName: 'billing', onTarget: true },
      { sourceId: 'ledger', targetName: 'ledger', onTarget: false },
    ],
  });
  return [
    ['verify/ok.txt', renderVerify(same)],
    ['verify/differences.txt', renderVerify(differ)],
  ];
}

/** Every golden rendering, by path relative to test/golden/renderings. */
export function renderingFiles(root: string): Map<string, string> {
  return new Map([...clientConfigs(root), ['cutover/verdicts.txt', cutoverText()], ...verifyTexts()]);
}
