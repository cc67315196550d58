import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { type Paper } from '../../src/core/paper';
import { buildThemes, type ThemeBuild } from '../../src/core/themes/buildThemes';
import { foldText } from '../../src/core/text/fold';
import { stemWord } from '../../src/core/themes/extractWords';
import { describability, describeClusters, nameablePhrases } from '../../src/core/themes/labelThemes';
import { vectorizePapers } from '../../src/core/themes/vectorizePapers';
import { readManifestSources } from '../../src/node/sourceFiles';

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

/** Share of a theme's papers whose title or abstract holds every word of its label (or of one side of an "X and Y" label). */
function labelCoverage(label: string, papers: readonly Paper[]): number {
  const covered = papers.filter((paper) => {
    const words = new Set(foldText(`${paper.title} ${paper.abstract}`).split(/[^\p{L}\p{N}]+/u).map(stemWord));
    return label.split(' and ').some((part) => part.split(/[\s-]+/u).every((word) => words.has(stemWord(foldText(word)))));
  });
  return covered.length / papers.length;
}

async function bundledPapers(): Promise<Paper[]> {
  const sources = await readManifestSources(join(__dirname, '..', '..', 'data', 'sources', 'manifest.json'));
  return buildCorpus(sources, EMPTY_KEY_LOCK).papers;
}

/** Checks every structural promise of a build against its papers. */
function assertWellFormed(build: ThemeBuild, papers: readonly Paper[]): void {
  const themeIds = build.themes.map((theme) => theme.id);
  assert.equal(new Set(themeIds).size, themeIds.length, 'theme ids are unique');
  const placed = build.themes.flatMap((theme) => theme.paperIds);
  assert.deepEqual([...placed].sort(), papers.map((p) => p.id).sort(), 'every paper is placed in exactly one theme');
  for (const theme of build.themes) {
    assert.ok(theme.paperIds.length > 0, `${theme.id} is not empty`);
    for (const id of theme.paperIds) assert.equal(build.membership[id]?.primary, theme.id);
  }
  assert.deepEqual(Object.keys(build.membership).sort(), papers.map((p) => p.id).sort());
  for (const [id, member] of Object.entries(build.membership)) {
    assert.ok(member.secondary.length <= 2, `${id} has at most two secondary themes`);
    assert.ok(!member.secondary.includes(member.primary), `${id}: secondary excludes primary`);
    assert.equal(new Set(member.secondary).size, member.secondary.length);
    for (const other of member.secondary) assert.ok(themeIds.includes(other), `${id}: secondary ${other} exists`);
  }
  const labels = build.themes.map((theme) => theme.label.toLowerCase());
  assert.equal(new Set(labels).size, labels.length, `labels are unique: ${labels.join(', ')}`);
}

describe('buildThemes on the bundled corpus', function () {
  this.timeout(60_000);
  let papers: Paper[];
  let build: ThemeBuild;

  before(async () => {
    papers = await bundledPapers();
    build = buildThemes(papers);
  });

  const primaryOf = (pattern: RegExp): { titles: string[]; themes: Set<string> } => {
    const matching = papers.filter((paper) => pattern.test(paper.title));
    return { titles: matching.map((p) => p.title), themes: new Set(matching.map((p) => build.membership[p.id]!.primary)) };
  };

  it('makes 10 to 20 themes that place every paper exactly once', () => {
    assert.ok(build.themes.length >= 10 && build.themes.length <= 20, `${build.themes.length} themes`);
    assertWellFormed(build, papers);
  });

  it('keeps every theme well under a quarter of the papers', () => {
    const largest = Math.max(...build.themes.map((theme) => theme.paperIds.length));
    assert.ok(largest < 0.2 * papers.length, `largest theme has ${largest} of ${papers.length} papers`);
  });

  it('orders themes by size and numbers their ids in that order', () => {
    build.themes.forEach((theme, index) => {
      assert.match(theme.id, new RegExp(`^t${String(index + 1).padStart(2, '0')}-[a-z0-9]+(?:-[a-z0-9]+)*$`));
      const next = build.themes[index + 1];
      if (next !== undefined) assert.ok(theme.paperIds.length >= next.paperIds.length);
    });
  });

  for (const [topic, pattern, minimum] of [
    ['bilevel optimization', /bi-?level (?:optimization|programming)/i, 6],
    ['object navigation', /object (?:goal )?navigation|objectnav/i, 3],
    ['GUI agents', /\bGUI\b/, 5],
  ] as const) {
    it(`puts all ${topic} papers in one theme`, () => {
      const { titles, themes } = primaryOf(pattern);
      assert.ok(titles.length >= minimum, `found ${titles.length} ${topic} papers`);
      assert.equal(themes.size, 1, `${topic} papers spread over ${[...themes].join(', ')}:\n${titles.join('\n')}`);
    });
  }

  it('gathers the GUI-agent papers in one theme whose heading says GUI', () => {
    const { titles, themes } = primaryOf(/\bGUI/);
    assert.ok(titles.length >= 5, `found ${titles.length} GUI papers`);
    assert.equal(themes.size, 1, `GUI papers spread over ${[...themes].join(', ')}:\n${titles.join('\n')}`);
    const theme = build.themes.find((t) => t.id === [...themes][0])!;
    assert.match(theme.label, /\bGUI\b/u);
  });

  it('never heads a theme with generic machine-learning vocabulary alone', () => {
    const generic = new Set(['machine', 'learning', 'model', 'representation', 'method', 'deep', 'neural', 'network', 'large', 'language', 'llm', 'ml', 'ai']);
    for (const theme of build.themes) {
      const words = theme.label
        .split(/[\s-]+/u)
        .filter((word) => !['and', 'of', 'for', 'the'].includes(word.toLowerCase()))
        .map((word) => stemWord(foldText(word)));
      assert.ok(!words.every((word) => generic.has(word)), `"${theme.label}" names no topic`);
    }
  });

  it('keeps bilevel optimization, object navigation and GUI agents apart', () => {
    const themes = [/bi-?level optimization/i, /object (?:goal )?navigation/i, /\bGUI\b/].map((pattern) => [...primaryOf(pattern).themes][0]);
    assert.equal(new Set(themes).size, 3, `themes: ${themes.join(', ')}`);
  });

  it('labels themes with short headings made of words the papers use', () => {
    const vocabulary = new Set(papers.flatMap((paper) => fold(`${paper.title} ${paper.abstract}`).split(/[^\p{L}\p{N}]+/u)));
    for (const theme of build.themes) {
      const words = theme.label.split(' ');
      assert.ok(words.length >= 1 && words.length <= 4, `"${theme.label}" has 1–4 words`);
      assert.match(theme.label, /^[\p{Lu}\p{N}]/u, `"${theme.label}" starts like a heading`);
      for (const word of theme.label.split(/[\s-]+/u)) {
        assert.ok(vocabulary.has(fold(word)), `"${word}" in "${theme.label}" is a word of the corpus, not a stem`);
      }
      assert.ok(theme.terms.length > 0 && theme.terms.length <= 8, `${theme.id} lists its distinctive terms`);
    }
  });

  it('labels themes with words most of their papers use', () => {
    const byId = new Map(papers.map((paper) => [paper.id, paper]));
    const coverage = build.themes.map((theme) => ({
      label: theme.label,
      share: labelCoverage(
        theme.label,
        theme.paperIds.map((id) => byId.get(id)!),
      ),
    }));
    const report = coverage.map(({ label, share }) => `${label} ${share.toFixed(2)}`).join(', ');
    const wellCovered = coverage.filter(({ share }) => share >= 0.4).length;
    assert.ok(wellCovered >= 0.85 * coverage.length, `labels found in ≥40% of their papers for only ${wellCovered} of ${coverage.length}: ${report}`);
    const mean = coverage.reduce((total, { share }) => total + share, 0) / coverage.length;
    assert.ok(mean >= 0.5, `mean label coverage ${mean.toFixed(2)}: ${report}`);
  });

  it('keeps no theme glued from two small disjoint topics ("X and Y" naming separate papers)', () => {
    const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const space = vectorizePapers(sorted, { titleWeight: 3, maxDocumentShare: 0.5 });
    const nameables = nameablePhrases(sorted.map((paper, i) => ({ ...paper, titleWords: space.words[i]!.title, abstractWords: space.words[i]!.abstract })));
    const ids = build.themes.map((theme) => theme.id);
    const assignment = Int32Array.from(sorted, (paper) => ids.indexOf(build.membership[paper.id]!.primary));
    describeClusters(nameables, assignment, ids.length).forEach((description, cluster) => {
      const size = build.themes[cluster]!.paperIds.length;
      if (description.phrases.length !== 2 || size < 8) return;
      const [first, second] = description.phrases.map((phrase) => [...phrase.mentions.keys()].filter((paper) => assignment[paper] === cluster)) as [number[], number[]];
      const disjoint = !first.some((paper) => second.includes(paper));
      const glued = disjoint && Math.max(first.length, second.length) < 0.4 * size;
      assert.ok(!glued, `${build.themes[cluster]!.label}: ${description.phrases.map((phrase) => phrase.key).join(' + ')} name ${first.length} and ${second.length} of ${size} papers, none shared`);
    });
  });

  it('never heads a theme with a word that names a kind of paper rather than a topic', () => {
    for (const theme of build.themes) assert.doesNotMatch(theme.label, /\b(?:survey|review|overview|report|perspectives?|view)s?$/iu, theme.label);
  });

  it('keeps acronyms upper case in labels and terms', () => {
    const all = build.themes.flatMap((theme) => [theme.label, ...theme.terms]).join(' ');
    for (const acronym of ['GUI', 'LLM', 'RL']) {
      if (new RegExp(`\\b${acronym.toLowerCase()}\\b`, 'u').test(all)) assert.fail(`"${acronym}" lost its case in: ${all}`);
    }
  });

  it('gives the same output for the same papers, whatever their order', () => {
    const again = buildThemes(papers);
    assert.equal(JSON.stringify(again), JSON.stringify(build));
    const reversed = buildThemes([...papers].reverse());
    assert.equal(JSON.stringify(reversed), JSON.stringify(build));
  });
});

describe('buildThemes on made-up libraries', () => {
  const topics = {
    gardening: ['tomato', 'compost', 'seedling', 'greenhouse', 'pruning', 'mulch', 'harvest', 'soil'],
    astronomy: ['telescope', 'galaxy', 'nebula', 'redshift', 'exoplanet', 'spectrograph', 'orbit', 'supernova'],
    cooking: ['sourdough', 'braise', 'saucepan', 'caramel', 'marinade', 'skillet', 'simmer', 'pastry'],
  } as const;
  const topicNames = Object.keys(topics) as (keyof typeof topics)[];

  const paperArbitrary = fc.record({
    topic: fc.constantFrom(...topicNames),
    picks: fc.array(fc.nat({ max: 7 }), { minLength: 6, maxLength: 14 }),
    filler: fc.array(fc.constantFrom('study', 'results', 'careful', 'analysis', 'evidence', 'season'), { minLength: 2, maxLength: 6 }),
  });

  function makePapers(specs: readonly { topic: keyof typeof topics; picks: readonly number[]; filler: readonly string[] }[]): Paper[] {
    return specs.map((spec, index) => {
      const words = spec.picks.map((pick) => topics[spec.topic][pick]!);
      return {
        id: `p${String(index).padStart(3, '0')}`,
        key: `k${index}`,
        title: `${words[0]!} ${words[1]!} and ${words[2]!}`,
        abstract: [...words, ...spec.filler].join(' '),
        sources: ['made-up.txt'],
      };
    });
  }

  it('judges a partition by topic more describable than the same sizes shuffled', () => {
    fc.assert(
      fc.property(fc.array(paperArbitrary, { minLength: 12, maxLength: 40 }), (specs) => {
        fc.pre(topicNames.every((topic) => specs.filter((spec) => spec.topic === topic).length >= 3));
        const papers = makePapers(specs);
        const space = vectorizePapers(papers, { titleWeight: 3, maxDocumentShare: 0.5 });
        const nameables = nameablePhrases(
          papers.map((paper, i) => ({ ...paper, titleWords: space.words[i]!.title, abstractWords: space.words[i]!.abstract })),
        );
        const byTopic = Int32Array.from(specs, (spec) => topicNames.indexOf(spec.topic));
        // Same cluster sizes, papers dealt out of topic order.
        const shuffled = Int32Array.from(byTopic.map((_, i) => byTopic[(i * 7 + 3) % byTopic.length]!));
        fc.pre(!shuffled.every((cluster, i) => cluster === byTopic[i]));
        assert.ok(describability(nameables, byTopic, 3) > describability(nameables, shuffled, 3));
      }),
      { numRuns: 25, seed: 3 },
    );
  });

  it('returns no themes for no papers', () => {
    assert.deepEqual(buildThemes([]), { themes: [], membership: {} });
  });

  it('never makes more themes than papers', () => {
    const papers = makePapers([
      { topic: 'gardening', picks: [0, 1, 2, 3], filler: [] },
      { topic: 'astronomy', picks: [0, 1, 2, 3], filler: [] },
      { topic: 'cooking', picks: [0, 1, 2, 3], filler: [] },
    ]);
    const build = buildThemes(papers);
    assert.ok(build.themes.length <= 3);
    assertWellFormed(build, papers);
  });

  it('separates unrelated topics and names each by its own words', () => {
    fc.assert(
      fc.property(fc.array(paperArbitrary, { minLength: 12, maxLength: 40 }), (specs) => {
        fc.pre(topicNames.every((topic) => specs.filter((spec) => spec.topic === topic).length >= 3));
        const papers = makePapers(specs);
        const build = buildThemes(papers, { themeCount: 3 });
        assertWellFormed(build, papers);
        for (const topic of topicNames) {
          const themes = new Set(papers.filter((_, i) => specs[i]!.topic === topic).map((p) => build.membership[p.id]!.primary));
          assert.equal(themes.size, 1, `${topic} papers share a theme`);
          const theme = build.themes.find((t) => t.id === [...themes][0])!;
          const own = new Set<string>(topics[topic]);
          assert.ok(theme.label.toLowerCase().split(/ and | /u).some((word) => own.has(word)), `"${theme.label}" names ${topic}`);
        }
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it('is well formed and independent of input order for any library', () => {
    fc.assert(
      fc.property(fc.array(paperArbitrary, { minLength: 1, maxLength: 40 }), fc.nat(), (specs, rotation) => {
        const papers = makePapers(specs);
        const build = buildThemes(papers);
        assertWellFormed(build, papers);
        assert.ok(build.themes.length <= Math.max(10, papers.length) && build.themes.length <= 20);
        const shift = rotation % papers.length;
        const rotated = [...papers.slice(shift), ...papers.slice(0, shift)];
        assert.equal(JSON.stringify(buildThemes(rotated)), JSON.stringify(build));
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
