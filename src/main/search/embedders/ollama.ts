import { z } from 'zod';
import { postJson, RemoteEmbedder, type HttpOptions } from './remote';
import type { Embedder, EmbedderConfig } from './types';

const DEFAULT_BASE_URL = 'http://127.0.0.1:11434';
const EmbedReply = z.object({ embeddings: z.array(z.array(z.number())) });

/** Ollama's /api/embed. The vector length is learnt from a probe request, which also checks the model exists. */
export async function createOllamaEmbedder(
  config: Omit<Extract<EmbedderConfig, { provider: 'ollama' }>, 'provider'>,
  http: HttpOptions = {},
): Promise<Embedder> {
  const url = `${(config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/api/embed`;
  const request = async (texts: string[], signal?: AbortSignal) =>
    (await postJson(url, { model: config.model, input: texts }, EmbedReply, { ...http, service: 'Ollama', signal }))
      .embeddings;
  const [probe] = await request(['dimension probe']);
  if (!probe?.length) throw new Error(`Ollama at ${url} returned no embedding for model ${config.model}`);
  return new RemoteEmbedder(`ollama:${config.model}`, probe.length, request, 'Ollama', http.batchSize);
}
