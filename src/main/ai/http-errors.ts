/**
 * How an AI provider's failed HTTP reply reads, shared by the LLM (src/main/ai/llm) and speech
 * (src/main/ai/speech) providers: the kind of failure a status means, the server's own words from an error
 * body, and keys kept out of the messages built from them.
 */

/** The failure reasons a status can mean; both `LlmFailure` and `SpeechFailure` include them. */
export type HttpFailureReason = 'unavailable' | 'unauthorized' | 'rejected';

/** 401/403: the credentials; 408, 429 and 5xx: worth another try later; anything else: the request itself. */
export function statusReason(status: number): HttpFailureReason {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

/**
 * The readable part of an error body: OpenAI `{error:{message}}`, Ollama and whisper.cpp `{error}`, FastAPI
 * `{detail}`, or the text itself; clipped.
 */
export function serverMessage(body: string): string {
  const text = body.trim();
  try {
    const json = JSON.parse(text) as { error?: unknown; detail?: unknown; message?: unknown } | null;
    const error = json?.error as { message?: unknown } | string | undefined;
    for (const candidate of [typeof error === 'object' ? error?.message : error, json?.detail, json?.message]) {
      if (typeof candidate === 'string' && candidate.trim()) return clip(candidate.trim());
    }
  } catch {
    // not JSON: show the text itself
  }
  return clip(text);
}

export const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** Removes the configured key (when it is at least 4 characters, so a short one does not mangle the text). */
export function redactSecret(text: string, secret?: string): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

/**
 * Removes the configured key, and anything shaped like an API key, from text a server sent back: OpenAI's 401
 * echoes a masked key, a proxy might echo the header whole.
 */
export function redactSecrets(text: string, secret?: string): string {
  const out = redactSecret(text, secret).replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '$1-***');
  return out.replace(/(bearer\s+)[A-Za-z0-9._~+/*-]{8,}=*/gi, '$1***');
}

/**
 * What went wrong below HTTP: Node's fetch (undici) reports network failures as TypeError("fetch failed") with
 * the socket error (ECONNREFUSED…) as its cause.
 */
export function fetchErrorDetail(error: TypeError): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
