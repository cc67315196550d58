/**
 * A BibTeX bibliography (`.bib`), read for its entries' keys and extended by
 * appending entries at the end, in the file's own field indentation, entry
 * spacing and line ending; nothing the user wrote is touched.
 */
import { detectEol } from '../text/textEdit';
import { missingEntries } from './missingEntries';
import { parseErrorAt, type BibliographyParseError, type DefinedKey, type KeysResult, type UpsertResult } from './parseError';

/** One `@type{key, …}` entry of a BibTeX file. */
export interface BibtexEntry {
  /** Entry type, lower-cased (`article`, `misc`…). */
  readonly type: string;
  readonly key: string;
  readonly keyStart: number;
  /** Offset of the `@`. */
  readonly start: number;
  /** Offset just past the closing `}` or `)`. */
  readonly end: number;
}

type Parsed = { ok: true; entries: BibtexEntry[] } | { ok: false; error: BibliographyParseError };

class BibtexSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses the entries of a BibTeX file. Text between entries is a comment, as
 * BibTeX has it (a `%` line comment too, as biber and Pandoc have it);
 * `@comment`, `@string` and `@preamble` are read and skipped.
 */
export function parseBibtex(text: string): Parsed {
  try {
    return { ok: true, entries: readEntries(text) };
  } catch (error) {
    if (error instanceof BibtexSyntaxError) return { ok: false, error: parseErrorAt(text, error.offset, error.message) };
    throw error;
  }
}

function readEntries(text: string): BibtexEntry[] {
  const entries: BibtexEntry[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new BibtexSyntaxError(message, at);
  };
  const skipWs = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  /** Skips a `{…}` group starting at `i`; braces must balance. */
  const skipBraces = (entryStart: number, what: string): void => {
    const open = i;
    let depth = 0;
    for (; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        i++;
        return;
      }
    }
    fail(`Unbalanced braces: the ${what} opened at line ${lineOf(text, open)} is never closed`, entryStart);
  };
  const skipQuoted = (entryStart: number, what: string): void => {
    const open = i++;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        if (--depth < 0) fail(`Unbalanced braces in the quoted ${what}`, i);
      } else if (c === '"' && depth === 0) {
        i++;
        return;
      }
    }
    fail(`The quoted ${what} opened at line ${lineOf(text, open)} is never closed`, entryStart);
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '%') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    // An `@` inside a word (an e-mail address in a comment) starts no entry.
    if (c !== '@' || /[\p{L}\p{N}.]/u.test(text[i - 1] ?? ' ')) {
      i++;
      continue;
    }
    const start = i;
    const typeMatch = /^@[ \t]*([A-Za-z][\w-]*)/.exec(text.slice(i, i + 100));
    if (!typeMatch?.[1]) {
      i++; // an `@` in comment text, such as an e-mail address
      continue;
    }
    const type = typeMatch[1].toLowerCase();
    i += typeMatch[0].length;
    skipWs();
    const open = text[i];
    if (type === 'comment' && open !== '{') continue; // `@comment` alone comments out nothing more
    if (open !== '{' && open !== '(') fail(`Expected '{' after @${typeMatch[1]}`);
    const close = open === '{' ? '}' : ')';
    if (type === 'comment' || type === 'preamble' || type === 'string') {
      if (open === '{') skipBraces(start, `@${type}`);
      else {
        i++;
        skipValueList(close, type);
      }
      continue;
    }
    i++;
    skipWs();
    const keyStart = i;
    while (i < text.length && !/[\s,{}()"#=%]/.test(text[i] ?? '')) i++;
    const key = text.slice(keyStart, i);
    if (key === '') fail(`The @${typeMatch[1]} entry has no citation key`);
    skipWs();
    if (text[i] === ',') {
      i++;
      skipFields(close, key, start);
    } else if (text[i] === close) {
      i++;
    } else {
      fail(`Expected ',' after the key "${key}"`);
    }
    entries.push({ type, key, keyStart, start, end: i });
  }
  return entries;

  /** Reads `name = value, …` up to and including `close`. */
  function skipFields(close: string, key: string, entryStart: number): void {
    for (;;) {
      skipWs();
      if (i >= text.length) fail(`Unbalanced braces: the entry "${key}" opened at line ${lineOf(text, entryStart)} is never closed`, entryStart);
      if (text[i] === close) {
        i++;
        return;
      }
      const nameStart = i;
      while (i < text.length && !/[\s=,{}()"#%]/.test(text[i] ?? '')) i++;
      const name = text.slice(nameStart, i);
      if (name === '') fail(`Expected a field name in the entry "${key}" but found ${describe(text, i)}`);
      skipWs();
      if (text[i] !== '=') fail(`Expected '=' after the field name "${name}" in the entry "${key}"`);
      i++;
      skipValue(`value of "${name}"`, entryStart);
      skipWs();
      if (text[i] === ',') {
        i++;
      } else if (text[i] !== close) {
        fail(i >= text.length
          ? `Unbalanced braces: the entry "${key}" opened at line ${lineOf(text, entryStart)} is never closed`
          : `Expected ',' or '${close}' after the value of "${name}" in the entry "${key}" but found ${describe(text, i)}`,
          i >= text.length ? entryStart : i);
      }
    }
  }

  /** Reads a value: parts (`{…}`, `"…"`, a number or a macro name) joined by `#`. */
  function skipValue(what: string, entryStart: number): void {
    for (;;) {
      skipWs();
      const c = text[i];
      if (c === '{') skipBraces(entryStart, what);
      else if (c === '"') skipQuoted(entryStart, what);
      else {
        const word = /^[^\s,{}()"#=%]+/.exec(text.slice(i, i + 200));
        if (!word) fail(`Expected a value (in braces, in quotes, a number or a @string name) for the ${what} but found ${describe(text, i)}`);
        i += word?.[0].length ?? 0;
      }
      skipWs();
      if (text[i] !== '#') return;
      i++;
    }
  }

  /** The body of `@string(…)`/`@preamble(…)`, up to `close`. */
  function skipValueList(close: string, type: string): void {
    const at = i;
    for (;;) {
      skipWs();
      if (text[i] === close) {
        i++;
        return;
      }
      if (i >= text.length) fail(`The @${type} opened at line ${lineOf(text, at)} is never closed`, at);
      skipValue(`@${type}`, at);
      skipWs();
      if (text[i] === '=' || text[i] === ',') i++;
    }
  }
}

function lineOf(text: string, offset: number): number {
  return parseErrorAt(text, offset, '').line + 1;
}

function describe(text: string, offset: number): string {
  return offset >= text.length ? 'the end of the file' : `'${text[offset] ?? ''}'`;
}

/** The keys a BibTeX file defines, or its syntax error. */
export function bibtexKeys(text: string): KeysResult {
  const parsed = parseBibtex(text);
  if (!parsed.ok) return parsed;
  return { ok: true, keys: parsed.entries.map((e): DefinedKey => ({ key: e.key, start: e.keyStart, end: e.keyStart + e.key.length })) };
}

/** Indentation of the entry's field lines (the second line's leading whitespace), if it has any. */
function fieldIndent(text: string, entry: BibtexEntry): string | undefined {
  const body = text.slice(entry.start, entry.end);
  return /\r?\n([ \t]+)\S/.exec(body)?.[1];
}

/**
 * Adds the entries whose key the file does not define yet (keys compare
 * case-insensitively) at its end. `entries` are BibTeX source, one entry each
 * (as `toBibtex` writes them); their field lines take the file's field
 * indentation, and entries are separated as the file's are (a blank line
 * unless its entries follow each other directly). A blank file becomes the
 * entries alone. A file that does not parse gets no edit and its error.
 *
 * @throws Error when one of `entries` is not exactly one valid entry.
 */
export function upsertBibtex(text: string, entries: readonly string[]): UpsertResult {
  const sources = entries.map((source) => {
    const parsed = parseBibtex(source);
    const [entry, extra] = parsed.ok ? parsed.entries : [];
    if (!entry || extra) throw new Error(`Not a single BibTeX entry: ${source.slice(0, 80)}`);
    return { key: entry.key, source: source.slice(entry.start, entry.end), entry };
  });
  const parsed = parseBibtex(text);
  if (!parsed.ok) return parsed;
  const defined = parsed.entries.map((e) => ({ key: e.key, start: e.keyStart, end: e.keyStart + e.key.length }));
  const toAdd = missingEntries(defined, sources, (s) => s.key);
  if (toAdd.length === 0) return { ok: true, edit: undefined, added: [] };

  const eol = detectEol(text);
  const existing = parsed.entries;
  const indent = existing.map((e) => fieldIndent(text, e)).find((found) => found !== undefined);
  const last = existing.at(-1);
  const beforeLast = existing.at(-2);
  const blankBetween = !(last && beforeLast && !/\n[ \t]*\r?\n/.test(text.slice(beforeLast.end, last.start)));
  const gap = blankBetween ? 2 : 1;

  const written = toAdd.map(({ source }) => {
    const lines = source.replace(/\r?\n/g, '\n').split('\n');
    const ownIndent = /^[ \t]+/.exec(lines[1] ?? '')?.[0];
    const reindented = lines.map((line, index) =>
      index > 0 && indent !== undefined && ownIndent !== undefined && line.startsWith(ownIndent) && /^[ \t]+[^\s=]+\s*=/.test(line)
        ? indent + line.slice(ownIndent.length)
        : line,
    );
    return reindented.join(eol);
  });

  const start = text.startsWith('\ufeff') ? 1 : 0;
  if (text.slice(start).trim() === '') {
    return { ok: true, edit: { start, end: text.length, newText: written.join(eol.repeat(gap)) + eol }, added: toAdd.map((s) => s.key) };
  }
  const trailingBreaks = (/(?:[ \t]*\r?\n)*$/.exec(text)?.[0].match(/\n/g) ?? []).length;
  const lead = eol.repeat(Math.max(0, gap - trailingBreaks));
  const newText = lead + written.join(eol.repeat(gap)) + eol;
  return { ok: true, edit: { start: text.length, end: text.length, newText }, added: toAdd.map((s) => s.key) };
}
