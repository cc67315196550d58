import { strict as assert } from 'node:assert';
import { extractWords, plainVocabulary, type WordForm } from '../../src/core/themes/extractWords';
import { labelThemes } from '../../src/core/themes/labelThemes';
import { displayForm, nameablePhrases, type LabelInput, type Phrase } from '../../src/core/themes/phrases';
import { describeClusters } from '../../src/core/themes/scoring';

/** Label inputs for papers given as [title, abstract], words split as the theme builder splits them. */
function inputs(papers: readonly (readonly [string, string])[]): LabelInput[] {
  const vocabulary = plainVocabulary(papers.flat());
  const stems = new Map<string, WordForm>();
  return papers.map(([title, abstract]) => ({
    title,
    abstract,
    titleWords: extractWords(title, vocabulary, stems),
    abstractWords: extractWords(abstract, vocabulary, stems),
  }));
}

function phraseOf(papers: readonly LabelInput[], key: string): Phrase {
  const phrase = nameablePhrases(papers).all.get(key);
  assert.ok(phrase, `"${key}" was collected`);
  return phrase;
}

const reefs: [string, string][] = [
  ['Coral Reefs under Heat Stress', 'Bleaching of coral reefs follows marine heatwaves.'],
  ['Mapping Coral Reefs from Drones', 'Aerial images of a coral reef give its cover.'],
  ['Coral Reef Recovery after Cyclones', 'Coral reefs regrow within a decade.'],
];
const bread: [string, string][] = [
  ['Sourdough Starters and Their Yeasts', 'A sourdough starter keeps wild yeasts alive.'],
  ['Sourdough Starters at Low Temperature', 'Cold slows a sourdough starter.'],
  ['Baking Bread with Sourdough Starters', 'Bread rises with a sourdough starter.'],
];

describe('theme phrases', () => {
  it('keeps a phrase two papers write and leaves out one only a single paper writes', () => {
    const collected = nameablePhrases(inputs(reefs)).all;
    assert.ok(collected.has('coral reef'));
    assert.ok(!collected.has('heat stress'), 'one paper writes "heat stress"');
  });

  it('offers no phrase made only of vocabulary every machine-learning paper uses as a heading', () => {
    const papers = inputs([
      ['Large Language Models for Coral Reefs', 'We study coral reefs.'],
      ['Large Language Models and Coral Reefs', 'Coral reefs again.'],
    ]);
    const heads = nameablePhrases(papers).phrases.map((phrase) => phrase.key);
    // `large` is a stop word: the phrase is `Language Models`.
    assert.ok(nameablePhrases(papers).all.has('language model'));
    assert.ok(!heads.includes('language model'), heads.join(', '));
    assert.ok(heads.includes('coral reef'), heads.join(', '));
  });

  it('writes a phrase as titles spell it, in heading case, plural when papers use the plural', () => {
    assert.equal(displayForm(phraseOf(inputs(reefs), 'coral reef')), 'Coral Reefs');
    assert.equal(displayForm(phraseOf(inputs(bread), 'sourdough starter')), 'Sourdough Starters');
  });

  it('prefers the plural once papers write it a quarter as often as the singular, and not before', () => {
    const reef = (plurals: readonly [string, string][]): string =>
      displayForm(
        phraseOf(
          inputs([
            ['Coral Reef Maps', 'Maps.'],
            ['Coral Reef Surveys', 'Surveys.'],
            ['Coral Reef Sounds', 'Sounds.'],
            ['Coral Reef Fish', 'Fish.'],
            ['Coral Reef Algae', 'Algae.'],
            ...plurals,
          ]),
          'coral reef',
        ),
      );
    // Five titles in the singular count 10; a title in the plural counts 2, an abstract 1.
    assert.equal(reef([['Warm Coral Reefs', 'Heat.']]), 'Coral Reef');
    assert.equal(reef([['Warm Coral Reefs', 'Heat.'], ['Cold Water', 'Coral reefs too.']]), 'Coral Reefs');
  });

  it('keeps an acronym in capitals', () => {
    const papers = inputs([
      ['GUI Agents on Phones', 'A GUI agent taps buttons.'],
      ['Testing GUI Agents', 'GUI agents fail often.'],
    ]);
    assert.equal(displayForm(phraseOf(papers, 'gui agent')), 'GUI Agents');
  });
});

describe('theme labels', () => {
  it('names each cluster by its own phrase', () => {
    const papers = inputs([...reefs, ...bread]);
    const labels = labelThemes(papers, Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    assert.deepEqual(
      labels.map((label) => label.label),
      ['Coral Reefs', 'Sourdough Starters'],
    );
    assert.ok(labels[1]!.terms.includes('Sourdough Starters'), labels[1]!.terms.join(', '));
    assert.deepEqual(
      labels[1]!.phrases.map((phrase) => phrase.key),
      ['sourdough starter'],
    );
  });

  it('falls back to a numbered label for a cluster no phrase names', () => {
    const papers = inputs([...reefs, ['Glaciers', 'Ice.'], ['Volcanoes', 'Ash.']]);
    const labels = labelThemes(papers, Int32Array.from([0, 0, 0, 1, 1]), 2);
    assert.equal(labels[1]!.label, 'Theme 2');
    assert.deepEqual(labels[1]!.phrases, []);
  });

  it('describes a cluster fully named by one phrase with value 1, and one no phrase covers with 0', () => {
    const papers = inputs([...reefs, ['Glaciers', 'Ice.'], ['Volcanoes', 'Ash.']]);
    const [named, unnamed] = describeClusters(nameablePhrases(papers), Int32Array.from([0, 0, 0, 1, 1]), 2);
    assert.equal(named!.value, 1);
    assert.equal(named!.coverage, 1);
    assert.deepEqual(unnamed, { value: 0, coverage: 0, phrases: [] });
  });
});
