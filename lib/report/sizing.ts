/**
 * The sizing section of the report (and the text of `alikafka-migrate evaluate`): for every dimension the
 * need, the need with headroom, what the instance provides and the spec's limit; the chosen spec; the next
 * smaller spec and why it was rejected; every input with its origin; errors and the split suggestion.
 * Renders a `SizingEvaluation` only: every decision is made in `lib/plan/sizing`.
 */
import { PUBLIC_BANDWIDTH } from '../alikafka';
import type { SizingDimension, SizingEvaluation, SplitSet } from '../plan/sizing';
import { cell, code } from './markdown';

export interface SizingRenderOptions {
  /** Markdown heading level of the section (`##` = 2). @default 2 */
  readonly level?: number;
  /** The section title. @default 'Sizing' */
  readonly title?: string;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  const [int, frac] = Math.abs(r).toFixed(1).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${r < 0 ? '-' : ''}${grouped}${frac === '0' ? '' : `.${frac}`}`;
}

const DIMENSION_TITLES: Readonly<Record<SizingDimension['dimension'], string>> = {
  write: 'write',
  read: 'read',
  partitions: 'partitions',
  topics: 'topics',
  groups: 'consumer groups',
  disk: 'disk',
  public: 'public bandwidth',
};

/** A shell word: single-quoted unless it is plain. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `--include 'orders.*' --include billing.invoices.v1` for one set of a split. */
export function includeFlags(set: Pick<SplitSet, 'include'>): string {
  return set.include.map((g) => `--include ${shellWord(g)}`).join(' ');
}

/** The sizing section as Markdown. Deterministic: the same evaluation gives the same text. */
export function renderSizingMarkdown(e: SizingEvaluation, options: SizingRenderOptions = {}): string {
  const h = '#'.repeat(options.level ?? 2);
  const sub = '#'.repeat((options.level ?? 2) + 1);
  const out: string[] = [`${h} ${options.title ?? 'Sizing'}`, ''];

  if (e.instance) {
    const i = e.instance;
    out.push(
      `Chosen: ${code(i.specType)} ${code(i.ioMaxSpec)}, ${num(i.diskSize)} GB ${i.diskType} disk, ${num(i.partitionNum)} extra partitions, ${i.deployType}${i.eipMax !== undefined ? ` (eip_max ${i.eipMax} ${PUBLIC_BANDWIDTH.unit})` : ''}, version ${i.serviceVersion}, ${i.multiZone ? 'multi-zone' : 'single zone'}.`,
      '',
    );
    out.push(`${sub} Need vs. spec`, '');
    out.push(
      table(
        ['dimension', 'need', 'with headroom', 'provided', 'spec limit', 'headroom'],
        e.dimensions.map((d) => [
          DIMENSION_TITLES[d.dimension],
          `${num(d.need)} ${d.unit}`,
          `${num(d.required)} ${d.unit}`,
          `${num(d.capacity)} ${d.unit}`,
          `${num(d.limit)} ${d.unit}`,
          d.headroomPct === undefined ? 'n/a (no need)' : `${num(d.headroomPct)}%`,
        ]),
      ),
      '',
    );
    out.push(`${sub} Choices`, '');
    out.push(
      table(
        ['setting', 'value', 'reason'],
        e.choices.map((c) => [c.field, c.value, c.reason]),
      ),
      '',
    );
    out.push(`${sub} Next smaller spec`, '');
    const rejected = [e.nextSmaller, e.nextSmallerSameEdition].filter((r): r is NonNullable<typeof r> => r !== undefined);
    if (rejected.length === 0) out.push('None: this is the cheapest spec AliKafka sells.');
    for (const r of rejected) out.push(`- ${code(r.specType)} ${code(r.ioMaxSpec)} rejected: ${r.reasons.map((x) => x.message).join('; ')}`);
    out.push('');
  } else {
    out.push('**The estate does not fit one AliKafka instance.**', '');
    for (const p of e.problems) out.push(`- ${p.message}`);
    out.push('');
    if (e.split) {
      out.push(`${sub} Split suggestion`, '');
      if (e.split.sets.length > 0) {
        out.push(
          `${e.split.sets.length} instances, each planned with its own \`--include\` set (topics grouped by name prefix; each consumer group's topics stay together):`,
          '',
        );
        e.split.sets.forEach((s, n) => {
          out.push(
            `${n + 1}. ${code(s.ioMaxSpec)} (${s.specType}): ${s.topics.length} topic${s.topics.length === 1 ? '' : 's'}, ${s.groups.length} group${s.groups.length === 1 ? '' : 's'}`,
          );
          out.push(`   ${code(includeFlags(s))}`);
        });
        out.push('');
      }
      if (e.split.unsplittable.length > 0) {
        out.push(`Cannot be split further (one consumer group's topics together exceed the largest spec): ${e.split.unsplittable.map(code).join(', ')}`, '');
      }
    }
  }

  out.push(`${sub} Inputs`, '');
  out.push(
    table(
      ['input', 'value', 'origin', 'how'],
      e.inputs.map((x) => [x.name, x.value, x.origin, x.detail]),
    ),
    '',
  );
  if (e.warnings.length > 0) {
    out.push(`${sub} Warnings`, '');
    for (const w of e.warnings) out.push(`- **${cell(w.subject)}** (${w.code}): ${w.message}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
