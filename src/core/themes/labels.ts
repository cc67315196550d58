// Choosing a cluster's label from its ranked phrases: which phrases can be a
// heading at all, whether one phrase or an "X and Y" pair reads best, and the
// distinctive terms shown beside it.
import { displayForm, GENERIC_HEADS, isAcronym, isGeneric, overlaps, TITLE_WEIGHT, type Phrase } from './phrases';
import { headingValue, lengthBonus, MAX_LABEL_WORDS, type Candidate } from './scoring';

/** A cluster's heading and the phrases that set it apart. */
export interface ThemeLabel {
  readonly label: string;
  /** Distinctive phrases, best first, as a researcher would write them. */
  readonly terms: readonly string[];
  /** The phrase, or the two phrases of an "X and Y" label, it was made from; none for a fallback label. */
  readonly phrases: readonly Phrase[];
}

/** A label chosen from phrases, before it is taken. */
interface ChosenLabel {
  readonly label: string;
  readonly phrases: readonly Phrase[];
}

/**
 * How many of a cluster's best-ranked phrases are tried as a heading, alone
 * and in pairs. Twelve reaches past the modifiers and generic phrases that
 * {@link canName} turns away, while the pairs tried stay at most 66.
 */
const SHORTLIST = 12;

/** Distinctive terms listed per theme: about a line beside the heading. */
const MAX_TERMS = 8;

/**
 * A single word that runs on into another word at least this share of the
 * time is a modifier (`Hierarchical`, `Multi-Turn`), not a heading: half,
 * since a noun runs on now and then (`agent` in `agent framework`).
 */
const MAX_RUN_ON = 0.5;

/**
 * The same for a phrase of several words, given more room: `Group Relative`
 * always runs on, while a name like `Reward Model` often goes on to a third
 * word (`Reward Model Training`) and is still a name.
 */
const MAX_PHRASE_RUN_ON = 0.6;

/**
 * A single word that follows another content word at least this share of the
 * time is the tail of longer phrases (`Learning`, `Tuning`): too vague to be
 * a heading on its own…
 */
const MAX_RUN_IN = 0.75;

/**
 * …unless the cluster owns it: at this precision or more the word is the
 * cluster's own topic (`Navigation`), however often other words precede it.
 */
const OWNED_TAIL_PRECISION = 0.6;

/**
 * How many words an acronym counts as for the length bonus: it stands for a
 * phrase of several words (`RLHF`), so it should not lose to a two-word
 * phrase for being one word.
 */
const ACRONYM_WORDS = 2;

/**
 * A phrase that the cluster's papers mention at least this share of the time
 * is heading enough alone: no partner is looked for.
 */
const SINGLE_PHRASE_COVERAGE = 0.5;

/** The share of the cluster a partner in "X and Y" must be mentioned by, or it adds too little to name. */
const MIN_PARTNER_COVERAGE = 0.2;

/**
 * The precision a partner must have: it must be the cluster's own word
 * (`Retrieval`), not a generic one that half the library uses (`Complexity`).
 */
const MIN_PARTNER_PRECISION = 0.4;

/**
 * Titles a partner must appear in: papers put names in their titles, while a
 * phrase only abstracts use is a turn of phrase (`Turns`).
 */
const MIN_PARTNER_TITLES = 2;

/** Papers a partner must mention that the first phrase does not: a partner must cover someone new. */
const MIN_PARTNER_GAIN = 2;

/** A heading of two phrases must describe clearly more than either alone: one phrase reads better. */
const LABEL_PAIR_DISCOUNT = 0.8;

/**
 * How much a later heading must beat the best so far by to replace it: ties
 * within rounding stay with the earlier, better-ranked phrase.
 */
const VALUE_TIE = 1e-12;

/**
 * One cluster's label, terms and source phrases from its ranked candidates;
 * `Theme N` when no phrase can name it. Labels in `taken` (lower case) are
 * not reused.
 */
export function labelCluster(
  cluster: number,
  ranked: readonly Candidate[],
  size: number,
  total: number,
  taken: ReadonlySet<string>,
): ThemeLabel {
  const chosen = chooseLabel(ranked, size, total, taken);
  const label = chosen?.label ?? fallbackLabel(cluster, taken);
  return { label, terms: distinctTerms(ranked, MAX_TERMS), phrases: chosen?.phrases ?? [] };
}

/**
 * The heading that best describes the cluster: one phrase, or two joined by
 * "and" when together they cover clearly more of it ("Exploration and
 * Intrinsic Rewards"). Both are judged alike, by the papers they mention
 * inside and outside the cluster ({@link headingValue}).
 */
function chooseLabel(ranked: readonly Candidate[], size: number, total: number, taken: ReadonlySet<string>): ChosenLabel | undefined {
  const shortlist = ranked.slice(0, SHORTLIST).filter(canName);
  let best: { label: string; value: number; phrases: readonly Phrase[] } | undefined;
  const consider = (label: string, value: number, phrases: readonly Phrase[]): void => {
    if (label.split(' ').length > MAX_LABEL_WORDS || taken.has(label.toLowerCase())) return;
    if (best === undefined || value > best.value + VALUE_TIE) best = { label, value, phrases };
  };
  shortlist.forEach((first, index) => {
    const firstLabel = displayForm(completed(first, ranked).phrase);
    // Longer phrases say more; an acronym stands for a phrase of several words.
    const words = isAcronym(first.phrase) ? ACRONYM_WORDS : first.phrase.words;
    consider(firstLabel, headingValue([first], size, total) * lengthBonus(words), [first.phrase]);
    if (first.members.size >= SINGLE_PHRASE_COVERAGE * size) return;
    for (const second of shortlist.slice(index + 1)) {
      if (!canPartner(first, second, size)) continue;
      const label = `${firstLabel} and ${displayForm(completed(second, ranked).phrase)}`;
      consider(label, LABEL_PAIR_DISCOUNT * headingValue([first, second], size, total), [first.phrase, second.phrase]);
    }
  });
  if (best !== undefined) return best;
  return mostDistinctive(ranked, taken);
}

/**
 * Whether `second` may join `first` in an "X and Y" heading: the cluster's
 * own phrase, a name rather than a modifier, saying something new
 * (`Hierarchy` adds nothing to `Hierarchical Organization`), written in
 * titles, and covering papers `first` does not.
 */
function canPartner(first: Candidate, second: Candidate, size: number): boolean {
  if (second.members.size < MIN_PARTNER_COVERAGE * size) return false;
  if (second.precision < MIN_PARTNER_PRECISION || isModifier(second.phrase) || overlaps(first.phrase, second.phrase)) return false;
  if (titleCount(second.phrase) < MIN_PARTNER_TITLES) return false;
  let gain = 0;
  for (const paper of second.members) if (!first.members.has(paper)) gain += 1;
  return gain >= MIN_PARTNER_GAIN;
}

/** Nothing reads as a heading (odd or repetitive text): the most distinctive phrase still beats a number. */
function mostDistinctive(ranked: readonly Candidate[], taken: ReadonlySet<string>): ChosenLabel | undefined {
  for (const candidate of ranked) {
    const label = displayForm(candidate.phrase);
    if (candidate.score > 0 && label.split(' ').length <= MAX_LABEL_WORDS && !taken.has(label.toLowerCase())) return { label, phrases: [candidate.phrase] };
  }
  return undefined;
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
  if (phrase.words === 1 && phrase.runIns >= MAX_RUN_IN * phrase.occurrences && candidate.precision < OWNED_TAIL_PRECISION) return false;
  // Acronyms name things even when they modify (`GUI` agents, `RLHF` methods).
  return !isModifier(phrase) || isAcronym(phrase);
}

/** Runs on into another word most of the time; longer phrases are given more room than single words. */
function isModifier(phrase: Phrase): boolean {
  return phrase.runOns >= (phrase.words === 1 ? MAX_RUN_ON : MAX_PHRASE_RUN_ON) * phrase.occurrences;
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

/** Papers that write the phrase in their titles. */
function titleCount(phrase: Phrase): number {
  let count = 0;
  for (const weight of phrase.papers.values()) if (weight >= TITLE_WEIGHT) count += 1;
  return count;
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

/** `Theme N`, or `Theme N.2`, `Theme N.3`… when that is taken. */
function fallbackLabel(cluster: number, taken: ReadonlySet<string>): string {
  let label = `Theme ${cluster + 1}`;
  for (let suffix = 2; taken.has(label.toLowerCase()); suffix += 1) label = `Theme ${cluster + 1}.${suffix}`;
  return label;
}
