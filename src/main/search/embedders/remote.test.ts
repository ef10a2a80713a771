import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaEmbedder } from './ollama';
import { createOpenAIEmbedder } from './openai';

/** A model stand-in: a deterministic, text-dependent, deliberately unnormalised vector. */
function fakeEmbedding(text: string, dims: number): number[] {
  return Array.from({ length: dims }, (_, d) => ((text.charCodeAt(d % Math.max(text.length, 1)) || 7) % 13) + d);
}
function unit(values: number[]): number[] {
  const n = Math.hypot(...values);
  return values.map((x) => Math.fround(x / n));
}

interface Exchange {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}
type Handler = (exchange: Exchange, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  await closeAll();
});

async function closeAll(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A real HTTP server on 127.0.0.1; `handlers` answer successive requests, the last one repeats. */
async function serve(...handlers: Handler[]): Promise<{ baseUrl: string; requests: Exchange[] }> {
  const requests: Exchange[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const exchange = { url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || 'null') };
      requests.push(exchange);
      handlers[Math.min(requests.length, handlers.length) - 1]!(exchange, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const fast = { retryDelayMs: 5 };

describe('Ollama embedder', () => {
  const ollama: Handler = ({ url, body }, res) => {
    if (url !== '/api/embed') return json(res, 404, { error: 'not found' });
    json(res, 200, { model: body.model, embeddings: body.input.map((t: string) => fakeEmbedding(t, 24)) });
  };

  it('learns its dimensions, batches, and returns unit vectors in input order', async () => {
    const { baseUrl, requests } = await serve(ollama);
    const embedder = await createOllamaEmbedder({ baseUrl: `${baseUrl}/`, model: 'nomic-embed-text' }, { ...fast, batchSize: 4 });
    expect(embedder.id).toBe('ollama:nomic-embed-text');
    expect(embedder.dimensions).toBe(24);

    const texts = Array.from({ length: 10 }, (_, i) => `note number ${i} ${'x'.repeat(i)}`);
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => unit(fakeEmbedding(t, 24))));
    expect(requests.map((r) => r.body.input.length)).toEqual([1, 4, 4, 2]);
    expect(requests.every((r) => r.body.model === 'nomic-embed-text')).toBe(true);
  });

  it('retries a 500 and then succeeds', async () => {
    const { baseUrl, requests } = await serve(ollama, (_, res) => json(res, 500, { error: 'loading model' }), ollama);
    const embedder = await createOllamaEmbedder({ baseUrl, model: 'm' }, fast);
    const [vector] = await embedder.embed(['hello']);
    expect(Array.from(vector!)).toEqual(unit(fakeEmbedding('hello', 24)));
    expect(requests).toHaveLength(3);
  });

  it('gives up after the retries with the URL and status', async () => {
    const { baseUrl, requests } = await serve((_, res) => json(res, 503, { error: 'overloaded' }));
    await expect(createOllamaEmbedder({ baseUrl, model: 'm' }, { ...fast, retries: 2 })).rejects.toThrow(
      `Ollama embedding request to ${baseUrl}/api/embed failed: HTTP 503 Service Unavailable: {"error":"overloaded"} (3 attempts)`,
    );
    expect(requests).toHaveLength(3);
  });

  it('does not retry a client error and shows the reason', async () => {
    const { baseUrl, requests } = await serve((_, res) => json(res, 404, { error: "model 'nope' not found" }));
    await expect(createOllamaEmbedder({ baseUrl, model: 'nope' }, fast)).rejects.toThrow(
      /api\/embed failed: HTTP 404 Not Found: .*model 'nope' not found/,
    );
    expect(requests).toHaveLength(1);
  });

  it('rejects a malformed reply clearly', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 200, { embedding: [0.1, 0.2] }));
    await expect(createOllamaEmbedder({ baseUrl, model: 'm' }, fast)).rejects.toThrow(
      new RegExp(`Ollama reply from ${baseUrl}/api/embed has an unexpected shape[\\s\\S]*embeddings`),
    );
  });

  it('rejects a reply with the wrong number of vectors', async () => {
    const { baseUrl } = await serve(ollama, (_, res) => json(res, 200, { embeddings: [fakeEmbedding('a', 24)] }));
    const embedder = await createOllamaEmbedder({ baseUrl, model: 'm' }, fast);
    await expect(embedder.embed(['a', 'b'])).rejects.toThrow('Ollama returned 1 embeddings for 2 texts');
  });

  it('reports an unreachable server after retrying', async () => {
    const { baseUrl } = await serve(ollama);
    await closeAll();
    await expect(createOllamaEmbedder({ baseUrl, model: 'm' }, fast)).rejects.toThrow(
      `Ollama embedding request to ${baseUrl}/api/embed failed: ECONNREFUSED (3 attempts)`,
    );
  });

  it('times out a server that never answers', async () => {
    const { baseUrl } = await serve(() => {});
    await expect(createOllamaEmbedder({ baseUrl, model: 'm' }, { timeoutMs: 100, retries: 0 })).rejects.toThrow(
      'no reply within 100 ms (1 attempt)',
    );
  });

  it('aborts in-flight requests on close', async () => {
    const { baseUrl } = await serve(ollama, () => {});
    const embedder = await createOllamaEmbedder({ baseUrl, model: 'm' }, fast);
    const pending = embedder.embed(['slow']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await embedder.close();
    await expect(pending).rejects.toThrow(/was closed/);
  });
});

describe('OpenAI-compatible embedder', () => {
  /** Answers like the real API, including out-of-order items, which it is allowed to send. */
  const openai: Handler = ({ url, headers, body }, res) => {
    if (url !== '/v1/embeddings') return json(res, 404, { error: { message: 'not found' } });
    if (headers.authorization !== 'Bearer sk-test') return json(res, 401, { error: { message: 'Incorrect API key' } });
    const dims = body.dimensions ?? 32;
    const data = (body.input as string[]).map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(t, dims) }));
    json(res, 200, { object: 'list', model: body.model, data: data.reverse(), usage: { prompt_tokens: 1, total_tokens: 1 } });
  };
  const config = (baseUrl: string) => ({ baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test', model: 'text-embedding-3-small' });

  it('learns its dimensions and restores input order', async () => {
    const { baseUrl, requests } = await serve(openai);
    const embedder = await createOpenAIEmbedder(config(baseUrl), fast);
    expect(embedder.id).toBe('openai:text-embedding-3-small@32');
    const texts = ['first note', 'second', '', 'fourth and last'];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => unit(fakeEmbedding(t || ' ', 32))));
    expect(requests[1]!.body).toEqual({ model: 'text-embedding-3-small', input: ['first note', 'second', ' ', 'fourth and last'], encoding_format: 'float' });
  });

  it('sends configured dimensions without a probe request', async () => {
    const { baseUrl, requests } = await serve(openai);
    const embedder = await createOpenAIEmbedder({ ...config(baseUrl), dimensions: 8 }, fast);
    expect(requests).toHaveLength(0);
    expect(embedder.id).toBe('openai:text-embedding-3-small@8');
    const [vector] = await embedder.embed(['hello']);
    expect(vector).toHaveLength(8);
    expect(requests[0]!.body.dimensions).toBe(8);
  });

  it('retries a 500 and then succeeds', async () => {
    const { baseUrl, requests } = await serve((_, res) => json(res, 500, { error: { message: 'boom' } }), openai);
    const embedder = await createOpenAIEmbedder(config(baseUrl), fast);
    expect(embedder.dimensions).toBe(32);
    expect(requests).toHaveLength(2);
  });

  it('fails clearly on a bad key without retrying or echoing the key', async () => {
    const { baseUrl, requests } = await serve(openai);
    const failure = createOpenAIEmbedder({ ...config(baseUrl), apiKey: 'sk-wrong' }, fast);
    await expect(failure).rejects.toThrow(`${baseUrl}/v1/embeddings failed: HTTP 401 Unauthorized`);
    await expect(failure).rejects.not.toThrow(/sk-wrong/);
    expect(requests).toHaveLength(1);
  });

  it('rejects a malformed reply clearly', async () => {
    const { baseUrl } = await serve((_, res) => json(res, 200, { data: [{ embedding: [0.1, 'x'] }] }));
    await expect(createOpenAIEmbedder(config(baseUrl), fast)).rejects.toThrow(
      new RegExp(`OpenAI reply from ${baseUrl}/v1/embeddings has an unexpected shape[\\s\\S]*index`),
    );
  });

  it('rejects a reply that is not JSON', async () => {
    const { baseUrl } = await serve((_, res) => res.writeHead(200).end('<html>proxy error</html>'));
    await expect(createOpenAIEmbedder(config(baseUrl), fast)).rejects.toThrow(/is not JSON: <html>proxy error/);
  });
});
