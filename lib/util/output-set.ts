/**
 * The files a command writes into an output directory, all or nothing, with a small list of them in the directory
 * (`.alikafka-migrate-files.json`): a later run of the same command (the same "set", e.g. `mirror` or
 * `synth:<stack>`) removes the files it wrote before and no longer writes (rollback CSVs of groups no longer
 * planned, Connect files after a dedicated run), and reports, without touching, files it did not write.
 * Terraform's files (`*.tfstate*`, `.terraform/`, `.terraform.lock.hcl`, plan files) are never removed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFilesAtomically } from './fs';

/** The list of the tool's own files, in the output directory. */
export const OWN_FILES_NAME = '.alikafka-migrate-files.json';

interface OwnFiles {
  readonly version: 1;
  /** set name → paths relative to the directory, sorted */
  readonly sets: Record<string, string[]>;
}

export interface OutputSetResult {
  /** Absolute or as-given paths of the files written, in the order given. */
  readonly written: readonly string[];
  /** Files of this set from an earlier run that this run no longer writes: removed. */
  readonly removed: readonly string[];
  /** Files beside the written ones that the tool did not write: left as they are. */
  readonly foreign: readonly string[];
}

/** Terraform's own files and directories: never moved, replaced or deleted. */
export function isTerraformFile(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  const base = parts[parts.length - 1];
  return parts.includes('.terraform') || /\.tfstate/.test(base) || base === '.terraform.lock.hcl' || /\.tfplan$/.test(base) || base.endsWith('.plan');
}

function readOwnFiles(dir: string): OwnFiles {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, OWN_FILES_NAME), 'utf8')) as OwnFiles;
    if (v && v.version === 1 && v.sets && typeof v.sets === 'object') return v;
  } catch {
    // no list yet, or not ours: start a new one
  }
  return { version: 1, sets: {} };
}

/**
 * Writes `files` (paths relative to `dir`) all or nothing together with the updated list, then removes the files
 * this set wrote before and no longer writes.
 */
export function writeOutputSet(dir: string, set: string, files: ReadonlyArray<{ readonly path: string; readonly content: string }>): OutputSetResult {
  const own = readOwnFiles(dir);
  const rels = files.map((f) => path.normalize(f.path));
  const previous = own.sets[set] ?? [];
  const claimedElsewhere = new Set(Object.entries(own.sets).flatMap(([name, list]) => (name === set ? [] : list)));
  const now = new Set(rels);
  const stale = previous.filter((rel) => !now.has(rel) && !claimedElsewhere.has(rel) && !isTerraformFile(rel));
  const sets = { ...own.sets, [set]: [...now].sort() };
  const sortedSets = Object.fromEntries(
    Object.keys(sets)
      .sort()
      .map((k) => [k, sets[k]]),
  );
  writeFilesAtomically([
    ...files.map((f) => ({ path: path.join(dir, f.path), content: f.content })),
    { path: path.join(dir, OWN_FILES_NAME), content: `${JSON.stringify({ version: 1, sets: sortedSets }, null, 2)}\n` },
  ]);
  const removed: string[] = [];
  for (const rel of stale) {
    const abs = path.join(dir, rel);
    try {
      if (fs.lstatSync(abs, { throwIfNoEntry: false })?.isFile()) {
        fs.unlinkSync(abs);
        removed.push(abs);
      }
    } catch {
      // left in place; it is no longer listed, so it is reported as foreign next time
    }
  }
  const ours = new Set([...Object.values(sortedSets).flat(), OWN_FILES_NAME]);
  const foreign = new Set<string>();
  for (const d of new Set(rels.map((r) => path.dirname(r)))) {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(path.join(dir, d), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = path.normalize(path.join(d, e.name));
      if (!e.isFile() || ours.has(rel) || isTerraformFile(rel) || e.name.endsWith('.tmp')) continue;
      foreign.add(path.join(dir, rel));
    }
  }
  return { written: files.map((f) => path.join(dir, f.path)), removed, foreign: [...foreign].sort() };
}
