import { LineMap, type TextEdit } from '../text/textEdit';

/** Why a bibliography file could not be read, and where. */
export interface BibliographyParseError {
  /**
   * Whole sentences, ending with a full stop, without the position: callers
   * prefix `file:line:col` and may add a sentence of their own after it.
   */
  readonly message: string;
  readonly offset: number;
  /** 0-based line of `offset`. */
  readonly line: number;
  /** 0-based character of `offset` on its line (UTF-16 code units). */
  readonly col: number;
}

/**
 * The parse error `message` at `offset` of `text`. The message is given a
 * full stop when it lacks closing punctuation, so every reader's wording
 * reads as a sentence beside the ones callers add.
 */
export function parseErrorAt(text: string, offset: number, message: string): BibliographyParseError {
  const position = new LineMap(text).positionAt(offset);
  const sentence = message === '' || /[.?!]$/.test(message) ? message : `${message}.`;
  return { message: sentence, offset, line: position.line, col: position.character };
}

/** A key a bibliography defines, where it is written. */
export interface DefinedKey {
  readonly key: string;
  /** Range of the key's text in the file. */
  readonly start: number;
  readonly end: number;
}

/** The keys a bibliography defines, or why it does not parse. */
export type KeysResult =
  | { readonly ok: true; readonly keys: readonly DefinedKey[] }
  | { readonly ok: false; readonly error: BibliographyParseError };

/**
 * The result of adding entries to a bibliography: the edit (`undefined` when
 * every entry is there already) and the keys it adds; or, when the file does
 * not parse, why, and no edit at all.
 */
export type UpsertResult =
  | { readonly ok: true; readonly edit: TextEdit | undefined; readonly added: readonly string[] }
  | { readonly ok: false; readonly error: BibliographyParseError };
