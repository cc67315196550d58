import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { type Paper, type Theme, type ThemeMembership } from '../paper';
import { hasFilters, parseQuery, type ParsedQuery } from './parseQuery';
import { foldText } from '../text/fold';
import { indexTerms, isSearchable, wordTerms, type WordTerms } from './searchTerms';

/** One search or related-papers result. */
export interface SearchHit {
  /** The paper's id; the paper itself comes from the papers array. */
  readonly id: string;
  /** Relevance, higher is better; comparable between queries on one index only. */
  readonly score: number;
  /**
   * The indexed terms that matched (folded: `tulu` for `TÜLU`), for
   * highlighting: fold the displayed text with {@link foldText} to find them.
   */
  readonly terms: string[];
}

/** The theme build a {@link PaperIndex} indexes alongside the papers. */
export interface IndexedThemes {
  readonly themes: readonly Theme[];
  readonly membership: Readonly<Record<string, ThemeMembership>>;
}

/** The fields of a paper the index reads; `theme` is its primary theme's label. */
interface IndexedDocument {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly org: string;
  readonly theme: string;
}

/**
 * The one place that defines the index options. A serialized MiniSearch index
 * loads only with the options it was built with, so any change here must bump
 * {@link FORMAT_VERSION}: stored indexes then fail to load and get rebuilt.
 */
const FORMAT_VERSION = 2;
const FORMAT = 'paper-atlas-index';
const OPTIONS: Options<IndexedDocument> = {
  idField: 'id',
  fields: ['title', 'abstract', 'org', 'theme'],
  // Ids only: the papers array has everything else, and a lean index loads fast.
  storeFields: [],
  tokenize: indexTerms,
  processTerm: (term) => term,
  // Queries arrive as terms already (see wordQuery): no second tokenizing.
  searchOptions: { tokenize: (term) => [term] },
};
const BOOST = { title: 3, abstract: 1, org: 2, theme: 1.5 };
/** Exact words first: a typo-tolerant match only rescues a query, never outranks what was typed. */
const WEIGHTS = { fuzzy: 0.2, prefix: 0.5 };
/** Words shorter than this are not expanded as prefixes: `re` would match thousands of terms. */
const MIN_PREFIX_LENGTH = 3;
/** Prefixes shorter than this expand in the short fields only. */
const SHORT_PREFIX_LENGTH = 5;
const PREFIX_FIELDS = ['title', 'org', 'theme'];
/** Words shorter than this must match exactly: typos in short words hit too many others. */
const MIN_FUZZY_LENGTH = 5;
const FUZZINESS = 0.2;
const DEFAULT_LIMIT = 50;
/** How many of a paper's most distinctive terms "related" searches for. */
const RELATED_TERMS = 16;

/**
 * A search index over papers and their themes: what the command palette, the
 * quick pick and the CLI query. Built once per library, stored as text with
 * {@link PaperIndex.serialize}, and loaded back with the same papers and themes.
 */
export class PaperIndex {
  private readonly papersById: ReadonlyMap<string, Paper>;
  private documentFrequency: Map<string, number> | undefined;

  private constructor(
    private readonly miniSearch: MiniSearch<IndexedDocument>,
    private readonly papers: readonly Paper[],
    private readonly themes: IndexedThemes,
    private readonly fingerprint: string,
  ) {
    this.papersById = new Map(papers.map((paper) => [paper.id, paper]));
  }

  /** Indexes the papers' titles, abstracts, organisations and theme labels. */
  static build(papers: readonly Paper[], themes: IndexedThemes): PaperIndex {
    const miniSearch = new MiniSearch<IndexedDocument>(OPTIONS);
    const labels = new Map(themes.themes.map((theme) => [theme.id, theme.label]));
    miniSearch.addAll(
      papers.map((paper) => ({
        id: paper.id,
        title: paper.title,
        abstract: paper.abstract,
        org: paper.org === undefined ? '' : `${paper.org.handle} ${paper.org.name}`,
        theme: labels.get(themes.membership[paper.id]?.primary ?? '') ?? '',
      })),
    );
    return new PaperIndex(miniSearch, papers, themes, fingerprintOf(papers, themes));
  }

  /**
   * Reads an index {@link serialize} wrote. Throws when it was written by
   * another format version or for other papers or themes: rebuild then.
   */
  static load(serialized: string, papers: readonly Paper[], themes: IndexedThemes): PaperIndex {
    const stored = JSON.parse(serialized) as Partial<StoredIndex> | null;
    if (stored?.format !== FORMAT || stored.version !== FORMAT_VERSION || stored.index === undefined) {
      throw new Error(`not a ${FORMAT} version ${FORMAT_VERSION} search index`);
    }
    const fingerprint = fingerprintOf(papers, themes);
    if (stored.fingerprint !== fingerprint) throw new Error('the search index was built for other papers or themes');
    return new PaperIndex(MiniSearch.loadJS(stored.index, OPTIONS), papers, themes, fingerprint);
  }

  /** The index as text for {@link PaperIndex.load}: ids and terms, no paper fields. */
  serialize(): string {
    const stored: StoredIndex = { format: FORMAT, version: FORMAT_VERSION, fingerprint: this.fingerprint, index: this.miniSearch.toJSON() };
    return JSON.stringify(stored);
  }

  /**
   * Searches as the user types. Every word must match (falling back to any
   * word when no paper has them all); the last word also matches as a prefix
   * while it is being typed; when the words as typed find nothing, words of
   * five letters or more forgive a typo.
   * `org:`, `year:` and `theme:` filters narrow the results (see
   * {@link parseQuery}); a query of filters alone lists the papers they admit,
   * newest first.
   */
  search(query: string, options: { limit?: number } = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const parsed = parseQuery(query);
    const filter = this.filterFor(parsed);
    let words = wordTerms(parsed.text)
      .map((word) => ({ parts: word.parts.filter(isSearchable), joined: word.joined.filter(isSearchable) }))
      .filter((word) => word.parts.length + word.joined.length > 0);
    // A word just begun (`gui agents g`) is too short to expand and would only
    // empty the results; it counts once it is longer or finished.
    const last = words[words.length - 1];
    if (parsed.typing && words.length > 1 && last !== undefined && Math.max(...[...last.parts, ...last.joined].map((t) => t.length)) < MIN_PREFIX_LENGTH) {
      words = words.slice(0, -1);
    }
    if (words.length === 0) return filter === undefined ? [] : this.listFiltered(filter, limit);

    const searchOptions: SearchOptions = { boost: BOOST, weights: WEIGHTS, ...(filter === undefined ? {} : { filter: (result) => filter(result.id as string) }) };
    const run = (combineWith: 'AND' | 'OR', fuzzy: boolean): SearchResult[] =>
      this.miniSearch.search({ combineWith, queries: words.map((word, index) => wordQuery(word, parsed.typing && index === words.length - 1, fuzzy)) }, searchOptions);
    // Cheapest first, and typo tolerance only when the words as typed find
    // nothing: every fuzzy word drags in its neighbours' postings.
    let results = run('AND', false);
    if (results.length === 0) results = run('AND', true);
    if (results.length === 0 && words.length > 1) results = run('OR', true);
    return results.slice(0, limit).map(toHit);
  }

  /**
   * Papers like the given one: a search for its most distinctive terms
   * (TF-IDF over title and abstract, title counted three times), papers of
   * its theme ranked a little higher, the paper itself left out. Unknown ids give no papers.
   */
  related(id: string, limit = 10): SearchHit[] {
    const paper = this.papersById.get(id);
    if (paper === undefined) return [];
    const weights = this.distinctiveTerms(paper);
    if (weights.size === 0) return [];
    const theme = this.themes.membership[id]?.primary;
    const results = this.miniSearch.search(
      { combineWith: 'OR', queries: [...weights.keys()] },
      {
        fields: ['title', 'abstract'],
        boost: { title: 2, abstract: 1 },
        prefix: false,
        fuzzy: false,
        filter: (result) => result.id !== id,
        boostTerm: (term) => weights.get(term) ?? 1,
        boostDocument: (other) => (theme !== undefined && this.themes.membership[other as string]?.primary === theme ? 1.25 : 1),
      },
    );
    return results.slice(0, limit).map(toHit);
  }

  /** The paper's terms by TF-IDF weight, best first, scaled so the best is 1. */
  private distinctiveTerms(paper: Paper): Map<string, number> {
    const frequency = this.termDocumentFrequency();
    const counts = new Map<string, number>();
    for (const term of indexTerms(paper.title)) counts.set(term, (counts.get(term) ?? 0) + 3);
    for (const term of indexTerms(paper.abstract, 'abstract')) counts.set(term, (counts.get(term) ?? 0) + 1);
    const n = this.papers.length;
    const scored: [string, number][] = [];
    for (const [term, count] of counts) {
      const df = frequency.get(term) ?? 0;
      // Terms only this paper has match nothing else; one-letter terms mean
      // little, and ones with digits name versions (`r1`, `3b`), not topics.
      if (df < 2 || term.length < 2 || /\d/u.test(term)) continue;
      scored.push([term, (1 + Math.log(count)) * Math.log(n / df)]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = scored.slice(0, RELATED_TERMS);
    const best = top[0]?.[1] ?? 1;
    // Squared, so the few most distinctive terms lead and the tail only breaks ties.
    return new Map(top.map(([term, weight]) => [term, (weight / best) ** 2]));
  }

  /** Papers per term over titles and abstracts, counted on first use only: loading stays cheap. */
  private termDocumentFrequency(): Map<string, number> {
    if (this.documentFrequency === undefined) {
      const frequency = new Map<string, number>();
      for (const paper of this.papers) {
        for (const term of new Set(indexTerms(`${paper.title} ${paper.abstract}`))) frequency.set(term, (frequency.get(term) ?? 0) + 1);
      }
      this.documentFrequency = frequency;
    }
    return this.documentFrequency;
  }

  /** The filters of a query as one predicate on paper ids, or nothing when it has none. */
  private filterFor(query: ParsedQuery): ((id: string) => boolean) | undefined {
    if (!hasFilters(query)) return undefined;
    const themeIds = query.theme.length === 0 ? undefined : matchingThemes(this.themes.themes, query.theme);
    const orgs = query.org.map((value) => value.split(/\s+/u).map(foldText));
    return (id) => {
      const paper = this.papersById.get(id);
      if (paper === undefined) return false;
      if (themeIds !== undefined) {
        const membership = this.themes.membership[id];
        if (membership === undefined || !themeIds.has(membership.primary)) return false;
      }
      if (query.year.length > 0) {
        const year = paper.date === undefined ? NaN : Number(paper.date.slice(0, 4));
        if (!query.year.some((range) => year >= range.from && year <= range.to)) return false;
      }
      if (orgs.length > 0) {
        if (paper.org === undefined) return false;
        const words = foldText(`${paper.org.handle} ${paper.org.name}`).split(/[^\p{L}\p{N}]+/u);
        if (!orgs.some((wanted) => wanted.every((prefix) => words.some((word) => word.startsWith(prefix))))) return false;
      }
      return true;
    };
  }

  /** Every paper a filter admits, newest first, then by title. */
  private listFiltered(filter: (id: string) => boolean, limit: number): SearchHit[] {
    return this.papers
      .filter((paper) => filter(paper.id))
      // Code-unit order, not the locale's: the same list on every machine.
      .sort((a, b) => compare(b.date ?? '', a.date ?? '') || compare(a.title, b.title) || compare(a.id, b.id))
      .slice(0, limit)
      .map((paper) => ({ id: paper.id, score: 1, terms: [] }));
  }
}

interface StoredIndex {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly fingerprint: string;
  readonly index: AsPlainObject;
}

/**
 * One typed word as a query: its joined form (`c3bench`) or all its parts
 * (`c`, `3`, `bench`). Only the word being typed is a prefix, from three
 * letters, and while it is shorter than {@link SHORT_PREFIX_LENGTH} its
 * expansions are sought in titles, organisations and themes only (`pro`
 * begins hundreds of abstract words). With `fuzzy`, words of five letters
 * or more forgive a typo.
 */
function wordQuery(word: WordTerms, typing: boolean, fuzzy: boolean): Query {
  const term = (text: string, last: boolean): Query => {
    const exact: Query = { queries: [text], prefix: false, fuzzy: fuzzy && text.length >= MIN_FUZZY_LENGTH ? FUZZINESS : false, maxFuzzy: 2 };
    if (!typing || !last || text.length < MIN_PREFIX_LENGTH) return exact;
    if (text.length >= SHORT_PREFIX_LENGTH) return { ...exact, prefix: true };
    return { combineWith: 'OR', queries: [exact, { queries: [text], prefix: true, fuzzy: false, fields: PREFIX_FIELDS }] };
  };
  const parts = word.parts.map((part, index) => term(part, index === word.parts.length - 1));
  const joined = word.joined.map((text) => term(text, true));
  const allParts: Query[] = parts.length === 0 ? [] : [parts.length === 1 ? parts[0]! : { combineWith: 'AND', queries: parts }];
  const alternatives = [...joined, ...allParts];
  return alternatives.length === 1 ? alternatives[0]! : { combineWith: 'OR', queries: alternatives };
}

/**
 * Themes a `theme:` value names: by id, or by label words (each value word a
 * prefix of a label word). A value no label matches falls back to the
 * themes' distinctive terms, so `theme:gui` finds the theme whose terms say GUI.
 */
function matchingThemes(themes: readonly Theme[], values: readonly string[]): Set<string> {
  const matches = new Set<string>();
  const words = (text: string): string[] => foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  for (const value of values) {
    const wanted = words(value);
    const admits = (text: string): boolean => {
      const have = words(text);
      return wanted.length > 0 && wanted.every((prefix) => have.some((word) => word.startsWith(prefix)));
    };
    let found = themes.filter((theme) => theme.id === value || admits(theme.label));
    if (found.length === 0) found = themes.filter((theme) => theme.terms.some(admits));
    for (const theme of found) matches.add(theme.id);
  }
  return matches;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toHit(result: SearchResult): SearchHit {
  // Sorted: MiniSearch lists them in index order, which differs between a built and a loaded index.
  return { id: result.id as string, score: result.score, terms: [...result.terms].sort() };
}

/**
 * Identifies the papers and theme labels an index was built for, whatever
 * their order; a cheap check at load time that the index is not stale.
 */
function fingerprintOf(papers: readonly Paper[], themes: IndexedThemes): string {
  const labels = new Map(themes.themes.map((theme) => [theme.id, theme.label]));
  let sum = 0;
  let xor = 0;
  for (const paper of papers) {
    const hash = fnv1a(`${paper.id}\u0000${paper.title}\u0000${labels.get(themes.membership[paper.id]?.primary ?? '') ?? ''}`);
    sum = (sum + hash) >>> 0;
    xor = (xor ^ hash) >>> 0;
  }
  return `${papers.length}-${sum.toString(16)}-${xor.toString(16)}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
