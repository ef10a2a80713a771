/**
 * `GET /api/v1/events`: every engine event as Server-Sent Events (`event: <name>` / `data: <json>`), so web mode
 * hears the same events the desktop app gets over IPC. Registered inside the authenticated scope.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine';

export const eventStream = (engine: Engine, opts: { keepAliveMs: number }) => async (app: FastifyInstance) => {
  const open = new Set<ServerResponse>();
  // An open stream would hold `close()` forever: end them all first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/v1/events', (req, reply) => {
    reply.hijack(); // The stream outlives the handler; fastify's onSend hooks never run, so set headers here.
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // Proxies such as nginx would otherwise hold events back.
      'x-content-type-options': 'nosniff',
      'x-request-id': req.id,
    });
    res.write(': connected\n\n');
    // JSON.stringify escapes newlines, so each payload is exactly one `data:` line.
    const off = engine.events.onAny((name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
    // Comments keep idle proxies and load balancers from cutting a quiet stream.
    const ping = setInterval(() => res.write(': keep-alive\n\n'), opts.keepAliveMs);
    open.add(res);
    res.on('close', () => {
      off();
      clearInterval(ping);
      open.delete(res);
    });
  });
};
