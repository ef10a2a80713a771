/** Every domain's handlers in one map, and nothing else. Transports loop over this. */
import { z } from 'zod';
import { defineHandlers } from './handlers';
import { libraryHandlers } from '../library/handlers';
import { searchHandlers } from '../search/handlers';
import { vaultHandlers } from '../vault/handlers';
import { journalHandlers } from '../journal/handlers';
import { settingsHandlers } from '../settings/handlers';
import { mediaHandlers } from '../media/handlers';
import { timelineHandlers } from '../timeline/handlers';
import { reviewHandlers } from '../review/handlers';
import { chatHandlers } from '../chat/handlers';
import { aiHandlers } from '../ai/handlers';
import { summaryHandlers } from '../summaries/handlers';
import { syncHandlers } from '../sync/handlers';

const engineHandlers = defineHandlers({
  'library.stats': { summary: 'Counts by kind, index status and storage used', input: z.object({}), run: (e) => e.stats() },
});

export const registry = { ...libraryHandlers, ...searchHandlers, ...vaultHandlers, ...journalHandlers, ...settingsHandlers, ...mediaHandlers, ...timelineHandlers, ...reviewHandlers, ...chatHandlers, ...aiHandlers, ...summaryHandlers, ...syncHandlers, ...engineHandlers };
export type Registry = typeof registry;
export type HandlerName = keyof Registry;
