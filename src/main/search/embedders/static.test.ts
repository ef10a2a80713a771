import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StaticEmbedder, STATIC_EMBEDDER_ID, tokenize } from './static';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('StaticEmbedder', () => {
  let embedder: StaticEmbedder;
  beforeAll(() => {
    embedder = new StaticEmbedder();
  });

  it('describes itself', () => {
    expect(embedder.id).toBe(STATIC_EMBEDDER_ID);
    expect(embedder.dimensions).toBe(100);
  });

  it('scores related sentences above unrelated ones', async () => {
    const [cat, kitten, tax] = await embedder.embed([
      'the cat sat on the mat',
      'a kitten rested on the rug',
      'quarterly tax filing deadline',
    ]);
    const related = dot(cat!, kitten!);
    expect(related).toBeGreaterThan(dot(cat!, tax!) + 0.3);
    expect(related).toBeGreaterThan(dot(kitten!, tax!) + 0.3);
  });

  it('ranks a paraphrase above unrelated notes', async () => {
    const [query, ...notes] = await embedder.embed([
      'doctor prescribed antibiotics for my infection',
      'grocery list: milk, eggs, butter',
      'the physician gave me medicine for a bacterial illness',
      'flight to paris booked for june',
    ]);
    const scores = notes.map((n) => dot(query!, n));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
  });

  it('returns unit vectors for every kind of text, including empty and unknown words', async () => {
    const texts = ['', '   ', '!!!', '42', 'zxqvbnm', 'Kubernetes 2024-07', 'The Cat', 'a '.repeat(5000)];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toHaveLength(100);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('gives texts without known words a deterministic vector that only matches the same tokens', async () => {
    const [a, again, other, empty] = await embedder.embed(['zxqvbnm 4242', 'ZXQVBNM  4242!', 'qqqwww', '']);
    expect(Array.from(again!)).toEqual(Array.from(a!));
    expect(Math.abs(dot(a!, other!))).toBeLessThan(0.5);
    expect(Math.abs(dot(a!, empty!))).toBeLessThan(0.5);
  });

  it('falls back from possessives, contractions and hyphenations to their words', async () => {
    const [possessive, plain, contracted, expanded, hyphenated, spaced] = await embedder.embed([
      "the cat's bowl",
      'the cat bowl',
      "don't go",
      'do not go',
      'zqx-cat-bowl',
      'zqx cat bowl',
    ]);
    expect(Array.from(possessive!)).toEqual(Array.from(plain!));
    expect(Array.from(contracted!)).toEqual(Array.from(expanded!));
    expect(Array.from(hyphenated!)).toEqual(Array.from(spaced!));
  });

  it('tokenises case-, accent- and apostrophe-insensitively', () => {
    expect(tokenize('Café’s NAÏVE co-op, 3rd!')).toEqual(["cafe's", 'naive', 'co-op', '3rd']);
  });

  it('names the build command when the model folder is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-static-'));
    expect(() => new StaticEmbedder(dir)).toThrow(/missing.*build-static-embedder\.mjs/);
    fs.rmSync(dir, { recursive: true });
  });
});
