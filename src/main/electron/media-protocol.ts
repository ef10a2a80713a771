/**
 * The desktop app has no HTTP server, so thumbnails, previews and recordings load from a privileged
 * `engram-media://blob/<sha256>?sig=…` scheme, with the same signatures as web mode's blob URLs.
 */
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { net, protocol } from 'electron';
import type { Engine } from '../engine/engine';

const SCHEME = 'engram-media';
const SHA = /^[0-9a-f]{64}$/;

/** Must run before the app is ready. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

export function serveMediaProtocol(engine: Engine): void {
  engine.blobUrls.useBase(`${SCHEME}://blob/`);
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const sha = url.pathname.replace(/^\//, '');
    if (!SHA.test(sha) || !engine.blobUrls.verify(sha, url.searchParams.get('sig') ?? undefined)) {
      return new Response('This media link is not valid for this library', { status: 401 });
    }
    const blob = engine.blobs.get(sha);
    const file = blob ? engine.blobs.absolute(blob) : null;
    if (!blob || !file || !fs.existsSync(file)) return new Response('This file is no longer in the library', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href, { headers: request.headers });
    const headers = new Headers(response.headers);
    headers.set('content-type', blob.mime);
    return new Response(response.body, { status: response.status, headers });
  });
}
