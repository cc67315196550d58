/**
 * A CSL-JSON bibliography (`.json`: an array of items), read for its keys and
 * extended in place: new items go after the last one, written in the file's
 * own indentation and line ending; nothing the user wrote is touched.
 *
 * The file is read with jsonc-parser's streaming visitor, which reports every
 * value with its offsets without building strings or a tree for the parts
 * Paper Atlas does not need, and held to strict JSON (no comments, no
 * trailing commas), as pandoc's reader is.
 */
// The ES module build: esbuild cannot follow the UMD build's own requires
// (microsoft/node-jsonc-parser#57), and the bundle fails with "Cannot find module './impl/format'".
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { detectEol, type TextEdit } from '../text/textEdit';
import { missingEntries } from './missingEntries';
import { parseErrorAt, type BibliographyParseError, type DefinedKey, type KeysResult, type UpsertResult } from './parseError';

/** A CSL-JSON item to add: a JSON-serialisable object with a string `id` (e.g. `toCslJson`'s `CslItem`). */
export interface CslJsonItem {
  readonly id: string;
}

/** A top-level array item: its range, and where its first property name starts (objects only). */
interface Item {
  readonly start: number;
  end: number;
  readonly isObject: boolean;
  firstKeyStart?: number;
}

/** What the upsert needs of a parsed file: the root array's range, its items and their keys. */
interface Outline {
  readonly rootStart: number;
  readonly rootEnd: number;
  readonly items: readonly Item[];
  readonly keys: DefinedKey[];
}

type Parsed = { ok: true; outline: Outline } | { ok: false; error: BibliographyParseError };

type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

const BOM = '\ufeff';

/** Pandoc reads strict JSON: no comments, no trailing commas, no empty file (a blank file is handled before parsing). */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const cp = text.codePointAt(offset) ?? 0;
  return `'${String.fromCodePoint(cp)}'`;
}

/** The offset of the last non-whitespace character before `offset`, or -1. */
function previousToken(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i] ?? '')) i--;
  return i;
}

/** Where in the string token `[start, end)` its first bad escape or raw control character is. */
function badCharInString(text: string, start: number, end: number, escapes: boolean): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      if (escapes) return i;
      i++;
    } else if (c < 0x20 && !escapes) {
      return i;
    }
  }
  return start;
}

/**
 * The first syntax error jsonc-parser reports, worded for a person and placed
 * where the problem is; `container` is what the error is inside (`done`: after
 * the top-level value).
 */
function syntaxError(text: string, code: ParseErrorCode, offset: number, length: number, container: 'object' | 'array' | 'done' | undefined): { offset: number; message: string } {
  const found = describe(text, offset);
  if (printParseErrorCode(code) === 'InvalidCommentToken') return { offset, message: `Unexpected '/': JSON allows no comments (pandoc rejects them)` };
  if (container === 'done') return { offset, message: `Unexpected ${found} after the end of the JSON value` };
  switch (printParseErrorCode(code)) {
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const before = previousToken(text, offset);
      const close = text[offset];
      if (text[before] === ',' && (close === ']' || close === '}')) return { offset: before, message: `Trailing comma before '${close}'` };
      if (offset >= text.length) return { offset, message: 'Unexpected end of the file' };
      return { offset, message: printParseErrorCode(code) === 'ValueExpected' ? `Expected a value but found ${found}` : `Expected a property name in double quotes but found ${found}` };
    }
    case 'ColonExpected':
      return { offset, message: `Expected ':' after the property name but found ${found}` };
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return { offset, message: container === 'object' ? `Expected ',' or '}' but found ${found}` : `Expected ',' or ']' but found ${found}` };
    case 'EndOfFileExpected':
      return { offset, message: `Unexpected ${found} after the end of the JSON value` };
    case 'UnexpectedEndOfString': {
      const lineBreak = text[offset + length] === '\n' || text[offset + length] === '\r';
      return { offset, message: lineBreak ? 'Unterminated string (a line break in a string must be written \\n)' : 'Unterminated string' };
    }
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return { offset: badCharInString(text, offset, offset + length, true), message: 'Invalid escape in string' };
    case 'InvalidCharacter':
      return { offset: badCharInString(text, offset, offset + length, false), message: 'Control character in string (a line break must be written \\n)' };
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return { offset, message: `Invalid number ${text.slice(offset, offset + length)}` };
    default:
      return { offset, message: `Unexpected ${found}` };
  }
}

function parse(text: string): Parsed {
  const keys: DefinedKey[] = [];
  const items: Item[] = [];
  /** Kinds of the open containers, outermost first. */
  const open: ('object' | 'array')[] = [];
  let rootKind: ValueKind | undefined;
  let rootStart = 0;
  let rootEnd = 0;
  let idPending = false;
  let error: { offset: number; message: string } | undefined;

  /** A value starts at `offset`; depth is the number of containers around it. */
  const value = (kind: ValueKind, offset: number, length: number, literal?: unknown): void => {
    const depth = open.length;
    if (depth === 0) {
      rootKind ??= kind;
      rootStart = offset;
      rootEnd = offset + length;
    } else if (depth === 1 && open[0] === 'array') {
      items.push({ start: offset, end: offset + length, isObject: kind === 'object' });
    } else if (depth === 2 && idPending) {
      idPending = false;
      // CSL allows numeric ids; pandoc cites them as text.
      if (typeof literal === 'string') keys.push({ key: literal, start: offset + 1, end: offset + length - 1 });
      else if (kind === 'number') keys.push({ key: text.slice(offset, offset + length), start: offset, end: offset + length });
    }
  };
  const close = (offset: number, length: number): void => {
    open.pop();
    const depth = open.length;
    if (depth === 0) rootEnd = offset + length;
    else if (depth === 1 && open[0] === 'array') {
      const item = items.at(-1);
      if (item) item.end = offset + length;
    }
  };

  try {
    visit(
      text,
      {
        onObjectBegin: (offset, length) => {
          value('object', offset, length);
          open.push('object');
        },
        onArrayBegin: (offset, length) => {
          value('array', offset, length);
          open.push('array');
        },
        onObjectEnd: close,
        onArrayEnd: close,
        onObjectProperty: (property, offset) => {
          if (open.length !== 2 || open[0] !== 'array') return;
          const item = items.at(-1);
          if (item && item.firstKeyStart === undefined) item.firstKeyStart = offset;
          idPending = property === 'id';
        },
        onLiteralValue: (literal: unknown, offset, length) => {
          value(literal === null ? 'null' : (typeof literal as ValueKind), offset, length, literal);
        },
        onError: (code, offset, length) => {
          // A byte order mark is no JSON token, but pandoc and every editor skip it.
          if (error || (offset === 0 && text.startsWith(BOM))) return;
          error = syntaxError(text, code, offset, length, open.at(-1) ?? (rootKind === undefined ? undefined : 'done'));
        },
      },
      STRICT,
    );
  } catch (thrown) {
    // jsonc-parser recurses once per nesting level; thousands of `[` exhaust the stack.
    if (thrown instanceof RangeError) return { ok: false, error: parseErrorAt(text, 0, 'The JSON is nested too deeply to read') };
    throw thrown;
  }
  if (error) return { ok: false, error: parseErrorAt(text, error.offset, error.message) };
  if (rootKind !== 'array') {
    const what = rootKind === 'object' ? 'an object' : rootKind === 'null' ? 'null' : `a ${rootKind ?? 'value'}`;
    return { ok: false, error: parseErrorAt(text, rootStart, `A CSL-JSON bibliography must be an array of items, not ${what}`) };
  }
  return { ok: true, outline: { rootStart, rootEnd, items, keys } };
}

function isBlank(text: string): boolean {
  return text.replace(/^\ufeff/, '').trim() === '';
}

/** The keys (item ids) a CSL-JSON file defines, or its syntax error. An empty file defines none. */
export function cslJsonKeys(text: string): KeysResult {
  if (isBlank(text)) return { ok: true, keys: [] };
  const parsed = parse(text);
  return parsed.ok ? { ok: true, keys: parsed.outline.keys } : parsed;
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
    const start = text.startsWith(BOM) ? 1 : 0;
    return { ok: true, edit: { start, end: text.length, newText: `[${eol}${body}${eol}]${eol}` }, added: toAdd.map((i) => i.id) };
  }
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const toAdd = missingEntries(parsed.outline.keys, items, (item) => item.id);
  if (toAdd.length === 0) return { ok: true, edit: undefined, added: [] };
  return { ok: true, edit: appendEdit(text, parsed.outline, toAdd, eol), added: toAdd.map((i) => i.id) };
}

function appendEdit(text: string, outline: Outline, toAdd: readonly CslJsonItem[], eol: string): TextEdit {
  const last = outline.items.at(-1);
  if (!last) {
    // `[]`: open it up, indented one level deeper than the bracket's line. The
    // items go right after `[`; a line break already before `]` closes them.
    const base = lineIndent(text, outline.rootStart) ?? '';
    const indent = `${base}  `;
    const body = toAdd.map((item) => indent + JSON.stringify(item, null, 2).replace(/\n/g, eol + indent)).join(`,${eol}`);
    const inside = text.slice(outline.rootStart + 1, outline.rootEnd - 1);
    const close = /[\r\n]/.test(inside) ? '' : `${eol}${base}`;
    return { start: outline.rootStart + 1, end: outline.rootStart + 1, newText: `${eol}${body}${close}` };
  }
  const itemIndent = lineIndent(text, last.start);
  const newline = text.indexOf('\n', last.start);
  const multiLine = newline !== -1 && newline < last.end;
  if (itemIndent === undefined) {
    // Items share lines (`[{…}, {…}]`): keep the file's separator and write items on one line.
    const previous = outline.items.at(-2);
    const separator = previous ? text.slice(previous.end, last.start) : ', ';
    return { start: last.end, end: last.end, newText: toAdd.map((item) => separator + JSON.stringify(item)).join('') };
  }
  let unit = '  ';
  if (multiLine && last.isObject && last.firstKeyStart !== undefined) {
    const memberIndent = lineIndent(text, last.firstKeyStart);
    if (memberIndent !== undefined && memberIndent.startsWith(itemIndent) && memberIndent.length > itemIndent.length) {
      unit = memberIndent.slice(itemIndent.length);
    }
  }
  const write = (item: CslJsonItem): string =>
    multiLine ? JSON.stringify(item, null, unit).replace(/\n/g, eol + itemIndent) : JSON.stringify(item);
  return { start: last.end, end: last.end, newText: toAdd.map((item) => `,${eol}${itemIndent}${write(item)}`).join('') };
}
