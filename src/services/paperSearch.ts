import { catalogUid, type Catalog, type CatalogPaper, type LoadedLibrary } from '../library/catalog';

/** The part of a library's search index the extension uses. */
export interface LibraryIndex {
  search(query: string, options?: { limit?: number }): { id: string; score: number; terms: string[] }[];
  related(id: string, limit?: number): { id: string; score: number; terms: string[] }[];
}

export interface PaperHit {
  readonly entry: CatalogPaper;
  readonly score: number;
  /** Matched query terms, for highlighting. */
  readonly terms: readonly string[];
}

/**
 * Searches every loaded library and merges their hits by score. A library's
 * index is loaded on its first search, not at activation, so the tree draws
 * before any index is read.
 */
export class PaperSearch {
  private readonly indexes = new Map<string, Promise<LibraryIndex>>();

  constructor(
    private readonly catalog: () => Catalog | undefined,
    private readonly loadIndex: (library: LoadedLibrary) => Promise<LibraryIndex>,
  ) {}

  /** Drops loaded indexes; the next search reloads them (after a library changed). */
  reset(): void {
    this.indexes.clear();
  }

  /** Starts loading every library's index without waiting, e.g. when the search opens. */
  warm(): void {
    const catalog = this.catalog();
    if (catalog) for (const library of catalog.libraries) void this.indexOf(library).catch(() => undefined);
  }

  async search(query: string, limit = 50): Promise<PaperHit[]> {
    const catalog = this.catalog();
    if (!catalog) return [];
    const perLibrary = await Promise.all(
      catalog.libraries.map(async (library) => {
        const index = await this.indexOf(library);
        return index.search(query, { limit }).flatMap((hit) => {
          const entry = catalog.paper(catalogUid(library, hit.id));
          return entry ? [{ entry, score: hit.score, terms: hit.terms }] : [];
        });
      }),
    );
    return perLibrary.flat().sort((a, b) => b.score - a.score).slice(0, limit);
  }

  async related(entry: CatalogPaper, limit = 8): Promise<PaperHit[]> {
    const catalog = this.catalog();
    if (!catalog) return [];
    const index = await this.indexOf(entry.library);
    return index.related(entry.paper.id, limit).flatMap((hit) => {
      const other = catalog.paper(catalogUid(entry.library, hit.id));
      return other ? [{ entry: other, score: hit.score, terms: hit.terms }] : [];
    });
  }

  private indexOf(library: LoadedLibrary): Promise<LibraryIndex> {
    let index = this.indexes.get(library.id);
    if (!index) {
      index = this.loadIndex(library);
      this.indexes.set(library.id, index);
      // A failed load is retried on the next search rather than cached forever.
      index.catch(() => this.indexes.delete(library.id));
    }
    return index;
  }
}
