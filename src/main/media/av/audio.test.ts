import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSpeechChunks } from './audio';
import {
  avChildren,
  hasEspeak,
  makeFifo,
  makeLateSoundVideo,
  makeScenesVideo,
  makeStillVideo,
  useMediaDir,
  makeTone,
  needsEspeak,
  speak,
  waitForAvChild,
} from './test-support';

const at = useMediaDir((at) => {
  makeTone(at('tone70.wav'), 70);
  makeScenesVideo(at('scenes.mp4'));
  makeStillVideo(at('silent.mp4'));
  makeLateSoundVideo(at('late.mp4'));
  if (hasEspeak) speak(at('speech.wav'), 'Remember to buy milk on the way home, and call Anna about the trip to Lisbon.');
});


/** The fields of a canonical 44-byte WAV header. */
function wavHeader(wav: Buffer) {
  return {
    riff: wav.toString('ascii', 0, 4),
    riffSize: wav.readUInt32LE(4),
    wave: wav.toString('ascii', 8, 12),
    format: wav.readUInt16LE(20),
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    bitsPerSample: wav.readUInt16LE(34),
    dataTag: wav.toString('ascii', 36, 40),
    dataSize: wav.readUInt32LE(40),
  };
}

function expectSpeechWav(wav: Buffer, durationSec: number) {
  expect(wavHeader(wav)).toEqual({
    riff: 'RIFF',
    riffSize: wav.length - 8,
    wave: 'WAVE',
    format: 1,
    channels: 1,
    sampleRate: 16000,
    bitsPerSample: 16,
    dataTag: 'data',
    dataSize: wav.length - 44,
  });
  expect((wav.length - 44) / 2 / 16000).toBeCloseTo(durationSec, 6);
}

describe('extractSpeechChunks', () => {
  it('cuts 70 s of stereo 44.1 kHz sound into 30 + 30 + 10 s of 16 kHz mono', async () => {
    const chunks = await extractSpeechChunks(at('tone70.wav'));
    expect(chunks).toHaveLength(3);
    expect(chunks.map((c) => c.startSec)).toEqual([0, 30, 60]);
    expect(chunks[0]!.durationSec).toBe(30);
    expect(chunks[1]!.durationSec).toBe(30);
    expect(Math.abs(chunks[2]!.durationSec - 10)).toBeLessThanOrEqual(0.1);
    for (const chunk of chunks) expectSpeechWav(chunk.wav, chunk.durationSec);
    // Still the tone after conversion, not silence: lavfi's sine peaks at 1/8 of full scale (4096), and the
    // downmix to mono lowers it by 3 dB.
    const samples = new Int16Array(chunks[1]!.wav.buffer, chunks[1]!.wav.byteOffset + 44, 16000);
    expect(Math.max(...samples)).toBeGreaterThan(2500);
  });

  it('takes chunkSec', async () => {
    const chunks = await extractSpeechChunks(at('scenes.mp4'), { chunkSec: 2.5 });
    expect(chunks.map((c) => c.startSec)).toEqual([0, 2.5, 5]);
    expect(chunks.map((c) => c.durationSec).slice(0, 2)).toEqual([2.5, 2.5]);
    expect(Math.abs(chunks[2]!.durationSec - 1)).toBeLessThanOrEqual(0.1);
  });

  it.skipIf(!hasEspeak)(needsEspeak('converts speech made by espeak-ng'), async () => {
    const chunks = await extractSpeechChunks(at('speech.wav'), { chunkSec: 2 });
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    chunks.forEach((chunk, i) => {
      expect(chunk.startSec).toBe(i * 2);
      expectSpeechWav(chunk.wav, chunk.durationSec);
    });
    expect(chunks.slice(0, -1).every((c) => c.durationSec === 2)).toBe(true);
    expect(chunks.at(-1)!.durationSec).toBeLessThanOrEqual(2);
  });

  it('keeps chunks on the video timeline when the sound starts late', async () => {
    const chunks = await extractSpeechChunks(at('late.mp4'), { chunkSec: 1 });
    expect(chunks.map((c) => c.startSec).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    const pcm = Buffer.concat(chunks.map((c) => c.wav.subarray(44)));
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    // Silence is kept where the sound has not started, so the tone begins 2 s in, as in the video
    // (minus the few milliseconds of AAC priming).
    const firstLoud = samples.findIndex((sample) => Math.abs(sample) > 1000);
    expect(Math.abs(firstLoud / 16000 - 2)).toBeLessThanOrEqual(0.05);
  });

  it('returns no chunks for a video without sound', async () => {
    expect(await extractSpeechChunks(at('silent.mp4'))).toEqual([]);
  });

  it('kills ffmpeg mid-decode when the signal aborts', async () => {
    // The tone fed through a named pipe, only its first half: ffmpeg decodes that and waits for more.
    const fifo = at('feed.wav');
    makeFifo(fifo);
    const controller = new AbortController();
    const metadata = { container: 'wav', durationSec: 70, hasVideo: false, hasAudio: true };
    const work = extractSpeechChunks(fifo, { metadata, signal: controller.signal });
    await waitForAvChild();
    const feed = fs.createWriteStream(fifo);
    feed.on('error', () => {}); // EPIPE once ffmpeg is gone
    const tone = fs.readFileSync(at('tone70.wav'));
    await new Promise<void>((resolve) => feed.write(tone.subarray(0, tone.length >> 1), () => resolve()));
    controller.abort();
    await expect(work).rejects.toMatchObject({ name: 'AbortError' });
    expect(avChildren()).toEqual([]);
    feed.destroy();
  });
});
