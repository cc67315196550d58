import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../core/corpus/corpusDiagnostic';
import { type Library } from '../core/library/libraryFormat';
import { type Paper, type Theme } from '../core/paper';
import { readLibraryDir } from '../node/libraryFiles';
import { libraryFromReferences, readThemedReferences, referenceFormat } from '../node/referenceFiles';
import { closestKeys } from '../core/text/closestKeys';
import { CliError, type CliIo } from './cliIo';

/** A loaded library with the look-ups the commands share. */
export class LibraryView {
  private readonly byKey = new Map<string, Paper>();
  private readonly byId = new Map<string, Paper>();
  private readonly themesById = new Map<string, Theme>();

  constructor(
    readonly library: Library,
    readonly dir: string,
  ) {
    for (const paper of library.papers) {
      this.byKey.set(paper.key.toLowerCase(), paper);
      this.byId.set(paper.id, paper);
    }
    for (const theme of library.themes.themes) this.themesById.set(theme.id, theme);
  }

  /** The paper with this key (ignoring case, as keys are unique ignoring case). */
  paperByKey(key: string): Paper {
    const paper = this.byKey.get(key.toLowerCase());
    if (paper) return paper;
    const near = closestKeys(key, this.library.papers.map((p) => p.key));
    throw new CliError(`no paper has the key "${key}"${near.length > 0 ? `; closest keys: ${near.join(', ')}` : ''}`);
  }

  paperById(id: string): Paper {
    const paper = this.byId.get(id);
    if (!paper) throw new Error(`the library's index names paper ${id}, which papers.json does not hold; rebuild the library`);
    return paper;
  }

  /** The paper's primary theme. */
  themeOf(paper: Paper): Theme | undefined {
    const primary = this.library.themes.membership[paper.id]?.primary;
    return primary === undefined ? undefined : this.themesById.get(primary);
  }
}

/**
 * Loads `--library PATH` (relative to the working directory) or the bundled
 * library. PATH is a built library's folder, or a BibTeX, CSL-JSON or
 * CSL-YAML file read, themed and indexed on the spot; entries of the file
 * that cannot be read are reported on stderr and the rest load.
 */
export async function openLibrary(dir: string | undefined, io: CliIo): Promise<LibraryView> {
  const path = dir === undefined ? io.bundledLibrary : resolve(io.cwd, dir);
  const format = dir === undefined ? undefined : referenceFormat(path);
  try {
    if (format !== undefined && (await stat(path).catch(() => undefined))?.isFile()) {
      const references = await readThemedReferences(path, format);
      for (const d of references.skipped) io.stderr(`${formatDiagnostic(d)}\n`);
      return new LibraryView(libraryFromReferences(path, references), path);
    }
    return new LibraryView(await readLibraryDir(path), path);
  } catch (error) {
    const hint = dir === undefined ? ' (the bundled library is built by "npm run build")' : '';
    throw new CliError(`cannot read the library in ${path}${hint}: ${(error as Error).message}`);
  }
}

/** What `show --json` prints for a paper, and `export --format json` for each. */
export interface PaperRecord {
  readonly key: string;
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly org?: { readonly handle: string; readonly name: string };
  readonly date?: string;
  readonly upvotes?: number;
  readonly authorCount?: number;
  /** From a user's reference file; listing papers have none of these. */
  readonly authors?: readonly string[];
  readonly venue?: string;
  readonly doi?: string;
  readonly url?: string;
  readonly keywords?: readonly string[];
  readonly entryType?: string;
  /** Label of the primary theme. */
  readonly theme?: string;
  readonly themeId?: string;
  readonly sources: readonly string[];
  readonly locations?: readonly { readonly file: string; readonly line: number }[];
}

export function paperRecord(view: LibraryView, paper: Paper): PaperRecord {
  const theme = view.themeOf(paper);
  return {
    key: paper.key,
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    ...(paper.org ? { org: paper.org } : {}),
    ...(paper.date === undefined ? {} : { date: paper.date }),
    ...(paper.upvotes === undefined ? {} : { upvotes: paper.upvotes }),
    ...(paper.authorCount === undefined ? {} : { authorCount: paper.authorCount }),
    ...(paper.authors === undefined ? {} : { authors: paper.authors }),
    ...(paper.venue === undefined ? {} : { venue: paper.venue }),
    ...(paper.doi === undefined ? {} : { doi: paper.doi }),
    ...(paper.url === undefined ? {} : { url: paper.url }),
    ...(paper.keywords === undefined ? {} : { keywords: paper.keywords }),
    ...(paper.entryType === undefined ? {} : { entryType: paper.entryType }),
    ...(theme ? { theme: theme.label, themeId: theme.id } : {}),
    sources: paper.sources,
    ...(paper.locations ? { locations: paper.locations } : {}),
  };
}
