/**
 * Citation keys for Zotero items that have none of their own. Zotero 7 holds
 * a `citationKey` field, older setups keep `Citation Key: …` in Extra or in
 * Better BibTeX's database; an item with none of those still needs a key to
 * be cited, so one is made up as Better BibTeX's default formula would
 * roughly give it: the first author's family name, the year, and the first
 * meaningful title word, lower-case ASCII (`shelah1970hanf`).
 */
import { STOP_WORDS } from '../corpus/citationKeys';

/**
 * The key written on a `Citation Key: …` line of an item's Extra field (the
 * convention Zotero and Better BibTeX share for fields Zotero lacks), or
 * undefined. The first such line wins; a value with spaces is not a key.
 */
export function citationKeyFromExtra(extra: string): string | undefined {
  return extraValue(extra, 'citation key');
}

/**
 * The one-word value of an Extra line `Name: value` (name compared ignoring
 * case and spacing), as Zotero writes fields an item type lacks, e.g.
 * `DOI: 10.1000/xyz` on a book section. The first such line wins.
 */
export function extraValue(extra: string, name: string): string | undefined {
  const wanted = name.toLowerCase().replace(/\s+/g, '');
  for (const line of extra.split(/\r\n|\r|\n/)) {
    const match = /^\s*([^:]+?)\s*:\s*(\S+)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined && match[1].toLowerCase().replace(/\s+/g, '') === wanted) return match[2];
  }
  return undefined;
}

/** What the key formula needs to know about an item. */
export interface KeyFormulaInput {
  /** Family name of the first primary creator, or a single-field name. */
  readonly firstCreator?: string;
  /** Partial ISO date; only the year is used. */
  readonly date?: string;
  readonly title: string;
}

/** `authorYYYYtitleword`, before clashes are resolved; `item` when nothing usable is left. */
export function generatedKeyBase(input: KeyFormulaInput): string {
  const author = asciiWords(input.firstCreator ?? '')[0] ?? '';
  const year = /^(\d{4})/.exec(input.date ?? '')?.[1] ?? '';
  const word = asciiWords(input.title).find((w) => !STOP_WORDS.has(w)) ?? '';
  const base = `${author}${year}${word}`;
  return base === '' ? 'item' : base;
}

/**
 * Makes `base` unique against `taken` (compared ignoring case, as Pandoc and
 * BibTeX users expect) by appending `a`, `b`, … `z`, `aa`, …; adds the
 * result to `taken`.
 */
export function claimUniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 0; taken.has(key.toLowerCase()); n += 1) key = base + suffixLetters(n);
  taken.add(key.toLowerCase());
  return key;
}

/** 0 → a, 25 → z, 26 → aa, … */
function suffixLetters(n: number): string {
  let text = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) text = String.fromCharCode(97 + (i % 26)) + text;
  return text;
}

/** Accent-folded, lower-case words of `text` reduced to `[a-z0-9]`, empty ones dropped. */
function asciiWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[\s\-–—:;,.!?"'’/|()[\]{}]+/u)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '');
}
