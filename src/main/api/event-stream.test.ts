import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import { HttpClient } from '../../shared/http-client';
import type { EngineEvents } from '../../shared/events';
import { createHttpServer } from './http';

const KEY = 'events-key';
let lib: Awaited<ReturnType<typeof openTempLibrary>>;

beforeAll(async () => {
  lib = await openTempLibrary();
  await lib.engine.indexed();
});
afterAll(() => lib.cleanup());

const server = (port = 0) =>
  createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', eventKeepAliveMs: 50 }).then(async (app) => ({
    app,
    url: await app.listen({ port, host: '127.0.0.1' }),
  }));

/** Resolves with the next payload of `event` the client hears. */
function next<K extends keyof EngineEvents>(client: HttpClient, event: K): Promise<EngineEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(event, (p) => (off(), resolve(p)));
  });
}

describe('GET /api/v1/events', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => (s = await server()));
  afterAll(() => s.app.close());

  it('needs the key, and is documented', async () => {
    expect((await fetch(`${s.url}/api/v1/events`)).status).toBe(401);
    const doc = await (await fetch(`${s.url}/openapi.json`, { headers: { authorization: `Bearer ${KEY}` } })).json();
    expect(doc.paths['/api/v1/events'].get.responses[200].content['text/event-stream']).toBeTruthy();
    expect(doc.paths['/api/v1/vault.importFiles'].post.requestBody).toBeTruthy();
  });

  it('streams engine events as SSE with keep-alive comments, and lets go of the bus on disconnect', async () => {
    const offs: string[] = [];
    const onAny = lib.engine.events.onAny.bind(lib.engine.events);
    const spy = vi.spyOn(lib.engine.events, 'onAny').mockImplementation((fn) => {
      const off = onAny(fn);
      return () => (offs.push('off'), off());
    });
    // node:http rather than fetch: an aborted fetch leaves a spare pooled socket that delays the server's close.
    const res = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${s.url}/api/v1/events`, { headers: { authorization: `Bearer ${KEY}` } }, resolve),
    );
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    res.setEncoding('utf8');
    let text = '';
    res.on('data', (chunk: string) => (text += chunk));
    const until = (pattern: RegExp) => vi.waitFor(() => expect(text).toMatch(pattern));
    await until(/: connected/);
    lib.engine.events.emit('engine.warning', { message: 'disk nearly full' });
    await until(/event: engine\.warning\ndata: \{"message":"disk nearly full"\}\n\n/);
    await until(/: keep-alive\n\n/);
    res.destroy();
    await vi.waitFor(() => expect(offs).toEqual(['off']));
    spy.mockRestore();
  });
});

describe('HttpClient.on', () => {
  it('dispatches events by name with the key in a header, and reconnects after the server restarts, asking for a resync', async () => {
    let s = await server();
    const client = new HttpClient(KEY, s.url);
    const first = next(client, 'job.progress');
    // The stream opens asynchronously: keep emitting until the client has heard one.
    const emitUntil = async (heard: Promise<unknown>, payload: EngineEvents['job.progress']) => {
      let done = false;
      void heard.then(() => (done = true));
      while (!done) {
        lib.engine.events.emit('index.progress', { embedder: 'x', pending: 0, done: 0, total: 0 }); // Not listened to.
        lib.engine.events.emit('job.progress', payload);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await emitUntil(first, { job: 'vault.import', done: 1, total: 2 });
    expect(await first).toEqual({ job: 'vault.import', done: 1, total: 2 });

    const keep = client.on('job.progress', () => {}); // Holds the stream open across the restart.
    let resynced = 0;
    const offResync = client.onResync(() => resynced++);
    // Make sure this stream is connected before the drop, so coming back is a reconnect.
    const warm = next(client, 'job.progress');
    await emitUntil(warm, { job: 'warm-up', done: 0, total: 1 });
    const port = Number(new URL(s.url).port);
    await s.app.close();
    s = await server(port);
    const again = next(client, 'job.progress');
    await emitUntil(again, { job: 'backup', done: 2, total: 2 });
    expect((await again).job).toBe('backup');
    // Coming back after the drop tells listeners to refresh what they may have missed, once.
    expect(resynced).toBe(1);
    offResync();
    keep();
    await s.app.close();
  });
});
