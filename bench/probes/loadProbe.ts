/**
 * One cold load of a library in a fresh process (the runner starts one per
 * sample): `product` reads the files the extension reads and loads the search
 * index until one search has answered; `jsonParse` only JSON.parses the same
 * bytes; `papersJson` keeps just the parsed papers.json (the heap floor).
 * Reports milliseconds and the heap the result retains after a full GC.
 *
 *   node --expose-gc loadProbe.js LIBRARY_DIR product|jsonParse|papersJson
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLibrary } from '../../src/core/library/libraryFormat';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { report } from './libraryDir';

const [dir, mode] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
gc();
const heapBefore = process.memoryUsage().heapUsed;
const files = ['library.json', 'papers.json', 'themes.json', 'index.json'] as const;
const phase: Record<string, number> = {};
let kept: unknown;
let bytes = 0;
const started = performance.now();
let treeReadyMs = NaN;
if (mode === 'product') {
  const texts = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')])) as Record<(typeof files)[number], string>;
  bytes = Object.values(texts).reduce((n, t) => n + Buffer.byteLength(t), 0);
  const library = parseLibrary({ ...texts, 'index.json': '' });
  treeReadyMs = performance.now() - started;
  const index = PaperIndex.load(texts['index.json'], library.papers, library.themes);
  phase['indexLoaded'] = performance.now() - started;
  index.search('model', { limit: 50 });
  kept = { library, index };
} else if (mode === 'jsonParse') {
  const parsed = files.map((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    bytes += Buffer.byteLength(text);
    return JSON.parse(text) as unknown;
  });
  kept = parsed;
} else if (mode === 'papersJson') {
  const text = readFileSync(join(dir, 'papers.json'), 'utf8');
  bytes = Buffer.byteLength(text);
  kept = JSON.parse(text);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - started;
gc();
const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
report({ mode, ms, phase, treeReadyMs, heapMB, bytes, keptSomething: kept !== undefined });
