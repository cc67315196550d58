import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';
import { readBibtexLibrary } from '../../src/core/sources/bibtexLibrary';
import { type ReferenceRead } from '../../src/core/sources/referenceRead';

// Real bibliographies (see their README): read-only, so each test reads a copy.
const REAL = '/work/shared/fixtures/real';
const FILES = ['contextlab-cdl.bib', 'bbt-unabbreviate-7166.bib'];

/** The keys a plain scan finds, in file order: `@type{key,` for every entry that is not @string, @comment or @preamble. */
function scannedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(/@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)\s*,/g)) {
    if (!['string', 'comment', 'preamble'].includes((match[1] ?? '').toLowerCase())) keys.push(match[2] ?? '');
  }
  return keys;
}

// The parser takes tens of seconds per file on a loaded machine (see the report), hence the timeouts.
describe('BibTeX reader on real bibliographies', function () {
  this.timeout(600_000);
  let dir = '';
  const reads = new Map<string, { text: string; read: ReferenceRead }>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-real-bib-'));
    for (const name of FILES) {
      copyFileSync(join(REAL, name), join(dir, name));
      const text = readFileSync(join(dir, name), 'utf8');
      reads.set(name, { text, read: await readBibtexLibrary(text, name) });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of FILES) {
    it(`${name}: every entry is read or reported, and the keys are the file's own, in order`, () => {
      const { text, read } = reads.get(name)!;
      const scanned = scannedKeys(text);
      assert.equal(read.entryCount, scanned.length, 'the parser sees the entries a plain scan sees');
      assert.equal(read.papers.length + read.diagnostics.length, read.entryCount, 'each entry either loads or is reported');
      // The only entries skipped are later uses of a key (case ignored); no entry fails to parse or lacks a title.
      for (const d of read.diagnostics) assert.match(d.message, /is already used by the entry at line \d+/, `${d.file}:${d.line}: ${d.message}`);
      const seen = new Set<string>();
      const expected = scanned.filter((key) => !seen.has(key.toLowerCase()) && seen.add(key.toLowerCase()));
      assert.deepEqual(
        read.papers.map((p) => p.key),
        expected,
      );
      const lines = text.split('\n');
      for (const paper of read.papers) {
        assert.ok(paper.key !== '' && paper.title.trim() !== '', `${paper.key}: key and title`);
        const line = paper.locations?.[0]?.line ?? 0;
        assert.ok(lines[line - 1]?.includes(`{${paper.key},`), `${paper.key} is on its reported line ${line}`);
      }
    });
  }

  it('contextlab-cdl.bib: LaTeX accents become text', () => {
    const { read } = reads.get('contextlab-cdl.bib')!;
    const withAccent = read.papers.filter((p) => /[À-ž]/.test(p.title + (p.authors ?? []).join(' ')));
    assert.ok(withAccent.length > 0, 'some titles or authors carry accented letters');
    assert.ok(read.papers.every((p) => !/\{\\["'`^~]/.test(p.title)), 'no {\\"u}-style accent is left in a title');
  });

  it('bbt-unabbreviate-7166.bib: reports a repeated key at the later entry, naming the first', () => {
    const { text, read } = reads.get('bbt-unabbreviate-7166.bib')!;
    assert.equal(read.diagnostics.length, 16);
    const lines = text.split('\n');
    for (const d of read.diagnostics) {
      const key = /"([^"]+)"/.exec(d.message)?.[1] ?? '';
      const first = Number(/line (\d+)/.exec(d.message)?.[1]);
      assert.ok(lines[d.line - 1]?.includes(`{${key},`), `line ${d.line} holds ${key}`);
      assert.ok(lines[first - 1]?.toLowerCase().includes(`{${key.toLowerCase()},`), `line ${first} holds the first ${key}`);
    }
  });
});

describe('paper-atlas CLI over a real .bib', function () {
  this.timeout(600_000);
  let dir = '';

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, bundledLibrary: join(dir, 'no-bundled-library') };
    const code = await runCli(argv, io);
    return { code, out, err };
  }

  // One build reads the file (the slow part); the commands then read the built folder.
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-real-cli-'));
    copyFileSync(join(REAL, 'contextlab-cdl.bib'), join(dir, 'cdl.bib'));
    const build = await cli('build', 'cdl.bib', '--out', 'cdl', '--quiet');
    assert.equal(build.code, 0, build.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('search finds a paper of the .bib by its title', async () => {
    const run = await cli('search', 'polygonal approximation of plane curves', '--json', '--library', 'cdl');
    assert.equal(run.code, 0, run.err);
    const hits = JSON.parse(run.out) as { key: string }[];
    assert.equal(hits[0]?.key, 'Rame72');
  });

  it('show and cite use the key as the .bib writes it', async () => {
    const show = await cli('show', 'rame72', '--library', 'cdl');
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /Key\s+Rame72\b/);
    const cite = await cli('cite', 'AntoEtal24', 'Rame72', '--library', 'cdl');
    assert.equal(cite.code, 0, cite.err);
    assert.equal(cite.out, '[@AntoEtal24; @Rame72]\n');
  });
});
