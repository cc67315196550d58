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
  options: { neighbours: number; pull: number; maxRounds?: number },
): { assignment: Int32Array; centroids: Float64Array[] } {
  const neighbours = nearestNeighbours(vectors, dimension, options.neighbours);
  const assignment = Int32Array.from(initial);
  let centroids = centroidsOf(vectors, dimension, assignment, clusterCount);
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

interface Neighbour {
  readonly index: number;
  readonly similarity: number;
}

/** The `count` most similar other vectors of each vector (positive similarities only). */
function nearestNeighbours(vectors: readonly SparseVector[], dimension: number, count: number): Neighbour[][] {
  const n = vectors.length;
  const dense = vectors.map((vector) => {
    const row = new Float64Array(dimension);
    addInto(row, vector);
    return row;
  });
  const result: Neighbour[][] = [];
  for (let i = 0; i < n; i += 1) {
    const best: Neighbour[] = [];
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const similarity = dot(vectors[j]!, dense[i]!);
      if (similarity <= 0) continue;
      if (best.length < count || similarity > best[best.length - 1]!.similarity) {
        let at = best.length;
        while (at > 0 && best[at - 1]!.similarity < similarity) at -= 1;
        best.splice(at, 0, { index: j, similarity });
        if (best.length > count) best.pop();
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
