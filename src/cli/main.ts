/**
 * The `paper-atlas` command line: a table of subcommands, one file each
 * under `commands/`. `runCli` is what tests call in-process; `main` is what
 * `bin/paper-atlas.js` and `node dist/cli.js` run.
 */
import { join } from 'node:path';
import { buildCommand } from './commands/build';
import { checkCommand } from './commands/check';
import { citeCommand } from './commands/cite';
import { exportCommand } from './commands/export';
import { relatedCommand } from './commands/related';
import { reportCommand } from './commands/report';
import { searchCommand } from './commands/search';
import { showCommand } from './commands/show';
import { themesCommand } from './commands/themes';
import { closestKeys } from '../core/text/closestKeys';
import { CliError, type CliCommand, type CliIo } from './cliIo';

/** Every subcommand, in the order `help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  searchCommand,
  showCommand,
  themesCommand,
  relatedCommand,
  citeCommand,
  checkCommand,
  exportCommand,
  reportCommand,
  buildCommand,
];

/** Runs one command line; resolves to the process exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    // No command is a usage error: the help goes to stderr so that `paper-atlas | less` shows nothing odd.
    io.stderr(helpText(commands));
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const [topic, ...extra] = args;
    if (topic === undefined) {
      io.stdout(helpText(commands));
      return 0;
    }
    const command = extra.length === 0 ? commands.find((c) => c.name === topic) : undefined;
    if (!command) return unknownCommand(args.join(' '), commands, io);
    io.stdout(commandHelp(command));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return unknownCommand(name, commands, io);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`paper-atlas ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // Anything else is a bug: keep the stack for the report.
    io.stderr(`paper-atlas ${name}: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function unknownCommand(name: string, commands: readonly CliCommand[], io: CliIo): number {
  const near = closestKeys(name, commands.map((c) => c.name), 1);
  io.stderr(`paper-atlas: unknown command "${name}"${near[0] === undefined ? '' : `; did you mean "${near[0]}"?`}\nRun "paper-atlas help" for the list.\n`);
  return 2;
}

/**
 * The exit codes, one home for the help and every command's help. A usage
 * error is anything wrong with the command line itself, found before the
 * command does any work.
 */
const EXIT_STATUS = `Exit status:
  0  success
  1  the command failed: an unknown key, problems in the sources, a library
     that cannot be read, a file that cannot be written (check: a problem found)
  2  usage error: an unknown command or option, a missing or extra argument,
     a bad option value, or a path argument that is missing or the wrong kind
     (a folder where a file is expected, --out naming a file or a folder that
     is not a Paper Atlas library)
`;

function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const rows = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Paper Atlas: browse, search and cite the bundled ML papers.\n\nusage: paper-atlas <command> [options]\n\n${rows.join('\n')}\n\nRun "paper-atlas <command> --help" for a command's options.\nCommands that read a library use the bundled one unless given --library PATH:\na folder built by "paper-atlas build", or a BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) file.\n\n${EXIT_STATUS}`;
}

function commandHelp(command: CliCommand): string {
  return `usage: paper-atlas ${command.usage}\n\n${command.summary}\n\n${EXIT_STATUS}`;
}

/** The process's real I/O; the bundled library sits beside the bundle (`dist/library`). */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    bundledLibrary: join(__dirname, 'library'),
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  };
}

/** Runs the process's command line and sets its exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `paper-atlas export | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(argv, processIo());
}

if (require.main === module) void main();
