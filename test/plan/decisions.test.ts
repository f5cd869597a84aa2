/**
 * One decision per setting (issue 17 item 3): each test pins a disagreement that main had between two modules
 * deciding the same instance setting, or between the evaluation and the plan reading two different selections.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadMetadataFile } from '../../lib/model';
import { planMigration, PlanError, PlanOptions, sizingInputFromMetadata } from '../../lib/plan';
import { evaluateSizing } from '../../lib/plan/sizing';
import { estate, MB } from './estates';
import { EXAMPLE_METADATA, exampleSynthArgs, runCli, tmpDir } from '../helpers';

const ONE_ZONE: PlanOptions['target'] = { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'] };
const TWO_ZONES: PlanOptions['target'] = { ...ONE_ZONE, zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'] };
/** Professional keeps cloud-storage replicas free: the purchased disk is all usable. */
const PURGE_USAGE = 0.85;

function problemsOf(f: () => unknown): PlanError['problems'] {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e.problems;
    throw e;
  }
  throw new Error('expected a PlanError');
}

describe('retention vs disk: the disk holds the retention the instance keeps', () => {
  const meta = loadMetadataFile(EXAMPLE_METADATA);
  // the example's peak ingress, MB/s, as the evaluation reads it (the mean: the example has no peak)
  const ingressMBps = (meta.traffic?.bytesInPerSec ?? 0) / MB;

  test('the bundled example keeps 480 h: its disk holds 480 h of its ingress below the 85% purge threshold', () => {
    const p = planMigration(meta, { target: TWO_ZONES });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    const hours = Number(p.instance.config['kafka.log.retention.hours']);
    expect(hours).toBe(480);
    const keptGb = (ingressMBps * MB * hours * 3600) / 1e9;
    expect(keptGb).toBeGreaterThan(30_000);
    expect(p.instance.diskSize * PURGE_USAGE).toBeGreaterThanOrEqual(keptGb);
    // the report says what the retention costs and names the cheaper alternatives
    const disk = p.instance.decisions.find((d) => d.field === 'disk_size')?.reason ?? '';
    expect(disk).toMatch(/the instance retention of 480 h at 18\.9 MB\/s of ingress keeps [\d,.]+ GB/);
    expect(disk).toMatch(/--retention-hours 72: 7,500 GB/);
    expect(disk).toMatch(/on local storage, where each keeps its own retention\.ms/);
  });

  test('--retention-hours moves the disk with it (synth as evaluate)', () => {
    const sized = (retentionHours: number): number => {
      const p = planMigration(meta, { target: { ...TWO_ZONES, retentionHours } });
      return p.instance.mode === 'new' ? p.instance.diskSize : 0;
    };
    expect(sized(480)).toBe(evaluateSizing(sizingInputFromMetadata(meta, { retentionHours: 480 })).instance?.diskSize);
    expect(sized(72)).toBeLessThan(sized(480));
    expect(sized(72)).toBe(evaluateSizing(sizingInputFromMetadata(meta, { retentionHours: 72 })).instance?.diskSize);
  });

  test('a given --disk-size that cannot hold the retention fails (exit 1) naming --disk-size and the choices', async () => {
    const out = tmpDir('dec');
    const r = await runCli(exampleSynthArgs(path.join(out, 'o'), ['--disk-size', '7500']));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--disk-size: the given 7500 GB of disk cannot hold it: the instance retention of 480 h/);
    expect(r.err).toMatch(/a shorter instance retention .* or local storage for the long-retention topics/);
    expect(fs.existsSync(path.join(out, 'o'))).toBe(false);
  });

  test('a retention whose disk exceeds the largest disk fails naming the disk and the choices', () => {
    const big = estate({
      families: ['a'],
      topicsPerFamily: 4,
      partitions: 12,
      bytesInPerSec: 100 * MB,
      peakBytesInPerSec: 100 * MB,
      brokerRetentionHours: 480,
    });
    const problems = problemsOf(() => planMigration(big, { target: ONE_ZONE }));
    expect(problems.map((p) => p.subject)).toContain('sizing disk');
    expect(problems.find((p) => p.subject === 'sizing disk')?.message).toMatch(/the largest disk is 96,000 GB.*give a shorter one \(`retentionHours`\)/);
  });
});

describe('multi-zone: a source on several racks with one zone', () => {
  const meta = loadMetadataFile(EXAMPLE_METADATA);

  test('one --zone-id for brokers on 3 racks is an error naming --zone-id and the fix', async () => {
    const problems = problemsOf(() => planMigration(meta, { target: ONE_ZONE }));
    expect(problems).toEqual([
      expect.objectContaining({ option: 'target.zoneIds', message: expect.stringMatching(/span 3 racks .* give a second zone .* single-zone option/) }),
    ]);
    const out = tmpDir('dec');
    const r = await runCli(['synth', '--metadata', EXAMPLE_METADATA, '--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--out', path.join(out, 'o')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--zone-id: the source's brokers span 3 racks/);
    expect(r.err).toMatch(/--single-zone|single-zone option/);
  });

  test('--single-zone: one zone, a warning, and the edition is not chosen for multi-zone', () => {
    const p = planMigration(meta, { target: { ...ONE_ZONE, singleZone: true } });
    if (p.instance.mode !== 'new') throw new Error('new instance expected');
    expect(p.instance.zoneIds).toEqual(['cn-hangzhou-k']);
    expect(p.warnings.find((w) => w.code === 'single-zone')?.message).toMatch(/zone redundancy is dropped/);
    expect(p.instance.sizing?.instance?.multiZone).toBe(false);
    expect(p.instance.decisions.find((d) => d.field === 'spec_type')?.reason).not.toMatch(/multi-zone/);
  });
});

describe('features are counted from the migrated estate only', () => {
  // two topics on one rack; the only ACL (and its user) is on the topic --include leaves out
  const meta = {
    ...estate({ families: ['app'], topicsPerFamily: 2, partitions: 6, bytesInPerSec: 1 * MB, peakBytesInPerSec: 1 * MB }),
    users: [{ name: 'alice' }],
    acls: [{ principal: 'User:alice', resourceType: 'Topic', resourceName: 'app.t0000', patternType: 'LITERAL', operation: 'Read', permission: 'Allow' }],
  } as ReturnType<typeof estate>;

  test('--include leaving out the only ACL topic plans no ACL, and the edition is not chosen "for ACL support"', () => {
    const all = planMigration(meta, { target: ONE_ZONE });
    expect(all.acls).toHaveLength(1);
    expect(all.instance.specType).toBe('professional');
    const p = planMigration(meta, { target: ONE_ZONE, include: ['app.t0001'] });
    expect(p.acls).toHaveLength(0);
    expect(p.users).toHaveLength(0);
    expect(p.instance.specType).toBe('normal');
    const reasons = p.instance.decisions.map((d) => d.reason).join('\n');
    expect(reasons).not.toMatch(/ACL support/);
  });

  test('evaluate --include gives the same instance as synth for the same selection', () => {
    const p = planMigration(meta, { target: ONE_ZONE, include: ['app.t0001'] });
    const e = evaluateSizing(sizingInputFromMetadata(meta, { include: ['app.t0001'] }));
    expect(p.instance.mode === 'new' && p.instance.sizing?.instance).toEqual(e.instance);
  });
});

describe('eip_max: one unit between sizing and client-config', () => {
  test('the bandwidth client-config reads from the evaluated eip_max carries the public traffic it was sized for', async () => {
    const publicMBps = 10;
    const e = evaluateSizing(sizingInputFromMetadata(estate({ families: ['app'], topicsPerFamily: 2, partitions: 6 }), { publicMBps }));
    const eipMax = e.instance?.eipMax;
    expect(eipMax).toBeDefined();
    const r = await runCli([
      'client-config',
      '--bootstrap',
      'alikafka-x-1.alikafka.aliyuncs.com:9093',
      '--auth',
      'sasl-plain',
      '--network',
      'public',
      '--role',
      'consumer',
      '--group',
      'billing',
      '--profile',
      'public-internet',
      '--bandwidth-mbps',
      String(eipMax),
      '--format',
      'kafkajs',
    ]);
    expect(r.err).toBe('');
    // the practice: one fetch takes half the public bandwidth
    const bandwidthBytesPerSecond = 2 * JSON.parse(r.out).consumer.maxBytes;
    expect(bandwidthBytesPerSecond).toBeGreaterThanOrEqual(publicMBps * MB);
  });
});
