/**
 * Starting a tesseract.js worker offline. The wasm core loads from node_modules (tesseract.js's Node default);
 * the English model comes from @tesseract.js-data/eng, never from its CDN default.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { describe, OcrError } from './errors';

/**
 * tessdata_best, integerised, LSTM only. Against the package's 4.0.0 model (LSTM plus legacy engine) on
 * bench/ocr.ts it read as well (99.98% of characters) at the same CPU per page (3.8 s), with 55 MB less RSS,
 * a faster start and a quarter of the bytes (3 MB gz).
 */
export const MODEL = '4.0.0_best_int';

/** Directory holding `eng.traineddata.gz`. */
export function modelDirectory(): string {
  const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json');
  return path.join(path.dirname(pkg), MODEL);
}

export interface StartOptions {
  langPath: string;
  /** Where tesseract.js keeps the unzipped model between runs; nothing is written when absent. */
  cachePath?: string;
}

export async function startTesseract({ langPath, cachePath }: StartOptions): Promise<Tesseract.Worker> {
  let initFailed: ((reason: unknown) => void) | undefined;
  const failure = new Promise<never>((_, reject) => (initFailed = reject));
  const starting = Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    // An explicit method matters: the default ('write') reads and writes ./eng.traineddata in the cwd.
    cacheMethod: cachePath ? 'write' : 'none',
    ...(cachePath ? { cachePath } : {}),
    // Without a handler tesseract.js rethrows every failed job inside its message listener, which would crash
    // the process. It is also the only word of a failed start: createWorker's promise then never settles.
    errorHandler: (error: unknown) => initFailed?.(error),
  });
  let worker: Tesseract.Worker | undefined;
  try {
    worker = await Promise.race([starting, failure]);
    initFailed = undefined;
    // Tesseract prints layout complaints ("Image too small to scale!!") to stderr for every odd photo.
    await worker.setParameters({ debug_file: '/dev/null' });
    return worker;
  } catch (error) {
    await worker?.terminate().catch(() => undefined);
    throw new OcrError('ocr_failed', `the OCR engine could not start: ${describe(error)}`);
  }
}

/** The worker thread behind a tesseract.js worker (not in its typings), to watch for crashes and await exit. */
export function threadOf(worker: Tesseract.Worker): Thread | undefined {
  const thread = (worker as unknown as { worker?: Thread | null }).worker;
  return thread ?? undefined;
}
