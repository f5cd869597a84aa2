/**
 * Property (issue 17 item 3): over random estates and plan flags, every instance setting in cdk.tf.json equals the
 * plan and the report (its Instance table and its Sizing section), and the disk holds the instance retention at the
 * estate's ingress. Seeded and bounded (a few dozen plans, each synthesized once).
 */
import fc from 'fast-check';
import { ClusterMetadata } from '../../lib/model';
import { planMigration, PlanError, PlanOptions } from '../../lib/plan';
import { synthesizeFiles } from '../../lib/stack';
import { EDITIONS, SIZING_GUIDANCE, SIZING_UNITS } from '../../lib/alikafka';
import { estate, MB } from './estates';

interface Case {
  readonly meta: ClusterMetadata;
  readonly options: PlanOptions;
}

const arbCase: fc.Arbitrary<Case> = fc
  .record({
    families: fc.subarray(['orders', 'billing', 'audit', 'events'], { minLength: 1 }),
    topicsPerFamily: fc.integer({ min: 1, max: 6 }),
    partitions: fc.integer({ min: 1, max: 48 }),
    compact: fc.integer({ min: 0, max: 2 }),
    ingressMBps: fc.constantFrom(0, 0.5, 5, 20, 60),
    storedGb: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
    readersPerTopic: fc.integer({ min: 0, max: 3 }),
    acls: fc.integer({ min: 0, max: 3 }),
    racks: fc.constantFrom<readonly string[]>([], ['a'], ['a', 'b', 'c']),
    brokerRetentionHours: fc.constantFrom(24, 72, 168, 400, 2000),
    zones: fc.constantFrom(1, 2),
    retentionHours: fc.option(fc.constantFrom(24, 72, 100, 168, 480), { nil: undefined }),
    include: fc.option(fc.constantFrom(['orders.*'], ['audit.*', 'events.*'], ['*.t0000']), { nil: undefined }),
    singlePartition: fc.option(fc.constantFrom<'local' | 'grow'>('local', 'grow'), { nil: undefined }),
  })
  .map((r) => {
    const meta = estate({
      families: r.families,
      topicsPerFamily: r.topicsPerFamily,
      partitions: r.partitions,
      compact: Math.min(r.compact, r.topicsPerFamily),
      bytesInPerSec: r.ingressMBps * MB,
      peakBytesInPerSec: r.ingressMBps * MB,
      storedBytes: r.storedGb === undefined ? undefined : r.storedGb * 1e9,
      readersPerTopic: r.readersPerTopic,
      acls: r.acls,
      racks: r.racks,
      brokerRetentionHours: r.brokerRetentionHours,
    });
    const zoneIds = r.zones === 2 ? ['cn-hangzhou-k', 'cn-hangzhou-j'] : ['cn-hangzhou-k'];
    const options: PlanOptions = {
      target: { mode: 'new', region: 'cn-hangzhou', zoneIds, retentionHours: r.retentionHours, singleZone: r.zones === 1 && r.racks.length > 1 },
      include: r.include,
      singlePartition: r.singlePartition,
    };
    return { meta, options };
  });

/** `| field | value | reason |` rows of the Markdown table under `heading` (to the next heading), backticks dropped. */
function tableRows(markdown: string, heading: RegExp): Map<string, string> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  const rows = new Map<string, string>();
  if (start < 0) return rows;
  for (const l of lines.slice(start + 1)) {
    if (/^#/.test(l)) break;
    const m = /^\| `?([a-z_.]+)`? \| `?([^|`]*)`? \|/.exec(l);
    if (m && m[1] !== 'field') rows.set(m[1], m[2].trim());
  }
  return rows;
}

const NUMBER_FIELDS = ['disk_size', 'partition_num', 'eip_max'];

test('every instance setting in cdk.tf.json equals the plan and the report, and the disk holds the retention (seed 20261204)', () => {
  let planned = 0;
  fc.assert(
    fc.property(arbCase, ({ meta, options }) => {
      let plan;
      try {
        plan = planMigration(meta, options);
      } catch (e) {
        if (e instanceof PlanError) return true; // estates no spec carries (or flags the plan refuses) are other tests' concern
        throw e;
      }
      planned += 1;
      const inst = plan.instance;
      if (inst.mode !== 'new') throw new Error('new instance expected');
      const files = new Map(synthesizeFiles(plan, 'property').map((f) => [f.path, f.content]));
      const tf = JSON.parse(files.get('stacks/property/cdk.tf.json') as string) as {
        resource: { alicloud_alikafka_instance: Record<string, Record<string, unknown>> };
      };
      const r = Object.values(tf.resource.alicloud_alikafka_instance)[0];
      const config = JSON.parse(String(r.config ?? '{}')) as Record<string, string>;
      const retention = Number(config['kafka.log.retention.hours'] ?? 72);

      // cdk.tf.json = the plan
      expect({
        spec_type: r.spec_type,
        io_max_spec: r.io_max_spec,
        disk_size: r.disk_size,
        partition_num: r.partition_num,
        service_version: r.service_version,
        selected_zones: r.selected_zones ?? [r.zone_id],
        eip_max: r.eip_max,
      }).toEqual({
        spec_type: inst.specType,
        io_max_spec: inst.ioMaxSpec,
        disk_size: inst.diskSize,
        partition_num: inst.partitionNum,
        service_version: inst.serviceVersion,
        selected_zones: inst.zoneIds.length > 1 ? inst.zoneIds : [inst.zoneIds[0]],
        eip_max: inst.eipMax,
      });

      // the report's Instance table = the plan's decisions = cdk.tf.json; its Sizing section agrees on every setting it shows
      const md = files.get('migration-report.md') as string;
      const instanceTable = tableRows(md, /^## Instance/);
      const sizingTable = tableRows(md, /^#+ Choices/);
      const tfValue: Record<string, unknown> = {
        spec_type: r.spec_type,
        io_max_spec: r.io_max_spec,
        disk_size: r.disk_size,
        partition_num: r.partition_num,
        service_version: r.service_version,
        'config.kafka.log.retention.hours': retention,
      };
      for (const [field, value] of Object.entries(tfValue)) {
        expect([field, instanceTable.get(field)]).toEqual([field, String(value)]);
        const sized = sizingTable.get(field);
        if (sized !== undefined) expect([field, NUMBER_FIELDS.includes(field) ? sized.replace(/,/g, '') : sized]).toEqual([field, String(value)]);
      }
      const sizedZone = sizingTable.get('multi_zone');
      if (sizedZone !== undefined) expect(sizedZone).toBe(String(inst.zoneIds.length > 1));

      // the disk holds the instance retention at the estate's ingress (cloud-storage topics follow it) below the purge threshold
      const perTopic = meta.traffic?.perTopic ?? {};
      const cloudMBps = plan.topics
        .filter((t) => t.storage === 'cloud')
        .reduce((s, t) => s + (perTopic[t.sourceName]?.bytesInPerSec ?? 0) / SIZING_UNITS.trafficMBBytes, 0);
      const keptGb = (cloudMBps * SIZING_UNITS.trafficMBBytes * retention * 3600) / SIZING_UNITS.diskGBBytes;
      const usable = inst.diskSize * EDITIONS[inst.specType].usableDiskShare * SIZING_GUIDANCE.diskPurgeUsage;
      expect(usable + 1e-6).toBeGreaterThanOrEqual(keptGb);
      return true;
    }),
    { seed: 20261204, numRuns: 40 },
  );
  // most random estates fit: the property is checked on real plans, not only on refusals
  expect(planned).toBeGreaterThan(20);
});
