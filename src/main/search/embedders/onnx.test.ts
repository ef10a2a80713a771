import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from './index';
import { createOnnxEmbedder } from './onnx';

const VOCAB = ['[PAD]', '[UNK]', 'the', 'a', 'cat', 'kitten', 'sat', 'rested', 'on', 'mat', 'rug', 'tax', 'deadline'];
const DIMS = 8;
const row = (i: number) => Array.from({ length: DIMS }, (_, d) => Math.sin(i * 3.1 + d));

// Just enough protobuf to write an ONNX ModelProto (field numbers from onnx.proto).
const varint = (value: number) => {
  const out: number[] = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    if (v < 128) return Buffer.from([...out, v]);
    out.push((v % 128) | 128);
  }
};
const int = (field: number, v: number) => Buffer.concat([varint(field * 8), varint(v)]);
const bytes = (field: number, data: Buffer | string) => {
  const buf = Buffer.from(data);
  return Buffer.concat([varint(field * 8 + 2), varint(buf.length), buf]);
};
const message = (field: number, ...parts: Buffer[]) => bytes(field, Buffer.concat(parts));
const valueInfo = (field: number, name: string, elemType: number, shape: Array<number | string>) =>
  message(field, bytes(1, name), message(2, message(1, int(1, elemType), message(2, ...shape.map((d) =>
    message(1, typeof d === 'number' ? int(1, d) : bytes(2, d)))))));

/**
 * Writes a real sentence-transformer-shaped folder: a WordLevel tokenizer and an ONNX graph whose
 * last_hidden_state is an embedding-table lookup (Gather), so mean pooling is checkable by hand.
 */
function writeTinyModel(dir: string): void {
  const table = Float32Array.from(VOCAB.flatMap((_, i) => row(i)));
  const graph = Buffer.concat([
    message(1, bytes(1, 'table'), bytes(1, 'input_ids'), bytes(2, 'last_hidden_state'), bytes(4, 'Gather'),
      message(5, bytes(1, 'axis'), int(3, 0), int(20, 2))),
    bytes(2, 'tiny'),
    message(5, int(1, VOCAB.length), int(1, DIMS), int(2, 1), bytes(8, 'table'), bytes(9, Buffer.from(table.buffer))),
    valueInfo(11, 'input_ids', 7, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', 1, ['batch', 'sequence', DIMS]),
  ]);
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), Buffer.concat([int(1, 8), message(7, graph), message(8, int(2, 13))]));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'] }));
  fs.writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', pad_token: '[PAD]', unk_token: '[UNK]', model_max_length: 64 }),
  );
  const special = (id: number) => ({ id, content: VOCAB[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  fs.writeFileSync(
    path.join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0), special(1)],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab: Object.fromEntries(VOCAB.map((w, i) => [w, i])), unk_token: '[UNK]' },
    }),
  );
}

/** What mean pooling + L2 normalisation must give for the tiny model. */
function expected(text: string): number[] {
  const ids = text.toLowerCase().split(/\s+/).map((w) => Math.max(VOCAB.indexOf(w), 1));
  const mean = row(0).map((_, d) => ids.reduce((sum, id) => sum + row(id)[d]!, 0) / ids.length);
  const n = Math.hypot(...mean);
  return mean.map((x) => x / n);
}

describe('ONNX embedder', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-onnx-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('names the folder and the expected files when the folder is missing', async () => {
    const dir = path.join(root, 'all-MiniLM-L6-v2');
    await expect(createOnnxEmbedder(dir)).rejects.toThrow(
      `The ONNX embedding model folder ${dir} does not exist. It must hold a transformers.js export of a sentence-transformer: config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx`,
    );
  });

  it('lists what an incomplete folder lacks', async () => {
    const dir = path.join(root, 'incomplete');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'config.json'), '{}');
    await expect(createOnnxEmbedder(dir)).rejects.toThrow(
      `${dir} is incomplete (missing tokenizer.json, tokenizer_config.json, onnx/model.onnx)`,
    );
  });

  it('runs a local model on the worker with mean pooling and normalisation', async () => {
    const dir = path.join(root, 'tiny-model');
    writeTinyModel(dir);
    const embedder = await createEmbedder({ provider: 'onnx', modelDir: dir });
    try {
      expect(embedder.id).toBe('onnx:tiny-model:fp32');
      expect(embedder.dimensions).toBe(DIMS);
      const texts = ['the cat sat on the mat', 'A kitten rested on the rug', 'tax deadline', 'unknown words only'];
      const vectors = await embedder.embed(texts);
      vectors.forEach((v, i) => expect(Array.from(v)).toEqual(expected(texts[i]!).map((x) => expect.closeTo(x, 5))));
    } finally {
      await embedder.close();
    }
  });
});
