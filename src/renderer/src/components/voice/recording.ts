/** The pure parts of recording a voice note: the format, the clock, the level, the name, and what went wrong. */

/** Cancelling a recording longer than this asks first. */
export const CONFIRM_CANCEL_AFTER_MS = 5000;

export interface RecordingFormat {
  /** For MediaRecorder; '' lets the browser choose. */
  mimeType: string;
  extension: string;
  /** The type the saved file carries. */
  fileType: string;
}

/**
 * Opus in MP4 first: the engine reads an audio-only MP4 named `.m4a` as a recording, and the container states
 * its length. Opus in WebM is what every Chromium records, but the engine takes any WebM for a video (and
 * the file states no length), so it is only the fallback; Ogg is Firefox's.
 */
const FORMATS: RecordingFormat[] = [
  { mimeType: 'audio/mp4;codecs=opus', extension: 'm4a', fileType: 'audio/mp4' },
  { mimeType: 'audio/mp4', extension: 'm4a', fileType: 'audio/mp4' },
  { mimeType: 'audio/ogg;codecs=opus', extension: 'ogg', fileType: 'audio/ogg' },
  { mimeType: 'audio/webm;codecs=opus', extension: 'webm', fileType: 'audio/webm' },
  { mimeType: 'audio/webm', extension: 'webm', fileType: 'audio/webm' },
];

export function pickRecordingFormat(isTypeSupported: (type: string) => boolean): RecordingFormat {
  return FORMATS.find((f) => isTypeSupported(f.mimeType)) ?? { mimeType: '', extension: 'webm', fileType: 'audio/webm' };
}

/** "0:07", "12:34", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Loudness 0–1 from an analyser's byte time-domain samples (128 is silence), scaled so speech fills the meter. */
export function levelOf(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) {
    const x = (v - 128) / 128;
    sum += x * x;
  }
  const rms = Math.sqrt(sum / samples.length);
  return Math.min(1, rms * 4);
}

/** "Voice note 2024-05-01 14.03.m4a": the title the engine gives it is the name without the extension. */
export function voiceNoteFileName(startedAt: Date, extension: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const d = startedAt;
  return `Voice note ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}.${p(d.getMinutes())}.${extension}`;
}

/** The start time as ISO 8601 with the local offset, so the note lands on the day it was spoken. */
export function localIso(d: Date): string {
  const p = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` +
    `${sign}${p(offset / 60)}:${p(offset % 60)}`
  );
}

/** What to tell the person when the microphone cannot be used, by the error getUserMedia gave. */
export function microphoneError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'Engram may not use the microphone. Allow it for this page (the icon in the address bar, or your system’s privacy settings), then try again.';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one, then try again.';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'The microphone is in use by another app or could not start. Close the other app, then try again.';
    case 'NotSupportedError':
    case 'Unsupported':
      return 'Recording is not available here: the page needs a secure address (https:// or localhost) and a browser that can record audio.';
    default:
      return `The recording could not start: ${(error as Error)?.message || 'unknown error'}`;
  }
}
