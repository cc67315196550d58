/**
 * Pandoc's citation key syntax, in one place: the scanner, the group parser
 * and the citation text builder all read and write keys through it.
 *
 * Pandoc (`simpleCiteIdentifier` in Text.Pandoc.Parsing): a key starts with a
 * letter, digit or `_`; goes on with letters, digits and `_`; and may contain
 * the punctuation `:.#$%&-+?<>~/` only between such characters (so `@doe99.`
 * cites `doe99`), plus `:` or `/` before a `/` (so URLs work). Any other key
 * is written in braces, `@{…}`, which may hold balanced braces but no space.
 */

const WORD = /^[\p{L}\p{N}_]$/u;
const ALNUM = /^[\p{L}\p{N}]$/u;
const INTERNAL = ':.#$%&-+?<>~/';

/** The code point starting at `offset`, as a string (one or two UTF-16 units). */
function charAt(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** The code point ending just before `offset`. */
function charBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text.slice(offset - 1, offset);
}

/**
 * Whether an `@` at `offset` may start a citation: Pandoc refuses one right
 * after a letter or digit, which is what keeps `me@example.org` plain text.
 */
export function mayStartCitation(text: string, offset: number): boolean {
  return !ALNUM.test(charBefore(text, offset));
}

/** A key read from the text. */
export interface ParsedKey {
  readonly key: string;
  /** Offset just past the key (past the closing brace for `@{…}`). */
  readonly end: number;
  /** Whether the key was written `@{…}`. */
  readonly braced: boolean;
}

/**
 * Reads the key after the `@` at `at`, or `undefined` when what follows is not
 * a key. It does not check what precedes the `@` (see {@link mayStartCitation}).
 */
export function parseKeyAfterAt(text: string, at: number): ParsedKey | undefined {
  if (text[at] !== '@') return undefined;
  let i = at + 1;
  if (text[i] === '{') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j] ?? '';
      if (/\s/.test(c)) return undefined;
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        const key = text.slice(i + 1, j);
        return key === '' ? undefined : { key, end: j + 1, braced: true };
      }
    }
    return undefined;
  }
  const first = charAt(text, i);
  if (!WORD.test(first)) return undefined;
  i += first.length;
  for (;;) {
    const c = charAt(text, i);
    if (WORD.test(c)) {
      i += c.length;
    } else if (c !== '' && INTERNAL.includes(c) && WORD.test(charAt(text, i + 1))) {
      i += 1;
    } else if ((c === ':' || c === '/') && text[i + 1] === '/') {
      i += 1;
    } else {
      break;
    }
  }
  return { key: text.slice(at + 1, i), end: i, braced: false };
}

/** Whether `key` can be written bare, `@key`, and read back whole by Pandoc. */
export function isBareKey(key: string): boolean {
  const parsed = parseKeyAfterAt(`@${key}`, 0);
  return parsed !== undefined && !parsed.braced && parsed.key === key;
}

/** Writes a key as Pandoc reads it: `@key`, or `@{key}` when it needs braces. */
export function formatKey(key: string): string {
  return isBareKey(key) ? `@${key}` : `@{${key}}`;
}
