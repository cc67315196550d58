/** Folds case and accents so `tulu` finds `TÜLU`. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The part of an abstract around the first matched term, about `width`
 * characters, cut at word boundaries with ellipses where it was cut. Without
 * a match, the opening of the abstract.
 */
export function abstractSnippet(abstract: string, terms: readonly string[], width = 160): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  if (text.length <= width) return text;
  // Fold one code point to exactly one UTF-16 unit so offsets in the folded
  // text are offsets in `chars`.
  const chars = [...text];
  // The picker snippets 50 abstracts per keystroke; folding each character with
  // normalize() cost ~20 ms at p95. ASCII folds by toLowerCase, one unit to one.
  const folded = !/[^\x20-\x7e]/.test(text) ? text.toLowerCase() : chars.map((c) => (c < '\x80' ? c.toLowerCase() : foldText(c).charAt(0) || ' ')).join('');
  let hit = -1;
  for (const term of terms) {
    const needle = foldText(term).trim();
    if (needle.length < 2) continue;
    const found = new RegExp(`(^|[^\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').exec(folded);
    if (found && (hit === -1 || found.index < hit)) hit = found.index + found[1]!.length;
  }
  if (hit === -1) return `${cutAtWord(chars.slice(0, width).join(''), 'end')}…`;
  const start = Math.max(0, hit - Math.floor(width / 3));
  const end = Math.min(chars.length, start + width);
  let snippet = chars.slice(start, end).join('');
  if (start > 0) snippet = `…${cutAtWord(snippet, 'start')}`;
  if (end < chars.length) snippet = `${cutAtWord(snippet, 'end')}…`;
  return snippet;
}

function cutAtWord(text: string, side: 'start' | 'end'): string {
  if (side === 'start') {
    const space = text.indexOf(' ');
    return space > 0 && space < 20 ? text.slice(space + 1) : text;
  }
  const space = text.lastIndexOf(' ');
  return space > text.length - 20 ? text.slice(0, space) : text;
}
