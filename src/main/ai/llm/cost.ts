import { isLoopback } from '../../../shared/loopback';
import type { LlmConfig, LlmPricing } from './types';

/**
 * OpenAI list prices in USD per million tokens (standard tier, mid-2025). Prices change: this is a fallback
 * for showing the order of magnitude; `pricing` in the config wins.
 */
const OPENAI_PRICES: Record<string, LlmPricing> = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o3-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
};

/** `gpt-4o-mini-2024-07-18` and `openai/gpt-4o-mini` (OpenRouter) cost what `gpt-4o-mini` costs. */
function listPrice(model: string): LlmPricing | undefined {
  const name = model.trim().toLowerCase().replace(/^openai\//, '');
  return OPENAI_PRICES[name] ?? OPENAI_PRICES[name.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
}

/**
 * What a call cost in USD, or null when unknown. Ollama and servers on this machine cost nothing; an
 * OpenAI-compatible server costs its configured `pricing`, else the list price of a well-known OpenAI model.
 * `model` is the one that answered (`ChatResult.model`), when it is the vision model.
 */
export function estimateCost(
  config: LlmConfig,
  usage: { inputTokens: number; outputTokens: number },
  model?: string,
): number | null {
  switch (config.provider) {
    case 'none':
    case 'ollama':
      return 0;
    case 'openai': {
      const price = config.pricing ?? (isLoopback(config.baseUrl) ? undefined : listPrice(model ?? config.model));
      if (!price) return isLoopback(config.baseUrl) ? 0 : null;
      return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
    }
  }
}
