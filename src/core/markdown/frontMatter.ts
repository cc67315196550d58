/**
 * The YAML metadata of a Markdown note, read the way Pandoc reads it: where
 * the blocks are, which bibliography files they name, which references they
 * define inline, and the edit that names `references.json` when none is named.
 *
 * Pandoc's rules, checked against `pandoc -f markdown -t json` (2.17):
 *
 * - A block opens with a line `---` that is not followed by a blank line, and
 *   closes with a line `---` or `...`. At the top of the note (after a byte
 *   order mark) it needs nothing before it; elsewhere a blank line must
 *   precede it.
 * - Its YAML must be a mapping (block or flow), or empty (comments only). A
 *   block whose YAML is a scalar or a list is not metadata: Pandoc reads those
 *   lines as Markdown. YAML that does not parse stops Pandoc with an error;
 *   Paper Atlas still treats such a block as metadata (it is plainly meant as
 *   one) and reports the error instead of editing it.
 * - Every block is read and merged; when two set the same field, the later
 *   one wins, and within a block a repeated key's last value wins.
 * - Anchors, aliases and tags are YAML syntax, not part of a value.
 *
 * Only a YAML parser's view of a block is used; the user's text is never
 * rewritten, only added to.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { detectEol, type OffsetRange, type TextEdit } from '../text/textEdit';

/** Where a note's YAML metadata block lies. */
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

/** A YAML metadata block anywhere in a note, with its parsed YAML. */
export interface MetadataBlock extends FrontMatter {
  /** The block's YAML; its node ranges are offsets from {@link FrontMatter.contentStart}. */
  readonly document: Document.Parsed;
  /** Why the YAML does not parse (Pandoc stops with this error), or `undefined` when it does. */
  readonly error?: string;
}

/** One path named by `bibliography:`, with where it is written. */
export interface BibliographyPathRef extends OffsetRange {
  /** The path as YAML reads it (quotes removed, escapes resolved). */
  readonly path: string;
}

/** The `bibliography` field of a note's metadata. */
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

/** A reference defined inline under `references:` (a CSL item), by its `id`. */
export interface InlineReference extends OffsetRange {
  readonly id: string;
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
const OPENER = /^---[ \t]*$/;
const CLOSER = /^(---|\.\.\.)[ \t]*$/;
/** Fence openers, also on a list marker or block quote line, so a `---` inside code is not taken for a block. */
const FENCE = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]{0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Reads the candidate block whose opening line is `open`: the closing line
 * and the YAML between; `undefined` when it is not a metadata block.
 */
function blockAt(text: string, open: Line): MetadataBlock | undefined {
  if (open.next === open.end) return undefined; // `---` with no line break: nothing follows
  let first = true;
  for (const line of linesFrom(text, open.next)) {
    const content = text.slice(line.start, line.end);
    if (first && content.trim() === '') return undefined; // a blank line after `---`: a rule
    first = false;
    if (!CLOSER.test(content)) continue;
    const block = { start: open.start, end: line.next, contentStart: open.next, contentEnd: line.start };
    const document = parseDocument(text.slice(block.contentStart, block.contentEnd), { uniqueKeys: false, prettyErrors: false });
    const error = document.errors[0];
    if (error) return { ...block, document, error: error.message };
    const contents = document.contents;
    if (contents !== null && !isMap(contents)) return undefined; // a scalar or a list: Markdown, not metadata
    return { ...block, document };
  }
  return undefined; // unclosed: Pandoc reads a rule
}

/** Memo of the last note read: the editor asks for the same note's blocks several times per change. */
let memo: { text: string; blocks: MetadataBlock[] } | undefined;

/**
 * Every YAML metadata block of the note, in order: the front matter at the
 * top, and blocks further down that follow a blank line (outside fenced code
 * and HTML comments).
 */
export function findMetadataBlocks(text: string): readonly MetadataBlock[] {
  if (memo?.text === text) return memo.blocks;
  const blocks: MetadataBlock[] = [];
  const top = text.startsWith(BOM) ? 1 : 0;
  let previousBlank = true;
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let skipTo = -1;
  for (const line of linesFrom(text, top)) {
    if (line.start < skipTo) continue;
    const content = text.slice(line.start, line.end);
    if (fence) {
      const close = /^[ \t>]*(`+|~+)[ \t]*$/.exec(content);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (inComment) {
      if (content.includes('-->')) inComment = false;
    } else if (OPENER.test(content) && (previousBlank || line.start === top)) {
      const block = blockAt(text, line);
      if (block) {
        blocks.push(block);
        skipTo = block.end;
        previousBlank = false;
        continue;
      }
    } else {
      const open = FENCE.exec(content);
      if (open?.[1] && !(open[1].startsWith('`') && open[2]?.includes('`'))) fence = { char: open[1][0] ?? '`', length: open[1].length };
      else if (/^[ \t]{0,3}<!--/.test(content) && !content.includes('-->', content.indexOf('<!--') + 4)) inComment = true;
    }
    previousBlank = content.trim() === '';
  }
  memo = { text, blocks };
  return blocks;
}

/**
 * Finds the YAML front matter at the top of a note, following Pandoc: a line
 * `---` at the very start (after a byte order mark) not followed by a blank
 * line, up to a line `---` or `...`, holding a YAML mapping (or nothing). An
 * unclosed block, or one holding a scalar or a list, is not front matter.
 */
export function findFrontMatter(text: string): MetadataBlock | undefined {
  const first = findMetadataBlocks(text)[0];
  return first && first.start === (text.startsWith(BOM) ? 1 : 0) ? first : undefined;
}

/** The last top-level pair named `name` in the block, as Pandoc keeps the last of repeated keys. */
function lastPair(block: MetadataBlock, name: string): Pair<YamlNode, YamlNode | null> | undefined {
  const contents = block.document.contents;
  if (!isMap(contents)) return undefined;
  let found: Pair<YamlNode, YamlNode | null> | undefined;
  for (const pair of contents.items as Pair<YamlNode, YamlNode | null>[]) {
    if (isScalar(pair.key) && String(pair.key.value) === name) found = pair;
  }
  return found;
}

/** The field `name` as Pandoc merges the blocks: from the last block that sets it. */
function lastField(text: string, name: string): { block: MetadataBlock; pair: Pair<YamlNode, YamlNode | null> } | undefined {
  const blocks = findMetadataBlocks(text);
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index];
    const pair = block && !block.error ? lastPair(block, name) : undefined;
    if (block && pair) return { block, pair };
  }
  return undefined;
}

/** Follows an alias (`*refs`) to the node it names. */
function resolved(node: YamlNode | null, document: Document.Parsed): YamlNode | null {
  if (isAlias(node)) return (node.resolve(document) as YamlNode | undefined) ?? null;
  return node;
}

/** A scalar's text as Pandoc reads it, or `undefined` for null and the empty string. */
function scalarText(node: YamlNode | null): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const raw: unknown = node.value;
  const value = typeof raw === 'string' ? raw : typeof node.source === 'string' ? node.source : typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint' ? String(raw) : '';
  return value === '' ? undefined : value;
}

/** Trims whitespace and line breaks off both ends of `[start, end)`. */
function trimRange(text: string, start: number, end: number): OffsetRange {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

/** Where a scalar is written in the note: its token, or a block scalar's content lines. */
function scalarRange(text: string, node: YamlNode, base: number): OffsetRange {
  const [start = 0, valueEnd = 0] = node.range ?? [];
  if (isScalar(node) && (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL')) {
    const header = text.indexOf('\n', base + start);
    return trimRange(text, header === -1 ? base + valueEnd : header + 1, base + valueEnd);
  }
  return trimRange(text, base + start, base + valueEnd);
}

/**
 * Reads the `bibliography` field of the note's metadata, or `undefined`
 * when no metadata block has such a top-level key. When several blocks set
 * it, the last one's is read, as Pandoc does.
 */
export function readBibliographyField(text: string): BibliographyField | undefined {
  const found = lastField(text, 'bibliography');
  if (!found) return undefined;
  const { block, pair } = found;
  const base = block.contentStart;
  const keyRange = pair.key.range ?? [0, 0];
  const key = { start: base + keyRange[0], end: base + keyRange[1] };
  const colon = text.indexOf(':', key.end);
  const afterColon = colon === -1 || colon >= block.contentEnd ? key.end : colon + 1;
  const value = pair.value;
  const paths: BibliographyPathRef[] = [];
  let valueEnd = afterColon;
  const target = resolved(value, block.document);
  const items = isSeq(target) ? (target.items as (YamlNode | null)[]) : [target];
  for (const item of items) {
    const node = resolved(item, block.document);
    const path = scalarText(node);
    // An aliased path is located where the alias is written.
    const written = isAlias(item) ? item : node;
    if (path !== undefined && written) paths.push({ path, ...scalarRange(text, written, base) });
  }
  if (value?.range) {
    // A block list's range runs on over comments after its last item; stop at that item.
    const lastItem = isSeq(value) && !value.flow ? (value.items.at(-1) as YamlNode | null | undefined) : undefined;
    const end = lastItem?.range?.[1] ?? value.range[1];
    valueEnd = Math.max(afterColon, trimRange(text, base + value.range[0], base + end).end);
  }
  return { paths, value: { start: afterColon, end: valueEnd }, key };
}

/** The bibliography paths the note's metadata names, in order; empty when it names none. */
export function bibliographyPaths(text: string): string[] {
  return readBibliographyField(text)?.paths.map((ref) => ref.path) ?? [];
}

/**
 * The ids of the references the note defines inline, under `references:`
 * (a list of CSL items; the last block that sets the field wins), each with
 * where its id is written. Pandoc resolves citations of these ids without a
 * bibliography file.
 */
export function inlineReferences(text: string): InlineReference[] {
  const found = lastField(text, 'references');
  if (!found) return [];
  const list = resolved(found.pair.value, found.block.document);
  if (!isSeq(list)) return [];
  const refs: InlineReference[] = [];
  for (const item of list.items as (YamlNode | null)[]) {
    const entry = resolved(item, found.block.document);
    if (!isMap(entry)) continue;
    let idNode: YamlNode | null = null;
    for (const pair of entry.items as Pair<YamlNode, YamlNode | null>[]) if (isScalar(pair.key) && pair.key.value === 'id') idNode = pair.value;
    const node = resolved(idNode, found.block.document);
    const id = scalarText(node);
    if (id !== undefined && idNode) refs.push({ id, ...scalarRange(text, idNode, found.block.contentStart) });
  }
  return refs;
}

/** Writes `value` as a YAML scalar: plain when that reads back unchanged, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plainSafe = /^[\p{L}\p{N}_./][\p{L}\p{N}_./ ()+-]*$/u.test(value) && !value.endsWith(' ');
  const special = /^(null|~|true|false|yes|no|on|off|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value);
  return plainSafe && !special ? value : JSON.stringify(value);
}

/** What naming a bibliography in a note's metadata takes; see {@link planBibliographyField}. */
export type BibliographyFieldPlan =
  /** The metadata already names one or more bibliographies: nothing to do. */
  | { readonly kind: 'named'; readonly field: BibliographyField }
  /** The edit that names the bibliography. */
  | { readonly kind: 'edit'; readonly edit: TextEdit }
  /** The note's metadata cannot safely be edited; `reason` is one sentence saying why. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Plans the edit that makes the note's metadata name `path` as its
 * bibliography.
 *
 * - A field with no value (`bibliography:`, `~`, `[]`…) in the block Pandoc
 *   reads it from: the value is set.
 * - Metadata without the field: a `bibliography:` line is added to the first
 *   block, just before its closing delimiter.
 * - No metadata at all: a block is created at the top (after a byte order
 *   mark), separated from the existing text by a blank line.
 *
 * It refuses, with a reason, to edit a block whose YAML does not parse or is
 * written as a flow mapping (`{…}`), and to add a YAML block above TOML
 * front matter (`+++`), which Pandoc does not read.
 *
 * The edit uses the note's own line ending.
 */
export function planBibliographyField(text: string, path = 'references.json'): BibliographyFieldPlan {
  const eol = detectEol(text);
  const scalar = yamlScalar(path);
  const blocks = findMetadataBlocks(text);
  const broken = blocks.find((b) => b.error !== undefined);
  if (broken) {
    const line = text.slice(0, broken.start).split('\n').length;
    return { kind: 'refused', reason: `The YAML metadata block at line ${line} does not parse (${broken.error ?? ''}); Pandoc cannot read the note until it is fixed` };
  }
  const field = readBibliographyField(text);
  if (field) {
    if (field.paths.length > 0) return { kind: 'named', field };
    return { kind: 'edit', edit: { ...field.value, newText: ` ${scalar}` } };
  }
  const first = blocks[0];
  if (first) {
    if (isMap(first.document.contents) && first.document.contents.flow) {
      return { kind: 'refused', reason: 'The metadata block is a YAML flow mapping ({…}); add "bibliography" to it by hand' };
    }
    return { kind: 'edit', edit: { start: first.contentEnd, end: first.contentEnd, newText: `bibliography: ${scalar}${eol}` } };
  }
  const at = text.startsWith(BOM) ? 1 : 0;
  const rest = text.slice(at);
  if (/^\+\+\+[ \t]*\r?\n/.test(rest)) {
    return { kind: 'refused', reason: 'The note starts with TOML front matter (+++), which Pandoc does not read; name the bibliography in a YAML block instead' };
  }
  const separator = rest.trim() === '' ? '' : rest.startsWith('\n') || rest.startsWith('\r\n') ? '' : eol;
  return { kind: 'edit', edit: { start: at, end: at, newText: `---${eol}bibliography: ${scalar}${eol}---${eol}${separator}` } };
}

/**
 * The edit that makes the note's metadata name `path` as its bibliography,
 * or `undefined` when it already names one or more bibliographies, or when
 * {@link planBibliographyField} refuses to edit it (call that for the reason).
 */
export function addBibliographyEdit(text: string, path = 'references.json'): TextEdit | undefined {
  const plan = planBibliographyField(text, path);
  return plan.kind === 'edit' ? plan.edit : undefined;
}
