import type { Paper } from '../../core/paper';
import { PaperIndex, type IndexedThemes } from '../../core/search/paperIndex';
import type { LibraryIndex } from '../../core/search/libraryIndex';
import { WORKER_THRESHOLD, WorkerIndex } from './workerIndex';

/** A built library directory, as the extension has read it. */
export interface BuiltLibrarySource {
  readonly dir: string;
  readonly papers: readonly Paper[];
  readonly themes: IndexedThemes;
  /** Reads the directory's index.json (with the reader's own error messages). */
  readIndex(): Promise<string>;
}

/**
 * Opens a built library's search index where it should live: in this
 * thread for a library of up to {@link WORKER_THRESHOLD} papers, in a worker
 * thread that loads it from `dir` for a larger one (so neither the load nor
 * a search blocks the extension host).
 */
export async function openLibraryIndex(source: BuiltLibrarySource, options: { workerScript?: string; threshold?: number } = {}): Promise<LibraryIndex> {
  if (source.papers.length > (options.threshold ?? WORKER_THRESHOLD)) return new WorkerIndex(source.dir, options.workerScript);
  return PaperIndex.load(await source.readIndex(), source.papers, source.themes);
}
