/**
 * How copies of one paper are recognised across listings, and the id that
 * names the paper everywhere (the key lock file, themes, the search index).
 */
import { foldText } from '../text/fold';

/**
 * Reduces a title to what identifies the paper: accents folded (`TÜLU` →
 * `tulu`), lower case, and every character that is not a letter or digit
 * dropped, so case, punctuation and spacing differences between listings
 * (`ARPO:End-to-End` / `ARPO: End to End`) do not split a paper in two.
 */
export function normaliseTitle(title: string): string {
  return foldText(title).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The stable id of the paper with this title: 12 hex digits of the 64-bit
 * FNV-1a hash of {@link normaliseTitle}. A pure function of the title, so it
 * survives rebuilds, source reordering and new listings; 48 bits keep the
 * chance of a clash among a few thousand papers near one in a hundred million
 * (and {@link mergeEntries} refuses to build if one happens).
 */
export function paperIdForTitle(title: string): string {
  return fnv1a64(normaliseTitle(title)).slice(0, 12);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a over UTF-16 code units: tiny, dependency-free and identical in Node and the browser. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
