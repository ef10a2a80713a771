/** Video and audio steps: container metadata, poster and keyframes, transcription. */
import sharp from 'sharp';
import { PermanentJobError } from '../../jobs/job-runner';
import { assertDuration, extractKeyframes, extractPoster, extractSpeechChunks, probeMedia, type AvMetadata } from '../av';
import { transcribeChunks, type Transcript } from '../../ai/speech';
import { CONFIDENCE } from '../photo';
import { defineStep, type StepEnv } from './step-types';
import { applyEventTime } from './event-time-update';
import { permanentIfInput } from './photo-steps';
import { recordSearchableFacts } from './recompose';

export const avProbe = defineStep<AvMetadata>({
  step: 'av.probe',
  version: 1,
  label: 'Length and recording metadata',
  kinds: ['video', 'audio'],
  async run(payload, ctx, env) {
    const meta = await probeMedia(env.blobPath(payload.sha256), { signal: ctx.signal }).catch(permanentIfInput);
    try {
      assertDuration(meta, env.settings().maxVideoMinutes * 60);
    } catch (error) {
      permanentIfInput(error);
    }
    return meta;
  },
  apply(m, payload, job, env) {
    const nodeId = job.nodeId!;
    const gps = m.gps ? { latitude: m.gps.lat, longitude: m.gps.lon, altitude: m.gps.altitude } : undefined;
    const eventTime = m.creationTime
      ? {
          at: new Date(m.creationTime).toISOString(),
          offsetMinutes: m.creationOffsetMin,
          source: 'container',
          // Cameras and phones stamp the container in UTC; an editor's re-encode stamps its own time, so
          // this is believed a little less than an EXIF capture time.
          confidence: CONFIDENCE.exifWithGpsOffset,
        }
      : undefined;
    env.items.record(
      nodeId,
      {
        camera: m.make || m.model ? { make: m.make, model: m.model } : undefined,
        gps,
        av: { container: m.container, videoCodec: m.videoCodec, audioCodec: m.audioCodec, bitRate: m.bitRate },
        ...(eventTime ? { eventTime } : {}),
      },
      { width: m.width ?? null, height: m.height ?? null, duration_sec: m.durationSec, gps_lat: gps?.latitude ?? null, gps_lon: gps?.longitude ?? null },
    );
    if (eventTime) applyEventTime(env, nodeId, eventTime);
    if (m.hasVideo) env.enqueueAfter('av.probe', nodeId, 'video', payload);
    else if (job.kind === 'video') reclassifyAsAudio(env, nodeId);
  },
});

/** A "video" container with only sound in it (a browser's WebM voice recording) is a recording. */
function reclassifyAsAudio(env: StepEnv, nodeId: string): void {
  env.db.prepare(`UPDATE media_items SET media_kind = 'audio' WHERE node_id = ?`).run(nodeId);
  env.nodes.update({ id: nodeId, kind: 'audio' });
}

interface FramesResult {
  poster: string;
  thumbnail: string;
  keyframes: { timeSec: number; sha256: string }[];
}

export const videoFrames = defineStep<FramesResult>({
  step: 'video.frames',
  version: 1,
  label: 'Poster and keyframes',
  kinds: ['video'],
  // Only once the probe has seen a picture stream: a sound-only container is a recording, not a video.
  after: { step: 'av.probe' },
  async run(payload, ctx, env) {
    const file = env.blobPath(payload.sha256);
    const posterJpeg = await extractPoster(file, { signal: ctx.signal }).catch(permanentIfInput);
    const poster = env.blobs.put(await sharp(posterJpeg).webp({ quality: 80 }).toBuffer(), 'image/webp').sha256;
    const thumb = await sharp(posterJpeg).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    const frames = await extractKeyframes(file, { maxFrames: 12, maxWidth: 640, signal: ctx.signal }).catch(permanentIfInput);
    const keyframes = [];
    for (const f of frames) keyframes.push({ timeSec: f.timeSec, sha256: env.blobs.put(f.jpeg, 'image/jpeg').sha256 });
    return { poster, thumbnail: env.blobs.put(thumb, 'image/webp').sha256, keyframes };
  },
  apply(r, _payload, job, env) {
    env.blobs.attach(job.nodeId!, r.poster, 'poster');
    env.blobs.attach(job.nodeId!, r.thumbnail, 'thumbnail');
    r.keyframes.forEach((k, i) => env.blobs.attach(job.nodeId!, k.sha256, `keyframe:${i}`));
    env.items.record(job.nodeId!, { keyframes: r.keyframes });
  },
});

export const avTranscribe = defineStep<Transcript>({
  step: 'av.transcribe',
  version: 1,
  label: 'Transcript',
  kinds: ['video', 'audio'],
  optional: 'transcribe',
  waitingFor: (env) => (env.speech() ? null : 'Waiting for a speech model: choose one in Settings → Speech. The recording is kept.'),
  async run(payload, ctx, env) {
    const provider = env.speech();
    if (!provider) throw new Error('No speech provider is configured');
    const node = env.nodes.get(ctx.job.nodeId!, { includeTrashed: true });
    if (provider.isRemote && node.aiUsage === 'none') {
      throw new PermanentJobError(
        `This recording's AI use is "none", so it is not sent to ${provider.id}. Allow AI use on the item, or choose a ` +
          'speech server on this machine, then retry.',
      );
    }
    const chunks = await extractSpeechChunks(env.blobPath(payload.sha256), { signal: ctx.signal }).catch(permanentIfInput);
    return transcribeChunks(provider, chunks, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done / Math.max(1, total), `${done} of ${total} parts`),
    }).catch((error: unknown) => {
      // A provider that refuses the key will refuse every retry too.
      if ((error as { retryable?: boolean }).retryable === false) throw new PermanentJobError((error as Error).message);
      throw error;
    });
  },
  apply(t, _payload, job, env) {
    recordSearchableFacts(env, job.nodeId!, { transcript: t.text.trim() ? t : undefined });
  },
});
