/** A document as a sparse, L2-normalised vector over a feature vocabulary. */
export interface SparseVector {
  /** Feature indices, ascending. */
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** Result of {@link sphericalKMeans}. */
export interface Clustering {
  /** Cluster index of each vector. */
  readonly assignment: Int32Array;
  /** Unit-length centroids, one per cluster. */
  readonly centroids: Float64Array[];
  /** Sum over vectors of the cosine to their centroid; higher is tighter. */
  readonly cohesion: number;
}

/** A small seeded PRNG (mulberry32): reproducible, unlike `Math.random`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cosine of a unit sparse vector with a unit dense vector. */
export function dot(vector: SparseVector, dense: Float64Array): number {
  let sum = 0;
  const { indices, values } = vector;
  if (indices.length === dense.length) {
    // Dense rows (latent vectors) skip the index lookups: this is the clustering's inner loop.
    for (let i = 0; i < values.length; i += 1) sum += values[i]! * dense[i]!;
    return sum;
  }
  for (let i = 0; i < indices.length; i += 1) sum += values[i]! * dense[indices[i]!]!;
  return sum;
}

/**
 * Spherical k-means (cosine similarity) with k-means++ seeding, keeping the
 * most cohesive of `restarts` runs. Deterministic for a given `seed`.
 */
export function sphericalKMeans(
  vectors: readonly SparseVector[],
  dimension: number,
  k: number,
  options: { seed: number; restarts: number; maxIterations?: number },
): Clustering {
  const random = seededRandom(options.seed);
  let best: Clustering | undefined;
  for (let run = 0; run < options.restarts; run += 1) {
    const result = lloyd(vectors, dimension, seedCentroids(vectors, dimension, k, random), options.maxIterations ?? 60);
    if (best === undefined || result.cohesion > best.cohesion + 1e-9) best = result;
  }
  if (best === undefined) throw new RangeError('sphericalKMeans needs at least one restart');
  return best;
}

function seedCentroids(vectors: readonly SparseVector[], dimension: number, k: number, random: () => number): Float64Array[] {
  const n = vectors.length;
  const centroids: Float64Array[] = [];
  const distance = new Float64Array(n).fill(Infinity);
  let next = Math.floor(random() * n);
  while (centroids.length < k) {
    const centroid = densify(vectors[next]!, dimension);
    centroids.push(centroid);
    let total = 0;
    for (let i = 0; i < n; i += 1) {
      const d = Math.max(0, 1 - dot(vectors[i]!, centroid));
      if (d < distance[i]!) distance[i] = d;
      total += distance[i]! * distance[i]!;
    }
    if (total <= 0) break;
    let target = random() * total;
    next = n - 1;
    for (let i = 0; i < n; i += 1) {
      target -= distance[i]! * distance[i]!;
      if (target <= 0) {
        next = i;
        break;
      }
    }
  }
  return centroids;
}

function lloyd(vectors: readonly SparseVector[], dimension: number, initial: Float64Array[], maxIterations: number): Clustering {
  const n = vectors.length;
  const k = initial.length;
  let centroids = initial;
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    let changed = 0;
    for (let i = 0; i < n; i += 1) {
      let bestCluster = 0;
      let bestSimilarity = -Infinity;
      for (let c = 0; c < k; c += 1) {
        const s = dot(vectors[i]!, centroids[c]!);
        if (s > bestSimilarity) {
          bestSimilarity = s;
          bestCluster = c;
        }
      }
      if (assignment[i] !== bestCluster) changed += 1;
      assignment[i] = bestCluster;
      similarity[i] = bestSimilarity;
    }
    centroids = recomputeCentroids(vectors, dimension, assignment, similarity, k);
    if (changed === 0) break;
  }
  let cohesion = 0;
  for (let i = 0; i < n; i += 1) cohesion += dot(vectors[i]!, centroids[assignment[i]!]!);
  return { assignment, centroids, cohesion };
}

/** Mean direction of each cluster; an emptied cluster takes over the worst-fitting vector. */
function recomputeCentroids(
  vectors: readonly SparseVector[],
  dimension: number,
  assignment: Int32Array,
  similarity: Float64Array,
  k: number,
): Float64Array[] {
  const sums: Float64Array[] = Array.from({ length: k }, () => new Float64Array(dimension));
  const sizes = new Int32Array(k);
  for (let i = 0; i < vectors.length; i += 1) {
    const c = assignment[i]!;
    sizes[c] = sizes[c]! + 1;
    addInto(sums[c]!, vectors[i]!);
  }
  for (let c = 0; c < k; c += 1) {
    if (sizes[c] === 0) {
      let worst = 0;
      for (let i = 1; i < vectors.length; i += 1) if (similarity[i]! < similarity[worst]!) worst = i;
      similarity[worst] = Infinity;
      sums[c] = densify(vectors[worst]!, dimension);
    }
    normalise(sums[c]!);
  }
  return sums;
}

export function addInto(target: Float64Array, vector: SparseVector, scale = 1): void {
  for (let i = 0; i < vector.indices.length; i += 1) {
    const index = vector.indices[i]!;
    target[index] = target[index]! + scale * vector.values[i]!;
  }
}

export function normalise(vector: Float64Array): void {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! / norm;
}

function densify(vector: SparseVector, dimension: number): Float64Array {
  const dense = new Float64Array(dimension);
  addInto(dense, vector);
  return dense;
}
