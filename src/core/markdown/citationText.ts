/**
 * The text a citation is written as, per style: Pandoc's forms for people who
 * render with `pandoc --citeproc`, and a Markdown link or a footnote for
 * people who do not.
 */
import { escapeMarkdown } from '../text/markdownEscape';
import { type Paper } from '../paper';
import { formatKey } from './citationKey';
import { maskNonProse } from './proseMask';
import { detectEol, type OffsetRange, type TextEdit } from '../text/textEdit';

/**
 * - `pandoc`: `[@a]`, `[@a; @b]`
 * - `authorInText`: `@a`, `@a and @b`, `@a, @b and @c`
 * - `suppressAuthor`: `[-@a]`, `[-@a; -@b]`
 * - `locator`: `[@a, p. ]`, `[@a, p. ; @b, p. ]`, the cursor left on each locator
 * - `link`: `[Title](#ref-a)`
 * - `footnote`: `[^a]`, with `[^a]: Title. Org, 2024.` appended to the note
 */
export type CitationStyle = 'pandoc' | 'authorInText' | 'suppressAuthor' | 'locator' | 'link' | 'footnote';

/** The styles that write Pandoc citation syntax (and so can join a citation group). */
export const PANDOC_STYLES: ReadonlySet<CitationStyle> = new Set(['pandoc', 'authorInText', 'suppressAuthor', 'locator']);

/** What a citation needs to know about a paper. */
export type CitablePaper = Pick<Paper, 'key' | 'title' | 'org' | 'date'>;

export interface CitationTextOptions {
  /**
   * The locator written by the `locator` style. Default `p. `: the page label,
   * with the cursor left after it for the page number.
   */
  readonly locator?: string;
  /** Joins the last two author-in-text citations. Default `and`. */
  readonly conjunction?: string;
  /** The target of a `link` citation. Default `#ref-<key>` (see {@link defaultLinkTarget}). */
  readonly linkTarget?: (paper: CitablePaper) => string;
}

/** A citation's text, and where in it the user types next. */
export interface CitationText {
  readonly text: string;
  /**
   * Ranges in `text` the user fills in, in order: each locator of the
   * `locator` style, as an empty range after a label-only locator such as
   * `p. ` and as the whole locator otherwise. Empty for the other styles.
   */
  readonly placeholders: readonly OffsetRange[];
}

/**
 * The link target a `link` citation uses unless told otherwise: `#ref-<key>`.
 * It is stable (keys never change once assigned), needs no network, and is
 * the anchor Pandoc's citeproc gives each entry of the reference list in
 * HTML output, so the link lands on the reference when the note is rendered.
 */
export function defaultLinkTarget(paper: CitablePaper): string {
  return `#ref-${paper.key}`;
}

/** Writes a link destination, in angle brackets when it has characters a bare one cannot hold. */
function linkDestination(target: string): string {
  return /[\s()<>]/.test(target) ? `<${target.replace(/[<>\\]/g, '\\$&')}>` : target;
}

function joinInText(parts: readonly string[], conjunction: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts.at(-1) ?? ''}`;
}

/**
 * Writes the citation item for one key inside a group (`@a`, `-@a`,
 * `@a, p. `), with the placeholder's range relative to the item.
 */
export function groupItem(key: string, style: CitationStyle, options: CitationTextOptions = {}): CitationText {
  const cite = formatKey(key);
  if (style === 'suppressAuthor') return { text: `-${cite}`, placeholders: [] };
  if (style === 'locator') {
    const locator = options.locator ?? 'p. ';
    const start = cite.length + 2;
    const labelOnly = /\s$/.test(locator);
    return {
      text: `${cite}, ${locator}`,
      placeholders: [labelOnly ? { start: start + locator.length, end: start + locator.length } : { start, end: start + locator.length }],
    };
  }
  return { text: cite, placeholders: [] };
}

/** The citation text for `papers` in `style`; `papers` must not be empty. */
export function citationText(papers: readonly CitablePaper[], style: CitationStyle, options: CitationTextOptions = {}): CitationText {
  if (papers.length === 0) throw new RangeError('A citation needs at least one paper');
  switch (style) {
    case 'authorInText':
      return { text: joinInText(papers.map((p) => formatKey(p.key)), options.conjunction ?? 'and'), placeholders: [] };
    case 'link': {
      const target = options.linkTarget ?? defaultLinkTarget;
      const text = papers.map((p) => `[${escapeMarkdown(p.title)}](${linkDestination(target(p))})`).join(', ');
      return { text, placeholders: [] };
    }
    case 'footnote':
      return { text: papers.map((p) => `[^${p.key}]`).join(''), placeholders: [] };
    case 'pandoc':
    case 'suppressAuthor':
    case 'locator': {
      let text = '[';
      const placeholders: OffsetRange[] = [];
      papers.forEach((paper, index) => {
        if (index > 0) text += '; ';
        const item = groupItem(paper.key, style, options);
        for (const p of item.placeholders) placeholders.push({ start: text.length + p.start, end: text.length + p.end });
        text += item.text;
      });
      return { text: `${text}]`, placeholders };
    }
  }
}

/** The footnote definition for a paper: `[^key]: Title. Organisation, 2024.` */
export function footnoteDefinition(paper: CitablePaper): string {
  const title = escapeMarkdown(paper.title.trim());
  const details = [paper.org?.name, paper.date?.slice(0, 4)].filter((part): part is string => !!part).map(escapeMarkdown);
  const sentence = /[.!?]$/.test(title) ? title : `${title}.`;
  return `[^${paper.key}]: ${sentence}${details.length > 0 ? ` ${details.join(', ')}.` : ''}`;
}

/** The footnote labels the note defines (`[^label]:` at a line's start), lower-cased. */
export function definedFootnotes(text: string): Set<string> {
  const masked = maskNonProse(text);
  const labels = new Set<string>();
  for (const match of masked.matchAll(/^ {0,3}\[\^([^\]\s]+)\]:/gm)) {
    if (match[1]) labels.add(match[1].toLowerCase());
  }
  return labels;
}

/**
 * The edit that appends footnote definitions for `papers` at the end of the
 * note, after a blank line, skipping papers whose footnote the note already
 * defines (labels compare case-insensitively, as Pandoc's do) and repeats;
 * `undefined` when there is nothing to add. Uses the note's line ending.
 */
export function footnoteDefinitionsEdit(text: string, papers: readonly CitablePaper[]): TextEdit | undefined {
  const defined = definedFootnotes(text);
  const definitions: string[] = [];
  for (const paper of papers) {
    const label = paper.key.toLowerCase();
    if (defined.has(label)) continue;
    defined.add(label);
    definitions.push(footnoteDefinition(paper));
  }
  if (definitions.length === 0) return undefined;
  const eol = detectEol(text);
  const trailing = /(\r?\n)*$/.exec(text)?.[0] ?? '';
  const lineBreaks = trailing.split('\n').length - 1;
  const lead = text.length === 0 ? '' : eol.repeat(Math.max(0, 2 - lineBreaks));
  return { start: text.length, end: text.length, newText: lead + definitions.join(eol) + eol };
}
