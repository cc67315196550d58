/**
 * The YAML front matter of a Markdown note, read as far as Paper Atlas needs:
 * where the block is, which bibliography files it names, and the edit that
 * names `references.json` when it names none.
 *
 * This is deliberately not a YAML parser. Pandoc reads the same block with a
 * full one, so Paper Atlas only has to read the `bibliography` field in the
 * shapes people write (plain or quoted scalar, flow or block list) and must
 * never rewrite anything else the user wrote.
 */
import { detectEol, type OffsetRange, type TextEdit } from '../text/textEdit';

/** Where a note's front matter lies. */
export interface FrontMatter {
  /** Offset of the opening `---` (after a byte order mark, if any). */
  readonly start: number;
  /** Offset just past the closing delimiter line, including its line break. */
  readonly end: number;
  /** Offset of the first line after the opening delimiter. */
  readonly contentStart: number;
  /** Offset of the closing delimiter line (`---` or `...`). */
  readonly contentEnd: number;
}

/** One path named by `bibliography:`, with where it is written. */
export interface BibliographyPathRef extends OffsetRange {
  /** The path as YAML reads it (quotes removed, escapes resolved). */
  readonly path: string;
}

/** The `bibliography` field of a note's front matter. */
export interface BibliographyField {
  /** The paths, in the order written; empty for `bibliography:` with no value, `~`, `null`, `""` or `[]`. */
  readonly paths: readonly BibliographyPathRef[];
  /**
   * The field's value: from just after the colon to the end of the last value
   * token (comments excluded). Replacing it replaces the whole value.
   */
  readonly value: OffsetRange;
  /** Range of the key (`bibliography`) itself, for diagnostics about the field as a whole. */
  readonly key: OffsetRange;
}

interface Line {
  readonly start: number;
  /** End of the line's content, before its line break. */
  readonly end: number;
  /** Start of the next line (after the line break). */
  readonly next: number;
}

function* linesFrom(text: string, from: number, to: number = text.length): Generator<Line> {
  let start = from;
  while (start < to) {
    const lf = text.indexOf('\n', start);
    const next = lf === -1 || lf >= to ? to : lf + 1;
    let end = lf === -1 || lf >= to ? to : lf;
    if (end > start && text[end - 1] === '\r') end--;
    yield { start, end, next };
    start = next;
  }
}

const BOM = '\ufeff';

/**
 * Finds the YAML front matter at the top of a note, following Pandoc: a line
 * `---` at the very start (after a byte order mark) not followed by a blank
 * line, up to a line `---` or `...`. An unclosed block is not front matter
 * (Pandoc reads it as a horizontal rule), so this returns `undefined`.
 */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const start = text.startsWith(BOM) ? 1 : 0;
  const lines = linesFrom(text, start);
  const first = lines.next();
  if (first.done || !/^---[ \t]*$/.test(text.slice(first.value.start, first.value.end))) return undefined;
  if (first.value.next === first.value.end) return undefined; // `---` with no line break: nothing follows
  let isFirstContentLine = true;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (isFirstContentLine && content.trim() === '') return undefined;
    isFirstContentLine = false;
    if (/^(---|\.\.\.)[ \t]*$/.test(content)) {
      return { start, end: line.next, contentStart: first.value.next, contentEnd: line.start };
    }
  }
  return undefined;
}

/** Offset of a YAML comment (` #…`) on `line`, ignoring `#` inside quotes; `end` when there is none. */
function commentStart(text: string, start: number, end: number): number {
  let quote: string | undefined;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A quote only opens a quoted scalar at the start of a token.
      const before = i === start ? ' ' : text[i - 1];
      if (before === undefined || /[\s[,:-]/.test(before)) quote = c;
    } else if (c === '#' && (i === start || /\s/.test(text[i - 1] ?? ' '))) {
      return i;
    }
  }
  return end;
}

/** Trims `[start, end)` to its non-blank part. */
function trimRange(text: string, start: number, end: number): OffsetRange {
  while (start < end && /[ \t]/.test(text[start] ?? '')) start++;
  while (end > start && /[ \t]/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

/** Reads one scalar token written in `[start, end)` (already trimmed): plain, single- or double-quoted. */
function readScalar(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  if (raw === '' || raw === '~' || /^null$/i.test(raw)) return undefined;
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return raw.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, esc: string) => {
      if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
      return { n: '\n', t: '\t', r: '\r', '0': '\0' }[esc] ?? esc;
    });
  }
  return raw;
}

function scalarRef(text: string, start: number, end: number): BibliographyPathRef | undefined {
  const range = trimRange(text, start, end);
  const path = readScalar(text, range.start, range.end);
  return path === undefined || path === '' ? undefined : { path, ...range };
}

/** Splits a flow sequence body on commas that are outside quotes. */
function flowItems(text: string, start: number, end: number): BibliographyPathRef[] {
  const refs: BibliographyPathRef[] = [];
  let itemStart = start;
  let quote: string | undefined;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i] : ',';
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && text.slice(itemStart, i).trim() === '') {
      quote = c;
    } else if (c === ',') {
      // A flow list may span lines; a comment may close any of them.
      const parts = text.slice(itemStart, i).replace(/(^|\s)#[^\n]*/g, (m) => ' '.repeat(m.length));
      const leading = parts.length - parts.trimStart().length;
      const ref = scalarRef(text, itemStart + leading, itemStart + parts.trimEnd().length);
      if (ref) refs.push(ref);
      itemStart = i + 1;
    }
  }
  return refs;
}

/** Finds the `]` closing a flow sequence opened at `open`, skipping quoted text. */
function closingBracket(text: string, open: number, limit: number): number | undefined {
  let quote: string | undefined;
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return undefined;
}

/**
 * Reads the `bibliography` field of the note's front matter, or `undefined`
 * when the note has no front matter or the front matter has no such
 * top-level key.
 */
export function readBibliographyField(text: string): BibliographyField | undefined {
  const fm = findFrontMatter(text);
  if (!fm) return undefined;
  const lines = [...linesFrom(text, fm.contentStart, fm.contentEnd)];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!line) break;
    const match = /^(bibliography|"bibliography"|'bibliography')[ \t]*:(?=[ \t]|$)/.exec(text.slice(line.start, line.end));
    if (!match) continue;
    const key = { start: line.start, end: line.start + match[1]!.length };
    const afterColon = line.start + match[0].length;
    const inline = trimRange(text, afterColon, commentStart(text, afterColon, line.end));

    if (text[inline.start] === '[') {
      const close = closingBracket(text, inline.start, fm.contentEnd);
      if (close === undefined) return { paths: [], value: { start: afterColon, end: inline.end }, key };
      return { paths: flowItems(text, inline.start + 1, close), value: { start: afterColon, end: close + 1 }, key };
    }
    if (text[inline.start] === '|' || text[inline.start] === '>') {
      // A block scalar: the path is the following, more indented lines, joined.
      const folded = text[inline.start] === '>';
      const parts: OffsetRange[] = [];
      for (const next of lines.slice(index + 1)) {
        if (next.end > next.start && !/^[ \t]/.test(text[next.start] ?? '')) break;
        const range = trimRange(text, next.start, next.end);
        if (range.end > range.start) parts.push(range);
      }
      const last = parts.at(-1);
      const first = parts[0];
      if (!first || !last) return { paths: [], value: { start: afterColon, end: inline.end }, key };
      const path = parts.map((r) => text.slice(r.start, r.end)).join(folded ? ' ' : '\n');
      return { paths: [{ path, start: first.start, end: last.end }], value: { start: afterColon, end: last.end }, key };
    }
    if (inline.end > inline.start) {
      const ref = scalarRef(text, inline.start, inline.end);
      return { paths: ref ? [ref] : [], value: { start: afterColon, end: inline.end }, key };
    }
    // Nothing on the key's line: a block list may follow, indented or not.
    const paths: BibliographyPathRef[] = [];
    let valueEnd = afterColon;
    for (const next of lines.slice(index + 1)) {
      const content = text.slice(next.start, next.end);
      if (content.trim() === '' || /^[ \t]*#/.test(content)) continue;
      const item = /^([ \t]*)-(?:[ \t]+|$)/.exec(content);
      if (!item) break;
      const itemStart = next.start + item[0].length;
      const range = trimRange(text, itemStart, commentStart(text, itemStart, next.end));
      const ref = scalarRef(text, range.start, range.end);
      if (ref) paths.push(ref);
      valueEnd = Math.max(range.end, next.start + item[0].trimEnd().length);
    }
    return { paths, value: { start: afterColon, end: valueEnd }, key };
  }
  return undefined;
}

/** The bibliography paths the note's front matter names, in order; empty when it names none. */
export function bibliographyPaths(text: string): string[] {
  return readBibliographyField(text)?.paths.map((ref) => ref.path) ?? [];
}

/** Writes `value` as a YAML scalar: plain when that reads back unchanged, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plainSafe = /^[\p{L}\p{N}_./][\p{L}\p{N}_./ ()+-]*$/u.test(value) && !value.endsWith(' ');
  const special = /^(null|~|true|false|yes|no|on|off|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value);
  return plainSafe && !special ? value : JSON.stringify(value);
}

/**
 * The edit that makes the note's front matter name `path` as its bibliography,
 * or `undefined` when it already names one or more bibliographies.
 *
 * - Front matter without the field: a `bibliography:` line is added just
 *   before the closing delimiter.
 * - A field with no value (`bibliography:`, `~`, `[]`…): the value is set.
 * - No front matter: a block is created at the top (after a byte order mark),
 *   separated from the existing text by a blank line.
 *
 * The edit uses the note's own line ending.
 */
export function addBibliographyEdit(text: string, path = 'references.json'): TextEdit | undefined {
  const eol = detectEol(text);
  const scalar = yamlScalar(path);
  const field = readBibliographyField(text);
  if (field) {
    if (field.paths.length > 0) return undefined;
    return { ...field.value, newText: ` ${scalar}` };
  }
  const fm = findFrontMatter(text);
  if (fm) {
    return { start: fm.contentEnd, end: fm.contentEnd, newText: `bibliography: ${scalar}${eol}` };
  }
  const at = text.startsWith(BOM) ? 1 : 0;
  const rest = text.slice(at);
  const separator = rest.trim() === '' ? '' : rest.startsWith('\n') || rest.startsWith('\r\n') ? '' : eol;
  return { start: at, end: at, newText: `---${eol}bibliography: ${scalar}${eol}---${eol}${separator}` };
}
