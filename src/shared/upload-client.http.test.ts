/**
 * The uploader against a real `engram serve` HTTP server on a temp library, over Node's fetch (the browser's
 * XMLHttpRequest is the same protocol with progress): multipart batches, duplicates, refused files, and the
 * resumable sequence with dropped answers, a gap the server refuses (409), cancel and the size limit.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../tests/helpers/temp-library';
import { createHttpServer } from '../main/api/http';
import type { MediaDetailDTO } from './media-schemas';
import { fetchTransport, UploadCancelled, uploadFiles, UploadNetworkError, type Transport, type UploadOptions } from './upload-client';

const KEY = 'upload-client-key';
const PHOTOS = fileURLToPath(new URL('../../../shared/fixtures/photos/exif-samples/jpg/', import.meta.url));
let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  lib = await openTempLibrary();
  lib.engine.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: false } });
  app = await createHttpServer(lib.engine, { apiKey: KEY, logLevel: 'silent', rateLimitPerMinute: 100_000 });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await lib.cleanup();
});

const photo = (name: string) => {
  const bytes = fs.readFileSync(path.join(PHOTOS, name));
  return new File([new Uint8Array(bytes)], name, { lastModified: Date.UTC(2020, 0, 2) });
};
const sha = (f: Buffer) => createHash('sha256').update(f).digest('hex');
const options = (extra: Partial<UploadOptions> = {}): UploadOptions => ({
  baseUrl: base,
  apiKey: KEY,
  transport: fetchTransport(),
  sleep: async () => undefined,
  ...extra,
});
// Sessions still taking bytes; completed ones keep their outcome for a repeated complete until the sweep.
const openSessions = () => lib.engine.db.prepare("SELECT count(*) FROM uploads WHERE json_extract(meta, '$.outcome') IS NULL").pluck().get() as number;

async function detail(id: string): Promise<MediaDetailDTO> {
  const res = await fetch(`${base}/api/v1/media.detail`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id }),
  });
  return (await res.json()) as MediaDetailDTO;
}

/** A transport that lets `hook` see each request and drop the connection before or after the server acts. */
function flaky(hook: (url: URL, method: string, n: number) => 'before' | 'after' | { offset: number } | void): { transport: Transport; log: string[] } {
  const inner = fetchTransport();
  const log: string[] = [];
  let n = 0;
  const transport: Transport = async (req) => {
    let url = new URL(req.url);
    const what = hook(url, req.method, n++);
    if (what && typeof what === 'object') {
      url = new URL(url);
      url.searchParams.set('offset', String(what.offset));
    }
    log.push(`${req.method} ${url.pathname.replace(/[0-9a-f-]{36}/, 'ID')}${url.search}${typeof what === 'string' ? ` (drop ${what})` : ''}`);
    if (what === 'before') throw new UploadNetworkError('dropped before sending');
    const res = await inner({ ...req, url: url.toString() });
    if (what === 'after') throw new UploadNetworkError('dropped before the answer');
    return res;
  };
  return { transport, log };
}

describe('uploadFiles against engram serve', () => {
  it('sends small files in one multipart request, reporting progress, and says what became of each', async () => {
    const progress: { sentBytes: number; filesDone: number }[] = [];
    const files = [photo('Canon_40D.jpg'), photo('Nikon_D70.jpg'), photo('Pentax_K10D.jpg'), new File([new Uint8Array([0, 1, 2, 3, 250, 251])], 'data.bin')];
    const summary = await uploadFiles(files, options({ onProgress: (p) => progress.push(p) }));
    expect(summary).toMatchObject({ added: 3, duplicates: 0, rejected: 1, skipped: 0 });
    expect(summary.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['Canon_40D.jpg', 'added'],
      ['Nikon_D70.jpg', 'added'],
      ['Pentax_K10D.jpg', 'added'],
      ['data.bin', 'rejected'],
    ]);
    expect(summary.outcomes[3]!.reason).toMatch(/cannot read this kind of file/);
    const total = files.reduce((s, f) => s + f.size, 0);
    expect(progress.at(-1)).toMatchObject({ sentBytes: total, filesDone: 4 });
    expect(progress.map((p) => p.sentBytes)).toEqual([...progress.map((p) => p.sentBytes)].sort((a, b) => a - b));
    const item = await detail(summary.outcomes[0]!.nodeId!);
    expect([item.fileName, item.mediaKind, item.size]).toEqual(['Canon_40D.jpg', 'photo', files[0]!.size]);
  });

  it('finds the same bytes sent again', async () => {
    const summary = await uploadFiles([photo('Canon_40D.jpg')], options());
    expect(summary).toMatchObject({ added: 0, duplicates: 1 });
    expect(summary.outcomes[0]!.reason).toMatch(/already in the library/);
  });

  it('sends a large file in chunks, resuming after dropped connections and a refused gap', async () => {
    const name = 'Reconyx_HC500_Hyperfire.jpg';
    const bytes = fs.readFileSync(path.join(PHOTOS, name));
    let puts = 0;
    const { transport, log } = flaky((url, method) => {
      if (method !== 'PUT') return;
      puts++;
      if (puts === 2) return 'after'; // The server stored the chunk; the answer was lost.
      if (puts === 4) return 'before'; // Nothing arrived.
      if (puts === 5) return { offset: Number(url.searchParams.get('offset')) + 50_000 }; // A gap: 409 with `received`.
    });
    const progress: number[] = [];
    const summary = await uploadFiles(
      [new File([new Uint8Array(bytes)], name)],
      options({ transport, limits: { resumableOverBytes: 100_000, batchMaxBytes: 1 << 20, batchMaxFiles: 10 }, maxChunkBytes: 64 * 1024, onProgress: (p) => progress.push(p.sentBytes) }),
    );
    expect(summary).toMatchObject({ added: 1 });
    expect(log.slice(0, 9)).toEqual([
      'POST /api/v1/uploads',
      'PUT /api/v1/uploads/ID?offset=0',
      'PUT /api/v1/uploads/ID?offset=65536 (drop after)',
      'GET /api/v1/uploads/ID',
      'PUT /api/v1/uploads/ID?offset=131072',
      'PUT /api/v1/uploads/ID?offset=196608 (drop before)',
      'GET /api/v1/uploads/ID',
      'PUT /api/v1/uploads/ID?offset=246608', // 196608 + 50000: refused
      'PUT /api/v1/uploads/ID?offset=196608',
    ]);
    expect(log.at(-1)).toBe('POST /api/v1/uploads/ID/complete');
    expect(progress.at(-1)).toBe(bytes.length);
    const item = await detail(summary.outcomes[0]!.nodeId!);
    expect(item.size).toBe(bytes.length);
    expect(lib.engine.db.prepare('SELECT sha256 FROM media_items WHERE node_id = ?').pluck().get(item.node.id)).toBe(sha(bytes));
    expect(openSessions()).toBe(0);
  });

  it('stops when cancelled, keeps what was done, and removes the unfinished session', async () => {
    const controller = new AbortController();
    const big = new File([new Uint8Array(fs.readFileSync(path.join(PHOTOS, 'corrupted.jpg')))], 'big.jpg');
    let puts = 0;
    const { transport } = flaky((_url, method) => {
      if (method === 'PUT' && ++puts === 2) controller.abort();
    });
    const run = uploadFiles(
      [photo('Kodak_CX7530.jpg'), big],
      options({ transport, signal: controller.signal, limits: { resumableOverBytes: 100_000, batchMaxBytes: 1 << 20, batchMaxFiles: 10 }, maxChunkBytes: 256 * 1024 }),
    );
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadCancelled);
    expect((error as UploadCancelled).partial).toMatchObject({ added: 1, outcomes: [{ file: 'Kodak_CX7530.jpg', status: 'added' }] });
    await expect.poll(openSessions).toBe(0);
  });

  it('reports a file over the size limit as not added, and goes on with the others', async () => {
    lib.engine.media.updateSettings({ maxFileMb: 1 });
    try {
      const big = new File([new Uint8Array(1_300_000).fill(1)], 'huge.wav');
      const tooBigSmall = new File([new Uint8Array(1_100_000).fill(2)], 'medium.wav');
      const summary = await uploadFiles(
        [big, photo('Olympus_C8080WZ.jpg'), tooBigSmall],
        options({ limits: { resumableOverBytes: 1_200_000, batchMaxBytes: 1 << 22, batchMaxFiles: 1 } }),
      );
      expect(summary.outcomes.map((o) => o.status)).toEqual(['rejected', 'added', 'rejected']);
      expect(summary.outcomes[0]!.reason).toMatch(/over the 1 MB limit/);
      expect(summary.outcomes[2]!.reason).toMatch(/over the 1 MB limit/);
    } finally {
      lib.engine.media.updateSettings({ maxFileMb: 4096 });
    }
  });

  it('fails the whole import on a bad key', async () => {
    await expect(uploadFiles([photo('Sony_HDR-HC3.jpg')], options({ apiKey: 'wrong' }))).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
