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
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, f.content, 'utf8');
      temps.push({ tmp, dest: f.path });
    }
    for (const t of temps) fs.renameSync(t.tmp, t.dest);
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
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new Error(why);
  }
}
