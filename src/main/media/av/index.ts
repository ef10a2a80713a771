/**
 * Video and audio steps of the media pipeline, done by ffmpeg and ffprobe child processes: metadata, poster
 * and keyframes, and speech-ready sound. Each step takes an AbortSignal that stops its process.
 */
export { extractSpeechChunks, SPEECH_SAMPLE_RATE, type SpeechChunk, type SpeechChunkOptions } from './audio';
export { ffmpegPath, ffprobePath } from './binaries';
export { assertDuration, AvError, type AvFailure } from './errors';
export {
  DEFAULT_MAX_WIDTH,
  extractKeyframes,
  extractPoster,
  type FrameOptions,
  type Keyframe,
  type KeyframeOptions,
  type PosterOptions,
} from './frames';
export { type AvMetadata, probeMedia, type ProbeOptions } from './probe';
export { type GpsFix, parseIso6709 } from './tags';
