import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { buildCorpus, type SourceText } from '../../core/corpus/buildCorpus';
import { SourceManifestError } from '../../core/corpus/sourceManifest';
import { EMPTY_KEY_LOCK, parseKeyLock, serializeKeyLock, type CitationKeyLock } from '../../core/corpus/citationKeys';
import { createLibrary, summariseLibrary } from '../../core/library/libraryFormat';
import { PaperIndex } from '../../core/search/paperIndex';
import { buildThemes } from '../../core/themes/buildThemes';
import { LibraryTargetError, writeLibraryDir, writeTextFileAtomic } from '../../node/libraryFiles';
import { libraryFromReferences, readThemedReferences, referenceFormat, type ReferenceFormat } from '../../node/referenceFiles';
import { readLooseSources, readManifestSources, SourceReadError } from '../../node/sourceFiles';
import { parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand, type CliIo } from '../cliIo';
import { fileErrorReason, isWrongPathError } from '../fileErrors';
import { formatDiagnostic } from '../../core/corpus/corpusDiagnostic';
import { formatReport } from './report';

const usage = 'build (--manifest FILE | <files…> [--capture-year YYYY] | <refs.bib|refs.json|refs.yaml>) --out DIR [--lock FILE] [--name NAME] [--report] [--quiet]';

/**
 * `build`: reads the source listings, merges and keys the papers, builds
 * themes and the search index, and writes a library directory. Any parse
 * problem fails the build before anything is written, the library and the
 * key lock alike.
 */
export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'Build a library directory from captured listings or your own references (the bundled one: npm run build)',
  usage,
  run: async (args, io) => {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        manifest: { type: 'string' },
        lock: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        'capture-year': { type: 'string' },
        report: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      usage,
    );
    if (values.out === undefined) throw new CliError(`build needs --out DIR\nusage: paper-atlas ${usage}`, 2);
    if (values.manifest === undefined && positionals.length === 0) throw new CliError(`build needs listing files or --manifest FILE\nusage: paper-atlas ${usage}`, 2);
    if (values.manifest !== undefined && positionals.length > 0) throw new CliError(`build takes either --manifest FILE or listing files, not both\nusage: paper-atlas ${usage}`, 2);
    const at = (path: string): string => resolve(io.cwd, path);
    // Paths inside the working directory print relative to it, others in full (not as ../../x).
    const shown = (path: string): string => {
      const rel = relative(io.cwd, path);
      return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    };
    const referenceFiles = positionals.filter((path) => referenceFormat(path) !== undefined);
    if (referenceFiles.length > 0) {
      if (positionals.length > 1) throw new CliError(`build reads one reference file (.bib, .json, .yaml) at a time, alone\nusage: paper-atlas ${usage}`, 2);
      if (values.lock !== undefined) throw new CliError('--lock keeps the keys of listings; a reference file keeps its own keys, so build takes no --lock with it', 2);
      return buildFromReferences(at(positionals[0] ?? ''), at(values.out), values, io, shown);
    }

    let sources: SourceText[];
    let sourcePath: (file: string) => string;
    try {
      if (values.manifest !== undefined) {
        const manifest = at(values.manifest);
        sources = await readManifestSources(manifest);
        sourcePath = (file) => shown(join(dirname(manifest), file));
      } else {
        const paths = positionals.map(at);
        sources = await readLooseSources(paths, captureYear(values['capture-year']));
        const byName = new Map(paths.map((p) => [basename(p), p]));
        sourcePath = (file) => shown(byName.get(file) ?? file);
      }
    } catch (error) {
      if (error instanceof SourceManifestError && values.manifest !== undefined) throw new CliError(`${values.manifest}: ${error.message}`);
      throw sourceError(error, shown);
    }
    const lockPath = values.lock === undefined ? undefined : at(values.lock);
    const lock = lockPath === undefined ? EMPTY_KEY_LOCK : await readLock(lockPath, shown(lockPath));

    const corpus = buildCorpus(sources, lock);
    if (corpus.diagnostics.length > 0) {
      for (const d of corpus.diagnostics) io.stderr(`${sourcePath(d.file)}:${d.line}: ${d.message}\n`);
      throw new CliError(`${corpus.diagnostics.length} problem${corpus.diagnostics.length === 1 ? '' : 's'} in the sources; nothing was written`);
    }
    const themes = buildThemes(corpus.papers);
    const index = PaperIndex.build(corpus.papers, themes).serialize();
    const library = createLibrary({
      name: values.name ?? 'Paper Atlas corpus',
      sources: sources.map((s) => s.source.file),
      entryCount: corpus.entryCount,
      mergedCount: corpus.mergedCount,
      papers: corpus.papers,
      themes,
      index,
    });
    const out = at(values.out);
    try {
      await writeLibraryDir(out, library);
    } catch (error) {
      throw outError(error, shown(out));
    }
    // The lock is extended only once the library it describes exists.
    if (lockPath !== undefined && corpus.newKeys.length > 0) {
      try {
        await writeTextFileAtomic(lockPath, serializeKeyLock(corpus.lock));
      } catch (error) {
        throw new CliError(`the library was written, but the key lock "${shown(lockPath)}" could not be: ${fileErrorReason(error)}`);
      }
    }

    if (!values.quiet) {
      io.stdout(
        `Built ${corpus.papers.length} papers from ${corpus.entryCount} entries in ${sources.length} source${sources.length === 1 ? '' : 's'}, ${themes.themes.length} themes: ${shown(out)}\n` +
          (lockPath === undefined ? '' : `${corpus.newKeys.length} new citation key${corpus.newKeys.length === 1 ? '' : 's'} added to ${shown(lockPath)}\n`),
      );
    }
    if (values.report) io.stdout(`\n${formatReport(summariseLibrary(library))}`);
    return 0;
  },
};

/**
 * `build refs.bib --out DIR`: a library from the user's own references, keys
 * as the file writes them. Entries that cannot be read are reported and
 * skipped; the build fails only when none can be.
 */
async function buildFromReferences(
  path: string,
  out: string,
  values: { readonly name?: string | undefined; readonly report?: boolean | undefined; readonly quiet?: boolean | undefined },
  io: CliIo,
  shown: (path: string) => string,
): Promise<number> {
  const format = referenceFormat(path) as ReferenceFormat;
  let references;
  try {
    references = await readThemedReferences(path, format);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new CliError(`"${shown(path)}" is a folder, not a reference file\nusage: paper-atlas ${usage}`, 2);
    if (isWrongPathError(error)) throw new CliError(`no such file: "${shown(path)}"`, 2);
    throw new CliError(code === undefined ? (error as Error).message.replace(path, shown(path)) : `cannot read "${shown(path)}": ${fileErrorReason(error)}`);
  }
  for (const d of references.skipped) io.stderr(`${formatDiagnostic({ ...d, file: shown(d.file) })}\n`);
  const library = libraryFromReferences(path, references, values.name);
  try {
    await writeLibraryDir(out, library);
  } catch (error) {
    throw outError(error, shown(out));
  }
  if (!values.quiet) {
    const skipped = references.skipped.length === 0 ? '' : ` (${references.skipped.length} skipped)`;
    io.stdout(`Built ${references.papers.length} papers from ${references.entryCount} entries in ${basename(path)}${skipped}, ${references.themes.themes.length} themes: ${shown(out)}\n`);
  }
  if (values.report) io.stdout(`\n${formatReport(summariseLibrary(library))}`);
  return 0;
}

async function readLock(path: string, shownPath: string): Promise<CitationKeyLock> {
  // A missing lock is a first build; a broken one must stop the build, or keys would be reassigned.
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return EMPTY_KEY_LOCK;
    if (code === 'EISDIR') throw new CliError(`"${shownPath}" is a folder; --lock names the citation key lock file (a .json file, created if missing)`, 2);
    throw new CliError(`cannot read the key lock "${shownPath}": ${fileErrorReason(error)}`);
  }
  try {
    return parseKeyLock(text);
  } catch (error) {
    throw new CliError(`${shownPath}: ${(error as Error).message}`);
  }
}

/** One line for a source that could not be read: exit 2 when the command line named a wrong path, 1 otherwise. */
function sourceError(error: unknown, shown: (path: string) => string): CliError {
  if (!(error instanceof SourceReadError)) throw error;
  const path = shown(error.path);
  if (error.role === 'listed') return new CliError(`cannot read "${path}", which the manifest lists: ${fileErrorReason(error.cause)}`);
  if (error.code === 'EISDIR') {
    if (error.role === 'manifest') {
      const inside = join(error.path, 'manifest.json');
      return new CliError(`"${path}" is a folder; --manifest names a manifest.json file${existsSync(inside) ? ` (did you mean --manifest ${shown(inside)}?)` : ''}\nusage: paper-atlas ${usage}`, 2);
    }
    return new CliError(
      `"${path}" is a folder; build reads listing files: give the listing .txt files in it (${join(path, '*.txt')}), or --manifest FILE that lists them\nusage: paper-atlas ${usage}`,
      2,
    );
  }
  if (isWrongPathError(error.cause)) return new CliError(`no such file: "${path}"`, 2);
  return new CliError(`cannot read "${path}": ${fileErrorReason(error.cause)}`);
}

/** One line for a library that could not be written to `--out`. */
function outError(error: unknown, shownOut: string): CliError {
  if (error instanceof LibraryTargetError) {
    return error.reason === 'file'
      ? new CliError(`"${shownOut}" is a file, not a folder; --out names the library folder to write`, 2)
      : new CliError(
          `"${shownOut}" is not a Paper Atlas library (it has no library.json from an earlier build), so build will not write into it; give --out a new or empty folder`,
          2,
        );
  }
  // A path through a file, or under a folder that cannot exist (/proc/x), is the command line's mistake.
  return new CliError(`cannot write the library to "${shownOut}": ${fileErrorReason(error)}`, isWrongPathError(error) ? 2 : 1);
}

function captureYear(text: string | undefined): number {
  if (text === undefined) return new Date().getFullYear();
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new CliError(`--capture-year must be a four-digit year, not "${text}"`, 2);
  return year;
}
