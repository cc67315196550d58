import type { CorpusDiagnostic } from '../corpus/corpusDiagnostic';
import type { Paper, Theme, ThemeMembership } from '../paper';
import type { LibraryIndex } from '../search/libraryIndex';

/** The name the bundled corpus goes by in tooltips and the paper view. */
export const BUNDLED_LIBRARY_NAME = 'Bundled corpus';

/** One library as loaded: the bundled corpus, a built library folder, a captured listing file or a user's reference file. */
export interface LoadedLibrary {
  /** Unique among loaded libraries: `bundled`, or the library's folder or file URI. */
  readonly id: string;
  readonly name: string;
  readonly papers: readonly Paper[];
  readonly themes: readonly Theme[];
  readonly membership: Readonly<Record<string, ThemeMembership>>;
  /**
   * Entries of the source that were skipped (unparsable, no title, a repeated
   * key) while the rest loaded, each at its `file:line`. Absent when none were.
   */
  readonly problems?: readonly CorpusDiagnostic[];
  /**
   * Opens the library's search index. Called on the first search, not when
   * the library loads, so the tree draws before any index is read.
   */
  openIndex(): Promise<LibraryIndex>;
}

/** A paper together with the library it came from. */
export interface CatalogPaper {
  readonly paper: Paper;
  readonly library: LoadedLibrary;
  /** Catalog-wide id: unique even when two libraries hold the same paper. */
  readonly uid: string;
}

/** A theme of one library, with a catalog-wide id. */
export interface CatalogTheme {
  readonly uid: string;
  readonly theme: Theme;
  readonly library: LoadedLibrary;
  /** The label a user sees: the theme's own, plus its library's name for user libraries. */
  readonly label: string;
}

/** The catalog-wide id of a paper or theme: the bundled corpus keeps its own ids, other libraries prefix theirs. */
export function catalogUid(library: LoadedLibrary, id: string): string {
  return library.id === 'bundled' ? id : `${library.id}#${id}`;
}

/**
 * Everything the views show: the papers of every loaded library, looked up by
 * id or citation key. Immutable: a reload builds a new catalog.
 */
export class Catalog {
  readonly papers: readonly CatalogPaper[];
  readonly themes: readonly CatalogTheme[];
  private readonly byUid = new Map<string, CatalogPaper>();
  private readonly byKey = new Map<string, CatalogPaper>();
  private readonly themeByUid = new Map<string, CatalogTheme>();

  constructor(readonly libraries: readonly LoadedLibrary[]) {
    const papers: CatalogPaper[] = [];
    const themes: CatalogTheme[] = [];
    for (const library of libraries) {
      const bundled = library.id === 'bundled';
      for (const paper of library.papers) {
        const entry: CatalogPaper = { paper, library, uid: catalogUid(library, paper.id) };
        papers.push(entry);
        this.byUid.set(entry.uid, entry);
        // The first library to define a key wins; the bundled corpus loads first.
        const lower = paper.key.toLowerCase();
        if (!this.byKey.has(lower)) this.byKey.set(lower, entry);
      }
      for (const theme of library.themes) {
        const entry: CatalogTheme = {
          uid: catalogUid(library, theme.id),
          theme,
          library,
          label: bundled || libraries.length === 1 ? theme.label : `${theme.label} (${library.name})`,
        };
        themes.push(entry);
        this.themeByUid.set(entry.uid, entry);
      }
    }
    this.papers = papers;
    this.themes = themes;
  }

  get size(): number {
    return this.papers.length;
  }

  paper(uid: string): CatalogPaper | undefined {
    return this.byUid.get(uid);
  }

  paperByKey(key: string): CatalogPaper | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  theme(uid: string): CatalogTheme | undefined {
    return this.themeByUid.get(uid);
  }

  /** All citation keys, as written. */
  keys(): string[] {
    return this.papers.map((p) => p.paper.key);
  }

  /** The papers of a theme, by primary membership. */
  papersOfTheme(theme: CatalogTheme): CatalogPaper[] {
    return theme.theme.paperIds.flatMap((id) => {
      const entry = this.byUid.get(catalogUid(theme.library, id));
      return entry ? [entry] : [];
    });
  }

  /** The themes a paper belongs to, primary first. */
  themesOf(entry: CatalogPaper): { theme: CatalogTheme; primary: boolean }[] {
    const membership = entry.library.membership[entry.paper.id];
    if (!membership) return [];
    const result: { theme: CatalogTheme; primary: boolean }[] = [];
    for (const [id, primary] of [[membership.primary, true] as const, ...membership.secondary.map((s) => [s, false] as const)]) {
      const theme = this.themeByUid.get(catalogUid(entry.library, id));
      if (theme) result.push({ theme, primary });
    }
    return result;
  }

  primaryTheme(entry: CatalogPaper): CatalogTheme | undefined {
    return this.themesOf(entry).find((t) => t.primary)?.theme;
  }
}
