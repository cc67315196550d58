import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkNote, type CheckContext } from '../../src/core/markdown/checker';
import { boundedEditDistance, suggestKeys } from '../../src/core/text/closestKeys';

const library = ['smith2024agents', 'lee2023tulu', 'wang2025gui'];
const context = (bibliographies: Record<string, string | undefined> = {}): CheckContext => ({
  libraryKeys: library,
  bibliographies: new Map(Object.entries(bibliographies)),
});
const summary = (text: string, ctx: CheckContext) =>
  checkNote(text, ctx).map((p) => `${p.kind} ${p.line}:${p.col}-${p.endCol} ${p.key ?? p.bibliography ?? ''} [${p.suggestions.join(',')}]`);

describe('checkNote', () => {
  it('accepts keys the note\'s bibliography defines, library papers or not', () => {
    const note = '---\nbibliography: refs.json\n---\n[@smith2024agents; @mine] and @lee2023tulu.\n';
    const refs = '[{"id": "mine"}, {"id": "smith2024agents"}, {"id": "lee2023tulu"}]';
    assert.deepEqual(checkNote(note, context({ 'refs.json': refs })), []);
  });

  it('flags a library key the bibliography lacks, since Pandoc would not resolve it', () => {
    const note = '---\nbibliography: refs.json\n---\n[@smith2024agents; @mine]\n';
    assert.deepEqual(summary(note, context({ 'refs.json': '[{"id": "mine"}]' })), ['notInBibliography 3:1-17 smith2024agents []']);
  });

  it('flags an unknown key where it stands, with the closest keys', () => {
    const note = 'Intro.\r\nAs [see @smith2024agent, p. 3] and @nobody.\r\n';
    const problems = checkNote(note, context());
    assert.deepEqual(summary(note, context()), ['unknownKey 1:8-23 smith2024agent [smith2024agents]', 'unknownKey 1:35-42 nobody []']);
    assert.equal(note.slice(problems[0]?.start, problems[0]?.end), '@smith2024agent');
    assert.match(problems[0]?.message ?? '', /Unknown citation key "smith2024agent".*did you mean "smith2024agents"\?/);
  });

  it('flags a key defined only in another letter case, since Pandoc would not resolve it', () => {
    assert.deepEqual(summary('[@Lee2023TULU]', context()), ['keyCase 0:1-13 Lee2023TULU [lee2023tulu]']);
  });

  it('ignores keys in code, comments and e-mail addresses', () => {
    assert.deepEqual(checkNote('`@x` <!-- @y --> me@z.org\n\n```\n@w\n```\n', context()), []);
  });

  it('reports a missing bibliography at its path in the front matter', () => {
    const note = '---\nbibliography:\n  - refs.json\n  - "gone.bib"\n---\n@mine\n';
    assert.deepEqual(summary(note, context({ 'refs.json': '[{"id":"mine"}]' })), ['bibliographyMissing 3:4-14 gone.bib []']);
  });

  it('reports a bibliography that does not parse with its own line and column, and still checks keys', () => {
    const note = '---\nbibliography: refs.bib\n---\n@smith2024agents @mine\n';
    const problems = checkNote(note, context({ 'refs.bib': '@misc{mine,\n  title = {x}\n  year = 2020\n}\n' }));
    assert.deepEqual(problems.map((p) => p.kind), ['bibliographyInvalid', 'notInBibliography', 'unknownKey']);
    assert.equal(problems[0]?.line, 1);
    assert.equal(problems[0]?.bibliographyError?.line, 2);
    assert.match(problems[0]?.message ?? '', /"refs\.bib" does not parse \(line 3, column 3\): Expected ','/);
  });

  it('reports a bibliography format it cannot read, and does not guess at keys', () => {
    const note = '---\nbibliography: refs.ris\n---\n@whatever\n';
    assert.deepEqual(summary(note, context({ 'refs.ris': 'TY  - JOUR\nID  - whatever\n' })), ['bibliographyUnsupported 1:14-22 refs.ris []']);
  });

  it('accepts keys defined inline under references:, as Pandoc resolves them without a file', () => {
    const note = '---\nreferences:\n- id: mine\n  type: book\n- id: smith2024agents\n---\n[@mine; @smith2024agents] and @other.\n';
    assert.deepEqual(summary(note, context()), ['unknownKey 6:30-36 other []']);
  });

  it('finds nothing wrong with a note that cites nothing', () => {
    assert.deepEqual(checkNote('', context()), []);
  });
});

describe('key suggestions', () => {
  it('ranks by edit distance, ignoring case, and leaves out keys too far away', () => {
    assert.deepEqual(suggestKeys('Wang2025Gui', library), ['wang2025gui']);
    assert.deepEqual(suggestKeys('lee2023', library), []);
    assert.deepEqual(suggestKeys('smith2024agentz', ['x', 'smith2024agen', 'smith2024agents']), ['smith2024agents', 'smith2024agen']);
  });

  it('computes the same distance as an unbounded Levenshtein when within the bound', () => {
    const levenshtein = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      return d[a.length]![b.length]!;
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.nat(6), (a, b, limit) => {
        const exact = levenshtein(a, b);
        assert.equal(boundedEditDistance(a, b, limit), exact <= limit ? exact : limit + 1);
      }),
    );
  });
});
