import { z } from 'zod';
import { invalidInput } from '../../../shared/errors';
import { ms, type SpeechHttpOptions } from './http';
import { createOpenAISpeechProvider } from './openai';
import { SpeechConfig, type SpeechChunk, type SpeechConfigInput, type SpeechProvider, type Transcript, type TranscriptSegment } from './types';
import { createWhisperCppSpeechProvider } from './whisper-cpp';
import { wavDurationSec } from './wav';

export { SpeechError, type SpeechFailure } from './errors';
export type { SpeechHttpOptions } from './http';
export { createOpenAISpeechProvider } from './openai';
export { createWhisperCppSpeechProvider } from './whisper-cpp';
export { isLoopback } from '../../../shared/loopback';
export { wavDurationSec } from './wav';
export {
  SpeechConfig,
  type SpeechChunk,
  type SpeechConfigInput,
  type SpeechProvider,
  type TranscribeOptions,
  type Transcript,
  type TranscriptSegment,
} from './types';

/** Validates a config from Settings or the API; throws `invalid_input` naming the bad fields. */
export function parseSpeechConfig(input: unknown): SpeechConfig {
  const parsed = SpeechConfig.safeParse(input);
  if (!parsed.success) {
    throw invalidInput(`Invalid speech-to-text settings:\n${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  return parsed.data;
}

/**
 * The provider for a config, or null for `none`: transcription jobs then stay queued until one is set up.
 * The config is validated (defaults applied) first.
 */
export function createSpeechProvider(config: SpeechConfigInput, http: SpeechHttpOptions = {}): SpeechProvider | null {
  const valid = parseSpeechConfig(config);
  switch (valid.provider) {
    case 'none':
      return null;
    case 'openai':
      return createOpenAISpeechProvider(valid, http);
    case 'whisper-cpp':
      return createWhisperCppSpeechProvider(valid, http);
  }
}

/**
 * What whisper writes over silence and noise instead of words: `[BLANK_AUDIO]`, `[ Silence ]`, `(silence)`,
 * `(no speech)`, `[inaudible]`, `*pause*`… Only bracketed markers: the word "silence" in speech stays.
 */
const BLANK_MARKER =
  /[[(*]\s*(?:blank[\s_-]*audio|silen(?:ce|t)|no[\s_-]+(?:speech|audio)|pause|inaudible|(?:background[\s_-]+)?noise)\s*[\])*]/gi;

/** Segment text without blank markers and with collapsed whitespace; empty when nothing was said. */
export function cleanSegmentText(text: string): string {
  return text.replace(BLANK_MARKER, ' ').replace(/\s+/g, ' ').trim();
}

/** A pause at least this long between segments starts a new line in `Transcript.text`. */
const PARAGRAPH_GAP_SEC = 2;

/**
 * Transcribes a recording's chunks one after another (a local server runs one at a time anyway) and stitches
 * the results: segment times are shifted by each chunk's `startSec`, blank markers are dropped, and the text
 * is the segments joined by spaces, with a line break at pauses. The language is the one most chunks with
 * speech report. Aborting `signal` rejects with its reason; a provider failure rejects with its `SpeechError`.
 */
export async function transcribeChunks(
  provider: SpeechProvider,
  chunks: SpeechChunk[],
  opts: { signal?: AbortSignal; language?: string; onProgress?(done: number, total: number): void } = {},
): Promise<Transcript> {
  const ordered = [...chunks].sort((a, b) => a.startSec - b.startSec);
  const segments: TranscriptSegment[] = [];
  const languages = new Map<string, number>();
  for (const [i, chunk] of ordered.entries()) {
    opts.signal?.throwIfAborted();
    const part = await provider.transcribe(chunk.wav, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.language ? { language: opts.language } : {}),
    });
    const found = part.segments.length
      ? part.segments
      : [{ startSec: 0, endSec: wavDurationSec(chunk.wav) ?? 0, text: part.text }];
    let spoke = false;
    for (const segment of found) {
      const text = cleanSegmentText(segment.text);
      if (!text) continue;
      spoke = true;
      segments.push({ startSec: ms(chunk.startSec + segment.startSec), endSec: ms(chunk.startSec + segment.endSec), text });
    }
    if (spoke && part.language) languages.set(part.language, (languages.get(part.language) ?? 0) + 1);
    opts.onProgress?.(i + 1, ordered.length);
  }

  let text = '';
  segments.forEach((segment, i) => {
    const previous = segments[i - 1];
    if (previous) text += segment.startSec - previous.endSec >= PARAGRAPH_GAP_SEC ? '\n' : ' ';
    text += segment.text;
  });
  let language: string | undefined;
  for (const [name, count] of languages) if (!language || count > languages.get(language)!) language = name;
  return { text, ...(language ? { language } : {}), segments };
}

/** `mm:ss`, or `h:mm:ss` when `withHours`. */
function timestamp(seconds: number, withHours: boolean): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(withHours ? m : h * 60 + m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return withHours ? `${h}:${mmss}` : mmss;
}

/**
 * A readable, searchable body: one paragraph per segment led by its `[mm:ss]` start (`[h:mm:ss]` throughout
 * when the recording runs past an hour). A transcript without segments is its text.
 */
export function transcriptToMarkdown(transcript: Transcript): string {
  const segments = transcript.segments.filter((s) => s.text.trim());
  if (!segments.length) return transcript.text.trim() ? `${transcript.text.trim()}\n` : '';
  const withHours = segments.some((s) => s.startSec >= 3600);
  return `${segments.map((s) => `[${timestamp(s.startSec, withHours)}] ${s.text.trim()}`).join('\n\n')}\n`;
}
