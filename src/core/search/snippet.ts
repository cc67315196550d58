import { foldText, foldWithOffsets } from '../text/fold';

/**
 * The part of an abstract around the first matched term, about `width`
 * characters, cut at word boundaries with ellipses where it was cut. Without
 * a match, the opening of the abstract. Terms match on folded text (`tulu`
 * finds `TÜLU`, `efficient` finds `eﬃcient`); the snippet shows the words as
 * written.
 */
export function abstractSnippet(abstract: string, terms: readonly string[], width = 160): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  if (text.length <= width) return text;
  // Slices go by code point, so a cut never splits a surrogate pair.
  const chars = [...text];
  const hit = firstMatch(text, terms);
  if (hit === -1) return `${cutAtWord(chars.slice(0, width).join(''), 'end')}…`;
  const hitChar = [...text.slice(0, hit)].length;
  const start = Math.max(0, hitChar - Math.floor(width / 3));
  const end = Math.min(chars.length, start + width);
  let snippet = chars.slice(start, end).join('');
  if (start > 0) snippet = `…${cutAtWord(snippet, 'start')}`;
  if (end < chars.length) snippet = `${cutAtWord(snippet, 'end')}…`;
  return snippet;
}

/** The source offset of the earliest word that starts with one of `terms`, or -1. */
function firstMatch(text: string, terms: readonly string[]): number {
  const needles = terms.map((term) => foldText(term).trim()).filter((needle) => needle.length >= 2);
  if (needles.length === 0) return -1;
  // The picker snippets 50 abstracts per keystroke: ASCII text folds by toLowerCase, one unit to one.
  // eslint-disable-next-line no-control-regex -- the ASCII fast path
  const ascii = /^[\x00-\x7f]*$/.test(text);
  const folded = ascii ? { text: text.toLowerCase(), sourceOffsets: undefined } : foldWithOffsets(text);
  let hit = -1;
  for (const needle of needles) {
    const found = new RegExp(`(^|[^\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').exec(folded.text);
    if (found && (hit === -1 || found.index + found[1]!.length < hit)) hit = found.index + found[1]!.length;
  }
  return hit === -1 || !folded.sourceOffsets ? hit : folded.sourceOffsets[hit]!;
}

function cutAtWord(text: string, side: 'start' | 'end'): string {
  if (side === 'start') {
    const space = text.indexOf(' ');
    return space > 0 && space < 20 ? text.slice(space + 1) : text;
  }
  const space = text.lastIndexOf(' ');
  return space > text.length - 20 ? text.slice(0, space) : text;
}
