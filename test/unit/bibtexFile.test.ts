import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bibtexKeys, keysInAnotherCase, upsertBibtex } from '../../src/core/bibliography/bibtexFile';
import { type UpsertResult } from '../../src/core/bibliography/parseError';
import { applyEdits } from '../../src/core/text/textEdit';
import { oracleParse } from './bibtexOracle';

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

describe('BibTeX file: read as pandoc and biber read it', () => {
  const keysOf = (text: string): string[] => {
    const keys = bibtexKeys(text);
    assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
    return keys.keys.map((k) => k.key);
  };

  it('accepts % comment lines and trailing comments between the parts of an entry', () => {
    const text = '@misc{a,\n  % a comment line\n  title = {A}, % trailing\n  % another\n  year = 2020\n}\n@misc % c\n{b, title % c\n = % c\n {B} % c\n # " b" ,}\n';
    assert.deepEqual(keysOf(text), ['a', 'b']);
    assert.equal(applied(text, upsertBibtex(text, [entry])), text + entry);
  });

  it('still lets a % comment at the top level hide an entry, as both do', () => {
    assert.deepEqual(keysOf('% @misc{x, title = {X}}\n@misc{y}\n'), ['y']);
  });

  it('reads \\" inside a quoted value as an accent, not the end of the value', () => {
    assert.deepEqual(keysOf('@misc{a, title = "Caf\\"e and {x}"}\n@misc{b, title = "\\"Uber"}\n'), ['a', 'b']);
  });

  it('finds an entry glued to the text before it, and so adds no duplicate', () => {
    const text = 'junk@misc{x, title = {X}}\n';
    assert.deepEqual(keysOf(text), ['x']);
    assert.deepEqual(upsertBibtex(text, ['@misc{x,\n  title = {X},\n}\n']), { ok: true, edit: undefined, added: [] });
  });

  it('reads an e-mail address in a comment as text (pandoc and biber refuse the file; we keep it usable)', () => {
    assert.deepEqual(keysOf('Kept by me@example.org and you@misc.org.\n@misc{a}\n'), ['a']);
  });

  it('appends with the file’s own line ending: CR only', () => {
    const text = '@misc{a,\r  year = 2020\r}\r';
    assert.equal(applied(text, upsertBibtex(text, [entry])), `${text}\r@misc{z,\r  title = {Z},\r}\r`);
  });

  it('only inserts, even into a file of white space', () => {
    for (const text of ['', '\ufeff', '  \r\n', '\n\n', '\ufeff \t']) {
      const result = upsertBibtex(text, [entry]);
      assert.ok(result.ok && result.edit);
      assert.equal(result.edit.start, result.edit.end, JSON.stringify(text));
    }
    assert.equal(applied('  \r\n', upsertBibtex('  \r\n', [entry])), `${entry.replace(/\n/g, '\r\n')}  \r\n`);
    assert.equal(applied('\ufeff', upsertBibtex('\ufeff', [entry])), `\ufeff${entry}`);
  });

  it('agrees with @retorquere/bibtex-parser on these cases, but for two documented differences', () => {
    const same = [
      '@misc{a,\n  % a comment line\n  title = {A}, % trailing\n  year = 2020\n}\n@misc % c\n{b, title % c\n = % c\n {B} % c\n # " b" ,}\n',
      '% @misc{x, title = {X}}\n@misc{y}\n',
      '@misc{a, title = "Caf\\"e and {x}"}\n@misc{b, title = "\\"Uber"}\n',
      'junk@misc{x, title = {X}}\n',
      '@misc{a,\r  year = 2020\r}\r@misc{b}\r',
      '@MISC{FOO}\n@misc{foo}\n',
    ];
    for (const text of same) {
      const oracle = oracleParse(text);
      assert.deepEqual(oracle.errors, [], text);
      assert.deepEqual(keysOf(text), oracle.entries.map((e) => e.key), text);
    }
    // 1. An e-mail address in comment text: the oracle (and pandoc, and biber) report an error; we read text.
    const email = 'Kept by me@example.org.\n@misc{a}\n';
    assert.notDeepEqual(oracleParse(email).errors, []);
    assert.deepEqual(keysOf(email), ['a']);
    // 2. An escaped brace: BibTeX and biber count it, so this value never closes and
    // biber skips the entry; the oracle (and pandoc) skip escaped braces. We side with
    // biber, so that a file we accept works with both.
    const escaped = '@misc{a, title = {o\\}ptimized}}\n@misc{b}\n';
    assert.deepEqual(oracleParse(escaped).entries.map((e) => e.key), ['a', 'b']);
    assert.equal(bibtexKeys(escaped).ok, false);
  });
});

describe('BibTeX file: keys present only in another letter case', () => {
  const defined = (text: string) => {
    const keys = bibtexKeys(text);
    assert.ok(keys.ok, keys.ok ? '' : keys.error.message);
    return keys.keys;
  };

  it('names the key the file has for a cited key it lacks in that case, where it is written', () => {
    const text = '@misc{FOO, title = {Foo}}\n@misc{Bar}\n';
    const found = keysInAnotherCase(defined(text), ['foo', 'Bar', 'baz', 'foo', 'fOO']);
    assert.deepEqual(found.map((f) => [f.key, f.defined.key, text.slice(f.defined.start, f.defined.end)]), [['foo', 'FOO', 'FOO'], ['fOO', 'FOO', 'FOO']]);
  });

  it('names nothing when the file has the exact key too', () => {
    assert.deepEqual(keysInAnotherCase(defined('@misc{FOO}\n@misc{foo}\n'), ['foo']), []);
  });

  it('agrees with upsert, which adds no entry for such a key', () => {
    const text = '@misc{FOO}\n';
    assert.deepEqual(upsertBibtex(text, ['@misc{foo,\n  title = {F},\n}\n']), { ok: true, edit: undefined, added: [] });
    assert.equal(keysInAnotherCase(defined(text), ['foo']).length, 1);
  });

  it('is needed because pandoc --citeproc matches keys case-sensitively', function () {
    if (spawnSync('pandoc', ['--version']).status !== 0) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'paper-atlas-case-'));
    try {
      writeFileSync(join(dir, 'refs.bib'), '@misc{FOO, title = {Upper Foo}, year = 2020}\n');
      const run = spawnSync('pandoc', ['--citeproc', '--bibliography', 'refs.bib', '-t', 'plain'], { cwd: dir, input: 'See [@foo] and [@FOO].\n', encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /citation foo not found/);
      assert.match(run.stdout, /\(foo\?\) and \(“Upper Foo” 2020\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BibTeX file: real bibliographies, read as @retorquere/bibtex-parser reads them', function () {
  this.timeout(60_000);
  // Exports by Better BibTeX and a lab's hand-kept file, committed unchanged
  // under test/fixtures/real (see the README there for sources and licences).
  const source = join('test', 'fixtures', 'real');
  let dir = '';
  before(() => {
    if (!existsSync(source)) {
      throw new Error(`${source} is missing: the real bibliographies are part of the repository`);
    }
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-real-bib-'));
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ['bbt-unabbreviate-7166.bib', 'contextlab-cdl.bib']) {
    it(`finds the keys the oracle finds, in order, and appends without touching a byte: ${name}`, () => {
      copyFileSync(join(source, name), join(dir, name));
      const text = readFileSync(join(dir, name), 'utf8');
      const ours = bibtexKeys(text);
      assert.ok(ours.ok, ours.ok ? '' : `${ours.error.line + 1}: ${ours.error.message}`);
      const oracle = oracleParse(text);
      assert.deepEqual(oracle.errors, []);
      // No documented difference applies to these files: the keys are the same list.
      assert.deepEqual(ours.keys.map((k) => k.key), oracle.entries.map((e) => e.key));
      for (const k of ours.keys) assert.equal(text.slice(k.start, k.end), k.key);

      const result = upsertBibtex(text, [entry]);
      assert.ok(result.ok && result.edit);
      assert.equal(result.edit.start, text.length);
      const after = applyEdits(text, [result.edit]);
      const keys = bibtexKeys(after);
      assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), [...ours.keys.map((k) => k.key), 'z']);
    });
  }
});
