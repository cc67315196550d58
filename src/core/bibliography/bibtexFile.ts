/**
 * A BibTeX bibliography (`.bib`), read for its entries' keys and extended by
 * appending entries at the end, in the file's own field indentation, entry
 * spacing and line ending; nothing the user wrote is touched.
 */
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
 * `@comment`, `@string` and `@preamble` are read and skipped. Every scan
 * moves forward only, so reading takes time linear in the file's length.
 */
export function parseBibtex(text: string): Parsed {
  try {
    return { ok: true, entries: new BibtexReader(text).readAll() };
  } catch (error) {
    if (error instanceof BibtexSyntaxError) return { ok: false, error: parseErrorAt(text, error.offset, error.message) };
    throw error;
  }
}

/** Characters that end a citation key, a field name or a bare value. */
const DELIMITERS = '\\s,{}()"#=%';
const ENTRY_TYPE = /[ \t]*([A-Za-z][\w-]*)/y;
/** A citation key or a field name (empty when there is none: the caller says what was expected). */
const NAME = new RegExp(`[^${DELIMITERS}]*`, 'y');
const BARE_VALUE = new RegExp(`[^${DELIMITERS}]+`, 'y');
const SPACE = /\s/;

/** A cursor over a BibTeX file that reads it entry by entry; each method is one step of the grammar. */
class BibtexReader {
  private i = 0;

  constructor(private readonly text: string) {}

  /** Every entry, in order: skip the comment text up to the next `@`, read what it opens, repeat. */
  readAll(): BibtexEntry[] {
    const entries: BibtexEntry[] = [];
    while (this.skipToNextAt()) {
      const entry = this.readAt();
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Moves to the next `@` outside `%` comments; false at the end of the file. */
  private skipToNextAt(): boolean {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '@') return true;
      if (c === '%') this.skipLine();
      else this.i++;
    }
    return false;
  }

  /**
   * Reads what the `@` at the cursor opens: an entry, a directive (skipped),
   * or nothing when it is text such as an e-mail address.
   */
  private readAt(): BibtexEntry | undefined {
    const start = this.i++;
    const type = this.match(ENTRY_TYPE)?.[1];
    if (type === undefined) return undefined; // an `@` in comment text
    const kind = type.toLowerCase();
    // Glued to a word, an `@` opens an entry when a brace follows (`junk@misc{x,`,
    // which pandoc and biber read), and is text otherwise (`me@example.org`,
    // which both refuse; reading it as text keeps the file usable).
    const glued = /[\p{L}\p{N}.]/u.test(this.text[start - 1] ?? ' ');
    this.skipSpace();
    const open = this.text[this.i];
    if (open !== '{' && open !== '(') {
      if (glued || kind === 'comment') return undefined; // `@comment` alone comments out nothing more
      this.fail(`Expected '{' after @${type}`);
    }
    const close = open === '{' ? '}' : ')';
    if (kind === 'comment' || kind === 'preamble' || kind === 'string') {
      this.skipDirective(open, close, kind, start);
      return undefined;
    }
    this.i++;
    const { key, keyStart } = this.readKey(type, close);
    if (this.text[this.i] === ',') {
      this.i++;
      this.skipFields(close, key, start);
    } else {
      this.i++; // the closing delimiter, which `readKey` checked
    }
    return { type: kind, key, keyStart, start, end: this.i };
  }

  /** Reads the citation key and the space after it, up to its `,` or the entry's end. */
  private readKey(type: string, close: string): { key: string; keyStart: number } {
    this.skipSpace();
    const keyStart = this.i;
    const key = this.match(NAME)?.[0] ?? '';
    if (key === '') this.fail(`The @${type} entry has no citation key`);
    this.skipSpace();
    if (this.text[this.i] !== ',' && this.text[this.i] !== close) this.fail(`Expected ',' after the key "${key}"`);
    return { key, keyStart };
  }

  /** Skips the body of `@comment`, `@string` or `@preamble`. */
  private skipDirective(open: string, close: string, kind: string, start: number): void {
    if (open === '{') {
      this.skipBraced(start, `@${kind}`);
      return;
    }
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === close) {
        this.i++;
        return;
      }
      if (this.i >= this.text.length) this.fail(`The @${kind} opened at line ${lineOf(this.text, start)} is never closed`, start);
      this.skipValue(`@${kind}`, start);
      this.skipSpace();
      if (this.text[this.i] === '=' || this.text[this.i] === ',') this.i++;
    }
  }

  /** Skips `name = value, …` up to and including `close`. */
  private skipFields(close: string, key: string, entryStart: number): void {
    const { text } = this;
    const neverClosed = (): never =>
      this.fail(`Unbalanced braces: the entry "${key}" opened at line ${lineOf(text, entryStart)} is never closed`, entryStart);
    for (;;) {
      this.skipSpace();
      if (this.i >= text.length) neverClosed();
      if (text[this.i] === close) {
        this.i++;
        return;
      }
      const name = this.match(NAME)?.[0] ?? '';
      if (name === '') this.fail(`Expected a field name in the entry "${key}" but found ${this.describe()}`);
      this.skipSpace();
      if (text[this.i] !== '=') this.fail(`Expected '=' after the field name "${name}" in the entry "${key}"`);
      this.i++;
      this.skipValue(`value of "${name}"`, entryStart);
      this.skipSpace();
      if (text[this.i] === ',') this.i++;
      else if (this.i >= text.length) neverClosed();
      else if (text[this.i] !== close) this.fail(`Expected ',' or '${close}' after the value of "${name}" in the entry "${key}" but found ${this.describe()}`);
    }
  }

  /** Skips a value: parts (`{…}`, `"…"`, a number or a macro name) joined by `#`. */
  private skipValue(what: string, entryStart: number): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.i];
      if (c === '{') this.skipBraced(entryStart, what);
      else if (c === '"') this.skipQuoted(entryStart, what);
      else if (!this.match(BARE_VALUE)) this.fail(`Expected a value (in braces, in quotes, a number or a @string name) for the ${what} but found ${this.describe()}`);
      this.skipSpace();
      if (this.text[this.i] !== '#') return;
      this.i++;
    }
  }

  /** Skips a `{…}` group; its braces must balance, escaped ones too, as BibTeX and biber count them. */
  private skipBraced(entryStart: number, what: string): void {
    const { text } = this;
    const open = this.i;
    let depth = 0;
    for (; this.i < text.length; this.i++) {
      if (text[this.i] === '{') depth++;
      else if (text[this.i] === '}' && --depth === 0) {
        this.i++;
        return;
      }
    }
    this.fail(`Unbalanced braces: the ${what} opened at line ${lineOf(text, open)} is never closed`, entryStart);
  }

  /**
   * Skips a `"…"` value, which ends at a `"` outside braces. A `\\"` is the
   * umlaut command, not the end: pandoc reads `"Caf\\"e"` as `Café`. (BibTeX
   * and biber end the value there and report what follows; reading it
   * pandoc's way keeps a note that pandoc renders citable.)
   */
  private skipQuoted(entryStart: number, what: string): void {
    const { text } = this;
    const open = this.i++;
    let depth = 0;
    for (; this.i < text.length; this.i++) {
      const c = text[this.i];
      if (c === '{') depth++;
      else if (c === '}') {
        if (--depth < 0) this.fail(`Unbalanced braces in the quoted ${what}`);
      } else if (c === '\\' && text[this.i + 1] === '"') {
        this.i++;
      } else if (c === '"' && depth === 0) {
        this.i++;
        return;
      }
    }
    this.fail(`The quoted ${what} opened at line ${lineOf(text, open)} is never closed`, entryStart);
  }

  /** Skips white space and `%` comments, which biber and pandoc allow between the parts of an entry. */
  private skipSpace(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i] ?? '';
      if (c === '%') this.skipLine();
      else if (SPACE.test(c)) this.i++;
      else return;
    }
  }

  /** Moves to the end of the line (before its line break: LF, CRLF or a lone CR). */
  private skipLine(): void {
    const { text } = this;
    while (this.i < text.length && text[this.i] !== '\n' && text[this.i] !== '\r') this.i++;
  }

  /** Matches a sticky `pattern` at the cursor and moves past it. */
  private match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.i;
    const found = pattern.exec(this.text);
    if (found) this.i += found[0].length;
    return found ?? undefined;
  }

  private describe(): string {
    return this.i >= this.text.length ? 'the end of the file' : `'${this.text[this.i] ?? ''}'`;
  }

  private fail(message: string, at = this.i): never {
    throw new BibtexSyntaxError(message, at);
  }
}

function lineOf(text: string, offset: number): number {
  return parseErrorAt(text, offset, '').line + 1;
}

/** The keys a BibTeX file defines, or its syntax error. */
export function bibtexKeys(text: string): KeysResult {
  const parsed = parseBibtex(text);
  if (!parsed.ok) return parsed;
  return { ok: true, keys: parsed.entries.map((e): DefinedKey => ({ key: e.key, start: e.keyStart, end: e.keyStart + e.key.length })) };
}

/** A cited key that a bibliography defines only in another letter case. */
export interface KeyInAnotherCase {
  /** The key as cited (`foo`). */
  readonly key: string;
  /** The key the file defines (`FOO`), and where it is written. */
  readonly defined: DefinedKey;
}

/**
 * The `keys` (as cited) that `defined` (from `bibtexKeys`) lacks in exactly
 * that case but has in another, each once, in order, with the key the file
 * has: the first, if it has several.
 *
 * Pandoc matches citation keys case-sensitively (`[@foo]` does not find
 * `@misc{FOO,…}`: citeproc prints `(foo?)` and warns "citation foo not
 * found"; checked with pandoc 2.17, see the tests), and so does biber, which
 * warns of a "possible typo (case mismatch)". Classic BibTeX instead calls
 * two such keys one and stops on the mismatch. So `upsertBibtex`, like
 * `missingEntries`, compares keys case-insensitively and adds no `foo` beside
 * `FOO`, since that file would be wrong for BibTeX and warned about by biber;
 * the citation still does not resolve, which this lets the caller say
 * ("refs.bib has FOO; pandoc matches keys case-sensitively") and offer the
 * existing key instead.
 */
export function keysInAnotherCase(defined: readonly DefinedKey[], keys: readonly string[]): KeyInAnotherCase[] {
  const exact = new Set(defined.map((d) => d.key));
  const byFolded = new Map<string, DefinedKey>();
  for (const d of defined) if (!byFolded.has(d.key.toLowerCase())) byFolded.set(d.key.toLowerCase(), d);
  const seen = new Set<string>();
  const found: KeyInAnotherCase[] = [];
  for (const key of keys) {
    if (exact.has(key) || seen.has(key)) continue;
    seen.add(key);
    const other = byFolded.get(key.toLowerCase());
    if (other) found.push({ key, defined: other });
  }
  return found;
}

/** The file's line ending: that of its first line break (CRLF, LF or a lone CR, as old Mac files have); LF if it has none. */
function lineEnding(text: string): '\r\n' | '\n' | '\r' {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/** Whether `segment` holds a blank line (nothing but spaces and tabs between two line breaks). */
function hasBlankLine(segment: string): boolean {
  return segment.split(/\r\n|\r|\n/).slice(1, -1).some((line) => /^[ \t]*$/.test(line));
}

/**
 * The line breaks in the spaces, tabs and line breaks that end `text`, and
 * whether `text` ends right after a break. It reads backwards over that
 * white space only: a regular expression anchored at `$` retries from every
 * offset of a long run of blanks, which is quadratic.
 */
function trailingWhiteSpace(text: string): { breaks: number; endsWithBreak: boolean } {
  let breaks = 0;
  let i = text.length;
  for (; i > 0; i--) {
    const c = text[i - 1];
    if (c === '\n') {
      breaks++;
      if (text[i - 2] === '\r') i--;
    } else if (c === '\r') breaks++;
    else if (c !== ' ' && c !== '\t') break;
  }
  const last = text.at(-1);
  return { breaks, endsWithBreak: last === '\n' || last === '\r' };
}

/** Indentation of the entry's field lines (the second line's leading whitespace), if it has any. */
function fieldIndent(text: string, entry: BibtexEntry): string | undefined {
  const body = text.slice(entry.start, entry.end);
  return /(?:\r\n?|\n)([ \t]+)\S/.exec(body)?.[1];
}

/**
 * Adds the entries whose key the file does not define yet (keys compare
 * case-insensitively; see `keysInAnotherCase` for why, and for telling the
 * user about such a key) at its end. `entries` are BibTeX source, one entry each
 * (as `toBibtex` writes them); their field lines take the file's field
 * indentation, and entries are separated as the file's are (a blank line
 * unless its entries follow each other directly), with the file's own line
 * ending (CRLF, LF or CR). The edit only inserts: not a character of the
 * file changes, white space included (a blank file gets the entries before
 * its blanks). A file that does not parse gets no edit and its error.
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

  const eol = lineEnding(text);
  const existing = parsed.entries;
  const indent = existing.map((e) => fieldIndent(text, e)).find((found) => found !== undefined);
  const last = existing.at(-1);
  const beforeLast = existing.at(-2);
  const blankBetween = !(last && beforeLast && !hasBlankLine(text.slice(beforeLast.end, last.start)));
  const gap = blankBetween ? 2 : 1;

  const written = toAdd.map(({ source }) => {
    const lines = source.split(/\r\n|\r|\n/);
    const ownIndent = /^[ \t]+/.exec(lines[1] ?? '')?.[0];
    const reindented = lines.map((line, index) =>
      index > 0 && indent !== undefined && ownIndent !== undefined && line.startsWith(ownIndent) && /^[ \t]+[^\s=]+\s*=/.test(line)
        ? indent + line.slice(ownIndent.length)
        : line,
    );
    return reindented.join(eol);
  });

  // A file of white space gets the entries first, its own blanks kept after them (and its BOM before).
  const start = text.startsWith('\ufeff') ? 1 : 0;
  if (text.slice(start).trim() === '') {
    return { ok: true, edit: { start, end: start, newText: written.join(eol.repeat(gap)) + eol }, added: toAdd.map((s) => s.key) };
  }
  const { breaks, endsWithBreak } = trailingWhiteSpace(text);
  // After a line that is not ended yet, one more break ends it before the gap counts.
  const lead = eol.repeat(Math.max(endsWithBreak ? 0 : 1, gap - breaks));
  const newText = lead + written.join(eol.repeat(gap)) + eol;
  return { ok: true, edit: { start: text.length, end: text.length, newText }, added: toAdd.map((s) => s.key) };
}
