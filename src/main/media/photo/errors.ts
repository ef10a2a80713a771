import { MediaStepError } from '../step-error';

/** Why a photo step gave up; the pipeline stores it with the failed step. */
export type PhotoFailure = 'empty' | 'unsupported_format' | 'undecodable' | 'too_large';

export class PhotoError extends MediaStepError<PhotoFailure> {}

/** libvips repeats its messages once per retry; the first line is the readable part. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
