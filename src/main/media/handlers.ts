import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { IngestPaths, ItemRef, JobRef, MediaSettingsUpdate, WatchedFolderInput } from '../../shared/media-schemas';
import { SpeechConfig } from '../ai/speech';
import { withoutKey } from '../ai/without-key';
import { ingestPaths } from './ingest-paths';
import { mediaDetail } from './detail';
import { optimiseStorage, storageUsage } from './storage';
import { jobProgress } from '../vault/progress';

export const mediaHandlers = defineHandlers({
  'media.ingestPaths': {
    summary: "Ingest files and folders on the engine's machine (desktop drag and drop, file picker); folders recursively",
    input: IngestPaths,
    run: async (e, input) => {
      let progress: ReturnType<typeof jobProgress> | undefined;
      return ingestPaths(e.media, input.paths, {
        source: 'import',
        clientOffsetMinutes: input.clientOffsetMinutes,
        parentId: input.parentId,
        privacyLevel: input.privacyLevel,
        aiUsage: input.aiUsage,
        onProgress: (done, total, outcome) => {
          if (done === 0) progress = jobProgress(e, 'media.ingest', total);
          else progress?.tick(outcome?.file);
        },
      });
    },
  },
  'media.detail': { summary: 'A media item with its previews, metadata, step states and duplicates', input: ItemRef, run: (e, { id }) => mediaDetail(e, id) },
  'media.retry': {
    summary: 'Runs a failed step of an item again',
    input: JobRef,
    run: (e, { jobId }) => {
      e.media.retry(jobId);
      return { retried: jobId };
    },
  },
  'media.settings.get': { summary: 'Media limits, near-duplicate window, storage budget and retention', input: z.object({}), run: (e) => e.media.settings() },
  'media.settings.set': { summary: 'Changes media settings (only the fields given)', input: MediaSettingsUpdate, run: (e, patch) => e.media.updateSettings(patch) },
  'speech.get': { summary: 'The speech-to-text provider used for transcripts (its API key is never sent back)', input: z.object({}), run: (e) => withoutKey(e.media.speechConfig()) },
  'speech.set': {
    summary: 'Chooses the speech-to-text provider (an OpenAI-compatible config without apiKey keeps the saved key); waiting transcriptions start',
    input: SpeechConfig,
    run: async (e, config) => {
      const saved = e.media.speechConfig();
      const keep = config.provider === 'openai' && !config.apiKey && saved.provider === 'openai' ? { apiKey: saved.apiKey } : {};
      await e.media.setSpeech({ ...config, ...keep });
      return withoutKey(e.media.speechConfig());
    },
  },
  'storage.get': { summary: 'Storage used by kind, the budget and its warning', input: z.object({}), run: (e) => storageUsage(e) },
  'watch.list': { summary: 'Watched folders and whether each is being watched', input: z.object({}), run: (e) => e.watcher.list() },
  'watch.add': { summary: 'Watches a folder: what is in it now and whatever arrives later is ingested', input: WatchedFolderInput, run: (e, input) => e.watcher.add(input) },
  'watch.remove': { summary: 'Stops watching a folder (items already ingested stay)', input: z.object({ id: z.string().min(1).max(64) }), run: (e, { id }) => e.watcher.remove(id) },
  'media.optimiseStorage': { summary: 'Drops originals past the retention age (previews and text stay) and unused files', input: z.object({}), run: (e) => optimiseStorage(e) },
});
