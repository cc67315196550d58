/**
 * Search as the extension runs it: PaperSearch over one library, which for a
 * large library loads and searches in the worker (dist/search/searchWorker.js).
 * Measures, in a fresh process:
 *  - first results: the first search's wait, index load included (a restart);
 *  - per keystroke: each prefix of the benchmark queries, awaited in turn;
 *  - typing fast: keystrokes 30 ms apart without waiting, how many were
 *    dropped as stale and how long the last one took to answer;
 *  - completion after `@`: the provider's search for the typed word (40 items);
 *  - related papers;
 *  - the longest the event loop (the extension host's thread) was blocked
 *    during each phase, by a 1 ms timer.
 *
 *   node paperSearchProbe.js LIBRARY_DIR WORKER_SCRIPT [--threshold N]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Catalog, type LoadedLibrary } from '../../src/core/library/catalog';
import { openLibraryIndex } from '../../src/node/search/openLibraryIndex';
import { PaperSearch } from '../../src/core/search/paperSearch';
import { QUERIES } from '../queries';
import { keystrokes, readLibrary, report, stats } from './libraryDir';

const [dir, script] = process.argv.slice(2) as [string, string];
const workerScript = resolve(script);
const thresholdAt = process.argv.indexOf('--threshold');
const threshold = thresholdAt > 0 ? Number(process.argv[thresholdAt + 1]) : undefined;

/** The longest gap between 1 ms timer ticks while `run` runs: how long this thread was blocked. */
async function blocking<T>(run: () => Promise<T>): Promise<{ value: T; maxBlockMs: number }> {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 1);
  try {
    const value = await run();
    max = Math.max(max, performance.now() - last);
    return { value, maxBlockMs: max };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  // The floor for blocking: the longest timer gap while this thread does nothing (scheduler noise on a shared machine).
  const idle = await blocking(() => new Promise((r) => setTimeout(r, 1500)));
  const library = readLibrary(dir, false);
  let offThread = false;
  const loaded: LoadedLibrary = {
    id: 'bench',
    name: 'bench',
    papers: library.papers,
    themes: library.themes.themes,
    membership: library.themes.membership,
    openIndex: async () => {
      const index = await openLibraryIndex(
        { dir, papers: library.papers, themes: library.themes, readIndex: () => Promise.resolve(readFileSync(join(dir, 'index.json'), 'utf8')) },
        { workerScript, ...(threshold === undefined ? {} : { threshold }) },
      );
      offThread = !(index instanceof Object && 'miniSearch' in index);
      return index;
    },
  };
  const catalog = new Catalog([loaded]);
  const search = new PaperSearch(() => catalog);

  const first = await blocking(async () => {
    const started = performance.now();
    await search.search('diffusion', 50);
    return performance.now() - started;
  });

  const all: number[] = [];
  const short: number[] = [];
  const long: number[] = [];
  const typing = await blocking(async () => {
    for (const query of QUERIES) {
      for (const typed of keystrokes(query)) {
        const started = performance.now();
        await search.search(typed, 50);
        const ms = performance.now() - started;
        all.push(ms);
        (typed.length <= 2 ? short : long).push(ms);
      }
    }
  });

  // Typing fast: a keystroke every 30 ms, never waiting for results.
  const fast = await blocking(async () => {
    const lastLatency: number[] = [];
    let empty = 0;
    let sent = 0;
    for (const query of QUERIES.slice(0, 20)) {
      const pending: Promise<unknown>[] = [];
      let lastStarted = 0;
      let lastDone: Promise<number> | undefined;
      for (const typed of keystrokes(query)) {
        lastStarted = performance.now();
        const started = lastStarted;
        const p = search.search(typed, 50).then((hits) => {
          if (hits.length === 0) empty += 1;
          return performance.now() - started;
        });
        sent += 1;
        pending.push(p);
        lastDone = p;
        await new Promise((r) => setTimeout(r, 30));
      }
      lastLatency.push(await lastDone!);
      await Promise.all(pending);
    }
    return { sent, emptyOrDropped: empty, lastKeystrokeToResults: stats(lastLatency) };
  });

  const completion: number[] = [];
  const completing = await blocking(async () => {
    for (const word of ['diff', 'diffusion', 'agen', 'agents', 'rein', 'quant', 'tok', 'mamba', 'gaus', 'halluc']) {
      for (const typed of keystrokes(word)) {
        const started = performance.now();
        await search.search(typed, 40);
        completion.push(performance.now() - started);
      }
    }
  });

  const related: number[] = [];
  const relating = await blocking(async () => {
    for (let i = 0; i < 20; i += 1) {
      const entry = catalog.papers[Math.floor((i * catalog.papers.length) / 20)]!;
      const started = performance.now();
      await search.related(entry, 8);
      related.push(performance.now() - started);
    }
  });
  search.dispose();

  report({
    papers: library.papers.length,
    offThread,
    idleMaxBlockMs: idle.maxBlockMs,
    firstResultsMs: first.value,
    firstMaxBlockMs: first.maxBlockMs,
    keystroke: { all: stats(all), short: stats(short), long: stats(long), maxBlockMs: typing.maxBlockMs },
    fastTyping: { ...fast.value, maxBlockMs: fast.maxBlockMs },
    completion: { ...stats(completion), maxBlockMs: completing.maxBlockMs },
    related: { first: related[0], ...stats(related), maxBlockMs: relating.maxBlockMs },
  });
}

void main();
