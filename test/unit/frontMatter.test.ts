import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addBibliographyEdit, bibliographyPaths, findFrontMatter, findMetadataBlocks, inlineReferences, planBibliographyField, readBibliographyField, yamlScalar } from '../../src/core/markdown/frontMatter';
import { applyEdits } from '../../src/core/text/textEdit';

describe('front matter', () => {
  describe('bibliographyPaths', () => {
    const cases: { name: string; text: string; paths: string[] }[] = [
      { name: 'a plain path', text: '---\nbibliography: refs.json\n---\n', paths: ['refs.json'] },
      { name: 'a double-quoted path with an escape', text: '---\nbibliography: "my refs\\u00e9.bib"\n---\n', paths: ['my refsé.bib'] },
      { name: "a single-quoted path with ''", text: "---\nbibliography: 'it''s.json'\n...\n", paths: ["it's.json"] },
      { name: 'a trailing comment', text: '---\nbibliography: refs.json # mine\n---\n', paths: ['refs.json'] },
      { name: 'a # inside quotes', text: '---\nbibliography: "a #1.json"\n---\n', paths: ['a #1.json'] },
      { name: 'a flow list', text: '---\nbibliography: [a.json, "b c.bib" , \'d.json\']\n---\n', paths: ['a.json', 'b c.bib', 'd.json'] },
      { name: 'a flow list over lines', text: '---\nbibliography: [a.json,\n  b.bib]\n---\n', paths: ['a.json', 'b.bib'] },
      { name: 'a block list', text: '---\ntitle: T\nbibliography:\n  - a.json\n  # a comment\n  - "b.bib"\nlang: en\n---\n', paths: ['a.json', 'b.bib'] },
      { name: 'a block list at the key’s indentation', text: '---\nbibliography:\n- a.json\n- b.bib\n---\n', paths: ['a.json', 'b.bib'] },
      { name: 'a block scalar', text: '---\nbibliography: >-\n  refs.json\n---\n', paths: ['refs.json'] },
      { name: 'a quoted key', text: '---\n"bibliography": refs.json\n---\n', paths: ['refs.json'] },
      { name: 'CRLF lines', text: '---\r\nbibliography:\r\n  - a.json\r\n---\r\n', paths: ['a.json'] },
      { name: 'a byte order mark', text: '\ufeff---\nbibliography: a.json\n---\n', paths: ['a.json'] },
      { name: 'no final newline', text: '---\nbibliography: a.json\n---', paths: ['a.json'] },
      { name: 'nothing for a nested key', text: '---\nmeta:\n  bibliography: a.json\n---\n', paths: [] },
      { name: 'nothing for a lookalike key', text: '---\nbibliography2: a.json\n---\n', paths: [] },
      { name: 'nothing for null', text: '---\nbibliography: ~\n---\n', paths: [] },
      { name: 'nothing for an unclosed block', text: '---\nbibliography: a.json\n', paths: [] },
      { name: 'nothing when a blank line follows the opening (a rule)', text: '---\n\nbibliography: a.json\n---\n', paths: [] },
      { name: 'nothing when the block is not at the top', text: 'x\n---\nbibliography: a.json\n---\n', paths: [] },
      { name: 'nothing for an empty file', text: '', paths: [] },
      // What Pandoc (2.17, `pandoc -f markdown -t json`) reads, case by case:
      { name: 'nothing when the block is a paragraph, not a YAML mapping', text: '---\nThis is a paragraph\n---\n\nbibliography: a.json\n', paths: [] },
      { name: 'nothing when the block is a YAML list', text: '---\n- bibliography: a.json\n---\n', paths: [] },
      { name: 'the value of an anchored path, not the anchor', text: '---\nbibliography: &refs refs.bib\nother: *refs\n---\n', paths: ['refs.bib'] },
      { name: 'the value of a tagged path, not the tag', text: '---\nbibliography: !!str refs.bib\n---\n', paths: ['refs.bib'] },
      { name: 'a path through an alias', text: '---\nmine: &m refs.bib\nbibliography: [*m, b.json]\n---\n', paths: ['refs.bib', 'b.json'] },
      { name: 'the last of repeated keys', text: '---\nbibliography: a.bib\nbibliography: b.bib\n---\n', paths: ['b.bib'] },
      { name: 'a flow mapping', text: '---\n{bibliography: a.bib}\n---\n', paths: ['a.bib'] },
      { name: 'a later metadata block', text: '---\ntitle: x\n---\n\nText\n\n---\nbibliography: late.bib\n---\n', paths: ['late.bib'] },
      { name: 'the later of two blocks that both name one', text: '---\nbibliography: first.bib\n---\n\nText\n\n---\nbibliography: late.bib\n...\n', paths: ['late.bib'] },
      { name: 'nothing from a block without a blank line before it', text: 'Para\n---\nbibliography: a.bib\n---\n', paths: [] },
      { name: 'nothing from a block inside fenced code', text: 'Para\n\n```yaml\n\n---\nbibliography: a.bib\n---\n```\n', paths: [] },
      { name: 'nothing from TOML front matter', text: '+++\nbibliography = "a.bib"\n+++\n', paths: [] },
    ];
    for (const { name, text, paths } of cases) {
      it(`reads ${name}`, () => assert.deepEqual(bibliographyPaths(text), paths));
    }

    it('gives each path the range it is written at', () => {
      const text = '---\nbibliography: [a.json, "b.bib"]\n---\n';
      const field = readBibliographyField(text);
      assert.deepEqual(field?.paths.map((p) => text.slice(p.start, p.end)), ['a.json', '"b.bib"']);
      assert.equal(field && text.slice(field.key.start, field.key.end), 'bibliography');
    });
  });

  it('finds the block with its content range', () => {
    const text = '---\r\ntitle: x\r\n---\r\nBody';
    const fm = findFrontMatter(text);
    assert.ok(fm);
    assert.equal(text.slice(fm.contentStart, fm.contentEnd), 'title: x\r\n');
    assert.equal(text.slice(fm.end), 'Body');
  });

  it('treats a block whose YAML does not parse as front matter, with the error (Pandoc stops on it)', () => {
    const fm = findFrontMatter('---\ntitle: a: b\n---\nText\n');
    assert.ok(fm && 'error' in fm);
    assert.match(String(fm.error), /mapping|implicit key/i);
    assert.deepEqual(bibliographyPaths('---\ntitle: a: b\nbibliography: x.bib\n---\n'), []);
  });

  it('takes a comment-only or empty block as front matter, as Pandoc does', () => {
    assert.ok(findFrontMatter('---\n# nothing yet\n---\nText'));
    assert.ok(findFrontMatter('---\n---\nText'));
  });

  it('lists every metadata block in order', () => {
    const text = '---\na: 1\n---\n\nText\n\n---\nb: 2\n---\n\n---\nnot a mapping\n---\n';
    assert.deepEqual(findMetadataBlocks(text).map((b) => text.slice(b.contentStart, b.contentEnd)), ['a: 1\n', 'b: 2\n']);
  });

  it('lists the ids of inline references, where they are written', () => {
    const text = '---\nreferences:\n- id: doe\n  title: X\n- type: book\n  id: "roe:2020"\n- title: no id\n---\n';
    const refs = inlineReferences(text);
    assert.deepEqual(refs.map((r) => r.id), ['doe', 'roe:2020']);
    assert.deepEqual(refs.map((r) => text.slice(r.start, r.end)), ['doe', '"roe:2020"']);
    assert.deepEqual(inlineReferences('---\nreferences: refs.json\n---\n'), []);
  });

  describe('addBibliographyEdit', () => {
    const cases: { name: string; text: string; result: string | undefined }[] = [
      { name: 'an empty file', text: '', result: '---\nbibliography: references.json\n---\n' },
      { name: 'a whitespace-only file', text: '\n', result: '---\nbibliography: references.json\n---\n\n' },
      { name: 'a note without front matter', text: '# Title\n', result: '---\nbibliography: references.json\n---\n\n# Title\n' },
      { name: 'a CRLF note without front matter', text: 'Text\r\nmore', result: '---\r\nbibliography: references.json\r\n---\r\n\r\nText\r\nmore' },
      { name: 'a note with a byte order mark', text: '\ufeffText', result: '\ufeff---\nbibliography: references.json\n---\n\nText' },
      { name: 'front matter without the field', text: '---\ntitle: T\n---\nText', result: '---\ntitle: T\nbibliography: references.json\n---\nText' },
      { name: 'CRLF front matter', text: '---\r\ntitle: T\r\n...\r\n', result: '---\r\ntitle: T\r\nbibliography: references.json\r\n...\r\n' },
      { name: 'front matter without a final newline', text: '---\ntitle: T\n---', result: '---\ntitle: T\nbibliography: references.json\n---' },
      { name: 'an empty field', text: '---\nbibliography:\ntitle: T\n---\n', result: '---\nbibliography: references.json\ntitle: T\n---\n' },
      { name: 'a null field with a comment', text: '---\nbibliography: ~ # later\n---\n', result: '---\nbibliography: references.json # later\n---\n' },
      { name: 'an empty list', text: '---\nbibliography: []\n---\n', result: '---\nbibliography: references.json\n---\n' },
      { name: 'a rule that is not front matter', text: '---\n\nText\n', result: '---\nbibliography: references.json\n---\n\n---\n\nText\n' },
      { name: 'a block that is not a mapping (a new block goes above it)', text: '---\nJust a paragraph\n---\n', result: '---\nbibliography: references.json\n---\n\n---\nJust a paragraph\n---\n' },
      { name: 'a comment-only block', text: '---\n# todo\n---\nText', result: '---\n# todo\nbibliography: references.json\n---\nText' },
      { name: 'two blocks without the field (the first gets it)', text: '---\ntitle: T\n---\n\nText\n\n---\nlang: en\n---\n', result: '---\ntitle: T\nbibliography: references.json\n---\n\nText\n\n---\nlang: en\n---\n' },
      { name: 'a later block that names one', text: '---\ntitle: T\n---\n\nText\n\n---\nbibliography: b.bib\n---\n', result: undefined },
      { name: 'an anchored empty field', text: '---\nbibliography: &b\n---\n', result: '---\nbibliography: references.json\n---\n' },
      { name: 'a note that names a bibliography', text: '---\nbibliography: mine.bib\n---\n', result: undefined },
    ];
    for (const { name, text, result } of cases) {
      it(`handles ${name}`, () => {
        const edit = addBibliographyEdit(text);
        assert.equal(edit && applyEdits(text, [edit]), result);
      });
    }

    it('refuses, with a reason, to edit TOML front matter, a flow mapping or YAML that does not parse', () => {
      const refusal = (text: string) => {
        const plan = planBibliographyField(text);
        return plan.kind === 'refused' ? plan.reason : `not refused: ${plan.kind}`;
      };
      assert.match(refusal('+++\ntitle = "T"\n+++\nText\n'), /TOML/);
      assert.match(refusal('---\n{title: T}\n---\nText\n'), /flow mapping/);
      assert.match(refusal('---\ntitle: a: b\n---\nText\n'), /line 1 does not parse/);
      assert.equal(addBibliographyEdit('+++\ntitle = "T"\n+++\n'), undefined);
    });

    it('quotes a path YAML would misread, and the result reads back', () => {
      for (const path of ['refs: 2024.json', 'a #b.json', 'null', '123', "it's.bib", 'sub/dir/refs.json', 'Réfs.json']) {
        const edit = addBibliographyEdit('', path);
        assert.ok(edit);
        assert.deepEqual(bibliographyPaths(applyEdits('', [edit])), [path], path);
      }
      assert.equal(yamlScalar('sub/refs.json'), 'sub/refs.json');
      assert.equal(yamlScalar('a: b'), '"a: b"');
    });

    it('names the bibliography afterwards, and only once', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('', '---\ntitle: T\n---\n', '---\r\nbibliography:\r\n---\r\n', '\ufeffx'),
          fc.string({ unit: fc.constantFrom('a', ' ', '\n', '-', '#', ':') }),
          (head, body) => {
            const text = head + body;
            const edit = addBibliographyEdit(text);
            assert.ok(edit);
            const once = applyEdits(text, [edit]);
            assert.deepEqual(bibliographyPaths(once), ['references.json']);
            assert.equal(addBibliographyEdit(once), undefined);
          },
        ),
      );
    });
  });
});
