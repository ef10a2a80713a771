import fs from 'node:fs';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import type { NodeDTO } from '../../shared/schemas';
import { createHttpServer } from './http';

const KEY = 'vault-key';
let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  lib = await openTempLibrary();
  app = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', bodyLimit: 16 * 1024, importBodyLimit: 64 * 1024 });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await lib.cleanup();
});

const file = (path: string, text: string, lastModified?: number) => ({ path, base64: Buffer.from(text).toString('base64'), lastModified });

async function upload(body: unknown) {
  const res = await fetch(`${base}/api/v1/vault.importFiles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const titles = () => lib.engine.nodes.list({ limit: 1000 }).items.map((n) => n.title).sort();
const uploadDirs = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('engram-upload-'));

describe('POST /api/v1/vault.importFiles', () => {
  it('imports an uploaded vault with folders, tags, links and file dates, and leaves no temp folder', async () => {
    const before = uploadDirs();
    const res = await upload({
      files: [
        file('Garden.md', 'Plant the #tomatoes after the frost. See [[Compost]].', Date.UTC(2023, 4, 1)),
        file('Projects\\Compost.md', 'Turn the heap weekly.'),
        file('./Projects//Shed/Paint.md', 'Two coats of green.'),
        file('.obsidian/app.json', '{}'),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ notes: 3, folders: 2, attachments: 0 });
    expect(titles()).toEqual(['Compost', 'Garden', 'Paint', 'Projects', 'Shed']);
    const garden = lib.engine.nodes.list({ limit: 10, tags: ['tomatoes'] }).items[0]!;
    expect(garden.createdAt).toBe('2023-05-01T00:00:00.000Z');
    expect(lib.engine.nodes.links(garden.id).outgoing[0]?.targetId).toBeTruthy();
    expect(uploadDirs()).toEqual(before);
  });

  it('refuses path traversal, absolute paths and NUL with a 400 naming the file, and imports nothing', async () => {
    const before = titles();
    for (const bad of ['../escape.md', 'notes/../../escape.md', '..\\escape.md', '/etc/escape.md', 'C:\\escape.md', 'a\0.md']) {
      const res = await upload({ files: [file('fine.md', 'ok'), file(bad, 'x')] });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toContain(`The file ${JSON.stringify(bad)}`);
    }
    expect(titles()).toEqual(before);
    expect(fs.existsSync(`${os.tmpdir()}/escape.md`)).toBe(false);
  });

  it('refuses two files at one path, and a vault with a bad note, naming them', async () => {
    const twice = await upload({ files: [file('a/b.md', 'one'), file('a//b.md', 'two')] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('"a/b.md" is sent twice');
    const badYaml = await upload({ files: [file('Broken.md', '---\ntitle: [unclosed\n---\nbody')] });
    expect(badYaml.status).toBe(400);
    expect(badYaml.body.error.message).toMatch(/Broken\.md has front matter that is not valid YAML/);
  });

  it('takes uploads larger than the JSON limit, up to the import limit, and answers 413 beyond it', async () => {
    const big = await upload({ files: [file('Big.md', 'words '.repeat(5_000))] }); // ~40 KB of base64.
    expect(big.status).toBe(200);
    const huge = await upload({ files: [file('Huge.md', 'x'.repeat(100 * 1024))] });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect(lib.engine.nodes.list({ limit: 1000 }).items.some((n: NodeDTO) => n.title === 'Huge')).toBe(false);
  });
});

