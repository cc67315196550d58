/**
 * The search worker: loads one library's index and answers queries, so that
 * a large library's load and searches never block the extension host.
 * Bundled to dist/search/searchWorker.js; started by {@link WorkerIndex}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PaperIndex } from '../../core/search/paperIndex';
import { readLibraryDir } from '../libraryFiles';
import type { SearchRequest, SearchResponse, SearchWorkerData } from './searchMessages';

const { dir } = workerData as SearchWorkerData;
const port = parentPort;
if (!port) throw new Error('searchWorker runs as a worker thread only');

/** Reads the library through the same reader as the extension and the CLI, so a missing file is reported by name. */
async function load(): Promise<PaperIndex> {
  const library = await readLibraryDir(dir);
  return PaperIndex.load(library.index, library.papers, library.themes);
}

// Loading starts at once: the worker is created when a search is about to be needed.
const ready = load();
// A rejection is reported to each request; this keeps it from counting as unhandled meanwhile.
ready.catch(() => undefined);

port.on('message', (request: SearchRequest) => {
  void ready.then(
    (index) => {
      const started = performance.now();
      let response: SearchResponse;
      try {
        const hits = request.kind === 'search' ? index.search(request.query, { limit: request.limit }) : index.related(request.paperId, request.limit);
        response = { id: request.id, hits, ms: performance.now() - started };
      } catch (error) {
        response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(response);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies SearchResponse),
  );
});
