/**
 * Rooms in memory and the y-websocket protocol spoken in them (sync and awareness over lib0 encoding, as
 * @y/websocket-server's utils do, without its process-wide state and LevelDB import).
 *
 * A room is loaded from SQLite before its socket is even accepted, so the first sync step a client gets
 * already holds everything stored. Each update the room's doc integrates is committed to SQLite before it is
 * broadcast. A room without connections for `idleMs` is dropped from memory. The relay treats the doc as
 * opaque Yjs data: in private and circle rooms it is a Y.Array of ciphertext envelopes.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import type { Audit } from './audit';
import { CLOSE, MessageRate, type RelayLimits } from './limits';
import type { Metrics } from './metrics';
import type { UpdateStore } from './store';

// y-websocket message types (see y-websocket's provider). Auth (2) is not used: access is settled at upgrade.
const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;

interface Conn {
  readonly ws: WebSocket;
  readonly key: string;
  readonly remote: string | null;
  /** Awareness client ids this connection set, removed for everyone when it leaves. */
  readonly ids: Set<number>;
  readonly rate: MessageRate;
  alive: boolean;
  /** Why the relay is closing it; once set, further messages are ignored. */
  reason: string | null;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Map<WebSocket, Conn>();
  /** Upgrades accepted for this room but not attached yet; a reserved room is never unloaded. */
  pending = 0;
  /** Rows of this room in SQLite, to know when to compact. */
  stored = 0;
  idleTimer: NodeJS.Timeout | null = null;
  failed = false;

  constructor(readonly name: string) {
    // The relay has no presence of its own.
    this.awareness.setLocalState(null);
  }
}

export interface RoomsDeps {
  updates: UpdateStore;
  audit: Audit;
  metrics: Metrics;
  limits: RelayLimits;
  log: Logger;
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly perKey = new Map<string, number>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(private readonly d: RoomsDeps) {
    this.pingTimer = setInterval(() => this.ping(), d.limits.pingMs);
    this.pingTimer.unref();
  }

  get loaded(): number {
    return this.rooms.size;
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.conns.size;
    return n;
  }

  connectionsOf(key: string): number {
    return this.perKey.get(key) ?? 0;
  }

  isLoaded(name: string): boolean {
    return this.rooms.has(name);
  }

  /**
   * Loads the room if needed and holds it for an upgrade about to complete. Follow with `attach`, or with
   * `release` when the upgrade did not happen.
   */
  reserve(name: string): Room {
    const room = this.rooms.get(name) ?? this.load(name);
    room.pending += 1;
    if (room.idleTimer) {
      clearTimeout(room.idleTimer);
      room.idleTimer = null;
    }
    return room;
  }

  release(room: Room): void {
    room.pending -= 1;
    this.maybeIdle(room);
  }

  attach(room: Room, ws: WebSocket, key: string, remote: string | null): void {
    room.pending -= 1;
    const conn: Conn = {
      ws,
      key,
      remote,
      ids: new Set(),
      rate: new MessageRate(this.d.limits.maxMessagesPerSecond),
      alive: true,
      reason: null,
    };
    room.conns.set(ws, conn);
    this.perKey.set(key, this.connectionsOf(key) + 1);
    this.d.metrics.connectionsTotal += 1;
    this.d.audit.record({ event: 'join', room: room.name, publicKey: key, remote });

    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(room, conn, data, isBinary));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err) => {
      // ws has already sent the close frame (1009 for an oversized message); record why.
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.markClosed(conn, 'message_too_large');
      else this.markClosed(conn, 'socket_error');
      this.d.log.debug({ room: room.name, err: err.message }, 'socket error');
    });
    ws.on('close', (code) => this.detach(room, conn, code));

    // The server opens with its sync step 1, as the reference server does; the client answers with what we miss.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    this.send(conn, encoding.toUint8Array(encoder));
    const states = room.awareness.getStates();
    if (states.size > 0) this.send(conn, awarenessMessage(room.awareness, [...states.keys()]));
  }

  /** Closes the open connections of `key` in `name` (a member removed from the ACL). */
  kick(name: string, key: string, code: number, reason: string): void {
    const room = this.rooms.get(name);
    if (!room) return;
    for (const conn of room.conns.values()) if (conn.key === key) this.drop(conn, code, reason);
  }

  /** Closes every connection (1001, so clients reconnect) and drops all rooms. */
  async close(graceMs = 1000): Promise<void> {
    clearInterval(this.pingTimer);
    const closing: Promise<void>[] = [];
    for (const room of this.rooms.values()) {
      for (const conn of room.conns.values()) {
        if (conn.ws.readyState !== WebSocket.CLOSED) {
          closing.push(new Promise((resolve) => conn.ws.once('close', () => resolve())));
        }
        this.drop(conn, CLOSE.goingAway, 'shutdown');
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(closing), grace]);
    clearTimeout(timer);
    for (const room of [...this.rooms.values()]) {
      for (const conn of room.conns.values()) conn.ws.terminate();
      room.conns.clear();
      this.unload(room, true);
    }
    this.perKey.clear();
  }

  private load(name: string): Room {
    const room = new Room(name);
    const stored = this.d.updates.load(name);
    if (stored.length > 0) {
      // Applied before the update listener exists, so what came from SQLite is not written back.
      Y.applyUpdate(room.doc, stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored));
    }
    room.stored = stored.length;
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(room, update, origin));
    room.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.onAwareness(room, changes, origin));
    this.rooms.set(name, room);
    this.d.metrics.roomLoads += 1;
    if (room.stored > this.d.limits.compactAfter) this.compact(room);
    this.d.log.debug({ room: name, updates: stored.length }, 'room loaded');
    return room;
  }

  private unload(room: Room, force = false): void {
    if (!force && (room.conns.size > 0 || room.pending > 0)) return;
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
    // Leave one row behind, so the next load reads a single snapshot.
    if (!room.failed && room.stored > 1) this.compact(room);
    room.awareness.destroy();
    room.doc.destroy();
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.d.metrics.roomUnloads += 1;
    this.d.log.debug({ room: room.name }, 'room unloaded');
  }

  private maybeIdle(room: Room): void {
    if (room.failed || room.conns.size > 0 || room.pending > 0 || room.idleTimer) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      this.unload(room);
    }, this.d.limits.idleMs);
    room.idleTimer.unref();
  }

  private onUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    try {
      this.d.updates.append(room.name, update);
      room.stored += 1;
    } catch (err) {
      // Not stored, so not acknowledged to anyone: close the room's sockets. Clients keep their edits and
      // send them again in the sync that follows their reconnect, against a room reloaded from disk.
      this.d.log.error({ room: room.name, err }, 'storing an update failed; closing the room');
      this.fail(room);
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const conn of room.conns.values()) if (conn.ws !== origin) this.send(conn, message);
    if (room.stored > this.d.limits.compactAfter) this.compact(room);
  }

  /**
   * Replaces the room's rows with one snapshot. The snapshot is the garbage-collected state of the loaded doc
   * rather than `Y.mergeUpdates` of the rows: merging keeps the content of deleted items, so ciphertext
   * envelopes that clients replaced with a snapshot would be stored forever; the gc'd state drops them.
   */
  private compact(room: Room): void {
    try {
      this.d.updates.replace(room.name, Y.encodeStateAsUpdate(room.doc));
      room.stored = 1;
      this.d.metrics.compactions += 1;
    } catch (err) {
      // The rows are still all there; compaction is retried after the next update.
      this.d.log.error({ room: room.name, err }, 'compacting a room failed');
    }
  }

  private onAwareness(room: Room, { added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const conn = origin instanceof WebSocket ? room.conns.get(origin) : undefined;
    if (conn) {
      for (const id of added) conn.ids.add(id);
      for (const id of removed) conn.ids.delete(id);
    }
    const message = awarenessMessage(room.awareness, [...added, ...updated, ...removed]);
    for (const c of room.conns.values()) this.send(c, message);
  }

  private onMessage(room: Room, conn: Conn, data: RawData, isBinary: boolean): void {
    const bytes = toBytes(data);
    this.d.metrics.message('in', bytes.byteLength);
    if (conn.reason !== null) return;
    if (!conn.rate.take()) return this.drop(conn, CLOSE.policy, 'rate_limited');
    if (!isBinary) return this.drop(conn, CLOSE.protocolError, 'bad_message');
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MSG_SYNC: {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MSG_SYNC);
          // The socket is the transaction origin, so the update is not echoed back to its sender.
          syncProtocol.readSyncMessage(decoder, encoder, room.doc, conn.ws);
          // Only the message type was written: nothing to answer.
          if (encoding.length(encoder) > 1) this.send(conn, encoding.toUint8Array(encoder));
          break;
        }
        case MSG_AWARENESS:
          awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), conn.ws);
          break;
        case MSG_QUERY_AWARENESS:
          this.send(conn, awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
          break;
        case MSG_AUTH:
          break;
        default:
          this.drop(conn, CLOSE.protocolError, 'bad_message');
      }
    } catch (err) {
      this.d.log.debug({ room: room.name, err: (err as Error).message }, 'undecodable message');
      this.drop(conn, CLOSE.protocolError, 'bad_message');
    }
  }

  private send(conn: Conn, message: Uint8Array): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    // A client that does not read would make us buffer without bound.
    if (conn.ws.bufferedAmount > this.d.limits.maxBufferedBytes) return this.drop(conn, CLOSE.policy, 'slow_consumer');
    this.d.metrics.message('out', message.byteLength);
    conn.ws.send(message, (err) => {
      if (err) conn.ws.terminate();
    });
  }

  private markClosed(conn: Conn, reason: string): void {
    if (conn.reason !== null) return;
    conn.reason = reason;
    this.d.metrics.closed(reason);
  }

  private drop(conn: Conn, code: number, reason: string): void {
    if (conn.reason !== null) return;
    this.markClosed(conn, reason);
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  private detach(room: Room, conn: Conn, code: number): void {
    if (!room.conns.delete(conn.ws)) return;
    const left = this.connectionsOf(conn.key) - 1;
    if (left > 0) this.perKey.set(conn.key, left);
    else this.perKey.delete(conn.key);
    if (conn.ids.size > 0 && !room.failed) awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.ids], null);
    this.d.audit.record({
      event: 'leave',
      room: room.name,
      publicKey: conn.key,
      remote: conn.remote,
      reason: conn.reason ?? `client_closed:${code}`,
    });
    this.maybeIdle(room);
  }

  private fail(room: Room): void {
    room.failed = true;
    // Gone from the map at once, so the next connection reloads what SQLite really holds.
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    for (const conn of room.conns.values()) this.drop(conn, CLOSE.internalError, 'storage_error');
    room.awareness.destroy();
  }

  private ping(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns.values()) {
        if (!conn.alive) {
          this.markClosed(conn, 'timeout');
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

function toBytes(data: RawData): Uint8Array {
  const buf = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
