import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import { createHttpServer } from './http';

const KEY = 'test-key-123';
let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  lib = await openTempLibrary();
  app = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', rateLimitPerMinute: 10_000, importBodyLimit: 64 * 1024 });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await lib.cleanup();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('memory API over HTTP', () => {
  it('needs a key everywhere but /health, by Bearer or X-API-Key', async () => {
    expect((await call('GET', '/health', undefined, {})).status).toBe(200);
    expect((await call('GET', '/memories', undefined, {})).status).toBe(401);
    expect((await call('GET', '/memories', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('GET', '/memories', undefined, { 'x-api-key': KEY })).status).toBe(200);
    expect((await call('POST', '/api/v1/library.stats', {}, { 'x-api-key': 'nope' })).body.error.code).toBe('unauthorized');
  });

  it('creates, reads (counting access), lists, updates and deletes memories', async () => {
    const created = await call('POST', '/memories', {
      content: 'The spare house key is under the blue flowerpot',
      memory_type: 'semantic',
      importance_score: 0.8,
      tags: ['home'],
      metadata: { source: 'test' },
    });
    expect(created.status).toBe(201);
    const m = created.body;
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['id', 'content', 'memory_type', 'importance_score', 'tags', 'metadata', 'created_at', 'updated_at', 'access_count']));
    expect((await call('GET', `/memories/${m.id}`)).body.access_count).toBe(1);
    expect((await call('GET', `/memories/${m.id}`)).body.access_count).toBe(2);
    const list = await call('GET', '/memories?limit=5&tags=home');
    expect(list.body.total).toBe(1);
    const updated = await call('PUT', `/memories/${m.id}`, { content: 'The spare key moved to the garage hook', tags: ['home', 'keys'] });
    expect(updated.body.content).toMatch(/garage/);
    expect(updated.body.tags).toEqual(['home', 'keys']);
    expect((await call('DELETE', `/memories/${m.id}`)).status).toBe(200);
    expect((await call('GET', `/memories/${m.id}`)).status).toBe(404);
  });

  it('searches best first with snippets, by keyword and by meaning', async () => {
    await call('POST', '/import', {
      memories: [
        { content: 'My cat Miso likes to sleep on the warm laptop keyboard' },
        { content: 'Quarterly tax forms are due to the accountant in April' },
        { content: 'Bread recipe: flour, water, salt and a sourdough starter' },
      ],
    });
    await lib.engine.indexed();
    const kw = await call('POST', '/search', { query: 'sourdough', limit: 3 });
    expect(kw.body.results[0].memory.content).toMatch(/sourdough/);
    expect(kw.body.results[0].snippet).toContain('<mark>sourdough</mark>');
    const meaning = await call('POST', '/search', { query: 'kitten napping', limit: 3 });
    expect(meaning.body.results[0].memory.content).toMatch(/cat Miso/);
    expect(meaning.body.results[0].score).toBeGreaterThan(0);
  });

  it('imports all or nothing, keeping ids, timestamps and metadata, and naming a bad record', async () => {
    const before = (await call('GET', '/stats')).body.total_memories;
    const bad = await call('POST', '/import', [
      { id: 'keep-1', content: 'fine' },
      { id: 'keep-2', content: 42 },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Record 1 \(id keep-2\)/);
    expect((await call('GET', '/stats')).body.total_memories).toBe(before);

    const good = await call('POST', '/import', [
      { id: 'keep-1', content: 'from another brain', created_at: '2021-03-04T05:06:07.000Z', updated_at: '2021-03-05T00:00:00.000Z', metadata: { origin: 'x' }, access_count: 7 },
    ]);
    expect(good.body.imported).toBe(1);
    const m = (await call('GET', '/memories/keep-1')).body;
    expect(m.created_at).toBe('2021-03-04T05:06:07.000Z');
    expect(m.updated_at).toBe('2021-03-05T00:00:00.000Z');
    expect(m.metadata).toEqual({ origin: 'x' });
    expect(m.access_count).toBe(8);
    expect((await call('POST', '/import', [{ id: 'keep-1', content: 'again' }])).status).toBe(409);
  });

  it('exports what it imports', async () => {
    const exp = await call('POST', '/export');
    expect(exp.status).toBe(200);
    expect(exp.body.count).toBe(exp.body.memories.length);
    expect(exp.body.memories.find((m: { id: string }) => m.id === 'keep-1').content).toBe('from another brain');
  });

  it('answers bad input with 400 and the zod issues, unknown ids with 404, big bodies with 413', async () => {
    const malformed = await call('POST', '/memories', '{"content": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_input');
    const wrongType = await call('POST', '/memories', { content: 'x', importance_score: 'high' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toEqual(['importance_score']);
    expect((await call('GET', '/memories/does-not-exist')).status).toBe(404);
    expect((await call('GET', '/memories/..%2F..%2Fetc')).status).toBe(400);
    const huge = await call('POST', '/import', { memories: [{ content: 'x'.repeat(100 * 1024) }] });
    expect(huge.status).toBe(413);
    expect((await call('POST', '/api/v1/no.such.handler', {})).status).toBe(404);
  });

  it('serves every handler under /api/v1 and documents it in /openapi.json', async () => {
    const note = await call('POST', '/api/v1/notes.create', { title: 'Via handler', body: 'hello #api' });
    expect(note.body.tags).toEqual(['api']);
    const doc = (await call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/notes.create'].post.requestBody.content['application/json'].schema.properties.title).toBeTruthy();
    expect(doc.paths['/memories/{id}'].get).toBeTruthy();
  });

  it('puts a request id on every response', async () => {
    const res = await call('GET', '/health', undefined, {});
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('HTTP limits', () => {
  it('rate-limits per key and keeps CORS closed unless origins are named', async () => {
    const strict = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', rateLimitPerMinute: 3 });
    const url = await strict.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/stats`, { headers: { 'x-api-key': KEY } })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Another key has its own budget (and is refused for being wrong, not for the rate).
      expect((await fetch(`${url}/stats`, { headers: { 'x-api-key': 'other' } })).status).toBe(401);
      const preflight = await fetch(`${url}/memories`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await strict.close();
    }
    const open = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', corsOrigins: ['https://app.example'] });
    const openUrl = await open.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${openUrl}/health`, { headers: { origin: 'https://app.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    } finally {
      await open.close();
    }
  });
});
