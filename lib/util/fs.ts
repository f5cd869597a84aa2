import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a set of files all or nothing: each is written to a temporary file in its target
 * directory, and only when every write succeeded are they renamed into place.
 * If anything fails, the temporary files are removed and no target file is touched.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ readonly path: string; readonly content: string }>): void {
  const temps: Array<{ tmp: string; dest: string }> = [];
  try {
    for (const f of files) {
      makeDirectory(path.dirname(f.path));
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      try {
        fs.writeFileSync(tmp, f.content, 'utf8');
      } catch (e) {
        throw new PathError(f.path, 'write', e);
      }
      temps.push({ tmp, dest: f.path });
    }
    for (const t of temps) {
      try {
        fs.renameSync(t.tmp, t.dest);
      } catch (e) {
        throw new PathError(t.dest, 'write', e);
      }
    }
  } catch (e) {
    for (const t of temps) {
      try {
        fs.unlinkSync(t.tmp);
      } catch {
        // already renamed or never written
      }
    }
    throw e;
  }
}

/** Reads a text file the user named; the error says why in a few words ("no such file", "permission denied"). */
export function readUserFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : errnoSentence(err));
  }
}

const ERRNO_SENTENCES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory, not a file',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open',
  EBUSY: 'it is busy',
  ELOOP: 'the path has too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** A short sentence for a file-system error (`permission denied`), without the raw `EACCES: ..., open '...'` text. */
export function errnoSentence(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && ERRNO_SENTENCES[err.code]) return ERRNO_SENTENCES[err.code];
  return err && typeof err.message === 'string' ? err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : String(e);
}

/** An error about one path, its message a sentence (`cannot create directory /proc/x: no such file or directory`). */
export class PathError extends Error {
  constructor(
    public readonly file: string,
    action: string,
    cause: unknown,
  ) {
    super(`cannot ${action} ${file}: ${errnoSentence(cause)}`);
    this.name = 'PathError';
  }
}

/**
 * Creates a directory and its missing parents one at a time (no recursive mkdir: on special file systems such as
 * /proc it can loop forever). Throws a PathError naming the directory that could not be made.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new PathError(d, 'use directory', e);
    }
    if (st) {
      if (!st.isDirectory()) throw new PathError(d, 'create a directory in', Object.assign(new Error(), { code: 'ENOTDIR' }));
      break;
    }
    missing.unshift(d);
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const m of missing) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(m).isDirectory()) continue;
      throw new PathError(m, 'create directory', e);
    }
  }
}
