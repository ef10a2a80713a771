import { createOllamaEmbedder } from './ollama';
import { createOpenAIEmbedder } from './openai';
import type { HttpOptions } from './remote';
import type { Embedder, EmbedderConfig } from './types';
import { WorkerEmbedder } from './worker-embedder';

export type { Embedder, EmbedderConfig } from './types';

export interface EmbedderOptions {
  /** Where the built-in static model lives when not found above the source tree (packaged app). */
  staticModelDir?: string;
  /** Timeouts, retries and batch size of the HTTP providers. */
  http?: HttpOptions;
}

/**
 * Creates the embedder chosen in Settings, ready to use (models loaded, dimensions known). Static and
 * ONNX run on a worker thread; Ollama and OpenAI are async I/O and stay on this thread. Call close()
 * when done: it stops the worker or aborts in-flight requests.
 */
export async function createEmbedder(config: EmbedderConfig, options: EmbedderOptions = {}): Promise<Embedder> {
  switch (config.provider) {
    case 'static':
      return WorkerEmbedder.start({ config, staticModelDir: options.staticModelDir });
    case 'onnx':
      return WorkerEmbedder.start({ config });
    case 'ollama':
      return createOllamaEmbedder(config, options.http);
    case 'openai':
      return createOpenAIEmbedder(config, options.http);
  }
}
