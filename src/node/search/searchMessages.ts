/**
 * The messages between the extension host and the search worker
 * (searchWorker.ts). Plain data only: they cross a thread boundary by
 * structured clone.
 */
import type { SearchHit } from '../../core/search/paperIndex';

/** What the worker is given when it starts: the library directory to load. */
export interface SearchWorkerData {
  readonly dir: string;
}

export type SearchRequest =
  | { readonly id: number; readonly kind: 'search'; readonly query: string; readonly limit: number }
  | { readonly id: number; readonly kind: 'related'; readonly paperId: string; readonly limit: number };

export type SearchResponse =
  | { readonly id: number; readonly hits: SearchHit[]; readonly ms: number }
  | { readonly id: number; readonly error: string };
