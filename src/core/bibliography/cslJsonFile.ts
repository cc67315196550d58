/**
 * A CSL-JSON bibliography (`.json`: an array of items), read for its keys and
 * extended in place: new items go after the last one, written in the file's
 * own indentation and line ending; nothing the user wrote is touched.
 */
import { detectEol, type TextEdit } from '../text/textEdit';
import { JsonSyntaxError, parseJsonTree, type JsonNode } from './jsonTree';
import { missingEntries } from './missingEntries';
import { parseErrorAt, type BibliographyParseError, type DefinedKey, type KeysResult, type UpsertResult } from './parseError';

/** A CSL-JSON item to add: a JSON-serialisable object with a string `id` (e.g. `toCslJson`'s `CslItem`). */
export interface CslJsonItem {
  readonly id: string;
}

type Parsed = { ok: true; root: Extract<JsonNode, { kind: 'array' }>; keys: DefinedKey[] } | { ok: false; error: BibliographyParseError };

function parse(text: string): Parsed {
  let root: JsonNode;
  try {
    root = parseJsonTree(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, error: parseErrorAt(text, error.offset, error.message) };
    throw error;
  }
  if (root.kind !== 'array') {
    return { ok: false, error: parseErrorAt(text, root.start, `A CSL-JSON bibliography must be an array of items, not ${root.kind === 'object' ? 'an object' : `a ${root.kind}`}`) };
  }
  const keys: DefinedKey[] = [];
  for (const item of root.items) {
    if (item.kind !== 'object') continue;
    const id = item.members.find((m) => m.key === 'id')?.value;
    // CSL allows numeric ids; Pandoc cites them as text.
    if (id?.kind === 'string') keys.push({ key: id.value, start: id.start + 1, end: id.end - 1 });
    else if (id?.kind === 'number') keys.push({ key: text.slice(id.start, id.end), start: id.start, end: id.end });
  }
  return { ok: true, root, keys };
}

function isBlank(text: string): boolean {
  return text.replace(/^\ufeff/, '').trim() === '';
}

/** The keys (item ids) a CSL-JSON file defines, or its syntax error. An empty file defines none. */
export function cslJsonKeys(text: string): KeysResult {
  if (isBlank(text)) return { ok: true, keys: [] };
  const parsed = parse(text);
  return parsed.ok ? { ok: true, keys: parsed.keys } : parsed;
}

/** Leading whitespace of the line holding `offset`, when only whitespace precedes it there. */
function lineIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * Adds the items whose id the file does not define yet (ids compare
 * case-insensitively) after its last item. Pretty-printed files get
 * pretty-printed items in the same indentation; one-line items get one-line
 * items. A blank file becomes a fresh array. A file that does not parse gets
 * no edit and its error.
 */
export function upsertCslJson(text: string, items: readonly CslJsonItem[]): UpsertResult {
  const eol = detectEol(text);
  if (isBlank(text)) {
    const toAdd = missingEntries([], items, (item) => item.id);
    if (toAdd.length === 0) return { ok: true, edit: undefined, added: [] };
    const body = toAdd.map((item) => `  ${JSON.stringify(item, null, 2).replace(/\n/g, `${eol}  `)}`).join(`,${eol}`);
    const start = text.startsWith('\ufeff') ? 1 : 0;
    return { ok: true, edit: { start, end: text.length, newText: `[${eol}${body}${eol}]${eol}` }, added: toAdd.map((i) => i.id) };
  }
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const toAdd = missingEntries(parsed.keys, items, (item) => item.id);
  if (toAdd.length === 0) return { ok: true, edit: undefined, added: [] };
  return { ok: true, edit: appendEdit(text, parsed.root, toAdd, eol), added: toAdd.map((i) => i.id) };
}

function appendEdit(text: string, root: Extract<JsonNode, { kind: 'array' }>, toAdd: readonly CslJsonItem[], eol: string): TextEdit {
  const last = root.items.at(-1);
  if (!last) {
    // `[]`: open it up, indented one level deeper than the bracket's line.
    const base = lineIndent(text, root.start) ?? '';
    const indent = `${base}  `;
    const body = toAdd.map((item) => indent + JSON.stringify(item, null, 2).replace(/\n/g, eol + indent)).join(`,${eol}`);
    return { start: root.start + 1, end: root.end - 1, newText: `${eol}${body}${eol}${base}` };
  }
  const itemIndent = lineIndent(text, last.start);
  const multiLine = text.slice(last.start, last.end).includes('\n');
  if (itemIndent === undefined) {
    // Items share lines (`[{…}, {…}]`): keep the file's separator and write items on one line.
    const previous = root.items.at(-2);
    const separator = previous ? text.slice(previous.end, last.start) : ', ';
    return { start: last.end, end: last.end, newText: toAdd.map((item) => separator + JSON.stringify(item)).join('') };
  }
  let unit = '  ';
  if (multiLine && last.kind === 'object') {
    const member = last.members[0];
    const memberIndent = member ? lineIndent(text, member.keyStart) : undefined;
    if (memberIndent !== undefined && memberIndent.startsWith(itemIndent) && memberIndent.length > itemIndent.length) {
      unit = memberIndent.slice(itemIndent.length);
    }
  }
  const write = (item: CslJsonItem): string =>
    multiLine ? JSON.stringify(item, null, unit).replace(/\n/g, eol + itemIndent) : JSON.stringify(item);
  return { start: last.end, end: last.end, newText: toAdd.map((item) => `,${eol}${itemIndent}${write(item)}`).join('') };
}
