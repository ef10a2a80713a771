export { SpeechConfig, type SpeechConfigInput } from '../../../shared/speech-schemas';

export interface TranscriptSegment {
  /** Seconds from the start of the whole recording (of the chunk, when returned by a provider). */
  startSec: number;
  endSec: number;
  text: string;
}

export interface Transcript {
  text: string;
  /** As the model reports it, e.g. `english` (whisper reports full names) or `en`. */
  language?: string;
  segments: TranscriptSegment[];
}

export interface TranscribeOptions {
  /** Aborting rejects with the signal's reason, unwrapped, and drops the HTTP request. */
  signal?: AbortSignal;
  /** Overrides the configured language for this call. */
  language?: string;
}

export interface SpeechProvider {
  /** Identity of engine + model, e.g. `openai:whisper-1@api.openai.com` or `whisper-cpp@127.0.0.1:8080`. */
  readonly id: string;
  /** True when audio leaves this machine (the host is not loopback). */
  readonly isRemote: boolean;
  /** Transcribes one WAV; segment times are relative to the start of this WAV. */
  transcribe(wav: Buffer, opts?: TranscribeOptions): Promise<Transcript>;
  /** Aborts requests in flight; later calls fail with a retryable `unavailable` error. */
  close?(): Promise<void>;
}

/** A piece of a longer recording: a 16 kHz mono 16-bit PCM WAV starting `startSec` into it. */
export interface SpeechChunk {
  startSec: number;
  wav: Buffer;
}
