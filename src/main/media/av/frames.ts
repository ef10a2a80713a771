/**
 * Still frames from a video as JPEGs: a poster for the grid and the keyframes that stand for its scenes.
 * Every frame is grabbed by seeking to its time, so a long video is decoded once (to find scene changes)
 * instead of once per frame, and JPEGs come back through a pipe, leaving no files to clean up.
 * ffmpeg turns frames upright itself (autorotate is on by default).
 */
import { AvError } from './errors';
import { type AvMetadata, probeMedia } from './probe';
import { inputArgs, runTool } from './run-tool';

export interface FrameOptions {
  /** Frames wider than this (after rotation) are scaled down; default 1280. */
  maxWidth?: number;
  signal?: AbortSignal;
  /** probeMedia's result for this file, to save probing it again. */
  metadata?: AvMetadata;
}

export interface PosterOptions extends FrameOptions {
  /** Default: 10% into the video (past fades from black and title cards), or 1 s when its length is unknown. */
  atSec?: number;
}

export interface KeyframeOptions extends FrameOptions {
  /** Default 12. */
  maxFrames?: number;
  /** How different a frame must be from the one before to start a scene, 0–1; default 0.3. */
  sceneThreshold?: number;
  /** Spacing of evenly spread frames when there are no scene changes; default: length / maxFrames. */
  intervalSec?: number;
  /** For the pass that looks for scene changes; default 2 s per second of video, at least 60 s. */
  timeoutMs?: number;
}

export interface Keyframe {
  timeSec: number;
  jpeg: Buffer;
}

export const DEFAULT_MAX_WIDTH = 1280;
const FRAME_TIMEOUT_MS = 60_000;
/** Scene detection compares frames this wide: cuts show as clearly as at full size, for far less work. */
const SCENE_WIDTH = 320;

export async function extractPoster(file: string, options: PosterOptions = {}): Promise<Buffer> {
  const meta = options.metadata ?? (await probeMedia(file, { signal: options.signal }));
  if (!meta.hasVideo) throw new AvError('undecodable', 'This file has no video to take a poster frame from');
  const duration = meta.durationSec;
  let at = options.atSec ?? (duration !== null ? duration * 0.1 : 1);
  if (duration !== null) at = Math.min(at, Math.max(0, duration - 0.5));
  const maxWidth = widthOption(options.maxWidth);
  // A stated length can be longer than the frames (audio outlasting video); then the first frame will do.
  const jpeg = (await grabFrame(file, at, maxWidth, options.signal)) ?? (at > 0 ? await grabFrame(file, 0, maxWidth, options.signal) : null);
  if (!jpeg) throw new AvError('undecodable', 'No frame of this video could be decoded');
  return jpeg;
}

export async function extractKeyframes(file: string, options: KeyframeOptions = {}): Promise<Keyframe[]> {
  const meta = options.metadata ?? (await probeMedia(file, { signal: options.signal }));
  if (!meta.hasVideo) return [];
  const maxFrames = Math.max(1, Math.floor(options.maxFrames ?? 12));
  const threshold = options.sceneThreshold ?? 0.3;
  // It goes into a filter expression, so it must be a plain number.
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`sceneThreshold must be between 0 and 1, not ${threshold}`);
  const maxWidth = widthOption(options.maxWidth);
  const duration = meta.durationSec;
  const timeoutMs = options.timeoutMs ?? Math.max(60_000, (duration ?? 0) * 2_000);
  const scenes = await findSceneStarts(file, threshold, timeoutMs, options.signal);
  // One scene (or none) says nothing about the video's course; evenly spread frames say more.
  const times =
    scenes.length >= 2 || duration === null
      ? spread(scenes, maxFrames)
      : evenlySpaced(duration, options.intervalSec ?? duration / maxFrames, maxFrames);
  const frames: Keyframe[] = [];
  for (const timeSec of times) {
    const jpeg = await grabFrame(file, timeSec, maxWidth, options.signal);
    if (jpeg) frames.push({ timeSec, jpeg });
  }
  return frames;
}

/**
 * Times (s) of the first frame and of every frame that differs from its predecessor by more than
 * `threshold`, read from showinfo's report on stderr. The frame's integer pts times the filter's time base
 * is exact, where showinfo's printed pts_time is rounded to six digits.
 */
async function findSceneStarts(file: string, threshold: number, timeoutMs: number, signal?: AbortSignal): Promise<number[]> {
  const times: number[] = [];
  let timeBase: number | undefined;
  const onLine = (line: string) => {
    // Only the filter's own lines: tags printed with the input's description could imitate them.
    if (!line.startsWith('[Parsed_showinfo')) return;
    const config = /config in time_base: (\d+)\/(\d+)/.exec(line);
    if (config) timeBase = Number(config[1]) / Number(config[2]);
    const frame = /\bpts:\s*(-?\d+)\s+pts_time:\s*(-?[\d.e+-]+)/.exec(line);
    if (frame) times.push(timeBase ? Number(frame[1]) * timeBase : Number(frame[2]));
  };
  const select = `select='eq(n,0)+gt(scene,${threshold})'`;
  await runTool({
    tool: 'ffmpeg',
    args: [
      '-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info',
      ...inputArgs(file),
      '-map', '0:V:0',
      '-vf', `scale='min(${SCENE_WIDTH},iw)':-2,${select},showinfo`,
      '-f', 'null', '-',
    ],
    failure: 'The video could not be decoded',
    task: 'Looking for scene changes in the video',
    timeoutMs,
    signal,
    onStderrLine: onLine,
  });
  return times.filter((t) => Number.isFinite(t) && t >= 0);
}

function widthOption(maxWidth = DEFAULT_MAX_WIDTH): number {
  if (!(maxWidth >= 16)) throw new RangeError(`maxWidth must be at least 16 pixels, not ${maxWidth}`);
  return Math.round(maxWidth);
}

/** At most `max` of `times`, evenly chosen, keeping the first and the last. */
export function spread(times: number[], max: number): number[] {
  if (times.length <= max) return times;
  if (max === 1) return times.slice(0, 1);
  return Array.from({ length: max }, (_, i) => times[Math.round((i * (times.length - 1)) / (max - 1))]!);
}

/** The middle of each `interval`-long stretch of the video, as fps=1/interval would sample it. */
function evenlySpaced(duration: number, interval: number, max: number): number[] {
  if (!(interval > 0)) return [0];
  const times: number[] = [];
  for (let t = interval / 2; t < duration && times.length < max; t += interval) times.push(t);
  return times.length ? times : [0];
}

/**
 * One JPEG at `atSec`, or null when there is no frame there. Seeking before the input decodes from the
 * keyframe before and drops frames until the time is reached; the half millisecond margin keeps a frame
 * whose exact time is a hair below its rounded one.
 */
async function grabFrame(file: string, atSec: number, maxWidth: number, signal?: AbortSignal): Promise<Buffer | null> {
  const seek = Math.max(0, atSec - 0.0005).toFixed(6);
  // Square pixels first (anamorphic DV and broadcast video), then no wider than maxWidth.
  const scale = `scale=iw*sar:ih,setsar=1,scale='min(${maxWidth},iw)':-2`;
  const { stdout } = await runTool({
    tool: 'ffmpeg',
    args: [
      '-nostdin', '-hide_banner', '-v', 'error',
      '-ss', seek, ...inputArgs(file),
      '-map', '0:V:0', '-frames:v', '1', '-vf', scale,
      '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '3', 'pipe:1',
    ],
    failure: 'A frame of the video could not be decoded',
    task: 'Taking a frame from the video',
    timeoutMs: FRAME_TIMEOUT_MS,
    signal,
  });
  return stdout.length > 0 ? stdout : null;
}
