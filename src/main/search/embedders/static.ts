import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from './types';

/**
 * The default offline embedder: SIF-weighted averages of int8 word vectors built at install time by
 * scripts/build-static-embedder.mjs (see that file for the folder layout).
 *
 * Texts without a single known word (empty, numbers, names, code) get a deterministic pseudo-random
 * unit vector seeded by their tokens instead of a zero vector: cosine stays defined, identical texts
 * still match, and such vectors are near-orthogonal to real text, whose exact terms FTS5 finds anyway.
 */

export const STATIC_EMBEDDER_ID = 'static:wink-sg-100d-i8@1';
const FORMAT_VERSION = 1;
const MODEL_SUBDIR = path.join('resources', 'models', 'static-100d');
const BUILD_HINT = 'build it with `node scripts/build-static-embedder.mjs` (or `npm run postinstall`) in the app folder';

interface StaticModelMeta {
  formatVersion: number;
  dimensions: number;
  count: number;
  sif: { a: number; harmonic: number };
  commonComponent: number[];
  words: string[];
  ranks: number[];
}

/** Finds the model folder by walking up from this file, so it works from src/ and from a build dir. */
export function findStaticModelDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, MODEL_SUBDIR);
    if (fs.existsSync(path.join(candidate, 'meta.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export class StaticEmbedder implements Embedder {
  readonly id = STATIC_EMBEDDER_ID;
  readonly dimensions: number;
  private readonly index: Map<string, number>;
  private readonly vectors: Int8Array;
  /** Per-word dequantisation scale already multiplied by the word's SIF weight. */
  private readonly weightedScales: Float32Array;
  private readonly common: Float32Array;

  constructor(modelDir?: string) {
    const dir = modelDir ?? findStaticModelDir();
    if (!dir || !fs.existsSync(path.join(dir, 'meta.json'))) {
      throw new Error(
        `The built-in embedding model is missing (${dir ?? `no ${MODEL_SUBDIR} above ${import.meta.url}`}); ${BUILD_HINT}.`,
      );
    }
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as StaticModelMeta;
    if (meta.formatVersion !== FORMAT_VERSION) {
      throw new Error(`The embedding model in ${dir} has format ${meta.formatVersion}, expected ${FORMAT_VERSION}; ${BUILD_HINT}.`);
    }
    const dims = meta.dimensions;
    const raw = fs.readFileSync(path.join(dir, 'vectors.i8'));
    const scales = fs.readFileSync(path.join(dir, 'scales.f32'));
    if (raw.length !== meta.count * dims || scales.length !== meta.count * 4) {
      throw new Error(`The embedding model in ${dir} is incomplete; ${BUILD_HINT}.`);
    }

    this.dimensions = dims;
    this.vectors = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    this.index = new Map(meta.words.map((w, i) => [w, i]));
    this.common = Float32Array.from(meta.commonComponent);
    const { a, harmonic } = meta.sif;
    this.weightedScales = Float32Array.from(meta.ranks, (rank, i) => {
      const p = 1 / ((rank + 1) * harmonic); // Zipf estimate of the word's corpus frequency
      return (a / (a + p)) * scales.readFloatLE(i * 4);
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return this.embedSync(texts);
  }

  embedSync(texts: string[]): Float32Array[] {
    return texts.map((text) => this.embedOne(text));
  }

  async close(): Promise<void> {}

  private embedOne(text: string): Float32Array {
    const { dimensions: dims, vectors, weightedScales, common } = this;
    const out = new Float32Array(dims);
    const tokens = tokenize(text);
    let known = 0;
    for (const token of tokens) {
      for (const i of this.lookup(token)) {
        const w = weightedScales[i]!;
        const row = i * dims;
        for (let d = 0; d < dims; d++) out[d]! += w * vectors[row + d]!;
        known++;
      }
    }
    if (known === 0) return hashedVector(tokens, dims);

    let dot = 0;
    for (let d = 0; d < dims; d++) dot += out[d]! * common[d]!;
    for (let d = 0; d < dims; d++) out[d]! -= dot * common[d]!;
    return normalize(out) ? out : hashedVector(tokens, dims);
  }

  /** Word indices for a token; falls back through contractions, hyphenated parts and plurals. */
  private lookup(token: string): number[] {
    const exact = this.index.get(token);
    if (exact !== undefined) return [exact];

    const apostrophe = token.indexOf("'");
    if (apostrophe > 0) {
      const head = token.slice(0, apostrophe);
      const tail = token.slice(apostrophe + 1);
      // "don't" → do + not; "cat's", "i'm", "we've" → the head word.
      if (tail === 't' && head.endsWith('n')) {
        const verb = head.slice(0, -1);
        return [...this.lookup(NEGATED_VERBS[verb] ?? verb), ...this.lookup('not')];
      }
      return this.lookup(head);
    }
    if (token.includes('-')) return token.split('-').flatMap((part) => (part ? this.lookup(part) : []));

    for (const [suffix, replacement] of PLURALS) {
      if (token.length > suffix.length + 2 && token.endsWith(suffix)) {
        const i = this.index.get(token.slice(0, -suffix.length) + replacement);
        if (i !== undefined) return [i];
      }
    }
    return [];
  }
}

const NEGATED_VERBS: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall' };
/** Tried in order: "parties" → party, "boxes" → box, "cats" → cat. */
const PLURALS: ReadonlyArray<[string, string]> = [
  ['ies', 'y'],
  ['es', ''],
  ['s', ''],
];

const TOKEN = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** Lowercases, folds accents and curly apostrophes, and splits on everything but word characters. */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[‘’ʼ]/g, "'");
  return folded.match(TOKEN) ?? [];
}

/** Scales to unit length in place; false when the vector is zero. */
function normalize(v: Float32Array): boolean {
  let sum = 0;
  for (const x of v) sum += x * x;
  if (!(sum > 0)) return false;
  const inv = 1 / Math.sqrt(sum);
  for (let d = 0; d < v.length; d++) v[d]! *= inv;
  return true;
}

/** Sum of per-token pseudo-random vectors (FNV-1a seed, mulberry32 stream); the empty text uses seed "". */
function hashedVector(tokens: string[], dims: number): Float32Array {
  const out = new Float32Array(dims);
  for (const token of tokens.length ? tokens : ['']) {
    let seed = 0x811c9dc5;
    for (let i = 0; i < token.length; i++) seed = Math.imul(seed ^ token.charCodeAt(i), 0x01000193);
    for (let d = 0; d < dims; d++) {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[d]! += ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
    }
  }
  normalize(out);
  return out;
}
