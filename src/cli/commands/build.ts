import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildCorpus, type SourceText } from '../../core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK, parseKeyLock, serializeKeyLock, type CitationKeyLock } from '../../core/corpus/citationKeys';
import { createLibrary, summariseLibrary } from '../../core/library/libraryFormat';
import { PaperIndex } from '../../core/search/paperIndex';
import { buildThemes } from '../../core/themes/buildThemes';
import { writeLibraryDir, writeTextFileAtomic } from '../../node/libraryFiles';
import { readLooseSources, readManifestSources } from '../../node/sourceFiles';
import { parseCommandArgs } from '../cliArgs';
import { CliError, type CliCommand } from '../cliIo';
import { formatReport } from './report';

const usage = 'build (--manifest FILE | <files…> [--capture-year YYYY]) --out DIR [--lock FILE] [--name NAME] [--report] [--quiet]';

/**
 * `build`: reads the source listings, merges and keys the papers, builds
 * themes and the search index, and writes a library directory. Any parse
 * problem fails the build before anything is written, the library and the
 * key lock alike.
 */
export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'Build a library directory from captured listings (the bundled one: npm run build)',
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
    if ((values.manifest === undefined) === (positionals.length === 0)) throw new CliError(`build takes either --manifest FILE or source files, not both\nusage: paper-atlas ${usage}`, 2);
    const at = (path: string): string => resolve(io.cwd, path);
    const shown = (path: string): string => relative(io.cwd, path) || '.';

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
      throw new CliError(`cannot read the sources: ${(error as Error).message}`);
    }
    const lockPath = values.lock === undefined ? undefined : at(values.lock);
    const lock = lockPath === undefined ? EMPTY_KEY_LOCK : await readLock(lockPath);

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
    await writeLibraryDir(out, library);
    // The lock is extended only once the library it describes exists.
    if (lockPath !== undefined && corpus.newKeys.length > 0) await writeTextFileAtomic(lockPath, serializeKeyLock(corpus.lock));

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

async function readLock(path: string): Promise<CitationKeyLock> {
  // A missing lock is a first build; a broken one must stop the build, or keys would be reassigned.
  if (!existsSync(path)) return EMPTY_KEY_LOCK;
  try {
    return parseKeyLock(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
}

function captureYear(text: string | undefined): number {
  if (text === undefined) return new Date().getFullYear();
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new CliError(`--capture-year must be a four-digit year, not "${text}"`, 2);
  return year;
}
