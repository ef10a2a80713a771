/** Photo steps of the media pipeline: pure functions over bytes, each safe to run in a worker. */
export { DEFAULT_MAX_PIXELS, type DecodeOptions } from './decode';
export { PhotoError, type PhotoFailure } from './errors';
export {
  CONFIDENCE,
  REJECTED_PENALTY,
  type EventTime,
  type EventTimeCandidates,
  type EventTimeSource,
  type OffsetOrigin,
  resolveEventTime,
} from './event-time';
export {
  type CaptureTime,
  type CaptureTimeTag,
  type GpsPosition,
  type Orientation,
  type PhotoMetadata,
  readPhotoMetadata,
} from './metadata';
export { FLAT_HASH, hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, perceptualHash } from './phash';
export { makePreviews, PREVIEW_SIZE, type Previews, THUMBNAIL_SIZE } from './previews';
export { type ImageFormat, sniffImageFormat } from './sniff';
export { findTakeoutSidecar, parseTakeoutSidecar, type TakeoutSidecar } from './takeout-sidecar';
