/** Offline photo understanding: object tags and faces (with descriptors for clustering), on human + tfjs WASM. */
export { ANALYSIS_SIZE } from './decode';
export { VisionError, type VisionFailure } from './errors';
export { defaultModelsDir } from './models';
export { similarFaces } from './similarity';
export {
  TAG_MIN_SCORE,
  VisionEngine,
  type VisionEngineOptions,
  type VisionFace,
  type VisionResult,
  type VisionTag,
} from './vision-engine';
