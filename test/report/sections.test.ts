import {
  aclsSection,
  adoptedSection,
  buildReport,
  configsSection,
  instanceSection,
  networkSection,
  quotaSection,
  removedSection,
  renamesSection,
  renderMarkdownReport,
  skippedSection,
  sourceSection,
  summarySection,
  topicsSection,
  usersSection,
  warningsSection,
} from '../../lib/report/report';
import { code, table } from '../../lib/report/markdown';
import { existingObjectsFromMetadata, validateMetadata } from '../../lib/model';
import { MigrationPlan, planMigration, PlanOptions } from '../../lib/plan';

const NEW: PlanOptions['target'] = { mode: 'new', region: 'cn-hangzhou', zoneIds: ['cn-hangzhou-k'] };
const EXISTING: PlanOptions['target'] = { mode: 'existing', instanceId: 'alikafka_post-cn-1', specType: 'professional' };

function plan(extra: Record<string, unknown>, options: Partial<PlanOptions> = {}): MigrationPlan {
  const meta = validateMetadata({
    formatVersion: 1,
    source: { kind: 'manual', clusterId: 'c1', kafkaVersion: '3.9.0' },
    topics: [{ name: 'orders', partitions: 12 }],
    ...extra,
  });
  return planMigration(meta, { target: NEW, ...options });
}
const report = (p: MigrationPlan) => buildReport(p, 'stack-a');
const text = (lines: string[]): string => lines.join('\n');

describe('markdown helpers', () => {
  test.each<[string, string]>([
    ['a|b', '`a\\|b`'],
    ['with `tick`', '`` with `tick` ``'],
    ['', ''],
  ])('code(%j) is %j', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  test('a table has a header, a separator and one line per row', () => {
    expect(table(['A', 'B'], [['1', '2']])).toBe('| A | B |\n|---|---|\n| 1 | 2 |');
  });
});

describe('report sections', () => {
  test('source: stack title and what the source is', () => {
    expect(text(sourceSection(report(plan({}))))).toBe('# AliKafka migration plan: stack-a\n\nSource: kind manual, cluster `c1`, Kafka 3.9.0.\n');
  });

  test('summary: counts, with adoption and removal rows only when there is something to say', () => {
    const t = text(summarySection(report(plan({}))));
    expect(t).toMatch(/\| Topics to create \| 1 \|/);
    expect(t).not.toMatch(/imported|Gone from the source/);
  });

  test('instance: every decision with its reason; an existing instance says nothing changes', () => {
    expect(text(instanceSection(report(plan({}, { target: { ...NEW, ioMaxSpec: 'alikafka.hw.2xlarge' } }))))).toMatch(
      /\| `io_max_spec` \| `alikafka\.hw\.2xlarge` \| given \|/,
    );
    expect(text(instanceSection(report(plan({}))))).toMatch(/\| `io_max_spec` \| `alikafka\.hw\.2xlarge` \| evaluated: the cheapest traffic spec/);
    expect(text(instanceSection(report(plan({}, { target: EXISTING }))))).toMatch(
      /Existing instance `alikafka_post-cn-1`: nothing about the instance itself changes/,
    );
  });

  test("network: a new VPC lists each zone's vSwitch and where the CIDRs come from; none for an existing instance", () => {
    expect(text(networkSection(report(plan({}))))).toMatch(
      /New VPC `172\.16\.0\.0\/12`.*default.*\n\n\| Zone \| vSwitch CIDR \|\n\|---\|---\|\n\| `cn-hangzhou-k` \| `172\.16\.0\.0\/24` \|/,
    );
    expect(networkSection(report(plan({}, { target: EXISTING })))).toEqual([]);
  });

  test('quota: a table when known, a sentence when not', () => {
    expect(text(quotaSection(report(plan({}))))).toMatch(/\| Partitions \| 12 \| 1000 \| 1% \|/);
    expect(text(quotaSection(report(plan({}, { target: EXISTING }))))).toMatch(/Not checked/);
  });

  test('warnings: grouped by kind with a count', () => {
    const t = text(warningsSection(report(plan({ topics: [{ name: 'tiny', partitions: 3 }] }))));
    expect(t).toMatch(/### Fewer than 12 partitions \(1\)/);
    expect(
      text(
        warningsSection(
          report(
            plan(
              { topics: [{ name: 'ok12', partitions: 12, configs: { 'retention.ms': '86400000' } }] },
              { target: { ...EXISTING, ioMaxSpec: 'alikafka.hw.2xlarge' } },
            ),
          ),
        ),
      ),
    ).toMatch(/None\./);
  });

  test('topics: renamed names, grown partitions and carried configs', () => {
    const t = text(
      topicsSection(report(plan({ topics: [{ name: 'one', partitions: 1, configs: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' } }] }))),
    );
    expect(t).toMatch(/\| `one` \| same \| 1 \| local \| yes \| `retention\.ms=86400000` \|/);
  });

  test('removed and adopted sections appear only with previous exports and existing targets', () => {
    const p = plan({});
    expect(removedSection(report(p))).toEqual([]);
    expect(adoptedSection(report(p))).toEqual([]);
    const meta = validateMetadata({ formatVersion: 1, source: { kind: 'manual' }, topics: [{ name: 'orders', partitions: 24 }] });
    const adopted = plan({}, { target: EXISTING, existing: existingObjectsFromMetadata(meta) });
    expect(text(adoptedSection(report(adopted)))).toMatch(/\| topic \| `orders` \| `local_topic`, `compact_topic` \|[\s\S]*kept the target's higher count/);
  });

  test('renames, skipped and configs say why', () => {
    const p = plan({
      topics: [
        { name: 'a/b', partitions: 12 },
        { name: '__consumer_offsets', partitions: 50, internal: true },
        { name: 'c', partitions: 12, configs: { 'segment.bytes': '1' } },
      ],
    });
    expect(text(renamesSection(report(p)))).toMatch(/\| topic \| `a\/b` \| `a_b` \| the name contains "\/"/);
    expect(text(skippedSection(report(p)))).toMatch(/\| topic \| `__consumer_offsets` \| internal topic/);
    expect(text(configsSection(report(p)))).toMatch(/\| `c` \| `segment\.bytes` \| dropped \|/);
  });

  test('users show the password variable and never a password; ACLs list each rule', () => {
    const p = plan({
      users: [{ name: 'alice', mechanism: 'SCRAM-SHA-512' }],
      acls: [{ principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', patternType: 'LITERAL', operation: 'Read', permission: 'Allow' }],
    });
    expect(text(usersSection(report(p)))).toMatch(/\| `alice` \| same \| scram \(source SCRAM-SHA-512\) \| `var\.sasl_password_alice` \|/);
    expect(text(aclsSection(report(p)))).toMatch(/\| `alice` \| Topic \| LITERAL \| `orders` \| Read \|/);
  });

  test('the whole report is the sections in order and ends with one newline', () => {
    const md = renderMarkdownReport(report(plan({})));
    const headings = md
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(headings).toEqual([
      'Summary',
      'Instance',
      'Warnings',
      'Topics',
      'Renamed',
      'Skipped',
      'Coerced and dropped topic configs',
      'Consumer groups',
      'SASL users',
      'ACLs',
    ]);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });
});
