/**
 * What a video or audio file says about itself, read by ffprobe without decoding: length, streams, size,
 * rotation, capture time, place and camera. ffprobe's JSON is checked with zod, since its shape varies
 * between versions (rotation moved from a tag to side data in ffmpeg 5, numbers arrive as strings).
 */
import fs from 'node:fs/promises';
import { z } from 'zod';
import { AvError } from './errors';
import { inputArgs, LineSplitter, runTool } from './run-tool';
import { type GpsFix, readCamera, readCreationTime, readGps, tagMap } from './tags';

export interface AvMetadata {
  /** Short container name: mp4, mov, m4a, 3gp, matroska, avi, mpegts, mp3, wav, ogg… */
  container: string;
  /** Null when neither the container nor its packets say. */
  durationSec: number | null;
  /** False for audio whose only picture is cover art. */
  hasVideo: boolean;
  hasAudio: boolean;
  /** Size as displayed: after rotation and with non-square pixels made square. */
  width?: number;
  height?: number;
  /** Degrees clockwise the stored frames are turned to show them upright (90, 180, 270); absent when 0. */
  rotation?: number;
  videoCodec?: string;
  audioCodec?: string;
  sampleRate?: number;
  channels?: number;
  /** When the recording was made, ISO 8601 in UTC. */
  creationTime?: string;
  /** Minutes east of UTC where it was made, when the file records it (iPhones do). */
  creationOffsetMin?: number;
  gps?: GpsFix;
  make?: string;
  model?: string;
  /** Bits per second over the whole file. */
  bitRate?: number;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Default 30 s; a file without a stated length gets as long again to count its packets. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

// ffprobe prints most numbers as strings ("6.000000"), and "N/A" where it has none.
const numeric = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value) => {
    const number = typeof value === 'string' ? Number(value) : value;
    return number !== undefined && Number.isFinite(number) ? number : undefined;
  });

const tags = z.record(z.string(), z.unknown()).optional();

const FfprobeStream = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  sample_aspect_ratio: z.string().optional(),
  sample_rate: numeric,
  channels: z.number().optional(),
  duration: numeric,
  disposition: z.record(z.string(), z.unknown()).optional(),
  tags,
  side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: numeric })).optional(),
});
type FfprobeStream = z.infer<typeof FfprobeStream>;

const FfprobeOutput = z.object({
  streams: z.array(FfprobeStream).default([]),
  format: z.object({ format_name: z.string(), duration: numeric, bit_rate: numeric, tags }),
});
type FfprobeOutput = z.infer<typeof FfprobeOutput>;

export async function probeMedia(file: string, options: ProbeOptions = {}): Promise<AvMetadata> {
  // A missing file is the caller's mistake, not a damaged upload: let fs say so.
  await fs.access(file);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { stdout } = await runTool({
    tool: 'ffprobe',
    args: ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...inputArgs(file)],
    failure: 'This file could not be read as audio or video',
    task: "Reading the file's metadata",
    timeoutMs,
    signal: options.signal,
  });
  const probe = parseOutput(stdout);
  const meta = describe(probe);
  if (meta.durationSec === null) meta.durationSec = await lastPacketEnd(file, timeoutMs, options.signal);
  return meta;
}

function parseOutput(stdout: Buffer): FfprobeOutput {
  let json: unknown;
  try {
    json = JSON.parse(stdout.toString('utf8'));
  } catch {
    throw new AvError('undecodable', 'This file could not be read as audio or video: ffprobe printed no valid JSON');
  }
  const parsed = FfprobeOutput.safeParse(json);
  if (!parsed.success) {
    throw new AvError('undecodable', `This file could not be read as audio or video: unexpected ffprobe output (${z.prettifyError(parsed.error)})`);
  }
  return parsed.data;
}

function describe({ streams, format }: FfprobeOutput): AvMetadata {
  // Cover art and chapter thumbnails are pictures, not video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && !s.disposition?.timed_thumbnails);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new AvError('undecodable', 'This file has no audio or video in it');

  const meta: AvMetadata = {
    container: containerName(format.format_name, tagMap(format.tags)),
    durationSec: format.duration ?? longestStream(streams),
    hasVideo: video !== undefined,
    hasAudio: audio !== undefined,
  };
  if (video) Object.assign(meta, videoFacts(video));
  if (audio) {
    if (audio.codec_name) meta.audioCodec = audio.codec_name;
    if (audio.sample_rate) meta.sampleRate = audio.sample_rate;
    if (audio.channels) meta.channels = audio.channels;
  }
  const allTags = tagMap(format.tags, video?.tags, audio?.tags);
  const created = readCreationTime(allTags);
  if (created) {
    meta.creationTime = created.utc;
    if (created.offsetMinutes !== undefined) meta.creationOffsetMin = created.offsetMinutes;
  }
  const gps = readGps(allTags);
  if (gps) meta.gps = gps;
  Object.assign(meta, readCamera(allTags));
  if (format.bit_rate) meta.bitRate = format.bit_rate;
  return meta;
}

function videoFacts(video: FfprobeStream): Partial<AvMetadata> {
  const facts: Partial<AvMetadata> = {};
  if (video.codec_name) facts.videoCodec = video.codec_name;
  const rotation = readRotation(video);
  if (rotation) facts.rotation = rotation;
  if (video.width && video.height) {
    const width = Math.round(video.width * pixelAspect(video.sample_aspect_ratio));
    const quarterTurn = rotation === 90 || rotation === 270;
    facts.width = quarterTurn ? video.height : width;
    facts.height = quarterTurn ? width : video.height;
  }
  return facts;
}

/**
 * Clockwise degrees, as the old `rotate` tag counted them. Newer ffprobe reports the display matrix instead,
 * whose `rotation` is counter-clockwise (an iPhone portrait video says -90).
 */
function readRotation(video: FfprobeStream): number {
  const matrix = video.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && d.rotation !== undefined);
  const tagged = Number(tagMap(video.tags).get('rotate'));
  const clockwise = matrix?.rotation !== undefined ? -matrix.rotation : Number.isFinite(tagged) ? tagged : 0;
  return ((Math.round(clockwise) % 360) + 360) % 360;
}

function pixelAspect(sar: string | undefined): number {
  const [num, den] = (sar ?? '').split(':').map(Number);
  return num && den ? num / den : 1;
}

function longestStream(streams: FfprobeStream[]): number | null {
  const durations = streams.map((s) => s.duration).filter((d): d is number => d !== undefined);
  return durations.length ? Math.max(...durations) : null;
}

/** ffprobe's first name for a format family is "mov" for every ISO media file; the brand tells them apart. */
function containerName(formatName: string, formatTags: ReadonlyMap<string, string>): string {
  const family = formatName.split(',')[0] ?? formatName;
  if (family !== 'mov') return family;
  const brand = (formatTags.get('major_brand') ?? '').trim().toLowerCase();
  if (brand === 'qt') return 'mov';
  if (brand.startsWith('m4a') || brand.startsWith('m4b')) return 'm4a';
  if (brand.startsWith('3g2')) return '3g2';
  if (brand.startsWith('3g')) return '3gp';
  return 'mp4';
}

/**
 * The end of the last packet, for files that do not state their length (a browser's MediaRecorder writes
 * WebM without one). Only demuxes, so it takes a fraction of decoding time.
 */
async function lastPacketEnd(file: string, timeoutMs: number, signal?: AbortSignal): Promise<number | null> {
  let end = 0;
  const lines = new LineSplitter((line) => {
    const [pts, duration] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (Number.isFinite(duration) ? duration! : 0));
  });
  await runTool({
    tool: 'ffprobe',
    args: ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', ...inputArgs(file)],
    failure: 'This file could not be read as audio or video',
    task: "Measuring the file's length",
    timeoutMs,
    signal,
    onStdout: (chunk) => lines.push(chunk.toString('latin1')),
  });
  lines.end();
  return end > 0 ? Math.round(end * 1e6) / 1e6 : null;
}
