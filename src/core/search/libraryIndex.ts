/**
 * The contract every library's search index keeps, wherever it lives: a
 * {@link PaperIndex} in this thread for a small library, or an index that
 * answers from a worker thread for a large one (src/node/search/workerIndex.ts).
 * The catalog-wide search (paperSearch.ts) sees only this.
 */
import type { SearchHit } from './paperIndex';

export interface LibraryIndex {
  search(query: string, options?: { limit?: number }): SearchHit[] | Promise<SearchHit[]>;
  related(id: string, limit?: number): SearchHit[] | Promise<SearchHit[]>;
  /** Frees the index (ends its worker); called when its library is gone. */
  dispose?(): void;
}
