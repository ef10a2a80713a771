import { afterEach, describe, expect, it } from 'vitest';
import { detectLocalOllama } from './index';
import { closeAllServers, closedPort, ollamaTags, route, serve, silent } from './test-support';

afterEach(closeAllServers);

describe('detectLocalOllama', () => {
  it('finds an Ollama answering on this machine, with its models', async () => {
    const server = await serve(route({ 'GET /api/tags': ollamaTags([{ name: 'llama3.2:latest' }, { name: 'llava:7b' }]) }));
    expect(await detectLocalOllama(server.baseUrl)).toEqual({ models: ['llama3.2:latest', 'llava:7b'] });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/tags']);
  });

  it('finds an Ollama without models', async () => {
    const server = await serve(route({ 'GET /api/tags': ollamaTags([]) }));
    expect(await detectLocalOllama(server.baseUrl)).toEqual({ models: [] });
  });

  it('finds nothing on a closed port', async () => {
    expect(await detectLocalOllama(await closedPort())).toBeNull();
  });

  it('finds nothing when something else answers', async () => {
    const html = await serve((_e, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Jupyter</html>'));
    expect(await detectLocalOllama(html.baseUrl)).toBeNull();
    const otherJson = await serve((_e, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    expect(await detectLocalOllama(otherJson.baseUrl)).toBeNull();
  });

  it('gives up after the timeout', async () => {
    const server = await serve(silent);
    const started = Date.now();
    expect(await detectLocalOllama(server.baseUrl, 200)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('never probes another machine', async () => {
    const started = Date.now();
    expect(await detectLocalOllama('http://192.0.2.10:11434')).toBeNull();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
