/**
 * Cosine similarity of two face descriptors (faceres embeddings), in -1..1; higher means more alike. It needs
 * no model, so stored embeddings can be clustered without loading the vision engine.
 *
 * Not calibrated: in the tests one man scores 0.66 against himself in another photo and at most 0.34 against
 * other people. A clustering threshold should be tuned on real libraries.
 */
export function similarFaces(a: readonly number[], b: readonly number[]): number {
  // Descriptors from different models (or truncated rows) are not comparable; saying 0 would hide the bug.
  if (a.length !== b.length) throw new RangeError(`face descriptors differ in length (${a.length} and ${b.length})`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  // An all-zero descriptor carries no identity; it is like nothing, rather than NaN poisoning a cluster.
  if (normA === 0 || normB === 0) return 0;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
}
