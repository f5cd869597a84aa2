/**
 * lint-client: reads client configuration files and reports every setting that departs from AliKafka's best
 * practices, or that will not work against the target (old bootstrap servers, a port/protocol/mechanism the
 * endpoint does not offer, a group or topic the plan renamed). Rules: `lib/clients/lint-rules/`.
 */
import type { ClientRole, PracticeParams, PracticeProfile, PracticeSeverity } from '../alikafka/client-practices';
import { LINT_RULES, LintFinding } from './lint-rules';
import type { PlanNames } from './plan-names';
import { ClientFile, readClientFile } from './read';
import type { InstanceEndpoints } from './target';

export interface LintOptions {
  /** Check every file as this role; by default the role the file's keys show. */
  readonly role?: ClientRole;
  readonly profiles?: readonly PracticeProfile[];
  readonly params?: PracticeParams;
  readonly target?: InstanceEndpoints;
  readonly names?: PlanNames;
  /** The Java client version the files are for (defaults that changed across versions). @default a 3.x client */
  readonly clientVersion?: string;
}

export interface FileLint {
  readonly file: string;
  readonly format: ClientFile['format'];
  readonly role?: ClientRole;
  readonly findings: readonly LintFinding[];
}

export interface LintResult {
  readonly files: readonly FileLint[];
  readonly counts: Readonly<Record<PracticeSeverity, number>>;
}

/** Lints one parsed file. */
export function lintClientFile(file: ClientFile, opts: LintOptions = {}): FileLint {
  const role = opts.role ?? file.role;
  const ctx = {
    file,
    role,
    profiles: opts.profiles ?? [],
    params: opts.params ?? {},
    target: opts.target,
    names: opts.names,
    clientVersion: opts.clientVersion,
  };
  const findings: LintFinding[] = [];
  if (role === undefined) {
    findings.push({
      rule: 'role',
      severity: 'info',
      key: '(file)',
      reason: 'the keys do not show whether this is a producer or a consumer configuration; producer and consumer practices were not checked (give --role)',
    });
  }
  for (const rule of LINT_RULES) findings.push(...rule.check(ctx));
  return { file: file.file, format: file.format, role, findings };
}

/** Reads and lints each file. Throws ClientConfigError naming an unreadable file. */
export function lintClientFiles(files: readonly string[], opts: LintOptions = {}): LintResult {
  const out = files.map((f) => lintClientFile(readClientFile(f), opts));
  const counts: Record<PracticeSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of out) for (const x of f.findings) counts[x.severity]++;
  return { files: out, counts };
}

/** The text report: one line per finding, grouped by file. */
export function renderLintText(r: LintResult): string {
  const lines: string[] = [];
  for (const f of r.files) {
    lines.push(
      `${f.file} (${f.format}, ${f.role ?? 'role unknown'}): ${f.findings.length === 0 ? 'no findings' : `${f.findings.length} finding${f.findings.length === 1 ? '' : 's'}`}`,
    );
    for (const x of f.findings) {
      const values = x.current !== undefined ? `${x.key} = ${x.current}${x.recommended !== undefined ? `; recommended: ${x.recommended}` : ''}` : x.key;
      lines.push(`  ${x.severity.padEnd(7)} ${x.rule}: ${values}`);
      lines.push(`          ${x.reason}`);
    }
  }
  lines.push(
    `${r.counts.error} error${r.counts.error === 1 ? '' : 's'}, ${r.counts.warning} warning${r.counts.warning === 1 ? '' : 's'}, ${r.counts.info} info`,
  );
  return `${lines.join('\n')}\n`;
}
