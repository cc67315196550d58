import * as assert from 'node:assert/strict';
import { Catalog, catalogUid, type LoadedLibrary } from '../../src/core/library/catalog';
import { groupPapers } from '../../src/core/library/grouping';
import { suggestedPapers } from '../../src/core/library/suggestions';
import { describePaper, formatDate } from '../../src/core/library/paperText';
import type { SearchHit } from '../../src/core/search/paperIndex';
import type { LibraryIndex } from '../../src/core/search/libraryIndex';
import { PaperSearch } from '../../src/core/search/paperSearch';
import type { Paper } from '../../src/core/paper';

const paper = (id: string, extra: Partial<Paper> = {}): Paper => ({ id, key: `${id}-2025`, title: `Title ${id}`, abstract: `Abstract ${id}`, sources: ['a.txt'], ...extra });

/** An index that answers from a fixed table and records what it was asked and whether it was freed. */
class TableIndex implements LibraryIndex {
  disposed = false;
  constructor(private readonly hits: Record<string, SearchHit[]>) {}
  search(query: string): SearchHit[] {
    return this.hits[query] ?? [];
  }
  related(id: string): SearchHit[] {
    return this.hits[`related:${id}`] ?? [];
  }
  dispose(): void {
    this.disposed = true;
  }
}

function library(id: string, papers: Paper[], index: LibraryIndex, opened: { count: number } = { count: 0 }): LoadedLibrary {
  return {
    id,
    name: id === 'bundled' ? 'Bundled corpus' : `Library ${id}`,
    papers,
    themes: [{ id: 't', label: 'Theme', terms: ['theme'], paperIds: papers.map((p) => p.id) }],
    membership: Object.fromEntries(papers.map((p) => [p.id, { primary: 't', secondary: [] }])),
    openIndex: () => {
      opened.count += 1;
      return Promise.resolve(index);
    },
  };
}

describe('Catalog', () => {
  it('keeps bundled ids, prefixes other libraries, and finds a key in any letter case (the first library wins)', () => {
    const bundled = library('bundled', [paper('a')], new TableIndex({}));
    const mine = library('file:///mine', [paper('a'), paper('b')], new TableIndex({}));
    const catalog = new Catalog([bundled, mine]);
    assert.equal(catalog.size, 3);
    assert.equal(catalog.paper('a')?.library, bundled);
    assert.equal(catalog.paper('file:///mine#a')?.library, mine);
    assert.equal(catalog.paperByKey('A-2025')?.library, bundled);
    assert.equal(catalogUid(mine, 'b'), 'file:///mine#b');
    // With two libraries, a user library's theme says whose it is.
    assert.deepEqual(catalog.themes.map((t) => t.label), ['Theme', 'Theme (Library file:///mine)']);
  });

  it('groups every paper exactly once, by year with undated last', () => {
    const catalog = new Catalog([library('bundled', [paper('a', { date: '2024-01-02' }), paper('b', { date: '2025-03-04' }), paper('c')], new TableIndex({}))]);
    const groups = groupPapers(catalog, 'year', 'title');
    assert.deepEqual(groups.map((g) => [g.label, g.papers.map((p) => p.paper.id)]), [['2025', ['b']], ['2024', ['a']], ['Undated', ['c']]]);
  });

  it('describes a paper in one locale-independent line', () => {
    assert.equal(formatDate('2025-07-19'), 'Jul 19, 2025');
    assert.equal(describePaper(paper('a', { org: { handle: 'x', name: 'X Lab' }, date: '2025-07-19', upvotes: 3 })), 'X Lab · Jul 19, 2025 · ▲ 3');
  });
});

describe('PaperSearch over the catalog', () => {
  it('opens each library index on first search only, and merges hits across libraries by score', async () => {
    const opened = { count: 0 };
    const one = library('bundled', [paper('a'), paper('b')], new TableIndex({ q: [{ id: 'a', score: 1, terms: ['q'] }, { id: 'b', score: 3, terms: ['q'] }] }), opened);
    const two = library('file:///two', [paper('c')], new TableIndex({ q: [{ id: 'c', score: 2, terms: ['q'] }] }), opened);
    const catalog = new Catalog([one, two]);
    const search = new PaperSearch(() => catalog);
    assert.equal(opened.count, 0, 'nothing is opened before a search');
    const hits = await search.search('q');
    assert.deepEqual(hits.map((h) => h.entry.uid), ['b', 'file:///two#c', 'a']);
    await search.search('q');
    assert.equal(opened.count, 2, 'each index opened once');
  });

  it('frees the indexes of libraries a reload replaced', async () => {
    const oldIndex = new TableIndex({});
    let catalog = new Catalog([library('bundled', [paper('a')], oldIndex)]);
    const search = new PaperSearch(() => catalog);
    await search.search('q');
    catalog = new Catalog([library('bundled', [paper('a')], new TableIndex({}))]);
    await search.search('q');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(oldIndex.disposed, true);
  });

  it('finds related papers in the paper’s own library', async () => {
    const catalog = new Catalog([library('bundled', [paper('a'), paper('b')], new TableIndex({ 'related:a': [{ id: 'b', score: 1, terms: [] }] }))]);
    const search = new PaperSearch(() => catalog);
    const related = await search.related(catalog.paper('a')!);
    assert.deepEqual(related.map((h) => h.entry.uid), ['b']);
  });
});

describe('suggestedPapers', () => {
  it('lists recent papers first (each once, unknown keys skipped), then the most upvoted, up to the limit', () => {
    const papers = [paper('a', { upvotes: 5 }), paper('b', { upvotes: 50 }), paper('c', { upvotes: 20 }), paper('d')];
    const catalog = new Catalog([library('bundled', papers, new TableIndex({}))]);
    const keys = (recent: string[], limit: number) => suggestedPapers(catalog, recent, limit).map((e) => e.paper.id);
    assert.deepEqual(keys(['d-2025', 'gone-2020', 'D-2025'], 3), ['d', 'b', 'c']);
    assert.deepEqual(keys([], 10), ['b', 'c', 'a', 'd']);
    assert.deepEqual(keys(['a-2025', 'c-2025'], 1), ['a']);
  });
});
