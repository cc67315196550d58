/**
 * Reads the libraries Paper Atlas shows: the bundled corpus, folders built by
 * `paper-atlas build`, captured listing files, and a user's own reference
 * files (BibTeX, CSL-JSON, CSL-YAML). Node I/O only, no
 * `vscode`. A built library's search index is read only when first searched
 * (see {@link LoadedLibrary.openIndex}), so drawing the tree reads just the
 * papers and themes.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { buildCorpus } from '../core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../core/corpus/citationKeys';
import { formatDiagnostic } from '../core/corpus/corpusDiagnostic';
import { BUNDLED_LIBRARY_NAME, type LoadedLibrary } from '../core/library/catalog';
import { parseLibrary } from '../core/library/libraryFormat';
import { PaperIndex } from '../core/search/paperIndex';
import { buildThemes } from '../core/themes/buildThemes';
import { readLibraryFile } from './libraryFiles';
import { defaultSqlWasmPath, ZOTERO_DATABASE_FILE } from './zoteroLibrary';
import { readThemedReferencesOffThread, referenceFormat, SUPPORTED_LIBRARY_SOURCES, type ReferenceFormat } from './referenceFiles';
import { openLibraryIndex } from './search/openLibraryIndex';
import { readLooseSources } from './sourceFiles';

/** The library shipped inside the extension, in `<extensionPath>/dist/library`. */
export function readBundledLibrary(extensionPath: string): Promise<LoadedLibrary> {
  return readBuiltLibrary('bundled', BUNDLED_LIBRARY_NAME, join(extensionPath, 'dist', 'library'));
}

/**
 * A library the user configured: a folder built by `paper-atlas build`, a
 * BibTeX (`.bib`, `.bibtex`), CSL-JSON (`.json`) or CSL-YAML (`.yaml`,
 * `.yml`) file, or a captured listing file (`.txt`). `id` names it uniquely
 * among loaded libraries.
 *
 * @throws {Error} for a path that does not exist, a file of another kind, or a file none of whose entries could be read.
 */
export async function readUserLibrary(id: string, path: string): Promise<LoadedLibrary> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `${path} does not exist` : error.message);
  });
  if (info.isDirectory()) {
    // The Zotero data folder, where Zotero keeps zotero.sqlite.
    if (await stat(join(path, ZOTERO_DATABASE_FILE)).then(() => true, () => false)) return readReferenceLibrary(id, join(path, ZOTERO_DATABASE_FILE), 'zotero');
    return readBuiltLibrary(id, basename(path), path);
  }
  // A built library's own manifest names its folder.
  if (basename(path) === 'library.json') {
    const dir = dirname(path);
    if (await stat(join(dir, 'papers.json')).then(() => true, () => false)) return readBuiltLibrary(id, basename(dir), dir);
  }
  const format = referenceFormat(path);
  if (format !== undefined) return readReferenceLibrary(id, path, format);
  const extension = extname(path).toLowerCase();
  if (extension !== '' && extension !== '.txt') throw new Error(`${path}: Paper Atlas does not read ${extension} files; a library is ${SUPPORTED_LIBRARY_SOURCES}`);
  return readListingFile(id, path, info.mtime.getFullYear());
}

async function readBuiltLibrary(id: string, name: string, dir: string): Promise<LoadedLibrary> {
  const [manifest, papers, themes] = await Promise.all([readLibraryFile(dir, 'library.json'), readLibraryFile(dir, 'papers.json'), readLibraryFile(dir, 'themes.json')]);
  // The index text is read and checked later, by openIndex; parseLibrary only keeps it.
  const library = parseLibrary({ 'library.json': manifest, 'papers.json': papers, 'themes.json': themes, 'index.json': '' });
  return {
    id,
    name: id === 'bundled' ? name : userLibraryName(library.manifest.name, name),
    papers: library.papers,
    themes: library.themes.themes,
    membership: library.themes.membership,
    openIndex: () => openLibraryIndex({ dir, papers: library.papers, themes: library.themes, readIndex: () => readLibraryFile(dir, 'index.json') }),
  };
}

/**
 * `paper-atlas build` names a library "Paper Atlas corpus" unless given
 * `--name`; shown beside the bundled corpus that reads as if it were the
 * bundled one, so an unnamed user library goes by its folder's name.
 */
const UNNAMED_LIBRARY = 'Paper Atlas corpus';

function userLibraryName(manifestName: string, folderName: string): string {
  const name = manifestName.trim();
  return name === '' || name === UNNAMED_LIBRARY ? folderName : name;
}

/**
 * A captured listing file, read and themed in memory. Its keys come from the
 * file alone (no lock), so they are stable only while the file is; a library
 * built with `paper-atlas build` keeps keys stable for good.
 */
async function readListingFile(id: string, path: string, captureYear: number): Promise<LoadedLibrary> {
  const sources = await readLooseSources([path], captureYear);
  const build = buildCorpus(sources, EMPTY_KEY_LOCK);
  const [first] = build.diagnostics;
  if (first) {
    const more = build.diagnostics.length > 1 ? ` (and ${build.diagnostics.length - 1} more problems)` : '';
    throw new Error(`${formatDiagnostic({ ...first, file: path })}${more}`);
  }
  if (build.papers.length === 0) throw new Error(`${path}: no papers found; is it a captured paper listing?`);
  const themes = buildThemes(build.papers);
  let index: PaperIndex | undefined;
  return {
    id,
    name: basename(path),
    papers: build.papers,
    themes: themes.themes,
    membership: themes.membership,
    openIndex: () => Promise.resolve((index ??= PaperIndex.build(build.papers, themes))),
  };
}

/**
 * A user's reference file, read and themed in a worker thread (the bundled
 * dist/search/referenceWorker.js beside the extension), indexed in memory on
 * its first search.
 * Entries that cannot be read are skipped and kept as the library's
 * problems; a file with no readable entry fails. Keys are the file's own.
 */
async function readReferenceLibrary(id: string, path: string, format: ReferenceFormat): Promise<LoadedLibrary> {
  // In the bundle this file is dist/extension.js: the worker and the SQLite WebAssembly sit beside it.
  const { papers, themes, skipped } = await readThemedReferencesOffThread(path, format, join(__dirname, 'search', 'referenceWorker.js'), { wasmPath: defaultSqlWasmPath() });
  let index: PaperIndex | undefined;
  return {
    id,
    name: format === 'zotero' ? 'Zotero' : basename(path),
    papers,
    themes: themes.themes,
    membership: themes.membership,
    ...(skipped.length > 0 ? { problems: skipped } : {}),
    openIndex: () => Promise.resolve((index ??= PaperIndex.build(papers, themes))),
  };
}
