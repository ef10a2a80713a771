/** Photo steps: metadata, event time, previews and near-duplicates in one pass; OCR; tags and faces. */
import { readFile } from 'node:fs/promises';
import { PermanentJobError } from '../../jobs/job-runner';
import { FLAT_HASH, hammingDistance, resolveEventTime } from '../photo';
import type { PhotoAnalysis } from './media-worker';
import type { VisionResult } from '../vision';
import { defineStep, type IngestPayload, type StepEnv } from './step-types';
import { applyEventTime } from './event-time-update';
import { recordSearchableFacts } from './recompose';

interface AnalyseResult {
  metadata: PhotoAnalysis['metadata'];
  width: number;
  height: number;
  phash: string;
  thumbnail: string;
  preview: string;
  warnings: string[];
}

export const photoAnalyse = defineStep<AnalyseResult>({
  step: 'photo.analyse',
  version: 1,
  label: 'Metadata, previews and duplicates',
  kinds: ['photo'],
  async run(payload, ctx, env) {
    const a = await env.pool.run<PhotoAnalysis>({ op: 'photo', file: env.blobPath(payload.sha256), mime: payload.mime }, ctx.signal);
    // Content-addressed, so a rerun after a crash writes the same files again and nothing twice.
    const thumbnail = env.blobs.put(Buffer.from(a.thumbnail), 'image/webp').sha256;
    const preview = env.blobs.put(Buffer.from(a.preview), 'image/webp').sha256;
    return { metadata: a.metadata, width: a.width, height: a.height, phash: a.phash, thumbnail, preview, warnings: a.warnings };
  },
  apply(r, payload, job, env) {
    const nodeId = job.nodeId!;
    const md = r.metadata;
    const gps = md.gps ?? payload.hints.sidecar?.gps;
    const eventTime = resolveEventTime({
      capture: md.captureTime,
      gpsTime: md.gpsTime,
      sidecarTime: payload.hints.sidecar?.takenAt,
      clientOffsetMinutes: payload.hints.clientOffsetMinutes,
      uploadTime: payload.hints.uploadTime,
      fileModifiedAt: payload.hints.fileModifiedAt,
    });
    env.blobs.attach(nodeId, r.thumbnail, 'thumbnail');
    env.blobs.attach(nodeId, r.preview, 'preview');
    env.items.record(
      nodeId,
      {
        camera: md.make || md.model || md.lens ? { make: md.make, model: md.model, lens: md.lens } : undefined,
        capture: md.captureTime ? { local: md.captureTime.local, offsetMinutes: md.captureTime.offsetMinutes, tag: md.captureTime.tag } : undefined,
        gps,
        eventTime,
        warnings: r.warnings.length ? r.warnings : undefined,
      },
      { width: r.width, height: r.height, phash: r.phash, gps_lat: gps?.latitude ?? null, gps_lon: gps?.longitude ?? null },
    );
    const at = eventTime ? applyEventTime(env, nodeId, eventTime) : env.nodes.get(nodeId).eventTime?.at ?? null;
    linkNearDuplicate(env, nodeId, r.phash, at);
    env.enqueueAfter('photo.analyse', nodeId, 'photo', { ...payload, sha256: r.preview, mime: 'image/webp' });
  },
});

/** Links a photo to the earliest live photo within the window whose pHash is close enough. */
function linkNearDuplicate(env: StepEnv, nodeId: string, phash: string, at: string | null): void {
  if (phash === FLAT_HASH) return; // Blank or uniform frames all hash alike; they are not copies of each other.
  const { windowHours, maxDistance } = env.settings().nearDuplicate;
  let best: { id: string; distance: number } | undefined;
  for (const c of env.items.hashCandidates(nodeId, at, windowHours)) {
    if (c.phash === FLAT_HASH) continue;
    const distance = hammingDistance(phash, c.phash);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { id: c.node_id, distance };
  }
  if (best) env.items.setCanonical(nodeId, best.id, best.distance);
}

interface OcrStepResult {
  text: string;
  confidence: number;
  hasText: boolean;
}

export const photoOcr = defineStep<OcrStepResult>({
  step: 'photo.ocr',
  version: 1,
  label: 'Text in the image',
  kinds: ['photo'],
  after: { step: 'photo.analyse' },
  optional: 'ocr',
  async run(payload, ctx, env) {
    const ocr = await env.ocr();
    const r = await ocr.recognize(await readInput(env, payload), { signal: ctx.signal }).catch(permanentIfInput);
    return { text: r.hasText ? r.text : '', confidence: r.confidence, hasText: r.hasText };
  },
  apply(r, _payload, job, env) {
    recordSearchableFacts(env, job.nodeId!, { ocr: r.hasText ? { text: r.text, confidence: r.confidence } : undefined });
  },
});

interface VisionStepResult {
  tags: { label: string; score: number }[];
  faces: { box: [number, number, number, number]; score: number }[];
}

export const photoVision = defineStep<VisionStepResult>({
  step: 'photo.vision',
  version: 1,
  label: 'Objects and faces',
  kinds: ['photo'],
  after: { step: 'photo.analyse' },
  optional: 'vision',
  async run(payload, ctx, env) {
    const r = await env.pool.run<VisionResult>({ op: 'vision', file: env.blobPath(payload.sha256) }, ctx.signal);
    return { tags: r.tags, faces: r.faces.map((f) => ({ box: f.box, score: f.score })) };
  },
  apply(r, _payload, job, env) {
    recordSearchableFacts(env, job.nodeId!, { tags: r.tags.length ? r.tags : undefined, faces: r.faces.length ? r.faces : undefined });
  },
});

/** The bytes a step works on: the blob its payload names (the original, or the preview a step made). */
function readInput(env: StepEnv, payload: IngestPayload): Promise<Buffer> {
  return readFile(env.blobPath(payload.sha256));
}

/** A step's verdict on the input (it cannot be decoded) is final; anything else may pass on a retry. */
export function permanentIfInput(error: unknown): never {
  const reason = (error as { reason?: string }).reason;
  if (reason === 'undecodable' || reason === 'unsupported_format' || reason === 'empty' || reason === 'too_large' || reason === 'too_long') {
    throw new PermanentJobError((error as Error).message);
  }
  throw error;
}
