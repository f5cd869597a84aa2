import * as fs from 'fs';
import * as path from 'path';
import { AlikafkaMigrateError } from '../errors';

/**
 * Writes a set of files all or nothing: each is written to a temporary file in its target directory; only when
 * every write succeeded are they put in place, each existing file first moved aside to a backup name. If putting
 * any file in place fails, the files already placed are taken back and the backups restored, so the directory
 * holds the previous outputs as they were; the temporary files and backups are removed either way.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ readonly path: string; readonly content: string }>): void {
  const temps: Array<{ tmp: string; dest: string; backup?: string; placed: boolean }> = [];
  const suffix = `${process.pid}.${Date.now().toString(36)}`;
  try {
    for (const f of files) {
      makeDirectory(path.dirname(f.path));
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${suffix}.tmp`);
      try {
        fs.writeFileSync(tmp, f.content, 'utf8');
      } catch (e) {
        throw new PathError(f.path, 'write', e);
      }
      temps.push({ tmp, dest: f.path, placed: false });
    }
    // a directory where a file goes fails before anything is replaced
    for (const t of temps) {
      if (fs.lstatSync(t.dest, { throwIfNoEntry: false })?.isDirectory()) {
        throw new PathError(t.dest, 'write', Object.assign(new Error(), { code: 'EISDIR' }));
      }
    }
    for (const t of temps) {
      try {
        if (fs.existsSync(t.dest)) {
          const backup = path.join(path.dirname(t.dest), `.${path.basename(t.dest)}.${suffix}.previous`);
          fs.renameSync(t.dest, backup);
          t.backup = backup;
        }
        fs.renameSync(t.tmp, t.dest);
        t.placed = true;
      } catch (e) {
        throw new PathError(t.dest, 'write', e);
      }
    }
    for (const t of temps) if (t.backup) fs.rmSync(t.backup, { force: true });
  } catch (e) {
    // take back what was placed, restore what was there
    for (const t of [...temps].reverse()) {
      try {
        if (t.placed) fs.rmSync(t.dest, { force: true });
        if (t.backup) fs.renameSync(t.backup, t.dest);
      } catch {
        // best effort: the error below names the file that failed
      }
      try {
        fs.unlinkSync(t.tmp);
      } catch {
        // already renamed or never written
      }
    }
    throw e;
  }
}

/** Largest input file read by default: 128 MB (metadata of 10,000 topics with offsets is a few MB). */
export const DEFAULT_MAX_INPUT_MB = 128;

interface InputLimit {
  readonly maxBytes: number;
  /** How the user raises the limit, named in the error (the CLI gives its flag). */
  readonly raiseWith: string;
}

const DEFAULT_INPUT_LIMIT: InputLimit = { maxBytes: DEFAULT_MAX_INPUT_MB * 1024 * 1024, raiseWith: 'the maximum input size setting' };
let inputLimit: InputLimit = DEFAULT_INPUT_LIMIT;

/** Sets the size limit of every input file read by `readUserFile` (undefined: back to the default). */
export function setInputLimit(limit: InputLimit | undefined): void {
  inputLimit = limit ?? DEFAULT_INPUT_LIMIT;
}

/** The current input size limit in bytes. */
export function inputLimitBytes(): number {
  return inputLimit.maxBytes;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

/** A file larger than the input size limit (an endless device such as /dev/zero included). */
export class InputTooLargeError extends AlikafkaMigrateError {
  constructor(public readonly limitBytes: number) {
    super('input', `larger than the input size limit of ${megabytes(limitBytes)}; if the file is genuine, raise the limit with ${inputLimit.raiseWith}`);
    this.name = 'InputTooLargeError';
  }
}

const CHUNK = 1024 * 1024;

/**
 * Reads a text file the user named (`0` or `-` for standard input), at most the input size limit: a larger file
 * (or an endless one) fails after reading limit + 1 bytes, a regular file larger than the limit before reading.
 * A file with a NUL byte is refused as binary. The error says why in a few words ("no such file",
 * "permission denied", "larger than the input size limit of 128 MB; ...").
 */
export function readUserFile(file: string | 0): string {
  const limit = inputLimit.maxBytes;
  let fd: number;
  try {
    fd = file === 0 || file === '-' ? 0 : fs.openSync(file, 'r');
  } catch (e) {
    throw new AlikafkaMigrateError('input', readErrorSentence(e), { cause: e });
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new AlikafkaMigrateError('input', 'is a directory, not a file');
    if (st.isFile() && st.size > limit) throw new InputTooLargeError(limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // non-blocking standard input: wait for data
          continue;
        }
        throw new AlikafkaMigrateError('input', readErrorSentence(e), { cause: e });
      }
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > limit) throw new InputTooLargeError(limit);
    }
    const data = Buffer.concat(chunks, total);
    const nul = data.indexOf(0);
    if (nul >= 0) throw new AlikafkaMigrateError('input', `is a binary file, not text (a NUL byte at offset ${nul})`);
    return data.toString('utf8');
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

function readErrorSentence(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory, not a file' : errnoSentence(err);
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
export class PathError extends AlikafkaMigrateError {
  constructor(
    public readonly file: string,
    action: string,
    cause: unknown,
  ) {
    super('input', `cannot ${action} ${file}: ${errnoSentence(cause)}`, { cause });
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
