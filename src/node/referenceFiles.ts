/**
 * Reads a researcher's own reference file (BibTeX, CSL-JSON, CSL-YAML) from
 * disk, choosing the reader by the file's extension. Shared by the extension
 * (through the library reader) and the CLI (`--library`, `build`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { basename, extname } from 'node:path';
import { formatDiagnostic } from '../core/corpus/corpusDiagnostic';
import { readBibtexLibrary } from '../core/sources/bibtexLibrary';
import { readCslJsonLibrary, readCslYamlLibrary } from '../core/sources/cslLibrary';
import { createLibrary, type Library, type LibraryThemes } from '../core/library/libraryFormat';
import { PaperIndex } from '../core/search/paperIndex';
import { type Paper } from '../core/paper';
import { type ReferenceDiagnostic, type ReferenceRead } from '../core/sources/referenceRead';
import { buildThemes } from '../core/themes/buildThemes';
import { readZoteroLibrary } from './zoteroLibrary';
import type { ReferenceWorkerData, ReferenceWorkerResult } from './referenceWorker';

/** The reference formats Paper Atlas reads, by the extensions that name them. */
export type ReferenceFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'zotero';

const FORMATS: Readonly<Record<string, ReferenceFormat>> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.json': 'csl-json',
  '.yaml': 'csl-yaml',
  '.yml': 'csl-yaml',
  '.sqlite': 'zotero',
};

/** What a library entry may name, for messages that must list it. */
export const SUPPORTED_LIBRARY_SOURCES =
  'a folder built by "paper-atlas build", a BibTeX file (.bib, .bibtex), a CSL-JSON file (.json), a CSL-YAML file (.yaml, .yml), a Zotero database (zotero.sqlite, or the Zotero data folder) or a captured listing (.txt)';

/** The reference format of a file, by its extension (ignoring case); undefined for anything else. */
export function referenceFormat(path: string): ReferenceFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

/**
 * Reads and converts a reference file. Diagnostics name the file by its base
 * name, as the other sources do.
 */
export async function readReferenceFile(path: string, format: ReferenceFormat, options: ReferenceReadOptions = {}): Promise<ReferenceRead> {
  if (format === 'zotero') {
    // Read from the database's bytes: never opened for writing, never locked, nothing created beside it.
    const zotero = await readZoteroLibrary(path, options.wasmPath === undefined ? {} : { wasmPath: options.wasmPath });
    const file = basename(zotero.file);
    return { papers: zotero.papers, diagnostics: zotero.warnings.map((message) => ({ file, line: 1, message })), entryCount: zotero.items.length };
  }
  const text = await readFile(path, 'utf8');
  const file = basename(path);
  switch (format) {
    case 'bibtex':
      return readBibtexLibrary(text, file);
    case 'csl-json':
      return readCslJsonLibrary(text, file);
    case 'csl-yaml':
      return readCslYamlLibrary(text, file);
  }
}

/** Where the SQLite engine's WebAssembly is, for Zotero databases (the extension passes the copy in its dist/). */
export interface ReferenceReadOptions {
  readonly wasmPath?: string;
}

/**
 * A file that gave no paper at all fails as a whole, with its first problem
 * located (`refs.bib:12: …`) and how many more there are.
 */
export function noPapersError(path: string, read: ReferenceRead): Error {
  const [first] = read.diagnostics;
  if (!first) return new Error(`${path}: no references found (an empty file?)`);
  const more = read.diagnostics.length > 1 ? ` (and ${read.diagnostics.length - 1} more problem${read.diagnostics.length === 2 ? '' : 's'})` : '';
  return new Error(`no reference in ${path} could be read: ${formatDiagnostic({ ...first, file: path })}${more}`);
}

/** A reference file read and themed: what the extension, `--library` and `build` all need. */
export interface ThemedReferences {
  readonly papers: readonly Paper[];
  readonly themes: LibraryThemes;
  /** Entries skipped, named by the path as given. */
  readonly skipped: readonly ReferenceDiagnostic[];
  readonly entryCount: number;
}

/**
 * Reads a reference file and builds its themes, in the calling thread (a
 * large library blocks it while the parser and the clustering run).
 *
 * @throws {Error} when the file cannot be read or no entry in it could be.
 */
export async function readThemedReferences(path: string, format: ReferenceFormat, options: ReferenceReadOptions = {}): Promise<ThemedReferences> {
  const read = await readReferenceFile(path, format, options);
  if (read.papers.length === 0) throw noPapersError(path, read);
  return {
    papers: read.papers,
    themes: buildThemes(read.papers),
    skipped: read.diagnostics.map((d) => ({ ...d, file: path })),
    entryCount: read.entryCount,
  };
}

/**
 * {@link readThemedReferences} in a worker thread (`workerScript`, the bundled
 * referenceWorker.js), so the caller's thread stays free; in this thread when
 * there is no bundled worker (plain Node, the unit tests).
 */
export function readThemedReferencesOffThread(path: string, format: ReferenceFormat, workerScript: string, options: ReferenceReadOptions = {}): Promise<ThemedReferences> {
  if (!existsSync(workerScript)) return readThemedReferences(path, format, options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { path, format, ...options } satisfies ReferenceWorkerData });
    worker.once('message', (result: ReferenceWorkerResult) => {
      void worker.terminate();
      if (result.ok) resolve(result.value);
      else reject(new Error(result.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the reference reader stopped (exit code ${code}) before reading ${path}`)));
  });
}

/**
 * A reference file's papers and themes as a whole built library (manifest,
 * serialized index): what `build` writes and what `--library FILE` reads.
 */
export function libraryFromReferences(path: string, references: ThemedReferences, name = basename(path)): Library {
  return createLibrary({
    name,
    sources: [basename(path)],
    entryCount: references.entryCount,
    mergedCount: 0,
    papers: references.papers,
    themes: references.themes,
    index: PaperIndex.build(references.papers, references.themes).serialize(),
  });
}
