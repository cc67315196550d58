import { dot, normalise, addInto, type SparseVector } from './sphericalKMeans';

/**
 * Smooths a k-means partition with each paper's nearest neighbours: a paper
 * is drawn to its centroid and, with weight `pull`, to the clusters its most
 * similar papers sit in. k-means alone splits a tight small topic (five GUI
 * agent papers) between two big neighbours; the neighbours vote it back
 * together. Deterministic: papers are visited in index order.
 */
export function refineWithNeighbours(
  vectors: readonly SparseVector[],
  dimension: number,
  initial: Int32Array,
  clusterCount: number,
  options: { neighbours: number | readonly (readonly Neighbour[])[]; pull: number; maxRounds?: number },
): { assignment: Int32Array; centroids: Float64Array[] } {
  const assignment = Int32Array.from(initial);
  let centroids = centroidsOf(vectors, dimension, assignment, clusterCount);
  const neighbours =
    typeof options.neighbours === 'number' ? findNeighbours(vectors, dimension, options.neighbours, assignment, clusterCount) : options.neighbours;
  for (let round = 0; round < (options.maxRounds ?? 20); round += 1) {
    let changed = 0;
    const vote = new Float64Array(clusterCount);
    for (let i = 0; i < vectors.length; i += 1) {
      vote.fill(0);
      const near = neighbours[i]!;
      let weight = 0;
      for (const { similarity } of near) weight += similarity;
      if (weight > 0) for (const { index, similarity } of near) vote[assignment[index]!] = vote[assignment[index]!]! + similarity / weight;
      let best = assignment[i]!;
      let bestScore = -Infinity;
      for (let c = 0; c < clusterCount; c += 1) {
        const score = dot(vectors[i]!, centroids[c]!) + options.pull * vote[c]!;
        if (score > bestScore + 1e-12) {
          bestScore = score;
          best = c;
        }
      }
      if (best !== assignment[i]) {
        assignment[i] = best;
        changed += 1;
      }
    }
    centroids = centroidsOf(vectors, dimension, assignment, clusterCount);
    if (changed === 0) break;
  }
  return { assignment, centroids };
}

/**
 * Each vector's `count` most similar others, searched among the clusters of
 * `assignment` nearest to it (all of them in a library of a few hundred).
 * Computed once, the lists serve every partition {@link refineWithNeighbours} is asked to smooth.
 */
export function findNeighbours(
  vectors: readonly SparseVector[],
  dimension: number,
  count: number,
  assignment: Int32Array,
  clusterCount: number,
): Neighbour[][] {
  const centroids = centroidsOf(vectors, dimension, assignment, clusterCount);
  return nearestNeighbours(vectors, dimension, count, candidateClusters(vectors, centroids, assignment));
}

/** A similar vector and how similar it is. */
export interface Neighbour {
  readonly index: number;
  readonly similarity: number;
}

/**
 * The clusters a vector's neighbours are looked for in: every cluster up to
 * {@link EXACT_NEIGHBOURS} papers (exact), beyond that its own and the
 * nearest others, enough to compare with about that many papers. Keeps the
 * search from growing quadratically in libraries of thousands.
 */
function candidateClusters(vectors: readonly SparseVector[], centroids: readonly Float64Array[], assignment: Int32Array): number[][] {
  const k = centroids.length;
  const wanted = Math.min(k, Math.max(5, Math.ceil((k * EXACT_NEIGHBOURS) / Math.max(1, vectors.length))));
  return vectors.map((vector, i) =>
    centroids
      .map((centroid, c) => ({ c, similarity: c === assignment[i] ? Infinity : dot(vector, centroid) }))
      .sort((a, b) => b.similarity - a.similarity || a.c - b.c)
      .slice(0, wanted)
      .map(({ c }) => c),
  );
}

const EXACT_NEIGHBOURS = 1500;

/** The `count` most similar other vectors of each vector (positive similarities only), among its candidate clusters. */
function nearestNeighbours(vectors: readonly SparseVector[], dimension: number, count: number, candidates: readonly number[][]): Neighbour[][] {
  const n = vectors.length;
  const members: number[][] = [];
  candidates.forEach((_, i) => {
    const own = candidates[i]![0]!;
    (members[own] ??= []).push(i);
  });
  const result: Neighbour[][] = [];
  for (let i = 0; i < n; i += 1) {
    const dense = new Float64Array(dimension);
    addInto(dense, vectors[i]!);
    const best: Neighbour[] = [];
    for (const cluster of candidates[i]!) {
      for (const j of members[cluster] ?? []) {
        if (j === i) continue;
        const similarity = dot(vectors[j]!, dense);
        if (similarity <= 0) continue;
        if (best.length < count || similarity > best[best.length - 1]!.similarity) {
          let at = best.length;
          // Ties go to the lower index, so the neighbour lists do not depend on visiting order.
          while (at > 0 && (best[at - 1]!.similarity < similarity || (best[at - 1]!.similarity === similarity && best[at - 1]!.index > j))) at -= 1;
          best.splice(at, 0, { index: j, similarity });
          if (best.length > count) best.pop();
        }
      }
    }
    result.push(best);
  }
  return result;
}

/** Unit mean direction of each cluster's vectors. */
export function centroidsOf(vectors: readonly SparseVector[], dimension: number, assignment: Int32Array, clusterCount: number): Float64Array[] {
  const centroids = Array.from({ length: clusterCount }, () => new Float64Array(dimension));
  vectors.forEach((vector, i) => addInto(centroids[assignment[i]!]!, vector));
  for (const centroid of centroids) normalise(centroid);
  return centroids;
}
