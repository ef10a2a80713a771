/**
 * Limits, audit, metrics and storage: oversized messages close with 1009, floods with 1008; joins, leaves
 * and refusals are audited; /metrics counts; encrypted rooms reach SQLite only as opaque ciphertext.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Relay } from './server';
import { connect, http, login, makeKey, makeRoom, metric, removeTempDirs, startRelay, tempDb, waitFor, type Client } from './test-helpers';

const open: { clients: Client[]; relays: Relay[] } = { clients: [], relays: [] };
afterEach(async () => {
  for (const c of open.clients.splice(0)) c.destroy();
  for (const r of open.relays.splice(0)) await r.close();
});
afterAll(removeTempDirs);

async function relayWithRoom(room: string, opts: Parameters<typeof startRelay>[0] = {}) {
  const db = tempDb();
  const relay = await startRelay({ db, ...opts });
  open.relays.push(relay);
  const owner = makeKey();
  const token = await login(relay, owner);
  await makeRoom(relay, token, room);
  return { relay, owner, token, db };
}

function client(relay: Relay, room: string, token: string | null): Client {
  const c = connect(relay, room, token);
  open.clients.push(c);
  return c;
}

const closeCode = (c: Client) => waitFor(() => c.log.closeCodes.length > 0, 'socket closed').then(() => c.log.closeCodes[0]);

describe('relay limits, audit and metrics', () => {
  it('closes a connection that sends a message over the size limit with 1009', async () => {
    const { relay, owner, token } = await relayWithRoom('big', { limits: { maxMessageBytes: 64 * 1024 } });
    const c = client(relay, 'big', token);
    await waitFor(() => c.provider.synced, 'synced');
    c.doc.getText('t').insert(0, 'x'.repeat(100 * 1024));
    expect(await closeCode(c)).toBe(1009);
    c.provider.disconnect();
    await waitFor(() => relay.audit.recent({ room: 'big' }).some((r) => r.event === 'leave'), 'leave audited');
    const leave = relay.audit.recent({ room: 'big' }).find((r) => r.event === 'leave');
    expect(leave).toMatchObject({ publicKey: owner.publicKey, reason: 'message_too_large' });
    const m = (await http(relay, 'GET', '/metrics')).body as string;
    expect(metric(m, 'engram_relay_closes_total', '{reason="message_too_large"}')).toBe(1);
  });

  it('closes a flooding connection with 1008, and audits join, leave and refusal', async () => {
    const { relay, owner, token, db: dbFile } = await relayWithRoom('flood', { limits: { maxMessagesPerSecond: 20 } });
    const c = client(relay, 'flood', token);
    await waitFor(() => c.provider.synced, 'synced');
    // Each insert outside a transaction is its own update message.
    for (let i = 0; i < 200; i++) c.doc.getText('t').insert(0, 'a');
    expect(await closeCode(c)).toBe(1008);
    c.provider.disconnect();

    const refused = client(relay, 'flood', null);
    await waitFor(() => refused.log.statuses.length > 0, 'refused');
    refused.provider.disconnect();

    await waitFor(() => relay.audit.recent({ room: 'flood' }).some((r) => r.event === 'leave'), 'leave audited');
    const rows = relay.audit.recent({ room: 'flood' }).reverse();
    const join = rows.find((r) => r.event === 'join');
    expect(join).toMatchObject({ publicKey: owner.publicKey, remote: '127.0.0.1' });
    expect(rows.find((r) => r.event === 'leave')).toMatchObject({ publicKey: owner.publicKey, reason: 'rate_limited' });
    expect(rows.find((r) => r.event === 'refuse')).toMatchObject({ publicKey: null, reason: 'no_token' });
    expect(rows.map((r) => r.event).indexOf('join')).toBeLessThan(rows.map((r) => r.event).indexOf('leave'));
    // The audit log is append-only.
    const db = new Database(dbFile);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET reason = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('reports connections, rooms, messages, bytes and refusals on /metrics and /health', async () => {
    const { relay, token } = await relayWithRoom('counted');
    const a = client(relay, 'counted', token);
    const b = client(relay, 'counted', token);
    a.doc.getText('t').insert(0, 'counted');
    await waitFor(() => b.doc.getText('t').toString() === 'counted', 'synced');
    const refused = client(relay, 'counted', 'not-a-token');
    await waitFor(() => refused.log.statuses.length > 0, 'refused');
    refused.provider.disconnect();

    const res = await fetch(`${relay.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const m = await res.text();
    expect(metric(m, 'engram_relay_connections')).toBe(2);
    expect(metric(m, 'engram_relay_connections_total')).toBe(2);
    expect(metric(m, 'engram_relay_rooms_loaded')).toBe(1);
    expect(metric(m, 'engram_relay_tokens_issued_total')).toBe(1);
    expect(metric(m, 'engram_relay_messages_total', '{direction="in"}')).toBeGreaterThanOrEqual(4);
    expect(metric(m, 'engram_relay_messages_total', '{direction="out"}')).toBeGreaterThanOrEqual(4);
    expect(metric(m, 'engram_relay_bytes_total', '{direction="in"}')).toBeGreaterThan(7);
    expect(metric(m, 'engram_relay_refusals_total', '{reason="token_invalid"}')).toBeGreaterThanOrEqual(1);
    expect(m).toMatch(/^# TYPE engram_relay_connections gauge$/m);

    const health = await http(relay, 'GET', '/health');
    expect(health.body).toEqual({ status: 'ok', connections: 2, roomsLoaded: 1, rooms: 1 });
  });

  it('caps connections and owned rooms per key with 429', async () => {
    const { relay, token } = await relayWithRoom('capped', { limits: { maxConnectionsPerKey: 2, maxRoomsPerKey: 1 } });
    const a = client(relay, 'capped', token);
    const b = client(relay, 'capped', token);
    await waitFor(() => a.provider.synced && b.provider.synced, 'two connections');
    const third = client(relay, 'capped', token);
    await waitFor(() => third.log.statuses.length > 0, 'third refused');
    expect(third.log.statuses[0]).toBe(429);
    expect(third.log.messages).toBe(0);
    third.provider.disconnect();
    const second = await http(relay, 'PUT', '/rooms/another', undefined, token);
    expect(second).toMatchObject({ status: 429, body: { error: 'too_many_rooms' } });
  });

  it('stores encrypted rooms as opaque blobs: no plaintext reaches the SQLite file, and compaction drops replaced envelopes', async () => {
    const db = tempDb();
    const relay = await startRelay({ db, limits: { compactAfter: 3 } });
    open.relays.push(relay);
    const owner = makeKey();
    const token = await login(relay, owner);
    await makeRoom(relay, token, 'sealed');
    await makeRoom(relay, token, 'plain');

    // The client side of an encrypted room: real updates sealed with XChaCha20-Poly1305 under a room key the
    // relay never sees, pushed as envelopes into a Y.Array.
    const roomKey = crypto.randomBytes(32);
    const seal = (update: Uint8Array) => {
      const nonce = crypto.randomBytes(24);
      return new Uint8Array(Buffer.concat([nonce, xchacha20poly1305(roomKey, nonce).encrypt(update)]));
    };
    const open_ = (envelope: Uint8Array) => xchacha20poly1305(roomKey, envelope.subarray(0, 24)).decrypt(envelope.subarray(24));
    const SECRET = 'SECRET-MARKER-7f3a9c';
    const CONTROL = 'PLAIN-CONTROL-4b1d2e';

    const real = new Y.Doc();
    const sealedUpdates: Uint8Array[] = [];
    real.on('update', (u: Uint8Array) => sealedUpdates.push(seal(u)));
    for (let i = 0; i < 5; i++) real.getText('body').insert(real.getText('body').length, `${SECRET}-${i} `);

    const writer = client(relay, 'sealed', token);
    const reader = client(relay, 'sealed', token);
    const envelopes = writer.doc.getArray<Uint8Array>('envelopes');
    for (const e of sealedUpdates) envelopes.push([e]);
    await waitFor(() => reader.doc.getArray('envelopes').length === 5, 'envelopes relayed');
    // A member decrypts what the relay carried.
    const mirror = new Y.Doc();
    for (const e of reader.doc.getArray<Uint8Array>('envelopes').toArray()) Y.applyUpdate(mirror, open_(e));
    expect(mirror.getText('body').toString()).toContain(`${SECRET}-4`);

    // The client compacts: one sealed snapshot replaces the envelopes it covers.
    const snapshot = seal(Y.encodeStateAsUpdate(real));
    writer.doc.transact(() => {
      envelopes.delete(0, envelopes.length);
      envelopes.push([snapshot]);
    });
    await waitFor(() => reader.doc.getArray('envelopes').length === 1, 'snapshot relayed');

    const plain = client(relay, 'plain', token);
    const plainReader = client(relay, 'plain', token);
    plain.doc.getText('t').insert(0, CONTROL);
    await waitFor(() => plainReader.doc.getText('t').toString() === CONTROL, 'plain relayed');

    for (const c of open.clients.splice(0)) c.destroy();
    await relay.close();

    const file = Buffer.concat([db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(file.includes(CONTROL)).toBe(true); // the scan does find plaintext when there is some
    expect(file.includes(SECRET)).toBe(false);

    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite.prepare("SELECT typeof(data) AS type, data FROM updates WHERE room = 'sealed'").all() as { type: string; data: Buffer }[];
    sqlite.close();
    expect(rows.length).toBe(1);
    expect(rows.every((r) => r.type === 'blob')).toBe(true);
    const stored = Buffer.concat(rows.map((r) => r.data));
    expect(stored.includes(Buffer.from(snapshot))).toBe(true);
    // Envelopes the snapshot replaced are gone from the stored state, not merged along forever.
    for (const e of sealedUpdates) expect(stored.includes(Buffer.from(e.subarray(24)))).toBe(false);
  });
});
