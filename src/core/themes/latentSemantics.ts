import { seededRandom, type SparseVector } from './sphericalKMeans';

/**
 * Latent semantic analysis: projects sparse TF-IDF vectors onto their top
 * `rank` singular directions (randomised SVD with power iterations, seeded) and
 * returns unit-length dense rows. In that space `navigate`, `navigation` and
 * `ObjectNav` papers meet even when they share few exact words, which keeps
 * k-means from dumping short abstracts into one catch-all cluster.
 */
export function latentSemantics(
  vectors: readonly SparseVector[],
  dimension: number,
  rank: number,
  seed: number,
  powerIterations = 3,
): SparseVector[] {
  const n = vectors.length;
  const r = Math.min(rank, n, dimension);
  if (r === 0) return vectors.map(() => ({ indices: new Int32Array(0), values: new Float64Array(0) }));
  const random = seededRandom(seed);
  // Y = X Ω with Ω a V×r Gaussian-ish matrix; rows of Y are the n documents.
  const omega = new Float64Array(dimension * r);
  for (let i = 0; i < omega.length; i += 1) omega[i] = random() * 2 - 1;
  let y = multiplyX(vectors, omega, r);
  orthonormaliseColumns(y, n, r);
  // Subspace iteration on X Xᵀ: only the n-side basis needs re-orthonormalising.
  for (let q = 0; q < powerIterations; q += 1) {
    y = multiplyX(vectors, multiplyXt(vectors, y, dimension, r), r);
    orthonormaliseColumns(y, n, r);
  }
  // B = Qᵀ X (r×V); its small Gram matrix B Bᵀ = Qᵀ (X (Xᵀ Q)) gives the
  // singular directions, computed without ever forming B.
  const xxtq = multiplyX(vectors, multiplyXt(vectors, y, dimension, r), r); // n×r
  const gram = new Float64Array(r * r);
  for (let i = 0; i < n; i += 1) {
    for (let a = 0; a < r; a += 1) {
      const qa = y[i * r + a]!;
      if (qa === 0) continue;
      for (let b = 0; b < r; b += 1) gram[a * r + b] = gram[a * r + b]! + qa * xxtq[i * r + b]!;
    }
  }
  // Symmetrise away rounding, so the eigen-solver sees an exactly symmetric matrix.
  for (let a = 0; a < r; a += 1) {
    for (let b = 0; b < a; b += 1) {
      const mean = (gram[a * r + b]! + gram[b * r + a]!) / 2;
      gram[a * r + b] = mean;
      gram[b * r + a] = mean;
    }
  }
  const { values: lambda, vectors: eigen } = symmetricEigen(gram, r);
  const sigma = lambda.map((value) => Math.sqrt(Math.max(0, value)));
  // Document coordinates U Σ = Q · W · Σ, with W the eigenvectors of B Bᵀ.
  return vectors.map((_, i) => {
    const row = new Float64Array(r);
    for (let c = 0; c < r; c += 1) {
      let sum = 0;
      for (let a = 0; a < r; a += 1) sum += y[i * r + a]! * eigen[a * r + c]!;
      row[c] = sum;
    }
    return toUnitDense(row, sigma);
  });
}

function toUnitDense(row: Float64Array, scale: Float64Array): SparseVector {
  let norm = 0;
  for (let c = 0; c < row.length; c += 1) {
    row[c] = row[c]! * scale[c]!;
    norm += row[c]! * row[c]!;
  }
  norm = Math.sqrt(norm) || 1;
  return { indices: Int32Array.from(row, (_, c) => c), values: row.map((value) => value / norm) };
}

/** X · M for the n×V sparse X and a V×r row-major M; returns n×r row-major. */
function multiplyX(vectors: readonly SparseVector[], m: Float64Array, r: number): Float64Array {
  const out = new Float64Array(vectors.length * r);
  vectors.forEach((vector, i) => {
    for (let j = 0; j < vector.indices.length; j += 1) {
      const value = vector.values[j]!;
      const base = vector.indices[j]! * r;
      for (let c = 0; c < r; c += 1) out[i * r + c] = out[i * r + c]! + value * m[base + c]!;
    }
  });
  return out;
}

/** Xᵀ · M for an n×r row-major M; returns V×r row-major. */
function multiplyXt(vectors: readonly SparseVector[], m: Float64Array, dimension: number, r: number): Float64Array {
  const out = new Float64Array(dimension * r);
  vectors.forEach((vector, i) => {
    for (let j = 0; j < vector.indices.length; j += 1) {
      const value = vector.values[j]!;
      const base = vector.indices[j]! * r;
      for (let c = 0; c < r; c += 1) out[base + c] = out[base + c]! + value * m[i * r + c]!;
    }
  });
  return out;
}

/** Modified Gram-Schmidt on the columns of a rows×r row-major matrix, in place. */
function orthonormaliseColumns(m: Float64Array, rows: number, r: number): void {
  for (let c = 0; c < r; c += 1) {
    for (let p = 0; p < c; p += 1) {
      let projection = 0;
      for (let i = 0; i < rows; i += 1) projection += m[i * r + c]! * m[i * r + p]!;
      for (let i = 0; i < rows; i += 1) m[i * r + c] = m[i * r + c]! - projection * m[i * r + p]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i += 1) norm += m[i * r + c]! * m[i * r + c]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i += 1) m[i * r + c] = norm > 1e-12 ? m[i * r + c]! / norm : 0;
  }
}

/** Cyclic Jacobi eigen-decomposition of a symmetric r×r matrix; eigenvectors as columns. */
function symmetricEigen(input: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(r * r);
  for (let i = 0; i < r; i += 1) v[i * r + i] = 1;
  for (let sweep = 0; sweep < 60; sweep += 1) {
    let off = 0;
    for (let p = 0; p < r; p += 1) for (let q = p + 1; q < r; q += 1) off += a[p * r + q]! * a[p * r + q]!;
    if (off < 1e-22) break;
    for (let p = 0; p < r; p += 1) {
      for (let q = p + 1; q < r; q += 1) {
        const apq = a[p * r + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * r + q]! - a[p * r + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < r; k += 1) {
          const akp = a[k * r + p]!;
          const akq = a[k * r + q]!;
          a[k * r + p] = c * akp - s * akq;
          a[k * r + q] = s * akp + c * akq;
        }
        for (let k = 0; k < r; k += 1) {
          const apk = a[p * r + k]!;
          const aqk = a[q * r + k]!;
          a[p * r + k] = c * apk - s * aqk;
          a[q * r + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < r; k += 1) {
          const vkp = v[k * r + p]!;
          const vkq = v[k * r + q]!;
          v[k * r + p] = c * vkp - s * vkq;
          v[k * r + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: r }, (_, i) => a[i * r + i]!), vectors: v };
}
