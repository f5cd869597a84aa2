import { MigrationPlan, PlanWarning } from '../plan';

/** Counts at the top of the report. */
export interface ReportSummary {
  readonly topics: number;
  readonly partitions: number;
  readonly localTopics: number;
  readonly compactTopics: number;
  readonly groups: number;
  readonly users: number;
  readonly acls: number;
  readonly renamed: number;
  readonly skippedTopics: number;
  readonly skippedGroups: number;
  readonly skippedAcls: number;
  readonly configsCarried: number;
  readonly configsCoerced: number;
  readonly configsDropped: number;
  readonly warnings: number;
  readonly imported: number;
  readonly removedKept: number;
  readonly removedDestroyed: number;
}

/** The machine-readable twin of the Markdown report. */
export interface MigrationReport {
  readonly reportVersion: 1;
  readonly stack: string;
  readonly summary: ReportSummary;
  readonly plan: MigrationPlan;
}

export function summarize(plan: MigrationPlan): ReportSummary {
  const count = <T>(xs: readonly T[], f: (x: T) => boolean): number => xs.reduce((n, x) => n + (f(x) ? 1 : 0), 0);
  return {
    topics: plan.topics.length,
    partitions: plan.quota.partitions,
    localTopics: count(plan.topics, (t) => t.storage === 'local'),
    compactTopics: count(plan.topics, (t) => t.compact),
    groups: plan.groups.length,
    users: plan.users.length,
    acls: plan.acls.length,
    renamed: plan.renames.length,
    skippedTopics: count(plan.skipped, (s) => s.kind === 'topic'),
    skippedGroups: count(plan.skipped, (s) => s.kind === 'group'),
    skippedAcls: count(plan.skipped, (s) => s.kind === 'acl'),
    configsCarried: count(plan.configDecisions, (d) => d.action === 'carried'),
    configsCoerced: count(plan.configDecisions, (d) => d.action === 'coerced'),
    configsDropped: count(plan.configDecisions, (d) => d.action === 'dropped'),
    warnings: plan.warnings.length,
    imported: count(plan.topics, (t) => t.imported) + count(plan.groups, (g) => g.imported) + count(plan.users, (u) => u.imported),
    removedKept: count(plan.removed, (r) => r.action === 'kept'),
    removedDestroyed: count(plan.removed, (r) => r.action === 'destroy'),
  };
}

export function buildReport(plan: MigrationPlan, stack: string): MigrationReport {
  return { reportVersion: 1, stack, summary: summarize(plan), plan };
}

export function renderJsonReport(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Escapes text for a Markdown table cell; names are shown as code. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  if (text === '') return '';
  const escaped = cell(text);
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

const WARNING_TITLES: Readonly<Record<PlanWarning['code'], string>> = {
  'few-partitions': 'Fewer than 12 partitions',
  'many-partitions': 'More than 100 partitions',
  'idle-consumers': 'More consumers than partitions',
  'quota-headroom': 'Quota headroom',
  'single-partition': 'Single-partition topics grown to 2',
  'message-size': 'Messages larger than AliKafka accepts',
  'scram-mechanism': 'SASL mechanism changes',
  'assumed-edition': 'Assumed edition',
  'quota-unchecked': 'Quota not checked',
  'acl-prefixed-rename': 'Prefixed ACLs and renames',
  'acl-expanded': 'ACL operation All expanded',
  'adopted-user': 'Users already on the target',
  retention: 'Retention longer than the instance default',
};

/** Renders the pull-request report. Deterministic: the same plan gives the same text. */
export function renderMarkdownReport(report: MigrationReport): string {
  const { plan, summary: s } = report;
  const out: string[] = [];
  out.push(`# AliKafka migration plan: ${report.stack}`, '');
  const src = plan.source;
  const srcBits = [`kind ${src.kind}`];
  if (src.clusterId) srcBits.push(`cluster ${code(src.clusterId)}`);
  if (src.kafkaVersion) srcBits.push(`Kafka ${src.kafkaVersion}`);
  if (src.endpoint) srcBits.push(`endpoint ${code(src.endpoint)}`);
  if (src.collectedAt) srcBits.push(`collected ${src.collectedAt}`);
  out.push(`Source: ${srcBits.join(', ')}.`, '');

  out.push('## Summary', '');
  out.push(table(['What', 'Count'], [
    ['Topics to create', String(s.topics)],
    ['Partitions', String(s.partitions)],
    ['Local-storage topics (of which compacted)', `${s.localTopics} (${s.compactTopics})`],
    ['Consumer groups to create', String(s.groups)],
    ['SASL users', String(s.users)],
    ['ACLs', String(s.acls)],
    ['Renamed', String(s.renamed)],
    ['Skipped topics / groups / ACLs', `${s.skippedTopics} / ${s.skippedGroups} / ${s.skippedAcls}`],
    ['Topic configs carried / coerced / dropped', `${s.configsCarried} / ${s.configsCoerced} / ${s.configsDropped}`],
    ['Warnings', String(s.warnings)],
    ...(s.imported > 0 ? [['Already on the target (imported)', String(s.imported)]] : []),
    ...(plan.removed.length > 0 ? [['Gone from the source: kept / to destroy', `${s.removedKept} / ${s.removedDestroyed}`]] : []),
  ]), '');
  if (s.removedDestroyed > 0) {
    out.push(`**${s.removedDestroyed} object(s) gone from the source will be destroyed (--allow-destroy).** See "Gone from the source".`, '');
  }

  out.push('## Instance', '');
  const inst = plan.instance;
  if (inst.mode === 'existing') {
    out.push(`Existing instance ${code(inst.instanceId)}: nothing about the instance itself changes.`, '');
  } else {
    out.push(`New instance ${code(inst.name)} in ${code(inst.region)}, ${inst.zoneIds.length > 1 ? `multi-zone (${inst.zoneIds.map(code).join(', ')}; the last is the standby zone)` : `zone ${code(inst.zoneIds[0] ?? '')}`}.`, '');
  }
  out.push(table(['Setting', 'Value', 'Why'], inst.decisions.map((d) => [code(d.field), code(d.value), cell(d.reason)])), '');
  if (inst.mode === 'new') {
    out.push('### Network', '');
    if (inst.network.mode === 'new') {
      out.push(`New VPC ${code(inst.network.vpcCidr)}, a security group, and one vSwitch per zone:`, '');
      out.push(table(['Zone', 'vSwitch CIDR'], inst.network.vswitches.map((v) => [code(v.zoneId), code(v.cidr)])), '');
    } else {
      out.push(`Existing VPC ${code(inst.network.vpcId)}, vSwitch${inst.network.vswitchIds.length > 1 ? 'es' : ''} ${inst.network.vswitchIds.map(code).join(', ')}.`, '');
    }
  }
  const q = plan.quota;
  out.push('### Quota', '');
  out.push(q.partitionQuota === undefined
    ? `Not checked (quota of the existing instance unknown): ${q.topics} topics, ${q.partitions} partitions, ${q.groups} groups planned.`
    : table(['Quota', 'Planned', 'Limit', 'Used'], [
      ['Topics', String(q.topics), String(q.partitionQuota), `${Math.round((100 * q.topics) / Math.max(1, q.partitionQuota))}%`],
      ['Partitions', String(q.partitions), String(q.partitionQuota), `${Math.round((100 * q.partitions) / Math.max(1, q.partitionQuota))}%`],
      ['Consumer groups', String(q.groups), String(q.groupQuota ?? 0), `${Math.round((100 * q.groups) / Math.max(1, q.groupQuota ?? 1))}%`],
    ]), '');

  out.push('## Warnings', '');
  if (plan.warnings.length === 0) out.push('None.', '');
  const codes = [...new Set(plan.warnings.map((w) => w.code))];
  for (const c of codes) {
    const ws = plan.warnings.filter((w) => w.code === c);
    out.push(`### ${WARNING_TITLES[c]} (${ws.length})`, '');
    out.push(table(['Subject', 'Warning'], ws.map((w) => [cell(w.subject), cell(w.message)])), '');
  }

  out.push('## Topics', '');
  out.push(plan.topics.length === 0 ? 'None.' : table(
    ['Source name', 'Target name', 'Partitions', 'Storage', 'Compact', 'Configs carried', 'Notes'],
    plan.topics.map((t) => [
      code(t.sourceName),
      t.name === t.sourceName ? 'same' : code(t.name),
      t.partitions === t.sourcePartitions ? String(t.partitions) : `${t.sourcePartitions} → ${t.partitions}`,
      t.storage,
      t.compact ? 'yes' : 'no',
      Object.entries(t.configs).map(([k, v]) => code(`${k}=${v}`)).join('<br>'),
      cell(t.notes.join('; ')),
    ]),
  ), '');

  if (plan.removed.length > 0) {
    out.push('## Gone from the source', '');
    out.push('In the export the previous plan came from, but not in this one. Kept objects stay planned, so Terraform does not destroy them; pass --allow-destroy to let them go.', '');
    out.push(table(['Kind', 'Name', 'Action'], plan.removed.map((r) => [r.kind, code(r.name), r.action === 'kept' ? 'kept' : '**destroy**'])), '');
  }
  const imported = [
    ...plan.topics.filter((t) => t.imported).map((t) => ['topic', t.name]),
    ...plan.groups.filter((g) => g.imported).map((g) => ['group', g.name]),
    ...plan.users.filter((u) => u.imported).map((u) => ['user', u.name]),
  ];
  if (imported.length > 0 || plan.targetDifferences.length > 0) {
    out.push('## Already on the target', '');
    out.push(`${imported.length} object(s) already exist on the instance and are adopted with Terraform \`import\` blocks instead of being created.`, '');
    if (imported.length > 0) out.push(table(['Kind', 'Name'], imported.map(([k, n]) => [k, code(n)])), '');
    if (plan.targetDifferences.length > 0) {
      out.push('### Differences with the target', '');
      out.push(table(['Kind', 'Name', 'Field', 'Planned', 'On the target', 'Resolution'],
        plan.targetDifferences.map((d) => [d.kind, code(d.name), code(d.field), code(d.planned), code(d.target), cell(d.resolution)])), '');
    }
  }

  out.push('## Renamed', '');
  out.push(plan.renames.length === 0 ? 'None.' : table(['Kind', 'Source name', 'Target name', 'Why'],
    plan.renames.map((r) => [r.kind, code(r.from), code(r.to), cell(r.reason)])), '');

  out.push('## Skipped', '');
  out.push(plan.skipped.length === 0 ? 'None.' : table(['Kind', 'Name', 'Why'],
    plan.skipped.map((k) => [k.kind, code(k.name), cell(k.reason)])), '');

  const changed = plan.configDecisions.filter((d) => d.action !== 'carried');
  out.push('## Coerced and dropped topic configs', '');
  out.push(changed.length === 0 ? 'None.' : table(['Topic', 'Config', 'Action', 'From', 'To', 'Why'],
    changed.map((d) => [code(d.topic), code(d.key), d.action, code(d.from), d.to === undefined ? '—' : code(d.to), cell(d.reason)])), '');

  out.push('## Consumer groups', '');
  out.push(plan.groups.length === 0 ? 'None.' : table(['Source group', 'Target group', 'Members', 'Topics'],
    plan.groups.map((g) => [code(g.sourceId), g.name === g.sourceId ? 'same' : code(g.name), g.members === undefined ? '—' : String(g.members), g.topics.map(code).join(', ')])), '');

  out.push('## SASL users', '');
  if (plan.users.length === 0) out.push('None.', '');
  else {
    out.push('Passwords are never copied: each user\'s password comes from a sensitive Terraform variable.', '');
    out.push(table(['Source user', 'Target user', 'Type', 'Password variable'],
      plan.users.map((u) => [code(u.sourceName), u.name === u.sourceName ? 'same' : code(u.name), `${u.type}${u.sourceMechanism ? ` (source ${u.sourceMechanism})` : ''}`, code(`var.${u.passwordVariable}`)])), '');
  }

  out.push('## ACLs', '');
  out.push(plan.acls.length === 0 ? 'None.' : table(['User', 'Resource', 'Pattern', 'Name', 'Operation'],
    plan.acls.map((a) => [code(a.username), a.resourceType, a.patternType, code(a.resourceName), a.operation])), '');
  const skippedAcls = plan.skipped.filter((k) => k.kind === 'acl');
  if (skippedAcls.length > 0) {
    out.push(`${skippedAcls.length} source ACL(s) are not migratable; see Skipped.`, '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
