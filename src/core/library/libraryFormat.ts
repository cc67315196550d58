/**
 * The on-disk format of a paper library: a directory of four JSON files that
 * the CLI's `build` writes and the CLI and the extension read. Pure
 * (de)serialisers: file names and texts in and out, no I/O.
 *
 *   library.json  format version, name, sources, counts
 *   papers.json   Paper[] (each with its citation key)
 *   themes.json   { themes, membership }
 *   index.json    the search index as PaperIndex.serialize() wrote it
 */
import { type Paper, type Theme, type ThemeMembership } from '../paper';

/** Bumped when a file's shape changes; readers refuse other versions and ask for a rebuild. */
export const LIBRARY_FORMAT_VERSION = 1;

/** The files a library directory holds. */
export const LIBRARY_FILES = ['library.json', 'papers.json', 'themes.json', 'index.json'] as const;
export type LibraryFileName = (typeof LIBRARY_FILES)[number];

/** File name → file text, for every file of a library. */
export type LibraryFiles = Readonly<Record<LibraryFileName, string>>;

/** `library.json`: what the library is, for a reader to check before loading the rest. */
export interface LibraryManifest {
  readonly formatVersion: typeof LIBRARY_FORMAT_VERSION;
  readonly name: string;
  /** Source file names the library was built from. */
  readonly sources: readonly string[];
  readonly counts: {
    /** Entries read from the sources, before merging. */
    readonly entries: number;
    readonly papers: number;
    /** Papers that more than one entry described. */
    readonly merged: number;
    readonly themes: number;
  };
}

/** Themes and each paper's place in them, as `buildThemes` returns them. */
export interface LibraryThemes {
  readonly themes: readonly Theme[];
  /** Paper id → membership. */
  readonly membership: Readonly<Record<string, ThemeMembership>>;
}

/** A whole library in memory. */
export interface Library {
  readonly manifest: LibraryManifest;
  readonly papers: readonly Paper[];
  readonly themes: LibraryThemes;
  /** The serialized search index, kept as text: only the search module may read it. */
  readonly index: string;
}

/** Thrown when library files are missing, malformed or of another format version. */
export class LibraryFormatError extends Error {
  override readonly name = 'LibraryFormatError';
}

/** What {@link createLibrary} needs besides the papers. */
export interface LibraryParts {
  readonly name: string;
  readonly sources: readonly string[];
  readonly entryCount: number;
  readonly mergedCount: number;
  readonly papers: readonly Paper[];
  readonly themes: LibraryThemes;
  readonly index: string;
}

/** Assembles a library, deriving the manifest's counts so they cannot disagree with the data. */
export function createLibrary(parts: LibraryParts): Library {
  return {
    manifest: {
      formatVersion: LIBRARY_FORMAT_VERSION,
      name: parts.name,
      sources: [...parts.sources],
      counts: { entries: parts.entryCount, papers: parts.papers.length, merged: parts.mergedCount, themes: parts.themes.themes.length },
    },
    papers: parts.papers,
    themes: parts.themes,
    index: parts.index,
  };
}

/** The texts of a library's files. JSON is indented (except the index) so that a diff of two builds is readable. */
export function serializeLibrary(library: Library): LibraryFiles {
  return {
    'library.json': json(library.manifest),
    'papers.json': json(library.papers),
    'themes.json': json(library.themes),
    'index.json': library.index,
  };
}

/**
 * Reads a library from its files' texts, checking the format version first
 * and then every record's shape, so a stale or hand-edited library fails
 * here with a message rather than later with `undefined`.
 *
 * @throws {LibraryFormatError}
 */
export function parseLibrary(files: LibraryFiles): Library {
  const manifest = parseJson(files, 'library.json');
  if (!isRecord(manifest)) throw new LibraryFormatError('library.json must hold an object');
  if (manifest['formatVersion'] !== LIBRARY_FORMAT_VERSION) {
    throw new LibraryFormatError(`library format version ${String(manifest['formatVersion'])} is not supported (expected ${LIBRARY_FORMAT_VERSION}); rebuild the library`);
  }
  const counts = manifest['counts'];
  if (typeof manifest['name'] !== 'string' || !isStringArray(manifest['sources']) || !isRecord(counts) || !['entries', 'papers', 'merged', 'themes'].every((k) => typeof counts[k] === 'number')) {
    throw new LibraryFormatError('library.json: expected name, sources and counts {entries, papers, merged, themes}');
  }
  const papers = parseJson(files, 'papers.json');
  if (!Array.isArray(papers)) throw new LibraryFormatError('papers.json must hold an array');
  papers.forEach((paper: unknown, index) => checkPaper(paper, index));
  const themes = parseJson(files, 'themes.json');
  checkThemes(themes, papers as Paper[]);
  if (counts['papers'] !== papers.length) throw new LibraryFormatError(`library.json counts ${String(counts['papers'])} papers but papers.json holds ${papers.length}`);
  return { manifest: manifest as unknown as LibraryManifest, papers: papers as Paper[], themes, index: files['index.json'] };
}

function checkPaper(paper: unknown, index: number): void {
  const where = `papers.json[${index}]`;
  if (!isRecord(paper)) throw new LibraryFormatError(`${where} must be an object`);
  for (const field of ['id', 'key', 'title', 'abstract']) {
    if (typeof paper[field] !== 'string') throw new LibraryFormatError(`${where}.${field} must be a string`);
  }
  if (!isStringArray(paper['sources'])) throw new LibraryFormatError(`${where}.sources must be an array of file names`);
  for (const field of ['authorCount', 'upvotes']) {
    if (paper[field] !== undefined && typeof paper[field] !== 'number') throw new LibraryFormatError(`${where}.${field} must be a number`);
  }
  if (paper['date'] !== undefined && (typeof paper['date'] !== 'string' || !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(paper['date']))) {
    throw new LibraryFormatError(`${where}.date must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)`);
  }
  for (const field of ['venue', 'doi', 'url', 'entryType']) {
    if (paper[field] !== undefined && typeof paper[field] !== 'string') throw new LibraryFormatError(`${where}.${field} must be a string`);
  }
  for (const field of ['authors', 'keywords']) {
    if (paper[field] !== undefined && !isStringArray(paper[field])) throw new LibraryFormatError(`${where}.${field} must be an array of strings`);
  }
  const org = paper['org'];
  if (org !== undefined && !(isRecord(org) && typeof org['handle'] === 'string' && typeof org['name'] === 'string')) {
    throw new LibraryFormatError(`${where}.org must be {handle, name}`);
  }
}

function checkThemes(value: unknown, papers: readonly Paper[]): asserts value is LibraryThemes {
  if (!isRecord(value) || !Array.isArray(value['themes']) || !isRecord(value['membership'])) {
    throw new LibraryFormatError('themes.json must be {themes: [...], membership: {...}}');
  }
  const themeIds = new Set<string>();
  value['themes'].forEach((theme: unknown, index) => {
    if (!isRecord(theme) || typeof theme['id'] !== 'string' || typeof theme['label'] !== 'string' || !isStringArray(theme['terms']) || !isStringArray(theme['paperIds'])) {
      throw new LibraryFormatError(`themes.json themes[${index}] must be {id, label, terms, paperIds}`);
    }
    themeIds.add(theme['id']);
  });
  const membership = value['membership'];
  for (const paper of papers) {
    const member = membership[paper.id];
    if (!isRecord(member) || typeof member['primary'] !== 'string' || !isStringArray(member['secondary'])) {
      throw new LibraryFormatError(`themes.json has no membership for paper ${paper.key}`);
    }
    if (!themeIds.has(member['primary'])) throw new LibraryFormatError(`themes.json: paper ${paper.key} belongs to unknown theme ${member['primary']}`);
  }
}

/** The numbers `paper-atlas report` shows. */
export interface LibrarySummary {
  readonly entries: number;
  readonly papers: number;
  /** Papers that more than one entry described. */
  readonly merged: number;
  /** Entries folded into another entry's paper (`entries - papers`). */
  readonly duplicateEntries: number;
  readonly undated: number;
  readonly withOrganisation: number;
  /** Organisations by display name, most papers first. */
  readonly organisations: readonly { readonly handle: string; readonly name: string; readonly papers: number }[];
  /** Themes, largest first, with their primary-paper counts. */
  readonly themes: readonly { readonly id: string; readonly label: string; readonly papers: number }[];
}

/** Counts a library for a report. */
export function summariseLibrary(library: Library): LibrarySummary {
  const orgs = new Map<string, { handle: string; name: string; papers: number }>();
  for (const paper of library.papers) {
    if (!paper.org) continue;
    const found = orgs.get(paper.org.handle);
    if (found) found.papers += 1;
    else orgs.set(paper.org.handle, { handle: paper.org.handle, name: paper.org.name, papers: 1 });
  }
  const { counts } = library.manifest;
  return {
    entries: counts.entries,
    papers: library.papers.length,
    merged: counts.merged,
    duplicateEntries: counts.entries - library.papers.length,
    undated: library.papers.filter((p) => p.date === undefined).length,
    withOrganisation: library.papers.filter((p) => p.org !== undefined).length,
    organisations: [...orgs.values()].sort((a, b) => b.papers - a.papers || a.name.localeCompare(b.name)),
    themes: library.themes.themes.map((t) => ({ id: t.id, label: t.label, papers: t.paperIds.length })).sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label)),
  };
}

function parseJson(files: LibraryFiles, name: LibraryFileName): unknown {
  const text = files[name];
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LibraryFormatError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
