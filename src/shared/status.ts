/**
 * What the Settings and Stats screens read: the library's location, the embedder and its re-embed progress,
 * counts and storage. The engine's `stats()` and `embedderStatus` are checked against these types in tests.
 */
import type { NodeKind } from './schemas';

/** The embedder choice, as `index.setEmbedder` takes it. */
export type EmbedderChoice =
  | { provider: 'static' }
  | { provider: 'onnx'; modelDir: string }
  | { provider: 'ollama'; baseUrl?: string; model: string }
  | { provider: 'openai'; baseUrl?: string; apiKey?: string; model: string; dimensions?: number };

export interface EmbedProgress {
  total: number;
  done: number;
  pending: number;
}

/** `index.status` and `index.setEmbedder`. */
export interface EmbedderStatusDTO {
  /** The embedder whose vectors answer searches now; null when none could start (keywords only). */
  active: string | null;
  /** The embedder being filled; equal to `active` unless a re-embed is under way. */
  target: string | null;
  config: EmbedderChoice;
  progress: EmbedProgress | null;
}

/** `library.stats`. */
export interface LibraryStatsDTO {
  library: string;
  nodes: number;
  trashed: number;
  byKind: { kind: NodeKind | string; count: number }[];
  chunks: number;
  tags: number;
  versions: number;
  index: EmbedderStatusDTO & { pending: number | null };
  storage: { databaseBytes: number; blobsBytes: number };
}

/** `settings.get`. */
export interface SettingsDTO {
  libraryPath: string;
  embedder: EmbedderStatusDTO;
  /** The last four characters of the HTTP API key kept in the library; null until `engram serve` made one. */
  apiKeyHint: string | null;
}

/** `settings.revealApiKey`. */
export interface ApiKeyDTO {
  key: string | null;
}
