/**
 * The pipeline's CPU-bound steps, run on worker threads by piscina so decoding a 12 MP HEIC or parsing a
 * long PDF never blocks the engine's event loop (HTTP, search and the UI stay responsive during an ingest).
 * Workers read the file themselves, so large originals are never copied between threads. Vision (tfjs on
 * wasm) runs here too: a few hundred milliseconds of CPU per photo that would otherwise stall the loop.
 */
import fs from 'node:fs/promises';
import { MediaStepError } from '../step-error';
import { makePreviews, perceptualHash, readPhotoMetadata, type PhotoMetadata } from '../photo';
import { extractText, type ExtractedText } from '../documents';
import { VisionEngine, type VisionResult } from '../vision';

export type WorkerTask =
  | { op: 'photo'; file: string; mime: string }
  | { op: 'document'; file: string; mime: string; maxBytes: number }
  | { op: 'vision'; file: string };

export interface PhotoAnalysis {
  metadata: PhotoMetadata;
  thumbnail: Uint8Array;
  preview: Uint8Array;
  width: number;
  height: number;
  phash: string;
  warnings: string[];
}

/** A step's own verdict on its input crosses the thread boundary as data: error classes do not survive it. */
export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };

// Loaded on a thread's first vision task and kept while the thread lives (piscina ends idle threads).
let vision: Promise<VisionEngine> | undefined;

export default async function run(task: WorkerTask): Promise<WorkerOutcome<PhotoAnalysis | ExtractedText | VisionResult>> {
  try {
    const bytes = await fs.readFile(task.file);
    if (task.op === 'photo') return { ok: true, value: await analysePhoto(bytes, task.mime) };
    if (task.op === 'vision') {
      vision ??= VisionEngine.create().catch((error: unknown) => {
        vision = undefined;
        throw error;
      });
      return { ok: true, value: await (await vision).analyze(bytes) };
    }
    return { ok: true, value: await extractText(bytes, task.mime, { maxBytes: task.maxBytes }) };
  } catch (error) {
    if (error instanceof MediaStepError) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
}

async function analysePhoto(bytes: Buffer, mime: string): Promise<PhotoAnalysis> {
  const metadata = await readPhotoMetadata(bytes);
  const previews = await makePreviews(bytes, mime);
  const phash = await perceptualHash(bytes);
  const warnings = [...metadata.warnings, ...(previews.warning ? [previews.warning] : [])];
  return {
    metadata,
    thumbnail: previews.thumbnail,
    preview: previews.preview,
    width: previews.width,
    height: previews.height,
    phash,
    warnings,
  };
}
