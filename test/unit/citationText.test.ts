import * as assert from 'node:assert/strict';
import { type CitablePaper, citationText, footnoteDefinition, footnoteDefinitionsEdit } from '../../src/core/markdown/citationText';
import { escapeMarkdown } from '../../src/core/text/markdownEscape';
import { planCitationInsertion } from '../../src/core/markdown/citationInsert';
import { applyEdits } from '../../src/core/text/textEdit';

const a: CitablePaper = { key: 'smith2024', title: 'Agents *All* the Way [Down]', org: { handle: 'meta', name: 'Meta AI' }, date: '2024-05-01' };
const b: CitablePaper = { key: 'lee2023', title: 'A^2FM: TÜLU 3', date: '2023-01-02' };
const c: CitablePaper = { key: 'odd key', title: 'Braced' };

describe('citationText', () => {
  const cases: { name: string; papers: CitablePaper[]; style: Parameters<typeof citationText>[1]; text: string }[] = [
    { name: 'pandoc, one paper', papers: [a], style: 'pandoc', text: '[@smith2024]' },
    { name: 'pandoc, several papers', papers: [a, b], style: 'pandoc', text: '[@smith2024; @lee2023]' },
    { name: 'author-in-text, one', papers: [a], style: 'authorInText', text: '@smith2024' },
    { name: 'author-in-text, two joined with and', papers: [a, b], style: 'authorInText', text: '@smith2024 and @lee2023' },
    { name: 'author-in-text, three', papers: [a, b, a], style: 'authorInText', text: '@smith2024, @lee2023 and @smith2024' },
    { name: 'suppress-author', papers: [a, b], style: 'suppressAuthor', text: '[-@smith2024; -@lee2023]' },
    { name: 'locator', papers: [a], style: 'locator', text: '[@smith2024, p. ]' },
    { name: 'link escapes the title and targets the reference anchor', papers: [a], style: 'link', text: '[Agents \\*All\\* the Way \\[Down\\]](#ref-smith2024)' },
    { name: 'footnote', papers: [a, b], style: 'footnote', text: '[^smith2024][^lee2023]' },
    { name: 'a key that needs braces', papers: [c], style: 'pandoc', text: '[@{odd key}]' },
  ];
  for (const { name, papers, style, text } of cases) {
    it(`writes ${name}`, () => assert.equal(citationText(papers, style).text, text));
  }

  it('leaves the cursor after a label-only locator, once per paper', () => {
    const result = citationText([a, b], 'locator');
    assert.equal(result.text, '[@smith2024, p. ; @lee2023, p. ]');
    assert.deepEqual(result.placeholders.map((p) => result.text.slice(0, p.start)), ['[@smith2024, p. ', '[@smith2024, p. ; @lee2023, p. ']);
    assert.ok(result.placeholders.every((p) => p.start === p.end));
  });

  it('selects a given locator whole', () => {
    const result = citationText([a], 'locator', { locator: 'chap. 3' });
    assert.equal(result.text, '[@smith2024, chap. 3]');
    const [p] = result.placeholders;
    assert.equal(result.text.slice(p?.start, p?.end), 'chap. 3');
  });

  it('uses a given conjunction and link target', () => {
    assert.equal(citationText([a, b], 'authorInText', { conjunction: 'und' }).text, '@smith2024 und @lee2023');
    assert.equal(citationText([b], 'link', { linkTarget: (p) => `papers/${p.key} (v2).md` }).text, '[A\\^2FM: TÜLU 3](<papers/lee2023 (v2).md>)');
  });

  it('refuses an empty list of papers', () => {
    assert.throws(() => citationText([], 'pandoc'), RangeError);
  });

  it('escapes Markdown so a title cannot start a citation, math or emphasis', () => {
    assert.equal(escapeMarkdown('$x$ @y _z_ `c`'), '\\$x\\$ \\@y \\_z\\_ \\`c\\`');
  });
});

describe('footnote definitions', () => {
  it('writes title, organisation and year', () => {
    assert.equal(footnoteDefinition(a), '[^smith2024]: Agents \\*All\\* the Way \\[Down\\]. Meta AI, 2024.');
    assert.equal(footnoteDefinition({ key: 'q', title: 'Why?' }), '[^q]: Why?');
  });

  const cases = [
    { name: 'an empty note', note: '', result: '[^lee2023]: A\\^2FM: TÜLU 3. 2023.\n' },
    { name: 'a note without a final newline', note: 'Text [^lee2023]', result: 'Text [^lee2023]\n\n[^lee2023]: A\\^2FM: TÜLU 3. 2023.\n' },
    { name: 'a note ending in a blank line', note: 'Text\n\n', result: 'Text\n\n[^lee2023]: A\\^2FM: TÜLU 3. 2023.\n' },
    { name: 'a CRLF note', note: 'Text\r\n', result: 'Text\r\n\r\n[^lee2023]: A\\^2FM: TÜLU 3. 2023.\r\n' },
  ];
  for (const { name, note, result } of cases) {
    it(`appends to ${name}`, () => {
      const edit = footnoteDefinitionsEdit(note, [b]);
      assert.ok(edit);
      assert.equal(applyEdits(note, [edit]), result);
    });
  }

  it('does not define a footnote twice, whatever the case of its label', () => {
    assert.equal(footnoteDefinitionsEdit('x [^LEE2023]\n\n[^Lee2023]: mine\n', [b]), undefined);
    const edit = footnoteDefinitionsEdit('x\n', [b, b]);
    assert.equal(edit?.newText.match(/\[\^lee2023\]:/g)?.length, 1);
  });

  it('ignores a definition-looking line inside a code block', () => {
    assert.ok(footnoteDefinitionsEdit('```\n[^lee2023]: code\n```\n', [b]));
  });
});

describe('planCitationInsertion', () => {
  const insert = (text: string, offsets: number[], papers: CitablePaper[], style: Parameters<typeof citationText>[1]) => {
    const plan = planCitationInsertion(text, offsets.map((o) => ({ start: o, end: o })), papers, style);
    const result = applyEdits(text, plan.edits);
    return { result, cursors: plan.selections.map((s) => result.slice(0, s.start) + '|' + result.slice(s.end)) };
  };

  it('inserts at every cursor and leaves each after its citation', () => {
    const { result, cursors } = insert('One . Two .', [4, 10], [a], 'pandoc');
    assert.equal(result, 'One [@smith2024]. Two [@smith2024].');
    assert.deepEqual(cursors, ['One [@smith2024]|. Two [@smith2024].', 'One [@smith2024]. Two [@smith2024]|.']);
  });

  it('joins an existing group, skipping keys it already cites', () => {
    const { result, cursors } = insert('As shown [see @lee2023, p. 3].', [12], [b, a], 'pandoc');
    assert.equal(result, 'As shown [see @lee2023, p. 3; @smith2024].');
    assert.deepEqual(cursors, ['As shown [see @lee2023, p. 3; @smith2024|].']);
  });

  it('adds keys to a group once when several cursors are in it', () => {
    const { result } = insert('[@x] and [@x]', [2, 3, 11], [a], 'pandoc');
    assert.equal(result, '[@x; @smith2024] and [@x; @smith2024]');
  });

  it('leaves a group that cites every paper unchanged, cursor in place', () => {
    const { result, cursors } = insert('[@Smith2024] ok', [3], [a], 'pandoc');
    assert.equal(result, '[@Smith2024] ok');
    assert.deepEqual(cursors, ['[@S|mith2024] ok']);
  });

  it('writes group items in the chosen Pandoc style, with the cursor on the locator', () => {
    assert.equal(insert('[@x]', [3], [a], 'suppressAuthor').result, '[@x; -@smith2024]');
    assert.equal(insert('[@x]', [3], [a], 'authorInText').result, '[@x; @smith2024]');
    assert.deepEqual(insert('[@x]', [3], [a], 'locator').cursors, ['[@x; @smith2024, p. |]']);
  });

  it('writes a link after the group the cursor is in', () => {
    assert.equal(insert('[@x] y', [2], [b], 'link').result, '[@x][A\\^2FM: TÜLU 3](#ref-lee2023) y');
  });

  it('replaces a key selected inside a group with the new items', () => {
    const text = '[@x; @old, p. 2]';
    const plan = planCitationInsertion(text, [{ start: 5, end: 9 }], [a], 'pandoc');
    const result = applyEdits(text, plan.edits);
    assert.equal(result, '[@x; @smith2024, p. 2]');
    assert.equal(result.slice(0, plan.selections[0]?.start), '[@x; @smith2024');
  });

  it('replaces a selection outside any group', () => {
    const plan = planCitationInsertion('see CITE here', [{ start: 4, end: 8 }], [a], 'locator');
    const result = applyEdits('see CITE here', plan.edits);
    assert.equal(result, 'see [@smith2024, p. ] here');
    assert.equal(result.slice(0, plan.selections[0]?.start), 'see [@smith2024, p. ');
  });

  it('appends footnote definitions once for all cursors', () => {
    const { result, cursors } = insert('A. B.', [1, 4], [a], 'footnote');
    assert.equal(result, 'A[^smith2024]. B[^smith2024].\n\n[^smith2024]: Agents \\*All\\* the Way \\[Down\\]. Meta AI, 2024.\n');
    assert.equal(cursors[1]?.startsWith('A[^smith2024]. B[^smith2024]|.'), true);
  });

  it('keeps the cursor before the definitions when it is at the end of the note', () => {
    const { result, cursors } = insert('End', [3], [b], 'footnote');
    assert.equal(result, 'End[^lee2023]\n\n[^lee2023]: A\\^2FM: TÜLU 3. 2023.\n');
    assert.equal(cursors[0], 'End[^lee2023]|\n\n[^lee2023]: A\\^2FM: TÜLU 3. 2023.\n');
  });
});
