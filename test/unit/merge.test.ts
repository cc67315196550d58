import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeEntries } from '../../src/core/corpus/mergeEntries';
import { normaliseTitle, paperIdForTitle } from '../../src/core/corpus/paperIdentity';
import { parseListing } from '../../src/core/corpus/parseListing';
import { type RawEntry } from '../../src/core/corpus/rawEntry';
import { parseSourceManifest } from '../../src/core/corpus/sourceManifest';

const sourcesDir = join(__dirname, '..', '..', 'data', 'sources');

function realEntries(): RawEntry[] {
  const manifest = parseSourceManifest(readFileSync(join(sourcesDir, 'manifest.json'), 'utf8'));
  return manifest.sources.flatMap((s) => parseListing(readFileSync(join(sourcesDir, s.file), 'utf8'), s).entries);
}

const entry = (title: string, extra: Partial<RawEntry> = {}): RawEntry => ({
  title,
  abstract: `Abstract of ${title}.`,
  file: 'a.txt',
  line: 1,
  ...extra,
});

describe('normaliseTitle and paperIdForTitle', () => {
  it('ignores case, punctuation, whitespace and accents', () => {
    assert.equal(normaliseTitle('TÜLU 3: Pushing  Frontiers'), normaliseTitle('tulu 3 - pushing frontiers'));
    assert.equal(normaliseTitle('ARPO:End-to-End'), normaliseTitle('ARPO: End to End'));
    assert.equal(paperIdForTitle('A^2FM: An Adaptive Agent'), paperIdForTitle('a2fm an adaptive agent'));
  });

  it('keeps titles apart that differ in letters or digits', () => {
    assert.notEqual(normaliseTitle('C^3-Bench'), normaliseTitle('C^2-Bench'));
    assert.notEqual(paperIdForTitle('From r to Q^*'), paperIdForTitle('From r to Q^2'));
  });

  it('gives a fixed 12-hex-digit id (changing the formula would orphan every locked key)', () => {
    assert.equal(paperIdForTitle('TÜLU 3: Pushing Frontiers in Open Language Model Post-Training'), '1f214b792e48');
    assert.match(paperIdForTitle(''), /^[0-9a-f]{12}$/);
  });
});

describe('mergeEntries', () => {
  it('merges the 492 captured entries into 437 papers', () => {
    const result = mergeEntries(realEntries());
    assert.equal(result.entryCount, 492);
    assert.equal(result.papers.length, 437);
    assert.equal(result.mergedCount, 50);
    assert.equal(new Set(result.papers.map((p) => p.id)).size, 437);
    assert.equal(result.papers.reduce((n, p) => n + (p.locations?.length ?? 0), 0), 492);
  });

  it('lists every source of a paper that several pages show, keeping its highest upvote count', () => {
    const tulu = mergeEntries(realEntries()).papers.find((p) => p.title.startsWith('TÜLU 3'));
    assert.deepEqual(tulu?.sources, ['002_67dba33b251a0070.txt', '003_2018d970cedfada8.txt']);
    assert.equal(tulu?.upvotes, 3);
  });

  it('keeps the richest metadata of the copies', () => {
    const { papers } = mergeEntries([
      entry('Some Paper', { file: 'search.txt', line: 3, abstract: 'Longer abstract, as the search page had it.' }),
      entry('some paper', { file: 'daily1.txt', line: 9, authorCount: 5, date: { iso: '2025-07-19', yearInferred: true }, upvotes: 2 }),
      entry('SOME PAPER', { file: 'daily2.txt', line: 4, org: { handle: 'amazon', name: 'Amazon' }, date: { iso: '2024-07-19', yearInferred: false }, upvotes: 7 }),
    ]);
    assert.equal(papers.length, 1);
    assert.deepEqual(papers[0], {
      id: paperIdForTitle('Some Paper'),
      title: 'some paper',
      abstract: 'Longer abstract, as the search page had it.',
      authorCount: 5,
      org: { handle: 'amazon', name: 'Amazon' },
      date: '2024-07-19',
      upvotes: 7,
      sources: ['search.txt', 'daily1.txt', 'daily2.txt'],
      locations: [
        { file: 'search.txt', line: 3 },
        { file: 'daily1.txt', line: 9 },
        { file: 'daily2.txt', line: 4 },
      ],
    });
  });

  it('leaves metadata out rather than inventing it', () => {
    const { papers } = mergeEntries([entry('Bare')]);
    assert.deepEqual(Object.keys(papers[0] ?? {}).sort(), ['abstract', 'id', 'locations', 'sources', 'title']);
  });
});
