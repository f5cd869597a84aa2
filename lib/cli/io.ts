/** Where the CLI writes; tests pass their own to capture output. Its own module, so commands never import `./index`. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal (progress bars); plain log lines otherwise. */
  readonly isTty: boolean;
}

export const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};
