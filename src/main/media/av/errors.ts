import { MediaStepError } from '../step-error';

/**
 * Why a video or audio step gave up; the pipeline stores it with the failed step. `timeout` may pass on a
 * retry with a less busy machine and `no_ffmpeg` after a reinstall; the others fail the same way every time.
 */
export type AvFailure = 'undecodable' | 'too_long' | 'no_ffmpeg' | 'timeout';

export class AvError extends MediaStepError<AvFailure> {}

/** The part of probeMedia's result assertDuration needs, so callers can pass the whole metadata. */
interface Timed {
  durationSec: number | null;
  hasVideo: boolean;
}

/**
 * Refuses recordings longer than the user's limit before any decoding starts. A file whose length is unknown
 * passes: refusing it would block every recording with a damaged header, and the decoders stop at its end.
 */
export function assertDuration(meta: Timed, maxSec: number): void {
  if (meta.durationSec === null || meta.durationSec <= maxSec) return;
  const kind = meta.hasVideo ? 'video' : 'recording';
  throw new AvError(
    'too_long',
    `The ${kind} is ${formatDuration(meta.durationSec)} long; the limit is ${formatDuration(maxSec)} (change it in Settings → Media)`,
  );
}

/**
 * "2 h 05 min", "1 h", "45 min", "50 s": as precise as a person needs to compare with a limit. Rounds up, so
 * a file just over a limit never reads as equal to it.
 */
export function formatDuration(seconds: number): string {
  const wholeSeconds = Math.ceil(seconds);
  if (wholeSeconds < 60) return `${wholeSeconds} s`;
  const totalMinutes = Math.ceil(wholeSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')} min`;
}
