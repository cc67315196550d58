import { strict as assert } from 'node:assert';
import { bibtexKeys, upsertBibtex } from '../../src/core/bibliography/bibtexFile';
import { type UpsertResult } from '../../src/core/bibliography/parseError';
import { applyEdits } from '../../src/core/markdown/textEdit';

const entry = '@misc{z,\n  title = {Z},\n}\n';

/** Applies a successful upsert, failing the test on a parse error. */
function applied(text: string, result: UpsertResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.edit ? applyEdits(text, [result.edit]) : text;
}

describe('BibTeX file: large inputs take linear time', function () {
  // Each case takes milliseconds when the scans are linear; a quadratic scan
  // of these sizes takes minutes.
  this.timeout(5_000);

  it('appends after 200 KB of trailing spaces', () => {
    // The line of spaces, once ended, is the blank line between the entries.
    const text = `@misc{a}\n${' '.repeat(200_000)}`;
    assert.equal(applied(text, upsertBibtex(text, [entry])), `${text}\n${entry}`);
  });

  it('appends after 100,000 blank lines', () => {
    const text = `@misc{a}${'\n'.repeat(100_000)}`;
    assert.equal(applied(text, upsertBibtex(text, [entry])), text + entry);
  });

  it('appends to a file with 100,000 blank lines, or 200 KB of spaces, between its entries', () => {
    for (const gap of ['\n'.repeat(100_000), `\n${' '.repeat(200_000)}\n`]) {
      const text = `@misc{a}${gap}@misc{b}\n`;
      assert.equal(applied(text, upsertBibtex(text, [entry])), `${text}\n${entry}`);
    }
  });

  it('appends after 100,000 lines of spaces, CRLF', () => {
    const text = `@misc{a}\r\n${'  \r\n'.repeat(100_000)}`;
    assert.equal(applied(text, upsertBibtex(text, [entry])), text + entry.replace(/\n/g, '\r\n'));
  });

  it('reads keys past 200 KB of spaces, of @ signs and of comment lines', () => {
    for (const filler of [' '.repeat(200_000), 'x@'.repeat(100_000), '% c\n'.repeat(50_000)]) {
      const keys = bibtexKeys(`${filler}\n@misc{a, title = {A}}\n${filler}`);
      assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
      assert.deepEqual(keys.keys.map((k) => k.key), ['a']);
    }
  });

  it('reads a value of 200 KB: braced, quoted and a bare word', () => {
    const long = 'w'.repeat(200_000);
    for (const value of [`{${long}}`, `"${long}"`, long]) {
      const keys = bibtexKeys(`@misc{a, note = ${value}}\n@misc{b}`);
      assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
      assert.deepEqual(keys.keys.map((k) => k.key), ['a', 'b']);
    }
  });
});
