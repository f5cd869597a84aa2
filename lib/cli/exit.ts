/**
 * How the launcher (`bin/alikafka-migrate`) ends the process: only once standard output and standard error have
 * handed everything written to them to the operating system, then with an explicit `process.exit(code)` so that
 * timers left behind by a failed client connection cannot keep the process alive.
 *
 * Through a pipe, Node writes standard output asynchronously: `process.exit()` right after the last write cuts the
 * output at the pipe's buffer (64 KiB on Linux) while still exiting 0.
 */
export function exitWhenDrained(code: number, streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  process.exitCode = code;
  let pending = streams.length;
  const done = (): void => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const s of streams) {
    if (s.destroyed || !s.writable) done();
    // an empty write completes after every write queued before it: its callback means "drained"
    else s.write('', () => done());
  }
}
