/**
 * PROTOTYPE probe (benchmark only): the on-disk index of ./diskIndex.ts
 * beside the product's PaperIndex, over one library.
 *
 *   node diskIndexProbe.js build LIBRARY_DIR INDEX_DIR
 *       builds the on-disk index from the library's papers and themes.
 *   node diskIndexProbe.js restart INDEX_DIR [LIBRARY_DIR]
 *       a fresh process: open the index and answer one search ('diffusion') —
 *       time to first results after a restart — and the heap it retains. With
 *       LIBRARY_DIR, first parse titles.json and the library's themes.json
 *       (the tree's data) and give the hits their titles: first results with
 *       everything a user sees, from nothing in memory.
 *   node diskIndexProbe.js keystrokes INDEX_DIR
 *       the 60 benchmark queries typed character by character: a first pass
 *       with an empty postings cache (just restarted), then the warm pass
 *       (as the product's figures are measured), median and p95.
 *   node diskIndexProbe.js agreement LIBRARY_DIR INDEX_DIR
 *       for each full query, how many of PaperIndex's top 10 the prototype's
 *       top 10 share (ranking is close, not identical).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { keystrokes, readLibrary, report, stats } from '../probes/libraryDir';
import { QUERIES } from '../queries';
import { buildDiskIndex, DiskIndex } from './diskIndex';

const [mode, ...rest] = process.argv.slice(2) as [string, ...string[]];

function replay(index: DiskIndex): { all: number[]; short: number[]; long: number[] } {
  const all: number[] = [];
  const short: number[] = [];
  const long: number[] = [];
  for (const query of QUERIES) {
    for (const typed of keystrokes(query)) {
      const started = performance.now();
      index.search(typed, 50);
      const ms = performance.now() - started;
      all.push(ms);
      (typed.length <= 2 ? short : long).push(ms);
    }
  }
  return { all, short, long };
}

const summary = (s: { all: number[]; short: number[]; long: number[] }) => ({ all: stats(s.all), short: stats(s.short), long: stats(s.long) });
const size = (dir: string) => ['terms.json', 'docs.json', 'postings.bin'].reduce((n, f) => n + statSync(join(dir, f)).size, 0);

if (mode === 'build') {
  const [libraryDir, indexDir] = rest as [string, string];
  const started = performance.now();
  const library = readLibrary(libraryDir, false);
  buildDiskIndex(library.papers, library.themes, indexDir);
  report({ buildMs: performance.now() - started, bytes: size(indexDir), openBytes: statSync(join(indexDir, 'terms.json')).size + statSync(join(indexDir, 'docs.json')).size, titlesBytes: statSync(join(indexDir, 'titles.json')).size });
} else if (mode === 'restart') {
  const [indexDir, libraryDir] = rest as [string, string | undefined];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let titles: Map<string, { title: string }> | undefined;
  let themes: unknown;
  if (libraryDir !== undefined) {
    const papers = JSON.parse(readFileSync(join(indexDir, 'titles.json'), 'utf8')) as { id: string; title: string }[];
    themes = JSON.parse(readFileSync(join(libraryDir, 'themes.json'), 'utf8'));
    titles = new Map(papers.map((p) => [p.id, p]));
  }
  const treeDataMs = performance.now() - started;
  const index = new DiskIndex(indexDir);
  const openedMs = performance.now() - started;
  const hits = index.search('diffusion', 50);
  const shown = titles === undefined ? [] : hits.map((h) => titles.get(h.id)?.title ?? '?');
  const ms = performance.now() - started;
  gc?.();
  report({ ms, treeDataMs, openedMs, hits: hits.length, shown: shown.length, keptThemes: themes !== undefined, heapMB: (process.memoryUsage().heapUsed - heapBefore) / 1e6, terms: index.termCount, bytesRead: index.bytesRead });
} else if (mode === 'keystrokes') {
  const [indexDir] = rest as [string];
  const index = new DiskIndex(indexDir);
  const cold = replay(index);
  const coldBytes = index.bytesRead;
  const warm = replay(index);
  report({ cold: summary(cold), warm: summary(warm), coldBytesRead: coldBytes, warmBytesRead: index.bytesRead - coldBytes, keystrokes: cold.all.length });
} else if (mode === 'agreement') {
  const [libraryDir, indexDir] = rest as [string, string];
  const library = readLibrary(libraryDir);
  const product = PaperIndex.load(library.index, library.papers, library.themes);
  const disk = new DiskIndex(indexDir);
  const overlaps: number[] = [];
  let sameFirst = 0;
  for (const query of QUERIES) {
    const a = product.search(query, { limit: 10 }).map((h) => h.id);
    const b = disk.search(query, 10).map((h) => h.id);
    const shared = b.filter((id) => a.includes(id)).length;
    overlaps.push(a.length === 0 ? (b.length === 0 ? 1 : 0) : shared / a.length);
    if (a[0] !== undefined && a[0] === b[0]) sameFirst += 1;
  }
  report({ queries: QUERIES.length, meanTop10Overlap: overlaps.reduce((x, y) => x + y, 0) / overlaps.length, sameFirstHit: sameFirst });
} else {
  throw new Error(`unknown mode ${mode}`);
}
