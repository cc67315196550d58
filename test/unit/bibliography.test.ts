import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { bibliographyFormat, bibliographyKeys, upsertBibliography } from '../../src/core/bibliography/bibliographyFile';
import { bibtexKeys, parseBibtex, upsertBibtex } from '../../src/core/bibliography/bibtexFile';
import { cslJsonKeys, upsertCslJson, type CslJsonItem } from '../../src/core/bibliography/cslJsonFile';
import { type UpsertResult } from '../../src/core/bibliography/parseError';
import { toCslJson } from '../../src/core/cite/cslJson';
import { planCitationInsertion } from '../../src/core/markdown/citationInsert';
import { addBibliographyEdit } from '../../src/core/markdown/frontMatter';
import { applyEdits } from '../../src/core/text/textEdit';
import { type Paper } from '../../src/core/paper';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/bibliography', name), 'utf8');

const paper = (key: string, title: string, extra: Partial<Paper> = {}): Paper => ({ id: key, key, title, abstract: '', sources: [], ...extra });
const attention = paper('smith2024agents', 'Agents All the Way Down', { org: { handle: 'meta', name: 'Meta AI' }, date: '2024-05-01' });
const tulu = paper('lee2023tulu', 'TÜLU 3: A^2FM & {friends}', { date: '2023-01-02', abstract: 'We 100% mean it.' });

const item = (id: string, extra: Record<string, unknown> = {}): CslJsonItem & Record<string, unknown> => ({ id, type: 'article', title: `Title ${id}`, ...extra });

/** Applies a successful upsert, failing the test on a parse error. */
function applied(text: string, result: UpsertResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.edit ? applyEdits(text, [result.edit]) : text;
}

describe('CSL-JSON bibliography', () => {
  const upserts: { name: string; text: string; items: CslJsonItem[]; result: string }[] = [
    { name: 'an empty file becomes an array', text: '', items: [item('a')], result: '[\n  {\n    "id": "a",\n    "type": "article",\n    "title": "Title a"\n  }\n]\n' },
    { name: 'a whitespace-only CRLF file', text: '  \r\n', items: [item('a', { title: 'T' })], result: '[\r\n  {\r\n    "id": "a",\r\n    "type": "article",\r\n    "title": "T"\r\n  }\r\n]\r\n' },
    { name: 'an empty array opens up', text: '[]\n', items: [item('a', { title: 'T' })], result: '[\n  {\n    "id": "a",\n    "type": "article",\n    "title": "T"\n  }\n]\n' },
    { name: 'one-line items stay one-line, CRLF and tabs kept', text: fixture('compact-crlf.json'), items: [item('c', { title: 'C' })], result: '[\r\n\t{"id": "a", "title": "A"},\r\n\t{"id": "b", "title": "B"},\r\n\t{"id":"c","type":"article","title":"C"}\r\n]' },
    { name: 'items on one line keep the separator', text: '[{"id":"a"},{"id":"b"}]', items: [item('c', { title: 'C' })], result: '[{"id":"a"},{"id":"b"},{"id":"c","type":"article","title":"C"}]' },
    { name: 'a 4-space file gets 4-space items', text: fixture('zotero.json'), items: [item('b', { title: 'B' })], result: fixture('zotero.json').replace(/\n {4}}\n]\n$/, '\n    },\n    {\n        "id": "b",\n        "type": "article",\n        "title": "B"\n    }\n]\n') },
    { name: 'an existing id, in any case, is not added again', text: '[{"id": "A"}]', items: [item('a'), item('b', { title: 'B' }), item('B')], result: '[{"id": "A"}, {"id":"b","type":"article","title":"B"}]' },
  ];
  for (const { name, text, items, result } of upserts) {
    it(`upserts: ${name}`, () => assert.equal(applied(text, upsertCslJson(text, items)), result));
  }

  it('has no edit when every item is there', () => {
    const result = upsertCslJson(fixture('zotero.json'), [item('vaswani2017')]);
    assert.deepEqual(result, { ok: true, edit: undefined, added: [] });
  });

  const errors: { name: string; text: string; line: number; col: number; message: RegExp }[] = [
    { name: 'a trailing comma', text: '[\n  {"id": "a"},\n]', line: 1, col: 13, message: /Trailing comma/ },
    { name: 'a missing comma', text: '[\n  {"id": "a"}\n  {"id": "b"}\n]', line: 2, col: 2, message: /Expected ',' or ']'/ },
    { name: 'an unterminated string', text: '[{"id": "a}]', line: 0, col: 8, message: /Unterminated string/ },
    { name: 'a comment', text: '// refs\n[]', line: 0, col: 0, message: /Unexpected '\/'/ },
    { name: 'an object at the top level', text: '\n{"items": []}', line: 1, col: 0, message: /must be an array/ },
    { name: 'a truncated file', text: '[{"id": "a"}', line: 0, col: 12, message: /end of the file/ },
    { name: 'text after the array', text: '[] x', line: 0, col: 3, message: /after the end/ },
  ];
  for (const { name, text, line, col, message } of errors) {
    it(`reports ${name} at its line and column, with no edit`, () => {
      const result = upsertCslJson(text, [item('z')]);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual({ line: result.error.line, col: result.error.col }, { line, col });
      assert.match(result.error.message, message);
      assert.equal('edit' in result, false);
      assert.deepEqual(cslJsonKeys(text).ok, false);
    });
  }

  it('lists the ids a file defines, with their ranges', () => {
    const text = '\ufeff[{"id": "a\\u0062"}, {"id": 7}, {"title": "no id"}, 3]';
    const result = cslJsonKeys(text);
    assert.ok(result.ok);
    assert.deepEqual(result.keys.map((k) => [k.key, text.slice(k.start, k.end)]), [['ab', 'a\\u0062'], ['7', '7']]);
    assert.deepEqual(cslJsonKeys(' \n'), { ok: true, keys: [] });
  });

  it('never changes the original text, adds each id once, and is idempotent', () => {
    const arbitraryItem = fc.record({ id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}$/), title: fc.string(), n: fc.integer() });
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 4 }), fc.array(arbitraryItem, { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 2, '\t'), fc.boolean(), (existing, added, space, crlf) => {
        let text = JSON.stringify(existing, null, space);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const once = applied(text, upsertCslJson(text, added));
        const twice = applied(once, upsertCslJson(once, added));
        assert.equal(twice, once);
        const lastItemEnd = text.lastIndexOf('}') + 1;
        if (existing.length > 0) {
          assert.ok(once.startsWith(text.slice(0, lastItemEnd)));
          assert.ok(once.endsWith(text.slice(lastItemEnd)));
        }
        const ids = (JSON.parse(once) as { id: string }[]).map((x) => x.id.toLowerCase());
        assert.equal(new Set(ids).size, new Set(existing.map((x) => x.id.toLowerCase())).size + ids.length - existing.length);
        assert.deepEqual([...new Set(ids)].sort(), [...new Set([...existing, ...added].map((x) => x.id.toLowerCase()))].sort());
        assert.deepEqual((JSON.parse(once) as unknown[]).slice(0, existing.length), JSON.parse(JSON.stringify(existing)));
      }),
    );
  });
});

describe('BibTeX bibliography', () => {
  it('reads the keys of a real-world file, skipping @string and @comment', () => {
    const result = bibtexKeys(fixture('jabref.bib'));
    assert.ok(result.ok);
    assert.deepEqual(result.keys.map((k) => k.key), ['Vaswani2017']);
  });

  it('reads parenthesised entries, quoted values, concatenation and entries without fields', () => {
    const parsed = parseBibtex('@article(a, title = "x {"} y" # z, year=2020)\n@misc{b}\nme@example.org\n@misc{c,}');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.entries.map((e) => [e.type, e.key]), [['article', 'a'], ['misc', 'b'], ['misc', 'c']]);
  });

  const errors: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: 'an unclosed entry', text: '@misc{a, title = {x}}\n\n@article{b,\n  title = {Open {brace},\n}\n', line: 2, message: /Unbalanced braces: the entry "b" opened at line 3/ },
    { name: 'an entry without a key', text: '\n@article{,\n  title = {x}\n}', line: 1, message: /no citation key/ },
    { name: 'a field without =', text: '@misc{a,\n  title {x}\n}', line: 1, message: /Expected '=' after the field name "title"/ },
    { name: 'a missing comma between fields', text: '@misc{a,\n  title = {x}\n  year = 2020\n}', line: 2, message: /Expected ',' or '}' after the value of "title"/ },
    { name: 'a quoted value that swallows the closing brace', text: '@misc{a,\n  title = "x\n}', line: 2, message: /Unbalanced braces in the quoted value of "title"/ },
    { name: 'an unclosed quoted value', text: '@misc{a,\n  title = "x {}\n', line: 0, message: /quoted value of "title" opened at line 2 is never closed/ },
    { name: 'an @type without a brace', text: 'x\n@misc a', line: 1, message: /Expected '\{' after @misc/ },
  ];
  for (const { name, text, line, message } of errors) {
    it(`reports ${name} with its line, and no edit`, () => {
      const result = upsertBibtex(text, ['@misc{z,\n  title = {Z},\n}\n']);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.line, line);
      assert.match(result.error.message, message);
    });
  }

  const upserts: { name: string; text: string; result: string }[] = [
    { name: 'an empty file', text: '', result: '@misc{z,\n  title = {Z},\n}\n' },
    { name: 'a file without a final newline', text: '@misc{a}', result: '@misc{a}\n\n@misc{z,\n  title = {Z},\n}\n' },
    { name: 'a file whose entries are not separated by blank lines', text: '@misc{a}\n@misc{b}\n', result: '@misc{a}\n@misc{b}\n@misc{z,\n  title = {Z},\n}\n' },
    { name: 'a CRLF file with tab-indented fields', text: '@misc{a,\r\n\tyear = 2020\r\n}\r\n', result: '@misc{a,\r\n\tyear = 2020\r\n}\r\n\r\n@misc{z,\r\n\ttitle = {Z},\r\n}\r\n' },
    { name: 'a file that defines the key in another case', text: '@misc{Z}\n', result: '@misc{Z}\n' },
  ];
  for (const { name, text, result } of upserts) {
    it(`appends to ${name}`, () => assert.equal(applied(text, upsertBibtex(text, ['@misc{z,\n  title = {Z},\n}\n'])), result));
  }

  it('keeps everything a real-world file holds and indents new fields like it', () => {
    const text = fixture('jabref.bib');
    const result = applied(text, upsertBibliography('refs.bib', text, [attention]));
    assert.ok(result.startsWith(text));
    assert.match(result.slice(text.length), /^\n@misc\{smith2024agents,\n {4}title {8}= \{Agents All the Way Down\},\n {4}year/);
    const keys = bibtexKeys(result);
    assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['Vaswani2017', 'smith2024agents']);
  });

  it('refuses an entry source that is not exactly one entry', () => {
    assert.throws(() => upsertBibtex('', ['@misc{a} @misc{b}']), /single BibTeX entry/);
  });

  it('never changes the original text and is idempotent', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/);
    const entry = (k: string) => `@misc{${k},\n  title = {T ${k}},\n}\n`;
    // The user's file has distinct keys here: duplicates they wrote are theirs to keep, not ours to judge.
    const existingEntries = fc.uniqueArray(key, { maxLength: 3, selector: (k) => k.toLowerCase() }).map((keys) => keys.map(entry));
    fc.assert(
      fc.property(existingEntries, fc.array(key.map(entry), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\n\n', '', ' \r', '\r\n \r\n'), fc.constantFrom('', ' ', '\n\n', '\r'), (existing, added, sep, tail) => {
        const text = existing.join(sep) + tail;
        const result = upsertBibtex(text, added);
        if (result.ok && result.edit) assert.equal(result.edit.start, result.edit.end, 'the edit only inserts');
        const once = applied(text, result);
        if (text.trim() !== '') assert.ok(once.startsWith(text));
        assert.equal(applied(once, upsertBibtex(once, added)), once);
        const keys = bibtexKeys(once);
        assert.ok(keys.ok);
        assert.equal(new Set(keys.keys.map((k) => k.key)).size, keys.keys.length);
      }),
    );
  });
});

describe('bibliography files by extension', () => {
  it('chooses the format by extension, as Pandoc does', () => {
    assert.equal(bibliographyFormat('refs.json'), 'csl-json');
    assert.equal(bibliographyFormat('dir.v2/Refs.BIB'), 'bibtex');
    assert.equal(bibliographyFormat('refs.bibtex'), 'bibtex');
    assert.equal(bibliographyFormat('refs.yaml'), 'csl-yaml');
    assert.equal(bibliographyFormat('Refs.YML'), 'csl-yaml');
    assert.equal(bibliographyFormat('refs.ris'), undefined);
    assert.equal(bibliographyFormat('json'), undefined);
  });

  it('refuses formats it does not write', () => {
    const result = upsertBibliography('refs.ris', '', [attention]);
    assert.equal(result.ok, false);
    assert.equal(bibliographyKeys('refs.ris', '').ok, false);
  });

  it('writes CSL-JSON items that keep the papers’ fields', () => {
    const text = applied('', upsertBibliography('refs.json', '', [attention, tulu]));
    assert.deepEqual(JSON.parse(text), [toCslJson(attention), toCslJson(tulu)]);
  });
});

describe('pandoc --citeproc renders a note written by these functions', function () {
  const pandoc = spawnSync('pandoc', ['--version']);
  const available = pandoc.status === 0;

  it('resolves every citation with no warning', function () {
    if (!available) {
      // CI installs pandoc; a developer machine may not have it.
      console.warn('    pandoc is not installed: skipping the render check');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'paper-atlas-pandoc-'));
    try {
      let note = 'Agents are everywhere .\r\n\r\nSee also  for the model.\r\n';
      const first = planCitationInsertion(note, [{ start: 22, end: 22 }], [attention], 'pandoc');
      note = applyEdits(note, first.edits);
      const inGroup = planCitationInsertion(note, [{ start: 24, end: 24 }], [tulu], 'pandoc');
      note = applyEdits(note, inGroup.edits);
      const inText = note.indexOf('See also ') + 'See also '.length;
      note = applyEdits(note, planCitationInsertion(note, [{ start: inText, end: inText }], [tulu], 'authorInText').edits);
      const frontMatter = addBibliographyEdit(note);
      assert.ok(frontMatter);
      note = applyEdits(note, [frontMatter]);
      const bibliography = applied('', upsertBibliography('references.json', '', [attention]));
      const updated = applied(bibliography, upsertBibliography('references.json', bibliography, [attention, tulu]));
      writeFileSync(join(dir, 'note.md'), note);
      writeFileSync(join(dir, 'references.json'), updated);

      const run = spawnSync('pandoc', ['--citeproc', '-t', 'plain', 'note.md'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.match(note, /\[@smith2024agents; @lee2023tulu\]/);
      assert.match(run.stdout, /Agents All the Way Down/);
      assert.match(run.stdout, /TÜLU 3: A\^2FM & \{friends\}/i);
      assert.doesNotMatch(run.stdout, /\?\)/); // citeproc writes `(key?)` for an unresolved citation
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a BibTeX bibliography written by these functions too', function () {
    if (!available) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'paper-atlas-pandoc-'));
    try {
      const bib = applied(fixture('jabref.bib'), upsertBibliography('refs.bib', fixture('jabref.bib'), [attention, tulu]));
      writeFileSync(join(dir, 'refs.bib'), bib);
      writeFileSync(join(dir, 'note.md'), '---\nbibliography: refs.bib\n---\n\n[@smith2024agents; @lee2023tulu; @Vaswani2017]\n');
      const out = execFileSync('pandoc', ['--citeproc', '-t', 'plain', 'note.md'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(out, /Agents All the Way Down/);
      assert.match(out, /Attention Is All You Need/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
