import { catalogUid, type Catalog, type CatalogPaper, type LoadedLibrary } from '../library/catalog';
import type { LibraryIndex } from './libraryIndex';

export interface PaperHit {
  readonly entry: CatalogPaper;
  readonly score: number;
  /** Matched query terms, for highlighting. */
  readonly terms: readonly string[];
}

/**
 * Searches every loaded library and merges their hits by score. A library's
 * index is loaded on its first search, not at activation, so the tree draws
 * before any index is read. Indexes are held per loaded library object: a
 * reload makes new ones, and the old are disposed once the catalog no longer
 * holds their library.
 */
export class PaperSearch {
  private readonly indexes = new Map<LoadedLibrary, Promise<LibraryIndex>>();

  constructor(private readonly catalog: () => Catalog | undefined) {}

  /** Drops loaded indexes; the next search reloads them (after a library changed). */
  reset(): void {
    for (const index of this.indexes.values()) void index.then((i) => i.dispose?.(), () => undefined);
    this.indexes.clear();
  }

  dispose(): void {
    this.reset();
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
        return (await index.search(query, { limit })).flatMap((hit) => {
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
    return (await index.related(entry.paper.id, limit)).flatMap((hit) => {
      const other = catalog.paper(catalogUid(entry.library, hit.id));
      return other ? [{ entry: other, score: hit.score, terms: hit.terms }] : [];
    });
  }

  private indexOf(library: LoadedLibrary): Promise<LibraryIndex> {
    let index = this.indexes.get(library);
    if (!index) {
      this.forgetUnloaded();
      index = library.openIndex();
      this.indexes.set(library, index);
      // A failed load is retried on the next search rather than cached forever.
      index.catch(() => this.indexes.delete(library));
    }
    return index;
  }

  /** Disposes the indexes of libraries a reload replaced. */
  private forgetUnloaded(): void {
    const current = new Set(this.catalog()?.libraries ?? []);
    for (const [library, index] of this.indexes) {
      if (current.has(library)) continue;
      this.indexes.delete(library);
      void index.then((i) => i.dispose?.(), () => undefined);
    }
  }
}
