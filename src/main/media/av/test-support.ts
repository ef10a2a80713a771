/** Shared by the av tests: fixture media made on the spot with the bundled ffmpeg, and child-process checks. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ffmpegPath } from './binaries';
import { AvError, type AvFailure } from './errors';

/**
 * A fresh folder for one test file's media, filled by `make` before its tests and removed after them.
 * Returns `at(name)`, the path of a file in it.
 */
export function useMediaDir(make: (at: (name: string) => string) => void): (name: string) => string {
  let dir = '';
  const at = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-av-test-'));
    make(at);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return at;
}

/** Runs the bundled ffmpeg quietly, overwriting outputs; throws with its stderr when it fails. */
export function ffmpeg(...args: string[]): void {
  execFileSync(ffmpegPath(), ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

export const hasEspeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

/** A test title that says why the test was skipped, when it is. */
export const needsEspeak = (title: string) => (hasEspeak ? title : `${title} — skipped: espeak-ng is not installed`);

/** A WAV of `text` spoken by espeak-ng (22.05 kHz mono). */
export function speak(file: string, text: string): void {
  execFileSync('espeak-ng', ['-w', file, text], { stdio: 'ignore' });
}

/**
 * Three 2 s shots with hard cuts at 2 s and 4 s (test pattern, colour bars, plain red), 320x240 at 10 fps,
 * over a 6 s 440 Hz tone, tagged as an Android phone would tag it.
 */
export function makeScenesVideo(file: string): void {
  ffmpeg(
    '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10',
    '-f', 'lavfi', '-i', 'smptebars=duration=2:size=320x240:rate=10',
    '-f', 'lavfi', '-i', 'color=c=red:duration=2:size=320x240:rate=10',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=6',
    '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]',
    '-map', '[v]', '-map', '3:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-metadata', 'creation_time=2023-05-04T10:20:30Z',
    '-metadata', 'location=+48.8577+002.2950/',
    '-metadata', 'make=Acme', '-metadata', 'model=Cam 1',
    '-movflags', 'use_metadata_tags',
    file,
  );
}

/**
 * A 2 s QuickTime movie whose stored frames are red on the left half and blue on the right, with a rotate
 * tag and the metadata keys an iPhone writes. Rotation can only be set when copying streams with this
 * ffmpeg, hence two steps.
 */
export function makePhoneMovie(file: string, rotateTag: number): void {
  const plain = `${file}.plain.mp4`;
  ffmpeg(
    '-f', 'lavfi', '-i', 'color=c=red:s=160x240:d=2:r=10[l];color=c=blue:s=160x240:d=2:r=10[r];[l][r]hstack',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    plain,
  );
  ffmpeg(
    '-i', plain, '-c', 'copy', '-map_metadata', '-1',
    '-metadata:s:v', `rotate=${rotateTag}`,
    '-metadata', 'com.apple.quicktime.creationdate=2023-05-04T12:20:30+0200',
    '-metadata', 'com.apple.quicktime.location.ISO6709=+48.8577+002.2950+035.000/',
    '-metadata', 'com.apple.quicktime.make=Apple',
    '-metadata', 'com.apple.quicktime.model=iPhone 12',
    '-movflags', 'use_metadata_tags', '-f', 'mov',
    file,
  );
  fs.rmSync(plain);
}

/** A 6 s video of one colour: no scene changes at all. */
export function makeStillVideo(file: string): void {
  ffmpeg('-f', 'lavfi', '-i', 'color=c=gray:duration=6:size=320x240:rate=10', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file);
}

/** A 6 s grey video whose sound (a 3 s tone) starts 2 s in, as after trimming the start of a track. */
export function makeLateSoundVideo(file: string): void {
  ffmpeg(
    '-f', 'lavfi', '-i', 'color=c=gray:duration=6:size=160x120:rate=10',
    '-itsoffset', '2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac',
    file,
  );
}

/** A stereo 44.1 kHz WAV tone of `seconds`. */
export function makeTone(file: string, seconds: number): void {
  ffmpeg('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-ac', '2', '-ar', '44100', file);
}

/** An MP3 with cover art, which ffprobe lists as a video stream. */
export function makeSongWithCover(file: string): void {
  ffmpeg(
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-f', 'lavfi', '-i', 'color=c=green:s=64x64:d=1',
    '-map', '0', '-map', '1', '-frames:v', '1',
    '-c:a', 'libmp3lame', '-c:v', 'mjpeg', '-disposition:v', 'attached_pic', '-id3v2_version', '3',
    file,
  );
}

/** WebM written to a pipe, like a browser's MediaRecorder: no duration in the header. */
export function makeWebmWithoutDuration(file: string): void {
  const webm = execFileSync(
    ffmpegPath(),
    ['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=5', '-c:a', 'libopus', '-f', 'webm', 'pipe:1'],
    { maxBuffer: 16 << 20 },
  );
  fs.writeFileSync(file, webm);
}

/** A named pipe: ffmpeg opening it blocks until something writes, which holds a step mid-run. */
export function makeFifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** Processes whose parent is this one (Linux /proc), e.g. ffmpeg children that outlived their step. */
export function childProcesses(): { pid: number; command: string }[] {
  const children: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (command) state ppid …"; the command may contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    if (ppid === process.pid) children.push({ pid: Number(entry), command: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return children;
}

export const avChildren = () => childProcesses().filter((child) => /ffmpeg|ffprobe/.test(child.command));

/** Resolves once an ffmpeg/ffprobe child of this process is running. */
export async function waitForAvChild(timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (avChildren().length === 0) {
    if (Date.now() > deadline) throw new Error('no ffmpeg/ffprobe child process appeared');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The AvError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function avFailure(work: Promise<unknown>): Promise<AvError & { reason: AvFailure }> {
  const error = await work.then(
    () => new Error('expected an AvError, but the step succeeded'),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof AvError)) throw error;
  return error;
}
