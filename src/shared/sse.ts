/**
 * A Server-Sent Events reader over fetch. EventSource cannot send an Authorization header (it would need the key
 * in the URL, where logs and history keep it), so this reads the stream itself and reconnects with backoff.
 */
export interface SseMessage {
  event: string;
  data: string;
}

/** Splits complete messages off the front of `buffer`; `rest` is an unfinished message to keep for later. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue; // A comment: keep-alive.
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n') });
  }
  return { messages, rest };
}

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  onMessage: (m: SseMessage) => void;
  /** Called when the stream is back after a drop: events sent meanwhile were missed. */
  onReconnect?: () => void;
  /** First wait before reconnecting; doubles per failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Keeps a stream open until the returned function is called. A refused key (401/403) stops it for good. */
export function openEventStream(o: EventStreamOptions): () => void {
  const min = o.minDelayMs ?? 500;
  const max = o.maxDelayMs ?? 30_000;
  let delay = min;
  let stopped = false;
  let abort: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let connectedBefore = false;

  const connect = async (): Promise<void> => {
    abort = new AbortController();
    try {
      const res = await fetch(o.url, { headers: { ...o.headers, accept: 'text/event-stream' }, signal: abort.signal });
      if (res.status === 401 || res.status === 403) return void (stopped = true);
      if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
      delay = min;
      if (connectedBefore) o.onReconnect?.();
      connectedBefore = true;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSse(buffer + value);
        buffer = parsed.rest;
        parsed.messages.forEach(o.onMessage);
      }
    } catch {
      // A dropped connection or a server that is restarting: retried below.
    }
    if (stopped) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, max);
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    abort?.abort();
  };
}
