import type { MediaKind } from '../../../shared/media-schemas';
import { avProbe, avTranscribe, videoFrames } from './av-steps';
import { documentText } from './document-steps';
import { photoAnalyse, photoOcr, photoVision } from './photo-steps';
import type { StepDef } from './step-types';

/** Every step of the pipeline, in the order an item's steps are listed. */
export const STEPS: readonly StepDef[] = [photoAnalyse, photoOcr, photoVision, avProbe, videoFrames, avTranscribe, documentText] as StepDef[];

export const stepsFor = (kind: MediaKind): StepDef[] => STEPS.filter((s) => s.kinds.includes(kind));
export const stepNamed = (step: string): StepDef | undefined => STEPS.find((s) => s.step === step);
