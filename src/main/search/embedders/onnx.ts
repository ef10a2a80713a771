import fs from 'node:fs';
import path from 'node:path';
import type { DataType, FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder } from './types';

/** Files transformers.js reads from a sentence-transformers export. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
/** Weight files in `onnx/`, preferred first, with the dtype that makes transformers.js pick each one. */
const WEIGHTS: ReadonlyArray<readonly [file: string, dtype: DataType]> = [
  ['model.onnx', 'fp32'],
  ['model_quantized.onnx', 'q8'],
  ['model_fp16.onnx', 'fp16'],
  ['model_int8.onnx', 'int8'],
  ['model_uint8.onnx', 'uint8'],
  ['model_q4.onnx', 'q4'],
];
/** Texts per ONNX run: a batch is padded to its longest text, so large batches waste memory. */
const BATCH_SIZE = 16;

/**
 * A local sentence-transformer folder run by `@huggingface/transformers` with mean pooling and
 * normalisation. Never downloads: the folder must be complete. The library is imported lazily because
 * loading it (and onnxruntime) takes longer than the rest of the app's startup.
 */
export async function createOnnxEmbedder(modelDir: string): Promise<Embedder> {
  const dir = path.resolve(modelDir);
  const weights = WEIGHTS.find(([file]) => fs.existsSync(path.join(dir, 'onnx', file)));
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (!weights) missing.push('onnx/model.onnx');
  if (!weights || missing.length > 0) {
    const expected =
      `It must hold a transformers.js export of a sentence-transformer: ${REQUIRED_FILES.join(', ')} and ` +
      `onnx/model.onnx (or one of ${WEIGHTS.slice(1).map(([file]) => file).join(', ')}).`;
    throw new Error(
      fs.existsSync(dir)
        ? `The ONNX embedding model folder ${dir} is incomplete (missing ${missing.join(', ')}). ${expected}`
        : `The ONNX embedding model folder ${dir} does not exist. ${expected}`,
    );
  }
  const [, dtype] = weights;

  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.dirname(dir) + path.sep;
  const extractor = await pipeline('feature-extraction', path.basename(dir), { dtype, local_files_only: true });
  // The output length depends on the model, so it is read off one embedding.
  const [probe] = await extract(extractor, ['dimension probe']);
  return new OnnxEmbedder(`onnx:${path.basename(dir)}:${dtype}`, probe?.length ?? 0, extractor);
}

class OnnxEmbedder implements Embedder {
  constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH_SIZE) {
      out.push(...(await extract(this.extractor, texts.slice(i, i + BATCH_SIZE))));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.extractor.dispose();
  }
}

async function extract(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  // fp16 models can return fp16 tensors; to() is a no-op for float32.
  const output = (await extractor(texts, { pooling: 'mean', normalize: true })).to('float32');
  const [rows, dims] = output.dims as [number, number];
  const data = output.data as Float32Array;
  // Each vector gets its own buffer so the worker can transfer them individually.
  return Array.from({ length: rows }, (_, r) => data.slice(r * dims, (r + 1) * dims));
}
