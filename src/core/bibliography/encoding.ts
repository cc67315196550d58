/**
 * Which encoding a bibliography file's bytes are in, so that a caller can
 * refuse to edit one it would damage. Paper Atlas reads and writes
 * bibliographies as UTF-8 text (the core takes strings); pandoc and biber
 * read UTF-8 too.
 */

/**
 * The encoding of a bibliography file's bytes:
 * - `utf-8`: valid UTF-8 with no byte order mark (plain ASCII included);
 * - `utf-8-bom`: valid UTF-8 after a UTF-8 byte order mark;
 * - `utf-16le` / `utf-16be`: a UTF-16 byte order mark;
 * - `latin-1-or-invalid`: anything else, that is bytes that are not
 *   well-formed UTF-8, most often a Latin-1 (or Windows-1252) file.
 */
export type BibliographyEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin-1-or-invalid';

/**
 * The encoding of a bibliography file, from its bytes.
 *
 * Callers must read and write only a file this says is UTF-8 (see
 * {@link isUtf8Encoding}): decoding anything else as UTF-8 turns each
 * Latin-1 accent into U+FFFD, and writing the text back would replace the
 * user's characters; a UTF-16 file would be rewritten in another encoding.
 * Such a file gets no edit: tell the user its encoding and that Paper Atlas
 * writes UTF-8. A `utf-8-bom` file is UTF-8: its BOM decodes to U+FEFF at
 * the start of the text, and the writers keep it.
 */
export function detectBibliographyEncoding(bytes: Uint8Array): BibliographyEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!isWellFormedUtf8(bytes, bom ? 3 : 0)) return 'latin-1-or-invalid';
  return bom ? 'utf-8-bom' : 'utf-8';
}

/** Whether a file in `encoding` may be read as UTF-8 text and written back. */
export function isUtf8Encoding(encoding: BibliographyEncoding): boolean {
  return encoding === 'utf-8' || encoding === 'utf-8-bom';
}

/**
 * Whether `bytes` from `start` are well-formed UTF-8, as the Unicode
 * Standard defines it (table 3-7): no overlong forms, no surrogates, nothing
 * above U+10FFFF, no sequence cut short.
 */
function isWellFormedUtf8(bytes: Uint8Array, start: number): boolean {
  const at = (index: number): number => bytes[index] ?? -1;
  const inRange = (byte: number, low: number, high: number): boolean => byte >= low && byte <= high;
  const continuation = (byte: number): boolean => inRange(byte, 0x80, 0xbf);
  let i = start;
  while (i < bytes.length) {
    const lead = at(i);
    if (lead < 0x80) {
      i += 1;
    } else if (inRange(lead, 0xc2, 0xdf)) {
      if (!continuation(at(i + 1))) return false;
      i += 2;
    } else if (inRange(lead, 0xe0, 0xef)) {
      // E0 needs A0..BF (else overlong); ED needs 80..9F (else a surrogate).
      const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      if (!inRange(at(i + 1), low, high) || !continuation(at(i + 2))) return false;
      i += 3;
    } else if (inRange(lead, 0xf0, 0xf4)) {
      // F0 needs 90..BF (else overlong); F4 needs 80..8F (else above U+10FFFF).
      const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      if (!inRange(at(i + 1), low, high) || !continuation(at(i + 2)) || !continuation(at(i + 3))) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}
