/** Search, index status and embedder choice as handlers. */
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { SearchInput } from '../../shared/schemas';
import { EmbedderSettings } from './embedder-settings';

export const searchHandlers = defineHandlers({
  'search.query': { summary: 'Hybrid keyword + meaning search with filters and date phrases', input: SearchInput, run: (e, i) => e.search.search(i) },
  'index.status': { summary: 'Active embedder, re-embed target and pending chunks', input: z.object({}), run: (e) => e.embedderStatus },
  'index.setEmbedder': {
    summary: 'Choose the embedder; the library re-embeds in the background while search keeps working',
    input: EmbedderSettings,
    run: async (e, config) => (await e.setEmbedder(config), e.embedderStatus),
  },
});
