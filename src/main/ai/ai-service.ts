/**
 * Which model does what: a provider per task (chat, summaries, image description), chosen in Settings, else
 * Ollama when a server answers on this machine, else none (callers then answer extractively). Every call is
 * metered, and a spent budget switches remote providers off until the month turns or the budget is raised.
 */
import { z } from 'zod';
import type { Db } from '../db/connection';
import type { Settings } from '../db/settings';
import { EngramError } from '../../shared/errors';
import { createLlmProvider, detectLocalOllama, estimateCost, LlmConfig, type LlmProvider } from './llm';
import { Metering } from './metering';
import type { PromptMessage } from './policy';

export const AI_TASKS = ['chat', 'summaries', 'vision'] as const;
export const AiTask = z.enum(AI_TASKS);
export type AiTask = z.infer<typeof AiTask>;

/** Per task: a provider config, or 'auto' (a local Ollama when one answers, else none). */
const TaskChoice = z.union([z.literal('auto'), LlmConfig]);
export const AiProviders = z.object({
  chat: TaskChoice.default('auto'),
  summaries: TaskChoice.default('auto'),
  vision: TaskChoice.default('auto'),
});
export type AiProviders = z.infer<typeof AiProviders>;

export interface Completion {
  text: string;
  provider: string;
  model: string;
}

export interface CompleteOptions {
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
  onToken?: (text: string) => void;
}

export class AiService {
  readonly metering: Metering;
  private readonly providers = new Map<string, LlmProvider>();
  private localOllama: Promise<LlmConfig | null> | undefined;

  constructor(
    db: Db,
    private readonly settings: Settings,
    opts: { now?: () => Date; detectOllama?: () => Promise<LlmConfig | null> } = {},
  ) {
    this.metering = new Metering(db, settings, opts.now);
    this.detect = opts.detectOllama ?? defaultDetect;
  }

  private readonly detect: () => Promise<LlmConfig | null>;

  choices(): AiProviders {
    return AiProviders.parse(this.settings.get('ai.providers') ?? {});
  }

  /** Sets a task's choice; an OpenAI-compatible config sent without a key keeps the key saved for it. */
  async setChoice(task: AiTask, choice: z.input<typeof TaskChoice>): Promise<AiProviders> {
    const parsed = TaskChoice.parse(choice);
    const saved = this.choices()[task];
    if (parsed !== 'auto' && parsed.provider === 'openai' && !parsed.apiKey && saved !== 'auto' && saved.provider === 'openai') {
      parsed.apiKey = saved.apiKey;
    }
    const next = AiProviders.parse({ ...this.choices(), [task]: parsed });
    this.settings.set('ai.providers', next);
    return next;
  }

  /** The config a task uses now: its choice, with 'auto' resolved, and a spent budget respected. */
  async resolve(task: AiTask): Promise<LlmConfig> {
    const choice = this.choices()[task];
    const config = choice === 'auto' ? ((await this.local()) ?? { provider: 'none' as const }) : choice;
    if (config.provider === 'openai' && this.metering.state().exceeded && estimateCost(config, { inputTokens: 1_000_000, outputTokens: 0 }) !== 0) {
      return (await this.local()) ?? { provider: 'none' };
    }
    return config;
  }

  /** The provider for a task, or null when the task has none (answer without a model). */
  async provider(task: AiTask): Promise<LlmProvider | null> {
    const config = await this.resolve(task);
    if (config.provider === 'none') return null;
    const key = JSON.stringify(config);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = createLlmProvider(config)!;
      this.providers.set(key, provider);
    }
    return provider;
  }

  /**
   * Runs a prompt (built by policy.buildPrompt) on the task's model and meters it. Null when the task has no
   * model; a provider that fails throws its typed error after the failure is metered.
   */
  async complete(task: AiTask, feature: string, messages: PromptMessage[], opts: CompleteOptions = {}): Promise<Completion | null> {
    const config = await this.resolve(task);
    const provider = await this.provider(task);
    if (!provider) return null;
    try {
      const r = await provider.chat(messages, { ...opts, feature });
      this.metering.record({
        provider: provider.id,
        model: provider.model,
        feature,
        inputTokens: r.usage.inputTokens,
        outputTokens: r.usage.outputTokens,
        estimated: r.usage.estimated,
        costUsd: estimateCost(config, r.usage),
        ok: true,
      });
      return { text: r.text, provider: provider.id, model: provider.model };
    } catch (error) {
      this.metering.record({ provider: provider.id, model: provider.model, feature, inputTokens: 0, outputTokens: 0, estimated: true, costUsd: 0, ok: false });
      throw error;
    }
  }

  async test(task: AiTask): Promise<{ ok: boolean; message: string; provider: string | null }> {
    const provider = await this.provider(task);
    if (!provider) return { ok: false, message: 'No model is chosen for this, and no Ollama answers on this machine; answers come from your notes without one.', provider: null };
    const r = await provider.test();
    return r.ok ? { ok: true, message: `Connected; ${r.models} models available.`, provider: provider.id } : { ok: false, message: r.message, provider: provider.id };
  }

  async models(task: AiTask): Promise<{ id: string; sizeBytes?: number }[]> {
    const provider = await this.provider(task);
    if (!provider) throw new EngramError('provider_unavailable', 'No model provider is set for this task');
    return provider.listModels();
  }

  /** Forgets the local Ollama found earlier, so the next call looks again (Settings' "look again"). */
  rediscover(): void {
    this.localOllama = undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.close()));
    this.providers.clear();
  }

  private local(): Promise<LlmConfig | null> {
    this.localOllama ??= this.detect().catch(() => null);
    return this.localOllama;
  }
}

async function defaultDetect(): Promise<LlmConfig | null> {
  const found = await detectLocalOllama();
  const model = found?.models[0];
  return model ? LlmConfig.parse({ provider: 'ollama', model }) : null;
}
