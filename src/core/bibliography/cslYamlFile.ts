/**
 * A CSL-YAML bibliography (`.yaml`, `.yml`), as pandoc reads it: the first
 * YAML document is a mapping whose `references` field lists CSL items, the
 * form `pandoc -t markdown -s` writes and Quarto and R Markdown users keep.
 * (pandoc finds nothing in a bare list of items: `yamlBsToRefs` in
 * Text.Pandoc.Readers.Metadata reads only `references`.)
 *
 * Read for its keys with the `yaml` package, which keeps every node's range,
 * and extended in place: new items are appended after the last one as block
 * YAML in the file's own indentation and line ending; nothing the user wrote
 * is touched, comments included.
 *
 * pandoc reads every string of a YAML bibliography as Markdown, unlike
 * CSL-JSON, so the values written here are escaped for Markdown: a title with
 * `*`, `_`, `[@x]` or `$` renders as written.
 */
import { Document, isMap, isScalar, isSeq, parseAllDocuments, stringify, type Node as YamlNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { detectEol, type TextEdit } from '../text/textEdit';
import { type CslJsonItem } from './cslJsonFile';
import { missingEntries } from './missingEntries';
import { parseErrorAt, type BibliographyParseError, type DefinedKey, type KeysResult, type UpsertResult } from './parseError';
import { escapePandocValue } from '../text/markdownEscape';

const BOM = '\ufeff';

/** Where new items go, by what the first document holds. */
type Target =
  | { readonly kind: 'empty'; readonly at: number }
  | { readonly kind: 'no-references'; readonly map: YAMLMap }
  | { readonly kind: 'references-empty'; readonly keyEnd: number; readonly keyColumn: number }
  | { readonly kind: 'references'; readonly seq: YAMLSeq };

type Parsed = { ok: true; keys: DefinedKey[]; target: Target } | { ok: false; error: BibliographyParseError };

/**
 * Whether pandoc reads a scalar as a string. pandoc decodes YAML with the
 * Haskell `yaml` package, which resolves plain scalars the YAML 1.1 way:
 * `yes`, `on`, `n`, `~`, `0x1f` or `012` are no strings, `2024-01-01` and `.5`
 * are. An id that is no string cites nothing (checked with pandoc 2.17).
 */
function pandocReadsAsString(scalar: Scalar): boolean {
  if (scalar.type !== 'PLAIN') return true;
  if (scalar.tag === 'tag:yaml.org,2002:str') return true;
  const text = String(scalar.value);
  if (/^(?:|~|null|Null|NULL)$/.test(text)) return false;
  if (/^(?:y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE|n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(text)) return false;
  return !/^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)$/.test(text);
}

/** A parsed node's range; parsed nodes always have one. */
function rangeOf(node: { range?: [number, number, number] | null }): [number, number, number] {
  return node.range ?? [0, 0, 0];
}

/** The column of `offset` on its line. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function parse(text: string): Parsed {
  // Failsafe: every scalar stays the string written, so ids resolve as pandoc resolves them, not as YAML 1.2 would.
  const documents = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(documents) || documents.length === 0) return { ok: true, keys: [], target: { kind: 'empty', at: text.length } };
  for (const document of documents) {
    const error = document.errors[0];
    if (error) return { ok: false, error: parseErrorAt(text, error.pos[0], error.message) };
  }
  const first = documents[0];
  if (!first) return { ok: true, keys: [], target: { kind: 'empty', at: text.length } };
  const root = first.contents;
  if (root === null || (isScalar(root) && root.value === '' && root.type === 'PLAIN')) {
    // `---` alone, or comments: items go where the document's content would end.
    return { ok: true, keys: [], target: { kind: 'empty', at: first.range[1] } };
  }
  if (isSeq(root)) {
    return { ok: false, error: parseErrorAt(text, rangeOf(root)[0], 'A CSL-YAML bibliography needs its items under `references:`; pandoc ignores a bare list (add `references:` as the first line)') };
  }
  if (!isMap(root)) {
    return { ok: false, error: parseErrorAt(text, rangeOf(root)[0], 'A CSL-YAML bibliography must be a mapping with a `references:` list of items') };
  }
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'references');
  if (!pair) {
    if (root.flow) return { ok: false, error: parseErrorAt(text, rangeOf(root)[0], 'Paper Atlas cannot add `references:` to a mapping written in braces') };
    return { ok: true, keys: [], target: { kind: 'no-references', map: root } };
  }
  const value = pair.value as YamlNode | null;
  const key = pair.key as Scalar;
  if (value === null || (isScalar(value) && value.type === 'PLAIN' && value.value === '' && rangeOf(value)[0] === rangeOf(value)[1])) {
    const keyEnd = key.range?.[1] ?? 0;
    return { ok: true, keys: [], target: { kind: 'references-empty', keyEnd, keyColumn: columnOf(text, key.range?.[0] ?? 0) } };
  }
  if (!isSeq(value)) {
    return { ok: false, error: parseErrorAt(text, value.range?.[0] ?? 0, 'The `references:` field must hold a list of CSL items') };
  }
  const keys: DefinedKey[] = [];
  for (const item of value.items) {
    if (!isMap(item)) continue;
    let id: Scalar | undefined;
    for (const p of item.items) if (isScalar(p.key) && p.key.value === 'id' && isScalar(p.value)) id = p.value;
    if (!id?.range || !pandocReadsAsString(id)) continue;
    const quoted = id.type === 'QUOTE_DOUBLE' || id.type === 'QUOTE_SINGLE';
    const [start, end] = quoted ? [id.range[0] + 1, id.range[1] - 1] : [id.range[0], id.range[1]];
    keys.push({ key: String(id.value), start, end });
  }
  return { ok: true, keys, target: { kind: 'references', seq: value } };
}

/** The keys (string item ids under `references:`) a CSL-YAML file defines, or why pandoc would not read it. */
export function cslYamlKeys(text: string): KeysResult {
  const parsed = parse(text);
  return parsed.ok ? { ok: true, keys: parsed.keys } : parsed;
}


function escapeValues(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key === 'id' ? value : escapePandocValue(value);
  if (Array.isArray(value)) return value.map((v) => escapeValues(v));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeValues(v, k)]));
  return value;
}

/** Short lists of numbers (`date-parts: [[2024, 5, 1]]`) read best on one line. */
function flowScalarLists(node: unknown): boolean {
  if (isSeq(node)) {
    const inner = node.items.map(flowScalarLists);
    if (node.items.every((item, i) => isScalar(item) || (isSeq(item) && inner[i]))) node.flow = true;
    return node.flow === true;
  }
  if (isMap(node)) for (const pair of node.items) flowScalarLists(pair.value);
  return false;
}

/** One item as block YAML lines (no line ending), keys indented by `unit`; quoted as pandoc's YAML 1.1 reader needs. */
function itemLines(item: CslJsonItem, unit: number): string[] {
  const document = new Document(escapeValues(item), { version: '1.1' });
  flowScalarLists(document.contents);
  return document.toString({ lineWidth: 0, indent: unit, indentSeq: true, flowCollectionPadding: false }).replace(/\n$/, '').split('\n');
}

/** The items as block sequence entries: `-` at `dashColumn`, their keys `offset` columns further. */
function blockItems(items: readonly CslJsonItem[], dashColumn: number, offset: number, eol: string): string {
  const pad = ' '.repeat(dashColumn);
  return items
    .map((item) => itemLines(item, offset).map((line, i) => (i === 0 ? `${pad}-${' '.repeat(offset - 1)}${line}` : `${pad}${' '.repeat(offset)}${line}`)).join(eol))
    .join(eol);
}

/**
 * Where whole lines can be inserted after a block node whose range ends at
 * `end`: the start of the next line (past anything after the node on its
 * last line, such as a comment), or the end of the text.
 */
function lineAfter(text: string, end: number): number {
  if (end === 0 || text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

/** Inserts `block` (whole lines, no final line ending) at `at`, a line start or the end of a text without a final line ending. */
function insertLines(text: string, at: number, block: string, eol: string): TextEdit {
  const lead = at > 0 && text[at - 1] !== '\n' && text.slice(0, at) !== BOM ? eol : '';
  return { start: at, end: at, newText: `${lead}${block}${eol}` };
}

/**
 * Adds the items whose id the file does not define yet (ids compare
 * case-insensitively) after the last item of `references:`, creating the
 * field when the file has none. A file pandoc cannot read gets no edit and
 * the reason.
 */
export function upsertCslYaml(text: string, items: readonly CslJsonItem[]): UpsertResult {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const toAdd = missingEntries(parsed.keys, items, (item) => item.id);
  if (toAdd.length === 0) return { ok: true, edit: undefined, added: [] };
  const eol = detectEol(text);
  const added = toAdd.map((i) => i.id);
  const target = parsed.target;
  switch (target.kind) {
    case 'empty':
      return { ok: true, edit: insertLines(text, lineAfter(text, target.at), `references:${eol}${blockItems(toAdd, 0, 2, eol)}`, eol), added };
    case 'no-references': {
      const column = columnOf(text, rangeOf(target.map)[0]);
      const block = `${' '.repeat(column)}references:${eol}${blockItems(toAdd, column, 2, eol)}`;
      return { ok: true, edit: insertLines(text, lineAfter(text, rangeOf(target.map)[1]), block, eol), added };
    }
    case 'references-empty': {
      // `references:` with nothing after it: the list goes on the following lines.
      const lineEnd = text.indexOf('\n', target.keyEnd);
      const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
      return { ok: true, edit: { start: at, end: at, newText: `${eol}${blockItems(toAdd, target.keyColumn, 2, eol)}` }, added };
    }
    case 'references':
      return { ok: true, edit: appendToSequence(text, target.seq, toAdd, eol), added };
  }
}

function appendToSequence(text: string, seq: YAMLSeq, toAdd: readonly CslJsonItem[], eol: string): TextEdit {
  if (seq.flow) {
    // `references: [...]`: new items in the same brackets, as one-line flow
    // mappings; double quotes keep a line break in a value on that line.
    const options = { version: '1.1', lineWidth: 0, collectionStyle: 'flow', flowCollectionPadding: false, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const;
    const flow = toAdd.map((item) => stringify(escapeValues(item), options).trimEnd());
    const last = seq.items.at(-1) as YamlNode | undefined;
    if (!last?.range) {
      const close = text.lastIndexOf(']', rangeOf(seq)[1]);
      return { start: close, end: close, newText: flow.join(', ') };
    }
    return { start: last.range[1], end: last.range[1], newText: flow.map((f) => `, ${f}`).join('') };
  }
  const dashColumn = columnOf(text, rangeOf(seq)[0]);
  const last = seq.items.at(-1) as YamlNode | undefined;
  let offset = 2;
  if (last?.range) {
    // `-   id: a` keeps its wider gap; an item whose content starts on a later line gets the usual one.
    const gap = columnOf(text, last.range[0]) - dashColumn;
    const sameLine = text.slice(text.lastIndexOf('\n', last.range[0] - 1) + 1, last.range[0]).trim() === '-';
    if (gap >= 2 && sameLine) offset = gap;
  }
  const end = last?.range ? last.range[1] : rangeOf(seq)[1];
  return insertLines(text, lineAfter(text, end), blockItems(toAdd, dashColumn, offset, eol), eol);
}
