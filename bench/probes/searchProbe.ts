/**
 * Per-keystroke search latency: replays the benchmark queries character by
 * character against the product's index (in this thread), a naive lowercase
 * substring scan and plain MiniSearch with default options, all over the
 * same papers in one process. Also related papers over the product index.
 *
 *   node searchProbe.js LIBRARY_DIR [--no-minisearch] [--warmup-queries N]
 *
 * --warmup-queries N warms up on the first N queries only (default: all 60);
 * the runner passes 10 at 100,000 papers, where the naive scan is slow.
 */
import MiniSearch from 'minisearch';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { QUERIES } from '../queries';
import { keystrokes, readLibrary, report, stats } from './libraryDir';

const dir = process.argv[2]!;
const withPlain = !process.argv.includes('--no-minisearch');
const warmupAt = process.argv.indexOf('--warmup-queries');
const warmupQueries = warmupAt > 0 ? Number(process.argv[warmupAt + 1]) : QUERIES.length;
const library = readLibrary(dir);
const papers = library.papers;
const index = PaperIndex.load(library.index, papers, library.themes);

type Engine = (query: string) => unknown;

const haystacks = papers.map((p) => `${p.title} ${p.abstract}`.toLowerCase());
const naive: Engine = (query) => {
  const words = query.toLowerCase().split(/\s+/u).filter((w) => w !== '');
  const hits: number[] = [];
  for (let i = 0; i < haystacks.length; i += 1) {
    const text = haystacks[i]!;
    if (words.every((w) => text.includes(w))) hits.push(i);
  }
  return hits.slice(0, 50);
};

let plainBuildMs = NaN;
let plain: Engine | undefined;
if (withPlain) {
  const started = performance.now();
  const mini = new MiniSearch({ fields: ['title', 'abstract'] });
  mini.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
  plainBuildMs = performance.now() - started;
  plain = (query) => mini.search(query).slice(0, 50);
}
const product: Engine = (query) => index.search(query, { limit: 50 });

function replay(engine: Engine, queries: readonly string[] = QUERIES): { all: number[]; short: number[]; long: number[] } {
  const all: number[] = [];
  const short: number[] = [];
  const long: number[] = [];
  for (const query of queries) {
    for (const typed of keystrokes(query)) {
      const started = performance.now();
      engine(typed);
      const ms = performance.now() - started;
      all.push(ms);
      (typed.length <= 2 ? short : long).push(ms);
    }
  }
  return { all, short, long };
}

const engines: [string, Engine][] = [['product', product], ['naive', naive], ...(plain ? [['plainMiniSearch', plain] as [string, Engine]] : [])];
// One pass to warm the JIT (a user's tenth query, not their first), then the measured pass.
for (const [, engine] of engines) replay(engine, QUERIES.slice(0, warmupQueries));
const result: Record<string, unknown> = { papers: papers.length, keystrokes: QUERIES.reduce((n, q) => n + q.length, 0), warmupQueries, plainBuildMs };
for (const [name, engine] of engines) {
  const samples = replay(engine);
  result[name] = { all: stats(samples.all), short: stats(samples.short), long: stats(samples.long) };
}

// Related papers: 40 papers spread over the library; the first call also counts the document frequencies.
const relatedSamples: number[] = [];
const firstStarted = performance.now();
index.related(papers[0]!.id, 10);
const relatedFirstMs = performance.now() - firstStarted;
for (let i = 1; i <= 40; i += 1) {
  const paper = papers[Math.floor((i * papers.length) / 41)]!;
  const started = performance.now();
  index.related(paper.id, 10);
  relatedSamples.push(performance.now() - started);
}
result['related'] = { first: relatedFirstMs, ...stats(relatedSamples) };
report(result);
