/**
 * Plan review: turns `terraform show -json PLANFILE` output into a summary a reviewer reads in a pull
 * request (Markdown) and its machine-readable twin (JSON).
 *
 * Pure functions, no I/O. Only addresses, resource types, actions, action reasons and attribute NAMES
 * ever reach the output: attribute values (before, after, planned values, configuration, outputs) are
 * read only to tell which attributes change, and never copied into the summary.
 */
import { JsonShapeError, parseJsonText } from '../util/json';
import { AlikafkaMigrateError } from '../errors';
import { RESOURCE_TYPES } from '../alikafka';
import { displayText, htmlText } from '../util/escape';

/** What happens to one resource instance. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'destroy' | 'forget' | 'read' | 'no-op' | 'other';

/** Column order of counts, tables and JSON. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['create', 'update', 'replace', 'destroy', 'forget', 'other', 'no-op', 'read'];

/** Resource types whose destroy or replace deletes messages. */
export const DATA_LOSS_TYPES: readonly string[] = [RESOURCE_TYPES.topic, RESOURCE_TYPES.instance];

/** One resource instance of the plan, values stripped. */
export interface ResourceChangeSummary {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly kind: ChangeKind;
  /** Terraform's action list, as in the plan (e.g. ["delete", "create"]). */
  readonly actions: readonly string[];
  /** Terraform's `action_reason`, when it gives one (e.g. `replace_because_cannot_update`). */
  readonly actionReason?: string;
  /** Attribute paths that force the replacement (`replace_paths`), rendered like `tags["env"]`; empty when the plan gives none. */
  readonly replacePaths: readonly string[];
  /** Names of top-level attributes whose value changes (updates and replaces); computed values that are only "known after apply" are left out. */
  readonly changedAttributes: readonly string[];
  /** True when the resource is imported by this plan. */
  readonly importing: boolean;
  /** The address it is moved from, if it is moved by this plan. */
  readonly previousAddress?: string;
  /** Set for a change to a deposed object. */
  readonly deposed?: string;
  /** True for a replace that creates the new object before destroying the old one. */
  readonly createBeforeDestroy: boolean;
}

/** Counts of one resource type. */
export type KindCounts = { readonly [K in ChangeKind]: number };

export interface TypeCounts {
  readonly type: string;
  readonly counts: KindCounts;
}

export interface PlanSummary {
  /** Name of the input (a file name or `<stdin>`), for messages only. */
  readonly source: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /** `errored` of the plan: true when planning failed and the plan is incomplete. */
  readonly errored: boolean;
  /** `complete` of the plan, when given (false: more changes will follow, e.g. deferred actions). */
  readonly complete?: boolean;
  readonly totals: KindCounts;
  /** Counts per resource type, sorted by type. */
  readonly byType: readonly TypeCounts[];
  /** Every resource instance, sorted by address (then deposed key). */
  readonly changes: readonly ResourceChangeSummary[];
  /** Warnings for the top of the summary (data loss, errored or incomplete plan). */
  readonly warnings: readonly string[];
  /** Differences between the Terraform plan and the migration plan file, when one was given (`withDrift`). */
  readonly drift?: PlanDrift;
}

/** One resource the Terraform plan would change although the migration plan does not contain it. */
export interface UnplannedChange {
  readonly address: string;
  readonly kind: ChangeKind;
}

/** How the Terraform plan and the migration plan file disagree: either list non-empty means the stack drifted from the file. */
export interface PlanDrift {
  /** Name of the migration plan file, for messages. */
  readonly planFile: string;
  /** Resources Terraform would create, update, replace, destroy or forget that the migration plan does not contain. */
  readonly unplanned: readonly UnplannedChange[];
  /** Resources the migration plan contains that the Terraform plan does not (no-op counts as present; a destroy does not). */
  readonly missing: readonly string[];
}

/**
 * Compares a Terraform plan with the resource addresses of a migration plan (`plannedResourceAddresses`): what
 * Terraform would change beyond the plan, and what the plan has that Terraform would not keep.
 */
export function withDrift(s: PlanSummary, plannedAddresses: readonly string[], planFile: string): PlanSummary {
  const planned = new Set(plannedAddresses);
  const managed = s.changes.filter((c) => c.mode === 'managed' && c.deposed === undefined);
  const unplanned = managed
    .filter((c) => !planned.has(c.address) && c.kind !== 'no-op' && c.kind !== 'read')
    .map((c) => ({ address: c.address, kind: c.kind }));
  const kept = new Set(managed.filter((c) => c.kind !== 'destroy' && c.kind !== 'forget').map((c) => c.address));
  const missing = [...planned].filter((a) => !kept.has(a)).sort(byCodePoint);
  return { ...s, drift: { planFile, unplanned, missing } };
}

/** Input that is not a readable Terraform plan JSON: names the source and the field. */
export class PlanSummaryError extends AlikafkaMigrateError {
  public readonly source: string;

  constructor(source: string, message: string, field?: string) {
    super('input', field === undefined ? `${source}: ${message}` : `${source}: ${field}: ${message}`, { field });
    this.name = 'PlanSummaryError';
    this.source = source;
  }
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Code-point order, independent of locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyCounts(): { [K in ChangeKind]: number } {
  return { create: 0, update: 0, replace: 0, destroy: 0, forget: 0, other: 0, 'no-op': 0, read: 0 };
}

function kindOf(actions: readonly string[]): ChangeKind {
  const key = actions.join(',');
  switch (key) {
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'destroy';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'read':
      return 'read';
    case 'no-op':
      return 'no-op';
    case 'forget':
      return 'forget';
    default:
      return 'other';
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level attribute names whose value differs between before and after; the values themselves are never kept. */
function changedAttributeNames(change: JsonObject): string[] {
  const before = isObject(change.before) ? change.before : {};
  const after = isObject(change.after) ? change.after : {};
  const unknown = isObject(change.after_unknown) ? change.after_unknown : {};
  const names = new Set<string>([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const name of names) {
    // wholly unknown after apply: a computed attribute (id, output), not something the config changes
    if (unknown[name] === true && !Object.prototype.hasOwnProperty.call(after, name)) continue;
    if (!deepEqual(before[name] ?? null, after[name] ?? null)) out.push(name);
  }
  return out.sort(byCodePoint);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One `replace_paths` entry (["tags", "env"], ["rule", 0, "port"]) as `tags["env"]`, `rule[0].port`. */
function renderPath(steps: readonly unknown[], source: string, field: string): string {
  let out = '';
  steps.forEach((step, i) => {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string') {
      if (i === 0 && IDENT.test(step)) out += step;
      else if (i > 0 && IDENT.test(step) && typeof steps[i - 1] !== 'string') out += `.${step}`;
      else out += `[${JSON.stringify(step)}]`;
    } else {
      throw new PlanSummaryError(source, `each step must be an attribute name or an index, got a ${step === null ? 'null' : typeof step}`, `${field}[${i}]`);
    }
  });
  return out;
}

function requireString(obj: JsonObject, key: string, source: string, field: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '')
    throw new PlanSummaryError(source, `must be a non-empty string${v === undefined ? ', but it is missing' : ''}`, `${field}.${key}`);
  return v;
}

function parseResourceChange(rc: unknown, i: number, source: string): ResourceChangeSummary {
  const field = `resource_changes[${i}]`;
  if (!isObject(rc)) throw new PlanSummaryError(source, 'must be an object', field);
  const address = requireString(rc, 'address', source, field);
  const type = requireString(rc, 'type', source, field);
  const mode = rc.mode === undefined ? 'managed' : rc.mode;
  if (mode !== 'managed' && mode !== 'data') throw new PlanSummaryError(source, 'must be "managed" or "data"', `${field}.mode`);
  const change = rc.change;
  if (!isObject(change)) throw new PlanSummaryError(source, change === undefined ? 'is missing' : 'must be an object', `${field}.change`);
  const actions = change.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a): a is string => typeof a === 'string')) {
    throw new PlanSummaryError(source, 'must be a non-empty list of action names', `${field}.change.actions`);
  }
  const kind = kindOf(actions);
  let replacePaths: string[] = [];
  if (rc.replace_paths !== undefined && rc.replace_paths !== null) {
    if (!Array.isArray(rc.replace_paths)) throw new PlanSummaryError(source, 'must be a list of attribute paths', `${field}.replace_paths`);
    replacePaths = rc.replace_paths.map((p: unknown, j: number) => {
      if (!Array.isArray(p)) throw new PlanSummaryError(source, 'must be a list of path steps', `${field}.replace_paths[${j}]`);
      return renderPath(p, source, `${field}.replace_paths[${j}]`);
    });
    replacePaths = [...new Set(replacePaths)].sort(byCodePoint);
  }
  const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    address,
    type,
    mode,
    kind,
    actions: [...actions],
    actionReason: optString(rc.action_reason),
    replacePaths,
    changedAttributes: kind === 'update' || kind === 'replace' ? changedAttributeNames(change) : [],
    importing: isObject(change.importing),
    previousAddress: optString(rc.previous_address),
    deposed: optString(rc.deposed),
    createBeforeDestroy: actions.join(',') === 'create,delete',
  };
}

/**
 * Summarizes a parsed `terraform show -json PLANFILE` document.
 * Throws {@link PlanSummaryError} naming `source` and the field when it is not a plan.
 */
export function summarizePlan(doc: unknown, source: string): PlanSummary {
  const hint = 'expected the output of `terraform show -json PLANFILE`';
  if (!isObject(doc)) throw new PlanSummaryError(source, `not a Terraform plan JSON: the top level must be an object (${hint})`);
  const formatVersion = doc.format_version;
  if (typeof formatVersion !== 'string') {
    throw new PlanSummaryError(
      source,
      `${formatVersion === undefined ? 'missing' : 'must be a string'}; not a Terraform plan JSON (${hint})`,
      'format_version',
    );
  }
  if (!/^1\.\d+$/.test(formatVersion)) {
    throw new PlanSummaryError(source, `unsupported version ${JSON.stringify(formatVersion)}; only 1.x is understood`, 'format_version');
  }
  let rawChanges: readonly unknown[];
  if (doc.resource_changes === undefined) {
    // Terraform omits resource_changes when the plan has no resources at all; a state (`terraform show -json`
    // without a plan file) has `values` instead of `planned_values`.
    if (!isObject(doc.planned_values)) {
      const what = isObject(doc.values) ? 'this looks like a state, not a plan' : 'not a Terraform plan JSON';
      throw new PlanSummaryError(source, `missing; ${what} (${hint})`, 'resource_changes');
    }
    rawChanges = [];
  } else if (!Array.isArray(doc.resource_changes)) {
    throw new PlanSummaryError(source, 'must be a list', 'resource_changes');
  } else {
    rawChanges = doc.resource_changes;
  }

  const changes = rawChanges
    .map((rc, i) => parseResourceChange(rc, i, source))
    .sort((a, b) => byCodePoint(a.address, b.address) || byCodePoint(a.deposed ?? '', b.deposed ?? ''));

  const totals = emptyCounts();
  const perType = new Map<string, { [K in ChangeKind]: number }>();
  for (const c of changes) {
    totals[c.kind] += 1;
    let counts = perType.get(c.type);
    if (!counts) perType.set(c.type, (counts = emptyCounts()));
    counts[c.kind] += 1;
  }
  const byType = [...perType.keys()].sort(byCodePoint).map((type) => ({ type, counts: perType.get(type)! }));

  const errored = doc.errored === true;
  const complete = typeof doc.complete === 'boolean' ? doc.complete : undefined;
  const warnings: string[] = [];
  for (const type of DATA_LOSS_TYPES) {
    const lost = changes.filter((c) => c.type === type && c.mode === 'managed' && (c.kind === 'destroy' || c.kind === 'replace'));
    if (lost.length === 0) continue;
    const what = type === RESOURCE_TYPES.topic ? 'the messages in them' : 'every topic and message on them';
    const n = lost.length;
    warnings.push(
      `DATA WOULD BE LOST: ${n} ${type} resource${n === 1 ? '' : 's'} would be destroyed or replaced, ` +
        `and ${what} would be deleted. Keep prevent_destroy on them unless this is intended.`,
    );
  }
  if (errored) warnings.push('The plan errored: Terraform could not finish planning, so this summary is incomplete.');
  if (complete === false) warnings.push('The plan is incomplete: more changes will be planned after this one is applied.');
  if (totals.other > 0)
    warnings.push(`${totals.other} change${totals.other === 1 ? ' has' : 's have'} actions this tool does not recognize; review them in the plan.`);

  return {
    source,
    formatVersion,
    terraformVersion: typeof doc.terraform_version === 'string' ? doc.terraform_version : undefined,
    errored,
    complete,
    totals,
    byType,
    changes,
    warnings,
  };
}

/** Parses the text of `terraform show -json PLANFILE` and summarizes it. */
export function parsePlanSummary(text: string, source: string): PlanSummary {
  let doc: unknown;
  try {
    doc = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonShapeError) throw new PlanSummaryError(source, e.message);
    throw new PlanSummaryError(source, `not valid JSON (${(e as Error).message}); expected the output of \`terraform show -json PLANFILE\``);
  }
  return summarizePlan(doc, source);
}

// ---------------------------------------------------------------------------------------------------
// Markdown

export interface RenderOptions {
  /** Lists longer than this are collapsed in a <details> block. @default 10 */
  readonly collapseAfter?: number;
}

/** A Markdown code span that survives backticks, and `|` inside tables; control characters and bidirectional overrides are shown escaped. */
function code(text: string, inTable = false): string {
  let s = displayText(text);
  if (inTable) s = s.replace(/\|/g, '\\|');
  const longest = (s.match(/`+/g) ?? []).reduce((max, m) => Math.max(max, m.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

const REASONS: { readonly [reason: string]: string } = {
  delete_because_no_resource_config: 'removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is no longer in range',
  delete_because_each_key: 'its for_each key is no longer in the map',
  delete_because_no_move_target: 'the target of a moved block does not exist',
  replace_because_tainted: 'tainted',
  replace_because_cannot_update: 'an attribute cannot be updated in place',
  replace_by_request: 'requested with -replace',
  replace_by_triggers: 'replace_triggered_by',
  read_because_config_unknown: 'configuration known only after apply',
  read_because_dependency_pending: 'a dependency has pending changes',
  read_because_check_nested: 'nested in a check block',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function annotations(c: ResourceChangeSummary): string[] {
  const notes: string[] = [];
  if (c.importing) notes.push('imported');
  if (c.previousAddress) notes.push(`moved from ${code(c.previousAddress)}`);
  if (c.deposed) notes.push(`deposed object ${code(c.deposed)}`);
  return notes;
}

function why(c: ResourceChangeSummary): string {
  const parts: string[] = [];
  if (c.kind === 'replace') {
    if (c.replacePaths.length > 0) parts.push(`forced by ${c.replacePaths.map((p) => code(p, true)).join(', ')}`);
    else if (c.changedAttributes.length > 0) parts.push(`changes ${c.changedAttributes.map((p) => code(p, true)).join(', ')}`);
    if (c.createBeforeDestroy) parts.push('create before destroy');
  }
  if (c.kind === 'forget') parts.push('not destroyed: removed from the state only, Terraform stops managing it');
  if (c.kind === 'other') parts.push(`actions ${code(c.actions.join(', '), true)}`);
  if (c.actionReason) parts.push(REASONS[c.actionReason] ? `${REASONS[c.actionReason]} (${code(c.actionReason, true)})` : code(c.actionReason, true));
  parts.push(...annotations(c).map((a) => a.replace(/\|/g, '\\|')));
  return parts.length > 0 ? parts.join('; ') : '';
}

function listItem(c: ResourceChangeSummary): string {
  const notes = annotations(c);
  if (c.kind === 'update' && c.changedAttributes.length > 0) notes.unshift(`changes ${c.changedAttributes.map((a) => code(a)).join(', ')}`);
  return `- ${code(c.address)}${notes.length > 0 ? ` — ${notes.join('; ')}` : ''}`;
}

/** Appends the lines of one group to `lines` (no spread: a group can have 150,000 items). */
function renderGroup(lines: string[], title: string, items: readonly ResourceChangeSummary[], collapseAfter: number): void {
  if (items.length === 0) return;
  lines.push(`### ${title} (${items.length})`, '');
  const types = [...new Set(items.map((c) => c.type))].sort(byCodePoint);
  for (const type of types) {
    const ofType = items.filter((c) => c.type === type);
    // one push per item: spreading 150,000 items into one push call overflows the stack
    if (ofType.length > collapseAfter) {
      lines.push(`<details><summary>${htmlText(type)} (${ofType.length})</summary>`, '');
      for (const c of ofType) lines.push(listItem(c));
      lines.push('', '</details>', '');
    } else {
      lines.push(`**${htmlText(type)}** (${ofType.length})`, '');
      for (const c of ofType) lines.push(listItem(c));
      lines.push('');
    }
  }
}

/** The drift section, first in the summary: what Terraform would do that the reviewed migration plan does not say. */
function renderDrift(d: PlanDrift | undefined, collapseAfter: number): string[] {
  if (d === undefined) return [];
  const n = d.unplanned.length + d.missing.length;
  if (n === 0)
    return [
      `Matches the migration plan ${code(d.planFile)}: every resource Terraform would change is planned, and every planned resource is in the Terraform plan.`,
      '',
    ];
  const lines = [
    `### ⚠ Drift from the migration plan (${n})`,
    '',
    `The Terraform plan and ${code(d.planFile)} disagree: synth the stack and its plan file again from the same flags, and review both.`,
    '',
  ];
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    lines.push(`**${title}** (${items.length})`, '');
    // one push per item (no spread: the lists can be long)
    const collapsed = items.length > collapseAfter;
    if (collapsed) lines.push('<details><summary>addresses</summary>', '');
    for (const item of items) lines.push(item);
    lines.push(...(collapsed ? ['', '</details>', ''] : ['']));
  };
  list(
    'Changed by Terraform, not in the migration plan',
    d.unplanned.map((u) => `- **${u.kind}** ${code(u.address)}`),
  );
  list(
    'In the migration plan, absent from the Terraform plan',
    d.missing.map((a) => `- ${code(a)}`),
  );
  return lines;
}

const HEADLINE_KINDS: ReadonlyArray<[ChangeKind, string]> = [
  ['create', 'to create'],
  ['update', 'to update'],
  ['replace', 'to replace'],
  ['destroy', 'to destroy'],
];

/** The Markdown summary: warnings, headline counts, destroys and replaces, counts by type, then creates and updates. */
export function renderPlanSummaryMarkdown(s: PlanSummary, options: RenderOptions = {}): string {
  const collapseAfter = options.collapseAfter ?? 10;
  const t = s.totals;
  const lines: string[] = ['## Terraform plan summary', ''];
  for (const line of renderDrift(s.drift, collapseAfter)) lines.push(line);
  for (const w of s.warnings) lines.push(`> **⚠ ${w}**`, '');

  const headline = HEADLINE_KINDS.map(([k, label]) => `${t[k]} ${label}`).join(', ');
  const extra = [`${t['no-op']} unchanged`, `${t.read} to read`];
  if (t.forget > 0) extra.push(`${t.forget} to forget`);
  if (t.other > 0) extra.push(`${t.other} other`);
  lines.push(`**${headline}** (${extra.join(', ')})`, '');
  const imports = s.changes.filter((c) => c.importing).length;
  const moves = s.changes.filter((c) => c.previousAddress !== undefined).length;
  if (imports + moves > 0) lines.push(`${plural(imports, 'import')}, ${plural(moves, 'move')}.`, '');

  const attention = s.changes.filter((c) => c.kind === 'destroy' || c.kind === 'replace' || c.kind === 'forget' || c.kind === 'other');
  if (attention.length > 0) {
    const order: readonly ChangeKind[] = ['destroy', 'replace', 'forget', 'other'];
    const sorted = [...attention].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || byCodePoint(a.address, b.address));
    const forgets = t.forget > 0 ? ', forgotten' : '';
    lines.push(`### 🛑 Destroyed${forgets} or replaced (${attention.length})`, '', '| Action | Address | Why |', '|---|---|---|');
    for (const c of sorted) lines.push(`| **${c.kind}** | ${code(c.address, true)} | ${why(c)} |`);
    lines.push('');
  } else if (s.changes.length > 0) {
    lines.push('Nothing is destroyed or replaced.', '');
  }

  if (s.byType.length > 0) {
    const kinds = CHANGE_KINDS.filter((k) => (k !== 'forget' && k !== 'other') || t[k] > 0);
    lines.push('### By resource type', '', `| Resource type | ${kinds.join(' | ')} |`, `|---|${kinds.map(() => '---:').join('|')}|`);
    for (const row of s.byType) lines.push(`| ${code(row.type, true)} | ${kinds.map((k) => String(row.counts[k])).join(' | ')} |`);
    lines.push('');
  } else {
    lines.push('No resources in this plan.', '');
  }

  renderGroup(
    lines,
    'Created',
    s.changes.filter((c) => c.kind === 'create'),
    collapseAfter,
  );
  renderGroup(
    lines,
    'Updated in place',
    s.changes.filter((c) => c.kind === 'update'),
    collapseAfter,
  );
  renderGroup(
    lines,
    'Moved or imported, otherwise unchanged',
    s.changes.filter((c) => c.kind === 'no-op' && (c.importing || c.previousAddress !== undefined)),
    collapseAfter,
  );

  const versions = [`format_version ${htmlText(s.formatVersion)}`];
  if (s.terraformVersion) versions.push(`Terraform ${htmlText(s.terraformVersion)}`);
  lines.push(`<sub>${versions.join(', ')}; values are never shown, only addresses and attribute names.</sub>`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// JSON

/** The machine-readable twin of the Markdown: the same facts, no values. No-op changes are counted, not listed. */
export interface PlanSummaryJson {
  readonly formatVersion: string;
  readonly terraformVersion: string | null;
  readonly errored: boolean;
  readonly complete: boolean | null;
  /** Present with `--plan`: the drift from the migration plan file. */
  readonly drift?: { readonly planFile: string; readonly unplanned: readonly UnplannedChange[]; readonly missing: readonly string[] };
  readonly warnings: readonly string[];
  readonly totals: KindCounts;
  readonly byType: ReadonlyArray<{ readonly type: string } & KindCounts>;
  readonly changes: ReadonlyArray<{
    readonly address: string;
    readonly type: string;
    readonly mode: 'managed' | 'data';
    readonly action: ChangeKind;
    readonly actions: readonly string[];
    readonly actionReason: string | null;
    readonly replacePaths: readonly string[];
    readonly changedAttributes: readonly string[];
    readonly importing: boolean;
    readonly previousAddress: string | null;
    readonly deposed: string | null;
  }>;
}

export function planSummaryToJson(s: PlanSummary): PlanSummaryJson {
  return {
    formatVersion: s.formatVersion,
    terraformVersion: s.terraformVersion ?? null,
    errored: s.errored,
    complete: s.complete ?? null,
    ...(s.drift !== undefined ? { drift: s.drift } : {}),
    warnings: s.warnings,
    totals: s.totals,
    byType: s.byType.map((r) => ({ type: r.type, ...r.counts })),
    changes: s.changes
      .filter((c) => c.kind !== 'no-op')
      .map((c) => ({
        address: c.address,
        type: c.type,
        mode: c.mode,
        action: c.kind,
        actions: c.actions,
        actionReason: c.actionReason ?? null,
        replacePaths: c.replacePaths,
        changedAttributes: c.changedAttributes,
        importing: c.importing,
        previousAddress: c.previousAddress ?? null,
        deposed: c.deposed ?? null,
      })),
  };
}
