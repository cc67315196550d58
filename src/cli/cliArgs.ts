import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cliIo';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's arguments with Node's `parseArgs`, turning its
 * errors (unknown option, missing value) into usage errors that name the
 * command's synopsis.
 */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: paper-atlas ${usage}`, 2);
  }
}

/** Reads `--limit N` as a positive integer. */
export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, not "${value}"`, 2);
  return limit;
}
