import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { detectBibliographyEncoding, isUtf8Encoding } from '../../src/core/bibliography/encoding';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

describe('detectBibliographyEncoding', () => {
  const cases: { name: string; input: Uint8Array; encoding: ReturnType<typeof detectBibliographyEncoding> }[] = [
    { name: 'an empty file', input: bytes(), encoding: 'utf-8' },
    { name: 'ASCII', input: utf8('@misc{a, title = {A}}\n'), encoding: 'utf-8' },
    { name: 'UTF-8 with accents and emoji', input: utf8('@misc{a, title = {Café 😀 TÜLU}}\n'), encoding: 'utf-8' },
    { name: 'UTF-8 with a BOM', input: utf8('\ufeff@misc{a}'), encoding: 'utf-8-bom' },
    { name: 'UTF-16 LE with a BOM', input: new Uint8Array(Buffer.from('\ufeff@misc{a}', 'utf16le')), encoding: 'utf-16le' },
    { name: 'UTF-16 BE with a BOM', input: new Uint8Array(Buffer.from('\ufeff@misc{a}', 'utf16le').swap16()), encoding: 'utf-16be' },
    { name: 'Latin-1 (é as one byte)', input: new Uint8Array(Buffer.from('@misc{a, title = {Café}}', 'latin1')), encoding: 'latin-1-or-invalid' },
    { name: 'a truncated UTF-8 sequence at the end', input: bytes(0x41, 0xc3), encoding: 'latin-1-or-invalid' },
    { name: 'an overlong encoding of /', input: bytes(0xc0, 0xaf), encoding: 'latin-1-or-invalid' },
    { name: 'an encoded surrogate', input: bytes(0xed, 0xa0, 0x80), encoding: 'latin-1-or-invalid' },
    { name: 'a code point above U+10FFFF', input: bytes(0xf4, 0x90, 0x80, 0x80), encoding: 'latin-1-or-invalid' },
    { name: 'a UTF-8 BOM followed by Latin-1', input: bytes(0xef, 0xbb, 0xbf, 0x41, 0xe9), encoding: 'latin-1-or-invalid' },
  ];
  for (const { name, input, encoding } of cases) {
    it(`says ${encoding} for ${name}`, () => assert.equal(detectBibliographyEncoding(input), encoding));
  }

  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  it('says utf-8 for the bytes of any string Node encodes as UTF-8, and agrees with a fatal decoder on any bytes', () => {
    // Code points of every length in UTF-8, lone surrogates included (Node writes them as U+FFFD).
    const codePoints = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff })), { maxLength: 8 });
    fc.assert(fc.property(codePoints.map((points) => String.fromCodePoint(...points)), (text) => {
      const encoded = utf8(text);
      assert.equal(detectBibliographyEncoding(encoded), text.startsWith('\ufeff') ? 'utf-8-bom' : 'utf-8');
    }));
    fc.assert(fc.property(fc.array(fc.constantFrom(0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff), { maxLength: 8 }).map((values) => Uint8Array.from(values)), (input) => {
      let valid = true;
      try {
        strict.decode(input);
      } catch {
        valid = false;
      }
      const bom = input[0] === 0xfe && input[1] === 0xff || input[0] === 0xff && input[1] === 0xfe;
      if (!bom) assert.equal(isUtf8Encoding(detectBibliographyEncoding(input)), valid, Buffer.from(input).toString('hex'));
    }), { numRuns: 1000 });
  });

  it('lets callers write only UTF-8, with or without a BOM', () => {
    assert.deepEqual(
      (['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'latin-1-or-invalid'] as const).filter(isUtf8Encoding),
      ['utf-8', 'utf-8-bom'],
    );
  });
});
