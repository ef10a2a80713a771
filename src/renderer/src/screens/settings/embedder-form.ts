/**
 * The embedder form in Settings: one set of fields per provider, turned into the `index.setEmbedder` input
 * with field errors a person can act on, and advice for the failures providers report.
 */
import type { EmbedderChoice } from '../../../../shared/status';
import { isHttpUrl } from './url-check';

export type Provider = EmbedderChoice['provider'];

export interface EmbedderForm {
  provider: Provider;
  modelDir: string;
  ollamaUrl: string;
  ollamaModel: string;
  openaiUrl: string;
  openaiKey: string;
  openaiModel: string;
  openaiDimensions: string;
}

export type FormErrors = Partial<Record<keyof EmbedderForm, string>>;

export const PROVIDERS: { value: Provider; label: string; explain: string }[] = [
  { value: 'static', label: 'Built-in', explain: 'Word vectors that ship with Engram. Works offline on any machine; good for short notes.' },
  { value: 'onnx', label: 'Local ONNX model', explain: 'A sentence-transformer folder on this machine (a transformers.js export). Better matches, still offline.' },
  { value: 'ollama', label: 'Ollama', explain: 'An embedding model served by Ollama, usually on this machine. Text is sent to that server.' },
  { value: 'openai', label: 'OpenAI-compatible', explain: 'OpenAI or any server with the same /embeddings API. Text is sent to that server.' },
];

export function formFromChoice(c: EmbedderChoice): EmbedderForm {
  return {
    provider: c.provider,
    modelDir: c.provider === 'onnx' ? c.modelDir : '',
    ollamaUrl: c.provider === 'ollama' ? (c.baseUrl ?? '') : '',
    ollamaModel: c.provider === 'ollama' ? c.model : 'nomic-embed-text',
    openaiUrl: c.provider === 'openai' ? (c.baseUrl ?? '') : '',
    openaiKey: c.provider === 'openai' ? (c.apiKey ?? '') : '',
    openaiModel: c.provider === 'openai' ? c.model : 'text-embedding-3-small',
    openaiDimensions: c.provider === 'openai' && c.dimensions ? String(c.dimensions) : '',
  };
}

export function toChoice(f: EmbedderForm): { choice: EmbedderChoice } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const need = (field: keyof EmbedderForm, message: string) => (f[field].trim() ? f[field].trim() : ((errors[field] = message), ''));
  const url = (field: 'ollamaUrl' | 'openaiUrl') => {
    const v = f[field].trim();
    if (v && !isHttpUrl(v)) errors[field] = 'Write the full address, starting with http:// or https://';
    return v || undefined;
  };
  let choice: EmbedderChoice;
  switch (f.provider) {
    case 'static':
      choice = { provider: 'static' };
      break;
    case 'onnx':
      choice = { provider: 'onnx', modelDir: need('modelDir', 'Give the folder that holds the model (config.json, tokenizer.json, onnx/).') };
      break;
    case 'ollama':
      choice = { provider: 'ollama', baseUrl: url('ollamaUrl'), model: need('ollamaModel', 'Name the model, e.g. nomic-embed-text.') };
      break;
    case 'openai': {
      const dims = f.openaiDimensions.trim();
      const n = Number(dims);
      if (dims && !(Number.isInteger(n) && n >= 8 && n <= 8192)) errors.openaiDimensions = 'A whole number from 8 to 8192, or leave it empty.';
      choice = {
        provider: 'openai',
        baseUrl: url('openaiUrl'),
        apiKey: f.openaiKey.trim() || undefined,
        model: need('openaiModel', 'Name the model, e.g. text-embedding-3-small.'),
        dimensions: dims ? n : undefined,
      };
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  // Optional fields left empty are left out, so the saved settings stay as small as what was typed.
  return { choice: Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined)) as EmbedderChoice };
}

/**
 * What to do about a provider's failure. Specific advice when the engine's message names the cause; else what
 * usually goes wrong with that provider (the message may be a generic one when the transport hides details).
 */
export function embedderAdvice(f: EmbedderForm, message: string): string {
  const unreachable = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|no reply within|fetch failed/i.test(message);
  const model = f.provider === 'ollama' ? f.ollamaModel.trim() : f.openaiModel.trim();
  switch (f.provider) {
    case 'ollama':
      if (unreachable) return 'Start Ollama (run `ollama serve`) or check its address, then try again.';
      if (/HTTP 404|not found/i.test(message)) return `Download the model first: run \`ollama pull ${model}\`, then try again.`;
      return `Check that Ollama is running (\`ollama serve\`) at that address and has the model (\`ollama pull ${model}\`), then try again.`;
    case 'openai':
      if (unreachable) return 'Check the endpoint address and that this machine can reach it, then try again.';
      if (/HTTP 40[13]/.test(message)) return 'The server refused the API key. Check the key, then try again.';
      if (/HTTP 404/.test(message)) return 'The server does not know that model or address. Check both, then try again.';
      return 'Check the endpoint address, the API key and the model name, then try again.';
    case 'onnx':
      return 'Choose a folder with a transformers.js export of a sentence-transformer (config.json, tokenizer.json, onnx/model.onnx), then try again.';
    case 'static':
      return 'The built-in model files may be missing; reinstalling Engram (npm ci) rebuilds them.';
  }
}
