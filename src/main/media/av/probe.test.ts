import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probeMedia } from './probe';
import {
  avFailure,
  hasEspeak,
  makePhoneMovie,
  makeScenesVideo,
  makeSongWithCover,
  useMediaDir,
  makeWebmWithoutDuration,
  needsEspeak,
  speak,
} from './test-support';

const at = useMediaDir((at) => {
  makeScenesVideo(at('scenes.mp4'));
  makePhoneMovie(at('phone.mov'), 90);
  makeSongWithCover(at('song.mp3'));
  makeWebmWithoutDuration(at('recorder.webm'));
  fs.writeFileSync(at('random.mp4'), randomBytes(200_000));
  fs.writeFileSync(at('random.bin'), randomBytes(200_000));
  // Half of an MP4 whose index (moov) comes last, as when a copy is cut short.
  const scenes = fs.readFileSync(at('scenes.mp4'));
  fs.writeFileSync(at('truncated.mp4'), scenes.subarray(0, scenes.length >> 1));
  // An HLS playlist named like a video: read as a playlist, it would make ffmpeg open another local file.
  fs.writeFileSync(at('playlist.avi'), `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n${at('scenes.mp4')}\n#EXT-X-ENDLIST\n`);
  if (hasEspeak) speak(at('speech.wav'), 'Remember to buy milk on the way home.');
});


describe('probeMedia', () => {
  it('reads streams, length and Android-style tags of an MP4', async () => {
    const meta = await probeMedia(at('scenes.mp4'));
    expect(meta).toMatchObject({
      container: 'mp4',
      hasVideo: true,
      hasAudio: true,
      width: 320,
      height: 240,
      videoCodec: 'h264',
      audioCodec: 'aac',
      sampleRate: 44100,
      channels: 1,
      creationTime: '2023-05-04T10:20:30.000Z',
      make: 'Acme',
      model: 'Cam 1',
    });
    expect(meta.durationSec).toBeCloseTo(6, 0);
    expect(Math.abs(meta.durationSec! - 6)).toBeLessThanOrEqual(0.2);
    expect(meta.gps?.lat).toBeCloseTo(48.8577, 4);
    expect(meta.gps?.lon).toBeCloseTo(2.295, 4);
    expect(meta.gps?.altitude).toBeUndefined();
    expect(meta.rotation).toBeUndefined();
    expect(meta.creationOffsetMin).toBeUndefined();
    expect(meta.bitRate).toBeGreaterThan(10_000);
  });

  it("reads an iPhone-style movie: Apple's capture time with its offset, altitude, rotation", async () => {
    const meta = await probeMedia(at('phone.mov'));
    expect(meta).toMatchObject({
      container: 'mov',
      hasVideo: true,
      hasAudio: false,
      creationTime: '2023-05-04T10:20:30.000Z',
      creationOffsetMin: 120,
      make: 'Apple',
      model: 'iPhone 12',
    });
    expect(meta.gps?.lat).toBeCloseTo(48.8577, 4);
    expect(meta.gps?.lon).toBeCloseTo(2.295, 4);
    expect(meta.gps?.altitude).toBeCloseTo(35, 3);
    // This 2018 ffmpeg stores `rotate=90` as a matrix that it and ffprobe both read back as 270° clockwise,
    // so only a quarter turn is asserted here; frames.test.ts checks that the value matches the pixels.
    expect([90, 270]).toContain(meta.rotation);
    // 320x240 stored, shown upright as portrait.
    expect([meta.width, meta.height]).toEqual([240, 320]);
  });

  it('counts cover art as a picture, not as video', async () => {
    const meta = await probeMedia(at('song.mp3'));
    expect(meta).toMatchObject({ container: 'mp3', hasVideo: false, hasAudio: true, audioCodec: 'mp3' });
    expect(meta.videoCodec).toBeUndefined();
    expect(meta.width).toBeUndefined();
    expect(Math.abs(meta.durationSec! - 3)).toBeLessThanOrEqual(0.2);
  });

  it('measures a recording whose header has no length (MediaRecorder WebM)', async () => {
    const meta = await probeMedia(at('recorder.webm'));
    expect(meta).toMatchObject({ container: 'matroska', hasVideo: false, hasAudio: true, audioCodec: 'opus' });
    expect(Math.abs(meta.durationSec! - 5)).toBeLessThanOrEqual(0.2);
  });

  it.skipIf(!hasEspeak)(needsEspeak('reads a WAV made by espeak-ng'), async () => {
    const meta = await probeMedia(at('speech.wav'));
    expect(meta).toMatchObject({ container: 'wav', hasVideo: false, hasAudio: true, audioCodec: 'pcm_s16le', channels: 1 });
    expect(meta.sampleRate).toBe(22050);
    expect(meta.durationSec).toBeGreaterThan(1);
    expect(meta.durationSec).toBeLessThan(10);
  });

  it.each(['random.mp4', 'random.bin', 'truncated.mp4'])('rejects %s as undecodable with a readable reason', async (name) => {
    const error = await avFailure(probeMedia(at(name)));
    expect(error.reason).toBe('undecodable');
    expect(error.message).toMatch(/^This file could not be read as audio or video: \S/);
    // One line, without ffmpeg's "[demuxer @ 0x…]" prefix or the file's path.
    expect(error.message).not.toMatch(/\n|@ 0x|engram-av-test/);
  });

  it('says what a truncated MP4 lacks', async () => {
    expect((await avFailure(probeMedia(at('truncated.mp4')))).message).toContain('moov atom not found');
  });

  it('does not follow a playlist disguised as a video', async () => {
    expect((await avFailure(probeMedia(at('playlist.avi')))).reason).toBe('undecodable');
  });

  it('leaves a missing file to fs (a caller bug, not a bad upload)', async () => {
    await expect(probeMedia(at('nope.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(probeMedia(at('scenes.mp4'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
