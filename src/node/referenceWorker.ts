/**
 * Reads and themes one reference file in a worker thread, so a large `.bib`
 * (seconds of parsing, tens of seconds of clustering at 7,000 entries) never
 * blocks the extension host. Bundled to dist/search/referenceWorker.js and
 * started by {@link readThemedReferencesOffThread}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readThemedReferences, type ReferenceFormat, type ThemedReferences } from './referenceFiles';

/** What the worker is given. */
export interface ReferenceWorkerData {
  readonly path: string;
  readonly format: ReferenceFormat;
  /** The SQLite WebAssembly for Zotero databases. */
  readonly wasmPath?: string;
}

/** What it answers, once. */
export type ReferenceWorkerResult = { readonly ok: true; readonly value: ThemedReferences } | { readonly ok: false; readonly message: string };

const port = parentPort;
if (!port) throw new Error('referenceWorker runs as a worker thread only');
const { path, format, wasmPath } = workerData as ReferenceWorkerData;
readThemedReferences(path, format, wasmPath === undefined ? {} : { wasmPath }).then(
  (value) => port.postMessage({ ok: true, value } satisfies ReferenceWorkerResult),
  (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ReferenceWorkerResult),
);
