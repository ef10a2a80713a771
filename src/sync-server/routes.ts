/**
 * The relay's HTTP API: challenge and token, room claim and membership, health and metrics. Every body is
 * parsed with zod before use; errors are `{error, message}` with a stable code.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { z } from 'zod';
import type { Acl } from './acl';
import type { Audit } from './audit';
import { bearer, type Auth } from './auth';
import { RelayError } from './errors';
import { CLOSE, type RelayLimits } from './limits';
import type { Metrics } from './metrics';
import type { Rooms } from './rooms';
import { ChallengeRequest, MembersRequest, RoomName, TokenRequest } from './schemas';

export interface RouteDeps {
  auth: Auth;
  acl: Acl;
  audit: Audit;
  rooms: Rooms;
  metrics: Metrics;
  limits: RelayLimits;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new RelayError(400, 'invalid_input', detail);
  }
  return r.data;
}

export async function registerRoutes(app: FastifyInstance, d: RouteDeps): Promise<void> {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof RelayError) return reply.status(err.status).send(err.toBody());
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.status(status).send({ error: status >= 500 ? 'internal' : 'bad_request', message: (err as Error).message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` }),
  );

  /** The key a request's bearer token speaks for. */
  const caller = async (req: FastifyRequest): Promise<string> => d.auth.verifyToken(bearer(req.headers.authorization));

  const roomParam = (req: FastifyRequest): string => parse(RoomName, (req.params as { room?: string }).room);

  app.get('/health', async () => ({
    status: 'ok',
    connections: d.rooms.connections,
    roomsLoaded: d.rooms.loaded,
    rooms: d.acl.rooms(),
  }));

  app.get('/metrics', async (_req, reply: FastifyReply) =>
    reply
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(d.metrics.render({ connections: d.rooms.connections, roomsLoaded: d.rooms.loaded })),
  );

  await app.register(async (authApi) => {
    // Signing is cheap for us but a flood of challenges fills a table; a per-address cap keeps it small.
    await authApi.register(rateLimit, { max: d.limits.authRequestsPerMinute, timeWindow: '1 minute' });

    authApi.post('/auth/challenge', async (req) => {
      const { publicKey } = parse(ChallengeRequest, req.body);
      return d.auth.issueChallenge(publicKey);
    });

    authApi.post('/auth/token', async (req) => {
      const body = parse(TokenRequest, req.body);
      try {
        const token = await d.auth.issueToken(body.publicKey, body.challenge, body.signature);
        d.metrics.tokensIssued += 1;
        return token;
      } catch (err) {
        if (err instanceof RelayError) {
          d.metrics.refused(err.code);
          d.audit.record({ event: 'refuse', publicKey: body.publicKey, reason: err.code, remote: req.ip });
        }
        throw err;
      }
    });
  });

  // Claims a room: the first authenticated key to PUT it becomes its owner.
  app.put('/rooms/:room', async (req, reply) => {
    const room = roomParam(req);
    const key = await caller(req);
    const result = d.acl.create(room, key, d.limits.maxRoomsPerKey);
    if (result === 'created') d.audit.record({ event: 'room_create', room, publicKey: key, remote: req.ip });
    return reply.status(result === 'created' ? 201 : 200).send({ room, members: d.acl.members(room) });
  });

  app.get('/rooms/:room/members', async (req) => {
    const room = roomParam(req);
    const key = await caller(req);
    if (d.acl.role(room, key) === null) throw new RelayError(403, 'not_member', 'Only members see who is in a room');
    return { room, members: d.acl.members(room) };
  });

  // Owners add (or re-role) and remove members. Open sockets of removed keys are closed at once.
  app.post('/rooms/:room/members', async (req) => {
    const room = roomParam(req);
    const key = await caller(req);
    if (d.acl.role(room, key) !== 'owner') {
      throw new RelayError(403, 'not_owner', 'Only an owner of the room changes its members');
    }
    const body = parse(MembersRequest, req.body);
    const { removed } = d.acl.change(room, body.add, body.remove);
    for (const m of body.add) {
      d.audit.record({ event: 'member_add', room, publicKey: m.publicKey, reason: `${m.role} by ${key}`, remote: req.ip });
    }
    for (const k of removed) {
      d.audit.record({ event: 'member_remove', room, publicKey: k, reason: `by ${key}`, remote: req.ip });
      d.rooms.kick(room, k, CLOSE.revoked, 'removed from room');
    }
    return { room, members: d.acl.members(room) };
  });
}
