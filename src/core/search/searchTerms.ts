/**
 * How text becomes search terms. The index and the queries share these
 * functions, so that `TÜLU`, `A^2FM` and `C^3-Bench` are found as typed.
 */
import { foldText } from '../text/fold';

/** Words too common to search for; dropped from the index and from queries alike. */
const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but
  by can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how however i if in into is it its itself just me more most my myself no nor not now of off on once only or
  other ought our ours ourselves out over own same she should so some such than that the their theirs them themselves then
  there these they this those through thus to too under until up upon very via was we were what when where whether which
  while who whom why will with within without would yet you your yours yourself yourselves`.split(/\s+/u),
);

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const ALPHANUMERIC = /[\p{L}\p{N}]+/gu;
/** Longer terms are URLs or LaTeX debris, not words anyone types. */
const MAX_TERM_LENGTH = 40;


/** One whitespace-separated word of a query or field, as search terms. */
export interface WordTerms {
  /** The letter-and-digit runs of the word: `c3-bench` → `c`, `3`, `bench`. */
  readonly parts: readonly string[];
  /**
   * The word with its symbols removed (`c3bench`, `a2fm`, `cosmos` for
   * `COS(M+O)S`), and `…star` for a word with `*` (`Q^*` → `qstar`), when
   * the word had symbols inside; typed either way, it matches.
   */
  readonly joined: readonly string[];
}

/** Splits text into words and each word into its search terms. */
export function wordTerms(text: string): WordTerms[] {
  const words: WordTerms[] = [];
  for (const chunk of foldText(text).split(/\s+/u)) {
    const parts = chunk.match(ALPHANUMERIC);
    if (parts === null) continue;
    const joined: string[] = [];
    if (parts.length > 1) joined.push(parts.join(''));
    if (chunk.includes('*')) joined.push(`${parts.join('')}star`);
    words.push({ parts, joined });
  }
  return words;
}

/**
 * Every term of a field's text, for the index: parts and joined forms alike.
 * Abstracts, which hold nine in ten of the index's entries, leave out lone
 * letters, numbers and joined forms with digits (`epsilon72` from
 * `epsilon^{-7/2}`): noise nobody types, and a lean index loads faster.
 */
export function indexTerms(text: string, field?: string): string[] {
  const terms: string[] = [];
  const lean = field === 'abstract';
  for (const word of wordTerms(text.replace(URL, ' '))) {
    for (const term of word.parts) if (isSearchable(term) && !(lean && (term.length < 2 || /^\d+$/u.test(term)))) terms.push(term);
    for (const term of word.joined) if (isSearchable(term) && !(lean && /\d/u.test(term))) terms.push(term);
  }
  return terms;
}

/** False for stopwords and debris, which are neither indexed nor searched. */
export function isSearchable(term: string): boolean {
  return term.length > 0 && term.length <= MAX_TERM_LENGTH && !STOPWORDS.has(term);
}
