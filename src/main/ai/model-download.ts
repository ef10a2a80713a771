/**
 * Downloads a model (an ONNX sentence-transformer folder for embeddings, a ggml Whisper file for a speech
 * server) into `<library>/models/<name>/` when the machine is online: every file streamed to a temporary name
 * with progress events, checked against its SHA-256, and the folder moved into place only when all files
 * are good. A failed or cancelled download leaves nothing behind and the previous model untouched.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { EventBus } from '../engine/event-bus';
import { EngramError } from '../../shared/errors';

const SafeSegment = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits and . _ - only');

export const ModelDownload = z.object({
  /** The folder name under <library>/models. */
  name: SafeSegment,
  kind: z.enum(['onnx-embedding', 'whisper']),
  files: z
    .array(
      z.object({
        url: z.url({ protocol: /^https?$/ }),
        /** Where the file goes inside the model folder (may name one subfolder, e.g. onnx/model.onnx). */
        path: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)?$/).refine((p) => !p.split('/').includes('..'), 'no ..'),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1)
    .max(20),
});
export type ModelDownload = z.infer<typeof ModelDownload>;

export async function downloadModel(
  libraryDir: string,
  input: z.input<typeof ModelDownload>,
  opts: { events?: EventBus; signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<{ dir: string; bytes: number }> {
  const spec = ModelDownload.parse(input);
  const root = path.join(libraryDir, 'models');
  const target = path.join(root, spec.name);
  const staging = path.join(root, `.download-${randomUUID()}`);
  const job = `model.download:${spec.name}`;
  let total = 0;
  try {
    for (const [i, file] of spec.files.entries()) {
      const dest = path.join(staging, ...file.path.split('/'));
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      const res = await (opts.fetch ?? fetch)(file.url, { signal: opts.signal }).catch((error: unknown) => {
        throw new EngramError('provider_unavailable', `Could not download ${file.url}: ${(error as Error).message}. Check the connection and try again.`);
      });
      if (!res.ok || !res.body) throw new EngramError('provider_unavailable', `Could not download ${file.url}: the server answered ${res.status}`);
      const length = Number(res.headers.get('content-length') ?? 0);
      const hash = createHash('sha256');
      let done = 0;
      let lastReport = 0;
      const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        done += chunk.length;
        if (Date.now() - lastReport > 250 || done === length) {
          lastReport = Date.now();
          opts.events?.emit('job.progress', { job, done, total: length || done, label: `${file.path} (${i + 1} of ${spec.files.length})` });
        }
      });
      await pipeline(body, fs.createWriteStream(dest));
      const digest = hash.digest('hex');
      if (digest !== file.sha256) {
        throw new EngramError('invalid_input', `${file.path} did not match its checksum (got ${digest.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…); nothing was installed. The download was damaged or the file changed.`);
      }
      total += done;
    }
    // Swap in the new folder; an older copy is removed only after the new one is in place.
    const old = fs.existsSync(target) ? `${target}.old-${randomUUID()}` : null;
    if (old) await fsp.rename(target, old);
    await fsp.rename(staging, target);
    if (old) await fsp.rm(old, { recursive: true, force: true });
    opts.events?.emit('job.progress', { job, done: total, total, label: 'done' });
    return { dir: target, bytes: total };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}
