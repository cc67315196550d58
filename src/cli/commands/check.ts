import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkNote } from '../../core/markdown/checker';
import { bibliographyPaths } from '../../core/markdown/frontMatter';
import { parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { openLibrary } from '../libraryView';

const usage = 'check <note.md…> [--library PATH]';

/** The file's text, or `undefined` when there is no file at `path`. */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * `check <note.md…>`: the editor's citation diagnostics for CI. Prints
 * `file:line:col: message` (1-based) per problem and exits 1 when there is
 * one. Bibliography paths resolve against the note's directory, where the
 * extension writes them.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check Markdown notes: unknown citation keys, missing or broken bibliographies (exit 1 on any problem)',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { library: { type: 'string' } }, usage);
    if (positionals.length === 0) throw new CliError(`check needs at least one Markdown file\nusage: paper-atlas ${usage}`, 2);
    const view = await openLibrary(values.library, io);
    const libraryKeys = view.library.papers.map((paper) => paper.key);

    let count = 0;
    for (const file of positionals) {
      const path = resolve(io.cwd, file);
      const text = await readIfExists(path);
      if (text === undefined) throw new CliError(`no such file: ${file}`, 2);
      const bibliographies = new Map<string, string | undefined>();
      for (const bibliography of bibliographyPaths(text)) {
        bibliographies.set(bibliography, await readIfExists(resolve(dirname(path), bibliography)));
      }
      for (const problem of checkNote(text, { libraryKeys, bibliographies })) {
        io.stdout(`${file}:${problem.line + 1}:${problem.col + 1}: ${problem.message}\n`);
        count++;
      }
    }
    if (count > 0) io.stderr(`${count} problem${count === 1 ? '' : 's'} in ${positionals.length} note${positionals.length === 1 ? '' : 's'}\n`);
    return count > 0 ? 1 : 0;
  },
};
