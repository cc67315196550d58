/**
 * Blanks out the parts of a Markdown note where Pandoc would not read
 * `@key` as a citation, so the citation scanner and the group parser can
 * read what is left with plain string scanning: every offset in the result
 * is an offset in the note.
 *
 * The note's block and inline structure comes from micromark, a CommonMark
 * parser that reports where each construct lies. What Pandoc's Markdown adds
 * or reads differently is handled around it:
 *
 * - YAML metadata blocks, at the top and further down, are Pandoc's rules
 *   (see `frontMatter.ts`), so they are blanked before micromark sees them
 *   (micromark-extension-frontmatter only knows the top one, and not Pandoc's
 *   conditions on it).
 * - An HTML comment that is never closed is text to Pandoc, while CommonMark
 *   lets it run to the end of the note; its `<!--` is hidden from micromark.
 * - Raw HTML blocks: Pandoc reads the Markdown between block tags, so only
 *   the tags (with their attributes) are blanked, except in `<script>`,
 *   `<style>`, `<pre>` and `<textarea>`, comments and declarations.
 * - Footnote definitions `[^x]:` are prose (CommonMark may read one as a link
 *   reference definition).
 * - TeX math (`$…$`, `$$…$$`), raw TeX (`\cmd{…}`, `\begin{env}…\end{env}`),
 *   attributes (`{#id .class key="…"}` after a heading, link, image, span or
 *   code, and fenced-div lines) and example-list labels `(@label)` are found
 *   in what micromark leaves as prose.
 */
// micromark is ESM only; esbuild bundles it and tsx loads it, but TypeScript's
// Node16 resolution refuses a static import of it from this CommonJS project.
// @ts-expect-error TS1479: the import is resolved by the bundler, not by require()
import { parse, postprocess, preprocess } from 'micromark';
import { findMetadataBlocks } from './frontMatter';

/**
 * Which UTF-16 code units of the note are hidden. Flags rather than an array
 * of one-character strings: a note of a megabyte would otherwise make a
 * million strings per keystroke for the garbage collector.
 */
class Mask {
  private readonly hidden: Uint8Array;

  constructor(private readonly text: string) {
    this.hidden = new Uint8Array(text.length);
  }

  /** Hides `[start, end)`. */
  hide(start: number, end: number): void {
    this.hidden.fill(1, Math.max(0, start), Math.min(this.text.length, end));
  }

  /** The note with hidden code units replaced by spaces, line breaks kept so lines and columns stay put. */
  render(): string {
    const parts: string[] = [];
    const n = this.text.length;
    for (let start = 0; start < n; ) {
      const flag = this.hidden[start];
      let end = start + 1;
      while (end < n && this.hidden[end] === flag) end++;
      const part = this.text.slice(start, end);
      parts.push(flag ? part.replace(/[^\r\n]/g, ' ') : part);
      start = end;
    }
    return parts.join('');
  }
}

/** micromark tokens whose whole extent Pandoc reads as something other than prose. */
const OPAQUE = new Set([
  'codeFenced',
  'codeIndented',
  'codeText',
  'htmlText',
  'autolink',
  'characterEscape',
  'characterReference',
  'resourceDestination',
  'resourceTitle',
  'reference',
]);

/** HTML blocks whose content Pandoc keeps raw. */
const RAW_HTML_BLOCK = /^[ \t]*<(?:(?:script|style|pre|textarea)\b|!--|\?|![A-Za-z]|!\[CDATA\[)/i;
/** One HTML tag, with quoted attribute values that may hold `>`. */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<!--[\s\S]*?-->/g;

/**
 * Whether indented lines at `start` continue a footnote (`[^x]: …` above,
 * past blank lines and other indented lines) or a definition list item
 * (`:   …`): Pandoc reads them as its next paragraphs, CommonMark as
 * indented code.
 */
function continuesNote(source: string, start: number): boolean {
  let lineEnd = source.lastIndexOf('\n', start - 1);
  let first: string | undefined;
  let definition = false;
  // Looking back a bounded number of lines keeps this linear.
  for (let lines = 0; lineEnd > 0 && lines < 200; lines++) {
    const lineStart = source.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = source.slice(lineStart, lineEnd);
    const blankOrIndented = line.trim() === '' || /^(?: {4}|\t)/.test(line);
    if (first !== undefined && blankOrIndented) break;
    if (!blankOrIndented) {
      first = line;
      definition ||= /^ {0,3}[:~][ \t]/.test(line);
    }
    lineEnd = lineStart - 1;
  }
  return definition || (first !== undefined && /^ {0,3}\[\^[^\]\s]+\]:/.test(first));
}

/** Parses a footnote's or definition's indented paragraphs as Markdown of their own, pushing their ranges in `source` offsets. */
function footnoteRanges(source: string, start: number, end: number, ranges: number[]): void {
  // The lines without their first four columns, and where each character came from.
  let inner = '';
  const origin: number[] = [];
  for (let lineStart = source.lastIndexOf('\n', start - 1) + 1; lineStart < end; ) {
    const lf = source.indexOf('\n', lineStart);
    const next = lf === -1 || lf + 1 > end ? end : lf + 1;
    let from = lineStart;
    for (let width = 0; width < 4 && from < next; from++) {
      const c = source[from];
      if (c === ' ') width++;
      else if (c === '\t') width = 4;
      else break;
    }
    inner += source.slice(from, next);
    for (let i = from; i < next; i++) origin.push(i);
    lineStart = next;
  }
  origin.push(end);
  const own = structureRanges(inner);
  for (let r = 0; r + 1 < own.length; r += 2) ranges.push(origin[own[r] ?? 0] ?? end, origin[own[r + 1] ?? 0] ?? end);
}

/** Ranges (flat start, end pairs, offsets in `source`) that micromark finds outside prose. */
function structureRanges(source: string): number[] {
  const ranges: number[] = [];
  const events = postprocess(parse().document().write(preprocess()(source, undefined, true)));
  for (const [kind, token] of events) {
    if (kind !== 'enter') continue;
    const start = token.start.offset;
    const end = token.end.offset;
    if (token.type === 'codeIndented' && continuesNote(source, start)) {
      footnoteRanges(source, start, end, ranges);
    } else if (OPAQUE.has(token.type)) {
      ranges.push(start, end);
    } else if (token.type === 'definition') {
      // `[^x]: …` is a footnote to Pandoc, and `[@x]: …` a citation followed by text, however CommonMark reads them.
      if (!/^[ \t]*\[[\^@]/.test(source.slice(start, end))) ranges.push(start, end);
    } else if (token.type === 'htmlFlow') {
      const html = source.slice(start, end);
      if (RAW_HTML_BLOCK.test(html)) {
        ranges.push(start, end);
      } else {
        for (const tag of html.matchAll(HTML_TAG)) ranges.push(start + tag.index, start + tag.index + tag[0].length);
      }
    }
  }
  return ranges;
}

/** A top-level fence opener, and the HTML blocks (CommonMark kinds 1 to 5) that run over blank lines. */
const TOP_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const RAW_HTML_START: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Offsets where the note can be cut into pieces that parse the same alone as
 * together: the start of a line at the left margin after a blank line, or of
 * a bullet or numbered list item at the margin, outside top-level fenced code
 * and raw HTML blocks. Each piece is parsed once and remembered, so an edit
 * re-parses only the piece it touches, however long the note or its lists.
 */
function pieceStarts(source: string): number[] {
  const starts = [0];
  let previousBlank = false;
  let fence: { char: string; length: number } | undefined;
  let rawEnd: RegExp | undefined;
  for (let start = 0; start < source.length; ) {
    const lf = source.indexOf('\n', start);
    const next = lf === -1 ? source.length : lf + 1;
    const line = source.slice(start, lf === -1 ? source.length : lf).replace(/\r$/, '');
    if (fence) {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (rawEnd) {
      if (rawEnd.test(line)) rawEnd = undefined;
    } else {
      const atMargin = /^[^\s]/.test(line);
      const listItem = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\S/.test(line) && !/^([-*_])[ \t]*(?:\1[ \t]*){2,}$/.test(line);
      if (start > 0 && atMargin && (previousBlank || listItem)) starts.push(start);
      const open = TOP_FENCE.exec(line);
      if (open?.[1] && !(open[1].startsWith('`') && open[2]?.includes('`'))) fence = { char: open[1][0] ?? '`', length: open[1].length };
      else {
        const raw = RAW_HTML_START.find(([opens]) => opens.test(line));
        if (raw && !raw[1].test(line.slice(4))) rawEnd = raw[1];
      }
    }
    previousBlank = line.trim() === '';
    start = next;
  }
  return starts;
}

/** Ranges found in pieces already parsed, by the piece's text. */
const pieceCache = new Map<string, number[]>();
const PIECE_CACHE_LIMIT = 50_000;

/** Blanks what micromark finds outside prose, parsing only pieces it has not seen. */
function maskStructure(source: string, mask: Mask): void {
  const starts = pieceStarts(source);
  starts.push(source.length);
  const applyPiece = (offset: number, ranges: readonly number[]) => {
    for (let r = 0; r + 1 < ranges.length; r += 2) mask.hide(offset + (ranges[r] ?? 0), offset + (ranges[r + 1] ?? 0));
  };
  let index = 0;
  while (index + 1 < starts.length) {
    const from = starts[index] ?? 0;
    const cached = pieceCache.get(source.slice(from, starts[index + 1]));
    if (cached) {
      applyPiece(from, cached);
      index++;
      continue;
    }
    // Parse the run of pieces not seen before in one go, then remember each.
    let last = index + 1;
    while (last + 1 < starts.length && !pieceCache.has(source.slice(starts[last], starts[last + 1]))) last++;
    const to = starts[last] ?? source.length;
    const ranges = structureRanges(source.slice(from, to));
    if (pieceCache.size > PIECE_CACHE_LIMIT) pieceCache.clear();
    let r = 0;
    for (let piece = index; piece < last; piece++) {
      const pieceStart = (starts[piece] ?? 0) - from;
      const pieceEnd = (starts[piece + 1] ?? 0) - from;
      const own: number[] = [];
      while (r + 1 < ranges.length && (ranges[r] ?? 0) < pieceEnd) {
        own.push(Math.max(0, (ranges[r] ?? 0) - pieceStart), Math.min(pieceEnd, ranges[r + 1] ?? 0) - pieceStart);
        r += 2;
      }
      pieceCache.set(source.slice(pieceStart + from, pieceEnd + from), own);
      applyPiece(pieceStart + from, own);
    }
    index = last;
  }
}

/** Offsets of blank lines (`\n` then only spaces and a line break), where inline constructs stop. */
function paragraphBreaks(text: string): Set<number> {
  const breaks = new Set<number>();
  for (const match of text.matchAll(/\n[ \t]*(?=\r?\n)/g)) breaks.add(match.index);
  return breaks;
}

/**
 * Blanks TeX math as Pandoc's `tex_math_dollars` reads it: `$$…$$`, and
 * `$…$` where the opening `$` has a non-space after it and the closing one a
 * non-space before it and no digit after it. Neither crosses a blank line.
 * Linear: the closer for each position is precomputed right to left.
 */
function maskMath(masked: string, mask: Mask): void {
  const n = masked.length;
  if (!masked.includes('$')) return;
  const breaks = paragraphBreaks(masked);
  /** For each offset, the next valid inline closer at or after it within the paragraph, or -1. */
  const nextCloser = new Int32Array(n + 1).fill(-1);
  /** For each offset, the next `$$` at or after it within the paragraph, or -1. */
  const nextDouble = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    if (breaks.has(i)) continue; // stays -1: nothing closes across a blank line
    nextCloser[i] = nextCloser[i + 1] ?? -1;
    nextDouble[i] = nextDouble[i + 1] ?? -1;
    if (masked[i] !== '$') continue;
    if (masked[i + 1] === '$') nextDouble[i] = i;
    const before = masked[i - 1] ?? ' ';
    const after = masked[i + 1] ?? ' ';
    if (!/\s/.test(before) && !/[0-9]/.test(after)) nextCloser[i] = i;
  }
  for (let i = 0; i < n; i++) {
    if (masked[i] !== '$') continue;
    if (masked[i + 1] === '$') {
      const close = nextDouble[i + 2] ?? -1;
      if (close !== -1) {
        mask.hide(i, close + 2);
        i = close + 1;
        continue;
      }
      i++; // an unclosed `$$` is text
      continue;
    }
    if (/\s/.test(masked[i + 1] ?? ' ')) continue;
    const close = nextCloser[i + 1] ?? -1;
    if (close !== -1) {
      mask.hide(i, close + 1);
      i = close;
    }
  }
}

/** A Pandoc attribute block: `{#id .class key=value key="value" =format -}`. */
const ATTRIBUTES = /\{[ \t]*(?:(?:#[^\s{}#.]+|\.[^\s{}#.]+|[A-Za-z_][\w:.-]*=(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'{}]+)|=[\w-]+|-)[ \t\r\n]*)+\}/y;
/** A fenced div's opening or closing line. */
const DIV_FENCE = /^[ \t]*:{3,}[ \t]*(?:\{[^}\n]*\}|[\w-]+)?[ \t]*:*[ \t]*\r?$/gm;
/** Raw TeX: an environment, or a command with its optional and required arguments. */
const RAW_TEX = /\\begin\{([A-Za-z*]+)\}[\s\S]*?\\end\{\1\}|\\[A-Za-z]+\*?(?:[ \t]*(?:\[[^\]\n]*\]|\{(?:[^{}]|\{[^{}]*\})*\}))+/g;

/** Blanks attributes, fenced-div lines and raw TeX that micromark leaves as prose. */
function maskPandocInlines(text: string, masked: string, mask: Mask): void {
  for (let at = masked.indexOf('{'); at !== -1; at = masked.indexOf('{', at + 1)) {
    // Attributes follow a link, image, span or code span directly, or end a heading after a space.
    const before = text[at - 1] ?? '';
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const heading = /^[ \t]{0,3}#/.test(text.slice(lineStart, at)) && /[ \t]/.test(before);
    if (!/[\])`]/.test(before) && !heading) continue;
    ATTRIBUTES.lastIndex = at;
    const match = ATTRIBUTES.exec(masked);
    // The braces stay: `[@a]{.x}` is a span, which the group parser must not take for a citation group.
    if (match) mask.hide(at + 1, at + match[0].length - 1);
  }
  for (const fence of masked.matchAll(DIV_FENCE)) mask.hide(fence.index, fence.index + fence[0].length);
  if (masked.includes('\\')) {
    for (const tex of masked.matchAll(RAW_TEX)) mask.hide(tex.index, tex.index + tex[0].length);
  }
}

/**
 * Blanks example-list labels: `(@label)` starting a list item defines one,
 * and `(@label)` anywhere refers to it. Pandoc reads a `(@label)` that no
 * item defines as a citation, so only defined labels are blanked.
 */
function maskExampleLabels(masked: string, mask: Mask): void {
  if (!masked.includes('(@')) return;
  const labels = new Set<string>();
  for (const item of masked.matchAll(/^[ \t]*\(@([\w-]*)\)[ \t]/gm)) labels.add(item[1] ?? '');
  if (labels.size === 0) return;
  for (const ref of masked.matchAll(/\(@([\w-]*)\)/g)) {
    if (labels.has(ref[1] ?? '')) mask.hide(ref.index, ref.index + ref[0].length);
  }
}

/** Offsets of `<!--` that no `-->` follows: text to Pandoc. */
function unclosedComments(text: string): number[] {
  const lastClose = text.lastIndexOf('-->');
  const found: number[] = [];
  for (let at = text.indexOf('<!--', lastClose === -1 ? 0 : lastClose + 3); at !== -1; at = text.indexOf('<!--', at + 4)) found.push(at);
  return found;
}

/**
 * Fence openers Pandoc does not take, which CommonMark does: a fence never
 * closed (Pandoc reads the lines as text, CommonMark runs the code to the end
 * of the note), and an info string of more than one word not in braces
 * (```` ```ts title="x" ````), whose backticks Pandoc reads as a code span
 * instead; when a blank line lies before the closing fence that span stays
 * unmatched and the lines are prose. (The closing fence then opens a code
 * block of its own, in Pandoc as in CommonMark.) Returns the offset and
 * length of each such opening run, for micromark not to see it.
 */
function pandocRejectedFences(text: string): [number, number][] {
  const runs: [number, number][] = [];
  const opener = /^( {0,3})(`{3,}|~{3,})([^\r\n]*?)\r?$/gm;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    const fence = match[2] ?? '```';
    const info = (match[3] ?? '').trim();
    if (fence.startsWith('`') && info.includes('`')) continue; // a code span, not a fence
    const closer = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`, 'm');
    const after = match.index + match[0].length;
    const rest = text.slice(after);
    const close = closer.exec(rest);
    const twoWords = /^[^\s{]\S*\s+\S/.test(info);
    if (close && !(twoWords && /\n[ \t]*\r?\n/.test(rest.slice(0, close.index)))) {
      opener.lastIndex = after + close.index + close[0].length; // code, to both
      continue;
    }
    runs.push([match.index + (match[1]?.length ?? 0), fence.length]);
  }
  return runs;
}

/**
 * The note with every region where Pandoc would not read a citation replaced
 * by spaces; line breaks are kept, so the result has the same length, lines
 * and columns as the note.
 */
export function maskNonProse(text: string): string {
  const mask = new Mask(text);
  for (const block of findMetadataBlocks(text)) mask.hide(block.start, block.end);
  // What micromark parses: metadata blocks become blank lines (they end a
  // paragraph, as in Pandoc) and an unclosed `<!--` loses its meaning.
  let source = mask.render();
  // Letters, not spaces: spaces could turn the line into indented code.
  for (const at of unclosedComments(text)) source = `${source.slice(0, at)}x!--${source.slice(at + 4)}`;
  for (const [at, length] of pandocRejectedFences(text)) source = `${source.slice(0, at)}${'x'.repeat(length)}${source.slice(at + length)}`;
  maskStructure(source, mask);
  // Math first: TeX commands inside it are part of it.
  maskMath(mask.render(), mask);
  maskPandocInlines(text, mask.render(), mask);
  maskExampleLabels(mask.render(), mask);
  return mask.render();
}
