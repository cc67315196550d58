import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cliIo';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's arguments with Node's `parseArgs`, turning its
 * errors (unknown option, missing value) into usage errors that name the
 * command's synopsis. Positional arguments beyond `maxPositionals` are usage
 * errors too: `themes foo` must not quietly list every theme.
 */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O, usage: string, maxPositionals = Infinity) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: paper-atlas ${usage}`, 2);
  }
  const extra = parsed.positionals.slice(maxPositionals);
  if (extra.length > 0) {
    throw new CliError(`unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map((a) => `"${a}"`).join(', ')}\nusage: paper-atlas ${usage}`, 2);
  }
  return parsed;
}

/** Reads `--limit N` as a positive integer. */
/** The value of an option that takes one of a few words, or a usage error naming them. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new CliError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`, 2);
  return value as T;
}

export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, not "${value}"`, 2);
  return limit;
}
