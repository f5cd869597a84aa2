import { MIN_PARTITIONS, RECOMMENDED_PARTITIONS } from '../alikafka';
import type { MigrationPlan, PlanWarning } from '../plan';
import { cell, code, percent, table } from './markdown';
import { renderSizingMarkdown } from './sizing';

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
  readonly adopted: number;
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
    adopted:
      count(plan.topics, (t) => t.adopted !== undefined) +
      count(plan.groups, (g) => g.adopted !== undefined) +
      count(plan.users, (u) => u.adopted !== undefined),
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

export const WARNING_TITLES: Readonly<Record<PlanWarning['code'], string>> = {
  'few-partitions': `Fewer than ${RECOMMENDED_PARTITIONS.min} partitions`,
  'many-partitions': `More than ${RECOMMENDED_PARTITIONS.max} partitions`,
  'idle-consumers': 'More consumers than partitions',
  'quota-headroom': 'Quota headroom',
  'single-partition': `Single-partition topics grown to ${MIN_PARTITIONS.cloud}`,
  'message-size': 'Messages larger than AliKafka accepts',
  'scram-mechanism': 'SASL mechanism changes',
  'assumed-edition': 'Assumed edition',
  'quota-unchecked': 'Quota not checked',
  'acl-prefixed-rename': 'Prefixed ACLs and renames',
  'acl-expanded': 'ACL operation All expanded',
  'adopted-user': 'Users already on the target',
  retention: 'Retention shortens on the target',
  'acl-narrowed': 'Allow ACLs narrowed (Deny rules)',
  'selection-unmatched': 'Selection patterns that match nothing',
  'rename-unmatched': 'Rename-map entries that match nothing',
  'timestamp-type': 'LogAppendTime dropped',
  'offsets-retention': 'Consumer-offset retention shortens',
  connect: 'Kafka Connect clusters not migrated',
  'single-zone': 'Zone redundancy dropped',
  'disk-usage': 'Disk above the usage AliKafka advises',
  sizing: 'Sizing',
  'option-ignored': 'Options that change nothing',
  'local-state': 'Local state slows a large apply',
};

/** Each section renders to lines; a section with nothing to say returns none. */
type Section = (report: MigrationReport) => string[];

export const sourceSection: Section = ({ plan, stack }) => {
  const src = plan.source;
  const bits = [`kind ${src.kind}`];
  if (src.clusterId) bits.push(`cluster ${code(src.clusterId)}`);
  if (src.kafkaVersion) bits.push(`Kafka ${src.kafkaVersion}`);
  if (src.endpoint) bits.push(`endpoint ${code(src.endpoint)}`);
  if (src.collectedAt) bits.push(`collected ${src.collectedAt}`);
  return [`# AliKafka migration plan: ${stack}`, '', `Source: ${bits.join(', ')}.`, ''];
};

export const summarySection: Section = ({ plan, summary: s }) => {
  const out = [
    '## Summary',
    '',
    table(
      ['What', 'Count'],
      [
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
        ...(s.adopted > 0 ? [['Already on the target (imported)', String(s.adopted)]] : []),
        ...(plan.removed.length > 0 ? [['Gone from the source: kept / to destroy', `${s.removedKept} / ${s.removedDestroyed}`]] : []),
      ],
    ),
    '',
  ];
  if (s.removedDestroyed > 0) {
    out.push(`**${s.removedDestroyed} object(s) gone from the source will be destroyed (--allow-destroy).** See "Gone from the source".`, '');
  }
  return out;
};

export const instanceSection: Section = ({ plan }) => {
  const inst = plan.instance;
  const out = ['## Instance', ''];
  if (inst.mode === 'existing') {
    out.push(`Existing instance ${code(inst.instanceId)}: nothing about the instance itself changes.`, '');
  } else {
    const zones =
      inst.zoneIds.length > 1 ? `multi-zone (${inst.zoneIds.map(code).join(', ')}; the last is the standby zone)` : `zone ${code(inst.zoneIds[0] ?? '')}`;
    out.push(`New instance ${code(inst.name)} in ${code(inst.region)}, ${zones}.`, '');
  }
  out.push(
    table(
      ['Setting', 'Value', 'Why'],
      inst.decisions.map((d) => [code(d.field), code(d.value), cell(d.reason)]),
    ),
    '',
  );
  return out;
};

export const sizingSection: Section = ({ plan }) => {
  const inst = plan.instance;
  if (inst.mode !== 'new' || !inst.sizing?.instance) return [];
  return [renderSizingMarkdown(inst.sizing, { level: 3, title: 'Sizing' }).replace(/\n+$/, ''), ''];
};

export const networkSection: Section = ({ plan }) => {
  const inst = plan.instance;
  if (inst.mode !== 'new') return [];
  const out = ['### Network', ''];
  if (inst.network.mode === 'new') {
    out.push(`New VPC ${code(inst.network.vpcCidr)}, a security group, and one vSwitch per zone (CIDRs: ${cell(inst.network.reason)}):`, '');
    out.push(
      table(
        ['Zone', 'vSwitch CIDR'],
        inst.network.vswitches.map((v) => [code(v.zoneId), code(v.cidr)]),
      ),
      '',
    );
  } else {
    out.push(
      `Existing VPC ${code(inst.network.vpcId)}, vSwitch${inst.network.vswitchIds.length > 1 ? 'es' : ''} ${inst.network.vswitchIds.map(code).join(', ')}.`,
      '',
    );
  }
  return out;
};

export const endpointsSection: Section = ({ plan }) => {
  if (plan.endpoints.length === 0 && plan.allowedIps.length === 0) return [];
  const out: string[] = [];
  if (plan.endpoints.length > 0) {
    out.push(
      '### Endpoints',
      '',
      'Terraform outputs, known after apply:',
      '',
      table(
        ['Output', 'Instance attribute', 'What'],
        plan.endpoints.map((e) => [code(e.output), code(e.attribute), cell(e.description)]),
      ),
      '',
    );
  }
  if (plan.allowedIps.length > 0) {
    out.push(
      '### IP allowlist',
      '',
      table(
        ['CIDR', 'Type', 'Ports', 'Why'],
        plan.allowedIps.map((a) => [code(a.cidr), a.allowedType, code(a.portRange), cell(a.reason)]),
      ),
      '',
    );
  }
  return out;
};

export const stateSection: Section = ({ plan, stack }) => {
  const cfg = Object.entries(plan.state.config)
    .map(([k, v]) => code(`${k}=${v}`))
    .join(', ');
  return ['### Terraform state', '', `Backend ${code(plan.state.backend)}${cfg ? ` (${cfg})` : ''}: ${cell(plan.state.where.replace('<stack>', stack))}.`, ''];
};

export const tagsSection: Section = ({ plan }) => {
  const tags = plan.instance.mode === 'new' ? plan.instance.tags : (plan.topics[0]?.tags ?? {});
  const entries = Object.entries(tags);
  if (entries.length === 0) return [];
  return [
    '### Tags',
    '',
    `On the ${plan.instance.mode === 'new' ? 'instance and the ' : ''}topics: ${entries.map(([k, v]) => code(`${k}=${v}`)).join(', ')}.`,
    '',
  ];
};

export const changesSection: Section = ({ plan }) => {
  if (plan.changes.length === 0) return [];
  return [
    '## Changed since the previous export',
    '',
    table(
      ['Kind', 'Name', 'Change', 'Detail'],
      plan.changes.map((c) => [c.kind, code(c.name), c.change, cell(c.detail)]),
    ),
    '',
  ];
};

/** Minutes and seconds, for apply times. */
function duration(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export const applySection: Section = ({ plan }) => {
  const e = plan.applyEstimate;
  if (e.topics === 0) return [];
  return [
    '### Apply time',
    '',
    `Creating the ${e.topics} topic(s) takes about ${duration(e.defaultSeconds)} at Terraform's default \`-parallelism=${e.defaultParallelism}\`, ` +
      `and about ${duration(e.recommendedSeconds)} with \`terraform apply -parallelism=${e.recommendedParallelism}\`: ${cell(e.reason)}.`,
    '',
  ];
};

export const quotaSection: Section = ({ plan }) => {
  const q = plan.quota;
  return [
    '### Quota',
    '',
    q.partitionQuota === undefined
      ? `Not checked (quota of the existing instance unknown): ${q.topics} topics, ${q.partitions} partitions, ${q.groups} groups planned.`
      : table(
          ['Quota', 'Planned', 'Limit', 'Used'],
          [
            ['Topics', String(q.topics), String(q.partitionQuota), percent(q.topics, q.partitionQuota)],
            ['Partitions', String(q.partitions), String(q.partitionQuota), percent(q.partitions, q.partitionQuota)],
            ['Consumer groups', String(q.groups), String(q.groupQuota ?? 0), percent(q.groups, q.groupQuota ?? 1)],
          ],
        ),
    ...(q.mirrorMaker
      ? [
          '',
          `Of these, MirrorMaker's own (synth --mirror): ${q.mirrorMaker.topics} topics, ${q.mirrorMaker.partitions} partitions, ${q.mirrorMaker.groups} group(s).`,
        ]
      : []),
    '',
  ];
};

export const warningsSection: Section = ({ plan }) => {
  const out = ['## Warnings', ''];
  if (plan.warnings.length === 0) out.push('None.', '');
  for (const c of [...new Set(plan.warnings.map((w) => w.code))]) {
    const ws = plan.warnings.filter((w) => w.code === c);
    out.push(
      `### ${WARNING_TITLES[c]} (${ws.length})`,
      '',
      table(
        ['Subject', 'Warning'],
        ws.map((w) => [cell(w.subject), cell(w.message)]),
      ),
      '',
    );
  }
  return out;
};

export const topicsSection: Section = ({ plan }) => [
  '## Topics',
  '',
  plan.topics.length === 0
    ? 'None.'
    : table(
        ['Source name', 'Target name', 'Partitions', 'Storage', 'Compact', 'Configs carried', 'Notes'],
        plan.topics.map((t) => [
          code(t.sourceName),
          t.name === t.sourceName ? 'same' : code(t.name),
          t.partitions === t.sourcePartitions ? String(t.partitions) : `${t.sourcePartitions} → ${t.partitions}`,
          t.storage,
          t.compact ? 'yes' : 'no',
          Object.entries(t.configs)
            .map(([k, v]) => code(`${k}=${v}`))
            .join('<br>'),
          cell(t.notes.join('; ')),
        ]),
      ),
  '',
];

export const removedSection: Section = ({ plan }) => {
  if (plan.removed.length === 0) return [];
  return [
    '## Gone from the source',
    '',
    'In the export the previous plan came from, but not in this one. Kept objects stay planned, so Terraform does not destroy them; pass --allow-destroy to let them go.',
    '',
    table(
      ['Kind', 'Name', 'Action'],
      plan.removed.map((r) => [r.kind, code(r.name), r.action === 'kept' ? 'kept' : '**destroy**']),
    ),
    '',
  ];
};

export const adoptedSection: Section = ({ plan }) => {
  const adopted = [
    ...plan.topics.filter((t) => t.adopted).map((t) => ['topic', t.name, t.adopted?.ignoreChanges ?? []] as const),
    ...plan.groups.filter((g) => g.adopted).map((g) => ['group', g.name, g.adopted?.ignoreChanges ?? []] as const),
    ...plan.users.filter((u) => u.adopted).map((u) => ['user', u.name, u.adopted?.ignoreChanges ?? []] as const),
  ];
  if (adopted.length === 0 && plan.targetDifferences.length === 0) return [];
  const out = [
    '## Already on the target',
    '',
    `${adopted.length} object(s) already exist on the instance and are adopted with Terraform \`import\` blocks instead of being created.`,
    '',
  ];
  if (adopted.length > 0)
    out.push(
      table(
        ['Kind', 'Name', 'Kept as on the target'],
        adopted.map(([k, n, ignore]) => [k, code(n), ignore.map(code).join(', ')]),
      ),
      '',
    );
  if (plan.targetDifferences.length > 0) {
    out.push(
      '### Differences with the target',
      '',
      table(
        ['Kind', 'Name', 'Field', 'Planned', 'On the target', 'Resolution'],
        plan.targetDifferences.map((d) => [d.kind, code(d.name), code(d.field), code(d.planned), code(d.target), cell(d.resolution)]),
      ),
      '',
    );
  }
  return out;
};

export const renamesSection: Section = ({ plan }) => [
  '## Renamed',
  '',
  plan.renames.length === 0
    ? 'None.'
    : table(
        ['Kind', 'Source name', 'Target name', 'Why'],
        plan.renames.map((r) => [r.kind, code(r.from), code(r.to), cell(r.reason)]),
      ),
  '',
];

export const skippedSection: Section = ({ plan }) => [
  '## Skipped',
  '',
  plan.skipped.length === 0
    ? 'None.'
    : table(
        ['Kind', 'Name', 'Why'],
        plan.skipped.map((k) => [k.kind, code(k.name), cell(k.reason)]),
      ),
  '',
];

export const configsSection: Section = ({ plan }) => {
  const changed = plan.configDecisions.filter((d) => d.action !== 'carried');
  return [
    '## Coerced and dropped topic configs',
    '',
    changed.length === 0
      ? 'None.'
      : table(
          ['Topic', 'Config', 'Action', 'From', 'To', 'Why'],
          changed.map((d) => [code(d.topic), code(d.key), d.action, code(d.from), d.to === undefined ? '—' : code(d.to), cell(d.reason)]),
        ),
    '',
  ];
};

export const groupsSection: Section = ({ plan }) => [
  '## Consumer groups',
  '',
  plan.groups.length === 0
    ? 'None.'
    : table(
        ['Source group', 'Target group', 'Members', 'Topics'],
        plan.groups.map((g) => [
          code(g.sourceId),
          g.name === g.sourceId ? 'same' : code(g.name),
          g.members === undefined ? '—' : String(g.members),
          g.topics.map(code).join(', '),
        ]),
      ),
  '',
];

/**
 * The transfer the plan decided: MirrorMaker's own topics and group (created by this stack, with --mirror), and the
 * topics it does not copy and the groups whose offsets it does not sync, each with the reason.
 */
export const transferSection: Section = ({ plan }) => {
  const t = plan.transfer;
  if (!t) return [];
  const mm = t.mirrorMaker;
  const notCopied = t.topics.filter((x) => x.copy === 'not-copied');
  const notSynced = t.groups.filter((g) => g.offsets !== 'synced');
  if (!mm && notCopied.length === 0 && notSynced.length === 0) return [];
  const out = ['## Transfer', ''];
  if (mm) {
    out.push(
      `MirrorMaker 2 (${mm.version}), ${mm.mode} mode: tasks.max up to ${mm.maxTasks}, checkpoints and group offset sync every ${mm.checkpointIntervalSeconds} s, compression ${mm.compression}. ` +
        `The Connect worker's topics: ${mm.workerTopics.location === 'target' ? 'on the target' : 'on the cluster the Connect workers use'} (${cell(mm.workerTopics.reason)}).`,
      '',
      "### MirrorMaker's topics and group (created by this stack)",
      '',
      table(
        ['Name', 'Kind', 'Partitions', 'Storage', 'Compact', 'Why'],
        [
          ...mm.topics.map((x) => [code(x.name), `topic (${x.role})`, String(x.partitions), x.storage, x.compact ? 'yes' : 'no', cell(x.reason)]),
          ...mm.groups.map((g) => [code(g.name), 'group', '—', '—', '—', cell(g.reason)]),
        ],
      ),
      '',
    );
  } else {
    out.push('MirrorMaker is not planned (synth --mirror dedicated|connect plans it, and its topics on the target).', '');
  }
  if (notCopied.length > 0 || notSynced.length > 0) {
    out.push(
      '### Not copied, or offsets not synced by MirrorMaker',
      '',
      table(
        ['Kind', 'Source name', 'Target name', 'How', 'Why'],
        [
          ...notCopied.map((x) => ['topic', code(x.sourceName), x.name === x.sourceName ? 'same' : code(x.name), x.copy, cell(x.reason)]),
          ...notSynced.map((g) => ['group', code(g.sourceId), g.name === g.sourceId ? 'same' : code(g.name), g.offsets, cell(g.reason)]),
        ],
      ),
      '',
    );
  }
  return out;
};

export const usersSection: Section = ({ plan }) => {
  if (plan.users.length === 0) return ['## SASL users', '', 'None.', ''];
  return [
    '## SASL users',
    '',
    "Passwords are never copied: each user's password comes from a sensitive Terraform variable.",
    '',
    table(
      ['Source user', 'Target user', 'Type', 'Password variable'],
      plan.users.map((u) => [
        code(u.sourceName),
        u.name === u.sourceName ? 'same' : code(u.name),
        `${u.type}${u.sourceMechanism ? ` (source ${u.sourceMechanism})` : ''}`,
        code(`var.${u.passwordVariable}`),
      ]),
    ),
    '',
  ];
};

export const aclsSection: Section = ({ plan }) => {
  const out = [
    '## ACLs',
    '',
    plan.acls.length === 0
      ? 'None.'
      : table(
          ['User', 'Resource', 'Pattern', 'Name', 'Operation', 'Host'],
          plan.acls.map((a) => [
            code(a.username),
            a.resourceType,
            a.patternType,
            code(a.resourceName),
            a.operation,
            a.host === undefined ? 'all' : code(a.host),
          ]),
        ),
    '',
  ];
  const skippedAcls = plan.skipped.filter((k) => k.kind === 'acl');
  if (skippedAcls.length > 0) out.push(`${skippedAcls.length} source ACL(s) are not migratable; see Skipped.`, '');
  return out;
};

/** The report's sections, in order. */
export const REPORT_SECTIONS: readonly Section[] = [
  sourceSection,
  summarySection,
  instanceSection,
  sizingSection,
  networkSection,
  endpointsSection,
  tagsSection,
  stateSection,
  quotaSection,
  applySection,
  warningsSection,
  changesSection,
  topicsSection,
  removedSection,
  adoptedSection,
  renamesSection,
  skippedSection,
  configsSection,
  groupsSection,
  transferSection,
  usersSection,
  aclsSection,
];

/** Renders the pull-request report. Deterministic: the same plan gives the same text. */
export function renderMarkdownReport(report: MigrationReport): string {
  return `${REPORT_SECTIONS.flatMap((s) => s(report))
    .join('\n')
    .replace(/\n+$/, '')}\n`;
}
