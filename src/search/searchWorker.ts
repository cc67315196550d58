/**
 * The search worker: loads one library's index and answers queries, so that
 * a large library's load and searches never block the extension host.
 * Bundled to dist/search/searchWorker.js; started by {@link WorkerIndex}.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseLibrary } from '../core/library';
import { PaperIndex } from '../core/search/paperIndex';
import type { SearchRequest, SearchResponse, SearchWorkerData } from './searchMessages';

const { dir } = workerData as SearchWorkerData;
const port = parentPort;
if (!port) throw new Error('searchWorker runs as a worker thread only');

async function load(): Promise<PaperIndex> {
  const [manifest, papers, themes, index] = await Promise.all(['library.json', 'papers.json', 'themes.json', 'index.json'].map((file) => readFile(join(dir, file), 'utf8')));
  const library = parseLibrary({ 'library.json': manifest!, 'papers.json': papers!, 'themes.json': themes!, 'index.json': '' });
  return PaperIndex.load(index!, library.papers, library.themes);
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
