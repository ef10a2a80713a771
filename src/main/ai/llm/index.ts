import { z } from 'zod';
import { invalidInput } from '../../../shared/errors';
import { createOllamaProvider, ollamaLabel } from './ollama';
import { createOpenAIProvider, openaiLabel, type OpenAIProviderOptions } from './openai';
import { withResilience, type ResilienceOptions } from './resilience';
import { LlmConfig, type LlmConfigInput, type LlmProvider } from './types';

export { estimateCost } from './cost';
export { detectLocalOllama } from './detect';
export { isLlmUnavailable, LlmError, type LlmErrorExtras, type LlmFailure } from './errors';
export { createOllamaProvider } from './ollama';
export { createOpenAIProvider, type OpenAIProviderOptions } from './openai';
export { CircuitBreaker, systemClock, withResilience, type Clock, type ResilienceOptions } from './resilience';
export {
  LlmConfig,
  LlmPricing,
  type ChatMessage,
  type ChatOptions,
  type ChatResult,
  type LlmConfigInput,
  type LlmModelInfo,
  type LlmProvider,
  type LlmTestResult,
  type LlmUsage,
} from './types';

export interface CreateLlmOptions extends ResilienceOptions {
  openai?: OpenAIProviderOptions;
}

/** Validates a config from Settings or the API; throws `invalid_input` naming the bad fields. */
export function parseLlmConfig(input: unknown): LlmConfig {
  const parsed = LlmConfig.safeParse(input);
  if (!parsed.success) {
    throw invalidInput(`Invalid language model settings:\n${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  return parsed.data;
}

/** Names the server in messages: "Ollama at http://127.0.0.1:11434", "OpenAI at https://api.openai.com/v1". */
export function llmLabel(config: LlmConfig): string {
  switch (config.provider) {
    case 'none':
      return 'No language model';
    case 'ollama':
      return ollamaLabel(config.baseUrl);
    case 'openai':
      return openaiLabel(config.baseUrl);
  }
}

/**
 * The provider for a config, wrapped in timeouts, retries and its circuit breaker; null for `none`, when
 * callers answer extractively. The config is validated (defaults applied) first.
 */
export function createLlmProvider(config: LlmConfigInput, opts: CreateLlmOptions = {}): LlmProvider | null {
  const valid = parseLlmConfig(config);
  const { openai, ...resilience } = opts;
  switch (valid.provider) {
    case 'none':
      return null;
    case 'ollama':
      return withResilience(createOllamaProvider(valid), llmLabel(valid), resilience);
    case 'openai':
      return withResilience(
        // The SDK's header timeout as a backstop only: ours fire first, with clearer messages.
        createOpenAIProvider(valid, { timeoutMs: resilience.totalTimeoutMs, ...openai }),
        llmLabel(valid),
        resilience,
      );
  }
}
