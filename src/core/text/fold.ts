/**
 * The one text fold Paper Atlas compares words with: compatibility
 * decomposition (NFKD, so the ligature `ﬃ` is `ffi` and `²` is `2`), accents
 * dropped, lower case. `TÜLU` → `tulu`, `eﬃcient` → `efficient`. The search
 * index, snippets, highlights and themes all fold with it, so a word found by
 * one is found by all.
 */

/** Folds `text` for comparison. */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII needs no normalisation, and most text is ASCII
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Folded text, with the way back to the text it came from. */
export interface FoldedText {
  readonly text: string;
  /**
   * For each UTF-16 unit of the folded text, the offset in the source of the
   * character it came from; one more entry at the end holds the source's length.
   */
  readonly sourceOffsets: readonly number[];
}

/**
 * Folds `source` one character at a time, keeping where each folded unit came
 * from, so a match found in the folded text can be shown on the words as
 * written (a highlight, a snippet). Characters that fold to nothing (a lone
 * combining accent) leave no unit behind.
 */
export function foldWithOffsets(source: string): FoldedText {
  let text = '';
  const sourceOffsets: number[] = [];
  let offset = 0;
  for (const char of source) {
    const folded = char < '\x80' ? char.toLowerCase() : foldText(char);
    text += folded;
    for (let i = 0; i < folded.length; i += 1) sourceOffsets.push(offset);
    offset += char.length;
  }
  sourceOffsets.push(source.length);
  return { text, sourceOffsets };
}
