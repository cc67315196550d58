import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK, parseKeyLock } from '../../src/core/corpus/citationKeys';
import { createLibrary, LibraryFormatError, parseLibrary, serializeLibrary, summariseLibrary, type Library } from '../../src/core/library/libraryFormat';
import { type Paper } from '../../src/core/paper';
import { readLibraryDir, writeLibraryDir, writeTextFileAtomic } from '../../src/node/libraryFiles';
import { readManifestSources } from '../../src/node/sourceFiles';

const paper = (n: number, extra: Partial<Paper> = {}): Paper => ({ id: `id${n}`, key: `key${n}`, title: `Title ${n}`, abstract: `Abstract ${n}`, sources: ['a.txt'], ...extra });

function sampleLibrary(index = '{"index":true}'): Library {
  const papers = [paper(1, { org: { handle: 'AI-at-Meta', name: 'Meta AI' }, date: '2025-07-19' }), paper(2), paper(3, { org: { handle: 'AI-at-Meta', name: 'Meta AI' } })];
  return createLibrary({
    name: 'sample',
    sources: ['a.txt'],
    entryCount: 4,
    mergedCount: 1,
    papers,
    themes: {
      themes: [
        { id: 't1', label: 'One', terms: ['one'], paperIds: ['id1', 'id2'] },
        { id: 't2', label: 'Two', terms: ['two'], paperIds: ['id3'] },
      ],
      membership: { id1: { primary: 't1', secondary: [] }, id2: { primary: 't1', secondary: ['t2'] }, id3: { primary: 't2', secondary: [] } },
    },
    index,
  });
}

describe('library format', () => {
  it('round-trips through its four files', () => {
    const library = sampleLibrary();
    assert.deepEqual(parseLibrary(serializeLibrary(library)), library);
    assert.deepEqual(library.manifest.counts, { entries: 4, papers: 3, merged: 1, themes: 2 });
  });

  it('refuses another format version, asking for a rebuild', () => {
    const files = serializeLibrary(sampleLibrary());
    const manifest = files['library.json'].replace('"formatVersion": 1', '"formatVersion": 99');
    assert.throws(() => parseLibrary({ ...files, 'library.json': manifest }), /version 99 is not supported.*rebuild/);
  });

  it('refuses a paper without a theme, a malformed paper and counts that disagree', () => {
    const files = serializeLibrary(sampleLibrary());
    const themes = JSON.parse(files['themes.json']) as { membership: Record<string, unknown> };
    delete themes.membership['id2'];
    assert.throws(() => parseLibrary({ ...files, 'themes.json': JSON.stringify(themes) }), /no membership for paper key2/);
    assert.throws(() => parseLibrary({ ...files, 'papers.json': '[{"id":"x"}]' }), LibraryFormatError);
    const papers = JSON.parse(files['papers.json']) as unknown[];
    assert.throws(() => parseLibrary({ ...files, 'papers.json': JSON.stringify(papers.slice(0, 2)) }), /counts 3 papers/);
  });

  it('summarises counts, organisations and themes largest first', () => {
    const summary = summariseLibrary(sampleLibrary());
    assert.equal(summary.duplicateEntries, 1);
    assert.equal(summary.undated, 2);
    assert.deepEqual(summary.organisations, [{ handle: 'AI-at-Meta', name: 'Meta AI', papers: 2 }]);
    assert.deepEqual(summary.themes.map((t) => [t.label, t.papers]), [['One', 2], ['Two', 1]]);
  });
});

describe('library directory I/O', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paper-atlas-lib-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a library that reads back equal, replacing an older one', async () => {
    const target = join(dir, 'library');
    await writeLibraryDir(target, sampleLibrary('{"old":1}'));
    await writeLibraryDir(target, sampleLibrary());
    assert.deepEqual(await readLibraryDir(target), sampleLibrary());
    assert.deepEqual(readdirSync(dir), ['library']);
  });

  it('leaves the previous library untouched and no temporary files when a write fails', async () => {
    const target = join(dir, 'library');
    await writeLibraryDir(target, sampleLibrary('{"old":1}'));
    // A non-string index makes the last file write throw after the others were written.
    const broken = { ...sampleLibrary(), index: 42 as unknown as string };
    await assert.rejects(writeLibraryDir(target, broken));
    assert.equal(readFileSync(join(target, 'index.json'), 'utf8'), '{"old":1}');
    assert.deepEqual(readdirSync(dir), ['library']);
  });

  it('writes nothing at all when a first write fails', async () => {
    const target = join(dir, 'library');
    await assert.rejects(writeLibraryDir(target, { ...sampleLibrary(), index: 42 as unknown as string }));
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('says which file is missing', async () => {
    await assert.rejects(readLibraryDir(dir), /library\.json is missing/);
  });

  it('replaces a text file whole', async () => {
    const file = join(dir, 'lock.json');
    await writeTextFileAtomic(file, 'one');
    await writeTextFileAtomic(file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'two');
    assert.deepEqual(readdirSync(dir), ['lock.json']);
  });
});

describe('buildCorpus on the captured sources', () => {
  it('keys 437 papers from 492 entries with no diagnostics', async () => {
    const sources = await readManifestSources(join(__dirname, '..', '..', 'data', 'sources', 'manifest.json'));
    const corpus = buildCorpus(sources, EMPTY_KEY_LOCK);
    assert.deepEqual(corpus.diagnostics, []);
    assert.equal(corpus.entryCount, 492);
    assert.equal(corpus.papers.length, 437);
    assert.equal(new Set(corpus.papers.map((p) => p.key)).size, 437);
    assert.equal(corpus.newKeys.length, 437);
    assert.deepEqual(Object.keys(corpus.papers[0] ?? {}).slice(0, 2), ['id', 'key']);
  });

  it('keeps every key of the committed lock file', async () => {
    const root = join(__dirname, '..', '..');
    const lockPath = join(root, 'data', 'citation-keys.lock.json');
    const lock = parseKeyLock(readFileSync(lockPath, 'utf8'));
    const corpus = buildCorpus(await readManifestSources(join(root, 'data', 'sources', 'manifest.json')), lock);
    assert.deepEqual(corpus.newKeys, [], 'the committed lock covers every bundled paper');
    for (const p of corpus.papers) assert.equal(p.key, lock.keys[p.id]);
  });
});
