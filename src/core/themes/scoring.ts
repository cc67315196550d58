// How well phrases name a cluster: every cluster's phrases ranked by a
// class-based TF-IDF, the value of a heading made of one or two of them, and
// how nameable a whole partition is.
import { MIN_PHRASE_PAPERS, overlaps, type Nameables, type Phrase } from './phrases';

/** A phrase as a possible name of one cluster, with what it scored there. */
export interface Candidate {
  readonly phrase: Phrase;
  readonly score: number;
  /** Share of the papers mentioning it that sit in the cluster. */
  readonly precision: number;
  /** Papers of the cluster that mention it. */
  readonly members: ReadonlySet<number>;
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

/**
 * Longest heading, in words, counting the `and` of a pair. Four holds the
 * names researchers use (`Multi-Agent Reinforcement Learning`, `Exploration
 * and Intrinsic Rewards`) and still fits a tree row or a chip; longer runs
 * read as a sentence, not a heading.
 */
export const MAX_LABEL_WORDS = 4;

/**
 * Bonus per word beyond the first, as a share of the score: a longer phrase
 * says more (`Direct Preference Optimization` over `Preference`), but a fifth
 * per word is small enough that a short phrase that fits the cluster
 * clearly better still wins.
 */
const LENGTH_BONUS = 0.2;

/**
 * Fewest papers of a cluster that must mention a phrase for it to be ranked
 * there (fewer when the cluster itself is smaller): one paper's phrase names
 * that paper, not its group.
 */
const MIN_CLUSTER_MENTIONS = 2;

/**
 * How many times more common in the cluster than in the library a phrase must
 * be, or as near that as the cluster's size allows: a cluster holding half
 * the papers can lift a phrase at most 2×. Below this a phrase says nothing
 * that sets the cluster apart, and scores 0.
 */
const MIN_LIFT = 2;

/** Slack on {@link MIN_LIFT}, so a lift that is exactly the bound is not lost to rounding. */
const LIFT_TOLERANCE = 1e-9;

/**
 * A shorter phrase is dropped as a fragment of one a word longer when the
 * longer one is mentioned by at least this share of the shorter one's papers
 * in the cluster: `large language` almost always goes on to `model`.
 */
const FRAGMENT_SHARE = 0.8;

/** Phrases per cluster that may pair up into an "X and Y" description. */
const PAIR_POOL = 6;

/**
 * Longest phrase, in words, that may be half of a pair. A phrase of three
 * leaves no room for `and` and a partner within {@link MAX_LABEL_WORDS}, so
 * pooling it would only push out a phrase that can pair.
 */
const MAX_PAIR_PART_WORDS = 2;

/** A pair must beat a single phrase by this factor: one phrase reads better. */
const PAIR_DISCOUNT = 0.85;

/** The score multiplier for a phrase of `words` words ({@link LENGTH_BONUS}). */
export function lengthBonus(words: number): number {
  return 1 + LENGTH_BONUS * (words - 1);
}

/**
 * Every cluster's phrases, best first, scored in one pass over the phrases:
 * coverage × √precision × log(1 + lift) × {@link lengthBonus} of the papers
 * each phrase mentions, fragments of longer phrases left out.
 */
export function rankAll(phrases: ReadonlyMap<string, Phrase>, assignment: Int32Array, sizes: readonly number[]): Candidate[][] {
  const total = assignment.length;
  const ranked: Candidate[][] = sizes.map(() => []);
  const inside = new Float64Array(sizes.length);
  const members: number[][] = sizes.map(() => []);
  for (const phrase of phrases.values()) {
    if (phrase.papers.size < MIN_PHRASE_PAPERS) continue;
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
      if (clusterMembers.length >= Math.min(MIN_CLUSTER_MENTIONS, size)) {
        ranked[cluster]!.push(scoreCandidate(phrase, clusterMembers, inside[cluster]!, weight, size, total));
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
 * One phrase in one cluster, from the weight of its mentions inside the
 * cluster and in the whole library.
 */
function scoreCandidate(phrase: Phrase, members: readonly number[], inside: number, weight: number, size: number, total: number): Candidate {
  const coverage = inside / size;
  const precision = inside / weight;
  // Lift over the phrase's base rate: common words (`model`) gain nothing.
  const lift = (coverage * total) / weight;
  return {
    phrase,
    members: new Set(members),
    precision,
    score: lift < Math.min(MIN_LIFT, total / size) - LIFT_TOLERANCE ? 0 : coverage * Math.sqrt(precision) * Math.log1p(lift) * lengthBonus(phrase.words),
  };
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
        if (longer.members.size >= FRAGMENT_SHARE * shorter.members.size) fragments.add(shorter);
      }
    }
  }
  return candidates.filter((candidate) => !fragments.has(candidate));
}

/**
 * Coverage × √precision × log(1 + lift) of the papers the phrases mention,
 * as {@link rankAll} scores one phrase: a heading should fit most of the
 * cluster's papers and few others.
 */
export function headingValue(candidates: readonly Candidate[], size: number, total: number): number {
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

/** A pooled phrase and the value it describes its cluster with. */
interface Pooled {
  readonly phrase: Phrase;
  readonly value: number;
}

/**
 * How well each cluster can be named: the best coverage × precision (1 when
 * the phrase is in every paper of the cluster and no paper outside it) of one
 * phrase, or of two joined by "and" short enough for a heading, the pair
 * counting the papers either mentions.
 */
export function describeClusters(nameables: Nameables, assignment: Int32Array, clusterCount: number): ClusterDescription[] {
  const sizes = clusterSizes(assignment, clusterCount);
  const { best, pools } = bestSinglePhrases(nameables.phrases, assignment, sizes);
  pools.forEach((pool, cluster) => improveWithPairs(best, pool, cluster, assignment, sizes[cluster]!));
  return best;
}

/**
 * Each cluster's best single phrase, in one pass over the phrases, and its
 * {@link PAIR_POOL} best short phrases, best first, to try in pairs.
 */
function bestSinglePhrases(
  phrases: readonly Phrase[],
  assignment: Int32Array,
  sizes: Float64Array,
): { best: ClusterDescription[]; pools: Pooled[][] } {
  const clusterCount = sizes.length;
  const best: ClusterDescription[] = Array.from({ length: clusterCount }, () => ({ value: 0, coverage: 0, phrases: [] }));
  const pools: Pooled[][] = Array.from({ length: clusterCount }, () => []);
  const inside = new Float64Array(clusterCount);
  const mentioned = new Float64Array(clusterCount);
  const touched: number[] = [];
  for (const phrase of phrases) {
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
      if (phrase.words <= MAX_PAIR_PART_WORDS) offerToPool(pools[cluster]!, phrase, value);
      inside[cluster] = 0;
      mentioned[cluster] = 0;
    }
    touched.length = 0;
  }
  return { best, pools };
}

/** Keeps the phrase in the pool, in value order, if it is among the pool's {@link PAIR_POOL} best. */
function offerToPool(pool: Pooled[], phrase: Phrase, value: number): void {
  if (pool.length < PAIR_POOL || value > pool[pool.length - 1]!.value) {
    let at = pool.length;
    while (at > 0 && pool[at - 1]!.value < value) at -= 1;
    pool.splice(at, 0, { phrase, value });
    if (pool.length > PAIR_POOL) pool.pop();
  }
}

/** Replaces the cluster's best description with any pair from its pool that beats it. */
function improveWithPairs(best: ClusterDescription[], pool: readonly Pooled[], cluster: number, assignment: Int32Array, size: number): void {
  for (let a = 0; a < pool.length; a += 1) {
    for (let b = a + 1; b < pool.length; b += 1) {
      const first = pool[a]!.phrase;
      const second = pool[b]!.phrase;
      if (first.words + second.words > MAX_LABEL_WORDS - 1 || overlaps(first, second)) continue;
      const pair = describeWithPair(first, second, cluster, assignment, size);
      if (pair.value > best[cluster]!.value) best[cluster] = pair;
    }
  }
}

/** How well "first and second" describes the cluster, counting the papers either mentions. */
function describeWithPair(first: Phrase, second: Phrase, cluster: number, assignment: Int32Array, size: number): ClusterDescription {
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
  const value = PAIR_DISCOUNT * (own / size) * (own / weight);
  return { value, coverage: count / size, phrases: [first, second] };
}

/**
 * How well a partition can be named: each cluster's best description
 * ({@link describeClusters}), its square root averaged over papers. A grab
 * bag of unrelated papers has no phrase that covers it and scores low.
 */
export function describability(nameables: Nameables, assignment: Int32Array, clusterCount: number): number {
  const descriptions = describeClusters(nameables, assignment, clusterCount);
  const sizes = clusterSizes(assignment, clusterCount);
  let total = 0;
  for (let c = 0; c < clusterCount; c += 1) total += sizes[c]! * Math.sqrt(descriptions[c]!.value);
  return total / Math.max(1, assignment.length);
}

/** Papers per cluster. */
function clusterSizes(assignment: Int32Array, clusterCount: number): Float64Array {
  const sizes = new Float64Array(clusterCount);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;
  return sizes;
}
