import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { bibliographyKeys, upsertBibliography } from '../../src/core/bibliography/bibliographyFile';
import { type CslJsonItem } from '../../src/core/bibliography/cslJsonFile';
import { cslYamlKeys, upsertCslYaml } from '../../src/core/bibliography/cslYamlFile';
import { escapePandocValue } from '../../src/core/text/markdownEscape';
import { type UpsertResult } from '../../src/core/bibliography/parseError';
import { applyEdits } from '../../src/core/text/textEdit';
import { type Paper } from '../../src/core/paper';

const item = (id: string, title = `Title ${id}`): CslJsonItem & Record<string, unknown> => ({ id, type: 'article', title });

/** Applies a successful upsert, failing the test on a parse error; checks that it only inserts. */
function applied(text: string, result: UpsertResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  if (!result.edit) return text;
  assert.equal(result.edit.start, result.edit.end, 'an upsert only inserts');
  return applyEdits(text, [result.edit]);
}

const NEW = "- id: z\n  type: article\n  title: Title z";

describe('CSL-YAML bibliography', () => {
  it('lists the string ids under references, with their ranges, as pandoc resolves them', () => {
    const text = "\ufeff# mine\nreferences:\n- id: a\n  title: x\n- id: 'b c'\n- id: yes\n- id: 2020\n- id: 2020-01-02\n- id: ~\n- title: no id\n  note: {id: inner}\n- just text\nother:\n- id: outside\n";
    const result = cslYamlKeys(text);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.keys.map((k) => [k.key, text.slice(k.start, k.end)]), [['a', 'a'], ['b c', 'b c'], ['2020-01-02', '2020-01-02']]);
  });

  it('reads only the first YAML document, as pandoc does', () => {
    const keys = cslYamlKeys('---\nreferences:\n- id: a\n---\nreferences:\n- id: b\n');
    assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['a']);
  });

  it('reads no keys, and no error, from an empty file, comments or a mapping without references', () => {
    for (const text of ['', '  \n', '# nothing yet\n', '---\n...\n', 'title: Notes\n']) assert.deepEqual(cslYamlKeys(text), { ok: true, keys: [] }, JSON.stringify(text));
  });

  const errors: { name: string; text: string; line: number; col: number; message: RegExp }[] = [
    { name: 'an unclosed flow sequence', text: 'references:\n- id: a\n  title: [x\n', line: 3, col: 0, message: /Flow sequence/ },
    { name: 'a bad indentation', text: 'references:\n- id: a\n   title: x\n', line: 1, col: 6, message: /Nested mappings/ },
    { name: 'an error in a later document', text: 'references: []\n---\na: [\n', line: 3, col: 0, message: /Flow sequence/ },
    { name: 'a bare list, which pandoc ignores', text: '# refs\n- id: a\n', line: 1, col: 0, message: /under `references:`.*bare list/ },
    { name: 'a scalar', text: 'refs\n', line: 0, col: 0, message: /must be a mapping/ },
    { name: 'references that is no list', text: 'references:\n  id: a\n', line: 1, col: 2, message: /must hold a list/ },
  ];
  for (const { name, text, line, col, message } of errors) {
    it(`reports ${name} at its line and column, with no edit`, () => {
      const result = upsertCslYaml(text, [item('z')]);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.match(result.error.message, message);
      assert.match(result.error.message, /\.$/);
      assert.deepEqual({ line: result.error.line, col: result.error.col }, { line, col }, result.error.message);
      assert.equal(cslYamlKeys(text).ok, false);
    });
  }

  const upserts: { name: string; text: string; result: string }[] = [
    { name: 'an empty file gets references', text: '', result: `references:\n${NEW}\n` },
    { name: 'a file holding only a byte order mark keeps it', text: '\ufeff', result: `\ufeffreferences:\n${NEW}\n` },
    { name: 'a comment-only file keeps its comment', text: '# refs\n', result: `# refs\nreferences:\n${NEW}\n` },
    { name: 'a list at the key’s indent', text: 'references:\n- id: a\n', result: `references:\n- id: a\n${NEW}\n` },
    { name: 'an indented list with a wide gap after the dash', text: 'references:\n  -   id: a\n      title: A\nnocite: |\n  @a\n', result: 'references:\n  -   id: a\n      title: A\n  -   id: z\n      type: article\n      title: Title z\nnocite: |\n  @a\n' },
    { name: 'a CRLF file without a final line break', text: 'references:\r\n- id: a\r\n  title: A', result: 'references:\r\n- id: a\r\n  title: A\r\n- id: z\r\n  type: article\r\n  title: Title z\r\n' },
    { name: 'a comment after the last item stays on its line', text: 'references:\n- id: a # mine\n', result: `references:\n- id: a # mine\n${NEW}\n` },
    { name: 'a document end marker stays last', text: '---\nreferences:\n- id: a\n...\n', result: `---\nreferences:\n- id: a\n${NEW}\n...\n` },
    { name: 'a mapping without references gets the field', text: 'title: Notes\n', result: `title: Notes\nreferences:\n${NEW}\n` },
    { name: 'an empty references field gets its list', text: 'references: # soon\nnocite: x\n', result: `references: # soon\n${NEW}\nnocite: x\n` },
    { name: 'a flow list gets flow items', text: 'references: [{id: a}]\n', result: 'references: [{id: a}, {id: "z", type: "article", title: "Title z"}]\n' },
    { name: 'an empty flow list', text: 'references: []\n', result: 'references: [{id: "z", type: "article", title: "Title z"}]\n' },
    { name: 'an id defined in another case is not added again', text: 'references:\n- id: Z\n', result: 'references:\n- id: Z\n' },
  ];
  for (const { name, text, result } of upserts) {
    it(`upserts: ${name}`, () => assert.equal(applied(text, upsertCslYaml(text, [item('z')])), result));
  }

  it('writes dates on one line and quotes what pandoc would read as no string', () => {
    const text = applied('', upsertCslYaml('', [{ id: 'yes', type: 'article', title: 'On', issued: { 'date-parts': [[2024, 5, 1]] } } as CslJsonItem]));
    assert.equal(text, 'references:\n- id: "yes"\n  type: article\n  title: "On"\n  issued:\n    date-parts: [[2024, 5, 1]]\n');
    assert.deepEqual(cslYamlKeys(text).ok && cslYamlKeys(text), { ok: true, keys: [{ key: 'yes', start: 19, end: 22 }] });
  });

  it('only inserts, writes YAML that reads back as the escaped items, and is idempotent', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    const title = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('yes', 'On', '~', '0x10', '012', '1e3', '- x', '# h', '"q": \'s\'', '@home', 'a: b', '[x]', '{y}', '|', '>', '*', '&amp;', 'line\nbreak', ' lead', 'tail ', '\ttab'));
    const items = fc.array(fc.record({ id, type: fc.constant('article'), title }), { minLength: 1, maxLength: 3 });
    const existing = fc.constantFrom('', 'references:\n- id: first\n  title: F\n', 'references:\r\n  - id: first\r\n', '# c\nreferences: []\n', 'title: t\n', 'references:\n- id: first');
    fc.assert(
      fc.property(existing, items, (text, added) => {
        const once = applied(text, upsertCslYaml(text, added));
        assert.equal(applied(once, upsertCslYaml(once, added)), once);
        const read = parseYaml(once, { version: '1.1' }) as { references: { id: string; title: string }[] };
        const written = read.references.filter((r) => r.id !== 'first');
        const unique = added.filter((a, i) => added.findIndex((b) => b.id.toLowerCase() === a.id.toLowerCase()) === i);
        assert.deepEqual(written.map((r) => [r.id, r.title]), unique.map((a) => [a.id, escapePandocValue(a.title)]));
        const keys = cslYamlKeys(once);
        assert.ok(keys.ok);
        assert.deepEqual(keys.keys.map((k) => k.key).filter((k) => k !== 'first'), unique.map((a) => a.id));
      }),
      { numRuns: 300 },
    );
  });

  it('is what the dispatcher uses for .yaml and .yml', () => {
    const paper: Paper = { id: 'p', key: 'smith2024agents', title: 'Agents', abstract: '', sources: [] };
    const text = applied('references: []\n', upsertBibliography('notes/refs.yml', 'references: []\n', [paper]));
    const keys = bibliographyKeys('refs.yaml', text);
    assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['smith2024agents']);
  });
});

describe('pandoc --citeproc renders a CSL-YAML bibliography written by these functions', function () {
  const available = spawnSync('pandoc', ['--version']).status === 0;

  const titles = [
    'TÜLU 3: A^2FM & {friends}',
    'Learning *to* rank with snake_case and `code`',
    '@home: citations [@x] and [links](http://x.org) in $5 titles',
    '#1 hit - a "quoted" title: it\'s here... -- or --- not',
    '- starts like a list',
    '1. starts like an ordered list',
    // (No HTML: CSL-JSON reads `<b>` as markup, CSL-YAML as text.)
    '> starts like a quote & ends < 3 ~sub~ x^2^ ~~strike~~',
    'Yes',
    'On',
    '2048',
    'Ünïcödé 日本語 emoji 🤖 | pipes | &amp; entity',
    'A\\B back\\slash',
  ];
  const papers: Paper[] = titles.map((title, i) => ({ id: `p${i}`, key: `k${i}`, title, abstract: '', sources: [], date: '2024-05-01' }));

  function render(dir: string, bibliography: string): { stdout: string; stderr: string; status: number | null } {
    writeFileSync(join(dir, 'note.md'), `---\nbibliography: ${bibliography}\n---\n\n${papers.map((p) => `[@${p.key}]`).join(' ')}\n`);
    return spawnSync('pandoc', ['--citeproc', '-t', 'plain', '--wrap=none', 'note.md'], { cwd: dir, encoding: 'utf8' });
  }

  it('resolves every key appended to a .yaml file and renders each title as the CSL-JSON item does', function () {
    if (!available) {
      console.warn('    pandoc is not installed: skipping the CSL-YAML render check');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'paper-atlas-yaml-'));
    try {
      const start = '# My references\nreferences:\n- id: mine2020\n  type: book\n  title: My Own Book\n';
      const half = applied(start, upsertBibliography('refs.yaml', start, papers.slice(0, 5)));
      const yaml = applied(half, upsertBibliography('refs.yaml', half, papers));
      assert.ok(yaml.startsWith(start));
      writeFileSync(join(dir, 'refs.yaml'), yaml);
      writeFileSync(join(dir, 'refs.json'), applied('', upsertBibliography('refs.json', '', papers)));
      const fromYaml = render(dir, 'refs.yaml');
      const fromJson = render(dir, 'refs.json');
      assert.equal(fromYaml.status, 0, fromYaml.stderr);
      assert.equal(fromYaml.stderr, '');
      assert.doesNotMatch(fromYaml.stdout, /\?\)/); // `(key?)` marks an unresolved citation
      assert.equal(fromYaml.stdout, fromJson.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing in a bare list, which is why Paper Atlas reports one', function () {
    if (!available) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'paper-atlas-yaml-'));
    try {
      writeFileSync(join(dir, 'refs.yaml'), '- id: k0\n  type: article\n  title: Bare\n');
      writeFileSync(join(dir, 'note.md'), '---\nbibliography: refs.yaml\n---\n\n[@k0]\n');
      const run = spawnSync('pandoc', ['--citeproc', '-t', 'plain', 'note.md'], { cwd: dir, encoding: 'utf8' });
      assert.match(run.stderr, /citation k0 not found/);
      assert.equal(cslYamlKeys('- id: k0\n').ok, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
