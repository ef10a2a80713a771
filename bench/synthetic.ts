/**
 * Deterministic synthetic notes for performance runs: sentences drawn from the static model's vocabulary
 * with a Zipf-like frequency, so FTS and vector work look like real text (common words everywhere, rare
 * words rarely).
 */
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a tiny seeded PRNG so every run measures the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function vocabulary(size = 20_000): string[] {
  const meta = JSON.parse(fs.readFileSync(path.resolve('resources/models/static-100d/meta.json'), 'utf8')) as { words: string[] };
  return meta.words.filter((w) => /^[a-z]{2,}$/.test(w)).slice(0, size);
}

export class TextGenerator {
  private readonly next: () => number;
  constructor(private readonly words: string[], seed = 42) {
    this.next = rng(seed);
  }

  word(): string {
    // Inverse-power sampling approximates Zipf: low indexes (common words) come up far more often.
    const i = Math.floor(this.words.length ** this.next()) - 1;
    return this.words[Math.max(0, i)]!;
  }

  sentence(min = 6, max = 16): string {
    const n = min + Math.floor(this.next() * (max - min + 1));
    const s = Array.from({ length: n }, () => this.word()).join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  }

  /** A short note: a title and one to three sentences (one chunk). */
  note(): { title: string; body: string } {
    const sentences = 1 + Math.floor(this.next() * 3);
    return { title: `${this.word()} ${this.word()}`, body: Array.from({ length: sentences }, () => this.sentence()).join(' ') };
  }

  query(): string {
    return Array.from({ length: 2 + Math.floor(this.next() * 3) }, () => this.word()).join(' ');
  }
}
