/**
 * Finds every Pandoc citation key in a Markdown note, where Pandoc would read
 * one: not in front matter, code, HTML comments, autolinks or e-mail addresses.
 */
import { mayStartCitation, parseKeyAfterAt } from './citationKey';
import { maskNonProse } from './proseMask';
import { LineMap } from '../text/textEdit';

/** One citation key as written in a note. */
export interface CitationOccurrence {
  /** The key, without `@` or braces. */
  readonly key: string;
  /** Offset of the `@`. */
  readonly start: number;
  /** Offset just past the key (past `}` for `@{…}`). */
  readonly end: number;
  /** 0-based line of the `@`. */
  readonly line: number;
  /** 0-based character of the `@` on its line (UTF-16 code units). */
  readonly col: number;
  /** 0-based character just past the key; a key never spans lines. */
  readonly endCol: number;
  /** Whether the key is written `-@key` (author suppressed). */
  readonly suppressAuthor: boolean;
}

/**
 * Every citation key in the note, in document order.
 *
 * @param masked the note already passed through {@link maskNonProse}, when the
 *   caller has it; it must come from `text`.
 */
export function scanCitations(text: string, masked: string = maskNonProse(text)): CitationOccurrence[] {
  const lines = new LineMap(text);
  const found: CitationOccurrence[] = [];
  for (let at = masked.indexOf('@'); at !== -1; at = masked.indexOf('@', at + 1)) {
    if (!mayStartCitation(masked, at)) continue;
    const parsed = parseKeyAfterAt(masked, at);
    if (!parsed) continue;
    const position = lines.positionAt(at);
    found.push({
      key: parsed.key,
      start: at,
      end: parsed.end,
      line: position.line,
      col: position.character,
      endCol: position.character + (parsed.end - at),
      suppressAuthor: masked[at - 1] === '-',
    });
    at = parsed.end - 1;
  }
  return found;
}

/** The citation whose `@key` contains or touches `offset`, e.g. for hover and completion. */
export function citationAt(text: string, offset: number): CitationOccurrence | undefined {
  return scanCitations(text).find((c) => c.start <= offset && offset <= c.end);
}
