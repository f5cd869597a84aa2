/**
 * The shape every lint rule shares, and the helper that turns one best practice of the rule module into a
 * rule. Rules live one per file in this folder and are listed in `./index.ts`.
 */
import { InternalError } from '../../errors';
import {
  CLIENT_DEFAULTS,
  CLIENT_PRACTICES,
  ClientPractice,
  ClientRole,
  PracticeParams,
  PracticeProfile,
  PracticeSeverity,
  ResolvedPractice,
  resolvePractices,
} from '../../alikafka/client-practices';
import type { PlanNames } from '../plan-names';
import type { ClientFile } from '../read';
import type { InstanceEndpoints } from '../target';

export interface LintContext {
  readonly file: ClientFile;
  /** The role to check as (--role, or what the file's keys show); undefined when unknown. */
  readonly role?: ClientRole;
  readonly profiles: readonly PracticeProfile[];
  readonly params: PracticeParams;
  /** The target instance's endpoints (--state). */
  readonly target?: InstanceEndpoints;
  /** The plan's renames, topic storage and the source's servers (--plan). */
  readonly names?: PlanNames;
  /** The Java client (kafka-clients) version the files are for, e.g. `2.8` or `3.7.1`; undefined: a 3.x client (CLIENT_DEFAULTS.java). */
  readonly clientVersion?: string;
}

export interface LintFinding {
  readonly rule: string;
  readonly severity: PracticeSeverity;
  readonly key: string;
  /** The value in the file, `<default>` marks the client's default; secrets are never shown. */
  readonly current?: string;
  readonly recommended?: string;
  readonly reason: string;
}

export interface LintRule {
  readonly id: string;
  readonly description: string;
  check(ctx: LintContext): LintFinding[];
}

/** The value a client uses for `key`: the file's, or the client's default (marked). */
export function effective(file: ClientFile, key: string): { value: string; explicit: boolean } | undefined {
  const v = file.settings.get(key);
  if (v !== undefined && v.trim() !== '') return { value: v.trim(), explicit: true };
  const d = CLIENT_DEFAULTS[file.defaults ?? (file.format === 'properties' ? 'java' : 'kafkajs-helper')][key];
  return d === undefined ? undefined : { value: d, explicit: false };
}

export function practiceById(id: string): ClientPractice {
  const p = CLIENT_PRACTICES.find((x) => x.id === id);
  if (!p) throw new InternalError(`no practice ${id} in lib/alikafka/client-practices.ts`);
  return p;
}

function passes(r: ResolvedPractice, current: string): boolean {
  const c = r.practice.check;
  const n = Number(current);
  const norm = (s: string): string => s.trim().toLowerCase();
  switch (c.kind) {
    case 'equal':
      return norm(current) === norm(r.value ?? '');
    case 'at-least':
      return Number.isFinite(n) && n >= (r.min ?? Number(r.value));
    case 'at-most':
      return Number.isFinite(n) && n <= (r.max ?? Number(r.value));
    case 'between':
      return Number.isFinite(n) && n >= c.min && n <= c.max;
    case 'one-of':
      return c.values.map(norm).includes(norm(current));
    case 'none-of':
      return !c.values.map(norm).includes(norm(current));
  }
}

function recommendation(r: ResolvedPractice): string {
  const c = r.practice.check;
  if (r.value === undefined) return 'unset';
  switch (c.kind) {
    case 'between':
      return `${c.min}-${c.max} (${r.value})`;
    case 'at-least':
      return r.min !== undefined && String(r.min) !== r.value ? `at least ${r.min} (${r.value})` : `${r.value} or more`;
    case 'at-most':
      return r.max !== undefined && String(r.max) !== r.value ? `at most ${r.max} (${r.value})` : `${r.value} or less`;
    case 'one-of':
      return `${r.value} (or ${c.values.filter((v) => v !== r.value).join(', ')})`;
    default:
      return r.value;
  }
}

/**
 * A rule for one best practice: it applies to the practice's role, to its profile when that profile was
 * chosen (a general practice yields to a chosen profile's practice for the same key), and to kafkajs files
 * only when kafkajs has the setting.
 */
export function practiceRule(id: string, description: string): LintRule {
  return {
    id,
    description,
    check(ctx: LintContext): LintFinding[] {
      const p = practiceById(id);
      if (ctx.role !== p.role) return [];
      if (p.profile !== 'general' && !ctx.profiles.includes(p.profile)) return [];
      if (ctx.file.format === 'kafkajs' && !p.kafkajs) return [];
      const r = resolvePractices(p.role, ctx.profiles, ctx.params).find((x) => x.practice.key === p.key);
      if (!r || r.practice !== p) return []; // another chosen profile's practice decides this key
      const cur = effective(ctx.file, p.key);
      if (!cur || passes(r, cur.value)) return [];
      const from = ctx.file.origin.get(p.key);
      return [
        {
          rule: id,
          severity: p.severity,
          key: from ? `${p.key} (${from})` : p.key,
          current: cur.explicit ? cur.value : `${cur.value} (default)`,
          recommended: recommendation(r),
          reason: p.reason,
        },
      ];
    },
  };
}
