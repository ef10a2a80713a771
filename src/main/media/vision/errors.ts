import { MediaStepError } from '../step-error';

/**
 * Why the vision step gave up. 'undecodable' is the file's fault (final); 'models_missing' and 'vision_failed'
 * are the installation's or the runtime's, so the pipeline may try the item again once they are fixed.
 */
export type VisionFailure = 'undecodable' | 'models_missing' | 'vision_failed';

export class VisionError extends MediaStepError<VisionFailure> {}
