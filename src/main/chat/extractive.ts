/**
 * The answer without a model: the sentences of the retrieved passages that share the most words with the
 * question, each with the number of the source it came from, in the order the sources rank.
 */
import { contentWords } from './query';

export interface ExtractiveSource {
  n: number;
  text: string;
}

export function extractiveSummary(terms: string[], sources: ExtractiveSource[], maxSentences = 3): string {
  const wanted = new Set(terms);
  const candidates: { n: number; sentence: string; score: number; order: number }[] = [];
  let order = 0;
  for (const s of sources) {
    for (const sentence of splitSentences(s.text)) {
      const words = contentWords(sentence);
      if (words.length === 0) continue;
      const hits = words.filter((w) => wanted.has(w) || [...wanted].some((t) => stemEq(t, w))).length;
      candidates.push({ n: s.n, sentence, score: hits / Math.sqrt(words.length) + 0.01 / (s.n + 1), order: order++ });
    }
  }
  const picked = candidates
    .sort((a, b) => b.score - a.score)
    .slice(0, maxSentences)
    .sort((a, b) => a.order - b.order);
  return picked.map((c) => `${c.sentence.trim()} [${c.n}]`).join(' ');
}

function splitSentences(text: string): string[] {
  return text
    .replace(/^#+\s.*$/gm, '')
    .split(/(?<=[.!?])\s+|\n{2,}/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 12 && s.length < 600);
}

/** Crude stemming for matching "bake" with "baking" and "loaves" with "loaf": a shared stem of 4+ letters. */
function stemEq(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n < 4) return false;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i >= 4 && i >= Math.min(a.length, b.length) - 3;
}
