import { foldText } from '../text/fold';
import { STOPWORDS } from './stopwords';

/** One word of a paper's text, as the theme builder sees it. */
export interface Word {
  /** The word as written, e.g. `LLMs`, `Bi-Level`. */
  readonly surface: string;
  /** Accent-folded, lower-case, light-stemmed form used to compare words. */
  readonly stem: string;
  /** True for function words and stock abstract vocabulary. */
  readonly stop: boolean;
  /** Index of the run of text between punctuation the word sits in; phrases never cross runs. */
  readonly segment: number;
  /** False for the second and later parts of a split compound (`Objective` in `Multi-Objective`). */
  readonly startsUnit: boolean;
  /** False for all but the last part of a split compound. */
  readonly endsUnit: boolean;
  /** Offsets of the word in the text it came from, for reading phrases back as written. */
  readonly start: number;
  readonly end: number;
}


/**
 * Strips plural endings so `agents`/`agent` and `LLMs`/`LLM` count as one
 * word. Deliberately lighter than Porter: labels are read back from the
 * surface forms, and `reasoning` must stay apart from `reason`.
 */
export function stemWord(folded: string): string {
  if (folded.length > 4 && folded.endsWith('ies')) return `${folded.slice(0, -3)}y`;
  if (folded.length > 4 && /(?:sses|xes|ches|shes)$/.test(folded)) return folded.slice(0, -2);
  if (folded.length > 3 && folded.endsWith('s') && !/(?:ss|us|is|ys)$/.test(folded)) return folded.slice(0, -1);
  return folded;
}

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const BOILERPLATE = /\bstate[- ]of[- ]the[- ]art\b/giu;
// A word is a run of letters and digits, possibly joined by hyphens or apostrophes.
const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[.,;:!?()[\]{}"“”]/gu;

/**
 * Splits a text into words. A hyphenated compound stays one word when its
 * joined spelling is one the caller knows (`Bi-Level` ≡ `bilevel`), and splits
 * into its parts otherwise (`Multi-Objective` → `Multi`, `Objective`), so both
 * spellings of one term meet.
 */
export function extractWords(text: string, joinedVocabulary: ReadonlySet<string>, stems: Map<string, WordForm> = new Map()): Word[] {
  const words: Word[] = [];
  let segment = 0;
  // Same-length replacements keep offsets valid against the original text.
  const blank = (match: string): string => `.${' '.repeat(match.length - 1)}`;
  const cleaned = text.replace(URL, blank).replace(BOILERPLATE, blank);
  for (const match of cleaned.matchAll(TOKEN)) {
    const token = match[0];
    if (!/[\p{L}\p{N}]/u.test(token)) {
      segment += 1;
      continue;
    }
    const start = match.index;
    const bare = token.replace(/['’]s$/iu, '');
    const parts = bare.split(/[-'’]/u);
    if (parts.length === 1 || joinedVocabulary.has(foldText(parts.join('')))) {
      words.push(makeWord(bare, segment, start, true, true, stems));
    } else {
      let offset = start;
      parts.forEach((part, index) => {
        words.push(makeWord(part, segment, offset, index === 0, index === parts.length - 1, stems));
        offset += part.length + 1;
      });
    }
  }
  return words;
}

/** What a spelling stems to; cached per build since most words recur. */
export interface WordForm {
  readonly stem: string;
  readonly stop: boolean;
}

function makeWord(surface: string, segment: number, start: number, startsUnit: boolean, endsUnit: boolean, stems: Map<string, WordForm>): Word {
  let form = stems.get(surface);
  if (form === undefined) {
    const folded = foldText(surface.replace(/[-'’]/gu, ''));
    const stem = stemWord(folded);
    form = { stem, stop: STOPWORDS.has(folded) || STOPWORDS.has(stem) || folded.length < 2 || /^\d+$/.test(folded) };
    stems.set(surface, form);
  }
  return { surface, stem: form.stem, stop: form.stop, segment, startsUnit, endsUnit, start, end: start + surface.length };
}

/** The folded spellings of every unhyphenated word in the texts; feed to {@link extractWords}. */
export function plainVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/(?<![-\p{L}\p{N}])[\p{L}\p{N}]+(?![-\p{L}\p{N}])/gu)) {
      vocabulary.add(foldText(match[0]));
    }
  }
  return vocabulary;
}
