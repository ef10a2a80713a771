/**
 * An embedder turns texts into fixed-length vectors. Every vector stored in the library records the
 * `id` of the embedder that made it, so vectors of different models are never compared.
 */
export interface Embedder {
  /** Stable identity of model + settings, e.g. `static:wink-sg-100d-int8@1` or `ollama:nomic-embed-text`. */
  readonly id: string;
  /** Vector length. */
  readonly dimensions: number;
  /** Embed a batch. Vectors are L2-normalised so cosine distance equals 1 - dot product. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Release workers, sessions or sockets. */
  close(): Promise<void>;
}

/** What a user can choose in Settings. */
export type EmbedderConfig =
  | { provider: 'static' }
  | { provider: 'onnx'; modelDir: string }
  | { provider: 'ollama'; baseUrl?: string; model: string }
  | { provider: 'openai'; baseUrl?: string; apiKey?: string; model: string; dimensions?: number };
