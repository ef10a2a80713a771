/**
 * The self-hosted sync relay: fastify for the HTTP API, and websocket upgrades handled on the same server.
 *
 * Upgrades are checked before the handshake completes: token, then the room's ACL, then per-key limits. A
 * refused upgrade gets a plain HTTP 401/403/429 and the socket is closed, so a refused client never becomes a
 * websocket and cannot receive a single byte of document data.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino, { type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { Acl } from './acl';
import { Audit } from './audit';
import { Auth } from './auth';
import { RelayError } from './errors';
import { resolveLimits, type RelayLimits } from './limits';
import { Metrics } from './metrics';
import { Rooms, type Room } from './rooms';
import { registerRoutes } from './routes';
import { RoomName } from './schemas';
import { openStore, UpdateStore } from './store';

export interface RelayOptions {
  /** SQLite file (created when missing). */
  db: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  limits?: Partial<RelayLimits>;
  /** Wall clock in ms, for token and challenge expiry and audit times. Injectable so tests can expire tokens. */
  now?: () => number;
  logger?: Logger;
}

export interface Relay {
  /** `http://host:port`; websocket clients use the same address with ws:. */
  url: string;
  port: number;
  /** Read access for tests and tooling. */
  audit: Audit;
  close(): Promise<void>;
}

export async function createRelay(opts: RelayOptions): Promise<Relay> {
  const now = opts.now ?? Date.now;
  const limits = resolveLimits(opts.limits);
  const log = opts.logger ?? pino({ level: 'info' });
  const db = openStore(opts.db);
  const auth = new Auth(db, now);
  const acl = new Acl(db, now);
  const audit = new Audit(db, now);
  const metrics = new Metrics();
  const rooms = new Rooms({ updates: new UpdateStore(db, now), audit, metrics, limits, log });
  // ws enforces maxPayload itself and closes with 1009; the relay attaches sockets to rooms on its own.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: 64 * 1024 });
  await registerRoutes(app, { auth, acl, audit, rooms, metrics, limits });
  let closing = false;

  const refuse = (socket: Duplex, req: IncomingMessage, err: RelayError, room: string | null, key: string | null) => {
    metrics.refused(err.code);
    audit.record({ event: 'refuse', room, publicKey: key, reason: err.code, remote: req.socket.remoteAddress ?? null });
    log.info({ room, reason: err.code, status: err.status }, 'websocket refused');
    if (socket.writable) {
      const body = JSON.stringify(err.toBody());
      socket.end(
        `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status]}\r\n` +
          'Connection: close\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref();
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => socket.destroy());
    // The token travels as ?token= because browsers cannot set headers on a websocket; never log the URL.
    const url = new URL(req.url ?? '/', 'http://relay');
    let room: string | null = null;
    let key: string | null = null;
    try {
      if (closing) throw new RelayError(503, 'shutting_down', 'The relay is shutting down');
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice(1));
      } catch {
        throw new RelayError(400, 'bad_room', 'The room name is not valid');
      }
      const parsed = RoomName.safeParse(name);
      if (!parsed.success) throw new RelayError(400, 'bad_room', 'The room name is not valid');
      room = parsed.data;
      const authz = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      key = await auth.verifyToken(url.searchParams.get('token') ?? authz);
      if (closing) throw new RelayError(503, 'shutting_down', 'The relay is shutting down');
      // A room that does not exist has no members, so this also answers 403 for it: no way to probe names.
      if (acl.role(room, key) === null) throw new RelayError(403, 'not_member', 'This key is not a member of the room');
      if (rooms.connectionsOf(key) >= limits.maxConnectionsPerKey) {
        throw new RelayError(429, 'too_many_connections', `At most ${limits.maxConnectionsPerKey} connections per key`);
      }
    } catch (err) {
      const e = err instanceof RelayError ? err : new RelayError(500, 'internal', 'Upgrade failed');
      if (!(err instanceof RelayError)) log.error({ err }, 'upgrade failed');
      return refuse(socket, req, e, room, key ?? e.publicKey);
    }
    if (socket.destroyed) return;
    // Loaded (synchronously, from SQLite) before the handshake, so the first sync step is answered in full.
    let reserved: Room;
    try {
      reserved = rooms.reserve(room);
    } catch (err) {
      log.error({ err, room }, 'loading a room failed');
      return refuse(socket, req, new RelayError(500, 'room_load_failed', 'The room could not be loaded'), room, key);
    }
    let attached = false;
    const member = key;
    wss.handleUpgrade(req, socket, head, (ws) => {
      attached = true;
      rooms.attach(reserved, ws, member, req.socket.remoteAddress ?? null);
    });
    // ws completes the handshake synchronously when it can; otherwise it has already destroyed the socket.
    if (!attached) rooms.release(reserved);
  };

  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err }, 'upgrade handler failed');
      socket.destroy();
    });
  });

  try {
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    // Port taken or host unknown: leave nothing open behind.
    await rooms.close();
    db.close();
    throw err;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The relay is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    audit,
    async close() {
      if (closing) return;
      closing = true;
      await rooms.close();
      wss.close();
      await app.close();
      db.close();
    },
  };
}
