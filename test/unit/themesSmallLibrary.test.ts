import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { type Paper } from '../../src/core/paper';
import { buildThemes } from '../../src/core/themes/buildThemes';
import { readLooseSources } from '../../src/node/sourceFiles';

// A user's own library (paperAtlas.libraries) often holds a few dozen papers;
// themes there must still read as a table of contents.
describe('buildThemes on a small user library', () => {
  let papers: Paper[];

  before(async () => {
    const sources = await readLooseSources([join(__dirname, '..', 'fixtures', 'libraries', 'small-listing.txt')], 2025);
    const build = buildCorpus(sources, EMPTY_KEY_LOCK);
    assert.deepEqual(build.diagnostics, []);
    papers = build.papers;
    assert.equal(papers.length, 12);
  });

  it('puts a dozen papers on three topics in three themes, one per topic', () => {
    const build = buildThemes(papers);
    assert.equal(build.themes.length, 3, build.themes.map((t) => t.label).join(', '));
    const topicOf = (paper: Paper) => (/coral|reef/i.test(paper.title) ? 'reefs' : /bread|sourdough|dough/i.test(paper.title) ? 'bread' : 'drones');
    for (const theme of build.themes) {
      const topics = new Set(theme.paperIds.map((id) => topicOf(papers.find((p) => p.id === id)!)));
      assert.equal(topics.size, 1, `${theme.label} mixes ${[...topics].join(' and ')}`);
      assert.equal(theme.paperIds.length, 4);
      assert.doesNotMatch(theme.label, /^Theme \d+$/, 'a theme is named by its words, not a number');
    }
  });

  it('makes themes of two papers or more on average from four papers up, and one or two for fewer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 11 }), (count, start) => {
        const subset = [...papers.slice(start), ...papers.slice(0, start)].slice(0, count);
        const build = buildThemes(subset);
        assert.equal(build.themes.flatMap((t) => t.paperIds).length, count, 'every paper is placed once');
        if (count >= 4) assert.ok(build.themes.length <= count / 2, `${count} papers in ${build.themes.length} themes`);
        else assert.ok(build.themes.length <= 2, `${count} papers in ${build.themes.length} themes`);
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  it('keeps the bundled corpus at ten to twenty themes (the floor applies from 50 papers)', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...papers[i % 12]!, id: `p${String(i).padStart(3, '0')}`, key: `k${i}` }));
    const themes = buildThemes(many).themes.length;
    assert.ok(themes >= 1 && themes <= 10, `${themes} themes`);
  });
});
