/** The AI model settings as the engine sends them (src/main/ai/handlers.ts): keys never, only whether one is saved. */
export const AI_TASKS = ['chat', 'summaries', 'vision'] as const;
export type AiTask = (typeof AI_TASKS)[number];

export interface LlmPricing {
  inputPerMTok: number;
  outputPerMTok: number;
}

export type ProviderDTO =
  | { provider: 'none'; apiKeySaved?: boolean }
  | { provider: 'ollama'; baseUrl: string; model: string; visionModel?: string; apiKeySaved?: boolean }
  | { provider: 'openai'; baseUrl: string; model: string; visionModel?: string; pricing?: LlmPricing; apiKeySaved?: boolean };

export type ProviderChoiceDTO = 'auto' | ProviderDTO;

export interface AiProvidersDTO {
  choices: Record<AiTask, ProviderChoiceDTO>;
  /** What each task uses now: 'auto' resolved, a spent budget respected. */
  resolved: Record<AiTask, ProviderDTO>;
}

/** What `ai.providers.set` takes as a choice; `apiKey` left out keeps the saved one. */
export type ProviderChoiceInput =
  | 'auto'
  | { provider: 'none' }
  | { provider: 'ollama'; baseUrl: string; model: string; visionModel?: string }
  | { provider: 'openai'; baseUrl: string; apiKey?: string; model: string; visionModel?: string; pricing?: LlmPricing };

export interface AiTestResult {
  ok: boolean;
  message: string;
  provider: string | null;
}

export interface ModelInfo {
  id: string;
  sizeBytes?: number;
}

export interface UsageDay {
  day: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  calls: number;
}

export interface UsageFeature {
  feature: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  calls: number;
}

export interface UsageSummaryDTO {
  month: string;
  byDay: UsageDay[];
  byFeature: UsageFeature[];
  budget: { month: string; spentUsd: number; budgetUsd: number | null; warning: string | null; exceeded: boolean };
}

export interface ProfileDTO {
  text: string;
  updatedAt: string | null;
  mode: 'edited' | 'llm' | 'local' | 'empty';
  sources: number;
}
