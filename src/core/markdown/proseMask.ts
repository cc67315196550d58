/**
 * Blanks out the parts of a Markdown note where `@key` is not a citation:
 * YAML front matter, fenced and indented code blocks, code spans, HTML
 * comments, autolinks and backslash escapes. The citation scanner and the
 * group parser then read the masked text with plain string scanning, and
 * every offset in it is an offset in the note.
 *
 * This follows CommonMark/Pandoc block rules closely enough for citations,
 * not completely: it is not a Markdown parser.
 */
import { findFrontMatter } from './frontMatter';

/** Replaces `[start, end)` with spaces, keeping line breaks so lines and columns stay put. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = chars[i];
    if (c !== '\n' && c !== '\r') chars[i] = ' ';
  }
}

/** Width of leading whitespace with tabs to the next multiple of 4, as CommonMark counts it. */
function indentWidth(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === ' ') width++;
    else if (c === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

interface Fence {
  readonly char: string;
  readonly length: number;
}

/** Blanks front matter and code blocks, line by line. */
function maskBlocks(text: string, chars: string[]): void {
  const fm = findFrontMatter(text);
  let offset = 0;
  if (fm) {
    blank(chars, 0, fm.end);
    offset = fm.end;
  }
  let fence: Fence | undefined;
  let previousBlank = true;
  let inIndentedCode = false;
  /** Content indentation of the list item we are in, if any. */
  let listIndent: number | undefined;

  while (offset < text.length) {
    const lf = text.indexOf('\n', offset);
    const next = lf === -1 ? text.length : lf + 1;
    const line = text.slice(offset, lf === -1 ? text.length : lf).replace(/\r$/, '');
    const isBlank = line.trim() === '';
    // Fences inside block quotes and list items count too.
    const body = line.replace(/^(?:[ \t]*>)+/, '');

    if (fence) {
      blank(chars, offset, next);
      const close = /^[ \t]*(`+|~+)[ \t]*$/.exec(body);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else {
      const indent = indentWidth(line);
      const open = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(body);
      if (!isBlank && indent >= (listIndent ?? 0) + 4 && (previousBlank || inIndentedCode)) {
        inIndentedCode = true;
        blank(chars, offset, next);
      } else if (open?.[1] && !(open[1].startsWith('`') && open[2]?.includes('`'))) {
        // A backtick fence's info string cannot contain backticks (that is a code span).
        fence = { char: open[1][0] ?? '`', length: open[1].length };
        blank(chars, offset, next);
        inIndentedCode = false;
      } else if (!isBlank) {
        inIndentedCode = false;
        const item = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/.exec(line);
        if (item) {
          const spaces = item[3]?.length ?? 0;
          const marker = indentWidth(line) + (item[2]?.length ?? 1);
          // Five or more spaces after the marker start an indented code block inside the item.
          listIndent = marker + (spaces >= 1 && spaces <= 4 ? spaces : 1);
        } else if (listIndent !== undefined && previousBlank && indent < listIndent) {
          listIndent = undefined;
        }
      } else if (inIndentedCode) {
        blank(chars, offset, next);
      }
    }
    previousBlank = isBlank;
    offset = next;
  }
}

/** Offset of the blank line ending the paragraph that contains `from`, or the text's end. */
function paragraphEnd(text: string, from: number): number {
  const match = /\n[ \t]*\r?\n/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? found.index : text.length;
}

/**
 * The backtick runs of one stretch of text up to a blank line, by length, so
 * that finding the closer of a code span is a lookup rather than a scan.
 * Openers are met left to right, so each length's cursor only moves forward:
 * the whole pass stays linear however many runs a paragraph holds.
 */
class BacktickRuns {
  /** Offset of the blank line ending the stretch (or the text's end). */
  readonly end: number;
  private readonly starts = new Map<number, number[]>();
  private readonly cursors = new Map<number, number>();

  constructor(text: string, from: number) {
    this.end = paragraphEnd(text, from);
    for (let i = from; i < this.end; ) {
      if (text[i] !== '`') {
        i++;
        continue;
      }
      let k = i;
      while (text[k] === '`') k++;
      const length = k - i;
      let list = this.starts.get(length);
      if (!list) this.starts.set(length, (list = []));
      list.push(i);
      i = k;
    }
  }

  /** End of the first run of exactly `length` backticks starting at or after `from`, or -1. */
  closerAfter(from: number, length: number): number {
    const list = this.starts.get(length);
    if (!list) return -1;
    let index = this.cursors.get(length) ?? 0;
    while (index < list.length && (list[index] ?? Infinity) < from) index++;
    this.cursors.set(length, index);
    const start = list[index];
    return start === undefined ? -1 : start + length;
  }
}

/** Blanks inline constructs in what the block pass left: escapes, code spans, comments, autolinks. */
function maskInlines(masked: string, chars: string[]): void {
  let runs: BacktickRuns | undefined;
  let i = 0;
  while (i < masked.length) {
    const c = masked[i];
    if (c === '\\' && i + 1 < masked.length && /[!-/:-@[-`{-~]/.test(masked[i + 1] ?? '')) {
      blank(chars, i, i + 2);
      i += 2;
    } else if (c === '`') {
      let run = i;
      while (masked[run] === '`') run++;
      if (!runs || i >= runs.end) runs = new BacktickRuns(masked, i);
      const close = runs.closerAfter(run, run - i);
      if (close === -1) {
        i = run; // unmatched backticks are literal text
      } else {
        blank(chars, i, close);
        i = close;
      }
    } else if (masked.startsWith('<!--', i)) {
      const end = masked.indexOf('-->', i + 4);
      const stop = end === -1 ? masked.length : end + 3;
      blank(chars, i, stop);
      i = stop;
    } else if (c === '<') {
      const auto = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>/.exec(masked.slice(i, i + 2048));
      if (auto) {
        blank(chars, i, i + auto[0].length);
        i += auto[0].length;
      } else i++;
    } else i++;
  }
}

/**
 * The note with every region where Pandoc would not read a citation replaced
 * by spaces; line breaks are kept, so the result has the same length, lines
 * and columns as the note.
 */
export function maskNonProse(text: string): string {
  // UTF-16 code units, so offsets in the mask are offsets in the note.
  const chars = text.split('');
  maskBlocks(text, chars);
  const afterBlocks = chars.join('');
  maskInlines(afterBlocks, chars);
  return chars.join('');
}
