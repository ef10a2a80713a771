import { MediaStepError } from '../step-error';

/**
 * Why OCR gave up. `undecodable`: the bytes are not an image we can read (the same every time, so not worth
 * retrying); `ocr_failed`: tesseract itself failed or could not start.
 */
export type OcrFailure = 'undecodable' | 'ocr_failed';

export class OcrError extends MediaStepError<OcrFailure> {}

/** Tesseract.js rejects with bare strings and libvips repeats lines; keep the first readable line. */
export function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
