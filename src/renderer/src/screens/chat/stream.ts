/**
 * The answer as it streams: `chat.token` events carry pieces of the answer being written. Only one question is
 * in flight per screen, but other windows (or the API) may be asking too, so pieces are kept only for the
 * session asked in and, once the first piece names it, for that one answer. A new chat has no session id
 * until its first piece arrives, so then the first answer heard is the one followed.
 */
export interface StreamEvent {
  sessionId: string;
  messageId: string;
  text: string;
}

export interface StreamState {
  /** The session asked in; null for a new chat until the first piece says which it is. */
  sessionId: string | null;
  messageId: string | null;
  text: string;
}

export function startStream(sessionId?: string): StreamState {
  return { sessionId: sessionId ?? null, messageId: null, text: '' };
}

/** The state with `e` added, or the same state when `e` belongs to another answer. */
export function acceptToken(state: StreamState, e: StreamEvent): StreamState {
  if (state.sessionId !== null && e.sessionId !== state.sessionId) return state;
  if (state.messageId !== null && e.messageId !== state.messageId) return state;
  if (!e.text) return state.messageId === null ? { ...state, sessionId: e.sessionId, messageId: e.messageId } : state;
  return { sessionId: e.sessionId, messageId: e.messageId, text: state.text + e.text };
}

/**
 * Text being streamed, made safe to render as markdown mid-word: a citation or emphasis cut in half ("[1", "**bo")
 * is held back until the rest arrives, so the reader never sees stray brackets and stars flicker.
 */
export function displayableStream(text: string): string {
  const openBracket = text.lastIndexOf('[');
  if (openBracket !== -1 && openBracket > text.lastIndexOf(']') && /^\[[\d,\s–-]*$/.test(text.slice(openBracket))) {
    text = text.slice(0, openBracket);
  }
  return text.replace(/(\*\*?|__?)$/, '');
}
