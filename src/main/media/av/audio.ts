/**
 * A recording's sound as consecutive WAV chunks for speech recognition: 16 kHz, mono, 16-bit PCM, the input
 * Whisper-style models expect, in pieces no longer than their 30 s window. ffmpeg decodes once to raw PCM on
 * a pipe and the chunks are cut here by sample count, so boundaries are exact and nothing touches the disk.
 */
import { type AvMetadata, probeMedia } from './probe';
import { inputArgs, runTool } from './run-tool';

export interface SpeechChunkOptions {
  /** Default 30. */
  chunkSec?: number;
  signal?: AbortSignal;
  /** probeMedia's result for this file, to save probing it again. */
  metadata?: AvMetadata;
  /** Default 60 s plus half a second per second of sound. */
  timeoutMs?: number;
}

export interface SpeechChunk {
  /** Where the chunk starts on the file's timeline (gaps in the sound are kept as silence). */
  startSec: number;
  durationSec: number;
  /** A complete WAV file. */
  wav: Buffer;
}

export const SPEECH_SAMPLE_RATE = 16_000;
const BYTES_PER_SAMPLE = 2;

/** Chunks in order, each `chunkSec` long except the last; [] for a file without sound. */
export async function extractSpeechChunks(file: string, options: SpeechChunkOptions = {}): Promise<SpeechChunk[]> {
  const meta = options.metadata ?? (await probeMedia(file, { signal: options.signal }));
  if (!meta.hasAudio) return [];
  const chunkSec = options.chunkSec ?? 30;
  if (!(chunkSec > 0)) throw new RangeError(`chunkSec must be positive, not ${chunkSec}`);
  // Whole samples, and an even byte count, so a chunk never splits a sample.
  const chunkBytes = Math.max(1, Math.round(chunkSec * SPEECH_SAMPLE_RATE)) * BYTES_PER_SAMPLE;

  const chunks: SpeechChunk[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let startSample = 0;
  const flush = (bytes: number) => {
    const pcm = Buffer.concat(pending, pendingBytes);
    const rest = pcm.subarray(bytes);
    const samples = bytes / BYTES_PER_SAMPLE;
    chunks.push({ startSec: startSample / SPEECH_SAMPLE_RATE, durationSec: samples / SPEECH_SAMPLE_RATE, wav: wavFile(pcm.subarray(0, bytes)) });
    startSample += samples;
    pending = rest.length ? [Buffer.from(rest)] : [];
    pendingBytes = rest.length;
  };

  await runTool({
    tool: 'ffmpeg',
    args: [
      '-nostdin', '-hide_banner', '-v', 'error',
      ...inputArgs(file),
      '-map', '0:a:0', '-vn', '-sn', '-dn',
      // Fills gaps with silence and starts at 0, so chunk times stay on the video's timeline.
      '-af', 'aresample=async=1:first_pts=0',
      '-ac', '1', '-ar', String(SPEECH_SAMPLE_RATE), '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1',
    ],
    failure: 'The sound could not be decoded',
    task: 'Decoding the sound',
    timeoutMs: options.timeoutMs ?? 60_000 + (meta.durationSec ?? 0) * 500,
    signal: options.signal,
    onStdout: (data) => {
      pending.push(data);
      pendingBytes += data.length;
      while (pendingBytes >= chunkBytes) flush(chunkBytes);
    },
  });
  // A pipe can end on an odd byte only if ffmpeg was cut short; drop the half sample.
  const tail = pendingBytes - (pendingBytes % BYTES_PER_SAMPLE);
  if (tail > 0) flush(tail);
  return chunks;
}

/** A canonical 44-byte RIFF header for mono 16-bit PCM (16 kHz unless told), then the samples. */
export function wavFile(pcm: Buffer, sampleRate = SPEECH_SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // channels
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28); // byte rate
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
