/**
 * Offsets, positions and edits over plain strings. Every pure function in the
 * Markdown and bibliography modules answers with these shapes so the editor can
 * apply them as one undoable edit and the CLI can apply them to a string.
 *
 * Offsets and characters count UTF-16 code units, as JavaScript strings and
 * VS Code's `TextDocument.offsetAt` do; lines and characters are 0-based, as in
 * VS Code's `Position`.
 */

/** A half-open range `[start, end)` of offsets into one text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Replace `[start, end)` of the original text with `newText` (an insertion when start equals end). */
export interface TextEdit extends OffsetRange {
  readonly newText: string;
}

/** A 0-based line and character (UTF-16 code units) position. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/**
 * Applies edits that all refer to offsets in the original `text`.
 *
 * @throws RangeError when two edits overlap (insertions at the same offset are
 *   allowed and kept in the given order), or an edit lies outside the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`Edit [${edit.start}, ${edit.end}) overlaps another or lies outside the text`);
    }
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** Answers line/character positions for offsets of one text, with a line table built once. */
export class LineMap {
  /** Offset at which each line starts. */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        this.lineStarts.push(i + 1);
      } else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) {
        // A lone CR ends a line too, as VS Code treats it.
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The position of `offset`, clamped to the text. */
  positionAt(offset: number): LinePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** The offset of a position; a character past the line's end is clamped to it. */
  offsetAt(position: LinePosition): number {
    const line = Math.max(0, Math.min(position.line, this.lineStarts.length - 1));
    const start = this.lineStarts[line] ?? 0;
    const next = this.lineStarts[line + 1];
    let end = next ?? this.text.length;
    if (next !== undefined) {
      end -= this.text.charCodeAt(end - 2) === 0x0d && this.text.charCodeAt(end - 1) === 0x0a ? 2 : 1;
    }
    return Math.min(start + Math.max(0, position.character), end);
  }
}

/** The text's line ending: its first one, or `\n` when it has none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The edits that undo `edits` (offsets of `before`, non-overlapping) once
 * they are applied: each replaces what an edit wrote, in offsets of the
 * text after `edits`, with what it replaced.
 */
export function invertEdits(before: string, edits: readonly TextEdit[]): TextEdit[] {
  // The order applyEdits applies them in.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const inverse: TextEdit[] = [];
  let delta = 0;
  for (const edit of sorted) {
    const start = edit.start + delta;
    inverse.push({ start, end: start + edit.newText.length, newText: before.slice(edit.start, edit.end) });
    delta += edit.newText.length - (edit.end - edit.start);
  }
  return inverse;
}
