import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary, tempDir } from '../../../tests/helpers/temp-library';
import { createHttpServer } from './http';

const KEY = 'web-key';
const CSP = "default-src 'self'; script-src 'self'";
let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let app: FastifyInstance;
let base: string;
let webRoot: string;

beforeAll(async () => {
  lib = await openTempLibrary();
  webRoot = tempDir('engram-web-');
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), `<html><head><meta http-equiv="Content-Security-Policy" content="${CSP}" /></head><body>app</body></html>`);
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
  app = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', webRoot });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await lib.cleanup();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('web UI', () => {
  it('serves the page with its own CSP as a header, never cached, and hashed assets cached for good', async () => {
    const res = await fetch(`${base}/`, { headers: page });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('app');
    expect(res.headers.get('content-security-policy')).toBe(`${CSP}; frame-ancestors 'none'`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await fetch(`${base}/assets/index-Ab12Cd.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBeNull();
  });

  it('sends browser navigations to other paths to the hash route of the page, without a key', async () => {
    const res = await fetch(`${base}/notes/some-id?x=1`, { headers: page, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/#/notes/some-id?x=1');
    const offsite = await fetch(`${base}//evil.example/x`, { headers: page, redirect: 'manual' });
    expect(offsite.headers.get('location') ?? '/#').toMatch(/^\/#/); // Never a redirect off this origin.
  });

  it('keeps the API, memory routes and missing assets out of that fallback', async () => {
    expect((await fetch(`${base}/memories`, { headers: page })).status).toBe(401);
    expect((await fetch(`${base}/api/v1/events`, { headers: page })).status).toBe(401);
    const unknownApi = await fetch(`${base}/api/v2/anything`, { headers: page });
    expect(unknownApi.status).toBe(404);
    expect((await unknownApi.json()).error.code).toBe('not_found');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/notes/some-id`)).status).toBe(404); // Not a browser navigation.
    fs.renameSync(path.join(webRoot, 'index.html'), path.join(webRoot, 'gone.html')); // As during a rebuild.
    try {
      expect((await fetch(`${base}/`, { headers: page, redirect: 'manual' })).status).toBe(404);
    } finally {
      fs.renameSync(path.join(webRoot, 'gone.html'), path.join(webRoot, 'index.html'));
    }
  });
});
