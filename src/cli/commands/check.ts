import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { checkNote } from '../../core/markdown/checker';
import { bibliographyPaths, readBibliographyField } from '../../core/markdown/frontMatter';
import { quartoBibliography } from '../../core/markdown/quartoProject';
import { parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand, type CliIo } from '../cliIo';
import { openLibrary } from '../libraryView';

const usage = 'check <note.md|folder…> [--library PATH]';

/** What is at a path: a file's text, a folder, or nothing. */
type Entry = { readonly kind: 'file'; readonly text: string } | { readonly kind: 'folder' } | { readonly kind: 'missing' };

async function readEntry(path: string): Promise<Entry> {
  try {
    if ((await stat(path)).isDirectory()) return { kind: 'folder' };
    return { kind: 'file', text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/** The `.md` files under `folder`, sorted, leaving out hidden folders and `node_modules`. */
async function markdownFilesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...(await markdownFilesIn(path)));
    } else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** The Quarto project the folder is in: the nearest folder, from `folder` up, holding `_quarto.yml`. */
async function quartoProjectOf(folder: string, io: CliIo): Promise<{ root: string; file: string; paths: readonly string[] } | undefined> {
  for (let dir = folder; ; dir = dirname(dir)) {
    const file = join(dir, '_quarto.yml');
    const entry = await readEntry(file);
    if (entry.kind === 'file') {
      const config = quartoBibliography(entry.text);
      const shown = relative(io.cwd, file) || file;
      if (!config.ok) {
        io.stderr(`${shown}: does not parse, so its bibliography is not used: ${config.message}\n`);
        return undefined;
      }
      return { root: dir, file: shown, paths: config.paths };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * `check <note.md|folder…>`: the editor's citation diagnostics for CI.
 * Prints `file:line:col: message` (1-based) per problem. A folder stands for
 * the `.md` files in it. Bibliography paths resolve against the note's
 * folder, where the extension writes them; a note that names none uses the
 * bibliography of its Quarto project (`_quarto.yml`), if any. Every argument
 * is checked; the exit code is 2 when one is missing, else 1 when there is
 * a problem.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check Markdown notes: unknown citation keys, missing or broken bibliographies (exit 1 on any problem)',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(args, { library: { type: 'string' } }, usage);
    if (positionals.length === 0) throw new CliError(`check needs at least one Markdown file or folder\nusage: paper-atlas ${usage}`, 2);
    const view = await openLibrary(values.library, io);
    const libraryKeys = view.library.papers.map((paper) => paper.key);

    let count = 0;
    let notes = 0;
    let missing = 0;
    const checkFile = async (file: string, text: string) => {
      notes++;
      const path = resolve(io.cwd, file);
      const bibliographies = new Map<string, string | undefined>();
      const folders = new Set<string>();
      const load = async (written: string, base: string) => {
        const entry = await readEntry(resolve(base, written));
        bibliographies.set(written, entry.kind === 'file' ? entry.text : undefined);
        if (entry.kind === 'folder') folders.add(written);
      };
      let project: { file: string; paths: readonly string[] } | undefined;
      if (readBibliographyField(text) === undefined) {
        const found = await quartoProjectOf(dirname(path), io);
        if (found && found.paths.length > 0) {
          project = found;
          for (const written of found.paths) await load(written, found.root);
        }
      } else {
        for (const written of bibliographyPaths(text)) await load(written, dirname(path));
      }
      for (const problem of checkNote(text, { libraryKeys, bibliographies, folders, ...(project ? { project } : {}) })) {
        io.stdout(`${file}:${problem.line + 1}:${problem.col + 1}: ${problem.message}\n`);
        count++;
      }
    };

    for (const argument of positionals) {
      const entry = await readEntry(resolve(io.cwd, argument));
      if (entry.kind === 'missing') {
        io.stderr(`${argument}: no such file\n`);
        missing++;
      } else if (entry.kind === 'file') {
        await checkFile(argument, entry.text);
      } else {
        const folder = resolve(io.cwd, argument);
        const files = await markdownFilesIn(folder);
        io.stderr(`${argument} is a folder: checking the ${files.length} .md file${files.length === 1 ? '' : 's'} in it\n`);
        for (const file of files) {
          const inner = await readEntry(file);
          // Shown under the folder as the user wrote it.
          if (inner.kind === 'file') await checkFile(join(argument, relative(folder, file)), inner.text);
        }
      }
    }
    if (count > 0) io.stderr(`${count} problem${count === 1 ? '' : 's'} in ${notes} note${notes === 1 ? '' : 's'}\n`);
    if (missing > 0) return 2;
    return count > 0 ? 1 : 0;
  },
};
