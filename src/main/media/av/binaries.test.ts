import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath } from './binaries';
import { probeMedia } from './probe';
import { avFailure, useMediaDir } from './test-support';

const saved = { ENGRAM_FFMPEG: process.env.ENGRAM_FFMPEG, ENGRAM_FFPROBE: process.env.ENGRAM_FFPROBE };
const at = useMediaDir((at) => {
  fs.writeFileSync(at('clip.mp4'), 'never read');
  fs.writeFileSync(at('text-file'), 'not a program', { mode: 0o644 });
  // Executable, but not a program this machine runs (like a binary built for another architecture).
  fs.writeFileSync(at('foreign-binary'), Buffer.from('\x7fELF\x02\x01\x01garbage', 'latin1'), { mode: 0o755 });
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('ffmpeg and ffprobe paths', () => {
  it('come from the installer packages by default', () => {
    delete process.env.ENGRAM_FFMPEG;
    delete process.env.ENGRAM_FFPROBE;
    expect(ffmpegPath()).toMatch(/@ffmpeg-installer[\\/].*ffmpeg$/);
    expect(ffprobePath()).toMatch(/@ffprobe-installer[\\/].*ffprobe$/);
  });

  it('follow ENGRAM_FFMPEG and ENGRAM_FFPROBE', () => {
    const real = { ffmpeg: ffmpegPath(), ffprobe: ffprobePath() };
    process.env.ENGRAM_FFMPEG = real.ffprobe; // any executable will do
    process.env.ENGRAM_FFPROBE = real.ffmpeg;
    expect(ffmpegPath()).toBe(real.ffprobe);
    expect(ffprobePath()).toBe(real.ffmpeg);
  });

  it.each([
    ['a missing file', 'no-such-ffprobe'],
    ['a directory', '.'],
    ['a file that is not executable', 'text-file'],
    ['a file that is not a program for this machine', 'foreign-binary'],
  ])('fail with no_ffmpeg and a way out for %s', async (_, name) => {
    process.env.ENGRAM_FFPROBE = at(name);
    const error = await avFailure(probeMedia(at('clip.mp4')));
    expect(error.reason).toBe('no_ffmpeg');
    expect(error.message).toContain('ENGRAM_FFPROBE');
  });
});
