/**
 * The built renderer served at `/`: its CSP (taken from the page's own meta tag, so there is one source) sent as a
 * header too, where `frame-ancestors` also takes effect; hashed assets cached for good, the page never. Other
 * browser navigations outside the API (`/notes/<id>`) are sent to the app's hash route (`/#/notes/<id>`): the
 * page links its assets relatively (`./assets/…`, which file:// in Electron needs), so it only loads from `/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

const INDEX = 'index.html';
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;
/** The page's stand-in when the built page carries no CSP of its own. */
const FALLBACK_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'";
/** Only a header can forbid framing (browsers ignore `frame-ancestors` in a meta tag). */
const withFrameAncestors = (csp: string) => (/frame-ancestors/.test(csp) ? csp : `${csp}; frame-ancestors 'none'`);

export interface WebUi {
  /** A browser navigation (GET, wants HTML, outside `/api/`, not `/` itself) that no route answered. */
  isNavigation(req: FastifyRequest): boolean;
  /** To the same path as the app's hash route; a fragment cannot lead off this origin. */
  toApp(req: FastifyRequest, reply: FastifyReply): FastifyReply;
}

export async function registerWebUi(app: FastifyInstance, root: string): Promise<WebUi | null> {
  const indexFile = path.join(root, INDEX);
  if (!fs.existsSync(indexFile)) return null;
  const csp = withFrameAncestors(CSP_META.exec(fs.readFileSync(indexFile, 'utf8'))?.[1] ?? FALLBACK_CSP);

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true, // Files are looked up per request, so a rebuild under a running server is served at once.
    index: [INDEX],
    cacheControl: false,
    setHeaders: (reply, file) => {
      if (file.endsWith('.html')) {
        reply.header('content-security-policy', csp);
        reply.header('cache-control', 'no-cache'); // Revalidated each load, so a new build shows at once.
      } else if (path.relative(root, file).startsWith(`assets${path.sep}`)) {
        reply.header('cache-control', 'public, max-age=31536000, immutable'); // Vite names them by content hash.
      }
    },
  });

  return {
    isNavigation: (req) =>
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.url.startsWith('/api/') &&
      !/^\/(\?|#|$)/.test(req.url) && // `/` unanswered means the page is missing (mid-build): no redirect loop.
      (req.headers.accept ?? '').includes('text/html'),
    toApp: (req, reply) => reply.redirect(`/#${req.url}`),
  };
}
