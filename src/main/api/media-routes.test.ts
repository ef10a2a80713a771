/**
 * Media over real HTTP: multipart upload, resumable upload with a resent chunk, size limits, hostile names,
 * bad payloads, and signed blob URLs with range requests.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import type { IngestOutcome, IngestSummary, MediaDetailDTO } from '../../shared/media-schemas';
import { FIXTURES } from '../media/photo/test-support';
import { createHttpServer } from './http';

const KEY = 'media-key';
const auth = { authorization: `Bearer ${KEY}` };
let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  lib = await openTempLibrary();
  lib.engine.media.updateSettings({ maxFileMb: 20, steps: { ocr: false, vision: false, transcribe: true } });
  app = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent' });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await lib.cleanup();
});

async function upload(files: { name: string; bytes: Buffer; meta?: object }[], headers: Record<string, string> = auth) {
  const form = new FormData();
  for (const f of files) {
    if (f.meta) form.append('meta', JSON.stringify(f.meta));
    form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  }
  const res = await fetch(`${base}/api/v1/upload`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as IngestSummary & { error?: { code: string; message: string } } };
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1/${name}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

const photo = (name: string) => fs.readFileSync(path.join(FIXTURES, 'jpg', name));

describe('POST /api/v1/upload', () => {
  it('ingests several files with per-file metadata, and finds the duplicate', async () => {
    const res = await upload([
      { name: 'Canon_40D.jpg', bytes: photo('Canon_40D.jpg'), meta: { clientOffsetMinutes: 120 } },
      { name: 'notes.md', bytes: Buffer.from('# Trip\nWe saw #puffins at the cliffs.'), meta: { eventTime: '2021-06-01T09:00:00+01:00' } },
      { name: 'again.jpg', bytes: photo('Canon_40D.jpg') },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 2, duplicates: 1, rejected: 0 });
    const [jpg, md, dup] = res.body.outcomes as IngestOutcome[];
    expect(dup!.duplicateOf).toBe(jpg!.nodeId);
    await lib.engine.media.drain();
    const note = await call<MediaDetailDTO>('media.detail', { id: md!.nodeId });
    expect(note.mediaKind).toBe('document');
    expect(note.node.eventTime?.at).toBe('2021-06-01T08:00:00.000Z');
    expect(note.node.body).toMatch(/puffins/);
  });

  it('keeps a hostile file name as display text only', async () => {
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } }).png().toBuffer();
    const res = await upload([{ name: '../../../etc/passwd\u202egnp.png', bytes }]);
    expect(res.status).toBe(200);
    const detail = await call<MediaDetailDTO>('media.detail', { id: res.body.outcomes[0]!.nodeId });
    expect(detail.fileName).not.toMatch(/[/\\]|\u202e/);
    expect(detail.node.title).toBe('passwdgnp');
    expect(fs.existsSync(path.join(lib.dir, '..', '..', 'etc', 'passwdgnp.png'))).toBe(false);
  });

  it('refuses files over the size limit with 413 and keeps nothing of them', async () => {
    lib.engine.media.updateSettings({ maxFileMb: 1 });
    try {
      const before = lib.engine.db.prepare('SELECT count(*) FROM nodes').pluck().get();
      const res = await upload([{ name: 'big.bin', bytes: randomBytes(1_200_000) }]);
      expect(res.status).toBe(413);
      expect(res.body.error?.message).toMatch(/1 MB limit/);
      expect(lib.engine.db.prepare('SELECT count(*) FROM nodes').pluck().get()).toBe(before);
      expect(fs.readdirSync(path.join(lib.dir, 'tmp')).filter((f) => f.startsWith('upload-'))).toEqual([]);
    } finally {
      lib.engine.media.updateSettings({ maxFileMb: 20 });
    }
  });

  it('says why an unreadable file was not added while the others go in', async () => {
    const res = await upload([
      { name: 'data.bin', bytes: randomBytes(2000) },
      { name: 'Nikon_D70.jpg', bytes: photo('Nikon_D70.jpg') },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 1, rejected: 1 });
    expect(res.body.outcomes[0]!.reason).toMatch(/cannot read this kind of file/);
  });

  it('rejects bad requests clearly: no key, no files, bad meta', async () => {
    expect((await upload([{ name: 'a.md', bytes: Buffer.from('x') }], {})).status).toBe(401);
    const noFile = await fetch(`${base}/api/v1/upload`, { method: 'POST', headers: auth, body: new FormData() });
    expect(noFile.status).toBe(400);
    const badMeta = await upload([{ name: 'a.md', bytes: Buffer.from('hello'), meta: { clientOffsetMinutes: 'east' } }]);
    expect(badMeta.status).toBe(400);
    expect(badMeta.body.error?.message).toMatch(/clientOffsetMinutes/);
  });
});

describe('resumable uploads', () => {
  const put = (id: string, offset: number, bytes: Buffer) =>
    fetch(`${base}/api/v1/uploads/${id}?offset=${offset}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });

  it('takes a large file in chunks, accepts a resent chunk, refuses a gap, and ingests it whole', async () => {
    // A real photo padded past 10 MB with a trailing comment segment is still the same image to decoders.
    const image = photo('Canon_40D.jpg');
    const file = Buffer.concat([image.subarray(0, image.length - 2), Buffer.alloc(11 * 1024 * 1024, 0x20), image.subarray(image.length - 2)]);
    const start = await call<{ id: string; chunkBytes: number; received: number }>('uploads', { size: file.length, meta: { fileName: 'big.jpg' } });
    const chunk = start.chunkBytes;
    expect((await put(start.id, 0, file.subarray(0, chunk))).status).toBe(200);
    // The connection dropped after the server stored the chunk; the client sends it again.
    expect((await put(start.id, 0, file.subarray(0, chunk))).status).toBe(200);
    const gap = await put(start.id, chunk + 10, file.subarray(chunk + 10, chunk + 20));
    expect(gap.status).toBe(409);
    expect(((await gap.json()) as { error: { details: { received: number } } }).error.details.received).toBe(chunk);
    const status = (await (await fetch(`${base}/api/v1/uploads/${start.id}`, { headers: auth })).json()) as { received: number };
    expect(status.received).toBe(chunk);
    const early = await fetch(`${base}/api/v1/uploads/${start.id}/complete`, { method: 'POST', headers: auth });
    expect(early.status).toBe(409);
    expect((await put(start.id, chunk, file.subarray(chunk))).status).toBe(200);
    const done = await fetch(`${base}/api/v1/uploads/${start.id}/complete`, { method: 'POST', headers: auth });
    const outcome = (await done.json()) as IngestOutcome;
    expect(outcome.status).toBe('added');
    // The answer was lost and the client completes again: the same outcome, nothing ingested twice.
    const again = await fetch(`${base}/api/v1/uploads/${start.id}/complete`, { method: 'POST', headers: auth });
    expect(await again.json()).toEqual(outcome);
    const stored = lib.engine.blobs.ofNode(outcome.nodeId!).find((b) => b.role === 'original')!;
    expect(fs.readFileSync(lib.engine.blobs.absolute(stored)).equals(file)).toBe(true);
    expect(fs.readdirSync(path.join(lib.dir, 'tmp', 'uploads'))).toEqual([]); // the bytes are freed at once
  });

  it('refuses a declared size over the limit, a chunk past the end, and unknown ids', async () => {
    const big = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ size: 50 * 1024 * 1024, meta: { fileName: 'x.mp4' } }) });
    expect(big.status).toBe(413);
    const res = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ size: 10, meta: { fileName: 'x.txt' } }) });
    const { id } = (await res.json()) as { id: string };
    expect((await put(id, 0, Buffer.alloc(11))).status).toBe(400);
    expect((await put('../../engram.db', 0, Buffer.alloc(1))).status).toBe(404);
    expect((await fetch(`${base}/api/v1/uploads/nope/complete`, { method: 'POST', headers: auth })).status).toBe(404);
  });
});

describe('GET /api/v1/blobs/:sha', () => {
  it('serves a blob by its signed URL, with ranges, and nothing without a valid signature', async () => {
    const res = await upload([{ name: 'Pentax_K10D.jpg', bytes: photo('Pentax_K10D.jpg') }]);
    await lib.engine.media.drain();
    const detail = await call<MediaDetailDTO>('media.detail', { id: res.body.outcomes[0]!.nodeId });
    const thumb = detail.blobs.find((b) => b.role === 'thumbnail')!;
    const got = await fetch(`${base}${thumb.url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await got.arrayBuffer())).metadata()).width).toBeLessThanOrEqual(320);
    const original = detail.blobs.find((b) => b.role === 'original')!;
    const part = await fetch(`${base}${original.url}`, { headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const forged = thumb.url.replace(/sig=.*/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(`${base}${forged}`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/blobs/${'0'.repeat(64)}?sig=x`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/blobs/..%2F..%2Fengram.db?sig=x`)).status).toBe(400);
  });

  it('serves an uploaded HTML document as a download, never as a page', async () => {
    const res = await upload([{ name: 'page.html', bytes: Buffer.from('<html><body><script>alert(1)</script>hello</body></html>') }]);
    const detail = await call<MediaDetailDTO>('media.detail', { id: res.body.outcomes[0]!.nodeId });
    const got = await fetch(`${base}${detail.blobs.find((b) => b.role === 'original')!.url}`);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-disposition')).toBe('attachment');
  });
});
