/** What a CLI command may touch, passed in so that tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** The library used when no `--library` is given: `dist/library` beside the bundle. */
  readonly bundledLibrary: string;
  /** Terminal width for human output; undefined when not a terminal. */
  readonly columns?: number;
}

/** A subcommand: one file under `src/cli/commands/`, listed in the table in `main.ts`. */
export interface CliCommand {
  readonly name: string;
  /** One line for `paper-atlas help`. */
  readonly summary: string;
  /** Synopsis, e.g. `search <query> [--limit N] [--json]`. */
  readonly usage: string;
  /** Runs the command; resolves to the exit code. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/**
 * A failure to report as one sentence on stderr (no stack trace): a wrong key,
 * a missing file. `exitCode` 2 means the command line itself was wrong (an
 * option, an argument, a path of the wrong kind); 1 that the work failed.
 * `paper-atlas help` prints the same rule (EXIT_STATUS in main.ts).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
