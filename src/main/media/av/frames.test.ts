import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractKeyframes, extractPoster, spread } from './frames';
import { probeMedia } from './probe';
import {
  avChildren,
  avFailure,
  makeFifo,
  makePhoneMovie,
  makeScenesVideo,
  makeSongWithCover,
  makeStillVideo,
  useMediaDir,
  waitForAvChild,
} from './test-support';

const at = useMediaDir((at) => {
  makeScenesVideo(at('scenes.mp4'));
  makeStillVideo(at('still.mp4'));
  makePhoneMovie(at('rotate90.mov'), 90);
  makePhoneMovie(at('rotate270.mov'), 270);
  makeSongWithCover(at('song.mp3'));
});


const isJpeg = (bytes: Buffer) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));

/** Average colour of a horizontal band of a JPEG, as [r, g, b]. */
async function bandColour(jpeg: Buffer, band: 'top' | 'bottom'): Promise<number[]> {
  const { width, height } = await sharp(jpeg).metadata();
  const rows = Math.floor(height / 4);
  const region = { left: 0, top: band === 'top' ? 0 : height - rows, width, height: rows };
  // stats() reads its input, not the pipeline's result, so the band is cut out first.
  const { channels } = await sharp(await sharp(jpeg).extract(region).toBuffer()).stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

describe('extractPoster', () => {
  it('makes a JPEG the size of the video', async () => {
    const jpeg = await extractPoster(at('scenes.mp4'));
    expect(isJpeg(jpeg)).toBe(true);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it('scales down to maxWidth, keeping the aspect ratio', async () => {
    const jpeg = await extractPoster(at('scenes.mp4'), { maxWidth: 160 });
    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 160, height: 120 });
  });

  it('takes the frame at atSec', async () => {
    // The last shot is plain red.
    const [r, g, b] = await bandColour(await extractPoster(at('scenes.mp4'), { atSec: 5 }), 'top');
    expect(r).toBeGreaterThan(200);
    expect(g! + b!).toBeLessThan(60);
  });

  it.each(['rotate90.mov', 'rotate270.mov'])('turns %s upright the way probeMedia reports', async (name) => {
    const meta = await probeMedia(at(name));
    const jpeg = await extractPoster(at(name), { metadata: meta });
    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 240, height: 320 });
    // Stored frames are red left, blue right. A quarter turn clockwise puts the left edge on top;
    // three quarters put it at the bottom.
    const redBand = meta.rotation === 90 ? 'top' : 'bottom';
    const blueBand = meta.rotation === 90 ? 'bottom' : 'top';
    expect([90, 270]).toContain(meta.rotation);
    const [r1, , b1] = await bandColour(jpeg, redBand);
    const [r2, , b2] = await bandColour(jpeg, blueBand);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(50);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(50);
  });

  it('refuses a file without video (cover art is no poster)', async () => {
    const error = await avFailure(extractPoster(at('song.mp3')));
    expect(error.reason).toBe('undecodable');
    expect(error.message).toMatch(/no video/);
  });
});

describe('extractKeyframes', () => {
  it('finds the first frame and each hard cut', async () => {
    const frames = await extractKeyframes(at('scenes.mp4'));
    expect(frames.map((f) => f.timeSec)).toEqual([0, 2, 4]);
    for (const frame of frames) {
      expect(isJpeg(frame.jpeg)).toBe(true);
      expect(await sharp(frame.jpeg).metadata()).toMatchObject({ width: 320, height: 240 });
    }
    // The frame at 4 s is from the red shot, not the bars before the cut.
    const [r, g, b] = await bandColour(frames[2]!.jpeg, 'top');
    expect(r).toBeGreaterThan(200);
    expect(g! + b!).toBeLessThan(60);
  });

  it('keeps at most maxFrames, spread over the video', async () => {
    const frames = await extractKeyframes(at('scenes.mp4'), { maxFrames: 2, maxWidth: 64 });
    expect(frames.map((f) => f.timeSec)).toEqual([0, 4]);
    expect(await sharp(frames[0]!.jpeg).metadata()).toMatchObject({ width: 64, height: 48 });
  });

  it('falls back to evenly spaced frames when nothing changes', async () => {
    const frames = await extractKeyframes(at('still.mp4'), { maxFrames: 4 });
    const times = frames.map((f) => f.timeSec);
    expect(times).toEqual([0.75, 2.25, 3.75, 5.25]);
    expect(frames.every((f) => isJpeg(f.jpeg))).toBe(true);
  });

  it('honours intervalSec in the fallback', async () => {
    const frames = await extractKeyframes(at('still.mp4'), { intervalSec: 2 });
    expect(frames.map((f) => f.timeSec)).toEqual([1, 3, 5]);
  });

  it('returns no frames for a file without video', async () => {
    expect(await extractKeyframes(at('song.mp3'))).toEqual([]);
  });
});

describe('stopping ffmpeg', () => {
  // A named pipe nobody writes to holds ffmpeg in open(), i.e. mid-run, for as long as the test needs.
  const fifo = () => {
    const file = at(`fifo-${Math.random().toString(36).slice(2)}.mp4`);
    makeFifo(file);
    return file;
  };
  const metadata = { container: 'mp4', durationSec: 6, hasVideo: true, hasAudio: false };

  it('kills the child when the signal aborts and leaves no process behind', async () => {
    const controller = new AbortController();
    const work = extractKeyframes(fifo(), { metadata, signal: controller.signal });
    await waitForAvChild();
    controller.abort();
    await expect(work).rejects.toMatchObject({ name: 'AbortError' });
    expect(avChildren()).toEqual([]);
  });

  it('kills a probe the same way', async () => {
    const controller = new AbortController();
    const work = extractPoster(fifo(), { signal: controller.signal });
    await waitForAvChild();
    controller.abort(new Error('user cancelled'));
    await expect(work).rejects.toThrow('user cancelled');
    expect(avChildren()).toEqual([]);
  });

  it('gives up with reason timeout', async () => {
    const error = await avFailure(extractKeyframes(fifo(), { metadata, timeoutMs: 300 }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/took longer than/);
    expect(avChildren()).toEqual([]);
  });
});

describe('spread', () => {
  it('keeps the first and last and spaces the rest evenly', () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(spread([0, 1, 2], 5)).toEqual([0, 1, 2]);
    expect(spread([0, 1, 2], 1)).toEqual([0]);
  });
});
