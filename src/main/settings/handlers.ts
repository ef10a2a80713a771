/** What the Settings screen reads: where the library is, the embedder and its progress, the HTTP API key. */
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import type { Engine } from '../engine/engine';
import type { ApiKeyDTO, SettingsDTO } from '../../shared/status';

/** The setting `engram serve` keeps its generated key under (src/main/api/auth.ts). */
const API_KEY_SETTING = 'api.key';

const storedKey = (e: Engine) => e.settings.get<string>(API_KEY_SETTING) ?? null;

export const settingsHandlers = defineHandlers({
  'settings.get': {
    summary: 'Library location, embedder status with re-embed progress, and a hint of the HTTP API key',
    input: z.object({}),
    run: (e): SettingsDTO => ({ libraryPath: e.dir, embedder: e.embedderStatus, apiKeyHint: storedKey(e)?.slice(-4) ?? null }),
  },
  // HTTP callers already hold the key; desktop users need it to connect other tools to `engram serve`.
  'settings.revealApiKey': {
    summary: 'The HTTP API key kept in the library, or null when none was made yet',
    input: z.object({}),
    run: (e): ApiKeyDTO => ({ key: storedKey(e) }),
  },
});
