import { foldText, foldWithOffsets } from '../text/fold';

/** A piece of text, marked when it is a word the search matched. */
export interface TextRun {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * Splits `text` into plain and marked runs, marking whole words that start
 * with one of `terms`. Both sides are folded as the search index folds them,
 * so `tulu` marks `TÜLU` and `efficient` marks `eﬃcient`; the runs hold the
 * words as written. Terms shorter than two characters mark nothing.
 */
export function highlightRuns(text: string, terms: readonly string[]): TextRun[] {
  const words = terms.map((t) => foldText(t).trim()).filter((t) => t.length > 1);
  if (words.length === 0) return text === '' ? [] : [{ text, marked: false }];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'gu');
  const folded = foldWithOffsets(text);
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of folded.text.matchAll(pattern)) {
    const start = folded.sourceOffsets[match.index]!;
    const end = folded.sourceOffsets[match.index + match[0].length]!;
    if (start > last) runs.push({ text: text.slice(last, start), marked: false });
    runs.push({ text: text.slice(start, end), marked: true });
    last = end;
  }
  if (last < text.length) runs.push({ text: text.slice(last), marked: false });
  return runs;
}
