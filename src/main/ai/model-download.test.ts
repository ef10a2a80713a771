/** Model downloads from a real local HTTP server: progress, checksums, all-or-nothing, hostile names. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-library';
import { EventBus } from '../engine/event-bus';
import { downloadModel } from './model-download';

const files: Record<string, Buffer> = { '/model.onnx': Buffer.alloc(300_000, 7), '/tokenizer.json': Buffer.from('{"version":"1.0"}') };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let base = '';
let server: http.Server;
const library = tempDir('engram-models-');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(library, { recursive: true, force: true });
});

const spec = (over: Partial<{ sha: string; url: string; name: string; path: string }> = {}) => ({
  name: over.name ?? 'minilm',
  kind: 'onnx-embedding' as const,
  files: [
    { url: `${base}/tokenizer.json`, path: 'tokenizer.json', sha256: sha(files['/tokenizer.json']!) },
    { url: over.url ?? `${base}/model.onnx`, path: over.path ?? 'onnx/model.onnx', sha256: over.sha ?? sha(files['/model.onnx']!) },
  ],
});

it('downloads every file with progress, checks them, and installs the folder', async () => {
  const events = new EventBus();
  const progress: number[] = [];
  events.on('job.progress', (p) => progress.push(p.done));
  const r = await downloadModel(library, spec(), { events });
  expect(r.bytes).toBe(300_000 + files['/tokenizer.json']!.length);
  expect(fs.readFileSync(path.join(library, 'models/minilm/onnx/model.onnx')).equals(files['/model.onnx']!)).toBe(true);
  expect(progress.at(-1)).toBe(r.bytes);
});

it('installs nothing and keeps the old model when a checksum is wrong or a file is missing', async () => {
  await expect(downloadModel(library, spec({ sha: 'a'.repeat(64) }))).rejects.toThrow(/did not match its checksum/);
  await expect(downloadModel(library, spec({ url: `${base}/missing` }))).rejects.toThrow(/answered 404/);
  expect(fs.readFileSync(path.join(library, 'models/minilm/onnx/model.onnx')).length).toBe(300_000); // the first test's copy
  expect(fs.readdirSync(path.join(library, 'models')).filter((n) => n.startsWith('.download'))).toEqual([]);
});

it('refuses names and paths that would leave the models folder', async () => {
  await expect(downloadModel(library, spec({ name: '../escape' }))).rejects.toThrow(/letters, digits/);
  await expect(downloadModel(library, spec({ path: '../../engram.db' }))).rejects.toThrow();
  await expect(downloadModel(library, { ...spec(), files: [{ url: 'file:///etc/passwd', path: 'x', sha256: 'a'.repeat(64) }] })).rejects.toThrow();
});
