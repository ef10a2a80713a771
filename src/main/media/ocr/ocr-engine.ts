/**
 * Offline OCR of images: sharp prepares the image, tesseract.js (wasm, in worker threads) reads it, and the
 * words are cleaned into text plus a verdict on whether the image holds any.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { cleanRecognition, type OcrResult, paragraphsFromTsv } from './clean';
import { describe, OcrError } from './errors';
import { prepareForOcr } from './preprocess';
import { MODEL, modelDirectory, startTesseract } from './tesseract';
import { closedError, WorkerPool } from './worker-pool';

export interface OcrEngineOptions {
  /**
   * A writable directory where tesseract.js may keep the unzipped model, saving the unzip on later starts
   * (~30 ms). Without it nothing is written anywhere.
   */
  cacheDir?: string;
  /**
   * Worker threads, each reading one image at a time on one core: ~85 MB once started, ~120 MB while reading
   * a page. Default 1; extra ones start only when concurrent calls need them. More than the cores available
   * only adds memory.
   */
  workers?: number;
}

export interface RecognizeOptions {
  /** Aborting drops a queued image, or ends the worker reading it (a fresh one starts for the next image). */
  signal?: AbortSignal;
}

export class OcrEngine {
  private closed = false;

  private constructor(private readonly pool: WorkerPool) {}

  /** Checks the model is installed; workers start lazily, on the first recognize() that needs one. */
  static async create(options: OcrEngineOptions = {}): Promise<OcrEngine> {
    const workers = options.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    const langPath = modelDirectory();
    // A missing model would otherwise surface only later, as a worker that never finishes starting.
    await fs.access(path.join(langPath, 'eng.traineddata.gz')).catch((error: unknown) => {
      throw new OcrError('ocr_failed', `the English OCR model is missing from ${langPath}: ${describe(error)}`);
    });
    // One directory per model: tesseract.js names its cache file after the language only.
    const cachePath = options.cacheDir && path.join(options.cacheDir, `tesseract-eng-${MODEL}`);
    if (cachePath) await fs.mkdir(cachePath, { recursive: true });
    return new OcrEngine(new WorkerPool(workers, () => startTesseract({ langPath, cachePath })));
  }

  /**
   * Reads the text in `image` (JPEG, PNG, GIF, WebP, TIFF, HEIF/AVIF). Rejects with OcrError('undecodable') for
   * bytes that are not a readable image, OcrError('ocr_failed') when tesseract fails, and the signal's reason
   * when aborted.
   */
  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrResult> {
    if (this.closed) throw closedError();
    const { signal } = options;
    // Decoding inside the slot bounds memory too: only `workers` decoded images exist at any time.
    const tsv = await this.pool.use(signal, async (slot) => {
      const prepared = await prepareForOcr(image);
      signal?.throwIfAborted();
      return slot.recognizeTsv(prepared, signal);
    });
    return cleanRecognition(paragraphsFromTsv(tsv));
  }

  /** Fails queued and running calls and ends the worker threads. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }
}
