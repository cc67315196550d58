/**
 * How text becomes search terms. The index and the queries share these
 * functions, so that `TÜLU`, `A^2FM` and `C^3-Bench` are found as typed.
 */

/** Words too common to search for; dropped from the index and from queries alike. */
const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in is it its of on or our that the their this to was we were which with'.split(' '),
);

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const ALPHANUMERIC = /[\p{L}\p{N}]+/gu;
/** Longer terms are URLs or LaTeX debris, not words anyone types. */
const MAX_TERM_LENGTH = 40;

/**
 * Accent-folds and lower-cases (`TÜLU` → `tulu`, `Ø` stays a letter). Exported
 * so that a view can fold a title the same way before highlighting hit terms.
 */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII needs no normalisation, and most text is ASCII
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

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

/** Every term of a field's text, for the index: parts and joined forms alike. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordTerms(text.replace(URL, ' '))) {
    for (const term of [...word.parts, ...word.joined]) if (isSearchable(term)) terms.push(term);
  }
  return terms;
}

/** False for stopwords and debris, which are neither indexed nor searched. */
export function isSearchable(term: string): boolean {
  return term.length > 0 && term.length <= MAX_TERM_LENGTH && !STOPWORDS.has(term);
}
