import * as assert from 'node:assert/strict';
import { bibliographyKeys, upsertBibliography } from '../../src/core/bibliography/bibliographyFile';
import { parseErrorAt } from '../../src/core/bibliography/parseError';

describe('bibliography parse errors', () => {
  it('end their message with a full stop, so a caller can add a sentence after it', () => {
    assert.equal(parseErrorAt('', 0, 'The file is broken').message, 'The file is broken.');
    assert.equal(parseErrorAt('', 0, 'Did you mean "x"?').message, 'Did you mean "x"?');
    assert.equal(parseErrorAt('', 0, 'Already one.').message, 'Already one.');
  });

  const broken: [string, string][] = [
    ['refs.json', '[{"id": "a"},]'],
    ['refs.json', '{}'],
    ['refs.bib', '@misc{a,\n  title = {x}\n  year = 2020\n}'],
    ['refs.bib', '@misc{a, title = "x {}\n'],
    ['refs.ris', 'TY  - JOUR'],
  ];
  for (const [path, text] of broken) {
    it(`word the error of ${path} ${JSON.stringify(text)} as whole sentences`, () => {
      for (const result of [bibliographyKeys(path, text), upsertBibliography(path, text, [])]) {
        assert.equal(result.ok, false);
        if (result.ok) continue;
        assert.match(result.error.message, /^[A-Z'].*[^.]\.$/s);
        // How the extension reports it (src/markdown/bibliographySync.ts): two sentences.
        assert.match(`refs:1:1: ${result.error.message} The bibliography was left untouched.`, /[.?!] The bibliography/);
      }
    });
  }
});
