import { describeClusters, type ClusterDescription, type Nameables } from './labelThemes';
import { centroidsOf } from './refineWithNeighbours';
import { addInto, dot, normalise, type SparseVector } from './sphericalKMeans';

/** Limits of {@link reshapeThemes}. */
export interface ReshapeOptions {
  readonly minThemes: number;
  readonly maxThemes: number;
}

/** A theme whose best description mentions fewer of its papers than this is a grab bag. */
const MIN_COVERAGE = 0.3;
/** Papers whose titles must share a phrase before it can split off a theme of its own. */
const MIN_SPLIT_TITLES = 4;
/** Split candidates tried per round, most promising first. */
const SPLIT_TRIES = 40;
/** A split must raise describability at least this much: noise does not reshape themes. */
const MIN_GAIN = 0.001;
const MAX_ROUNDS = 40;

/**
 * Reshapes a clustering until every theme can be named. A theme whose best
 * description covers under 30% of its papers is a grab bag: it is dissolved,
 * each paper going to its nearest other theme. A narrow topic hidden in a
 * larger theme (five papers with `GUI` in their titles inside a theme on
 * LLM agents) splits off as a theme of its own when the partition then
 * reads better ({@link describeClusters}): the papers titled with the phrase
 * seed it and the theme's papers nearer to them than to the rest follow.
 * Deterministic: candidates are tried in a fixed order and ties go to the
 * first.
 */
export function reshapeThemes(
  vectors: readonly SparseVector[],
  dimension: number,
  nameables: Nameables,
  initial: Int32Array,
  clusterCount: number,
  options: ReshapeOptions,
): { assignment: Int32Array; clusterCount: number } {
  let assignment: Int32Array = Int32Array.from(initial);
  let k = clusterCount;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const descriptions = describeClusters(nameables, assignment, k);
    const sizes = sizesOf(assignment, k);
    const grabBag = worstCovered(descriptions, sizes);
    if (grabBag !== undefined) {
      const trimmed = trim(vectors, dimension, assignment, k, grabBag, descriptions.map(mentionsOf));
      if (trimmed !== undefined) {
        assignment = trimmed;
        continue;
      }
      if (k > options.minThemes) {
        assignment = dissolve(vectors, dimension, assignment, k, grabBag);
        k -= 1;
        continue;
      }
    }
    if (k >= options.maxThemes) break;
    const split = bestSplit(vectors, dimension, nameables, assignment, k, descriptions, sizes);
    if (split === undefined) break;
    assignment = split;
    k += 1;
  }
  return { assignment, clusterCount: k };
}

function weightOf(mentions: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const weight of mentions.values()) total += weight;
  return total;
}

function sizesOf(assignment: Int32Array, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const cluster of assignment) sizes[cluster] = sizes[cluster]! + 1;
  return sizes;
}

function worstCovered(descriptions: readonly ClusterDescription[], sizes: readonly number[]): number | undefined {
  let worst: number | undefined;
  descriptions.forEach((description, cluster) => {
    if (sizes[cluster] === 0 || description.coverage >= MIN_COVERAGE) return;
    if (worst === undefined || description.coverage < descriptions[worst]!.coverage) worst = cluster;
  });
  return worst;
}

/** Papers anywhere that a description's phrases mention. */
function mentionsOf(description: ClusterDescription): Set<number> {
  const mentions = new Set<number>();
  for (const phrase of description.phrases) for (const paper of phrase.mentions.keys()) mentions.add(paper);
  return mentions;
}

/** Sends each paper of `cluster` to its most similar other theme and renumbers the rest down. */
function dissolve(vectors: readonly SparseVector[], dimension: number, assignment: Int32Array, k: number, cluster: number): Int32Array {
  const centroids = centroidsOf(vectors, dimension, assignment, k);
  return assignment.map((own, i) => {
    let target = own;
    if (own === cluster) {
      let bestSimilarity = -Infinity;
      for (let c = 0; c < k; c += 1) {
        if (c === cluster) continue;
        const similarity = dot(vectors[i]!, centroids[c]!);
        if (similarity > bestSimilarity + 1e-12) {
          bestSimilarity = similarity;
          target = c;
        }
      }
    }
    return target > cluster ? target - 1 : target;
  });
}

/**
 * Keeps the papers of a grab bag that its description mentions, when they are
 * enough for a theme, and sends the others to the nearest theme whose
 * description mentions them, or else to the nearest theme: `Neural Architecture Search`
 * sheds the papers on transformers and literature reviews that k-means
 * parked with it.
 */
function trim(
  vectors: readonly SparseVector[],
  dimension: number,
  assignment: Int32Array,
  k: number,
  cluster: number,
  mentions: readonly ReadonlySet<number>[],
): Int32Array | undefined {
  const core = new Set([...mentions[cluster]!].filter((paper) => assignment[paper] === cluster));
  if (core.size < MIN_SPLIT_TITLES || core.size === vectors.filter((_, i) => assignment[i] === cluster).length) return undefined;
  const centroids = centroidsOf(vectors, dimension, assignment, k);
  return assignment.map((own, i) => {
    if (own !== cluster || core.has(i)) return own;
    const named = mentions.some((described, c) => c !== cluster && described.has(i));
    let target = own;
    let bestSimilarity = -Infinity;
    for (let c = 0; c < k; c += 1) {
      if (c === cluster || (named && !mentions[c]!.has(i))) continue;
      const similarity = dot(vectors[i]!, centroids[c]!);
      if (similarity > bestSimilarity + 1e-12) {
        bestSimilarity = similarity;
        target = c;
      }
    }
    return target;
  });
}

function describabilityOf(descriptions: readonly ClusterDescription[], sizes: readonly number[]): number {
  let total = 0;
  descriptions.forEach((description, cluster) => (total += sizes[cluster]! * Math.sqrt(description.value)));
  return total;
}

/**
 * The split that raises describability most, as a new assignment with the
 * split-off papers in a new last cluster; undefined when none helps or a
 * side would be a grab bag.
 */
function bestSplit(
  vectors: readonly SparseVector[],
  dimension: number,
  nameables: Nameables,
  assignment: Int32Array,
  k: number,
  descriptions: readonly ClusterDescription[],
  sizes: readonly number[],
): Int32Array | undefined {
  const candidates: { cluster: number; seeds: number[]; promise: number; key: string }[] = [];
  // A theme's own one-phrase description names it already; splitting that
  // off splits the theme. Half of an "X and Y" pair may well go its own way.
  const described = new Set(descriptions.flatMap((description) => (description.phrases.length === 1 ? description.phrases : [])));
  for (const phrase of nameables.phrases) {
    if (described.has(phrase)) continue;
    const byCluster = new Map<number, number[]>();
    let titles = 0;
    for (const [paper, weight] of phrase.papers) {
      if (weight < 1) continue;
      titles += 1;
      const cluster = assignment[paper]!;
      const seeds = byCluster.get(cluster) ?? [];
      seeds.push(paper);
      byCluster.set(cluster, seeds);
    }
    for (const [cluster, seeds] of byCluster) {
      // The phrase must be this theme's (most of its titles here) and a part of it, not the whole.
      if (seeds.length < MIN_SPLIT_TITLES || seeds.length < 0.6 * titles || seeds.length > 0.6 * sizes[cluster]!) continue;
      if (sizes[cluster]! - seeds.length < MIN_SPLIT_TITLES) continue;
      // Narrow phrases first: ones most of whose mentions anywhere are these titles.
      candidates.push({ cluster, seeds, promise: seeds.length * (seeds.length / weightOf(phrase.mentions)), key: phrase.key });
    }
  }
  candidates.sort((a, b) => b.promise - a.promise || a.cluster - b.cluster || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const before = describabilityOf(descriptions, sizes);
  let best: { assignment: Int32Array; gain: number } | undefined;
  const tried = new Set<string>();
  for (const candidate of candidates) {
    if (tried.size >= SPLIT_TRIES) break;
    const split = splitOff(vectors, dimension, assignment, k, candidate.cluster, candidate.seeds);
    const signature = split.join(',');
    if (tried.has(signature)) continue;
    tried.add(signature);
    const after = describeClusters(nameables, split, k + 1);
    if (after[candidate.cluster]!.coverage < MIN_COVERAGE || after[k]!.coverage < MIN_COVERAGE) continue;
    const gain = (describabilityOf(after, sizesOf(split, k + 1)) - before) / assignment.length;
    if (gain >= MIN_GAIN && (best === undefined || gain > best.gain + 1e-12)) best = { assignment: split, gain };
  }
  return best?.assignment;
}

/** Moves the seeds, and the papers of their theme nearer to the seeds than to the rest, to a new cluster `k`. */
function splitOff(vectors: readonly SparseVector[], dimension: number, assignment: Int32Array, k: number, cluster: number, seeds: readonly number[]): Int32Array {
  const seedSet = new Set(seeds);
  const topic = new Float64Array(dimension);
  const rest = new Float64Array(dimension);
  assignment.forEach((own, i) => {
    if (own === cluster) addInto(seedSet.has(i) ? topic : rest, vectors[i]!);
  });
  normalise(topic);
  normalise(rest);
  return assignment.map((own, i) => (own !== cluster ? own : seedSet.has(i) || dot(vectors[i]!, topic) > dot(vectors[i]!, rest) ? k : own));
}

/** Each half of a glued "X and Y" description covers less than this share of its theme. */
const GLUED_SHARE = 0.4;

/**
 * Unglues themes whose best description is two phrases naming disjoint sets
 * of its papers, each a small part of it ("Decoding and Empowerment"): two
 * topics that k-means put together. The smaller half's papers go to their
 * nearest other theme. One pass against fixed centroids: deterministic.
 */
export function unglueThemes(vectors: readonly SparseVector[], dimension: number, nameables: Nameables, initial: Int32Array, clusterCount: number): Int32Array {
  const assignment = Int32Array.from(initial);
  const centroids = centroidsOf(vectors, dimension, assignment, clusterCount);
  const descriptions = describeClusters(nameables, assignment, clusterCount);
  const sizes = sizesOf(assignment, clusterCount);
  descriptions.forEach((description, cluster) => {
    // A small theme keeps its two halves: too few papers to tell two topics from one.
    if (description.phrases.length !== 2 || sizes[cluster]! < 2 * MIN_SPLIT_TITLES) return;
    const halves = description.phrases.map((phrase) => [...phrase.mentions.keys()].filter((paper) => initial[paper] === cluster));
    const [first, second] = halves as [number[], number[]];
    const shared = first.filter((paper) => second.includes(paper)).length;
    if (shared > 0 || Math.max(first.length, second.length) >= GLUED_SHARE * sizes[cluster]!) return;
    const smaller = second.length < first.length ? second : first;
    for (const paper of smaller) {
      let target = cluster;
      let best = -Infinity;
      for (let c = 0; c < clusterCount; c += 1) {
        const similarity = dot(vectors[paper]!, centroids[c]!);
        if (c !== cluster && similarity > best + 1e-12) {
          best = similarity;
          target = c;
        }
      }
      assignment[paper] = target;
    }
  });
  return assignment;
}
