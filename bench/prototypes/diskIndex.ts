/**
 * PROTOTYPE — benchmark only, not wired into the extension.
 *
 * A persisted, on-disk inverted index read with `fs`, to measure what a
 * design that never loads the whole index would give at 100,000 papers
 * (bench/RESULTS.md, "100,000 papers"). Terms, boosts, query parsing and the
 * query policy are the product's (src/core/search: `indexTerms`,
 * `wordTerms`, `parseQuery`; title 3, abstract 1, org 2, theme 1.5; every
 * word must match, OR only when AND finds nothing; the last word a prefix
 * from 3 letters, expanded in titles/org/theme only below 5 letters; typo
 * tolerance only when the words as typed find nothing). Scores are BM25 per
 * field like MiniSearch's, but computed at build time, so rankings are close
 * to PaperIndex's, not identical (the probe reports the overlap).
 *
 * Files (in one directory):
 *   terms.json      sorted term list, and for each term its byte offset and posting count
 *   postings.bin    per term: Int32 doc numbers (ascending), Float32 score in all fields,
 *                   Float32 score in title+org+theme only (0 when the term is only in the abstract)
 *   docs.json       doc number → paper id, year, folded organisation (for org:/year: filters)
 *   titles.json     the papers without abstracts, sources or locations: what the tree and a
 *                   result list show (the design's replacement for reading all of papers.json
 *                   before the first results; abstracts would be read per paper on demand)
 *
 * Opening reads terms.json and docs.json only (a few MB); each search reads the
 * postings of its terms with one `readSync` each, cached in a small LRU.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Paper, type ThemeMembership } from '../../src/core/paper';
import { parseQuery } from '../../src/core/search/parseQuery';
import { foldText } from '../../src/core/text/fold';
import { indexTerms, isSearchable, wordTerms } from '../../src/core/search/searchTerms';

const FIELDS = ['title', 'abstract', 'org', 'theme'] as const;
const BOOST = [3, 1, 2, 1.5];
const SHORT_FIELD = [true, false, true, true];
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.2;
const MIN_PREFIX_LENGTH = 3;
const SHORT_PREFIX_LENGTH = 5;
const MIN_FUZZY_LENGTH = 5;
const FUZZINESS = 0.2;
// MiniSearch's BM25+ defaults.
const K = 1.2;
const B = 0.7;
const D = 0.5;

interface TermsFile {
  readonly terms: string[];
  /** Byte offset of each term's block in postings.bin. */
  readonly offsets: number[];
  readonly counts: number[];
}

interface DocsFile {
  readonly ids: string[];
  readonly years: number[];
  readonly orgs: string[];
}

/** Builds the on-disk index for a library's papers and themes. */
export function buildDiskIndex(papers: readonly Paper[], themes: { themes: readonly { id: string; label: string }[]; membership: Readonly<Record<string, ThemeMembership>> }, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const labels = new Map(themes.themes.map((t) => [t.id, t.label]));
  const n = papers.length;
  // term → flat [doc, field, tf, doc, field, tf, …]
  const postings = new Map<string, number[]>();
  const lengths = FIELDS.map(() => new Float64Array(n));
  papers.forEach((paper, doc) => {
    const texts = [paper.title, paper.abstract, paper.org === undefined ? '' : `${paper.org.handle} ${paper.org.name}`, labels.get(themes.membership[paper.id]?.primary ?? '') ?? ''];
    texts.forEach((text, field) => {
      const terms = indexTerms(text, FIELDS[field]);
      lengths[field]![doc] = terms.length;
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, count] of tf) {
        let list = postings.get(term);
        if (list === undefined) postings.set(term, (list = []));
        list.push(doc, field, count);
      }
    });
  });
  const average = lengths.map((l) => l.reduce((a, b) => a + b, 0) / Math.max(1, n));
  const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fd = openSync(join(dir, 'postings.bin'), 'w');
  const offsets: number[] = [];
  const counts: number[] = [];
  let offset = 0;
  for (const term of terms) {
    const flat = postings.get(term)!;
    const fieldDocs = [0, 0, 0, 0];
    for (let i = 0; i < flat.length; i += 3) fieldDocs[flat[i + 1]!]! += 1;
    const idf = fieldDocs.map((df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    const all = new Map<number, number>();
    const short = new Map<number, number>();
    for (let i = 0; i < flat.length; i += 3) {
      const doc = flat[i]!;
      const field = flat[i + 1]!;
      const tf = flat[i + 2]!;
      const len = lengths[field]![doc]!;
      const score = BOOST[field]! * idf[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * len) / average[field]!)));
      all.set(doc, (all.get(doc) ?? 0) + score);
      if (SHORT_FIELD[field]) short.set(doc, (short.get(doc) ?? 0) + score);
    }
    const docs = Int32Array.from([...all.keys()].sort((a, b) => a - b));
    const block = new ArrayBuffer(docs.length * 12);
    new Int32Array(block, 0, docs.length).set(docs);
    const allScores = new Float32Array(block, docs.length * 4, docs.length);
    const shortScores = new Float32Array(block, docs.length * 8, docs.length);
    docs.forEach((doc, i) => {
      allScores[i] = all.get(doc)!;
      shortScores[i] = short.get(doc) ?? 0;
    });
    writeSync(fd, new Uint8Array(block));
    offsets.push(offset);
    counts.push(docs.length);
    offset += block.byteLength;
    postings.delete(term);
  }
  closeSync(fd);
  writeFileSync(join(dir, 'terms.json'), JSON.stringify({ terms, offsets, counts } satisfies TermsFile));
  const docsFile: DocsFile = {
    ids: papers.map((p) => p.id),
    years: papers.map((p) => (p.date === undefined ? 0 : Number(p.date.slice(0, 4)))),
    orgs: papers.map((p) => (p.org === undefined ? '' : foldText(`${p.org.handle} ${p.org.name}`))),
  };
  writeFileSync(join(dir, 'docs.json'), JSON.stringify(docsFile));
  writeFileSync(join(dir, 'titles.json'), JSON.stringify(papers.map(({ abstract: _abstract, sources: _sources, locations: _locations, ...rest }) => rest)));
}

interface Postings {
  readonly docs: Int32Array;
  readonly all: Float32Array;
  readonly short: Float32Array;
}

/** A hit as PaperIndex returns it, minus matched terms. */
export interface DiskHit {
  readonly id: string;
  readonly score: number;
}

/** The on-disk index opened for searching. */
export class DiskIndex {
  private readonly terms: string[];
  private readonly offsets: number[];
  private readonly counts: number[];
  private readonly docs: DocsFile;
  private readonly fd: number;
  private readonly cache = new Map<number, Postings>();
  private cachedBytes = 0;
  private readonly wordScore: Float32Array;
  private readonly wordSeen: Uint8Array;
  private readonly total: Float32Array;
  private readonly matched: Uint16Array;
  /** Postings bytes read from disk so far (cache misses). */
  bytesRead = 0;

  constructor(dir: string, private readonly cacheLimitBytes = 64 << 20) {
    const terms = JSON.parse(readFileSync(join(dir, 'terms.json'), 'utf8')) as TermsFile;
    this.terms = terms.terms;
    this.offsets = terms.offsets;
    this.counts = terms.counts;
    this.docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8')) as DocsFile;
    this.fd = openSync(join(dir, 'postings.bin'), 'r');
    const n = this.docs.ids.length;
    this.wordScore = new Float32Array(n);
    this.wordSeen = new Uint8Array(n);
    this.total = new Float32Array(n);
    this.matched = new Uint16Array(n);
  }

  get termCount(): number {
    return this.terms.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  search(query: string, limit = 50): DiskHit[] {
    const parsed = parseQuery(query);
    let words = wordTerms(parsed.text)
      .map((word) => ({ parts: word.parts.filter(isSearchable), joined: word.joined.filter(isSearchable) }))
      .filter((word) => word.parts.length + word.joined.length > 0);
    const last = words[words.length - 1];
    if (parsed.typing && words.length > 1 && last !== undefined && Math.max(...[...last.parts, ...last.joined].map((t) => t.length)) < MIN_PREFIX_LENGTH) words = words.slice(0, -1);
    // Filter-only queries and theme: filters are out of the prototype's scope.
    if (words.length === 0) return [];
    const orgs = parsed.org.map((value) => value.split(/\s+/u).map(foldText));
    const admits = (doc: number): boolean => {
      if (parsed.year.length > 0 && !parsed.year.some((r) => this.docs.years[doc]! >= r.from && this.docs.years[doc]! <= r.to)) return false;
      if (orgs.length > 0) {
        const have = this.docs.orgs[doc]!.split(/[^\p{L}\p{N}]+/u);
        if (!orgs.some((wanted) => wanted.every((prefix) => have.some((w) => w.startsWith(prefix))))) return false;
      }
      return true;
    };
    const run = (and: boolean, fuzzy: boolean): DiskHit[] => {
      const lists = words.map((word, i) => this.wordPostings(word, parsed.typing && i === words.length - 1, fuzzy));
      return this.combine(lists, and, admits, limit);
    };
    let hits = run(true, false);
    if (hits.length === 0) hits = run(true, true);
    if (hits.length === 0 && words.length > 1) hits = run(false, true);
    return hits;
  }

  /** One word's matching docs and scores: its joined form, or all its parts. */
  private wordPostings(word: { parts: string[]; joined: string[] }, typing: boolean, fuzzy: boolean): { docs: Int32Array; scores: Float32Array } {
    const alternatives: { docs: Int32Array; scores: Float32Array }[] = word.joined.map((text) => this.termPostings(text, typing, fuzzy));
    if (word.parts.length > 0) {
      const parts = word.parts.map((part, i) => this.termPostings(part, typing && i === word.parts.length - 1, fuzzy));
      alternatives.push(parts.length === 1 ? parts[0]! : this.intersect(parts));
    }
    return alternatives.length === 1 ? alternatives[0]! : this.union(alternatives.map((a) => [a, 1] as const));
  }

  /** The docs a term matches: exactly, as a prefix while typed, or within a typo when fuzzy. */
  private termPostings(text: string, typing: boolean, fuzzy: boolean): { docs: Int32Array; scores: Float32Array } {
    const sources: (readonly [{ docs: Int32Array; scores: Float32Array }, number])[] = [];
    const exact = this.find(text);
    if (exact >= 0) {
      const p = this.postings(exact);
      sources.push([{ docs: p.docs, scores: p.all }, 1]);
    }
    if (typing && text.length >= MIN_PREFIX_LENGTH) {
      const shortOnly = text.length < SHORT_PREFIX_LENGTH;
      for (let t = this.lowerBound(text); t < this.terms.length && this.terms[t]!.startsWith(text); t += 1) {
        if (t === exact) continue;
        const p = this.postings(t);
        sources.push([{ docs: p.docs, scores: shortOnly ? p.short : p.all }, PREFIX_WEIGHT]);
      }
    }
    if (fuzzy && text.length >= MIN_FUZZY_LENGTH) {
      const max = Math.min(2, Math.round(text.length * FUZZINESS));
      for (let t = 0; t < this.terms.length; t += 1) {
        if (t === exact) continue;
        const d = boundedDistance(text, this.terms[t]!, max);
        if (d > 0 && d <= max) {
          const p = this.postings(t);
          sources.push([{ docs: p.docs, scores: p.all }, (FUZZY_WEIGHT * text.length) / (text.length + d)]);
        }
      }
    }
    if (sources.length === 1 && sources[0]![1] === 1) return sources[0]![0];
    return this.union(sources);
  }

  /** Docs in any source, scores summed (zero scores, i.e. abstract-only in a short prefix, dropped). */
  private union(sources: readonly (readonly [{ docs: Int32Array; scores: Float32Array }, number])[]): { docs: Int32Array; scores: Float32Array } {
    const seen = this.wordSeen;
    const score = this.wordScore;
    const touched: number[] = [];
    for (const [{ docs, scores }, weight] of sources) {
      for (let i = 0; i < docs.length; i += 1) {
        const s = scores[i]!;
        if (s === 0) continue;
        const doc = docs[i]!;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          score[doc] = 0;
          touched.push(doc);
        }
        score[doc]! += s * weight;
      }
    }
    touched.sort((a, b) => a - b);
    const docs = Int32Array.from(touched);
    const scores = new Float32Array(docs.length);
    for (let i = 0; i < docs.length; i += 1) {
      scores[i] = score[docs[i]!]!;
      seen[docs[i]!] = 0;
    }
    return { docs, scores };
  }

  /** Docs in every list (lists ascending by doc), scores summed. */
  private intersect(lists: readonly { docs: Int32Array; scores: Float32Array }[]): { docs: Int32Array; scores: Float32Array } {
    let current = lists[0]!;
    for (const next of lists.slice(1)) {
      const docs: number[] = [];
      const scores: number[] = [];
      let i = 0;
      let j = 0;
      while (i < current.docs.length && j < next.docs.length) {
        const a = current.docs[i]!;
        const b = next.docs[j]!;
        if (a < b) i += 1;
        else if (b < a) j += 1;
        else {
          docs.push(a);
          scores.push(current.scores[i]! + next.scores[j]!);
          i += 1;
          j += 1;
        }
      }
      current = { docs: Int32Array.from(docs), scores: Float32Array.from(scores) };
    }
    return current;
  }

  /** AND (every word) or OR (any word, more words ranked higher) of the words' postings, top `limit`. */
  private combine(lists: readonly { docs: Int32Array; scores: Float32Array }[], and: boolean, admits: (doc: number) => boolean, limit: number): DiskHit[] {
    const total = this.total;
    const matched = this.matched;
    const touched: number[] = [];
    // Shortest list first: under AND, later lists only touch docs already matched.
    const order = [...lists].sort((a, b) => a.docs.length - b.docs.length);
    order.forEach(({ docs, scores }, w) => {
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i]!;
        if (w === 0 || !and) {
          if (matched[doc] === 0) {
            touched.push(doc);
            total[doc] = 0;
          }
        } else if (matched[doc] !== w) continue;
        matched[doc]! += 1;
        total[doc]! += scores[i]!;
      }
    });
    const need = and ? lists.length : 1;
    // Top `limit` by score (ties by doc number), with a small binary min-heap.
    const heap: number[] = [];
    const worse = (a: number, b: number) => total[a]! < total[b]! || (total[a] === total[b] && a > b);
    const push = (doc: number) => {
      if (heap.length === limit) {
        if (!worse(heap[0]!, doc)) return;
        heap[0] = doc;
        siftDown(0);
        return;
      }
      heap.push(doc);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    };
    const siftDown = (at: number) => {
      let i = at;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const doc of touched) {
      if (matched[doc]! >= need && admits(doc)) {
        // OR: papers with more of the words first, as MiniSearch's OR does by summing.
        push(doc);
      }
    }
    const hits = heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).map((doc) => ({ id: this.docs.ids[doc]!, score: total[doc]! }));
    for (const doc of touched) matched[doc] = 0;
    return hits;
  }

  private find(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : -1;
  }

  private lowerBound(term: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private postings(t: number): Postings {
    const cached = this.cache.get(t);
    if (cached !== undefined) {
      this.cache.delete(t);
      this.cache.set(t, cached);
      return cached;
    }
    const count = this.counts[t]!;
    const block = new ArrayBuffer(count * 12);
    readSync(this.fd, new Uint8Array(block), 0, block.byteLength, this.offsets[t]!);
    this.bytesRead += block.byteLength;
    const postings = { docs: new Int32Array(block, 0, count), all: new Float32Array(block, count * 4, count), short: new Float32Array(block, count * 8, count) };
    this.cache.set(t, postings);
    this.cachedBytes += block.byteLength;
    for (const [key, old] of this.cache) {
      if (this.cachedBytes <= this.cacheLimitBytes) break;
      this.cache.delete(key);
      this.cachedBytes -= old.docs.length * 12;
    }
    return postings;
  }
}

/** Levenshtein distance, or max + 1 once it must exceed max. */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}
