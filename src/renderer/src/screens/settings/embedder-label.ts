/** Embedder ids (`static:wink-sg-100d-int8@1`, `ollama:nomic-embed-text`, …) in words a user recognises. */
export function embedderLabel(id: string): string {
  const [provider, ...rest] = id.split(':');
  const name = rest.join(':');
  switch (provider) {
    case 'static': return 'built-in word vectors';
    case 'onnx': return `local ONNX model ${name.replace(/:[^:]*$/, '')}`;
    case 'ollama': return `Ollama ${name}`;
    case 'openai': return `${name.replace(/@\d+$/, '')} (OpenAI-compatible)`;
    default: return id;
  }
}
