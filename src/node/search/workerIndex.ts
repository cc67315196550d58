import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SearchHit } from '../../core/search/paperIndex';
import type { SearchRequest, SearchResponse, SearchWorkerData } from './searchMessages';

/**
 * Libraries with more papers than this are loaded and searched in a worker
 * thread. Below it an in-thread search takes well under a millisecond and a
 * load tens of milliseconds; above it a load takes hundreds (1.5 s at 10,000
 * papers on a 2-core machine) and the rare slow query tens, which would stall
 * the extension host: every other extension's events wait behind it.
 */
export const WORKER_THRESHOLD = 2000;

/** The worker's bundle, beside the extension's: dist/search/searchWorker.js. */
export function defaultWorkerScript(): string {
  return join(__dirname, 'search', 'searchWorker.js');
}

interface Waiting {
  readonly resolve: (hits: SearchHit[]) => void;
  readonly reject: (error: Error) => void;
}

interface QueuedSearch extends Waiting {
  readonly query: string;
  readonly limit: number;
}

/**
 * A library index that lives in a worker thread (see searchWorker.ts). At
 * most one search runs at a time and at most one waits: a query typed while
 * another runs replaces the one waiting, which resolves to no hits, so a fast
 * typist's stale keystrokes are dropped rather than queued. Related-paper
 * requests are never dropped. The worker starts on construction (its load is
 * the slow part), is restarted on demand after it fails or is disposed, and
 * never keeps the process alive.
 */
export class WorkerIndex {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private searchRunning = false;
  private queued: QueuedSearch | undefined;
  /** How many queued searches a newer one replaced; the benchmark reads it. */
  dropped = 0;

  constructor(
    private readonly dir: string,
    private readonly script: string = defaultWorkerScript(),
  ) {
    this.start();
  }

  /**
   * Searches in the worker. Resolves to no hits when a newer search replaced
   * this one before it ran: callers that track the latest query ignore it anyway.
   */
  search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    return new Promise((resolve, reject) => {
      if (this.queued) {
        this.queued.resolve([]);
        this.dropped += 1;
      }
      this.queued = { query, limit: options.limit ?? 50, resolve, reject };
      this.pump();
    });
  }

  related(paperId: string, limit = 10): Promise<SearchHit[]> {
    return new Promise((resolve, reject) => this.send({ id: this.nextId++, kind: 'related', paperId, limit }, { resolve, reject }));
  }

  /** Ends the worker; requests in flight fail. A later request starts a new one. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.failAll(new Error('the search index was closed'));
  }

  private pump(): void {
    if (this.searchRunning || !this.queued) return;
    const { query, limit, resolve, reject } = this.queued;
    this.queued = undefined;
    this.searchRunning = true;
    const done = () => {
      this.searchRunning = false;
      this.pump();
    };
    this.send(
      { id: this.nextId++, kind: 'search', query, limit },
      {
        resolve: (hits) => {
          done();
          resolve(hits);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      },
    );
  }

  private send(request: SearchRequest, waiting: Waiting): void {
    const worker = this.worker ?? this.start();
    this.waiting.set(request.id, waiting);
    worker.postMessage(request);
  }

  private start(): Worker {
    const worker = new Worker(this.script, { workerData: { dir: this.dir } satisfies SearchWorkerData });
    worker.unref();
    worker.on('message', (response: SearchResponse) => {
      const waiting = this.waiting.get(response.id);
      if (!waiting) return;
      this.waiting.delete(response.id);
      if ('error' in response) waiting.reject(new Error(response.error));
      else waiting.resolve(response.hits);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the search worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    const queued = this.queued;
    this.queued = undefined;
    this.searchRunning = false;
    for (const w of waiting) w.reject(error);
    queued?.reject(error);
  }
}
