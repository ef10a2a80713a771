/** The embedder choice as it arrives from Settings or the API. */
import { z } from 'zod';

export const EmbedderSettings = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('static') }),
  z.object({ provider: z.literal('onnx'), modelDir: z.string().min(1) }),
  z.object({ provider: z.literal('ollama'), baseUrl: z.url().optional(), model: z.string().min(1) }),
  z.object({
    provider: z.literal('openai'),
    baseUrl: z.url().optional(),
    apiKey: z.string().optional(),
    model: z.string().min(1),
    dimensions: z.number().int().min(8).max(8192).optional(),
  }),
]);
