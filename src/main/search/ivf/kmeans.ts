/**
 * Spherical k-means over unit vectors, for the inverted-file (IVF) index of large libraries: vectors are grouped
 * by their nearest centroid so a query only scans the groups nearest to it. Plain loops over Float32Arrays;
 * this runs on a worker thread.
 */

export interface Centroids {
  k: number;
  dimensions: number;
  /** k × dimensions, each row unit length. */
  data: Float32Array;
}

/** Index of the centroid with the largest dot product (nearest by cosine for unit vectors). */
export function nearestCentroid(c: Centroids, v: Float32Array, offset = 0): number {
  const { k, dimensions: d, data } = c;
  let best = 0;
  let bestDot = -Infinity;
  for (let j = 0; j < k; j++) {
    let dot = 0;
    const base = j * d;
    for (let i = 0; i < d; i++) dot += data[base + i]! * v[offset + i]!;
    if (dot > bestDot) (bestDot = dot), (best = j);
  }
  return best;
}

/** The `n` centroids nearest to `v`, nearest first. */
export function nearestCentroids(c: Centroids, v: Float32Array, n: number): number[] {
  const dots = new Float32Array(c.k);
  for (let j = 0; j < c.k; j++) {
    let dot = 0;
    for (let i = 0; i < c.dimensions; i++) dot += c.data[j * c.dimensions + i]! * v[i]!;
    dots[j] = dot;
  }
  return [...dots.keys()].sort((a, b) => dots[b]! - dots[a]!).slice(0, n);
}

function normaliseRows(data: Float32Array, d: number): void {
  for (let base = 0; base < data.length; base += d) {
    let norm = 0;
    for (let i = 0; i < d; i++) norm += data[base + i]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) data[base + i]! /= norm;
  }
}

/**
 * Trains `k` centroids on `samples` (n × d unit vectors). `random` is injectable so tests are repeatable.
 * Empty clusters are re-seeded from a random sample so every list stays useful.
 */
export function trainCentroids(samples: Float32Array, d: number, k: number, iterations: number, random: () => number = Math.random): Centroids {
  const n = samples.length / d;
  if (n < k) throw new Error(`k-means needs at least ${k} samples, got ${n}`);
  const data = new Float32Array(k * d);
  // Distinct random samples as starting points.
  const picks = new Set<number>();
  while (picks.size < k) picks.add(Math.floor(random() * n));
  [...picks].forEach((s, j) => data.set(samples.subarray(s * d, (s + 1) * d), j * d));
  const centroids: Centroids = { k, dimensions: d, data };
  const assignment = new Int32Array(n);
  for (let iter = 0; iter < iterations; iter++) {
    for (let s = 0; s < n; s++) assignment[s] = nearestCentroid(centroids, samples, s * d);
    const sums = new Float32Array(k * d);
    const counts = new Int32Array(k);
    for (let s = 0; s < n; s++) {
      const j = assignment[s]!;
      counts[j]!++;
      for (let i = 0; i < d; i++) sums[j * d + i]! += samples[s * d + i]!;
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        const s = Math.floor(random() * n);
        sums.set(samples.subarray(s * d, (s + 1) * d), j * d);
      }
    }
    normaliseRows(sums, d);
    data.set(sums);
  }
  return centroids;
}
