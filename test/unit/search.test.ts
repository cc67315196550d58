import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildCorpus } from '../../src/core/corpus/buildCorpus';
import { EMPTY_KEY_LOCK } from '../../src/core/corpus/citationKeys';
import { type Paper } from '../../src/core/paper';
import { PaperIndex, type IndexedThemes, type SearchHit } from '../../src/core/search/paperIndex';
import { parseQuery } from '../../src/core/search/parseQuery';
import { foldText } from '../../src/core/text/fold';
import { buildThemes } from '../../src/core/themes/buildThemes';
import { readManifestSources } from '../../src/node/sourceFiles';

const paper = (id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper => ({
  id,
  key: id,
  title,
  abstract,
  sources: ['made-up.txt'],
  ...extra,
});

/** A small library whose every paper a test below looks for. */
const PAPERS: Paper[] = [
  paper('tulu', 'TÜLU 3: Pushing Frontiers in Open Language Model Post-Training', 'We release a family of open post-trained models and recipes.', { date: '2024-11-22' }),
  paper('a2fm', 'A^2FM: An Adaptive Agent Foundation Model for Tool-Aware Hybrid Reasoning', 'An agent foundation model that routes between reasoning and tools.', { date: '2025-10-13' }),
  paper('c3bench', 'C^3-Bench: The Things Real Disturbing LLM based Agent in Multi-Tasking', 'A benchmark of disturbances for tool-using agents.', { date: '2025-05-24' }),
  paper('qstar', 'From r to Q^*: Your Language Model is Secretly a Q-Function', 'Direct preference optimization read as token-level soft Q-learning.', { date: '2024-04-18' }),
  paper('cosmos', 'COS(M+O)S: Curiosity and RL-Enhanced MCTS for Exploring Story Space via Language Models', 'Tree search over story plans guided by curiosity.', { date: '2025-01-28' }),
  paper('gui1', 'ARPO: End-to-End Policy Optimization for GUI Agents with Experience Replay', 'Reinforcement learning for agents operating graphical user interfaces.', { date: '2025-05-22', org: { handle: 'nvidia', name: 'NVIDIA' } }),
  paper('gui2', 'GUI-G1: Understanding R1-Zero-Like Training for Visual Grounding in GUI Agents', 'Grounding screen elements for GUI agents with reinforcement learning.', { date: '2025-05-21' }),
  paper('nav', 'Object Goal Navigation with Recursive Implicit Maps', 'An embodied agent navigates to objects using implicit maps.', { date: '2023-07-10' }),
  paper('bilevel', 'A Fully First-Order Method for Stochastic Bilevel Optimization', 'Bilevel optimization with only first-order gradient oracles.', { date: '2023-01-26' }),
  paper('meta', 'Reinforcement Learning Improves Traversal of Hierarchical Knowledge in LLMs', 'Recall of hierarchical knowledge improves with reinforcement learning.', { date: '2025-11-08', org: { handle: 'AI-at-Meta', name: 'Meta AI' } }),
  paper('nvidia2', 'RLP: Reinforcement as a Pretraining Objective', 'Reinforcement learning signals folded into pretraining of language models.', { date: '2025-09-26', org: { handle: 'nvidia', name: 'NVIDIA' } }),
];

const THEMES: IndexedThemes = {
  themes: [
    { id: 't01-gui-agents', label: 'GUI Agents', terms: ['GUI Agents', 'Grounding'], paperIds: ['gui1', 'gui2', 'a2fm', 'c3bench'] },
    { id: 't02-language-models', label: 'Language Models', terms: ['Post-Training', 'Preference Optimization'], paperIds: ['tulu', 'qstar', 'cosmos', 'meta', 'nvidia2'] },
    { id: 't03-optimization-and-navigation', label: 'Optimization and Navigation', terms: ['Bilevel Optimization', 'Object Navigation'], paperIds: ['nav', 'bilevel'] },
  ],
  membership: {
    gui1: { primary: 't01-gui-agents', secondary: [] },
    gui2: { primary: 't01-gui-agents', secondary: [] },
    a2fm: { primary: 't01-gui-agents', secondary: ['t02-language-models'] },
    c3bench: { primary: 't01-gui-agents', secondary: [] },
    tulu: { primary: 't02-language-models', secondary: [] },
    qstar: { primary: 't02-language-models', secondary: [] },
    cosmos: { primary: 't02-language-models', secondary: [] },
    meta: { primary: 't02-language-models', secondary: [] },
    nvidia2: { primary: 't02-language-models', secondary: [] },
    nav: { primary: 't03-optimization-and-navigation', secondary: [] },
    bilevel: { primary: 't03-optimization-and-navigation', secondary: [] },
  },
};

describe('parseQuery', () => {
  it('separates field filters from free text', () => {
    assert.deepEqual(parseQuery('org:nvidia reinforcement year:2024 theme:"gui agents" learning'), {
      text: 'reinforcement learning',
      typing: true,
      org: ['nvidia'],
      year: [{ from: 2024, to: 2024 }],
      theme: ['gui agents'],
    });
  });

  it('reads year ranges either way round and ignores years that are not', () => {
    assert.deepEqual(parseQuery('year:2023-2025 year:2025..2021 year:soon').year, [
      { from: 2023, to: 2025 },
      { from: 2021, to: 2025 },
    ]);
  });

  it('knows whether the last word is still being typed', () => {
    assert.equal(parseQuery('gui ag').typing, true);
    assert.equal(parseQuery('gui ag ').typing, false);
    assert.equal(parseQuery('gui theme:x').typing, false);
  });

  it('leaves out filters without a value and keeps unknown fields as text', () => {
    assert.deepEqual(parseQuery('org: foo:bar'), { text: 'foo:bar', typing: true, org: [], year: [], theme: [] });
    assert.deepEqual(parseQuery('theme:"gui ag').theme, ['gui ag']);
  });

  it('parses any string without throwing and keeps every free word', () => {
    fc.assert(
      fc.property(fc.string(), (query) => {
        const parsed = parseQuery(query);
        for (const word of parsed.text.split(' ').filter((w) => w !== '')) assert.ok(query.includes(word));
      }),
    );
  });
});

describe('PaperIndex', () => {
  const index = PaperIndex.build(PAPERS, THEMES);
  const ids = (query: string, limit?: number): string[] => index.search(query, limit === undefined ? {} : { limit }).map((hit) => hit.id);

  it('folds accents both ways', () => {
    assert.equal(ids('tulu')[0], 'tulu');
    assert.equal(ids('TÜLU 3')[0], 'tulu');
    assert.equal(ids('tülu')[0], 'tulu');
  });

  it('finds titles with symbols however they are typed', () => {
    for (const query of ['a2fm', 'A^2FM', 'a^2fm']) assert.equal(ids(query)[0], 'a2fm', query);
    for (const query of ['c3-bench', 'c3bench', 'C^3-Bench', 'c3 bench']) assert.equal(ids(query)[0], 'c3bench', query);
    for (const query of ['q*', 'qstar', 'Q^*']) assert.equal(ids(query)[0], 'qstar', query);
    assert.equal(ids('cosmos')[0], 'cosmos');
  });

  it('matches the word being typed as a prefix, from three letters', () => {
    assert.ok(ids('bilev').includes('bilevel'));
    assert.ok(ids('object navig').includes('nav'));
    assert.deepEqual(ids('bi'), [], 'two letters are not expanded');
    assert.deepEqual(ids('navig '), [], 'a finished word is not a prefix');
    const earlier = index.search('navig maps').flatMap((hit) => hit.terms);
    assert.ok(!earlier.includes('navigation'), `only the last word is a prefix: ${earlier.join(', ')}`);
  });

  it('waits for a just-begun last word before it narrows the results', () => {
    assert.deepEqual(ids('gui agents g'), ids('gui agents '));
    assert.deepEqual(ids('gui agents gr'), ids('gui agents '));
    assert.deepEqual(ids('gui agents gro'), ['gui2']);
  });

  it('expands a short prefix in titles only, a longer one in abstracts too', () => {
    assert.deepEqual(ids('ora'), [], '"oracles" is only in an abstract');
    assert.deepEqual(ids('oracl'), ['bilevel']);
    assert.ok(ids('gro').includes('gui2'), '"Grounding" is in a title');
  });

  it('tolerates typos only when the words as typed find nothing', () => {
    assert.ok(!ids('model ').includes('cosmos'), 'exact "model" does not drag in "models"');
    assert.ok(ids('modelz ').includes('cosmos'), 'a typo does');
  });

  it('forgives a typo in longer words only', () => {
    assert.ok(ids('navigaton').includes('nav'));
    assert.ok(ids('reinforcment learning').includes('meta'));
    assert.deepEqual(ids('tuli '), [], 'a four-letter word must match exactly');
  });

  it('requires every word, falling back to any word when none has all', () => {
    assert.deepEqual(ids('grounding gui').sort(), ['gui2']);
    const fallback = ids('grounding bilevel');
    assert.ok(fallback.includes('gui2') && fallback.includes('bilevel'), `OR fallback gave ${fallback.join(', ')}`);
  });

  it('ranks a title match above an abstract match', () => {
    const hits = ids('pretraining');
    assert.ok(hits.indexOf('nvidia2') < hits.indexOf('tulu') || !hits.includes('tulu'));
    const grounding = ids('grounding');
    assert.equal(grounding[0], 'gui2');
  });

  it('searches organisation handles and names, and theme labels', () => {
    assert.deepEqual(ids('nvidia').sort(), ['gui1', 'nvidia2']);
    assert.deepEqual(ids('meta'), ['meta']);
    assert.ok(ids('gui agents').includes('a2fm'), 'a2fm is found through its theme label');
  });

  it('narrows by org, year and theme, alone or with text', () => {
    assert.deepEqual(ids('org:nvidia').sort(), ['gui1', 'nvidia2']);
    assert.deepEqual(ids('org:meta'), ['meta']);
    assert.deepEqual(ids('org:"meta ai"'), ['meta']);
    assert.deepEqual(ids('year:2023').sort(), ['bilevel', 'nav']);
    assert.deepEqual(ids('theme:gui').sort(), ['a2fm', 'c3bench', 'gui1', 'gui2']);
    assert.deepEqual(ids('theme:"gui agents" grounding'), ['gui2']);
    assert.deepEqual(ids('theme:t03-optimization-and-navigation').sort(), ['bilevel', 'nav']);
    assert.deepEqual(ids('theme:bilevel').sort(), ['bilevel', 'nav'], 'a theme named by its terms');
    assert.deepEqual(ids('reinforcement org:nvidia year:2025').sort(), ['gui1', 'nvidia2']);
    assert.deepEqual(ids('reinforcement org:nvidia year:2024'), []);
    assert.deepEqual(ids('org:nvidia org:meta').sort(), ['gui1', 'meta', 'nvidia2'], 'values of one field are alternatives');
  });

  it('lists filter-only results newest first and honours the limit', () => {
    assert.deepEqual(ids('year:2025'), ['meta', 'a2fm', 'nvidia2', 'c3bench', 'gui1', 'gui2', 'cosmos']);
    assert.deepEqual(ids('year:2025', 2), ['meta', 'a2fm']);
    assert.equal(ids('agent', 1).length, 1);
  });

  it('finds nothing for an empty query or only stopwords', () => {
    assert.deepEqual(ids(''), []);
    assert.deepEqual(ids('   '), []);
    assert.deepEqual(ids('the of and '), []);
  });

  it('reports matched terms folded, for highlighting', () => {
    const hit = index.search('tülu')[0]!;
    assert.deepEqual(hit.terms, ['tulu']);
    assert.ok(foldText(PAPERS[0]!.title).includes(hit.terms[0]!));
    assert.ok(index.search('navig')[0]!.terms.includes('navigation'));
  });

  it('finds related papers, not the paper itself', () => {
    const related = index.related('gui1', 3).map((hit) => hit.id);
    assert.equal(related[0], 'gui2');
    assert.ok(!related.includes('gui1'));
    assert.ok(related.length <= 3);
    assert.deepEqual(index.related('no-such-paper'), []);
  });

  it('loads what it serialized and answers the same', () => {
    const loaded = PaperIndex.load(index.serialize(), PAPERS, THEMES);
    // Scores may differ in the last bit: a loaded index sums field lengths in another order.
    const rounded = (hits: SearchHit[]): SearchHit[] => hits.map((hit) => ({ ...hit, score: Number(hit.score.toPrecision(12)) }));
    for (const query of ['tulu', 'c3-bench', 'navig', 'reinforcment learning', 'org:nvidia', 'grounding bilevel', 'theme:gui agent']) {
      assert.deepEqual(rounded(loaded.search(query)), rounded(index.search(query)), query);
    }
    assert.deepEqual(rounded(loaded.related('gui1')), rounded(index.related('gui1')));
    const reloaded = PaperIndex.load(loaded.serialize(), PAPERS, THEMES);
    assert.deepEqual(rounded(reloaded.search('gui agents')), rounded(index.search('gui agents')), 'a loaded index serializes again');
  });

  it('stores ids, not paper text', () => {
    const serialized = index.serialize();
    assert.ok(!serialized.includes('Recursive Implicit Maps'));
    assert.ok(!serialized.includes('github.com'));
  });

  it('refuses an index built for other papers or themes, or another format', () => {
    const serialized = index.serialize();
    assert.throws(() => PaperIndex.load(serialized, PAPERS.slice(1), THEMES), /other papers/);
    const renamed = { ...THEMES, themes: THEMES.themes.map((t) => ({ ...t, label: `${t.label}!` })) };
    assert.throws(() => PaperIndex.load(serialized, PAPERS, renamed), /other papers or themes/);
    assert.throws(() => PaperIndex.load(serialized.replace('"version":2', '"version":0'), PAPERS, THEMES), /version/);
    assert.throws(() => PaperIndex.load('null', PAPERS, THEMES), /version/);
    assert.doesNotThrow(() => PaperIndex.load(serialized, [...PAPERS].reverse(), THEMES), 'paper order does not matter');
  });

  it('finds every paper by its own title, and loads to the same answers, for any titles', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9^*+-]{0,11}$/u);
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 12 }), (titles) => {
        const papers = titles.map((title, i) => paper(`p${i}`, title, 'shared abstract text'));
        const themes: IndexedThemes = { themes: [], membership: {} };
        const built = PaperIndex.build(papers, themes);
        const loaded = PaperIndex.load(built.serialize(), papers, themes);
        for (const p of papers) {
          const hits = built.search(`${p.title} `).map((hit) => hit.id);
          if (/[\p{L}\p{N}]{2}/u.test(p.title.replace(/\b(?:a|an|and|are|as|at|be|by|for|from|has|have|in|is|it|its|of|on|or|our|that|the|their|this|to|was|we|were|which|with)\b/giu, ''))) {
            assert.ok(hits.includes(p.id), `"${p.title}" finds itself among ${hits.join(', ')}`);
          }
          assert.deepEqual(loaded.search(p.title).map((hit) => hit.id), built.search(p.title).map((hit) => hit.id));
        }
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('PaperIndex on the bundled corpus', function () {
  this.timeout(60_000);
  let papers: Paper[];
  let index: PaperIndex;
  let titleOf: (id: string) => string;

  before(async () => {
    const sources = await readManifestSources(join(__dirname, '..', '..', 'data', 'sources', 'manifest.json'));
    papers = buildCorpus(sources, EMPTY_KEY_LOCK).papers;
    const themes = buildThemes(papers);
    index = PaperIndex.load(PaperIndex.build(papers, themes).serialize(), papers, themes);
    const byId = new Map(papers.map((p) => [p.id, p.title]));
    titleOf = (id) => byId.get(id) ?? id;
  });

  const top = (query: string): string => titleOf(index.search(query)[0]?.id ?? '');

  it('finds the papers whose names are hard to type', () => {
    assert.match(top('tulu'), /^TÜLU 3/u);
    assert.match(top('a2fm'), /^A\^2FM/u);
    assert.match(top('c3-bench'), /^C\^3-Bench/u);
    assert.match(top('c3bench'), /^C\^3-Bench/u);
    assert.match(top('qstar'), /Q\^\*/u);
    assert.match(top('cosmos'), /^COS\(M\+O\)S/u);
  });

  it('finds organisations on the pages', () => {
    assert.ok(index.search('org:nvidia').length >= 1);
    for (const hit of index.search('org:nvidia')) assert.ok(papers.find((p) => p.id === hit.id)?.org?.handle.toLowerCase().includes('nvidia'));
  });

  it('relates a bilevel optimization paper to other bilevel optimization papers', () => {
    const source = papers.find((p) => p.title.startsWith('A Fully First-Order Method for Stochastic Bilevel'))!;
    const related = index.related(source.id, 5).map((hit) => titleOf(hit.id));
    assert.ok(related.filter((title) => /bi-?level/iu.test(title)).length >= 4, related.join('\n'));
  });

  it('relates a GUI agent paper to other GUI agent papers', () => {
    const source = papers.find((p) => p.title.startsWith('GUI-G1'))!;
    const related = index.related(source.id, 4).map((hit) => titleOf(hit.id));
    assert.ok(related.filter((title) => /\bGUI\b/u.test(title)).length >= 3, related.join('\n'));
  });
});
