/** The engine client over HTTP, for the web mode of `engram serve`. */
import type { EngramClient } from './client';
import type { EngineEventName } from './events';

export class HttpClient implements EngramClient {
  constructor(
    private readonly apiKey: string,
    private readonly base = '',
  ) {}

  async call<T>(handler: string, input: unknown = {}): Promise<T> {
    const res = await fetch(`${this.base}/api/v1/${handler}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!res.ok) {
      const error = body?.error ?? { code: 'internal', message: `The server answered ${res.status}` };
      throw Object.assign(new Error(error.message), error);
    }
    return body as T;
  }

  /** Live events arrive once the server's event stream exists; until then there are none to miss. */
  on(_event: EngineEventName, _fn: (payload: never) => void): () => void {
    return () => {};
  }
}
