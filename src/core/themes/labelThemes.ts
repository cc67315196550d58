import { type Word } from './extractWords';

/** One paper's text and words, as {@link labelThemes} reads them. */
export interface LabelInput {
  readonly title: string;
  readonly abstract: string;
  readonly titleWords: readonly Word[];
  readonly abstractWords: readonly Word[];
}

/** A cluster's heading and the phrases that set it apart. */
export interface ThemeLabel {
  readonly label: string;
  /** Distinctive phrases, best first, as a researcher would write them. */
  readonly terms: readonly string[];
  /** The phrase, or the two phrases of an "X and Y" label, it was made from; none for a fallback label. */
  readonly phrases: readonly Phrase[];
}

const MAX_PHRASE_UNITS = 3;
const MAX_LABEL_WORDS = 4;
const MAX_RUN_ON = 0.5;
const MAX_PHRASE_RUN_ON = 0.6;
const MAX_RUN_IN = 0.75;
const SHORTLIST = 12;
const MAX_TERMS = 8;
/**
 * Nouns that say what kind of paper it is, or wave at a topic, rather than
 * name one: a heading may use them as a modifier but not end on them
 * (`Unified View`, `Survey`, `Learning Perspective`).
 */
const GENERIC_HEADS = new Set(
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

/** A phrase whose every content word is {@link GENERIC_WORDS}. */
function isGeneric(phrase: Phrase): boolean {
  return phrase.stems.every((unit) => unit.split('-').every((part) => GENERIC_WORDS.has(part)));
}

/** Words that stay lower case inside a heading. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', 'with']);

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

interface Candidate {
  readonly phrase: Phrase;
  readonly score: number;
  /** Share of the papers mentioning it that sit in the cluster. */
  readonly precision: number;
  /** Papers of the cluster that mention it. */
  readonly members: ReadonlySet<number>;
}

/**
 * Names each cluster with its most distinctive phrase of one to three words:
 * a class-based TF-IDF that rewards phrases most of the cluster's papers use
 * (titles count double) and few papers outside it use. The phrase is written
 * the way the papers most often write it, with acronyms kept (`LLM`, `GUI`).
 * When one phrase covers too little of the cluster, a second one that covers
 * other papers is joined with "and". Labels are unique across clusters.
 */
export function labelThemes(
  papers: readonly LabelInput[],
  assignment: Int32Array,
  clusterCount: number,
  nameables: Nameables = nameablePhrases(papers),
): ThemeLabel[] {
  const phrases = nameables.all;
  const sizes = new Array<number>(clusterCount).fill(0);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;

  const candidates = rankAll(phrases, assignment, sizes);
  const taken = new Set<string>();
  const labels: (ThemeLabel | undefined)[] = new Array<ThemeLabel | undefined>(clusterCount);
  // Clusters whose best phrase is strongest choose first, so a contested
  // phrase goes to the cluster it describes best.
  const order = sizes
    .map((_, cluster) => cluster)
    .sort((a, b) => (candidates[b]![0]?.score ?? 0) - (candidates[a]![0]?.score ?? 0) || a - b);
  for (const cluster of order) {
    const ranked = candidates[cluster]!;
    const chosen = chooseLabel(ranked, sizes[cluster]!, assignment.length, taken);
    const label = chosen?.label ?? fallbackLabel(cluster, taken);
    taken.add(label.toLowerCase());
    labels[cluster] = { label, terms: distinctTerms(ranked, MAX_TERMS), phrases: chosen?.phrases ?? [] };
  }
  return labels.map((label) => label!);
}

function collectPhrases(papers: readonly LabelInput[]): Map<string, Phrase> {
  // First count papers per phrase, then record details only for phrases of
  // two papers or more: most phrases occur once and can name nothing.
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
  const phrases = new Map<string, Phrase>();
  papers.forEach((paper, index) => {
    for (const [words, text, inTitle] of [
      [paper.titleWords, paper.title, true],
      [paper.abstractWords, paper.abstract, false],
    ] as const) {
      forEachPhrase(words, (start, end, units) => {
        const key = phraseKey(words, start, end);
        if ((paperCount.get(key) ?? 0) >= 2) recordPhrase(phrases, key, words, text, index, inTitle, start, end, units);
      });
    }
  });
  fillMentions(papers, phrases);
  joinAcronyms(phrases);
  return phrases;
}

/**
 * A paper that writes `MDPs` mentions Markov Decision Processes: an acronym
 * and the phrase whose initials spell it share their mentions, so a heading
 * counts the papers that use either form.
 */
function joinAcronyms(phrases: ReadonlyMap<string, Phrase>): void {
  for (const phrase of phrases.values()) {
    const words = phrase.key.split(' ').filter((stem) => !MINOR_WORDS.has(stem));
    if (words.length < 2 || phrase.papers.size < 2) continue;
    const acronym = phrases.get(words.map((stem) => stem.charAt(0)).join(''));
    if (acronym === undefined || acronym.papers.size < 2 || !isAcronym(acronym)) continue;
    const union = new Map(phrase.mentions);
    for (const [paper, weight] of acronym.mentions) union.set(paper, Math.max(weight, union.get(paper) ?? 0));
    phrase.mentions = union;
    acronym.mentions = new Map(union);
  }
}

/**
 * Word-set mentions of every phrase that could name a theme, from bitsets of
 * the papers each stem occurs in: one AND per word, so libraries of
 * thousands stay fast.
 */
function fillMentions(papers: readonly LabelInput[], phrases: ReadonlyMap<string, Phrase>): void {
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
  const all = new Uint32Array(blocks);
  const title = new Uint32Array(blocks);
  for (const phrase of phrases.values()) {
    if (phrase.papers.size < 2 || phrase.stems.length === 0) {
      phrase.mentions = phrase.papers;
      continue;
    }
    all.fill(0xffffffff);
    title.fill(0xffffffff);
    for (const stem of phrase.stems) {
      const a = anywhere.get(stem)!;
      const t = inTitles.get(stem);
      for (let b = 0; b < blocks; b += 1) {
        all[b] = all[b]! & a[b]!;
        title[b] = t === undefined ? 0 : title[b]! & t[b]!;
      }
    }
    const mentions = new Map<number, number>();
    for (let b = 0; b < blocks; b += 1) {
      let word = all[b]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        const paper = b * 32 + bit;
        // The words apart count half what the phrase itself counts, and only
        // in a title: `representation` and `learning` somewhere in an
        // abstract do not make a paper about Representation Learning.
        if ((title[b]! >>> bit) & 1) mentions.set(paper, 0.5);
      }
    }
    for (const [paper, weight] of phrase.papers) mentions.set(paper, Math.max(weight, mentions.get(paper) ?? 0));
    phrase.mentions = mentions;
  }
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
  const first = words[start]!;
  const last = words[end]!;
  let phrase = phrases.get(key);
  if (phrase === undefined) {
    // `Sourdough Sourdough` is never a heading.
    const stems = key.split(' ').filter((stem) => stem !== 'of');
    if (new Set(stems).size < stems.length) return;
    const content = contentUnits(words, start, end);
    phrase = {
      key,
      words: units,
      titleSurfaces: new Map(),
      abstractSurfaces: new Map(),
      papers: new Map(),
      stems: content,
      mentions: new Map(),
      occurrences: 0,
      runOns: 0,
      runIns: 0,
    };
    phrases.set(key, phrase);
  }
  const raw = text.slice(first.start, last.end);
  const surface = /\s\s|[\t\n\r]/u.test(raw) ? raw.replace(/\s+/gu, ' ') : raw;
  const surfaces = inTitle ? phrase.titleSurfaces : phrase.abstractSurfaces;
  surfaces.set(surface, (surfaces.get(surface) ?? 0) + 1);
  phrase.papers.set(paper, Math.max(phrase.papers.get(paper) ?? 0, inTitle ? 1 : 0.5));
  const next = words[end + 1];
  phrase.occurrences += 1;
  if (next !== undefined && next.segment === last.segment && isLabelWord(next)) phrase.runOns += 1;
  const previous = words[start - 1];
  if (previous !== undefined && previous.segment === first.segment && isLabelWord(previous)) phrase.runIns += 1;
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

/** Every cluster's phrases, best first, scored in one pass over the phrases. */
function rankAll(phrases: ReadonlyMap<string, Phrase>, assignment: Int32Array, sizes: readonly number[]): Candidate[][] {
  const total = assignment.length;
  const ranked: Candidate[][] = sizes.map(() => []);
  const inside = new Float64Array(sizes.length);
  const members: number[][] = sizes.map(() => []);
  for (const phrase of phrases.values()) {
    if (phrase.papers.size < 2) continue;
    let weight = 0;
    const touched: number[] = [];
    for (const [paper, paperWeight] of phrase.mentions) {
      const cluster = assignment[paper]!;
      if (members[cluster]!.length === 0) touched.push(cluster);
      members[cluster]!.push(paper);
      inside[cluster] = inside[cluster]! + paperWeight;
      weight += paperWeight;
    }
    for (const cluster of touched) {
      const size = sizes[cluster]!;
      const clusterMembers = members[cluster]!;
      if (clusterMembers.length >= Math.min(2, size)) {
        const coverage = inside[cluster]! / size;
        const precision = inside[cluster]! / weight;
        // Lift over the phrase's base rate: common words (`model`) gain nothing.
        const lift = (coverage * total) / weight;
        const lengthBonus = 1 + 0.2 * (phrase.words - 1);
        ranked[cluster]!.push({
          phrase,
          members: new Set(clusterMembers),
          precision,
          // A phrase must be twice as common in the cluster as overall, or as
          // near that as the cluster's size allows (one holding half the papers tops out at 2).
          score: lift < Math.min(2, total / size) - 1e-9 ? 0 : coverage * Math.sqrt(precision) * Math.log1p(lift) * lengthBonus,
        });
      }
      inside[cluster] = 0;
      members[cluster] = [];
    }
  }
  return ranked.map((candidates) => {
    candidates.sort((a, b) => b.score - a.score || (a.phrase.key < b.phrase.key ? -1 : 1));
    return dropFragments(candidates);
  });
}

/**
 * Drops a phrase that is nearly always part of a longer candidate
 * (`large language` inside `large language model`), and the shorter of two
 * where the longer says the same with more precision.
 */
function dropFragments(candidates: readonly Candidate[]): Candidate[] {
  const byKey = new Map(candidates.map((candidate) => [candidate.phrase.key, candidate]));
  const fragments = new Set<Candidate>();
  for (const longer of candidates) {
    const stems = longer.phrase.key.split(' ');
    for (let cut = 1; cut < stems.length; cut += 1) {
      for (const key of [stems.slice(cut).join(' '), stems.slice(0, stems.length - cut).join(' ')]) {
        const shorter = byKey.get(key);
        if (shorter === undefined || shorter.phrase.words + 1 !== longer.phrase.words) continue;
        if (longer.members.size >= 0.8 * shorter.members.size) fragments.add(shorter);
      }
    }
  }
  return candidates.filter((candidate) => !fragments.has(candidate));
}

/**
 * A phrase that mostly runs on into another word is a modifier (`Hierarchical`,
 * `Multi-Turn`, `Group Relative`), not a heading.
 */
function canName(candidate: Candidate): boolean {
  const { phrase } = candidate;
  // Headings are noun phrases; titles are where papers write those
  // (`Evaluates Agents` comes from abstracts only).
  if (phrase.titleSurfaces.size === 0) return false;
  const head = phrase.stems[phrase.stems.length - 1];
  if (head === undefined || GENERIC_HEADS.has(head) || isGeneric(phrase)) return false;
  // A word that nearly always follows a modifier is the tail of longer
  // phrases (`Learning`, `Tuning`): too vague alone, unless the cluster owns it (`Navigation`).
  if (phrase.words === 1 && phrase.runIns >= MAX_RUN_IN * phrase.occurrences && candidate.precision < 0.6) return false;
  // Acronyms name things even when they modify (`GUI` agents, `RLHF` methods).
  return !isModifier(phrase) || isAcronym(phrase);
}

/** Runs on into another word most of the time; longer phrases are given more room than single words. */
function isModifier(phrase: Phrase): boolean {
  return phrase.runOns >= (phrase.words === 1 ? MAX_RUN_ON : MAX_PHRASE_RUN_ON) * phrase.occurrences;
}

function isAcronym(phrase: Phrase): boolean {
  return phrase.words === 1 && /^\p{Lu}{2,}s?$/u.test(displayForm(phrase));
}

/**
 * An acronym that mostly modifies (`GUI`) reads better with the word it
 * most often modifies in this cluster, when that names papers too (`GUI Agents`).
 */
function completed(candidate: Candidate, ranked: readonly Candidate[]): Candidate {
  if (!isModifier(candidate.phrase)) return candidate;
  const prefix = `${candidate.phrase.key} `;
  return ranked.find((other) => other.phrase.key.startsWith(prefix) && other.phrase.words === 2 && !isModifier(other.phrase)) ?? candidate;
}

/**
 * The heading that best describes the cluster: one phrase, or two joined by
 * "and" when together they cover clearly more of it ("Exploration and
 * Intrinsic Rewards"). Both are judged alike, by the papers they mention
 * inside and outside the cluster ({@link headingValue}).
 */
function chooseLabel(
  ranked: readonly Candidate[],
  size: number,
  total: number,
  taken: ReadonlySet<string>,
): { label: string; phrases: readonly Phrase[] } | undefined {
  const shortlist = ranked.slice(0, SHORTLIST).filter(canName);
  let best: { label: string; value: number; phrases: readonly Phrase[] } | undefined;
  const consider = (label: string, value: number, phrases: readonly Phrase[]): void => {
    if (label.split(' ').length > MAX_LABEL_WORDS || taken.has(label.toLowerCase())) return;
    if (best === undefined || value > best.value + 1e-12) best = { label, value, phrases };
  };
  shortlist.forEach((first, index) => {
    const firstLabel = displayForm(completed(first, ranked).phrase);
    // Longer phrases say more; an acronym stands for a phrase of several words.
    const words = isAcronym(first.phrase) ? 2 : first.phrase.words;
    consider(firstLabel, headingValue([first], size, total) * (1 + 0.2 * (words - 1)), [first.phrase]);
    // One phrase that fits half the cluster is heading enough.
    if (first.members.size >= 0.5 * size) return;
    for (const second of shortlist.slice(index + 1)) {
      if (second.members.size < 0.2 * size) continue;
      // A partner must be the cluster's own (`Retrieval`), not a generic word (`Complexity`),
      // and say something new: `Hierarchy` adds nothing to `Hierarchical Organization`.
      if (second.precision < 0.4 || isModifier(second.phrase) || overlaps(first.phrase, second.phrase)) continue;
      // …and one papers put in their titles, not an abstract's turn of phrase (`Turns`).
      if (titleCount(second.phrase) < 2) continue;
      let gain = 0;
      for (const paper of second.members) if (!first.members.has(paper)) gain += 1;
      if (gain < 2) continue;
      const label = `${firstLabel} and ${displayForm(completed(second, ranked).phrase)}`;
      consider(label, LABEL_PAIR_DISCOUNT * headingValue([first, second], size, total), [first.phrase, second.phrase]);
    }
  });
  if (best !== undefined) return best;
  // Nothing reads as a heading (odd or repetitive text): the most distinctive phrase still beats a number.
  for (const candidate of ranked) {
    const label = displayForm(candidate.phrase);
    if (candidate.score > 0 && label.split(' ').length <= MAX_LABEL_WORDS && !taken.has(label.toLowerCase())) return { label, phrases: [candidate.phrase] };
  }
  return undefined;
}

/** A heading of two phrases must describe clearly more than either alone: one phrase reads better. */
const LABEL_PAIR_DISCOUNT = 0.8;

function titleCount(phrase: Phrase): number {
  let count = 0;
  for (const weight of phrase.papers.values()) if (weight >= 1) count += 1;
  return count;
}

function overlaps(first: Phrase, second: Phrase): boolean {
  const stems = new Set(first.key.split(' ').map((stem) => stem.slice(0, 5)));
  return second.key.split(' ').some((stem) => stems.has(stem.slice(0, 5)));
}

/**
 * Coverage × √precision × log(1 + lift) of the papers the phrases mention,
 * as {@link rankAll} scores one phrase: a heading should fit most of the
 * cluster's papers and few others.
 */
function headingValue(candidates: readonly Candidate[], size: number, total: number): number {
  const mentions = new Map<number, number>();
  for (const { phrase } of candidates) for (const [paper, weight] of phrase.mentions) mentions.set(paper, Math.max(weight, mentions.get(paper) ?? 0));
  let inside = 0;
  let weight = 0;
  const members = new Set<number>();
  for (const candidate of candidates) for (const paper of candidate.members) members.add(paper);
  for (const [paper, paperWeight] of mentions) {
    weight += paperWeight;
    if (members.has(paper)) inside += paperWeight;
  }
  if (weight === 0) return 0;
  const coverage = inside / size;
  return coverage * Math.sqrt(inside / weight) * Math.log1p((coverage * total) / weight);
}

/** The best-ranked phrases that can name something, leaving out ones contained in a better one. */
function distinctTerms(ranked: readonly Candidate[], count: number): string[] {
  const chosen: string[] = [];
  const keys: string[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= count) break;
    if (!canName(candidate)) continue;
    const named = completed(candidate, ranked);
    const key = ` ${named.phrase.key} `;
    if (keys.some((other) => other.includes(key) || key.includes(other))) continue;
    keys.push(key);
    chosen.push(displayForm(named.phrase));
  }
  return chosen;
}

function fallbackLabel(cluster: number, taken: ReadonlySet<string>): string {
  let label = `Theme ${cluster + 1}`;
  for (let suffix = 2; taken.has(label.toLowerCase()); suffix += 1) label = `Theme ${cluster + 1}.${suffix}`;
  return label;
}

/** The phrase as papers write it, in heading case: acronyms kept, plural preferred when papers use it. */
export function displayForm(phrase: Phrase): string {
  const byLower = new Map<string, Map<string, number>>();
  const add = (surfaces: ReadonlyMap<string, number>, weight: number): void => {
    for (const [surface, count] of surfaces) {
      const lower = surface.toLowerCase();
      const variants = byLower.get(lower) ?? new Map<string, number>();
      variants.set(surface, (variants.get(surface) ?? 0) + count * weight);
      byLower.set(lower, variants);
    }
  };
  // Titles count double: they are written the way headings are.
  add(phrase.titleSurfaces, 2);
  add(phrase.abstractSurfaces, 1);
  const totals = new Map([...byLower].map(([lower, variants]) => [lower, sum(variants.values())]));
  let form = best(totals) ?? phrase.key;
  const plural = totals.get(`${form}s`) ?? totals.get(`${form}es`);
  if (plural !== undefined && plural >= 0.25 * totals.get(form)!) form = totals.has(`${form}s`) ? `${form}s` : `${form}es`;
  const surface = best(byLower.get(form) ?? new Map<string, number>()) ?? form;
  return surface
    .split(' ')
    .map((word, index) => headingCase(word, index))
    .join(' ');
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

/** The papers' phrases, gathered once and reused to judge and name many partitions. */
export interface Nameables {
  /** Every phrase used by two papers or more, by stem key. */
  readonly all: ReadonlyMap<string, Phrase>;
  /** Those that could head a theme. */
  readonly phrases: readonly Phrase[];
}

/** Collects the phrases of papers that could name a theme; see {@link describability}. */
export function nameablePhrases(papers: readonly LabelInput[]): Nameables {
  const all = collectPhrases(papers);
  const phrases = [...all.values()].filter(
    // Modifiers stay: a label completes them (`Multi-Agent` → `Multi-Agent Reinforcement Learning`).
    (phrase) =>
      phrase.papers.size >= 2 &&
      phrase.titleSurfaces.size > 0 &&
      !GENERIC_HEADS.has(phrase.stems[phrase.stems.length - 1] ?? '') &&
      !isGeneric(phrase),
  );
  return { all, phrases };
}

/** How well one cluster can be named: see {@link describeClusters}. */
export interface ClusterDescription {
  /** Coverage × precision of its best phrase or pair of phrases, 0–1. */
  readonly value: number;
  /** Share of the cluster's papers that mention that best description anywhere. */
  readonly coverage: number;
  /** The phrase, or the two phrases, of that description; none for a cluster no phrase describes. */
  readonly phrases: readonly Phrase[];
}

/** Phrases per cluster that may pair up into an "X and Y" description. */
const PAIR_POOL = 6;
/** A pair must beat a single phrase by this factor: one phrase reads better. */
const PAIR_DISCOUNT = 0.85;

/**
 * How well each cluster can be named: the best coverage × precision (1 when
 * the phrase is in every paper of the cluster and no paper outside it) of one
 * phrase, or of two joined by "and" short enough for a heading, the pair
 * counting the papers either mentions.
 */
export function describeClusters(nameables: Nameables, assignment: Int32Array, clusterCount: number): ClusterDescription[] {
  const sizes = new Float64Array(clusterCount);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;
  const best: ClusterDescription[] = Array.from({ length: clusterCount }, () => ({ value: 0, coverage: 0, phrases: [] }));
  const pools: { phrase: Phrase; value: number }[][] = Array.from({ length: clusterCount }, () => []);
  const inside = new Float64Array(clusterCount);
  const mentioned = new Float64Array(clusterCount);
  const touched: number[] = [];
  for (const phrase of nameables.phrases) {
    let weight = 0;
    for (const [paper, paperWeight] of phrase.mentions) {
      const cluster = assignment[paper]!;
      if (inside[cluster] === 0) touched.push(cluster);
      inside[cluster] = inside[cluster]! + paperWeight;
      mentioned[cluster] = mentioned[cluster]! + 1;
      weight += paperWeight;
    }
    for (const cluster of touched) {
      const value = (inside[cluster]! / sizes[cluster]!) * (inside[cluster]! / weight);
      if (value > best[cluster]!.value) best[cluster] = { value, coverage: mentioned[cluster]! / sizes[cluster]!, phrases: [phrase] };
      const pool = pools[cluster]!;
      if (phrase.words <= 2 && (pool.length < PAIR_POOL || value > pool[pool.length - 1]!.value)) {
        let at = pool.length;
        while (at > 0 && pool[at - 1]!.value < value) at -= 1;
        pool.splice(at, 0, { phrase, value });
        if (pool.length > PAIR_POOL) pool.pop();
      }
      inside[cluster] = 0;
      mentioned[cluster] = 0;
    }
    touched.length = 0;
  }
  pools.forEach((pool, cluster) => {
    for (let a = 0; a < pool.length; a += 1) {
      for (let b = a + 1; b < pool.length; b += 1) {
        const first = pool[a]!.phrase;
        const second = pool[b]!.phrase;
        if (first.words + second.words > MAX_LABEL_WORDS - 1 || overlaps(first, second)) continue;
        const union = new Map(first.mentions);
        for (const [paper, weight] of second.mentions) union.set(paper, Math.max(weight, union.get(paper) ?? 0));
        let own = 0;
        let count = 0;
        let weight = 0;
        for (const [paper, paperWeight] of union) {
          weight += paperWeight;
          if (assignment[paper] !== cluster) continue;
          own += paperWeight;
          count += 1;
        }
        const value = PAIR_DISCOUNT * (own / sizes[cluster]!) * (own / weight);
        if (value > best[cluster]!.value) best[cluster] = { value, coverage: count / sizes[cluster]!, phrases: [first, second] };
      }
    }
  });
  return best;
}


/**
 * How well a partition can be named: each cluster's best description
 * ({@link describeClusters}), its square root averaged over papers. A grab
 * bag of unrelated papers has no phrase that covers it and scores low.
 */
export function describability(nameables: Nameables, assignment: Int32Array, clusterCount: number): number {
  const descriptions = describeClusters(nameables, assignment, clusterCount);
  const sizes = new Float64Array(clusterCount);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;
  let total = 0;
  for (let c = 0; c < clusterCount; c += 1) total += sizes[c]! * Math.sqrt(descriptions[c]!.value);
  return total / Math.max(1, assignment.length);
}
