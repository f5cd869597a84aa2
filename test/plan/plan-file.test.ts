import * as path from 'path';
import { loadMetadataFile } from '../../lib/model';
import { buildPlanFile, planMigration, plannedResourceAddresses, PlanOptions, renderPlanFile } from '../../lib/plan';
import { synthesizeFiles } from '../../lib/stack';

const meta = loadMetadataFile(path.join(__dirname, '..', '..', 'examples', 'kafka-metadata-export.json'));
const SHA = 'a'.repeat(64);

/** The `TYPE.NAME` addresses of every resource in a synthesized cdk.tf.json. */
function synthesizedAddresses(options: PlanOptions): string[] {
  const plan = planMigration(meta, options);
  const tf = synthesizeFiles(plan, 's').find((f) => f.path.endsWith('cdk.tf.json'));
  const resources = (JSON.parse(tf!.content) as { resource: Record<string, Record<string, unknown>> }).resource;
  return Object.entries(resources)
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('plannedResourceAddresses', () => {
  test.each<[string, PlanOptions]>([
    ['a new instance in a new network', { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k', 'cn-hangzhou-j'] } }],
    [
      'a new instance in an existing network, with an IP allowlist',
      {
        target: {
          mode: 'new',
          region: 'cn-hangzhou',
          zoneIds: ['cn-hangzhou-k'],
          singleZone: true,
          network: { mode: 'existing', vpcId: 'vpc-1', vswitchIds: ['vsw-1'] },
        },
        allowCidrs: ['10.0.0.0/8'],
      },
    ],
    ['an existing instance, some topics', { target: { mode: 'existing', instanceId: 'alikafka_post-cn-1' }, include: ['orders.*'] }],
    [
      'an existing instance with MirrorMaker planned (its own topics and worker group)',
      { target: { mode: 'existing', instanceId: 'alikafka_post-cn-1', specType: 'professional' }, include: ['orders.*'], mirror: { mode: 'dedicated' } },
    ],
  ])('lists exactly the resources the synthesized stack has: %s', (_what, options) => {
    const expected = synthesizedAddresses(options);
    expect(expected.length).toBeGreaterThan(5);
    expect(plannedResourceAddresses(planMigration(meta, options))).toEqual(expected);
  });
});

describe('buildPlanFile', () => {
  const options: PlanOptions = { target: { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'], singleZone: true } };
  const plan = planMigration(meta, options);

  test('starts with the version and its inputs, and holds the whole plan after them', () => {
    const file = buildPlanFile(plan, { stack: 's', metadataSha256: SHA, brokers: meta.brokers, options });
    expect(Object.keys(file).slice(0, 5)).toEqual(['planVersion', 'stack', 'metadata', 'options', 'source']);
    const { stack, metadata, options: o, source, ...rest } = file;
    expect([stack, metadata, o]).toEqual(['s', { sha256: SHA }, options]);
    const { source: planSource, ...planRest } = plan;
    expect(rest).toEqual(planRest);
    expect(source).toEqual({ ...planSource, brokers: source.brokers });
  });

  test("keeps the brokers' addresses and racks, never their settings", () => {
    const file = buildPlanFile(plan, {
      stack: 's',
      metadataSha256: SHA,
      brokers: [
        { id: 2, host: 'b', port: 9092, configs: { 'log.retention.hours': '1' } },
        { id: 1, rack: 'r1' },
      ],
      options,
    });
    expect(file.source.brokers).toEqual([
      { id: 1, rack: 'r1' },
      { id: 2, host: 'b', port: 9092 },
    ]);
  });

  test('names a previous export and an existing target by their SHA-256, and refuses to write them without it', () => {
    const withPrevious: PlanOptions = { ...options, previous: meta };
    const file = buildPlanFile(plan, { stack: 's', metadataSha256: SHA, options: withPrevious, previousSha256: 'b'.repeat(64) });
    expect(file.options.previous).toEqual({ sha256: 'b'.repeat(64) });
    expect(renderPlanFile(file)).not.toContain('"formatVersion"');
    expect(() => buildPlanFile(plan, { stack: 's', metadataSha256: SHA, options: withPrevious })).toThrow(/SHA-256 of the previous metadata/);
    expect(() => buildPlanFile(plan, { stack: 's', metadataSha256: 'nope', options })).toThrow(/SHA-256 of the metadata file/);
  });
});
