import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { highlightRuns } from '../../src/core/search/highlight';
import { abstractSnippet } from '../../src/core/search/snippet';
import { foldText, foldWithOffsets } from '../../src/core/text/fold';

describe('foldText: the one fold for index, snippets, highlights and themes', () => {
  it('drops accents, lower-cases and decomposes compatibility characters', () => {
    assert.equal(foldText('TÜLU 3'), 'tulu 3');
    assert.equal(foldText('eﬃcient'), 'efficient');
    assert.equal(foldText('Ångström'), 'angstrom');
  });

  it('keeps the way back to the source for every folded unit', () => {
    const source = 'An eﬃcient TÜLU';
    const folded = foldWithOffsets(source);
    assert.equal(folded.text, foldText(source));
    const at = folded.text.indexOf('efficient');
    const end = at + 'efficient'.length;
    assert.equal(source.slice(folded.sourceOffsets[at], folded.sourceOffsets[end]), 'eﬃcient');
    const tulu = folded.text.indexOf('tulu');
    assert.equal(source.slice(folded.sourceOffsets[tulu], folded.sourceOffsets[tulu + 4]), 'TÜLU');
  });

  it('folds piecewise exactly as it folds whole text, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const folded = foldWithOffsets(text);
        assert.equal(folded.sourceOffsets.length, folded.text.length + 1);
        for (let i = 1; i < folded.sourceOffsets.length; i += 1) assert.ok(folded.sourceOffsets[i - 1]! <= folded.sourceOffsets[i]!);
      }),
    );
  });
});

describe('abstractSnippet', () => {
  const filler = 'Background words that say nothing in particular about anything at all, repeated. '.repeat(4);

  it('finds a term spelled with a ligature in the abstract', () => {
    const snippet = abstractSnippet(`${filler}We make training eﬃcient with a new schedule.`, ['efficient']);
    assert.match(snippet, /eﬃcient/);
  });

  it('finds an accented word from its plain spelling and shows it as written', () => {
    const snippet = abstractSnippet(`${filler}We release TÜLU 3, a family of open models.`, ['tulu']);
    assert.match(snippet, /TÜLU 3/);
  });
});

describe('highlightRuns: the paper view marks what the search matched', () => {
  const marked = (text: string, terms: string[]) => highlightRuns(text, terms).filter((r) => r.marked).map((r) => r.text);

  it('marks TÜLU for the query tulu, and a ligature spelling for efficient', () => {
    assert.deepEqual(marked('TÜLU 3: Pushing Frontiers', ['tulu']), ['TÜLU']);
    assert.deepEqual(marked('An eﬃcient model', ['efficient']), ['eﬃcient']);
  });

  it('marks whole words that start with a term, not words that contain it', () => {
    assert.deepEqual(marked('Diffusion and multi-diffusion, not prediffusion', ['diff']), ['Diffusion', 'diffusion']);
  });

  it('keeps every character of the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), (text, terms) => {
        assert.equal(highlightRuns(text, terms).map((r) => r.text).join(''), text);
      }),
    );
  });
});
