/**
 * Temporary files for tests: directories under the system's temporary folder, removed after the test file that
 * made them (ALIKAFKA_KEEP_TMP=1 keeps them, to look at a failure), and small writers for the inputs tests build.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const created: string[] = [];

/** A new empty directory `<tmp>/akm-PREFIX-XXXXXX`, removed after the current test file. */
export function tmpDir(prefix = 'test'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `akm-${prefix}-`));
  created.push(d);
  return d;
}

// Registered once per test file (jest gives each test file its own module registry). The removal tolerates a
// directory a child process is still writing into: the test file's own afterAll may stop that process later.
afterAll(() => {
  if (process.env.ALIKAFKA_KEEP_TMP === '1') return;
  for (const d of created.splice(0)) {
    try {
      fs.rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // left for the system's temporary-file cleaner
    }
  }
});

/** Writes `content` to DIR/NAME; the file's path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

/** Writes `value` as JSON to DIR/NAME (a string is written as it is); the file's path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  return writeFile(dir, name, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Every file below `dir`, relative to it, sorted; [] when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
