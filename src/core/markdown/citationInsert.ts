/**
 * Plans inserting a citation at every cursor of a note as one set of edits,
 * so the editor applies it as one undoable change.
 */
import { appendItemsEdit, newKeys, parseCitationGroups, type CitationGroup } from './citationGroup';
import {
  citationText,
  footnoteDefinitionsEdit,
  groupItem,
  PANDOC_STYLES,
  type CitablePaper,
  type CitationStyle,
  type CitationTextOptions,
} from './citationText';
import { maskNonProse } from './proseMask';
import { type OffsetRange, type TextEdit } from '../text/textEdit';

/** A letter, digit or underscore: a citation right after one needs a space. */
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

/** The edits for one insertion, and where each cursor ends up. */
export interface CitationInsertion {
  /** Non-overlapping edits in offsets of the original text, in document order. */
  readonly edits: readonly TextEdit[];
  /**
   * One selection per input selection, in the same order, as offsets in the
   * text after the edits: the first locator placeholder for the `locator`
   * style, otherwise just after the inserted citation (or where the cursor
   * was, when the group already cited every paper).
   */
  readonly selections: readonly OffsetRange[];
}

/** Where one selection's cursor lands: relative to an edit's new text, or an original offset. */
type Landing = { readonly edit: TextEdit; readonly range: OffsetRange } | { readonly offset: number };

/**
 * Inserts a citation of `papers` at every selection of `text`.
 *
 * - A selection inside a citation group (`[@x]`, `[see @x, p. 3]`) adds the
 *   papers the group does not cite yet to it (`[@x; @a]`), in the chosen
 *   Pandoc style (author-in-text becomes a plain item, since a group cannot
 *   hold one). Several cursors in one group add them once.
 * - A selection inside a group (say `@old` in `[@a; @old]`) is replaced by
 *   the new items: `[@a; @new]`.
 * - Link and footnote citations never go inside a group: inside one, they are
 *   written just after it.
 * - Otherwise the citation replaces the selection.
 * - A citation written just after a word is separated from it by a space
 *   (`see [@x]`, not `see[@x]`, which Pandoc does not read as a citation);
 *   a footnote reference stays attached (`word[^x]`).
 * - The footnote style also appends the definitions the note lacks.
 *
 * `leadingEdits` are edits of the note made in the same change (the
 * front-matter line naming the bibliography): they are returned with the
 * citation edits, before any citation edit at the same offset, and the
 * selections land past them.
 */
export function planCitationInsertion(
  text: string,
  selections: readonly OffsetRange[],
  papers: readonly CitablePaper[],
  style: CitationStyle,
  options: CitationTextOptions = {},
  leadingEdits: readonly TextEdit[] = [],
): CitationInsertion {
  if (papers.length === 0) return { edits: [...leadingEdits], selections: selections.map((s) => mapRange(s, leadingEdits)) };
  const masked = maskNonProse(text);
  const groups = parseCitationGroups(text, masked);
  const groupAround = (s: OffsetRange): CitationGroup | undefined =>
    groups.find((g) => g.start < s.start && s.start < g.end && g.start < s.end && s.end < g.end);

  const edits: TextEdit[] = [...leadingEdits];
  const leading = new Set<TextEdit>(leadingEdits);
  const mergedGroups = new Map<CitationGroup, Landing>();
  const landings: Landing[] = selections.map((selection) => {
    const group = groupAround(selection);
    if (group && PANDOC_STYLES.has(style) && selection.end > selection.start) {
      // A selection inside a group (a key the user means to change) is replaced by the new items.
      const itemStyle = style === 'authorInText' ? 'pandoc' : style;
      const items = newKeys(group, papers.map((p) => p.key)).map((key) => groupItem(key, itemStyle, options));
      if (items.length === 0) return { offset: selection.end };
      const edit: TextEdit = { ...selection, newText: items.map((item) => item.text).join('; ') };
      edits.push(edit);
      const first = items[0]?.placeholders[0];
      return { edit, range: first ?? { start: edit.newText.length, end: edit.newText.length } };
    }
    if (group && PANDOC_STYLES.has(style)) {
      const already = mergedGroups.get(group);
      if (already) return already;
      const itemStyle = style === 'authorInText' ? 'pandoc' : style;
      const items = newKeys(group, papers.map((p) => p.key)).map((key) => groupItem(key, itemStyle, options));
      const edit = appendItemsEdit(group, items.map((item) => item.text));
      let landing: Landing = { offset: selection.end };
      if (edit) {
        edits.push(edit);
        // `; ` precedes the first item; its placeholder, if any, is where the cursor goes.
        const first = items[0]?.placeholders[0];
        landing = { edit, range: first ? { start: first.start + 2, end: first.end + 2 } : { start: edit.newText.length, end: edit.newText.length } };
      }
      mergedGroups.set(group, landing);
      return landing;
    }
    const citation = citationText(papers, style, options);
    const at = group ? { start: group.end, end: group.end } : selection;
    const space = style !== 'footnote' && WORD_CHAR.test(text[at.start - 1] ?? '') ? ' ' : '';
    const edit: TextEdit = { ...at, newText: space + citation.text };
    edits.push(edit);
    const end = edit.newText.length;
    const placeholder = citation.placeholders[0];
    return { edit, range: placeholder ? { start: placeholder.start + space.length, end: placeholder.end + space.length } : { start: end, end } };
  });

  if (style === 'footnote') {
    const definitions = footnoteDefinitionsEdit(text, papers);
    if (definitions) edits.push(definitions);
  }
  // Stable sort: insertions at one offset keep the order they were planned in.
  const ordered = [...edits].sort((a, b) => a.start - b.start);
  const shiftBefore = (edit: TextEdit): number => {
    let delta = 0;
    for (const other of ordered) {
      if (other === edit) break;
      delta += other.newText.length - (other.end - other.start);
    }
    return delta;
  };
  const shiftAt = (offset: number): number => {
    let delta = 0;
    for (const other of ordered) {
      if (other.end <= offset && (other.start < offset || leading.has(other))) delta += other.newText.length - (other.end - other.start);
    }
    return delta;
  };
  return {
    edits: ordered,
    selections: landings.map((landing) => {
      if ('offset' in landing) {
        const offset = landing.offset + shiftAt(landing.offset);
        return { start: offset, end: offset };
      }
      const base = landing.edit.start + shiftBefore(landing.edit);
      return { start: base + landing.range.start, end: base + landing.range.end };
    }),
  };
}

/**
 * Where `range` (offsets of the text before `edits`) lies once they are
 * applied; an insertion at an offset pushes that offset on.
 */
export function mapRange(range: OffsetRange, edits: readonly TextEdit[]): OffsetRange {
  return { start: mapOffset(range.start, edits), end: mapOffset(range.end, edits) };
}

/** Where `offset` (of the text before `edits`) lands once they are applied; an edit at `offset` pushes it on. */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let result = offset;
  for (const e of edits) if (e.start <= offset) result += e.newText.length - (Math.min(e.end, offset) - e.start);
  return result;
}
