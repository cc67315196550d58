// Candidate phrases: the runs of one to three words that papers write and
// that could name a theme, gathered once per library with the papers that
// use each one, and read back the way the papers spell them.
import { type Word } from './extractWords';

/** One paper's text and words, as the theme labeller reads them. */
export interface LabelInput {
  readonly title: string;
  readonly abstract: string;
  readonly titleWords: readonly Word[];
  readonly abstractWords: readonly Word[];
}

/** A phrase papers write, keyed by its stems, with the papers that write it. */
export interface Phrase {
  /** Stems joined by spaces. */
  readonly key: string;
  /** Words, counting a hyphenated compound as one. */
  readonly words: number;
  /** Surface spellings seen, with how often, titles counted apart. */
  readonly titleSurfaces: Map<string, number>;
  readonly abstractSurfaces: Map<string, number>;
  /** Papers that write the phrase: index → 1 in the title, 0.5 in the abstract only. */
  readonly papers: Map<number, number>;
  /** Its content stems, in order, without function words. */
  readonly stems: readonly string[];
  /**
   * Papers that use all its content words, adjacent or not, as a reader
   * scanning for the heading's words would count them: `hierarchical policies
   * … reinforcement learning` is about Hierarchical Reinforcement Learning.
   * Weighted like {@link papers}; filled in after collection.
   */
  mentions: Map<number, number>;
  /** Occurrences, and how many of them run on into another content word (`hierarchical` → `planning`). */
  occurrences: number;
  runOns: number;
  /** How many occurrences follow another content word (`learning` after `reinforcement`). */
  runIns: number;
}

/** The papers' phrases, gathered once and reused to judge and name many partitions. */
export interface Nameables {
  /** Every phrase used by two papers or more, by stem key. */
  readonly all: ReadonlyMap<string, Phrase>;
  /** Those that could head a theme. */
  readonly phrases: readonly Phrase[];
}

/**
 * Longest phrase, in units (a hyphenated compound is one unit). Three reaches
 * `Mixture of Experts` and `Large Language Models`; longer runs are mostly
 * pieces of sentences, and each extra unit multiplies the phrases to count.
 */
const MAX_PHRASE_UNITS = 3;

/**
 * Fewest papers that must write a phrase before it is kept. A phrase of one
 * paper can name no group, and most phrases are of one paper, so dropping
 * them early keeps collection cheap.
 */
export const MIN_PHRASE_PAPERS = 2;

/**
 * How much a paper counts toward a phrase it writes in its title. Titles are
 * where papers say what they are about, so this is the full weight.
 */
export const TITLE_WEIGHT = 1;

/**
 * How much a paper counts toward a phrase it writes only in its abstract:
 * half a title, since abstracts also mention what a paper builds on or
 * compares against.
 */
const ABSTRACT_WEIGHT = 0.5;

/**
 * How much a paper counts toward a phrase when its title has all the
 * phrase's words but not side by side. As much as an abstract mention: the
 * title is about the topic, but less surely than when it writes the phrase.
 */
const SCATTERED_TITLE_WEIGHT = 0.5;

/**
 * How much more a title's spelling of a phrase counts than an abstract's
 * when choosing how to write it: titles are written the way headings are.
 */
const TITLE_SPELLING_WEIGHT = 2;

/**
 * Share of the singular's uses that a plural spelling needs to be preferred:
 * a quarter is enough, since headings name kinds of things (`Reward Models`)
 * and papers mostly write the singular about their own one.
 */
const PLURAL_SHARE = 0.25;

/**
 * Letters two stems must share at their start for two phrases to say the
 * same thing: five catches `hierarch(y)` and `hierarch(ical)`, which the
 * light stemmer keeps apart, while short words rarely collide.
 */
const SHARED_STEM_PREFIX = 5;

/**
 * Nouns that say what kind of paper it is, or wave at a topic, rather than
 * name one: a heading may use them as a modifier but not end on them
 * (`Unified View`, `Survey`, `Learning Perspective`).
 */
export const GENERIC_HEADS = new Set(
  `survey review overview report perspective view introduction tutorial lens guide roadmap primer case part secret
  lesson limit thing era way role insight look step question answer aspect issue direction opportunity`.split(/\s+/u),
);

/**
 * Vocabulary every machine-learning paper uses: a heading may contain these
 * words, but a heading made of nothing else (`Machine Learning`,
 * `Representations`, `Large Language Models`) names no topic of a library.
 * Stems, as {@link stemWord} gives them.
 */
const GENERIC_WORDS = new Set(
  `machine learning learn learned model modeling modelling representation method deep neural network large language llm lm
  ml data training train algorithm system approach ai artificial intelligence application analysis technique task problem
  performance general generalization foundation pretrained pre-trained generative theory efficiency efficient scaling
  setting result evidence understanding`.split(/\s+/u),
);

/** Words that stay lower case inside a heading. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', 'with']);

/** Collects the phrases of papers that could name a theme; see {@link describability}. */
export function nameablePhrases(papers: readonly LabelInput[]): Nameables {
  const all = collectPhrases(papers);
  const phrases = [...all.values()].filter(
    // Modifiers stay: a label completes them (`Multi-Agent` → `Multi-Agent Reinforcement Learning`).
    (phrase) =>
      phrase.papers.size >= MIN_PHRASE_PAPERS &&
      phrase.titleSurfaces.size > 0 &&
      !GENERIC_HEADS.has(phrase.stems[phrase.stems.length - 1] ?? '') &&
      !isGeneric(phrase),
  );
  return { all, phrases };
}

/** A phrase whose every content word is {@link GENERIC_WORDS}. */
export function isGeneric(phrase: Phrase): boolean {
  return phrase.stems.every((unit) => unit.split('-').every((part) => GENERIC_WORDS.has(part)));
}

/** A single word that papers write in capitals (`GUI`, `LLMs`). */
export function isAcronym(phrase: Phrase): boolean {
  return phrase.words === 1 && /^\p{Lu}{2,}s?$/u.test(displayForm(phrase));
}

/** Whether the two phrases share a word, or words that start alike ({@link SHARED_STEM_PREFIX}). */
export function overlaps(first: Phrase, second: Phrase): boolean {
  const stems = new Set(first.key.split(' ').map((stem) => stem.slice(0, SHARED_STEM_PREFIX)));
  return second.key.split(' ').some((stem) => stems.has(stem.slice(0, SHARED_STEM_PREFIX)));
}

/**
 * Every phrase two papers or more write, with the papers that mention it.
 * Papers are read twice: first to count papers per phrase, then to record
 * details only for the phrases that pass {@link MIN_PHRASE_PAPERS}.
 */
function collectPhrases(papers: readonly LabelInput[]): Map<string, Phrase> {
  const paperCount = countPapersPerPhrase(papers);
  const phrases = new Map<string, Phrase>();
  papers.forEach((paper, index) => {
    for (const [words, text, inTitle] of [
      [paper.titleWords, paper.title, true],
      [paper.abstractWords, paper.abstract, false],
    ] as const) {
      forEachPhrase(words, (start, end, units) => {
        const key = phraseKey(words, start, end);
        if ((paperCount.get(key) ?? 0) >= MIN_PHRASE_PAPERS) recordPhrase(phrases, key, words, text, index, inTitle, start, end, units);
      });
    }
  });
  fillMentions(papers, phrases);
  joinAcronyms(phrases);
  return phrases;
}

/** How many papers write each phrase, title or abstract, each paper counted once. */
function countPapersPerPhrase(papers: readonly LabelInput[]): Map<string, number> {
  const paperCount = new Map<string, number>();
  const lastPaper = new Map<string, number>();
  const count = (key: string, paper: number): void => {
    if (lastPaper.get(key) === paper) return;
    lastPaper.set(key, paper);
    paperCount.set(key, (paperCount.get(key) ?? 0) + 1);
  };
  papers.forEach((paper, index) => {
    forEachPhrase(paper.titleWords, (start, end) => count(phraseKey(paper.titleWords, start, end), index));
    forEachPhrase(paper.abstractWords, (start, end) => count(phraseKey(paper.abstractWords, start, end), index));
  });
  return paperCount;
}

/**
 * A paper that writes `MDPs` mentions Markov Decision Processes: an acronym
 * and the phrase whose initials spell it share their mentions, so a heading
 * counts the papers that use either form.
 */
function joinAcronyms(phrases: ReadonlyMap<string, Phrase>): void {
  for (const phrase of phrases.values()) {
    const words = phrase.key.split(' ').filter((stem) => !MINOR_WORDS.has(stem));
    if (words.length < 2 || phrase.papers.size < MIN_PHRASE_PAPERS) continue;
    const acronym = phrases.get(words.map((stem) => stem.charAt(0)).join(''));
    if (acronym === undefined || acronym.papers.size < MIN_PHRASE_PAPERS || !isAcronym(acronym)) continue;
    const union = new Map(phrase.mentions);
    for (const [paper, weight] of acronym.mentions) union.set(paper, Math.max(weight, union.get(paper) ?? 0));
    phrase.mentions = union;
    acronym.mentions = new Map(union);
  }
}

/** For each content stem, a bitset of the papers using it: anywhere, and in the title. */
interface StemBitsets {
  /** 32-bit blocks per bitset. */
  readonly blocks: number;
  readonly anywhere: ReadonlyMap<string, Uint32Array>;
  readonly inTitles: ReadonlyMap<string, Uint32Array>;
}

/**
 * Word-set mentions of every phrase that could name a theme, from bitsets of
 * the papers each stem occurs in: one AND per word, so libraries of
 * thousands stay fast.
 */
function fillMentions(papers: readonly LabelInput[], phrases: ReadonlyMap<string, Phrase>): void {
  const bits = stemBitsets(papers);
  // Scratch bitsets, reused for every phrase.
  const all = new Uint32Array(bits.blocks);
  const title = new Uint32Array(bits.blocks);
  for (const phrase of phrases.values()) {
    if (phrase.papers.size < MIN_PHRASE_PAPERS || phrase.stems.length === 0) {
      phrase.mentions = phrase.papers;
      continue;
    }
    papersWithAllStems(phrase.stems, bits, all, title);
    const mentions = scatteredTitleMentions(all, title);
    for (const [paper, weight] of phrase.papers) mentions.set(paper, Math.max(weight, mentions.get(paper) ?? 0));
    phrase.mentions = mentions;
  }
}

function stemBitsets(papers: readonly LabelInput[]): StemBitsets {
  const blocks = Math.ceil(papers.length / 32);
  const anywhere = new Map<string, Uint32Array>();
  const inTitles = new Map<string, Uint32Array>();
  const mark = (bits: Map<string, Uint32Array>, stem: string, paper: number): void => {
    let set = bits.get(stem);
    if (set === undefined) bits.set(stem, (set = new Uint32Array(blocks)));
    set[paper >>> 5] = set[paper >>> 5]! | (1 << (paper & 31));
  };
  papers.forEach((paper, index) => {
    for (const unit of contentUnits(paper.titleWords, 0, paper.titleWords.length - 1)) {
      mark(inTitles, unit, index);
      mark(anywhere, unit, index);
    }
    for (const unit of contentUnits(paper.abstractWords, 0, paper.abstractWords.length - 1)) mark(anywhere, unit, index);
  });
  return { blocks, anywhere, inTitles };
}

/** Fills `all` with the papers using every one of the stems, and `title` with those whose titles do. */
function papersWithAllStems(stems: readonly string[], bits: StemBitsets, all: Uint32Array, title: Uint32Array): void {
  all.fill(0xffffffff);
  title.fill(0xffffffff);
  for (const stem of stems) {
    const a = bits.anywhere.get(stem)!;
    const t = bits.inTitles.get(stem);
    for (let b = 0; b < bits.blocks; b += 1) {
      all[b] = all[b]! & a[b]!;
      title[b] = t === undefined ? 0 : title[b]! & t[b]!;
    }
  }
}

/**
 * The papers of `all` whose titles hold every word, at {@link SCATTERED_TITLE_WEIGHT}.
 * The words apart count only in a title: `representation` and `learning`
 * somewhere in an abstract do not make a paper about Representation Learning.
 */
function scatteredTitleMentions(all: Uint32Array, title: Uint32Array): Map<number, number> {
  const mentions = new Map<number, number>();
  for (let b = 0; b < all.length; b += 1) {
    let word = all[b]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      word &= word - 1;
      const paper = b * 32 + bit;
      if ((title[b]! >>> bit) & 1) mentions.set(paper, SCATTERED_TITLE_WEIGHT);
    }
  }
  return mentions;
}

function phraseKey(words: readonly Word[], start: number, end: number): string {
  let key = words[start]!.stem;
  for (let i = start + 1; i <= end; i += 1) key += ` ${words[i]!.stem}`;
  return key;
}

/** Calls back with every run of words that can be a phrase: one to three units, content words at both ends. */
function forEachPhrase(words: readonly Word[], visit: (start: number, end: number, units: number) => void): void {
  for (let start = 0; start < words.length; start += 1) {
    const first = words[start]!;
    if (!first.startsUnit || !isLabelWord(first)) continue;
    let units = 0;
    for (let end = start; end < words.length; end += 1) {
      const word = words[end]!;
      if (word.segment !== first.segment) break;
      if (word.startsUnit) units += 1;
      if (units > MAX_PHRASE_UNITS) break;
      if (!isLabelWord(word)) {
        // Function words may sit inside a compound (`End-to-End`) or be the
        // middle `of` of three (`Mixture of Experts`); anywhere else they end the phrase.
        const insideCompound = !word.startsUnit || !word.endsUnit;
        if (insideCompound || (word.stem === 'of' && units === 2)) continue;
        break;
      }
      if (word.endsUnit) visit(start, end, units);
    }
  }
}

/** Records one occurrence of words[start..end] in a paper's title or abstract. */
function recordPhrase(
  phrases: Map<string, Phrase>,
  key: string,
  words: readonly Word[],
  text: string,
  paper: number,
  inTitle: boolean,
  start: number,
  end: number,
  units: number,
): void {
  let phrase = phrases.get(key);
  if (phrase === undefined) {
    phrase = newPhrase(key, words, start, end, units);
    if (phrase === undefined) return;
    phrases.set(key, phrase);
  }
  const first = words[start]!;
  const last = words[end]!;
  const raw = text.slice(first.start, last.end);
  const surface = /\s\s|[\t\n\r]/u.test(raw) ? raw.replace(/\s+/gu, ' ') : raw;
  const surfaces = inTitle ? phrase.titleSurfaces : phrase.abstractSurfaces;
  surfaces.set(surface, (surfaces.get(surface) ?? 0) + 1);
  phrase.papers.set(paper, Math.max(phrase.papers.get(paper) ?? 0, inTitle ? TITLE_WEIGHT : ABSTRACT_WEIGHT));
  phrase.occurrences += 1;
  const next = words[end + 1];
  if (next !== undefined && next.segment === last.segment && isLabelWord(next)) phrase.runOns += 1;
  const previous = words[start - 1];
  if (previous !== undefined && previous.segment === first.segment && isLabelWord(previous)) phrase.runIns += 1;
}

/** An empty record for words[start..end], or none when a word repeats: `Sourdough Sourdough` is never a heading. */
function newPhrase(key: string, words: readonly Word[], start: number, end: number, units: number): Phrase | undefined {
  const stems = key.split(' ').filter((stem) => stem !== 'of');
  if (new Set(stems).size < stems.length) return undefined;
  return {
    key,
    words: units,
    titleSurfaces: new Map(),
    abstractSurfaces: new Map(),
    papers: new Map(),
    stems: contentUnits(words, start, end),
    mentions: new Map(),
    occurrences: 0,
    runOns: 0,
    runIns: 0,
  };
}

/**
 * The content units of words[start..end], a hyphenated compound as one
 * (`zero-shot`, so `Zero-Shot` is not mistaken for `Zero`), function words left out.
 */
function contentUnits(words: readonly Word[], start: number, end: number): string[] {
  const units: string[] = [];
  let unit = '';
  let content = false;
  for (let i = start; i <= end; i += 1) {
    const word = words[i]!;
    if (word.startsUnit) {
      unit = word.stem;
      content = isLabelWord(word);
    } else {
      unit += `-${word.stem}`;
      content ||= isLabelWord(word);
    }
    if (word.endsUnit && content) units.push(unit);
  }
  return units;
}

/** A word that can start, end or fill a heading: no function words, no version numbers. */
function isLabelWord(word: Word): boolean {
  if (word.stop || word.stem.length < 2) return false;
  return !/\d/u.test(word.stem) || /^\d+d$/u.test(word.stem);
}

/**
 * The phrase as papers write it, in heading case: acronyms kept, plural
 * preferred when papers use it. It lives with the phrases because telling an
 * acronym from a word needs it while phrases are still being collected.
 */
export function displayForm(phrase: Phrase): string {
  const byLower = spellingsByLowerCase(phrase);
  const totals = new Map([...byLower].map(([lower, variants]) => [lower, sum(variants.values())]));
  const form = preferPlural(best(totals) ?? phrase.key, totals);
  const surface = best(byLower.get(form) ?? new Map<string, number>()) ?? form;
  return surface
    .split(' ')
    .map((word, index) => headingCase(word, index))
    .join(' ');
}

/** The phrase's spellings grouped by their lower case, each weighted by where it was written. */
function spellingsByLowerCase(phrase: Phrase): Map<string, Map<string, number>> {
  const byLower = new Map<string, Map<string, number>>();
  const add = (surfaces: ReadonlyMap<string, number>, weight: number): void => {
    for (const [surface, count] of surfaces) {
      const lower = surface.toLowerCase();
      const variants = byLower.get(lower) ?? new Map<string, number>();
      variants.set(surface, (variants.get(surface) ?? 0) + count * weight);
      byLower.set(lower, variants);
    }
  };
  // An abstract's spelling counts once, a title's TITLE_SPELLING_WEIGHT times.
  add(phrase.titleSurfaces, TITLE_SPELLING_WEIGHT);
  add(phrase.abstractSurfaces, 1);
  return byLower;
}

/** The plural of the lower-case form when papers write it often enough ({@link PLURAL_SHARE}), else the form. */
function preferPlural(form: string, totals: ReadonlyMap<string, number>): string {
  const plural = totals.get(`${form}s`) ?? totals.get(`${form}es`);
  if (plural !== undefined && plural >= PLURAL_SHARE * totals.get(form)!) return totals.has(`${form}s`) ? `${form}s` : `${form}es`;
  return form;
}

/** The key with the highest count; ties to the code-unit-first key, so the choice is stable. */
function best(counts: ReadonlyMap<string, number>): string | undefined {
  let chosen: string | undefined;
  let chosenCount = -Infinity;
  for (const [key, count] of counts) {
    if (count > chosenCount || (count === chosenCount && chosen !== undefined && key < chosen)) {
      chosen = key;
      chosenCount = count;
    }
  }
  return chosen;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function headingCase(word: string, index: number): string {
  return word
    .split('-')
    .map((part, partIndex) => {
      const lower = part.toLowerCase();
      if (index > 0 && partIndex === 0 && MINOR_WORDS.has(lower)) return lower;
      // Keep acronyms and brand casing (`LLMs`, `GFlowNets`); capitalise the rest.
      if (/\p{Lu}/u.test(part.slice(1))) return part;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('-');
}
