/**
 * Settings → AI models: per task, Auto (a local Ollama when one answers), None, an Ollama server or an
 * OpenAI-compatible endpoint, turned into `ai.providers.set`'s choice. A saved key is never shown; leaving the
 * key field empty keeps it.
 */
import type { AiTask, ProviderChoiceDTO, ProviderChoiceInput, ProviderDTO } from './ai-types';
import { remoteHostOf } from '../../../../shared/loopback';
import { providerUrlError } from './url-check';

export type ProviderKind = 'auto' | 'none' | 'ollama' | 'openai';

export interface AiForm {
  kind: ProviderKind;
  ollamaUrl: string;
  ollamaModel: string;
  ollamaVision: string;
  openaiUrl: string;
  openaiKey: string;
  openaiModel: string;
  openaiVision: string;
  /** USD per million tokens; both empty uses the built-in price table. */
  priceIn: string;
  priceOut: string;
}

export type AiFormErrors = Partial<Record<keyof AiForm, string>>;

export const OLLAMA_DEFAULT_URL = 'http://127.0.0.1:11434';
export const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';

export const TASKS: { task: AiTask; label: string; explain: string }[] = [
  { task: 'chat', label: 'Chat', explain: 'Answers your questions in Chat from the passages it is given, with citations.' },
  { task: 'summaries', label: 'Summaries', explain: 'Writes day summaries, weekly recaps, a note’s themes and your profile.' },
  { task: 'vision', label: 'Photos', explain: 'Describes photos so they can be found by what is in them.' },
];

export const PROVIDER_KINDS: { value: ProviderKind; label: string; explain: string }[] = [
  { value: 'auto', label: 'Auto', explain: 'Uses Ollama when it runs on this machine; otherwise no model, and answers come from your notes’ own words.' },
  { value: 'none', label: 'None', explain: 'No model: answers are put together from your notes’ own sentences, and summaries from word counts.' },
  { value: 'ollama', label: 'Ollama', explain: 'An Ollama server, usually on this machine (ollama.com). Nothing leaves the computer when it runs here.' },
  { value: 'openai', label: 'OpenAI-compatible', explain: 'OpenAI, or any server with the same /v1/chat/completions API: LM Studio, llama.cpp server, vLLM, OpenRouter…' },
];

export function formFromChoice(c: ProviderChoiceDTO): AiForm {
  const form: AiForm = {
    kind: c === 'auto' ? 'auto' : c.provider,
    ollamaUrl: OLLAMA_DEFAULT_URL,
    ollamaModel: '',
    ollamaVision: '',
    openaiUrl: OPENAI_DEFAULT_URL,
    openaiKey: '',
    openaiModel: '',
    openaiVision: '',
    priceIn: '',
    priceOut: '',
  };
  if (c === 'auto' || c.provider === 'none') return form;
  if (c.provider === 'ollama') return { ...form, ollamaUrl: c.baseUrl, ollamaModel: c.model, ollamaVision: c.visionModel ?? '' };
  return {
    ...form,
    openaiUrl: c.baseUrl,
    openaiModel: c.model,
    openaiVision: c.visionModel ?? '',
    priceIn: c.pricing ? String(c.pricing.inputPerMTok) : '',
    priceOut: c.pricing ? String(c.pricing.outputPerMTok) : '',
  };
}

/** The `ai.providers.set` choice; `saved` is the task's saved choice, whose key is kept when the field is empty. */
export function toChoice(f: AiForm, saved: ProviderChoiceDTO): { choice: ProviderChoiceInput } | { errors: AiFormErrors } {
  const errors: AiFormErrors = {};
  const url = (field: 'ollamaUrl' | 'openaiUrl', fallback: string) => {
    const v = f[field].trim() || fallback;
    const problem = providerUrlError(v);
    if (problem) errors[field] = problem;
    return v.replace(/\/+$/, '');
  };
  const model = (field: 'ollamaModel' | 'openaiModel') => {
    const v = f[field].trim();
    if (!v) errors[field] = 'Choose or write the model’s name';
    return v;
  };
  let choice: ProviderChoiceInput;
  if (f.kind === 'auto') choice = 'auto';
  else if (f.kind === 'none') choice = { provider: 'none' };
  else if (f.kind === 'ollama') {
    choice = { provider: 'ollama', baseUrl: url('ollamaUrl', OLLAMA_DEFAULT_URL), model: model('ollamaModel') };
    if (f.ollamaVision.trim()) choice.visionModel = f.ollamaVision.trim();
  } else {
    const apiKey = f.openaiKey.trim();
    const keySaved = saved !== 'auto' && saved.provider === 'openai' && saved.apiKeySaved === true;
    choice = { provider: 'openai', baseUrl: url('openaiUrl', OPENAI_DEFAULT_URL), model: model('openaiModel') };
    if (!apiKey && !keySaved && /^https:\/\/api\.openai\.com(\/|$)/i.test(choice.baseUrl)) errors.openaiKey = 'OpenAI needs an API key (from platform.openai.com)';
    if (apiKey) choice.apiKey = apiKey;
    if (f.openaiVision.trim()) choice.visionModel = f.openaiVision.trim();
    const price = (field: 'priceIn' | 'priceOut') => {
      const t = f[field].trim();
      const n = Number(t);
      if (t && (!Number.isFinite(n) || n < 0)) errors[field] = 'A price in dollars, such as 0.15';
      return n;
    };
    if (f.priceIn.trim() || f.priceOut.trim()) {
      const inputPerMTok = price('priceIn');
      const outputPerMTok = price('priceOut');
      if (!f.priceIn.trim()) errors.priceIn = 'Give both prices, or neither';
      if (!f.priceOut.trim()) errors.priceOut = 'Give both prices, or neither';
      choice.pricing = { inputPerMTok, outputPerMTok };
    }
  }
  return Object.keys(errors).length ? { errors } : { choice };
}

/** The host text would go to when it leaves this machine, else null. */
export function remoteAiHost(f: AiForm): string | null {
  const url = f.kind === 'ollama' ? f.ollamaUrl.trim() || OLLAMA_DEFAULT_URL : f.kind === 'openai' ? f.openaiUrl.trim() || OPENAI_DEFAULT_URL : '';
  return remoteHostOf(url);
}

/** What a task runs on now, in words: "Ollama · llama3.2 at 127.0.0.1:11434". */
export function providerText(p: ProviderDTO): string {
  if (p.provider === 'none') return 'No model';
  let host = p.baseUrl;
  try {
    host = new URL(p.baseUrl).host;
  } catch {
    // Shown as saved.
  }
  return `${p.provider === 'ollama' ? 'Ollama' : 'OpenAI-compatible'} · ${p.model} at ${host}`;
}

/** Whether the form points where the task's provider in use does, so that provider's model list applies. */
export function sameEndpoint(f: AiForm, resolved: ProviderDTO): boolean {
  const trim = (u: string) => u.trim().replace(/\/+$/, '');
  if (f.kind === 'ollama') return resolved.provider === 'ollama' && trim(f.ollamaUrl || OLLAMA_DEFAULT_URL) === trim(resolved.baseUrl);
  if (f.kind === 'openai') return resolved.provider === 'openai' && trim(f.openaiUrl || OPENAI_DEFAULT_URL) === trim(resolved.baseUrl);
  return false;
}

/** Two forms ask for the same thing (a typed key always counts as a change). */
export function sameForm(a: AiForm, b: AiForm): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'openai' && (a.openaiKey.trim() || b.openaiKey.trim())) return false;
  const keys: Record<ProviderKind, (keyof AiForm)[]> = {
    auto: [],
    none: [],
    ollama: ['ollamaUrl', 'ollamaModel', 'ollamaVision'],
    openai: ['openaiUrl', 'openaiModel', 'openaiVision', 'priceIn', 'priceOut'],
  };
  return keys[a.kind].every((k) => String(a[k]).trim() === String(b[k]).trim());
}
