import { z } from 'zod';
import { postJson, RemoteEmbedder, type HttpOptions } from './remote';
import type { Embedder, EmbedderConfig } from './types';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const EmbeddingsReply = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().nonnegative() })),
});

/**
 * Any OpenAI-compatible POST {baseUrl}/embeddings. Without configured dimensions the vector length is
 * learnt from a probe request; with them no request is made until the first embed.
 */
export async function createOpenAIEmbedder(
  config: Omit<Extract<EmbedderConfig, { provider: 'openai' }>, 'provider'>,
  http: HttpOptions = {},
): Promise<Embedder> {
  const url = `${(config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/embeddings`;
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const request = async (texts: string[], signal?: AbortSignal) => {
    const body = {
      model: config.model,
      input: texts.map((t) => t || ' '), // the API rejects empty strings
      encoding_format: 'float',
      ...(config.dimensions ? { dimensions: config.dimensions } : {}),
    };
    const { data } = await postJson(url, body, EmbeddingsReply, { ...http, service: 'OpenAI', headers, signal });
    // Items carry their input index and need not arrive in order.
    const byIndex = [...data].sort((a, b) => a.index - b.index);
    if (byIndex.some((item, i) => item.index !== i)) {
      throw new Error(`OpenAI reply from ${url} has embedding indices ${data.map((d) => d.index).join(',')}`);
    }
    return byIndex.map((item) => item.embedding);
  };
  const dimensions = config.dimensions ?? (await request(['dimension probe']))[0]?.length;
  if (!dimensions) throw new Error(`OpenAI at ${url} returned no embedding for model ${config.model}`);
  return new RemoteEmbedder(`openai:${config.model}@${dimensions}`, dimensions, request, 'OpenAI', http.batchSize);
}
