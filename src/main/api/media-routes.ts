/**
 * Media over HTTP: `POST /api/v1/upload` (multipart, one or more files), resumable uploads for large files
 * (`/api/v1/uploads`), and `GET /api/v1/blobs/:sha256` for thumbnails, previews and originals by signed URL.
 */
import fs from 'node:fs';
import { pipeline as streamPipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import send from '@fastify/send';
import { z } from 'zod';
import { EngramError, invalidInput } from '../../shared/errors';
import { UploadMeta, type IngestOutcome } from '../../shared/media-schemas';
import type { Engine } from '../engine/engine';
import { invalid } from '../engine/handlers';
import { summarise } from '../media/ingest-paths';
import { ingestFile } from '../media/ingest';
import { withTempFile } from '../media/temp-file';

/** Per-file metadata sent as a `meta` field before the file: everything but the name, which the part carries. */
const PartMeta = UploadMeta.omit({ fileName: true }).partial();
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
const Sha = z.string().regex(/^[0-9a-f]{64}$/);
// Originals of these types are shown inline; anything else (HTML, SVG, PDF…) is a download, never rendered
// on the app's own origin.
const INLINE = /^(image\/(jpeg|png|gif|webp|heic|heif|avif|tiff)|video\/|audio\/)/;

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** Routes that need the API key. */
export function mediaRoutes(engine: Engine): FastifyPluginAsync {
  return async (api) => {
    const maxBytes = () => engine.media.settings().maxFileMb * 1024 * 1024;
    // An oversized file is marked truncated (and reported per file) rather than failing the whole request.
    await api.register(multipart, { throwFileSizeLimit: false, limits: { files: 1000, fields: 2000, fieldSize: 64 * 1024 } });
    // Resumable chunks stream straight to disk: the parser leaves the request body unread for the route.
    api.addContentTypeParser('application/octet-stream', (_req, _payload, done) => done(null));

    api.post('/api/v1/upload', async (req) => {
      if (!req.isMultipart()) throw invalidInput('Send files as multipart/form-data (a `file` part per file, optional `meta` JSON before each)');
      const outcomes: IngestOutcome[] = [];
      let oversized = 0;
      let meta: z.output<typeof PartMeta> = {};
      for await (const part of req.parts({ limits: { fileSize: maxBytes() } })) {
        if (part.type === 'field') {
          if (part.fieldname === 'meta') meta = parse(PartMeta, jsonField(part.value));
          continue;
        }
        const fileMeta = meta;
        meta = {};
        await withTempFile(engine.dir, async (tmp) => {
          await streamPipeline(part.file, fs.createWriteStream(tmp));
          if (part.file.truncated) {
            oversized++;
            outcomes.push({ file: part.filename, status: 'rejected', reason: `It is over the ${engine.media.settings().maxFileMb} MB limit (change it in Settings → Media).` });
            return;
          }
          const full = parse(UploadMeta, { ...fileMeta, fileName: part.filename || 'upload' });
          outcomes.push(await ingestFile(engine.media, { file: tmp, meta: full, source: 'upload' }));
        });
      }
      if (outcomes.length === 0) throw invalidInput('The request carried no file part');
      const summary = summarise(outcomes);
      // Every file refused for its size: the request as a whole was too large.
      if (oversized === outcomes.length) {
        throw new EngramError('payload_too_large', outcomes[0]!.reason!, summary);
      }
      return summary;
    });

    api.post('/api/v1/uploads', async (req) => engine.uploads.start(req.body as never, maxBytes()));
    api.get<{ Params: { id: string } }>('/api/v1/uploads/:id', async (req) => engine.uploads.status(req.params.id));
    api.delete<{ Params: { id: string } }>('/api/v1/uploads/:id', async (req) => {
      engine.uploads.status(req.params.id);
      engine.uploads.remove(req.params.id);
      return { removed: true };
    });
    api.put<{ Params: { id: string }; Querystring: { offset?: string } }>('/api/v1/uploads/:id', async (req) => {
      const offset = Number(req.query.offset ?? 0);
      const length = Number(req.headers['content-length'] ?? NaN);
      if (!Number.isFinite(length)) throw invalidInput('Send the chunk with a Content-Length');
      if (length > MAX_CHUNK_BYTES) throw new EngramError('payload_too_large', `A chunk may be at most ${MAX_CHUNK_BYTES / 1024 / 1024} MB`);
      return engine.uploads.write(req.params.id, offset, length, req.raw);
    });
    api.post<{ Params: { id: string } }>('/api/v1/uploads/:id/complete', async (req) =>
      engine.uploads.complete(req.params.id, (file, meta) => ingestFile(engine.media, { file, meta, source: 'upload' })),
    );
  };
}

/** Blob downloads: authorised by the URL's signature, since <img> and <video> cannot send the key. */
export function blobRoutes(engine: Engine): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { sha: string }; Querystring: { sig?: string; download?: string } }>('/api/v1/blobs/:sha', async (req, reply) => {
      const sha = parse(Sha, req.params.sha);
      if (!engine.blobUrls.verify(sha, req.query.sig)) throw new EngramError('unauthorized', 'This blob link is not valid for this library');
      const blob = engine.blobs.get(sha);
      const file = blob ? engine.blobs.absolute(blob) : null;
      if (!blob || !file || !fs.existsSync(file)) throw new EngramError('not_found', 'This file is no longer in the library (deleted, or its original was dropped to save space)');
      const inline = INLINE.test(blob.mime) && req.query.download === undefined;
      // Range requests let a <video> seek without downloading the whole recording.
      const sent = await send(req.raw, file, { acceptRanges: true, cacheControl: false, lastModified: false, dotfiles: 'allow' });
      reply.code(sent.statusCode).headers(sent.headers);
      reply.header('content-type', inline ? blob.mime : 'application/octet-stream');
      reply.header('cache-control', 'private, max-age=31536000, immutable');
      if (!inline) reply.header('content-disposition', 'attachment');
      return reply.send(sent.stream);
    });
  };
}

function jsonField(value: unknown): unknown {
  try {
    return JSON.parse(String(value));
  } catch {
    throw invalidInput('The `meta` field must be JSON');
  }
}
