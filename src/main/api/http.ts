/**
 * The HTTP transport: `POST /api/v1/<handler>` for every registry handler, the REST memory routes that
 * brain-server clients expect, the live event stream, `/openapi.json`, `/health`, and the web UI.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import cors from '@fastify/cors';
import { v7 as uuidv7 } from 'uuid';
import { EngramError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { keyMatches, presentedKey } from './auth';
import { openApiDocument } from './openapi';
import { memoryRoutes } from './memory-routes';
import { eventStream } from './event-stream';
import { registerWebUi } from './web-ui';
import { blobRoutes, mediaRoutes } from './media-routes';

export interface HttpOptions {
  apiKey: string;
  /** Origins allowed by CORS; none by default. */
  corsOrigins?: string[];
  /** Requests per minute per key (or per address before a key is known). */
  rateLimitPerMinute?: number;
  /** Largest JSON body in bytes, except imports. */
  bodyLimit?: number;
  /** Largest import body in bytes (memory imports and vault uploads). */
  importBodyLimit?: number;
  /** How often an idle event stream gets a keep-alive comment. */
  eventKeepAliveMs?: number;
  /** Folder of the built web UI, served at `/` when present. */
  webRoot?: string;
  logLevel?: string;
  version?: string;
}

/** Handlers whose input is a whole library's worth of data: they get the import body limit. */
const BULK_HANDLERS = ['vault.importFiles'];

export async function createHttpServer(engine: Engine, opts: HttpOptions): Promise<FastifyInstance> {
  const importBodyLimit = opts.importBodyLimit ?? 200 * 1024 * 1024;
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info' },
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    bodyLimit: opts.bodyLimit ?? 10 * 1024 * 1024,
  });

  // `Content-Type: application/json` with an empty body is `{}`, so body-less POSTs like /export just work.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (!text) return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new EngramError('invalid_input', `The request body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.setErrorHandler((err, req, reply) => {
    const e = toEngramError(err as FastifyError);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return reply.status(e.status).send(e.toBody(req.id));
  });
  const web = opts.webRoot ? await registerWebUi(app, opts.webRoot) : null;
  // Deep links reach the app without a key: the page holds no data, and signs in by key itself.
  app.setNotFoundHandler((req, reply) =>
    web?.isNavigation(req)
      ? web.toApp(req, reply)
      : reply.status(404).send(new EngramError('not_found', `No route ${req.method} ${req.url}`).toBody(req.id)),
  );

  if (opts.corsOrigins?.length) await app.register(cors, { origin: opts.corsOrigins });

  app.get('/health', async () => ({ status: 'ok', library: engine.dir, version: opts.version ?? '0.0.0' }));

  await app.register(async (api) => {
    api.addHook('onRequest', async (req) => {
      if (!keyMatches(opts.apiKey, presentedKey(req.headers))) {
        throw new EngramError('unauthorized', 'A valid API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
      }
    });
    await api.register(rateLimit, {
      max: opts.rateLimitPerMinute ?? 600,
      timeWindow: '1 minute',
      keyGenerator: (req) => presentedKey(req.headers) ?? req.ip,
      errorResponseBuilder: (_req, ctx) =>
        new EngramError('rate_limited', `Too many requests: at most ${ctx.max} a minute; try again in ${ctx.after}`),
    });

    api.get('/openapi.json', async () => openApiDocument(registry, opts.version ?? '0.0.0'));
    api.post<{ Params: { handler: string } }>('/api/v1/:handler', async (req) =>
      invoke(registry, engine, req.params.handler, req.body),
    );
    for (const name of BULK_HANDLERS) {
      api.post(`/api/v1/${name}`, { bodyLimit: importBodyLimit }, async (req) => invoke(registry, engine, name, req.body));
    }
    await api.register(eventStream(engine, { keepAliveMs: opts.eventKeepAliveMs ?? 20_000 }));
    await api.register(memoryRoutes(engine, { importBodyLimit }));
    await api.register(mediaRoutes(engine));
  });
  await app.register(blobRoutes(engine));
  return app;
}

function toEngramError(err: FastifyError | EngramError): EngramError {
  if (err instanceof EngramError) return err;
  const code = (err as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new EngramError('payload_too_large', 'The request body is larger than this server accepts');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new EngramError('invalid_input', 'Send the body as application/json');
  }
  if (err.statusCode === 429) return new EngramError('rate_limited', err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new EngramError('invalid_input', err.message);
  return new EngramError('internal', 'Something went wrong inside Engram; the request id in this response is in the log');
}
